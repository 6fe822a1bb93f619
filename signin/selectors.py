from django.db.models import OuterRef, QuerySet, Subquery

from accounts.models import User
from accounts.roles import Role
from audit.models import AccessEvent

from .services import SIGN_IN_EVENTS

EVENTS_SHOWN = 200


def sign_in_events_for(*, user: User) -> QuerySet[AccessEvent] | None:
    """The latest sign-in events about accounts in a CSE lead's own organisation (None for
    anyone else): who signed in, failed, was locked out, or changed their second factor."""
    if not (user.has_role(Role.CSE_LEAD) and user.organisation_id is not None):
        return None
    accounts = User.objects.filter(kind=User.Kind.STAFF, organisation_id=user.organisation_id)
    return (
        AccessEvent.objects.filter(what__in=SIGN_IN_EVENTS, object_id__in=accounts.values("id"))
        .annotate(
            account_name=Subquery(
                User.objects.filter(pk=OuterRef("object_id")).values("full_name")[:1]
            )
        )
        .order_by("-at")[:EVENTS_SHOWN]
    )
