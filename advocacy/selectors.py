from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from django.http import Http404
from django.utils import timezone

from accounts.models import User
from meetings.models import Meeting, PreparationStep, YoungPersonRequest
from meetings.selectors import ChecklistRow, preparation_steps, with_next_meeting
from participation.models import YoungPerson

from .models import AdvocacyEvent, AdvocateAssignment, Representation


def young_people_advocated_for(*, user: User) -> list[YoungPerson]:
    """Whom an advocate works for, each with their next meeting (which the assignment lets
    them open); what else they see comes from the young person's choices."""
    assignments = (
        AdvocateAssignment.objects.visible_to(user)
        .in_force(timezone.localdate())
        .filter(advocate=user)
        .values("young_person_id")
    )
    return list(
        with_next_meeting(YoungPerson.objects.filter(pk__in=assignments)).order_by(
            "preferred_name", "id"
        )
    )


def peer_support_asked(*, young_person: YoungPerson) -> YoungPersonRequest | None:
    """Their ask for a peer supporter that nobody has answered yet, if there is one."""
    return (
        YoungPersonRequest.objects.filter(
            young_person=young_person,
            kind=YoungPersonRequest.Kind.PEER_SUPPORTER,
            answered_at__isnull=True,
        )
        .select_related("owner")
        .order_by("opened_at")
        .first()
    )


def peer_supporter_in_force(*, young_person: YoungPerson) -> bool:
    """Whether a peer supporter works with them now (the portal says so, naming nobody)."""
    return (
        AdvocateAssignment.objects.in_force(timezone.localdate())
        .filter(young_person=young_person, advocate_type=AdvocateAssignment.Type.PEER_SUPPORTER)
        .exists()
    )


def advocacy_latest(*, young_person: YoungPerson) -> AdvocacyEvent | None:
    """Where advocacy stands now for this young person: the newest event, or nothing yet."""
    return AdvocacyEvent.objects.filter(young_person=young_person).order_by("-recorded_at").first()


def preparation_checklist(*, meeting: Meeting) -> list[ChecklistRow]:
    """Each preparation step with its state now: the meeting's own steps, and the advocacy
    step from where advocacy stands for the young person. Three queries whatever the history."""
    rows = preparation_steps(meeting=meeting)
    advocacy = (
        AdvocacyEvent.objects.filter(young_person_id=meeting.young_person_id)
        .select_related("recorded_by")
        .order_by("-recorded_at")
        .first()
    )
    step = PreparationStep.ADVOCACY
    rows[step] = ChecklistRow(
        step=step,
        label=step.label,
        done=advocacy is not None,
        state=advocacy.get_state_display() if advocacy else "Not offered yet",
        happened_on=timezone.localdate(advocacy.recorded_at) if advocacy else None,
        recorded_by=advocacy.recorded_by.name_on_records if advocacy else "",
        recordable=False,
    )
    return [rows[step] for step in PreparationStep]


def advocacy_history(*, user: User, young_person: YoungPerson) -> list[AdvocacyEvent]:
    return list(
        AdvocacyEvent.objects.visible_to(user)
        .filter(young_person=young_person)
        .select_related("recorded_by", "meeting")
        .order_by("-recorded_at")
    )


def assignments_for(*, young_person: YoungPerson) -> list[AdvocateAssignment]:
    """For pages that already checked the user may see this young person's record."""
    return list(
        AdvocateAssignment.objects.filter(young_person=young_person)
        .select_related("advocate__organisation")
        .order_by("-starts_on")
    )


def assignment_get(*, young_person: YoungPerson, assignment_id: UUID) -> AdvocateAssignment:
    """One of this young person's assignments (their record is already the user's to see)."""
    try:
        return AdvocateAssignment.objects.select_related("young_person", "advocate").get(
            pk=assignment_id, young_person=young_person
        )
    except AdvocateAssignment.DoesNotExist:
        raise Http404 from None


def representations_for(*, user: User, meeting: Meeting) -> list[Representation]:
    return list(
        Representation.objects.visible_to(user)
        .filter(meeting=meeting)
        .select_related("assignment")
        .order_by("recorded_at")
    )


def representation_get(*, user: User, meeting: Meeting, representation_id: UUID) -> Representation:
    try:
        return (
            Representation.objects.visible_to(user)
            .select_related("meeting__young_person")
            .get(pk=representation_id, meeting=meeting)
        )
    except Representation.DoesNotExist:
        raise Http404 from None


@dataclass(frozen=True)
class OfferFigures:
    team: str
    offered: int
    accepted: int
    declined: int


def advocacy_offer_figures(*, since: datetime) -> list[OfferFigures]:
    """Offers made, accepted and declined since a date, per team (counts only, never whose).

    An answer counts for the team that made the offer it answers; one query.
    """
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    offering_team: dict[UUID, str] = {}
    events = (
        AdvocacyEvent.objects.filter(
            state__in=[
                AdvocacyEvent.State.OFFERED,
                AdvocacyEvent.State.ACCEPTED,
                AdvocacyEvent.State.DECLINED,
            ],
            recorded_at__gte=since,
        )
        .order_by("young_person_id", "recorded_at")
        .values_list("young_person_id", "state", "recorded_by__organisation__name")
    )
    for young_person_id, state, organisation in events:
        if state == AdvocacyEvent.State.OFFERED:
            offering_team[young_person_id] = organisation or "No team recorded"
        team = offering_team.get(young_person_id, "Offered before this period")
        counts[team][state] += 1
    return [
        OfferFigures(
            team=team,
            offered=tally[AdvocacyEvent.State.OFFERED],
            accepted=tally[AdvocacyEvent.State.ACCEPTED],
            declined=tally[AdvocacyEvent.State.DECLINED],
        )
        for team, tally in sorted(counts.items())
    ]
