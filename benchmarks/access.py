"""Benchmark: the access model at scale, on PostgreSQL.

    DATABASE_URL=postgres://... .venv/bin/python benchmarks/access.py

Builds a throwaway test database with `seed_scale`'s data (20,000 young people, 100,000
meetings, 500,000 agenda items, 2,000 practitioners with case teams of 3 to 6), then prints
medians over repeated runs, each with its query count and its ratio to a floor measured in
the same run. Compare ratios, not milliseconds: these machines are shared and noisy.
"""

import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django

django.setup()

from django.core.paginator import Paginator  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test.utils import (  # noqa: E402
    CaptureQueriesContext,
    setup_databases,
    setup_test_environment,
    teardown_databases,
)
from django.utils import timezone  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", "30"))
SCALE = {
    "young_people": int(os.environ.get("BENCH_YOUNG_PEOPLE", "20000")),
    "practitioners": int(os.environ.get("BENCH_PRACTITIONERS", "2000")),
}


def measure(work: Callable[[], object]) -> tuple[int, float]:
    """(queries of one run, median milliseconds over RUNS runs) after one warm-up run."""
    work()
    with CaptureQueriesContext(connection) as queries:
        work()
    timings = []
    for _ in range(RUNS):
        started = time.perf_counter()
        work()
        timings.append((time.perf_counter() - started) * 1000)
    return len(queries), statistics.median(timings)


def rolled_back(work: Callable[[], object]) -> Callable[[], object]:
    def run() -> object:
        with transaction.atomic():
            result = work()
            transaction.set_rollback(True)
        return result

    return run


def report(label: str, measured: tuple[int, float], floor: tuple[int, float]) -> None:
    (queries, median), (floor_queries, floor_median) = measured, floor
    ratio = median / floor_median
    print(
        f"{label:<44} {queries:>2} queries {median:8.2f} ms   "
        f"floor {floor_queries} queries {floor_median:6.2f} ms   ratio {ratio:5.1f}x"
    )


def main() -> None:
    from accounts.models import User
    from accounts.roles import Role
    from demo.management.commands.seed_scale import build_scale
    from meetings import selectors as meeting_selectors
    from meetings.models import Meeting
    from participation import selectors, services
    from participation.models import CaseTeamMembership, YoungPerson
    from tests.factories import OrganisationFactory, StaffFactory

    setup_test_environment()
    old_config = setup_databases(verbosity=0, interactive=False)
    try:
        started = time.monotonic()
        counts = build_scale(**SCALE)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        print(f"{connection.vendor}; built in {time.monotonic() - started:.0f} s:", counts)
        print(f"medians over {RUNS} runs\n")

        # (a) a typical practitioner's "My young people", 25 a page, next meeting first.
        worker = (
            User.objects.filter(email__startswith="practitioner")
            .annotate(n=Count("case_team_memberships"))
            .order_by("-n")
            .first()
        )
        if worker is None:
            raise SystemExit("no practitioners were built")
        listing = meeting_selectors.young_people_on_case_team(user=worker)
        ids = [p.pk for p in Paginator(listing, 25).get_page(1)]

        def page() -> list[YoungPerson]:
            listing = meeting_selectors.young_people_on_case_team(user=worker)
            return list(Paginator(listing, 25).get_page(1))

        def page_floor() -> list[YoungPerson]:
            known = meeting_selectors._with_next_meeting(YoungPerson.objects.filter(pk__in=ids))
            return list(known.order_by("pk"))

        report(
            f"(a) my young people ({listing.count()}), 25 a page",
            measure(page),
            measure(page_floor),
        )

        # (b) a single object check: the same 404-or-record selector every view uses.
        target = ids[0]
        report(
            "(b) single object check",
            measure(
                lambda: selectors.young_person_get_for_user(user=worker, young_person_id=target)
            ),
            measure(lambda: YoungPerson.objects.get(pk=target)),
        )

        # (b2) the same check for the CSE lead who chairs most: the rule's chairing branch.
        chair = User.objects.annotate(n=Count("chaired_meetings")).order_by("-n", "pk").first()
        if chair is None:
            raise SystemExit("no chairs were built")
        chaired = Meeting.objects.filter(chair=chair)
        chaired_young_person = chaired.values_list("young_person_id", flat=True).first()
        report(
            f"(b2) single object check, a chair of {chaired.count()}",
            measure(
                lambda: selectors.young_person_get_for_user(
                    user=chair, young_person_id=chaired_young_person
                )
            ),
            measure(lambda: YoungPerson.objects.get(pk=chaired_young_person)),
        )

        # (c) a leaver with 50 young people moves to a colleague at their organisation, by its
        # CSE lead, who are told (rolled back after each run).
        organisation = OrganisationFactory()
        leaver, successor = (StaffFactory(organisation=organisation) for _ in range(2))
        lead = StaffFactory(role=Role.CSE_LEAD, organisation=organisation)
        today = timezone.localdate()
        CaseTeamMembership.objects.bulk_create(
            CaseTeamMembership(young_person=p, user=leaver, role="police", starts_on=today)
            for p in YoungPerson.objects.order_by("pk")[:50]
        )
        leaver_rows = list(
            CaseTeamMembership.objects.filter(user=leaver).values_list("pk", flat=True)
        )
        report(
            "(c) reassign a leaver's 50 young people",
            measure(
                rolled_back(
                    lambda: services.case_team_reassign(
                        actor=lead, leaver=leaver, successor=successor
                    )
                )
            ),
            measure(
                rolled_back(
                    lambda: CaseTeamMembership.objects.filter(pk__in=leaver_rows).update(
                        ends_on=today
                    )
                )
            ),
        )
    finally:
        teardown_databases(old_config, verbosity=0)


if __name__ == "__main__":
    main()
