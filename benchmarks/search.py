"""Benchmark: finding a young person by name, at the `seed_scale` size.

    DATABASE_URL=postgres://... .venv/bin/python benchmarks/search.py

Builds a throwaway test database filled by `seed_scale` (20,000 young people with made-up
names in realistic variety, 2,000 practitioners, 50 CSE leads; BENCH_YOUNG_PEOPLE to
change it), then, for the practitioner whose caseload is nearest 67 and for the CSE lead
who chairs most meetings:

- the Find page (POST, as the browser sends it): queries and median;
- the search itself, against the same name filter over ids already known (the young people
  the user may see, listed first): the ratio is what working out "who may I see" costs;
- the exact-match check (full legal name and date of birth of someone they cannot see).

Medians of BENCH_RUNS runs; compare ratios within one run (the machines are shared).
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
from django.utils import timezone  # noqa: E402

from tests.signin.phone import second_step_done  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", "30"))
YOUNG_PEOPLE = int(os.environ.get("BENCH_YOUNG_PEOPLE", "20000"))


def median_ms(work: Callable[[], object]) -> float:
    work()  # warm up
    timings = []
    for _ in range(RUNS):
        started = time.perf_counter()
        work()
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


def find_page(client: Client, name: str, born=None) -> int:
    form = {"name": name}
    if born is not None:
        form |= {"date_of_birth_0": born.day, "date_of_birth_1": born.month}
        form |= {"date_of_birth_2": born.year}
    return client.post("/young-people/find/", form).status_code


def report(client: Client, who: str, user) -> None:
    from participation.models import YoungPerson
    from participation.selectors import (
        _name_matches,
        _with_upper_names,
        records_existing_elsewhere,
        young_people_search,
    )

    visible = list(YoungPerson.objects.visible_to(user).values_list("pk", "legal_name"))
    surname = visible[0][1].split()[-1]
    prefix = surname[:3].lower()
    ids = [pk for pk, _ in visible]
    elsewhere = YoungPerson.objects.exclude(pk__in=ids).first()
    if elsewhere is None:
        raise SystemExit("everyone is visible: nothing to find elsewhere")
    client.force_login(user)
    second_step_done(client, user)  # staff pages need both steps
    print(f"\n{who}: sees {len(visible)} young people")
    for term in (surname, prefix):
        find_page(client, term)
        with CaptureQueriesContext(connection) as queries:
            if find_page(client, term) != 200:
                raise SystemExit("the Find page did not open")
        count = len(queries)
        page = median_ms(lambda term=term: find_page(client, term))
        found = young_people_search(user=user, name=term, date_of_birth=None)
        search = median_ms(
            lambda term=term: young_people_search(user=user, name=term, date_of_birth=None)
        )
        known = median_ms(
            lambda term=term: list(
                _with_upper_names(YoungPerson.objects.filter(pk__in=ids))
                .filter(_name_matches(term))
                .order_by("preferred_name", "id")[:50]
            )
        )
        print(
            f"  '{term}': {len(found)} found; page {count} queries, median {page:.1f} ms; "
            f"search {search:.1f} ms against {known:.1f} ms over known ids "
            f"(ratio {search / known:.2f})"
        )
    exact = median_ms(
        lambda: records_existing_elsewhere(
            user=user, name=elsewhere.legal_name, date_of_birth=elsewhere.date_of_birth
        )
    )
    with CaptureQueriesContext(connection) as queries:
        find_page(client, elsewhere.legal_name, elsewhere.date_of_birth)
    print(
        f"  exact name and date of birth held elsewhere: check {exact:.1f} ms; "
        f"page {len(queries)} queries"
    )


def main() -> None:
    from accounts.models import User
    from demo.management.commands.seed_scale import build_scale
    from meetings.models import Meeting
    from participation.models import CaseTeamMembership

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
        caseloads = Counter(
            CaseTeamMembership.objects.in_force(timezone.localdate()).values_list(
                "user_id", flat=True
            )
        )
        practitioner_id = min(caseloads, key=lambda pk: (abs(caseloads[pk] - 67), str(pk)))
        lead_id = Counter(Meeting.objects.values_list("chair_id", flat=True)).most_common(1)[0][0]
        client = Client()
        report(client, "practitioner", User.objects.get(pk=practitioner_id))
        report(client, "CSE lead", User.objects.get(pk=lead_id))
    finally:
        teardown_databases(old_config, verbosity=0)


if __name__ == "__main__":
    main()
