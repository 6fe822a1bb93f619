from collections.abc import Callable
from uuid import UUID

from django.http import Http404, HttpRequest

from accounts.models import User
from accounts.services import client_address, user_agent

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
    actor: User | None = None,
) -> AccessEvent:
    """An unsaved event for this request: who (as they are now, the signed-in user unless
    named), what, and the result."""
    if actor is None and isinstance(request.user, User):
        actor = request.user
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
        client_address=client_address(request) or None,
        user_agent=user_agent(request),
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


def account_event_record(
    *, request: HttpRequest, what: str, outcome: str, account: User | None = None
) -> AccessEvent:
    """An event about a person's account (signing in, their second factor): the account is
    the object. The actor is whoever is signed in (a CSE lead resetting someone's second
    factor); part-way through signing in, the account itself once the step succeeded, and
    nobody for a failure (whoever typed it is not known)."""
    signed_in = isinstance(request.user, User)
    event = _event(
        request=request,
        action=Action.CHANGE if outcome == Outcome.ALLOWED else Action.VIEW,
        outcome=outcome,
        what=what,
        object_id=account.pk if account else None,
        actor=None if signed_in or outcome != Outcome.ALLOWED else account,
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
    young_person_of: Callable[[T], UUID | None],
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
