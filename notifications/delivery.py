"""Sending one row once: what a worker does with a notification it is handed.

Sending holds the row's lock and checks it is still pending, so a row handed over twice,
or to two workers at once, is sent once.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from . import channels
from .models import Notification, Status

logger = logging.getLogger(__name__)


def deliver(*, notification_id: str) -> bool:
    """Send one row once. A row already sent, or not yet due, is left alone.

    A failure is counted and tried again later with a growing wait; after
    `NOTIFICATIONS_MAX_ATTEMPTS` it is marked failed for a CSE lead to retry.
    """
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update(of=("self",))
            .select_related("recipient", "meeting")
            .filter(pk=notification_id, status=Status.PENDING)
            .first()
        )
        if notification is None:
            return False
        if notification.due_at > timezone.now():
            # Not due by this clock (a retry's wait, or a web server's clock a moment ahead):
            # the sweep takes it when it is due, rather than waiting to hand it over again.
            notification.queued_at = None
            notification.save(update_fields=["queued_at"])
            return False
        notification.attempts += 1
        try:
            delivered = channels.deliver(notification)
        except Exception as error:
            notification.last_error = type(error).__name__
            if notification.attempts >= settings.NOTIFICATIONS_MAX_ATTEMPTS:
                notification.status = Status.FAILED
            else:
                wait = settings.NOTIFICATIONS_RETRY_SECONDS * 2 ** (notification.attempts - 1)
                notification.due_at = timezone.now() + timedelta(seconds=wait)
                notification.queued_at = None
            notification.save()
            logger.warning("Notification %s not sent (%s)", notification.pk, type(error).__name__)
            return False
        _after_hand_over(notification)
        notification.status = Status.SENT if delivered else Status.CANCELLED
        notification.sent_at = timezone.now()
        notification.save()
        return delivered


def _after_hand_over(notification: Notification) -> None:
    """The moment that matters: the message has left, the row is not yet committed as sent.
    Nothing happens here unless NOTIFICATIONS_AFTER_HAND_OVER names a function, which only
    the tests of a worker killed in this window do (tests/notifications/pause.py)."""
    if settings.NOTIFICATIONS_AFTER_HAND_OVER:
        import_string(settings.NOTIFICATIONS_AFTER_HAND_OVER)(notification)
