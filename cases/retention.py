"""The retention schedule, as data: each class of record, how long it is kept, and what
happens at the end. `retention_apply` runs it once a day (a Celery beat task) and records
what it did in counts only. A legal hold on a young person stops every rule for them.

docs/data-protection.md gives the reasoning behind each period."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db import connection, models, transaction
from django.utils import timezone

from accounts.models import User
from audit.models import AccessEvent, RetentionRun
from notifications.models import Notification, SafeContact, Status
from participation.models import CaseClosure, YoungPerson
from participation.selectors import legal_holds_in_force
from portal.models import PortalInvitation

from .erasure import NO_DATE_OF_BIRTH, young_person_anonymise

# Fixed in the database too (audit migration 0004): no access event younger than this can be
# deleted by anyone.
ACCESS_EVENTS_KEPT = timedelta(days=7 * 365 + 2)


def on_hold() -> models.QuerySet[Any]:
    """The young people whose information is on legal hold now."""
    return legal_holds_in_force().values("young_person_id")


def _their_accounts(young_people: models.QuerySet[Any]) -> models.QuerySet[Any]:
    return YoungPerson.objects.filter(pk__in=young_people, portal_user__isnull=False).values(
        "portal_user"
    )


def _unused_codes(now: datetime) -> int:
    return (
        PortalInvitation.objects.filter(
            used_at__isnull=True, issued_at__lt=now - timedelta(days=30)
        )
        .exclude(young_person__in=on_hold())
        .delete()[0]
    )


def _notices(now: datetime) -> int:
    ended = models.Q(status=Status.SENT, sent_at__lt=now - timedelta(days=90)) | models.Q(
        status=Status.CANCELLED, created_at__lt=now - timedelta(days=90)
    )
    return (
        Notification.objects.filter(ended)
        .exclude(young_person__in=on_hold())
        .exclude(recipient__in=_their_accounts(on_hold()))
        .delete()[0]
    )


def _safe_contacts(now: datetime) -> int:
    return (
        SafeContact.objects.filter(user__kind=User.Kind.YOUNG_PERSON, user__is_active=False)
        .exclude(user__in=_their_accounts(on_hold()))
        .delete()[0]
    )


def _access_events(now: datetime) -> int:
    if connection.vendor == "postgresql":  # the only way: the app's role cannot DELETE them
        kept = [str(pk) for pk in on_hold().values_list("young_person_id", flat=True)]
        with connection.cursor() as cursor:
            cursor.execute("SELECT audit_accessevent_prune(%s::uuid[])", [kept])
            row = cursor.fetchone()
        return int(row[0]) if row else 0
    return (
        AccessEvent.objects.filter(at__lt=now - ACCESS_EVENTS_KEPT)
        .exclude(young_person_id__in=on_hold())
        .delete()[0]
    )


def _closed_cases(now: datetime) -> int:
    """Each closed case whose young person has turned 25 is anonymised, one at a time."""
    today = timezone.localtime(now).date()
    born_by = today.replace(
        year=today.year - 25, day=28 if (today.month, today.day) == (2, 29) else today.day
    )
    due = (
        YoungPerson.objects.filter(
            pk__in=CaseClosure.objects.filter(reopened_at__isnull=True).values("young_person"),
            date_of_birth__lte=born_by,
        )
        .exclude(date_of_birth=NO_DATE_OF_BIRTH)  # already anonymised
        .exclude(pk__in=on_hold())
    )
    done = 0
    for young_person in due:
        young_person_anonymise(young_person=young_person)
        done += 1
    return done


@dataclass(frozen=True)
class RetentionRule:
    key: str
    record: str
    kept: str
    at_the_end: str
    apply: Callable[[datetime], int] | None  # None: not applied yet (the note says why)
    note: str = ""


SCHEDULE = [
    RetentionRule(
        "invitation_codes",
        "Invitation codes to the portal, never used",
        "30 days after they were made (they stop working after 7)",
        "Deleted",
        _unused_codes,
    ),
    RetentionRule(
        "notices",
        "Notices and messages, sent or not sent",
        "90 days after sending (or after they were written, if never sent)",
        "Deleted",
        _notices,
        "Failed ones are kept until a CSE lead retries them.",
    ),
    RetentionRule(
        "safe_contacts",
        "A young person's safe email and mobile",
        "Until their portal account is switched off",
        "Deleted",
        _safe_contacts,
    ),
    RetentionRule(
        "access_events",
        "Access events (who viewed, changed or exported what)",
        "7 years",
        "Deleted",
        _access_events,
        "The database itself refuses to delete a younger one.",
    ),
    RetentionRule(
        "closed_cases",
        "A closed case: the record and everything about them",
        "Until the young person's 25th birthday",
        "Anonymised, and the history kept",
        _closed_cases,
        "Names, date of birth and every free text are replaced; what happened is kept.",
    ),
]


@transaction.atomic
def retention_apply(*, now: datetime) -> RetentionRun:
    """Apply every rule that is built, skipping young people on legal hold; one row of
    counts records the run."""
    counts = {rule.key: rule.apply(now) for rule in SCHEDULE if rule.apply is not None}
    return RetentionRun.objects.create(counts=counts)
