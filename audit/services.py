from collections.abc import Callable
from uuid import UUID

from django.http import Http404, HttpRequest

from accounts.models import User
from meetings.models import Meeting
from meetings.selectors import meeting_get_for_user
from participation.models import YoungPerson
from participation.selectors import young_person_get_for_user

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


def young_person_open(
    *,
    request: HttpRequest,
    young_person_id: UUID,
    action: str = Action.VIEW,
    what: str = "record",
) -> YoungPerson:
    """A young person's record for this user, with its access event (see `opened`)."""
    assert isinstance(request.user, User)  # noqa: S101 - views reach here signed in
    user = request.user
    return opened(
        request=request,
        load=lambda: young_person_get_for_user(user=user, young_person_id=young_person_id),
        young_person_of=lambda young_person: young_person.pk,
        requested_id=young_person_id,
        requested_young_person_id=young_person_id,
        action=action,
        what=what,
    )


def meeting_open(*, request: HttpRequest, meeting_id: UUID, what: str) -> Meeting:
    """A meeting for this user, with its access event: a change on POST, a view otherwise."""
    assert isinstance(request.user, User)  # noqa: S101 - views reach here signed in
    user = request.user
    return opened(
        request=request,
        load=lambda: meeting_get_for_user(user=user, meeting_id=meeting_id),
        young_person_of=lambda meeting: meeting.young_person_id,
        requested_id=meeting_id,
        action=Action.CHANGE if request.method == "POST" else Action.VIEW,
        what=what,
    )
