"""Benchmark: the outbox at scale — the staff home page, the CSE leads' outbox page,
the beat sweep and sending.

    DATABASE_URL=postgres://... .venv/bin/python benchmarks/notifications.py

Builds a throwaway test database with BACKGROUND sent notifications to other people, then
measures: the home page for someone with 1 and with 200 unread notices; the outbox page
(newest first, and filtered to failed ones); how long one sweep takes to pick 1,000 due
rows among them (publishing replaced by a counter: the broker is not what is measured);
and sending 1,000 rows in-process (locmem email). Compare figures as ratios within one
run (these machines are shared and noisy).
"""

import os
import statistics
import sys
import time
import uuid
from pathlib import Path
from unittest import mock

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import (  # noqa: E402
    CaptureQueriesContext,
    setup_databases,
    setup_test_environment,
    teardown_databases,
)
from django.utils import timezone  # noqa: E402

from tests.signin.phone import second_step_done  # noqa: E402

BACKGROUND = int(os.environ.get("BENCH_BACKGROUND", "100000"))
RUNS = 20
DUE = 1000


def rows(recipient, count, *, status="sent", channel="in_app", read=False):
    from notifications.models import Notification
    from tests.factories import MeetingFactory

    meeting = MeetingFactory(chair=recipient)
    now = timezone.now()
    Notification.objects.bulk_create(
        (
            Notification(
                idempotency_key=str(uuid.uuid4()),
                kind="chair_asked",
                channel=channel,
                recipient=recipient,
                meeting=meeting,
                due_at=now,
                status=status,
                sent_at=now if status == "sent" else None,
                read_at=now if read else None,
            )
            for _ in range(count)
        ),
        batch_size=5000,
    )


def page(client: Client, user, url: str) -> tuple[int, float]:
    client.force_login(user)
    second_step_done(client, user)  # staff pages need both steps
    client.get(url)  # warm up
    with CaptureQueriesContext(connection) as queries:
        status = client.get(url).status_code
    if status != 200:
        raise SystemExit(f"{url} answered {status}")
    count = len(queries)
    timings = []
    for _ in range(RUNS):
        started = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
    return count, statistics.median(timings)


def main() -> None:
    from accounts.roles import Role
    from notifications import delivery, tasks
    from notifications.models import Notification
    from tests.factories import StaffFactory

    setup_test_environment()
    old_config = setup_databases(verbosity=0, interactive=False)
    try:
        others = [StaffFactory() for _ in range(50)]
        for other in others:
            rows(other, BACKGROUND // len(others), read=True)
        rows(others[0], 200, status="failed", channel="email")
        few, many = StaffFactory(role=Role.CSE_LEAD), StaffFactory(role=Role.CSE_LEAD)
        rows(few, 1)
        rows(many, 200)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        print(f"{connection.vendor}, {BACKGROUND:,} other notifications, {RUNS} runs each")
        client = Client()
        home = {}
        for label, user in (("1 notice", few), ("200 notices", many)):
            queries, median = page(client, user, "/")
            home[label] = median
            print(f"home, {label:<12}: {queries} queries, median {median:.1f} ms")
        print(f"home time ratio 200 / 1 notices: {home['200 notices'] / home['1 notice']:.2f}")
        for url in ("/notifications/", "/notifications/?status=failed"):
            queries, median = page(client, few, url)
            print(f"{url:<30}: {queries} queries, median {median:.1f} ms")

        lead = StaffFactory(role=Role.CSE_LEAD)
        rows(lead, DUE, status="pending", channel="email")
        with mock.patch("notifications.tasks.notification_send.delay") as delay:
            started = time.perf_counter()
            handed = tasks.due_publish()
            sweep = (time.perf_counter() - started) * 1000
        print(
            f"sweep: {handed} of {DUE} due rows handed over in {sweep:.0f} ms "
            f"({delay.call_count} publishes)"
        )
        due = list(Notification.objects.filter(status="pending").values_list("pk", flat=True))
        started = time.perf_counter()
        sent = sum(delivery.deliver(notification_id=str(pk)) for pk in due)
        elapsed = time.perf_counter() - started
        print(f"send: {sent} emails in {elapsed:.2f} s ({sent / elapsed:.0f} a second)")
    finally:
        teardown_databases(old_config, verbosity=0)


if __name__ == "__main__":
    main()
