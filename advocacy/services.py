from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Greatest
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from meetings.models import Meeting, YoungPersonRequest
from meetings.selectors import meeting_is_their_own
from meetings.services import request_answered_by_doing_it, request_open
from participation.models import YoungPerson
from participation.selectors import is_on_case_team

from .models import (
    NEXT_ADVOCACY_STATES,
    YOUNG_PERSONS_OWN,
    AdvocacyEvent,
    AdvocateAssignment,
    Representation,
)
from .powers import peer_supporter_match_allowed
from .selectors import advocacy_latest, peer_support_asked


@transaction.atomic
def advocacy_event_record(
    *,
    actor: User,
    young_person: YoungPerson,
    state: str,
    meeting: Meeting | None = None,
    in_their_words: str = "",
    note: str = "",
) -> AdvocacyEvent:
    """The next step in offering advocacy: the case team offers, refers and ends; the young
    person (in the portal, or with their worker) asks, thinks about it, accepts or declines."""
    own = actor.is_young_person and young_person.portal_user_id == actor.pk
    if not (own or is_on_case_team(user=actor, young_person=young_person)):
        raise ValidationError("Only the case team can record advocacy")
    if own and state not in YOUNG_PERSONS_OWN:
        raise ValidationError({"state": "Choose an answer"})
    if meeting is not None and meeting.young_person_id != young_person.pk:
        raise ValidationError({"meeting": "Choose one of their meetings"})
    # Serialise steps for one young person, so two answers cannot both follow one offer.
    YoungPerson.objects.select_for_update().filter(pk=young_person.pk).first()
    latest = advocacy_latest(young_person=young_person)
    allowed = NEXT_ADVOCACY_STATES[latest.state if latest else None]
    if state not in allowed:
        if own and state in {AdvocacyEvent.State.ACCEPTED, AdvocacyEvent.State.DECLINED}:
            raise ValidationError({"state": "There is no offer to answer just now"})
        where = latest.get_state_display().lower() if latest else "nothing recorded yet"
        raise ValidationError({"state": f"That cannot follow where things stand ({where})"})
    event = AdvocacyEvent(
        young_person=young_person,
        meeting=meeting,
        state=state,
        in_their_words=in_their_words.strip(),
        note="" if own else note.strip(),
        recorded_by=actor,
    )
    event.full_clean()
    event.save()
    if own and state == AdvocacyEvent.State.ASKED:
        request_open(
            young_person=young_person,
            kind=YoungPersonRequest.Kind.ADVOCATE,
            meeting=meeting,
            their_words=event.in_their_words,
        )
    return event


PEER_SUPPORTER_REFUSED = "A peer supporter is matched only for a young person who has asked for one"
PEER_SUPPORTER_MATCHED = (
    "We have found you a peer supporter. Your worker will tell you who they are, and how and "
    "when you can meet."
)


@transaction.atomic
def peer_supporter_ask(
    *, actor: User, young_person: YoungPerson, what_would_help: str = ""
) -> YoungPersonRequest:
    """The young person asks for a peer supporter: someone who has been through something
    similar. Their lead professional owns the answer, and their case team matches one."""
    if not (actor.is_young_person and young_person.portal_user_id == actor.pk):
        raise ValidationError("Only the young person can ask for a peer supporter")
    what_would_help = what_would_help.strip()
    if len(what_would_help) > 500:
        raise ValidationError({"what_would_help": "Keep it to 500 characters or fewer"})
    # Serialise asks for one young person, so two presses make one ask.
    YoungPerson.objects.select_for_update().filter(pk=young_person.pk).first()
    if peer_support_asked(young_person=young_person) is not None:
        raise ValidationError("You have already asked. Your worker will reply to you.")
    request = request_open(
        young_person=young_person,
        kind=YoungPersonRequest.Kind.PEER_SUPPORTER,
        their_words=what_would_help,
    )
    if request is None:
        raise ValidationError("There is nobody to ask just now. Talk to someone you trust.")
    return request


@transaction.atomic
def advocate_assign(
    *,
    actor: User,
    young_person: YoungPerson,
    advocate_type: str,
    advocate: User | None,
    named_person: str,
    starts_on: date,
) -> AdvocateAssignment:
    """The case team assigns an advocate, which gives them the young person's meetings and the
    shared agenda (through the access model), and nothing professionals-only."""
    if not is_on_case_team(user=actor, young_person=young_person):
        raise ValidationError("Only the case team can assign an advocate")
    asked = None
    if advocate_type == AdvocateAssignment.Type.PEER_SUPPORTER:
        # Serialise matches for one young person, so one ask is matched once.
        YoungPerson.objects.select_for_update().filter(pk=young_person.pk).first()
        if not peer_supporter_match_allowed(actor=actor, young_person=young_person):
            raise ValidationError({"advocate_type": PEER_SUPPORTER_REFUSED})
        asked = peer_support_asked(young_person=young_person)
    if advocate is not None and not (advocate.is_staff_member and advocate.has_role(Role.ADVOCATE)):
        raise ValidationError({"advocate": "Choose someone who works as an advocate"})
    named_person = named_person.strip()
    if advocate_type == AdvocateAssignment.Type.TRUSTED_ADULT:
        if advocate is None and not named_person:
            raise ValidationError({"named_person": "Choose an advocate, or name the trusted adult"})
    elif advocate is None:
        raise ValidationError({"advocate": "Choose the advocate"})
    assignment = AdvocateAssignment(
        young_person=young_person,
        advocate_type=advocate_type,
        advocate=advocate,
        named_person=named_person if advocate is None else "",
        assigned_by=actor,
        starts_on=starts_on,
    )
    assignment.full_clean()
    assignment.save()
    if asked is not None:
        request_answered_by_doing_it(actor=actor, request=asked, answer=PEER_SUPPORTER_MATCHED)
    return assignment


def advocate_assignment_end(
    *, actor: User, assignment: AdvocateAssignment, ends_on: date
) -> AdvocateAssignment:
    """From `ends_on` the advocate sees nothing more (checked on every request)."""
    if not is_on_case_team(user=actor, young_person=assignment.young_person):
        raise ValidationError("Only the case team can end an assignment")
    if ends_on < assignment.starts_on:
        raise ValidationError({"ends_on": "The end date must be on or after the start date"})
    assignment.ends_on = ends_on
    assignment.full_clean()
    assignment.save(update_fields=["ends_on"])
    return assignment


def _assignment_in_force(actor: User, meeting: Meeting) -> AdvocateAssignment:
    assignment = (
        AdvocateAssignment.objects.in_force(timezone.localdate())
        .filter(advocate=actor, young_person_id=meeting.young_person_id)
        .first()
    )
    if assignment is None:
        raise ValidationError(
            "Only the young person's advocate, while assigned to them, can do this"
        )
    return assignment


def representation_record(
    *, actor: User, meeting: Meeting, text: str, non_instructed: bool
) -> Representation:
    """The young person's views as their advocate puts them: labelled as theirs, not the
    advocate's, and shown apart from professional assessments."""
    assignment = _assignment_in_force(actor, meeting)
    if meeting.status in {Meeting.Status.CLOSED, Meeting.Status.CANCELLED}:
        raise ValidationError("This meeting is over: views can no longer be added")
    representation = Representation(
        meeting=meeting, assignment=assignment, text=text.strip(), non_instructed=non_instructed
    )
    representation.full_clean()
    representation.save()
    return representation


def representation_agree(*, actor: User, representation: Representation) -> Representation:
    """The young person has read how their advocate put their views, and agrees the wording."""
    if not meeting_is_their_own(user=actor, meeting=representation.meeting):
        raise ValidationError("Only the young person can agree the wording")
    representation.agreed_at = timezone.now()
    representation.save(update_fields=["agreed_at"])
    return representation


def advocate_assignments_end_on_closing(*, young_person: YoungPerson) -> int:
    """End every assignment in force, today, because the case is closing. Only
    `cases.services.case_close` calls this, after checking its power."""
    today = timezone.localdate()
    return (
        AdvocateAssignment.objects.in_force(today)
        .filter(young_person=young_person)
        .update(ends_on=Greatest(F("starts_on"), Value(today)))
    )
