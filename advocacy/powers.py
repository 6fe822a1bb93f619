"""Who may do what about advocacy: rules beside the visibility rules they extend."""

from accounts.models import User
from participation.models import YoungPerson
from participation.selectors import is_on_case_team

from .selectors import peer_support_asked


def peer_supporter_match_allowed(*, actor: User, young_person: YoungPerson) -> bool:
    """Their case team matches a peer supporter, and only for a young person who has asked
    for one: a peer supporter is never put on someone who did not."""
    return (
        is_on_case_team(user=actor, young_person=young_person)
        and peer_support_asked(young_person=young_person) is not None
    )
