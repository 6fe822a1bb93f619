from collections.abc import Callable
from uuid import UUID

from django.http import Http404, HttpRequest

from accounts.models import User

from .models import AccessEvent

Action = AccessEvent.Action
Outcome = AccessEvent.Outcome


def _event(
    *,
    request: HttpRequest,
    action: str,
    outcome: str,
    what: str,
    young_person_id: UUID | None = None,
    object_id: UUID | None = None,
) -> AccessEvent:
    """An unsaved event for this request: who (as they are now), what, and the result."""
    user = request.user
    actor = user if isinstance(user, User) else None
    return AccessEvent(
        actor=actor,
        actor_kind=actor.kind if actor else "anonymous",
        actor_roles=actor.role_codes if actor else "",
        actor_organisation=str(actor.organisation) if actor and actor.organisation else "",
        action=action,
        outcome=outcome,
        what=what,
        young_person_id=young_person_id,
        object_id=object_id,
        path=request.path[:300],
        request_id=getattr(request, "request_id", ""),
    )


def access_event_record(
    *,
    request: HttpRequest,
    action: str,
    outcome: str,
    what: str,
    young_person_id: UUID | None = None,
    object_id: UUID | None = None,
) -> AccessEvent:
    """Write one access event for this request."""
    event = _event(
        request=request,
        action=action,
        outcome=outcome,
        what=what,
        young_person_id=young_person_id,
        object_id=object_id,
    )
    event.save()
    return event


def access_events_record_many(
    *, request: HttpRequest, action: str, what: str, young_person_ids: list[UUID]
) -> None:
    """One event per young person changed by a single operation, in one statement."""
    AccessEvent.objects.bulk_create(
        _event(
            request=request,
            action=action,
            outcome=Outcome.ALLOWED,
            what=what,
            young_person_id=young_person_id,
        )
        for young_person_id in young_person_ids
    )


def opened[T](
    *,
    request: HttpRequest,
    load: Callable[[], T],
    young_person_of: Callable[[T], UUID],
    requested_id: UUID,
    action: str,
    what: str,
    requested_young_person_id: UUID | None = None,
) -> T:
    """Load an object through a scoped selector, writing the one access event for it.

    Refused looks like missing (404) to the user, and is recorded all the same (against
    the young person too, when the request named one).
    """
    try:
        found = load()
    except Http404:
        access_event_record(
            request=request,
            action=action,
            outcome=Outcome.DENIED,
            what=what,
            young_person_id=requested_young_person_id,
            object_id=requested_id,
        )
        raise
    access_event_record(
        request=request,
        action=action,
        outcome=Outcome.ALLOWED,
        what=what,
        young_person_id=young_person_of(found),
        object_id=requested_id,
    )
    return found
