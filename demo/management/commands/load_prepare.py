"""Accounts the load test signs in with (`make load`), on `seed_scale` data.

The staff with the largest caseloads and the CSE leads who chair most get a known password
and an authenticator key; the young people with most meetings get portal accounts. The
accounts are written to a JSON file for benchmarks/load/locustfile.py. Only with DEBUG on,
as seed_scale: never on a real service.
"""

import json
import secrets
from collections import Counter
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.db.models import Count
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import User
from meetings.models import Meeting
from participation.models import CaseTeamMembership, YoungPerson

PASSWORD = "load-test-only-not-a-secret"  # noqa: S105 - throwaway scale data


class Command(BaseCommand):
    help = "Give seed_scale's busiest staff and young people sign-ins for the load test."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--staff", type=int, default=60)
        parser.add_argument("--young-people", type=int, default=60)
        parser.add_argument("--out", default="var/load/accounts.json")

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG:
            raise CommandError("load_prepare only runs with DEBUG on, like seed_scale.")
        password = make_password(PASSWORD)
        with transaction.atomic():
            busiest = Counter(CaseTeamMembership.objects.values_list("user_id", flat=True))
            chairs = Counter(Meeting.objects.values_list("chair_id", flat=True))
            staff_ids = [pk for pk, _n in busiest.most_common(options["staff"] // 2)] + [
                pk for pk, _n in chairs.most_common(options["staff"] - options["staff"] // 2)
            ]
            staff = []
            for user in User.objects.filter(pk__in=staff_ids):
                user.password = password
                user.save(update_fields=["password"])
                TOTPDevice.objects.filter(user=user).delete()
                key = secrets.token_hex(20)
                TOTPDevice.objects.create(user=user, name="Load test", key=key, confirmed=True)
                staff.append({"email": user.email, "key": key})
            young_people = []
            # Repeatable: the same young people get the same accounts on every run.
            for index, young_person in enumerate(
                YoungPerson.objects.annotate(n=Count("meetings")).order_by("-n", "pk")[
                    : options["young_people"]
                ]
            ):
                account, _ = User.objects.get_or_create(
                    username=f"load{index}", defaults={"kind": User.Kind.YOUNG_PERSON}
                )
                account.password = password
                account.save(update_fields=["password"])
                YoungPerson.objects.filter(portal_user=account).update(portal_user=None)
                young_person.portal_user = account
                young_person.save(update_fields=["portal_user"])
                young_people.append({"username": account.username})
        out = Path(options["out"])
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(
            json.dumps({"password": PASSWORD, "staff": staff, "young_people": young_people})
        )
        self.stdout.write(f"{len(staff)} staff and {len(young_people)} young people in {out}")
