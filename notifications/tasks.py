"""What the workers are handed, and how: the send task, the beat sweep, and handing rows to
the broker (a broker that is down costs a logged warning, never a save)."""

import logging
from collections.abc import Iterable
from datetime import timedelta
from typing import Any

from celery import shared_task
from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from . import delivery
from .models import Notification, Status

logger = logging.getLogger(__name__)


@shared_task(acks_late=True, reject_on_worker_lost=True)
def notification_send(notification_id: str) -> bool:
    return delivery.deliver(notification_id=notification_id)


@shared_task
def notifications_send_due() -> int:
    """Every minute: hand due rows to the workers (also those saved while Redis was down)."""
    return due_publish()


def publish(notification_ids: Iterable[Any]) -> list[Any]:
    """Hand rows (already stamped `queued_at`) to the broker. At the first failure, stop
    and clear the stamp on the rest, so the next sweep takes them: no broker has them, so
    no worker holds their locks and this never waits on one."""
    ids = list(notification_ids)
    for done, notification_id in enumerate(ids):
        try:
            notification_send.delay(str(notification_id))
        except Exception as error:
            logger.warning("Broker unavailable (%s): left for the sweep", type(error).__name__)
            Notification.objects.filter(pk__in=ids[done:]).update(queued_at=None)
            return ids[:done]
    return ids


def due_publish(*, limit: int = 1000) -> int:
    """The beat sweep: hand over due rows not handed over lately (FOR UPDATE SKIP LOCKED).

    A row handed over but not sent within `NOTIFICATIONS_REQUEUE_SECONDS` (its message was
    lost with a broker or a worker) is handed over again; sending it twice does nothing.
    """
    now = timezone.now()
    requeue_before = now - timedelta(seconds=settings.NOTIFICATIONS_REQUEUE_SECONDS)
    with transaction.atomic():
        due = list(
            Notification.objects.select_for_update(skip_locked=True)
            .filter(status=Status.PENDING, due_at__lte=now)
            .filter(Q(queued_at__isnull=True) | Q(queued_at__lt=requeue_before))
            .order_by("due_at")
            .values_list("pk", flat=True)[:limit]
        )
        Notification.objects.filter(pk__in=due).update(queued_at=now)
        return len(publish(due))
