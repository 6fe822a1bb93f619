"""The retention schedule: each rule removes what has passed its period and nothing younger,
a legal hold stops every rule for that young person, and each run is recorded in counts."""

import uuid
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from audit.models import AccessEvent, RetentionRun
from cases.retention import retention_apply
from notifications.models import Channel, Kind, Notification, SafeContact, Status
from participation import services as participation_services
from participation.models import LegalHold
from participation.selectors import legal_hold_in_force
from portal.models import PortalInvitation
from tests.conftest import require
from tests.factories import (
    MeetingFactory,
    StaffFactory,
    YoungPersonAccountFactory,
    YoungPersonFactory,
)

pytestmark = pytest.mark.django_db

DAY = timedelta(days=1)


@pytest.fixture
def now():
    return timezone.now()


@pytest.fixture
def two_young_people():
    """One whose information is on legal hold, and one whose is not."""
    held = YoungPersonFactory(portal_user=YoungPersonAccountFactory())
    free = YoungPersonFactory(portal_user=YoungPersonAccountFactory())
    chair = StaffFactory(role=Role.CSE_LEAD)
    MeetingFactory(young_person=held, chair=chair)
    participation_services.legal_hold_set(
        actor=chair, young_person=held, reason="A claim has been made"
    )
    return held, free


def _code(young_person, age, used=False):
    code = PortalInvitation.objects.create(
        young_person=young_person,
        code_digest=uuid.uuid4().hex,
        issued_by=StaffFactory(),
        expires_at=timezone.now() + 7 * DAY,
    )
    PortalInvitation.objects.filter(pk=code.pk).update(
        issued_at=timezone.now() - age, used_at=timezone.now() if used else None
    )
    return code


def test_invitation_codes_never_used_go_after_30_days_unless_held(two_young_people, now):
    held, free = two_young_people
    old, young = _code(free, 31 * DAY), _code(free, 29 * DAY)
    used, kept = _code(free, 60 * DAY, used=True), _code(held, 60 * DAY)
    run = retention_apply(now=now)
    left = set(PortalInvitation.objects.values_list("pk", flat=True))
    assert left == {young.pk, used.pk, kept.pk} and old.pk not in left
    assert run.counts["invitation_codes"] == 1


def _notice(recipient, status, age, young_person=None):
    notice = Notification.objects.create(
        idempotency_key=uuid.uuid4().hex,
        kind=Kind.MEETING_SCHEDULED,
        channel=Channel.IN_APP,
        recipient=recipient,
        young_person=young_person,
        due_at=timezone.now(),
        status=status,
    )
    Notification.objects.filter(pk=notice.pk).update(
        created_at=timezone.now() - age, sent_at=timezone.now() - age
    )
    return notice


def test_notices_go_90_days_after_sending_unless_failed_or_held(two_young_people, now):
    held, free = two_young_people
    staff = StaffFactory()
    gone = [
        _notice(free.portal_user, Status.SENT, 91 * DAY),
        _notice(staff, Status.CANCELLED, 91 * DAY, young_person=free),
    ]
    kept = [
        _notice(free.portal_user, Status.SENT, 89 * DAY),
        _notice(free.portal_user, Status.FAILED, 200 * DAY),
        _notice(held.portal_user, Status.SENT, 200 * DAY),
        _notice(staff, Status.SENT, 200 * DAY, young_person=held),
    ]
    run = retention_apply(now=now)
    left = set(Notification.objects.values_list("pk", flat=True))
    assert {n.pk for n in kept} <= left and not {n.pk for n in gone} & left
    assert run.counts["notices"] == 2


def test_safe_contact_details_go_once_the_portal_account_is_switched_off(two_young_people, now):
    held, free = two_young_people
    other = YoungPersonFactory(portal_user=YoungPersonAccountFactory())
    for young_person in (held, free, other):
        SafeContact.objects.create(user=young_person.portal_user, email="me@example.org")
    for young_person in (held, free):
        young_person.portal_user.is_active = False
        young_person.portal_user.save(update_fields=["is_active"])
    retention_apply(now=now)
    assert set(SafeContact.objects.values_list("user_id", flat=True)) == {
        held.portal_user_id,
        other.portal_user_id,
    }


def _event(young_person, age):
    """An access event written `age` ago (raw SQL: the model stamps the time itself)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO audit_accessevent (at, actor_kind, actor_roles, actor_organisation,"
            " action, outcome, young_person_id, what, path, request_id, user_agent)"
            " VALUES (%s, 'staff', '', '', 'view', 'allowed', %s, 'record', '/', '', '')",
            [
                AccessEvent._meta.get_field(name).get_db_prep_value(value, connection)
                for name, value in (
                    ("at", timezone.now() - age),
                    ("young_person_id", young_person.pk),
                )
            ],
        )


def test_access_events_go_after_seven_years_and_never_sooner_unless_held(two_young_people, now):
    held, free = two_young_people
    _event(free, 7 * 366 * DAY)
    _event(free, 6 * 365 * DAY)
    _event(held, 8 * 365 * DAY)
    run = retention_apply(now=now)
    assert run.counts["access_events"] == 1
    left = AccessEvent.objects.filter(what="record")
    assert sorted((e.young_person_id == held.pk) for e in left) == [False, True]


def test_the_database_refuses_to_delete_an_access_event_younger_than_seven_years(
    two_young_people,
):
    require(connection.vendor == "postgresql", "needs PostgreSQL: set DATABASE_URL")
    _held, free = two_young_people
    _event(free, 6 * 365 * DAY)
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AccessEvent.objects.filter(what="record").delete()
    assert AccessEvent.objects.filter(what="record").count() == 1


def test_each_run_is_recorded_in_counts_only_and_a_cse_lead_reads_the_schedule(client, now):
    retention_apply(now=now)
    [run] = RetentionRun.objects.all()
    assert set(run.counts) == {
        "invitation_codes",
        "notices",
        "safe_contacts",
        "access_events",
        "closed_cases",
    }
    assert all(isinstance(count, int) for count in run.counts.values())
    client.force_login(StaffFactory(role=Role.CSE_LEAD))
    page = client.get(reverse("cases:retention")).content.decode()
    assert "Until the young person&#x27;s 25th birthday" in page
    assert "Names, date of birth and every free text are replaced" in page
    assert "Access events (who viewed, changed or exported what): 0" in page
    client.force_login(StaffFactory())
    assert client.get(reverse("cases:retention")).status_code == 404


def test_a_legal_hold_needs_a_reason_is_one_at_a_time_and_is_lifted_with_a_reason(client):
    young_person = YoungPersonFactory()
    chair = StaffFactory(role=Role.CSE_LEAD)
    MeetingFactory(young_person=young_person, chair=chair)
    url = reverse("participation:legal-hold", args=[young_person.pk])
    client.force_login(chair)
    assert client.post(url, {"reason": ""}).status_code == 400
    client.post(url, {"reason": "An inquiry has asked for the records"})
    record = client.get(reverse("participation:young-person", args=[young_person.pk]))
    assert "Nothing about them is deleted on the retention schedule" in record.content.decode()
    with pytest.raises(ValidationError, match="already in force"):
        participation_services.legal_hold_set(actor=chair, young_person=young_person, reason="x")
    assert "Lift the legal hold" in client.get(url).content.decode()
    assert client.post(url, {"reason": ""}).status_code == 400
    client.post(url, {"reason": "The inquiry has closed"})
    hold = LegalHold.objects.get()
    assert (hold.lifted_by, hold.lift_reason) == (chair, "The inquiry has closed")
    assert legal_hold_in_force(young_person=young_person) is None
