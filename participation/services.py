from datetime import date, timedelta
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role

from .models import CaseTeamMembership, YoungPerson
from .selectors import case_team_can_manage

CASE_WORKER_ROLES = [Role.PRACTITIONER, Role.CSE_LEAD, Role.PARTICIPATION_WORKER]


def _refuse_unless_manager(actor: User, young_person: YoungPerson) -> None:
    if not case_team_can_manage(user=actor, young_person=young_person):
        raise ValidationError("Only the case team or the chair can change the case team")


@transaction.atomic
def case_team_member_add(
    *, actor: User, young_person: YoungPerson, user: User, role: str, starts_on: date
) -> CaseTeamMembership:
    _refuse_unless_manager(actor, young_person)
    if not (
        user.is_active
        and user.is_staff_member
        and user.role_names & {r.value for r in CASE_WORKER_ROLES}
    ):
        raise ValidationError({"user": "Choose a practitioner from the list"})
    if CaseTeamMembership.objects.filter(
        user=user, young_person=young_person, ends_on__isnull=True
    ).exists():
        raise ValidationError({"user": f"{user} is already on the case team"})
    if starts_on > timezone.localdate() + timedelta(days=365):
        raise ValidationError({"starts_on": "The start date must be within the next year"})
    membership = CaseTeamMembership(
        young_person=young_person, user=user, role=role, starts_on=starts_on
    )
    membership.full_clean()
    membership.save()
    return membership


@transaction.atomic
def case_team_member_end(
    *, actor: User, membership: CaseTeamMembership, ends_on: date
) -> CaseTeamMembership:
    """End a membership: from `ends_on` the person has no access through it."""
    _refuse_unless_manager(actor, membership.young_person)
    if ends_on < membership.starts_on:
        raise ValidationError(
            {"ends_on": f"The end date must be on or after {membership.starts_on:%d %B %Y}"}
        )
    membership.ends_on = ends_on
    membership.full_clean()
    membership.save(update_fields=["ends_on"])
    return membership


@transaction.atomic
def case_team_reassign(*, actor: User, leaver: User, successor: User) -> list[UUID]:
    """Move all of a leaver's young people to a successor, today, in a few statements.

    The leaver's memberships end today (history kept); the successor joins each case team
    in the same role, unless already on it. Returns the young people moved.
    """
    if not actor.has_role(Role.CSE_LEAD):
        raise ValidationError("Only a CSE lead can reassign a caseload")
    if leaver.pk == successor.pk:
        raise ValidationError({"successor": "Choose someone other than the person leaving"})
    if not (successor.is_active and successor.is_staff_member):
        raise ValidationError({"successor": "Choose an active member of staff"})
    today = timezone.localdate()
    moving = list(
        CaseTeamMembership.objects.in_force(today)
        .filter(user=leaver)
        .select_for_update()
        .values_list("pk", "young_person_id", "role")
    )
    if not moving:
        raise ValidationError({"leaver": f"{leaver} is not on any case team"})
    already = set(
        CaseTeamMembership.objects.filter(
            user=successor, ends_on__isnull=True, young_person_id__in=[m[1] for m in moving]
        ).values_list("young_person_id", flat=True)
    )
    # Memberships that began today are ended today too: ends_on may equal starts_on.
    CaseTeamMembership.objects.filter(pk__in=[m[0] for m in moving]).update(ends_on=today)
    CaseTeamMembership.objects.bulk_create(
        CaseTeamMembership(young_person_id=yp_id, user=successor, role=role, starts_on=today)
        for _pk, yp_id, role in moving
        if yp_id not in already
    )
    return [yp_id for _pk, yp_id, _role in moving]
