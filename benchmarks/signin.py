"""Benchmark: signing in, on PostgreSQL, with the production password hasher.

    DATABASE_URL=postgres://... .venv/bin/python benchmarks/signin.py

Prints medians over repeated runs and query counts, with ratios measured in the same run
(these machines are shared and noisy):

(a) a wrong password for a real account against one for an account that does not exist:
    the two answers should take about as long (ratio near 1), so timing does not reveal
    who has an account;
(b) a wrong password with no earlier failures against one after 30 failures from the same
    address: counting failures costs the same however many there are (the 20th alone also
    records that the address passed its limit);
(c) the staff home page: how many of its queries the second factor adds (the device the
    session holds, read by django-otp's middleware).
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

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import (  # noqa: E402
    CaptureQueriesContext,
    setup_databases,
    setup_test_environment,
    teardown_databases,
)
from django.urls import reverse  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", "30"))
# Django's default: what production uses (the tests use a fast hasher instead).
PRODUCTION_HASHERS = [
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
]


def measure(work: Callable[[], object]) -> float:
    """Median milliseconds over RUNS runs, after one warm-up run."""
    work()
    timings = []
    for _ in range(RUNS):
        started = time.perf_counter()
        work()
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


def main() -> None:
    from accounts.models import SignInFailure
    from tests.factories import StaffFactory
    from tests.signin.phone import sign_in_both_steps

    user = StaffFactory(email="known@example.test")
    user.set_password("the-right-password")
    user.save()

    def wrong_password(email: str, address: str) -> Callable[[], object]:
        def run() -> object:
            SignInFailure.objects.all().delete()  # never reach the lockout while timing
            return Client().post(
                reverse("signin:sign-in"),
                {"email": email, "password": "a-wrong-guess"},
                REMOTE_ADDR=address,
            )

        return run

    known = measure(wrong_password(user.email, "192.0.2.1"))
    unknown = measure(wrong_password("nobody@example.test", "192.0.2.1"))
    print(f"(a) wrong password, real account:      {known:.1f} ms")
    print(f"    wrong password, no such account:   {unknown:.1f} ms")
    print(f"    ratio (no such / real):            {unknown / known:.2f}")

    def after_failures(count: int) -> Callable[[], object]:
        def run() -> object:
            SignInFailure.objects.all().delete()
            for number in range(count):
                Client().post(
                    reverse("signin:sign-in"),
                    {"email": f"made-up-{number}@example.test", "password": "x"},
                    REMOTE_ADDR="192.0.2.9",
                )
            with CaptureQueriesContext(connection) as queries:
                Client().post(
                    reverse("signin:sign-in"),
                    {"email": "another@example.test", "password": "x"},
                    REMOTE_ADDR="192.0.2.9",
                )
            return len(queries)

        return run

    print(
        f"(b) queries of a wrong password after 0 and 30 failures from its address: "
        f"{after_failures(0)()} and {after_failures(30)()}"
    )

    client = Client()
    if sign_in_both_steps(client, user, "the-right-password").url != reverse("home"):
        raise SystemExit("could not sign in")
    with CaptureQueriesContext(connection) as queries:
        if client.get(reverse("home")).status_code != 200:
            raise SystemExit("the home page did not open")
    device_reads = [q for q in queries.captured_queries if "otp_totp_totpdevice" in q["sql"]]
    print(
        f"(c) staff home page: {len(queries)} queries, of which the second factor's: "
        f"{len(device_reads)}"
    )


if __name__ == "__main__":
    setup_test_environment()
    old = setup_databases(verbosity=0, interactive=False)
    try:
        with override_settings(PASSWORD_HASHERS=PRODUCTION_HASHERS):
            print(f"Password hasher: {settings.PASSWORD_HASHERS[0].rsplit('.', 1)[-1]}")
            main()
    finally:
        teardown_databases(old, verbosity=0)
