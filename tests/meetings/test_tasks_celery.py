"""Reminders through a real Celery worker and a real Redis (CI provides both)."""

import os
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone

from accounts.roles import Role
from config.celery import app
from meetings import services
from meetings.models import Meeting, Reminder
from tests.conftest import require
from tests.factories import CaseTeamMembershipFactory, StaffFactory

ROOT = Path(__file__).resolve().parents[2]


def _database_url() -> str:
    db = connection.settings_dict
    return f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


@contextmanager
def _publishing(**conf):
    """Publish tasks to the broker for real (the suite otherwise runs them in-process)."""
    saved = {name: app.conf[name] for name in ("task_always_eager", *conf)}
    app.conf.update(task_always_eager=False, **conf)
    _drop_broker_connections()
    try:
        yield
    finally:
        app.conf.update(saved)
        _drop_broker_connections()


def _drop_broker_connections() -> None:
    """Forget the app's pooled connections, as Celery does after a fork: a new broker URL takes."""
    app._after_fork()


@pytest.fixture
def celery_worker(redis_url, transactional_db, tmp_path):
    """A real `celery worker` process on the test database, consuming from the real Redis."""
    require(connection.vendor == "postgresql", "needs PostgreSQL: set DATABASE_URL")
    log = tmp_path / "worker.log"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": _database_url(),
        "REDIS_URL": redis_url,
    }
    command = [sys.executable, "-m", "celery", "-A", "config", "worker", "-P", "solo"]
    command += ["--without-mingle", "--without-gossip", "--loglevel=INFO"]
    with log.open("w") as out:
        worker = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=out)
    try:
        _wait_for(lambda: "ready." in log.read_text(), timeout=30, what="worker start")
        with _publishing():
            yield log
    finally:
        worker.send_signal(signal.SIGTERM)
        try:
            worker.wait(timeout=15)
        except subprocess.TimeoutExpired:
            worker.kill()


def _wait_for(condition, *, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def _schedule() -> Meeting:
    membership = CaseTeamMembershipFactory()
    return services.meeting_schedule(
        actor=membership.user,
        young_person=membership.young_person,
        meeting_type=Meeting.Type.STRATEGY,
        chair=StaffFactory(role=Role.CSE_LEAD),
        scheduled_at=timezone.now() + timedelta(days=7),
        venue="The youth centre",
    )


def test_reminder_round_trips_through_redis_and_a_real_worker(celery_worker):
    meeting = _schedule()  # commits: the on-commit hook publishes to Redis
    reminder = Reminder.objects.get(meeting=meeting)
    _wait_for(
        lambda: Reminder.objects.get(pk=reminder.pk).status == Reminder.Status.SENT,
        timeout=30,
        what="the worker to send the reminder",
    )
    reminder.refresh_from_db()
    assert reminder.attempts == 1
    assert "meetings.tasks.reminder_send[" in celery_worker.read_text()


@pytest.mark.django_db(transaction=True)
def test_saving_a_meeting_with_redis_unreachable_succeeds_quickly():
    with _publishing(broker_url="redis://127.0.0.1:1/0"):
        started = time.monotonic()
        meeting = _schedule()
        elapsed = time.monotonic() - started
    assert Meeting.objects.filter(pk=meeting.pk).exists()
    assert Reminder.objects.get(meeting=meeting).status == Reminder.Status.PENDING
    assert elapsed < 5, f"saving took {elapsed:.1f} s with the broker down"
