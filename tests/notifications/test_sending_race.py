"""Two workers handed the same row at the same instant send it once: the row's lock.

Real threads, each with its own PostgreSQL connection, call the send on one row together,
with the channel slowed so that both are inside the send at once. Without the row lock
(`select_for_update`) both read the row as pending and both send.
"""

import threading
import time

import pytest
from django.core import mail
from django.db import connection, connections
from django.utils import timezone

from notifications import channels, delivery
from notifications.models import Channel, Kind, Notification, Status
from tests.conftest import require
from tests.factories import StaffFactory

SLOW_SEND_SECONDS = 0.5


@pytest.mark.django_db(transaction=True)
def test_two_sends_of_the_same_row_at_the_same_instant_send_one_email(monkeypatch):
    require(connection.vendor == "postgresql", "needs PostgreSQL's row locks: set DATABASE_URL")
    # A due email row, written directly: the suite's in-process tasks would otherwise send it
    # the moment it commits.
    row = Notification.objects.create(
        idempotency_key="race",
        kind=Kind.BREAK_GLASS_OPENED,
        channel=Channel.EMAIL,
        recipient=StaffFactory(),
        due_at=timezone.now(),
    )

    real_deliver = channels.deliver

    def slow_deliver(notification):
        time.sleep(SLOW_SEND_SECONDS)  # both threads are inside the send together
        return real_deliver(notification)

    monkeypatch.setattr(channels, "deliver", slow_deliver)
    start = threading.Barrier(2)
    results: list[bool] = []
    errors: list[BaseException] = []

    def send() -> None:
        try:
            start.wait(timeout=10)
            results.append(delivery.deliver(notification_id=str(row.pk)))
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert errors == []
    assert sorted(results) == [False, True]
    assert len(mail.outbox) == 1
    row.refresh_from_db()
    assert (row.status, row.attempts) == (Status.SENT, 1)
