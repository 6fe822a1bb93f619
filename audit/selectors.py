from datetime import datetime
from typing import TypedDict
from uuid import UUID

from django.db.models import Max

from accounts.models import User
from accounts.roles import PLAIN_WORDS, roles_from_codes

from .models import AccessEvent


def access_events_for_young_person(*, young_person_id: UUID, limit: int = 200) -> list[AccessEvent]:
    """Who has reached this young person's information, newest first (for CSE leads)."""
    return list(
        AccessEvent.objects.filter(young_person_id=young_person_id)
        .select_related("actor")
        .order_by("-at", "-id")[:limit]
    )


class LookedAt(TypedDict):
    organisation: str
    roles: str
    last_at: datetime


def organisations_that_looked(*, young_person_id: UUID) -> list[LookedAt]:
    """Which organisations and roles have looked: no names, nor the young person's own visits."""
    rows = (
        AccessEvent.objects.filter(
            young_person_id=young_person_id,
            actor_kind=User.Kind.STAFF,
            outcome=AccessEvent.Outcome.ALLOWED,
        )
        .values("actor_organisation", "actor_roles")
        .annotate(last_at=Max("at"))
        .order_by("-last_at")
    )
    return [
        LookedAt(
            organisation=row["actor_organisation"],
            roles=" and ".join(PLAIN_WORDS[r] for r in roles_from_codes(row["actor_roles"])),
            last_at=row["last_at"],
        )
        for row in rows
    ]
