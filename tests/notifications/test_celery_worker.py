"""Notifications through real Celery workers, a real Redis and PostgreSQL.

Nothing here is mocked: each worker is a `celery -A config worker` subprocess on the test
database, with `tests.notifications.worker_settings` (the suite's settings, but mail
written to files and tasks published for real). Every email a worker sends lands in a
file, so a test counts what left the system by each message's Message-ID, which is the
row's id: `<{notification.pk}@{SERVICE_MESSAGE_DOMAIN}>`.

Each test publishes to its own queue, so tests running side by side (pytest -n) on the
one shared Redis never take each other's messages; the queue is emptied afterwards. A
test that stops Redis starts a private redis-server of its own: the shared one is never
stopped.
"""

import email
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from datetime import timedelta
from pathlib import Path
from urllib.parse import quote

import pytest
import redis
from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from accounts.roles import Role
from config.celery import app
from meetings import services as meetings
from meetings.models import Meeting
from notifications import services, tasks
from notifications.models import Channel, Kind, Notification, SafeContact, Status
from tests.conftest import require
from tests.factories import CaseTeamMembershipFactory, StaffFactory, YoungPersonAccountFactory

ROOT = Path(__file__).resolve().parents[2]
WORKER_SETTINGS = "tests.notifications.worker_settings"
# What Django's file email backend writes after every message.
MESSAGE_SEPARATOR = b"\n" + b"-" * 79 + b"\n"


# --- The app, publishing for real -------------------------------------------------------


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
    """Forget the app's pooled connections and queues: a new broker URL or queue takes.

    `_after_fork` is what Celery does after a fork; the AMQP object caches the default
    queue and the router, so it is made again from the configuration as it is now.
    """
    app._after_fork()
    app.__dict__.pop("amqp", None)


def _wait_for(
    condition: Callable[[], bool], *, timeout: float, what: str, every: float = 0.2
) -> float:
    """Wait until `condition()` holds; returns how long that took."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if condition():
            return time.monotonic() - started
        time.sleep(every)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")


def _database_url() -> str:
    db = connection.settings_dict
    credentials = quote(db["USER"] or "", safe="")
    if db["PASSWORD"]:
        credentials += ":" + quote(db["PASSWORD"], safe="")
    return f"postgres://{credentials}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# --- Real workers ----------------------------------------------------------------------


class Worker:
    def __init__(self, process: subprocess.Popen, log: Path) -> None:
        self.process = process
        self.log = log
        self.stopped = False

    def log_text(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""

    def kill(self) -> None:
        """SIGKILL, no warning: whatever it was doing is cut off (and its beat, if any)."""
        _signal_group(self.process, signal.SIGKILL)
        self.process.wait(timeout=10)
        self.stopped = True

    def stop(self) -> None:
        """A warm shutdown (it finishes the task in hand); killed if it takes too long."""
        if self.stopped:
            return
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            with suppress(subprocess.TimeoutExpired):
                self.process.wait(timeout=20)
        # A worker started with -B has its beat as a child process: leave nothing behind.
        _signal_group(self.process, signal.SIGKILL)
        with suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=10)
        self.stopped = True


def _signal_group(process: subprocess.Popen, signum: int) -> None:
    """Signal the session the worker was started in (its own: start_new_session)."""
    with suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signum)


class Workers:
    """Starts real workers on the test database, each test on a queue of its own."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.mail = root / "mail"
        self.queue = f"notifications-test-{uuid.uuid4().hex}"
        self.started: list[Worker] = []
        self.brokers: set[str] = set()

    def start(
        self,
        broker_url: str,
        *,
        beat: bool = False,
        sweep_seconds: float | None = None,
        requeue_seconds: int | None = None,
        pause_dir: Path | None = None,
    ) -> Worker:
        number = len(self.started) + 1
        name = f"worker{number}"
        log = self.root / f"{name}.log"
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": WORKER_SETTINGS,
            "DATABASE_URL": _database_url(),
            "REDIS_URL": broker_url,
            # Each worker writes its own files: nothing shared between two processes.
            "PARTNERS_TEST_MAIL_DIR": str(self.mail / name),
            "PARTNERS_TEST_QUEUE": self.queue,
        }
        for inherited in ("CELERY_BROKER_URL", "CELERY_BROKER_WRITE_URL"):
            env.pop(inherited, None)  # would win over the settings
        if sweep_seconds is not None:
            env["NOTIFICATIONS_SWEEP_SECONDS"] = str(sweep_seconds)
        if requeue_seconds is not None:
            env["NOTIFICATIONS_REQUEUE_SECONDS"] = str(requeue_seconds)
        if pause_dir is not None:
            env["PARTNERS_TEST_PAUSE_DIR"] = str(pause_dir)
        command = [sys.executable, "-m", "celery", "-A", "config", "worker", "-P", "solo"]
        command += ["-n", f"{name}.{self.queue}@%h", "--loglevel=INFO"]
        command += ["--without-mingle", "--without-gossip", "--without-heartbeat"]
        if beat:
            command += ["-B", "-s", str(self.root / f"{name}-beat-schedule")]
        self.brokers.add(broker_url)
        with log.open("w") as out:
            process = subprocess.Popen(
                command,
                cwd=ROOT,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        worker = Worker(process, log)
        self.started.append(worker)

        def ready() -> bool:
            if process.poll() is not None:
                raise AssertionError(f"{name} exited early:\n{worker.log_text()}")
            return " ready." in worker.log_text()

        _wait_for(ready, timeout=30, what=f"{name} to start")
        return worker

    def publishing(self, broker_url: str):
        """The test process publishes to this broker and this test's queue."""
        self.brokers.add(broker_url)
        return _publishing(broker_url=broker_url, task_default_queue=self.queue)

    def queued(self, broker_url: str) -> int:
        with redis.Redis.from_url(broker_url, socket_timeout=3) as client:
            return client.llen(self.queue)

    def stop(self) -> None:
        for worker in self.started:
            worker.stop()

    def delivered_message_ids(self) -> Counter[str]:
        """Every message the workers wrote, by Message-ID."""
        return _message_ids(self.mail)

    def forget_queue(self) -> None:
        """Leave nothing of this test's in a broker: its queue, and messages unacknowledged
        by a killed worker (Redis would hand them back to that queue in an hour)."""
        for broker_url in self.brokers:
            with (
                suppress(redis.RedisError, OSError),
                redis.Redis.from_url(broker_url, socket_timeout=3) as client,
            ):
                keys = list(client.scan_iter(match=f"*{self.queue}*"))
                if keys:
                    client.delete(*keys)
                for tag, raw in client.hscan_iter("unacked"):
                    _message, exchange, routing_key = json.loads(raw)
                    if self.queue in (exchange, routing_key):
                        client.hdel("unacked", tag)
                        client.zrem("unacked_index", tag)


@pytest.fixture
def workers(transactional_db, tmp_path) -> Iterator[Workers]:
    """Real `celery worker` processes on the test database; all stopped afterwards."""
    require(connection.vendor == "postgresql", "needs PostgreSQL: set DATABASE_URL")
    started = Workers(tmp_path)
    try:
        yield started
    finally:
        started.stop()
        started.forget_queue()


# --- A private Redis, to stop and start --------------------------------------------------


class PrivateRedis:
    """A redis-server of this test's own, on a free loopback port, keeping nothing on disk."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.port = _free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.pidfile = directory / "redis.pid"
        self.pid: int | None = None

    def start(self) -> None:
        self.directory.mkdir(exist_ok=True)
        options = {
            "bind": "127.0.0.1",
            "port": str(self.port),
            "save": "",
            "appendonly": "no",
            "daemonize": "yes",
            "pidfile": str(self.pidfile),
            "dir": str(self.directory),
            "logfile": str(self.directory / "redis.log"),
        }
        command = ["redis-server"]
        for name, value in options.items():
            command += [f"--{name}", value]
        subprocess.run(command, check=True, timeout=10)
        _wait_for(self._answers, timeout=10, what=f"redis-server on port {self.port}")
        _wait_for(self.pidfile.exists, timeout=5, what="redis-server's pid file")
        self.pid = int(self.pidfile.read_text())
        with redis.Redis(port=self.port, socket_timeout=1) as client:
            answering = client.info("server")["process_id"]
        assert answering == self.pid, f"port {self.port} is another Redis's ({answering})"

    def stop(self) -> None:
        if self.pid is None:
            return
        subprocess.run(
            ["redis-cli", "-p", str(self.port), "shutdown", "nosave"],
            capture_output=True,
            timeout=10,
            check=False,
        )
        try:
            _wait_for(lambda: not self._running(), timeout=10, what="redis-server to stop")
        except AssertionError:
            with suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
        self.pid = None

    def _running(self) -> bool:
        try:
            os.kill(self.pid, 0)
        except ProcessLookupError:
            return False
        return True

    def _answers(self) -> bool:
        try:
            with redis.Redis(port=self.port, socket_timeout=1) as client:
                return bool(client.ping())
        except redis.RedisError:
            return False


@pytest.fixture
def private_redis(tmp_path) -> Iterator[PrivateRedis]:
    require(
        bool(shutil.which("redis-server") and shutil.which("redis-cli")),
        "needs redis-server and redis-cli: apt-get install redis-server",
    )
    server = PrivateRedis(tmp_path / "redis")
    server.start()
    try:
        yield server
    finally:
        server.stop()


@contextmanager
def _hung_server() -> Iterator[int]:
    """A port that takes connections and never says a word: a hung Redis."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    listener.settimeout(0.1)
    held: list[socket.socket] = []
    done = threading.Event()

    def accept() -> None:
        while not done.is_set():
            with suppress(TimeoutError):
                held.append(listener.accept()[0])

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield listener.getsockname()[1]
    finally:
        done.set()
        thread.join(timeout=5)
        for held_connection in held:
            held_connection.close()
        listener.close()


# --- What was written, what was sent -----------------------------------------------------


def _message_ids(mail: Path) -> Counter[str]:
    """Parse every message Django's file backend wrote under `mail`; count their ids."""
    ids: Counter[str] = Counter()
    for path in sorted(mail.rglob("*.log")):
        for chunk in path.read_bytes().split(MESSAGE_SEPARATOR):
            if not chunk.strip():
                continue
            message_id = email.message_from_bytes(chunk)["Message-ID"]
            assert message_id, f"a message without a Message-ID in {path.name}"
            ids[str(message_id)] += 1
    return ids


def _email_message_ids(rows) -> set[str]:
    """The Message-ID each email row goes out with: the staff service's domain, or the
    young people's own."""
    ids = set()
    for pk, kind in rows.filter(channel=Channel.EMAIL).values_list("pk", "recipient__kind"):
        young = kind == "young_person"
        domain = settings.PORTAL_MESSAGE_DOMAIN if young else settings.SERVICE_MESSAGE_DOMAIN
        ids.add(f"<{pk}@{domain}>")
    return ids


def _due_notifications(*, people: int, events: int) -> int:
    """Write people x events x 2 due rows in one transaction, handed to the broker when it
    commits: half are break-glass notices to staff, half reminders to young people through
    the portal's own mailer (each person: in-app and email)."""
    staff = StaffFactory.create_batch(people // 2)
    young_people = YoungPersonAccountFactory.create_batch(people - people // 2)
    SafeContact.objects.bulk_create(
        SafeContact(user=user, email=f"safe-{user.pk.hex[:8]}@example.test", email_is_safe=True)
        for user in young_people
    )
    with transaction.atomic():
        written = sum(
            services.notify(kind=kind, recipients=recipients, key=f"load:{kind}:{event}")
            for event in range(events)
            for kind, recipients in (
                (Kind.BREAK_GLASS_OPENED, staff),
                (Kind.INFORMATION_SHARED, young_people),
            )
        )
    assert written == people * events * 2
    return written


def _broker_failures(caplog) -> int:
    """How many times the app logged that it could not hand rows to the broker."""
    return sum(
        record.getMessage().startswith("Broker unavailable")
        and "left for the sweep" in (record.getMessage())
        for record in caplog.records
    )


def _sent() -> int:
    return Notification.objects.filter(status=Status.SENT).count()


def _schedule() -> Meeting:
    membership = CaseTeamMembershipFactory()
    return meetings.meeting_schedule(
        actor=membership.user,
        young_person=membership.young_person,
        meeting_type=Meeting.Type.STRATEGY,
        chair=StaffFactory(role=Role.CSE_LEAD),
        scheduled_at=timezone.now() + timedelta(days=7),
        venue="The youth centre",
    )


# How many meetings are saved while Redis is down.
MEETINGS = 20

# --- The tests ---------------------------------------------------------------------------


def test_a_thousand_reminders_are_each_delivered_exactly_once(workers, redis_url, settings):
    """Two workers race for 1,000 rows (break-glass notices to staff, and reminders to young
    people through the portal's mailer), most handed to the broker two to four times: on
    commit, then by three sweeps (at the start, when half are sent, when nine in ten are),
    each handing over again every row still pending. Each row is sent once, with one
    attempt, and each email leaves once."""
    settings.NOTIFICATIONS_REQUEUE_SECONDS = 0  # a sweep hands over every pending row
    workers.start(redis_url)
    workers.start(redis_url)
    started = time.monotonic()
    sweeps = []
    with workers.publishing(redis_url):
        total = _due_notifications(people=20, events=25)  # published on commit
        for share in (0, 0.5, 0.9):
            _wait_for(
                lambda share=share: _sent() >= share * total, timeout=30, what=f"{share:.0%} sent"
            )
            sweeps.append(tasks.due_publish())
        _wait_for(lambda: _sent() == total, timeout=30, what="all 1,000 to be sent")
    all_sent = time.monotonic() - started
    # Every copy handed over is taken before anything is counted: none may send again.
    _wait_for(lambda: workers.queued(redis_url) == 0, timeout=30, what="the queue to empty")
    workers.stop()
    print(
        f"1,000 rows sent in {all_sent:.1f} s, every copy consumed in "
        f"{time.monotonic() - started:.1f} s; the sweeps handed over again {sweeps}"
    )

    rows = Notification.objects.all()
    assert rows.count() == total == 1000
    assert set(rows.values_list("status", "attempts")) == {(Status.SENT, 1)}
    assert sweeps[0] > 0, "the sweep handed nothing over again: nothing raced"
    delivered = workers.delivered_message_ids()
    assert set(delivered) == _email_message_ids(rows)
    assert len(delivered) == 500
    assert set(delivered.values()) == {1}, delivered.most_common(3)


def test_meetings_saved_while_redis_is_down_are_all_delivered_when_it_returns(
    private_redis, workers, caplog
):
    """Redis stops; meetings are saved (each in seconds, the broker's failure only logged);
    Redis comes back empty; the beat sweep hands every reminder over, and each is sent once.
    """
    workers.start(private_redis.url, beat=True, sweep_seconds=1, requeue_seconds=2)
    private_redis.stop()

    timings = []
    with workers.publishing(private_redis.url):
        for _ in range(MEETINGS):
            started = time.monotonic()
            meeting = _schedule()
            timings.append(time.monotonic() - started)
            assert Meeting.objects.filter(pk=meeting.pk).exists()
    print(
        f"{MEETINGS} meetings saved with Redis down: slowest {max(timings):.2f} s, "
        f"total {sum(timings):.2f} s"
    )
    assert max(timings) < 5, f"a save took {max(timings):.1f} s with Redis down"
    assert _broker_failures(caplog) == MEETINGS  # each save tried once, and logged it

    rows = Notification.objects.filter(kind=Kind.CHAIR_ASKED)
    assert rows.count() == MEETINGS * 2  # each chair: in-app and email
    assert set(rows.values_list("status", flat=True)) == {Status.PENDING}

    private_redis.start()  # same port, empty: whatever was queued before is gone
    took = _wait_for(
        lambda: not rows.exclude(status=Status.SENT).exists(),
        timeout=60,
        what="every CHAIR_ASKED notification to be sent once Redis is back",
    )
    print(f"all {MEETINGS * 2} sent {took:.1f} s after Redis came back")
    workers.stop()

    assert set(rows.values_list("status", "attempts")) == {(Status.SENT, 1)}
    delivered = workers.delivered_message_ids()
    assert set(delivered) == _email_message_ids(rows)
    assert set(delivered.values()) == {1}, delivered.most_common(3)


def test_a_worker_killed_mid_batch_loses_and_doubles_nothing(workers, redis_url):
    """SIGKILL a worker in the middle of 500 rows; a fresh worker, its beat sweeping
    every second, sends the rest.

    Nothing is lost: every row ends sent, every email row's message was written. No row is
    sent twice: each ends with attempts == 1 (the killed worker's open transaction, with
    its attempt, is rolled back by PostgreSQL).

    An email can, honestly, leave twice. The worker writes the message and then commits the
    row; a kill between the two leaves a message out and its row pending, and the row is
    sent again, with the same Message-ID (a receiver reads it as the same message). No
    outbox that sends outside its database transaction can rule that out. So the test
    finds, after the kill and before anything resumes, the messages written for rows still
    pending (a solo worker has at most one in hand) and asserts that those, and only those,
    may appear twice; every other Message-ID appears exactly once.
    """
    first = workers.start(redis_url)
    with workers.publishing(redis_url):
        total = _due_notifications(people=10, events=25)
        _wait_for(lambda: _sent() >= total // 10, timeout=30, what="some to be sent", every=0.01)
        first.kill()
    time.sleep(0.5)  # PostgreSQL rolls back the killed worker's transaction
    sent_at_kill = _sent()
    print(f"killed with {sent_at_kill} of {total} sent")
    assert 0 < sent_at_kill < total, "the kill was not mid-batch"

    pending = Notification.objects.filter(status=Status.PENDING)
    in_flight = set(workers.delivered_message_ids()) & _email_message_ids(pending)
    print(f"written but not committed when killed: {sorted(in_flight) or 'none'}")
    assert len(in_flight) <= 1, in_flight

    workers.start(redis_url, beat=True, sweep_seconds=1, requeue_seconds=2)
    took = _wait_for(lambda: _sent() == total, timeout=45, what="the rest to be sent")
    print(f"the fresh worker sent the other {total - sent_at_kill} in {took:.1f} s")
    _wait_for(lambda: workers.queued(redis_url) == 0, timeout=30, what="the queue to empty")
    workers.stop()

    rows = Notification.objects.all()
    assert rows.count() == total == 500
    assert set(rows.values_list("status", "attempts")) == {(Status.SENT, 1)}
    delivered = workers.delivered_message_ids()
    assert set(delivered) == _email_message_ids(rows), "an email was lost"
    doubled = {message_id: n for message_id, n in delivered.items() if n != 1}
    print(f"Message-IDs written twice: {doubled or 'none'}")
    assert set(doubled) <= in_flight, f"doubled beyond the one in flight: {doubled}"
    assert set(doubled.values()) <= {2}, doubled


def test_a_worker_killed_after_handing_a_message_over_and_before_committing_sends_it_again(
    workers, redis_url, tmp_path
):
    """The window that matters, hit on purpose: the worker stops still after the message has
    left and before its row commits (a test hook), and is SIGKILLed there. The row is still
    pending (PostgreSQL rolled the attempt back), so nothing is lost: a fresh worker sends
    it, and the same Message-ID leaves a second time (a receiver reads it as a repeat). Had
    the row been committed as sent before the message left, the kill would have lost it;
    this test fails on that order."""
    pause = tmp_path / "pause"
    pause.mkdir()
    held = workers.start(redis_url, pause_dir=pause)
    with workers.publishing(redis_url):
        young = YoungPersonAccountFactory()
        SafeContact.objects.create(user=young, email="safe@example.test", email_is_safe=True)
        with transaction.atomic():
            services.notify(kind=Kind.INFORMATION_SHARED, recipients=[young], key="in-flight")
        email_row = Notification.objects.get(channel=Channel.EMAIL)
        _wait_for(
            lambda: (pause / str(email_row.pk)).exists(),
            timeout=30,
            what="the worker to hand the email over and stop before committing",
        )
        [message_id] = _email_message_ids(Notification.objects.filter(pk=email_row.pk))
        assert workers.delivered_message_ids()[message_id] == 1  # it has left
        held.kill()
    time.sleep(0.5)  # PostgreSQL rolls back the killed worker's transaction
    email_row.refresh_from_db()
    assert (email_row.status, email_row.attempts) == (Status.PENDING, 0)

    workers.start(redis_url, beat=True, sweep_seconds=1, requeue_seconds=2)
    _wait_for(
        lambda: Notification.objects.filter(pk=email_row.pk, status=Status.SENT).exists(),
        timeout=45,
        what="the fresh worker to send it",
    )
    workers.stop()
    email_row.refresh_from_db()
    assert email_row.attempts == 1
    assert workers.delivered_message_ids()[message_id] == 2  # the same message, repeated


def test_saving_a_meeting_with_redis_hung_takes_under_five_seconds(db_for_publishing, caplog):
    with _hung_server() as port, _publishing(broker_url=f"redis://127.0.0.1:{port}/0"):
        started = time.monotonic()
        meeting = _schedule()  # commits: the on-commit hook tries the hung Redis
        elapsed = time.monotonic() - started
    print(f"saving with Redis hung took {elapsed:.2f} s")
    assert Meeting.objects.filter(pk=meeting.pk).exists()
    rows = Notification.objects.filter(meeting=meeting)
    assert rows.count() == 2
    assert set(rows.values_list("status", "queued_at")) == {(Status.PENDING, None)}
    assert _broker_failures(caplog) == 1
    assert elapsed < 5, f"saving took {elapsed:.1f} s with Redis hung"


def test_saving_a_meeting_with_redis_refusing_connections_takes_under_five_seconds(
    db_for_publishing, caplog
):
    with _publishing(broker_url=f"redis://127.0.0.1:{_free_port()}/0"):
        started = time.monotonic()
        meeting = _schedule()
        elapsed = time.monotonic() - started
    print(f"saving with Redis refusing took {elapsed:.2f} s")
    assert Meeting.objects.filter(pk=meeting.pk).exists()
    rows = Notification.objects.filter(meeting=meeting)
    assert set(rows.values_list("status", "queued_at")) == {(Status.PENDING, None)}
    assert _broker_failures(caplog) == 1
    assert elapsed < 5, f"saving took {elapsed:.1f} s with Redis refusing connections"


def test_saving_a_meeting_with_redis_frozen_mid_connection_takes_under_five_seconds(
    private_redis, db_for_publishing, caplog
):
    """A real Redis that stops answering (SIGSTOP) while the app holds a live connection."""
    with _publishing(broker_url=private_redis.url):
        _schedule()  # the app now holds a pooled connection to a Redis that answered
        assert _broker_failures(caplog) == 0
        os.kill(private_redis.pid, signal.SIGSTOP)
        try:
            started = time.monotonic()
            meeting = _schedule()
            elapsed = time.monotonic() - started
        finally:
            os.kill(private_redis.pid, signal.SIGCONT)
    print(f"saving with Redis frozen took {elapsed:.2f} s")
    assert Meeting.objects.filter(pk=meeting.pk).exists()
    rows = Notification.objects.filter(meeting=meeting)
    assert set(rows.values_list("status", "queued_at")) == {(Status.PENDING, None)}
    assert _broker_failures(caplog) == 1
    assert elapsed < 5, f"saving took {elapsed:.1f} s with Redis frozen"


@pytest.fixture
def db_for_publishing(transactional_db):
    """Real commits, so the on-commit hook that publishes runs (any database will do)."""
