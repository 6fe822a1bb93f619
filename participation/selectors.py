from uuid import UUID

from django.db.models import F
from django.http import Http404, HttpRequest
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from audit.services import Action, opened

from .models import (
    CaseTeamMembership,
    YoungPerson,
    YoungPersonUserObjectPermission,
)
from .powers import break_glass_reviewable


def young_person_get_for_user(*, user: User, young_person_id: UUID) -> YoungPerson:
    """The young person if this user may see them; 404 alike for missing and not yours."""
    try:
        return YoungPerson.objects.visible_to(user).get(pk=young_person_id)
    except YoungPerson.DoesNotExist:
        raise Http404 from None


def young_person_open(
    *,
    request: HttpRequest,
    young_person_id: UUID,
    action: str = Action.VIEW,
    what: str = "record",
) -> YoungPerson:
    """A young person's record for this user, with its access event (see `audit.opened`)."""
    assert isinstance(request.user, User)  # noqa: S101 - views reach here signed in
    user = request.user
    return opened(
        request=request,
        load=lambda: young_person_get_for_user(user=user, young_person_id=young_person_id),
        young_person_of=lambda young_person: young_person.pk,
        requested_id=young_person_id,
        requested_young_person_id=young_person_id,
        action=action,
        what=what,
    )


def case_team_for(*, young_person: YoungPerson) -> list[CaseTeamMembership]:
    return list(
        CaseTeamMembership.objects.in_force(timezone.localdate())
        .filter(young_person=young_person)
        .select_related("user__organisation")
        .order_by("role", "user__full_name")
    )


def is_on_case_team(*, user: User, young_person: YoungPerson) -> bool:
    return (
        CaseTeamMembership.objects.in_force(timezone.localdate())
        .filter(user=user, young_person=young_person)
        .exists()
    )


def case_team_membership_get_for_user(
    *, user: User, young_person: YoungPerson, membership_id: UUID
) -> CaseTeamMembership:
    """An open membership of this young person's case team; 404 alike for missing and not yours."""
    try:
        return CaseTeamMembership.objects.in_force(timezone.localdate()).get(
            pk=membership_id, young_person=young_person
        )
    except CaseTeamMembership.DoesNotExist:
        raise Http404 from None


def staff_choosable(*, roles: list[Role], organisation_id: UUID | None = None) -> list[User]:
    """Active staff in these roles (of one organisation, if named), for pickers: names and
    organisations only."""
    people = User.objects.filter(
        is_active=True, kind=User.Kind.STAFF, groups__name__in=[r.value for r in roles]
    )
    if organisation_id is not None:
        people = people.filter(organisation_id=organisation_id)
    return list(people.select_related("organisation").distinct().order_by("full_name"))


def break_glass_for_review(*, user: User) -> list[YoungPersonUserObjectPermission]:
    """The break-glass uses this CSE lead may review, not yet reviewed first."""
    return list(
        break_glass_reviewable(actor=user)
        .select_related("content_object", "user__organisation", "reviewed_by")
        .order_by(F("reviewed_at").desc(nulls_first=True), "-granted_at")[:200]
    )


def break_glass_get_for_review(*, user: User, grant_id: UUID) -> YoungPersonUserObjectPermission:
    """One use this CSE lead may review; 404 alike for missing and not theirs."""
    try:
        return break_glass_reviewable(actor=user).get(pk=grant_id)
    except YoungPersonUserObjectPermission.DoesNotExist:
        raise Http404 from None


def young_person_is_visible(*, user: User, young_person_id: UUID) -> bool:
    return YoungPerson.objects.visible_to(user).filter(pk=young_person_id).exists()


def young_person_exists(*, young_person_id: UUID) -> YoungPerson:
    """For break-glass only: the record by id, whoever asks; 404 if there is none."""
    try:
        return YoungPerson.objects.get(pk=young_person_id)
    except YoungPerson.DoesNotExist:
        raise Http404 from None


def service_figures() -> dict[str, int]:
    """Service-wide counts for CSE leads: numbers only, never whose they are."""
    now = timezone.now()
    return {
        "young people": YoungPerson.objects.count(),
        "temporary access grants in force": YoungPersonUserObjectPermission.objects.filter(
            kind=YoungPersonUserObjectPermission.Kind.GRANT, expires_at__gt=now
        ).count(),
        "break-glass uses not yet reviewed": YoungPersonUserObjectPermission.objects.filter(
            kind=YoungPersonUserObjectPermission.Kind.BREAK_GLASS, reviewed_at__isnull=True
        ).count(),
    }
