"""Benchmark: every key page, at the `seed_scale` size, against a floor measured in the same run.

    DATABASE_URL=postgres://... .venv/bin/python benchmarks/pages.py

Builds a throwaway test database filled by `seed_scale` (20,000 young people, 100,000
meetings, 500,000 agenda items; BENCH_YOUNG_PEOPLE to change it), then picks realistic
people: the practitioner with the largest caseload, the CSE lead who chairs most meetings,
and a young person with several meetings (given a portal account). For each page it prints
the statements, the median and 95th percentile of BENCH_RUNS runs, and the median's ratio to
the floor: a signed-in page that renders the base layout and nothing else
(benchmarks/floor_urls.py), for staff pages the staff floor and for portal pages the
portal's. Goal: staff pages at most 3x their floor, portal pages at most 2x.
"""

import os
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import (  # noqa: E402
    CaptureQueriesContext,
    setup_databases,
    setup_test_environment,
    teardown_databases,
)
from django.urls import reverse  # noqa: E402

from tests.signin.phone import second_step_done  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", "30"))
YOUNG_PEOPLE = int(os.environ.get("BENCH_YOUNG_PEOPLE", "20000"))
STAFF_GOAL, PORTAL_GOAL = 3.0, 2.0


def timings_ms(client: Client, url: str) -> list[float]:
    client.get(url)  # warm up: the connection, the session, the template cache
    runs = []
    for _ in range(RUNS):
        started = time.perf_counter()
        response = client.get(url)
        runs.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
    return runs


def p95(runs: list[float]) -> float:
    return sorted(runs)[max(0, round(len(runs) * 0.95) - 1)]


def main() -> None:
    from accounts.models import User
    from demo.management.commands.seed_scale import build_scale
    from meetings.models import Meeting
    from participation.models import CaseTeamMembership, YoungPerson

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
        practitioner = User.objects.get(
            pk=Counter(CaseTeamMembership.objects.values_list("user_id", flat=True)).most_common(1)[
                0
            ][0]
        )
        lead = User.objects.get(
            pk=Counter(Meeting.objects.values_list("chair_id", flat=True)).most_common(1)[0][0]
        )
        caseload = YoungPerson.objects.filter(case_team__user=practitioner)
        record = caseload.annotate(n=Count("meetings")).order_by("-n").first()
        meeting = (
            Meeting.objects.filter(young_person=record)
            .annotate(items=Count("agenda_items"))
            .order_by("-items")
            .first()
        )
        young_person = YoungPerson.objects.annotate(n=Count("meetings")).order_by("-n").first()
        assert record and meeting and young_person  # noqa: S101 - the scale data has them
        account = User.objects.create(username="bench-young-person", kind=User.Kind.YOUNG_PERSON)
        young_person.portal_user = account
        young_person.save(update_fields=["portal_user"])
        their_meeting = Meeting.objects.filter(young_person=young_person).order_by("-scheduled_at")[
            0
        ]
        print(
            f"practitioner with {caseload.count():,} young people; CSE lead chairing "
            f"{Meeting.objects.filter(chair=lead).count():,} meetings; a meeting with "
            f"{meeting.agenda_items.count()} agenda items; a young person with "
            f"{Meeting.objects.filter(young_person=young_person).count()} meetings"
        )

        def signed_in(user: User) -> Client:
            client = Client()
            client.force_login(user)
            if user.is_staff_member:
                second_step_done(client, user)
            return client

        as_practitioner, as_lead, as_young_person = (
            signed_in(practitioner),
            signed_in(lead),
            signed_in(account),
        )
        pages = [
            ("staff floor", as_practitioner, "/bench/floor/", None),
            ("home (practitioner)", as_practitioner, reverse("home"), "staff"),
            ("home (CSE lead)", as_lead, reverse("home"), "staff"),
            ("My young people", as_practitioner, reverse("participation:my-young-people"), "staff"),
            (
                "a record",
                as_practitioner,
                reverse("participation:young-person", args=[record.pk]),
                "staff",
            ),
            (
                "meeting, case team",
                as_practitioner,
                reverse("meetings:meeting", args=[meeting.pk]),
                "staff",
            ),
            (
                "meeting, chair",
                signed_in(meeting.chair),
                reverse("meetings:meeting", args=[meeting.pk]),
                "staff",
            ),
            (
                "the agenda: adding an item",
                as_practitioner,
                reverse("meetings:agenda-add", args=[meeting.pk]),
                "staff",
            ),
            (
                "print: the pack",
                as_practitioner,
                reverse("meetings:print-pack", args=[meeting.pk]),
                "staff",
            ),
            (
                "print: their agenda",
                as_practitioner,
                reverse("meetings:print-young-persons-agenda", args=[meeting.pk]),
                "staff",
            ),
            ("figures (3 months)", as_lead, reverse("figures:page"), "staff"),
            ("break-glass review", as_lead, reverse("participation:break-glass-review"), "staff"),
            ("outbox", as_lead, reverse("notifications:outbox"), "staff"),
            ("search", as_practitioner, reverse("participation:find") + "?q=Ali", "staff"),
            ("portal floor", as_young_person, "/bench/portal-floor/", None),
            ("portal home", as_young_person, reverse("portal:home"), "portal"),
            (
                "portal meeting",
                as_young_person,
                reverse("portal:meeting", args=[their_meeting.pk]),
                "portal",
            ),
        ]
        print(f"{'page':<30} {'statements':>10} {'median':>10} {'p95':>10} {'x floor':>8} goal")
        floors: dict[str, float] = {}
        for label, client, url, kind in pages:
            client.get(url)
            with CaptureQueriesContext(connection) as queries:
                client.get(url)
            statements = len(queries)  # now: each request empties the log it reads from
            runs = timings_ms(client, url)
            median = statistics.median(runs)
            if kind is None:
                floors["portal" if "portal" in label else "staff"] = median
                ratio, verdict = 1.0, ""
            else:
                ratio = median / floors[kind]
                goal = STAFF_GOAL if kind == "staff" else PORTAL_GOAL
                verdict = "met" if ratio <= goal else f"MISSED (goal {goal:.0f}x)"
            print(
                f"{label:<30} {statements:>10} {median:>7.1f} ms {p95(runs):>7.1f} ms "
                f"{ratio:>8.1f} {verdict}"
            )
    finally:
        teardown_databases(old_config, verbosity=0)


if __name__ == "__main__":
    with override_settings(ROOT_URLCONF="benchmarks.floor_urls"):
        main()
