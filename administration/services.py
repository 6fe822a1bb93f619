"""What an administrator changes about staff accounts: roles, given at once or after a second
administrator's approval, each change alerting whom it should through the outbox."""

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import RoleChange, User
from accounts.powers import ROLES_NEEDING_APPROVAL, role_change_allowed, role_change_decide_allowed
from accounts.roles import Role
from accounts.selectors import staff_in_role
from notifications import services as notifications
from notifications.models import Kind

ROLE_CHANGE_REFUSED = "An administrator changes other people's roles, never their own."
DECIDE_REFUSED = (
    "A second administrator decides: not the one who asked, nor the person it is for, and only "
    "while it is waiting."
)


def _apply(change: RoleChange, *, decided_by: User) -> RoleChange:
    user = change.user
    group = Group.objects.get(name=change.role)
    if change.giving:
        user.groups.add(group)
    else:
        user.groups.remove(group)
    if change.role == Role.ADMINISTRATOR:
        # Django's flag for the admin site follows the administrator role, and nothing else.
        user.is_staff = change.giving
        user.save(update_fields=["is_staff"])
    change.status = RoleChange.Status.DONE
    change.decided_by = decided_by
    change.decided_at = timezone.now()
    change.save()
    return change


def _alert(changes: list[RoleChange], *, actor: User) -> None:
    for change in changes:
        if change.status == RoleChange.Status.DONE:
            notifications.notify(
                kind=Kind.ROLE_CHANGED,
                recipients=staff_in_role(
                    role=Role.CSE_LEAD, organisation_id=change.user.organisation_id
                ),
                key=f"{Kind.ROLE_CHANGED}:{change.pk}",
            )
        elif change.status == RoleChange.Status.WAITING:
            notifications.notify(
                kind=Kind.ROLE_CHANGE_WAITING,
                recipients=User.objects.filter(
                    is_active=True, kind=User.Kind.STAFF, groups__name=Role.ADMINISTRATOR.value
                )
                .exclude(pk__in=[actor.pk, change.user_id])
                .distinct(),
                key=f"{Kind.ROLE_CHANGE_WAITING}:{change.pk}",
            )


@transaction.atomic
def roles_change(*, actor: User, user: User, roles: set[str]) -> list[RoleChange]:
    """Make `roles` the person's roles. Taking a role away, or giving an everyday one, is done
    at once; giving the CSE-lead or administrator role waits for a second administrator."""
    if not role_change_allowed(actor=actor, user=user):
        raise ValidationError(ROLE_CHANGE_REFUSED)
    current = set(user.groups.values_list("name", flat=True)) & set(Role.values)
    waiting = set(
        RoleChange.objects.filter(user=user, status=RoleChange.Status.WAITING).values_list(
            "role", flat=True
        )
    )
    changes = []
    for role in sorted(roles - current - waiting):
        change = RoleChange(user=user, role=role, giving=True, requested_by=actor)
        if role in ROLES_NEEDING_APPROVAL:
            change.status = RoleChange.Status.WAITING
            change.save()
            changes.append(change)
        else:
            changes.append(_apply(change, decided_by=actor))
    for role in sorted(current - roles):
        change = RoleChange(user=user, role=role, giving=False, requested_by=actor)
        changes.append(_apply(change, decided_by=actor))
    _alert(changes, actor=actor)
    return changes


@transaction.atomic
def role_change_decide(*, actor: User, change: RoleChange, approve: bool) -> RoleChange:
    """A second administrator approves a waiting role change (it takes effect now) or
    refuses it (nothing changes)."""
    locked = RoleChange.objects.select_for_update().select_related("user").get(pk=change.pk)
    if not role_change_decide_allowed(actor=actor, change=locked):
        raise ValidationError(DECIDE_REFUSED)
    if approve:
        _apply(locked, decided_by=actor)
    else:
        locked.status = RoleChange.Status.REFUSED
        locked.decided_by = actor
        locked.decided_at = timezone.now()
        locked.save()
    _alert([locked], actor=actor)
    return locked
