"""Scale data for benchmarks: 20,000 young people, 100,000 meetings, 500,000 agenda items,
2,000 practitioners with case teams of 3 to 6. Deterministic; DEBUG only (it is not real data)."""

import random
import time
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import timezone

from accounts.models import Organisation, User
from accounts.roles import Role
from accounts.services import roles_ensure
from meetings.models import AgendaItem, Meeting
from participation.models import CaseTeamMembership, YoungPerson

BATCH = 5_000


FIRST_NAMES = [
    "Alex",
    "Amira",
    "Ben",
    "Bella",
    "Cal",
    "Chloe",
    "Dan",
    "Demi",
    "Eli",
    "Esme",
    "Finn",
    "Freya",
    "Gus",
    "Grace",
    "Hal",
    "Hana",
    "Isaac",
    "Isla",
    "Jay",
    "Jade",
    "Kai",
    "Kira",
    "Leo",
    "Lily",
    "Max",
    "Mia",
    "Noah",
    "Nia",
    "Ollie",
    "Orla",
    "Pat",
    "Poppy",
    "Quinn",
    "Rae",
    "Rio",
    "Ruby",
    "Sam",
    "Sky",
    "Theo",
    "Tia",
    "Umar",
    "Una",
    "Vic",
    "Vera",
    "Will",
    "Wren",
    "Xander",
    "Yas",
    "Zac",
    "Zara",
]
SURNAMES = [
    "Adams",
    "Ahmed",
    "Ali",
    "Allen",
    "Bailey",
    "Baker",
    "Begum",
    "Bell",
    "Brown",
    "Campbell",
    "Carter",
    "Clarke",
    "Cook",
    "Cooper",
    "Cox",
    "Davies",
    "Davis",
    "Edwards",
    "Evans",
    "Fisher",
    "Ford",
    "Green",
    "Griffiths",
    "Hall",
    "Harris",
    "Hill",
    "Hughes",
    "Hussain",
    "Jackson",
    "James",
    "Johnson",
    "Jones",
    "Kaur",
    "Kelly",
    "Khan",
    "King",
    "Knight",
    "Lee",
    "Lewis",
    "Lloyd",
    "Martin",
    "Mason",
    "Miller",
    "Mitchell",
    "Moore",
    "Morgan",
    "Morris",
    "Murphy",
    "Nelson",
    "Owen",
    "Parker",
    "Patel",
    "Phillips",
    "Price",
    "Roberts",
    "Robinson",
    "Rogers",
    "Scott",
    "Shaw",
    "Singh",
    "Smith",
    "Stewart",
    "Taylor",
    "Thomas",
    "Thompson",
    "Turner",
    "Walker",
    "Ward",
    "Watson",
    "White",
    "Williams",
    "Wilson",
    "Wood",
    "Wright",
    "Young",
]


def build_scale(
    *,
    young_people: int = 20_000,
    practitioners: int = 2_000,
    leads: int = 50,
    meetings_each: int = 5,
    items_each: int = 5,
    seed: int = 2026,
) -> dict[str, int]:
    """Fill the database; returns how many rows of each kind it wrote."""
    rng = random.Random(seed)  # noqa: S311 - repeatable test data, not secrets
    roles_ensure()
    password = make_password("scale-data-not-for-sign-in")
    organisation = Organisation.objects.create(
        name=f"Scale organisation {seed}", kind=Organisation.Kind.CHILDRENS_SERVICES
    )

    def staff(prefix: str, count: int, role: Role) -> list[User]:
        users = User.objects.bulk_create(
            User(
                kind=User.Kind.STAFF,
                email=f"{prefix}{i}@scale.test",
                full_name=f"{prefix.title()} {i}",
                organisation=organisation,
                password=password,
            )
            for i in range(count)
        )
        group = Group.objects.get(name=role.value)
        User.groups.through.objects.bulk_create(
            User.groups.through(user_id=u.pk, group_id=group.pk) for u in users
        )
        return users

    workers = staff("practitioner", practitioners, Role.PRACTITIONER)
    chairs = staff("lead", leads, Role.CSE_LEAD)
    people = YoungPerson.objects.bulk_create(
        (
            YoungPerson(
                # Made-up names in realistic variety, so that finding someone by name is
                # measured against many near matches (benchmarks/search.py).
                preferred_name=FIRST_NAMES[i % len(FIRST_NAMES)],
                legal_name=f"{FIRST_NAMES[i % len(FIRST_NAMES)]} "
                f"{SURNAMES[(i // len(FIRST_NAMES)) % len(SURNAMES)]}",
                date_of_birth=date(2009 + i % 6, 1 + i % 12, 1 + i % 28),
            )
            for i in range(young_people)
        ),
        batch_size=BATCH,
    )
    today = timezone.localdate()
    CaseTeamMembership.objects.bulk_create(
        (
            CaseTeamMembership(
                young_person=person,
                user=worker,
                role=CaseTeamMembership.Role.SOCIAL_WORKER,
                starts_on=today - timedelta(days=rng.randint(1, 700)),
            )
            for person in people
            for worker in rng.sample(workers, rng.randint(3, 6))
        ),
        batch_size=BATCH,
    )
    now = timezone.now()
    meetings = Meeting.objects.bulk_create(
        (
            Meeting(
                young_person=person,
                meeting_type=Meeting.Type.EXPLOITATION_RISK,
                chair=(chair := rng.choice(chairs)),
                scheduled_at=now + timedelta(days=rng.randint(-400, 120), hours=rng.randint(0, 8)),
                venue="Scale venue",
                status=Meeting.Status.PREPARING,
                created_by=chair,
            )
            for person in people
            for _ in range(meetings_each)
        ),
        batch_size=BATCH,
    )
    for start in range(0, len(meetings), BATCH // items_each):
        AgendaItem.objects.bulk_create(
            AgendaItem(
                meeting=meeting,
                title=f"Item {n}",
                proposed_by=AgendaItem.ProposedBy.PROFESSIONAL,
                visibility=(
                    AgendaItem.Visibility.PROFESSIONALS_ONLY
                    if n == 0
                    else AgendaItem.Visibility.SHARED
                ),
                position=n,
            )
            for meeting in meetings[start : start + BATCH // items_each]
            for n in range(items_each)
        )
    return {
        "young people": len(people),
        "practitioners": len(workers),
        "case-team memberships": CaseTeamMembership.objects.count(),
        "meetings": len(meetings),
        "agenda items": AgendaItem.objects.count(),
    }


class Command(BaseCommand):
    help = "Build benchmark-scale data (DEBUG only): see benchmarks/access.py."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--young-people", type=int, default=20_000)
        parser.add_argument("--practitioners", type=int, default=2_000)

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG:
            raise CommandError("seed_scale only runs with DEBUG on: it fills the database.")
        started = time.monotonic()
        with transaction.atomic():
            counts = build_scale(
                young_people=options["young_people"], practitioners=options["practitioners"]
            )
        for name, count in counts.items():
            self.stdout.write(f"{count:>9,} {name}")
        self.stdout.write(f"in {time.monotonic() - started:.0f} s")
