"""Benchmark: a Celery worker's memory and throughput, sending 10,000 notifications.

    DATABASE_URL=postgres://... REDIS_URL=redis://... .venv/bin/python benchmarks/worker.py

Builds a throwaway test database with BENCH_ROWS (10,000) due emails to staff, then, for one
worker process and for four (`celery worker -P prefork -c 1`, then `-c 4`, as production
runs it), hands every row to the broker (a real Redis), waits until all are sent, and prints
the sends a second and the worker's memory (resident set, the main process and its
children) after sending. Mail is written to files (tests/notifications/worker_settings.py),
so no mail server is part of what is measured.
"""

import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import (  # noqa: E402
    setup_databases,
    setup_test_environment,
    teardown_databases,
)
from django.utils import timezone  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
ROWS = int(os.environ.get("BENCH_ROWS", "10000"))
REDIS_URL = os.environ.get("REDIS_URL", "")


def rss_kb(pid: int) -> int:
    """Resident memory of a process and all its children, in KB, from /proc."""
    total = 0
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            total += int(line.split()[1])
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    return total + sum(rss_kb(int(child)) for child in children)


def database_url() -> str:
    db = connection.settings_dict
    return f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def run(concurrency: int, ids: list, mail: Path) -> None:
    from config.celery import app
    from notifications import tasks
    from notifications.models import Notification, Status

    Notification.objects.update(status=Status.PENDING, attempts=0, sent_at=None)
    queue = f"bench-{uuid.uuid4().hex}"
    log = mail / f"worker-{concurrency}.log"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.notifications.worker_settings",
        "DATABASE_URL": database_url(),
        "PARTNERS_TEST_MAIL_DIR": str(mail / f"c{concurrency}"),
        "PARTNERS_TEST_QUEUE": queue,
    }
    command = [sys.executable, "-m", "celery", "-A", "config", "worker", "-P", "prefork"]
    command += ["-c", str(concurrency), "--without-mingle", "--without-gossip"]
    command += ["--without-heartbeat", "--loglevel=WARNING", "-n", f"{queue}@%h"]
    with log.open("w") as out:
        worker = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=out)  # noqa: S603
    try:
        time.sleep(3)  # the worker starts; what it publishes waits in Redis meanwhile
        before = rss_kb(worker.pid)
        app.conf.update(task_always_eager=False, task_default_queue=queue, broker_url=REDIS_URL)
        started = time.perf_counter()
        tasks.publish(ids)
        sent = 0
        while sent < len(ids):
            if worker.poll() is not None:
                raise SystemExit(f"the worker stopped:\n{log.read_text()}")
            time.sleep(0.5)
            sent = Notification.objects.filter(status=Status.SENT).count()
        elapsed = time.perf_counter() - started
        print(
            f"{concurrency} worker process{'es' if concurrency > 1 else ''}: {sent:,} sent in "
            f"{elapsed:.1f} s ({sent / elapsed:.0f} a second); memory {before / 1024:.0f} MB "
            f"after starting, {rss_kb(worker.pid) / 1024:.0f} MB after sending"
        )
    finally:
        worker.terminate()
        worker.wait(timeout=30)


def main() -> None:
    from accounts.models import User
    from notifications.models import Channel, Kind, Notification

    if not REDIS_URL:
        raise SystemExit("Set REDIS_URL: the workers take their tasks from a real Redis.")
    setup_test_environment()
    old_config = setup_databases(verbosity=0, interactive=False)
    try:
        staff = User.objects.bulk_create(
            User(kind=User.Kind.STAFF, email=f"bench{i}@example.test", full_name=f"Bench {i}")
            for i in range(100)
        )
        now = timezone.now()
        rows = Notification.objects.bulk_create(
            Notification(
                idempotency_key=f"bench:{i}",
                kind=Kind.BREAK_GLASS_OPENED,
                channel=Channel.EMAIL,
                recipient=staff[i % len(staff)],
                due_at=now,
            )
            for i in range(ROWS)
        )
        ids = [row.pk for row in rows]
        print(f"{connection.vendor}: {len(ids):,} due emails")
        with tempfile.TemporaryDirectory() as mail:
            for concurrency in (1, 4):
                run(concurrency, ids, Path(mail))
    finally:
        teardown_databases(old_config, verbosity=0)


if __name__ == "__main__":
    main()
