"""Who may create opportunities and offer them: the powers beside the reads in selectors."""

from accounts.models import User
from accounts.roles import Role
from participation.models import YoungPerson
from participation.selectors import is_on_case_team

from .models import Opportunity


def opportunity_create_allowed(*, actor: User) -> bool:
    """A participation worker or CSE lead, for their own organisation."""
    return (
        actor.is_active
        and actor.organisation_id is not None
        and (actor.has_role(Role.PARTICIPATION_WORKER) or actor.has_role(Role.CSE_LEAD))
    )


def opportunity_offer_allowed(*, actor: User, young_person: YoungPerson) -> bool:
    """Someone on the young person's case team today: opportunities reach a young person
    through the people who know them, never by a list of who is open to the service."""
    return actor.is_active and is_on_case_team(user=actor, young_person=young_person)


def opportunity_manage_allowed(*, actor: User, opportunity: Opportunity) -> bool:
    """Record contributions and outputs: a participation worker or CSE lead of the
    organisation that runs the opportunity."""
    return opportunity_create_allowed(actor=actor) and (
        actor.organisation_id == opportunity.organisation_id
    )
