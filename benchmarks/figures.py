"""Benchmark: the participation figures, at the `seed_scale` size.

    DATABASE_URL=postgres://... .venv/bin/python benchmarks/figures.py

Builds a throwaway test database filled by `seed_scale` (20,000 young people, 100,000
meetings over the last 400 days, 500,000 agenda items; BENCH_YOUNG_PEOPLE to change it; all
in one organisation, so a CSE lead's figures count every meeting), then, for the CSE lead
who chairs most meetings, times the figures page for each period (its trend covers six
periods: six years for "year"), the meetings behind a figure, the CSV, and "Your account"
as a floor (a signed-in page with the base layout and little else). Prints statements and
the median of BENCH_RUNS runs, and each page's ratio to the floor in the same run.
"""

import os
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
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

from tests.signin.phone import second_step_done  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", "10"))
YOUNG_PEOPLE = int(os.environ.get("BENCH_YOUNG_PEOPLE", "20000"))

PAGES = [
    ("Your account (floor)", "/account/"),
    ("figures, last month", "/service/figures/?period=month"),
    ("figures, last 3 months", "/service/figures/?period=quarter"),
    ("figures, last year", "/service/figures/?period=year"),
    ("meetings behind a figure, 3 months", "/service/figures/meetings/?figure=own_item"),
    ("CSV, 3 months", "/service/figures.csv?period=quarter"),
]


def median_ms(work: Callable[[], object]) -> float:
    work()  # warm up
    timings = []
    for _ in range(RUNS):
        started = time.perf_counter()
        work()
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


def main() -> None:
    from accounts.models import User
    from demo.management.commands.seed_scale import build_scale
    from meetings.models import Meeting

    setup_test_environment()
    old_config = setup_databases(verbosity=0, interactive=False)
    try:
        started = time.monotonic()
        counts = build_scale(young_people=YOUNG_PEOPLE, practitioners=YOUNG_PEOPLE // 10)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        print(
            f"{connection.vendor}: {counts['young people']:,} young people, "
            f"{counts['meetings']:,} meetings, built in {time.monotonic() - started:.0f} s; "
            f"{RUNS} runs each"
        )
        lead_id = Counter(Meeting.objects.values_list("chair_id", flat=True)).most_common(1)[0][0]
        lead = User.objects.get(pk=lead_id)
        client = Client()
        client.force_login(lead)
        second_step_done(client, lead)
        print(f"CSE lead chairing {Meeting.objects.filter(chair=lead).count():,} meetings")
        print(f"{'page':<40} {'statements':>10} {'median':>10} {'x floor':>8}")
        floor = None
        for label, url in PAGES:
            client.get(url)  # the first request opens the connection and its session
            with CaptureQueriesContext(connection) as queries:
                status = client.get(url).status_code
            count = len(queries)
            if status != 200:
                raise SystemExit(f"{url} answered {status}")
            median = median_ms(lambda url=url: client.get(url))
            floor = floor or median
            print(f"{label:<40} {count:>10} {median:>8.1f} ms {median / floor:>8.1f}")
    finally:
        teardown_databases(old_config, verbosity=0)


if __name__ == "__main__":
    main()
