from datetime import timedelta
from uuid import UUID

from django.db.models import F, OuterRef, Subquery
from django.http import Http404
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from advocacy.models import AdvocateAssignment
from meetings.models import Meeting

from .models import (
    CaseTeamMembership,
    YoungPerson,
    YoungPersonQuerySet,
    YoungPersonUserObjectPermission,
)


def _with_next_meeting(young_people: YoungPersonQuerySet) -> YoungPersonQuerySet:
    """Annotate each young person's next meeting in the same query (no N+1)."""
    upcoming = (
        Meeting.objects.upcoming().filter(young_person=OuterRef("pk")).order_by("scheduled_at")
    )
    return young_people.annotate(
        next_meeting_at=Subquery(upcoming.values("scheduled_at")[:1]),
        next_meeting_type=Subquery(upcoming.values("meeting_type")[:1]),
    )


def young_people_on_case_team(*, user: User) -> YoungPersonQuerySet:
    """'My young people': those whose case team the user is on today, next meeting first."""
    memberships = CaseTeamMembership.objects.in_force(timezone.localdate()).filter(user=user)
    young_people = YoungPerson.objects.visible_to(user).filter(
        pk__in=memberships.values("young_person_id")
    )
    return _with_next_meeting(young_people).order_by(
        F("next_meeting_at").asc(nulls_last=True), "preferred_name", "id"
    )


def young_people_advocated_for(*, user: User) -> list[YoungPerson]:
    """Whom an advocate works for; what else they see comes from the young person's choices."""
    assignments = (
        AdvocateAssignment.objects.visible_to(user)
        .in_force(timezone.localdate())
        .filter(advocate=user)
        .values("young_person_id")
    )
    return list(YoungPerson.objects.filter(pk__in=assignments).order_by("preferred_name"))


def young_person_get_for_user(*, user: User, young_person_id: UUID) -> YoungPerson:
    """The young person if this user may see them; 404 alike for missing and not yours."""
    try:
        return YoungPerson.objects.visible_to(user).get(pk=young_person_id)
    except YoungPerson.DoesNotExist:
        raise Http404 from None


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


def case_team_can_manage(*, user: User, young_person: YoungPerson) -> bool:
    """Who may add to or end a case team: its members, and a CSE lead who chairs for them."""
    if is_on_case_team(user=user, young_person=young_person):
        return True
    return (
        user.has_role(Role.CSE_LEAD)
        and YoungPerson.objects.visible_to(user).filter(pk=young_person.pk).exists()
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


def staff_choosable(*, roles: list[Role]) -> list[User]:
    """Active staff in these roles, for pickers (names and organisations only)."""
    return list(
        User.objects.filter(
            is_active=True, kind=User.Kind.STAFF, groups__name__in=[r.value for r in roles]
        )
        .select_related("organisation")
        .distinct()
        .order_by("full_name")
    )


def break_glass_for_review(*, user: User) -> list[YoungPersonUserObjectPermission]:
    """Every break-glass use, not yet reviewed first, for CSE leads."""
    if not user.has_role(Role.CSE_LEAD):
        return []
    return list(
        YoungPersonUserObjectPermission.objects.filter(
            kind=YoungPersonUserObjectPermission.Kind.BREAK_GLASS
        )
        .select_related("content_object", "user__organisation", "reviewed_by")
        .order_by(F("reviewed_at").desc(nulls_first=True), "-granted_at")[:200]
    )


def break_glass_get_for_review(*, user: User, grant_id: UUID) -> YoungPersonUserObjectPermission:
    if not user.has_role(Role.CSE_LEAD):
        raise Http404
    try:
        return YoungPersonUserObjectPermission.objects.get(
            pk=grant_id, kind=YoungPersonUserObjectPermission.Kind.BREAK_GLASS
        )
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
    from meetings.models import Meeting

    now = timezone.now()
    grants = YoungPersonUserObjectPermission.objects.filter(expires_at__gt=now)
    return {
        "young people": YoungPerson.objects.count(),
        "with a meeting in the next 30 days": Meeting.objects.upcoming()
        .filter(scheduled_at__lt=now + timedelta(days=30))
        .values("young_person")
        .distinct()
        .count(),
        "meetings held in the last 90 days": Meeting.objects.filter(
            scheduled_at__range=(now - timedelta(days=90), now)
        )
        .exclude(status=Meeting.Status.CANCELLED)
        .count(),
        "temporary access grants in force": grants.filter(
            kind=YoungPersonUserObjectPermission.Kind.GRANT
        ).count(),
        "break-glass uses not yet reviewed": YoungPersonUserObjectPermission.objects.filter(
            kind=YoungPersonUserObjectPermission.Kind.BREAK_GLASS, reviewed_at__isnull=True
        ).count(),
    }
