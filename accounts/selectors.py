from uuid import UUID

from django.db.models import QuerySet

from .models import User
from .roles import Role


def staff_in_role(*, role: Role, organisation_id: UUID | None) -> QuerySet[User]:
    """Active staff of one organisation in a role: whom an event in that organisation alerts
    (its CSE leads, its administrators). No organisation, nobody."""
    if organisation_id is None:
        return User.objects.none()
    return User.objects.filter(
        is_active=True,
        kind=User.Kind.STAFF,
        organisation_id=organisation_id,
        groups__name=role.value,
    ).distinct()
