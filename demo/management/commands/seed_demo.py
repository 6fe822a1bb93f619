"""Demo data for local runs: the same organisations, people and meetings on every run."""

import binascii
import os
import uuid
from base64 import b32decode
from datetime import date, datetime, time, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import Organisation, User
from accounts.roles import Role
from accounts.services import roles_ensure
from advocacy.models import AdvocateAssignment
from meetings.models import AgendaItem, Meeting, PreparationRecord, PreparationStep
from notifications.tasks import due_publish
from participation.models import CaseTeamMembership, YoungPerson
from reminders.services import reminders_write

from .history import history_seed

DEFAULT_PASSWORD = "partners-demo-only"  # noqa: S105 - documented, local runs only
# Every demo staff account's authenticator key (base32), set as if their phones were set up.
DEFAULT_TOTP_SECRET = "PARTNERSDEMOONLY"  # noqa: S105 - documented, local runs only
# How to make the code a phone would show, with nothing but Python's standard library.
CODE_COMMAND = (
    "python3 -c 'import base64,hmac,struct,time;"
    'k=base64.b32decode("{secret}");'
    'h=hmac.digest(k,struct.pack(">Q",int(time.time())//30),"sha1");o=h[-1]&15;'
    'print("%06d"%((int.from_bytes(h[o:o+4],"big")&0x7fffffff)%10**6))\''
)
NAMESPACE = uuid.UUID("6f1c2a9e-3d4b-4e8f-9a7c-1b2d3e4f5a6b")

ORGANISATIONS = [
    ("Northshire Children's Services", Organisation.Kind.CHILDRENS_SERVICES),
    ("Northshire Youth Advocacy", Organisation.Kind.ADVOCACY_SERVICE),
    ("Southvale Health Trust", Organisation.Kind.HEALTH),
    ("Southvale Children's Services", Organisation.Kind.CHILDRENS_SERVICES),
]

# email, full name, organisation, role
STAFF = [
    ("lead@example.org", "Morgan Ellis", "Northshire Children's Services", Role.CSE_LEAD),
    ("worker@example.org", "Sam Patel", "Northshire Children's Services", Role.PRACTITIONER),
    # No young people yet: the one a North caseload moves to.
    ("worker2@example.org", "Lee Burns", "Northshire Children's Services", Role.PRACTITIONER),
    ("outsider@example.org", "Jo Okafor", "Southvale Health Trust", Role.PRACTITIONER),
    ("advocate@example.org", "Ash Reid", "Northshire Youth Advocacy", Role.ADVOCATE),
    ("admin@example.org", "Ali Hughes", "Northshire Children's Services", Role.ADMINISTRATOR),
    # A second administrator approves giving the CSE-lead or administrator role.
    ("admin2@example.org", "Chris Adeyemi", "Northshire Children's Services", Role.ADMINISTRATOR),
    ("southlead@example.org", "Rae Collins", "Southvale Children's Services", Role.CSE_LEAD),
    (
        "participation@example.org",
        "Dee Marsh",
        "Northshire Children's Services",
        Role.PARTICIPATION_WORKER,
    ),
]

# preferred name, legal name, pronouns, portal username, case-team email, chair email
YOUNG_PEOPLE = [
    ("Robin", "Robin Demoperson", "they/them", "robin", "worker@example.org", "lead@example.org"),
    ("Sky", "Sky Sampleton", "she/her", None, "worker@example.org", "lead@example.org"),
    ("Jordan", "Jordan Fictitious", "he/him", None, "worker@example.org", "lead@example.org"),
    ("Alex", "Alex Madeupname", "", None, "worker@example.org", None),
    ("Kai", "Kai Notarealname", "he/him", "kai", "outsider@example.org", "southlead@example.org"),
    ("Remy", "Remy Placeholder", "she/her", None, "outsider@example.org", "southlead@example.org"),
]


def _id(*parts: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, "/".join(parts))


class Command(BaseCommand):
    help = "Create the demo organisations, sign-ins, young people and meetings (DEBUG only)."

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG:
            raise CommandError("seed_demo only runs with DEBUG on: it creates known passwords.")
        password = os.environ.get("PARTNERS_DEMO_PASSWORD") or DEFAULT_PASSWORD
        secret = os.environ.get("PARTNERS_DEMO_TOTP_SECRET") or DEFAULT_TOTP_SECRET
        try:
            key = b32decode(secret.upper()).hex()
        except binascii.Error as error:
            raise CommandError("PARTNERS_DEMO_TOTP_SECRET must be base32 (A-Z, 2-7).") from error
        with transaction.atomic():
            self._seed(password, key)
            history_seed()
        # The reminders the demo dates bring, sent now (in-process when there is no Redis).
        reminders_write()
        due_publish()
        self.stdout.write(self.style.SUCCESS("Demo data ready. Sign in at http://127.0.0.1:8000/"))
        self.stdout.write(f"Every demo password: {password}")
        for email, name, organisation, role in STAFF:
            self.stdout.write(f"  {email:<24} {role.label}, {organisation} ({name})")
        self.stdout.write(
            f"Staff then enter a code from an authenticator app set up with the key {secret}."
            " Make the current code with:"
        )
        self.stdout.write(f"  {CODE_COMMAND.format(secret=secret.upper())}")
        self.stdout.write("Young people, at http://127.0.0.1:8000/portal/sign-in/")
        for preferred, _legal, _pronouns, username, *_ in YOUNG_PEOPLE:
            if username:
                self.stdout.write(f"  {username:<24} {preferred}")

    def _seed(self, password: str, totp_key: str) -> None:
        roles_ensure()
        organisations = {
            name: Organisation.objects.update_or_create(
                id=_id("organisation", name), defaults={"name": name, "kind": kind}
            )[0]
            for name, kind in ORGANISATIONS
        }
        staff: dict[str, User] = {}
        for email, full_name, organisation, role in STAFF:
            user, _ = User.objects.update_or_create(
                id=_id("user", email),
                defaults={
                    "kind": User.Kind.STAFF,
                    "email": email,
                    "full_name": full_name,
                    "organisation": organisations[organisation],
                    "is_active": True,
                    "is_staff": role == Role.ADMINISTRATOR,
                },
            )
            user.set_password(password)
            user.save()
            user.groups.set([Group.objects.get(name=role.value)])
            TOTPDevice.objects.filter(user=user).delete()
            TOTPDevice.objects.create(
                user=user, name="Demo authenticator", key=totp_key, confirmed=True
            )
            staff[email] = user

        today = timezone.localdate()
        for index, (preferred, legal, pronouns, username, worker, chair) in enumerate(YOUNG_PEOPLE):
            portal_user = None
            if username:
                portal_user, _ = User.objects.update_or_create(
                    id=_id("user", username),
                    defaults={"kind": User.Kind.YOUNG_PERSON, "username": username},
                )
                portal_user.set_password(password)
                portal_user.save()
            young_person, _ = YoungPerson.objects.update_or_create(
                id=_id("young-person", preferred),
                defaults={
                    "preferred_name": preferred,
                    "legal_name": legal,
                    "pronouns": pronouns,
                    "date_of_birth": date(today.year - 14 - index % 3, 1 + index, 10 + index),
                    "strengths_and_interests": "Likes music, football and drawing.",
                    "portal_user": portal_user,
                },
            )
            CaseTeamMembership.objects.update_or_create(
                id=_id("case-team", preferred, worker),
                defaults={
                    "young_person": young_person,
                    "user": staff[worker],
                    "role": CaseTeamMembership.Role.LEAD_PROFESSIONAL,
                    "starts_on": today - timedelta(days=120),
                    "ends_on": None,
                },
            )
            if chair:
                for label, days in (("past", -28), ("next", 7 + index)):
                    when = datetime.combine(today + timedelta(days=days), time(10, 0))
                    Meeting.objects.update_or_create(
                        id=_id("meeting", preferred, label),
                        defaults={
                            "young_person": young_person,
                            "meeting_type": Meeting.Type.EXPLOITATION_RISK,
                            "chair": staff[chair],
                            "scheduled_at": timezone.make_aware(when),
                            "venue": "The youth centre, Market Street",
                            "status": (
                                Meeting.Status.HELD if days < 0 else Meeting.Status.PREPARING
                            ),
                            "created_by": staff[worker],
                        },
                    )
        robin = YoungPerson.objects.get(id=_id("young-person", "Robin"))
        AdvocateAssignment.objects.update_or_create(
            id=_id("advocate", "Robin"),
            defaults={
                "young_person": robin,
                "advocate": staff["advocate@example.org"],
                "starts_on": today - timedelta(days=60),
                "ends_on": None,
            },
        )
        # Robin's next meeting, part prepared: their own item, a professionals-only item.
        next_meeting = Meeting.objects.get(id=_id("meeting", "Robin", "next"))
        agenda = [
            ("Going back to school after half term", AgendaItem.ProposedBy.YOUNG_PERSON, ""),
            ("Where Robin feels safe at weekends", AgendaItem.ProposedBy.PROFESSIONAL, ""),
            (
                "Information shared by another agency",
                AgendaItem.ProposedBy.PROFESSIONAL,
                "Part of the meeting is about information from other people. "
                "We will tell you what was decided.",
            ),
        ]
        for position, (title, proposed_by, explanation) in enumerate(agenda):
            AgendaItem.objects.update_or_create(
                id=_id("agenda", "Robin", str(position)),
                defaults={
                    "meeting": next_meeting,
                    "title": title,
                    "proposed_by": proposed_by,
                    "visibility": (
                        AgendaItem.Visibility.PROFESSIONALS_ONLY
                        if explanation
                        else AgendaItem.Visibility.SHARED
                    ),
                    "explanation_for_young_person": explanation,
                    "position": position,
                },
            )
        PreparationRecord.objects.update_or_create(
            id=_id("preparation", "Robin", "meet_chair"),
            defaults={
                "meeting": next_meeting,
                "step": PreparationStep.MEET_CHAIR,
                "state": "offered",
                "happened_on": today - timedelta(days=1),
                "recorded_by": staff["lead@example.org"],
            },
        )
