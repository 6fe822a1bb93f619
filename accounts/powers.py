"""Who may administer whom: one function per power over staff accounts (docs/access.md).

Administrators run accounts, never cases: they administer staff accounts only (a young
person's account is their case team's, through invitation codes), never change their own
roles, and need a second administrator to give the CSE-lead or administrator role. Nobody
sets another person's password: staff set their own, from a single-use link.
"""

from typing import TYPE_CHECKING

from .models import RoleChange, User
from .roles import Role

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser
    from django.db.models import QuerySet

# Giving one of these roles waits for a second administrator.
ROLES_NEEDING_APPROVAL = frozenset({Role.CSE_LEAD.value, Role.ADMINISTRATOR.value})


def _administrator(user: "User | AnonymousUser") -> bool:
    return (
        isinstance(user, User)
        and user.is_active
        and user.is_staff_member
        and user.has_role(Role.ADMINISTRATOR)
    )


def account_administer_allowed(*, actor: "User | AnonymousUser", user: User | None = None) -> bool:
    """See and change staff accounts (name, organisation, switched on or off, a link to set a
    password): an administrator, and only for staff accounts."""
    return _administrator(actor) and (user is None or user.is_staff_member)


def role_change_allowed(*, actor: User, user: User) -> bool:
    """Give or take away a role: an administrator, for anyone but themselves."""
    return account_administer_allowed(actor=actor, user=user) and user.pk != actor.pk


def role_change_decide_allowed(*, actor: User, change: RoleChange) -> bool:
    """Approve or refuse a waiting role change: a second administrator, who neither asked for
    it nor would receive it."""
    return (
        _administrator(actor)
        and change.status == RoleChange.Status.WAITING
        and actor.pk not in (change.requested_by_id, change.user_id)
    )


def second_factor_reset_allowed(*, actor: "User | AnonymousUser", user: User | None = None) -> bool:
    """Reset a lost second factor: a CSE lead or an administrator of the same organisation, for
    a member of staff other than themselves. (Nobody resets their own: someone who has lost
    their device and still holds a session would otherwise need nothing else.)"""
    if not (
        isinstance(actor, User)
        and actor.is_active
        and actor.is_staff_member
        and actor.organisation_id is not None
        and (actor.has_role(Role.CSE_LEAD) or actor.has_role(Role.ADMINISTRATOR))
    ):
        return False
    return user is None or (
        user.is_staff_member
        and user.pk != actor.pk
        and user.organisation_id == actor.organisation_id
    )


def second_factor_resettable(*, actor: User) -> "QuerySet[User]":
    """The staff whose second factor this person may reset (a list filter of the rule above)."""
    if not second_factor_reset_allowed(actor=actor):
        return User.objects.none()
    return (
        User.objects.filter(kind=User.Kind.STAFF, organisation=actor.organisation)
        .exclude(pk=actor.pk)
        .order_by("full_name")
    )
