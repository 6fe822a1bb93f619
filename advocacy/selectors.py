from accounts.models import User
from participation.models import YoungPerson

from .models import AdvocacyEvent


def advocacy_latest(*, young_person: YoungPerson) -> AdvocacyEvent | None:
    """Where advocacy stands now for this young person: the newest event, or nothing yet."""
    return AdvocacyEvent.objects.filter(young_person=young_person).order_by("-recorded_at").first()


def advocacy_history(*, user: User, young_person: YoungPerson) -> list[AdvocacyEvent]:
    return list(
        AdvocacyEvent.objects.visible_to(user)
        .filter(young_person=young_person)
        .select_related("recorded_by", "meeting")
        .order_by("-recorded_at")
    )
