"""Benchmark: the "My young people" page, for a small and a large caseload.

    DATABASE_URL=postgres://... .venv/bin/python benchmarks/my_young_people.py

Builds a throwaway test database (PostgreSQL when DATABASE_URL is set), fills it with
BACKGROUND young people and meetings that belong to other practitioners, then times the
page for practitioners with 5 and with 200 young people. Prints queries and median time;
compare figures as ratios within one run (these machines are shared and noisy).
"""

import os
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

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

BACKGROUND = int(os.environ.get("BENCH_BACKGROUND", "5000"))
CASELOADS = (5, 200)
RUNS = 30


def build(caseload: int, tag: str, lead):
    from meetings.models import Meeting
    from participation.models import CaseTeamMembership, YoungPerson
    from tests.factories import StaffFactory

    worker = StaffFactory(email=f"{tag}@bench.test")
    people = YoungPerson.objects.bulk_create(
        YoungPerson(preferred_name=f"{tag} {i}", legal_name="x", date_of_birth="2011-01-01")
        for i in range(caseload)
    )
    start = timezone.localdate() - timedelta(days=10)
    CaseTeamMembership.objects.bulk_create(
        CaseTeamMembership(young_person=p, user=worker, role="social_worker", starts_on=start)
        for p in people
    )
    now = timezone.now()
    Meeting.objects.bulk_create(
        Meeting(
            young_person=p,
            meeting_type="strategy",
            chair=lead,
            scheduled_at=now + timedelta(days=days),
            venue="v",
            created_by=lead,
        )
        for p in people
        for days in (-20, 5, 12)
    )
    return worker


def measure(client: Client, worker) -> tuple[int, float]:
    client.force_login(worker)
    second_step_done(client, worker)  # staff pages need both steps
    client.get("/young-people/")  # warm up
    with CaptureQueriesContext(connection) as queries:
        status = client.get("/young-people/").status_code
    if status != 200:
        raise SystemExit(f"the page answered {status}")
    count = len(queries)  # read now: the next request clears the query log
    timings = []
    for _ in range(RUNS):
        started = time.perf_counter()
        client.get("/young-people/")
        timings.append((time.perf_counter() - started) * 1000)
    return count, statistics.median(timings)


def main() -> None:
    from accounts.roles import Role
    from tests.factories import StaffFactory

    setup_test_environment()
    old_config = setup_databases(verbosity=0, interactive=False)
    try:
        lead = StaffFactory(role=Role.CSE_LEAD)
        build(BACKGROUND, "background", lead)
        workers = {size: build(size, f"caseload{size}", lead) for size in CASELOADS}
        print(f"{connection.vendor}, {BACKGROUND} other young people, {RUNS} runs each")
        results = {}
        client = Client()
        for size, worker in workers.items():
            queries, median = measure(client, worker)
            results[size] = median
            print(f"caseload {size:>4}: {queries} queries, median {median:.1f} ms")
        print(f"time ratio 200 / 5: {results[200] / results[5]:.2f}")
    finally:
        teardown_databases(old_config, verbosity=0)


if __name__ == "__main__":
    main()
