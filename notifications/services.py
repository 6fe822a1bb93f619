"""Writing, sending, retrying and reading notifications.

`notify` writes the rows inside the caller's transaction and hands them to the broker
once it commits. A broker that is down or hung costs a logged warning, never a save: the
beat sweep (`tasks.due_publish`) hands over whatever is due and not yet on its way. What
a worker does with a row it is handed is in `delivery`.
"""

import logging
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role

from .models import Channel, Kind, Notification, SafeContact, Status
from .selectors import notices_for
from .tasks import publish

logger = logging.getLogger(__name__)


def _channels_for(user: User, contacts: dict[Any, SafeContact]) -> list[Channel]:
    if user.is_staff_member:
        return [Channel.IN_APP, Channel.EMAIL]  # staff always have an email (a constraint)
    chosen: list[Channel] = [Channel.IN_APP]
    contact = contacts.get(user.pk)
    if contact and contact.safe_email:
        chosen.append(Channel.EMAIL)
    if contact and contact.safe_mobile and settings.TEXT_MESSAGES_OFFERED:
        chosen.append(Channel.TEXT)
    return chosen


def notify(
    *,
    kind: Kind,
    recipients: Iterable[User],
    key: str,
    meeting: Any = None,
    young_person: Any = None,
    due_at: datetime | None = None,
) -> int:
    """Write one event's rows (each recipient, each of their channels) in this transaction.

    `key` names the event; with the recipient and channel it is the row's idempotency key,
    so writing the same event again writes nothing. Returns how many rows were new.
    """
    people = [user for user in recipients if user.is_active]
    contacts = {
        contact.user_id: contact
        for contact in SafeContact.objects.filter(
            user__in=[user for user in people if user.is_young_person]
        )
    }
    rows = [
        Notification(
            idempotency_key=f"{key}:{user.pk}:{channel}",
            kind=kind,
            channel=channel,
            recipient=user,
            meeting=meeting,
            young_person=young_person,
            due_at=due_at or timezone.now(),
        )
        for user in people
        for channel in _channels_for(user, contacts)
    ]
    if not rows:
        return 0
    keys = [row.idempotency_key for row in rows]
    existing = set(
        Notification.objects.filter(idempotency_key__in=keys).values_list(
            "idempotency_key", flat=True
        )
    )
    new = [row for row in rows if row.idempotency_key not in existing]
    now = timezone.now()
    for row in new:
        if row.due_at <= now:
            row.queued_at = now  # handed over on commit: the sweep leaves it alone meanwhile
    Notification.objects.bulk_create(new, ignore_conflicts=True)
    due_now = [row.pk for row in new if row.queued_at]
    if due_now:
        transaction.on_commit(lambda: publish(due_now))
    return len(new)


@transaction.atomic
def notification_retry(*, actor: User, notification: Notification) -> Notification:
    """A CSE lead sends a failed notification again."""
    if not actor.has_role(Role.CSE_LEAD):
        raise ValidationError("Only a CSE lead can retry a notification")
    locked = Notification.objects.select_for_update().get(pk=notification.pk)
    if locked.status != Status.FAILED:
        raise ValidationError("Only a failed notification can be sent again")
    locked.status = Status.PENDING
    locked.attempts = 0
    locked.due_at = locked.queued_at = timezone.now()
    locked.retried_by = actor
    locked.retried_at = timezone.now()
    locked.save()
    transaction.on_commit(lambda: publish([locked.pk]))
    return locked


def notices_mark_read(*, actor: User) -> int:
    """The signed-in person has seen their notices."""
    return notices_for(user=actor).filter(read_at__isnull=True).update(read_at=timezone.now())


def notice_mark_read(*, actor: User, notification: Notification) -> None:
    if notification.recipient_id != actor.pk or notification.channel != Channel.IN_APP:
        raise ValidationError("This is not your notice")
    Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def young_person_told(*, kind: Kind, meeting: Any, key: str) -> int:
    """A young person with a portal account gets a notice (and a safe nudge, if chosen)."""
    portal_user = meeting.young_person.portal_user
    if portal_user is None:
        return 0
    return notify(kind=kind, recipients=[portal_user], key=key, meeting=meeting)


SAFE_CONTACT_EMAIL_UNTICKED = (
    "Tick the box to say nobody else reads this email, or leave the email address empty"
)
SAFE_CONTACT_MOBILE_UNTICKED = (
    "Tick the box to say nobody else reads texts on this phone, or leave the number empty"
)


def safe_contact_save(
    *, actor: User, email: str, email_is_safe: bool, mobile: str, mobile_is_safe: bool
) -> SafeContact:
    """A young person chooses where a "you have a new message" may reach them."""
    if not actor.is_young_person:
        raise ValidationError("Only a young person chooses this, in the portal")
    errors = {}
    if email and not email_is_safe:
        errors["email_is_safe"] = SAFE_CONTACT_EMAIL_UNTICKED
    if mobile and not mobile_is_safe:
        errors["mobile_is_safe"] = SAFE_CONTACT_MOBILE_UNTICKED
    if errors:
        raise ValidationError(errors)
    contact, _ = SafeContact.objects.get_or_create(user=actor)
    contact.email, contact.email_is_safe = email, bool(email) and email_is_safe
    contact.mobile, contact.mobile_is_safe = mobile, bool(mobile) and mobile_is_safe
    contact.full_clean()
    contact.save()
    return contact
