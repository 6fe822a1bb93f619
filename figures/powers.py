"""Who may record what the service changed because of young people's feedback."""

from accounts.models import User
from accounts.roles import Role


def service_change_allowed(*, actor: User) -> bool:
    """A CSE lead, for their own organisation: the change is recorded as that organisation's."""
    return actor.is_active and actor.has_role(Role.CSE_LEAD) and actor.organisation_id is not None
