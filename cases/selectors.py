from uuid import UUID

from django.http import Http404, HttpRequest

from accounts.models import User
from audit.services import Action, opened
from meetings.models import Decision, Meeting
from participation.models import CaseClosure, CaseTeamMembership, YoungPerson
from participation.powers import closed_cases_reopenable, subject_access_export_allowed


def closed_cases_for(*, user: User) -> list[CaseClosure]:
    """The closed cases this CSE lead may reopen, newest first."""
    return list(
        closed_cases_reopenable(actor=user)
        .select_related("young_person", "closed_by")
        .order_by("-closed_at")[:200]
    )


def closed_case_get_for_user(*, user: User, closure_id: UUID) -> CaseClosure:
    """A closed case this CSE lead may reopen; 404 alike for missing and not theirs."""
    try:
        return closed_cases_reopenable(actor=user).select_related("young_person").get(pk=closure_id)
    except CaseClosure.DoesNotExist:
        raise Http404 from None


def _summary_subject(*, user: User, young_person_id: UUID) -> YoungPerson:
    """Someone who may see the record, or a CSE lead who may reopen it once closed."""
    readable = YoungPerson.objects.visible_to(user).filter(pk=young_person_id)
    closed = closed_cases_reopenable(actor=user).filter(young_person_id=young_person_id)
    try:
        return YoungPerson.objects.get(
            pk__in=readable.values("pk").union(closed.values("young_person_id"))
        )
    except YoungPerson.DoesNotExist:
        raise Http404 from None


def transfer_summary_open(*, request: HttpRequest, young_person_id: UUID) -> YoungPerson:
    assert isinstance(request.user, User)  # noqa: S101 - views reach here signed in
    user = request.user
    return opened(
        request=request,
        load=lambda: _summary_subject(user=user, young_person_id=young_person_id),
        young_person_of=lambda young_person: young_person.pk,
        requested_id=young_person_id,
        requested_young_person_id=young_person_id,
        action=Action.EXPORT,
        what="transfer summary",
    )


def transfer_summary(*, young_person: YoungPerson) -> dict[str, object]:
    """What a receiving area needs: the details, who has worked with them and when, their
    meetings, and what was decided and why. Professionals-only agenda items stay out."""
    return {
        "case_team": list(
            CaseTeamMembership.objects.filter(young_person=young_person)
            .select_related("user__organisation")
            .order_by("starts_on", "id")
        ),
        "meetings": list(
            Meeting.objects.filter(young_person=young_person)
            .select_related("chair")
            .order_by("scheduled_at")
        ),
        "decisions": list(
            Decision.objects.filter(meeting__young_person=young_person)
            .select_related("meeting")
            .order_by("meeting__scheduled_at", "recorded_at")
        ),
        "closures": list(young_person.closures.select_related("closed_by", "reopened_by")),
    }


def subject_access_open(
    *, request: HttpRequest, young_person_id: UUID, exporting: bool
) -> YoungPerson:
    """A young person whose information this member of staff may export; 404 alike for
    missing, not theirs, and not theirs to export. One access event: an export when
    `exporting`, else a view of the page that makes one."""
    assert isinstance(request.user, User)  # noqa: S101 - views reach here signed in
    user = request.user

    def load() -> YoungPerson:
        found = YoungPerson.objects.visible_to(user).filter(pk=young_person_id).first()
        if found is None or not subject_access_export_allowed(actor=user, young_person=found):
            raise Http404
        return found

    return opened(
        request=request,
        load=load,
        young_person_of=lambda young_person: young_person.pk,
        requested_id=young_person_id,
        requested_young_person_id=young_person_id,
        action=Action.EXPORT if exporting else Action.VIEW,
        what="subject access export",
    )
