from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts.roles import Role
from meetings import services
from meetings.models import Meeting, Reminder
from meetings.tasks import reminders_send_due
from tests.factories import CaseTeamMembershipFactory, StaffFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def case():
    membership = CaseTeamMembershipFactory()
    lead = StaffFactory(role=Role.CSE_LEAD, email="chair@example.test")
    return membership.user, membership.young_person, lead


def _schedule(actor, young_person, chair, **overrides):
    values = {
        "actor": actor,
        "young_person": young_person,
        "meeting_type": Meeting.Type.STRATEGY,
        "chair": chair,
        "scheduled_at": timezone.now() + timedelta(days=14),
        "venue": "  The library  ",
    }
    values.update(overrides)
    return services.meeting_schedule(**values)


def test_scheduling_a_meeting_writes_the_chairs_reminder_with_it(
    case, django_capture_on_commit_callbacks
):
    actor, young_person, lead = case
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        meeting = _schedule(actor, young_person, lead)
    reminder = Reminder.objects.get(meeting=meeting)
    assert reminder.recipient == lead
    assert reminder.status == Reminder.Status.PENDING
    assert meeting.venue == "The library"
    assert meeting.created_by == actor
    assert len(callbacks) == 1, "the send task is queued only once the transaction commits"


def test_the_queued_task_sends_the_reminder_once_after_commit(
    case, django_capture_on_commit_callbacks
):
    actor, young_person, lead = case
    with django_capture_on_commit_callbacks(execute=True):
        meeting = _schedule(actor, young_person, lead)
    reminder = Reminder.objects.get(meeting=meeting)
    assert reminder.status == Reminder.Status.SENT
    assert reminder.attempts == 1
    assert [m.to for m in mail.outbox] == [["chair@example.test"]]


def test_a_failure_after_the_meeting_is_written_leaves_neither_meeting_nor_reminder(case):
    actor, young_person, lead = case
    with (
        mock.patch.object(Reminder, "save", side_effect=RuntimeError("disk full")),
        pytest.raises(RuntimeError),
    ):
        _schedule(actor, young_person, lead)
    assert not Meeting.objects.exists()
    assert not Reminder.objects.exists()


def test_saving_succeeds_when_the_broker_refuses_and_the_reminder_waits_for_the_sweep(
    case, django_capture_on_commit_callbacks
):
    actor, young_person, lead = case
    with (
        mock.patch("meetings.tasks.reminder_send.delay", side_effect=ConnectionError("down")),
        django_capture_on_commit_callbacks(execute=True),
    ):
        meeting = _schedule(actor, young_person, lead)
    assert Reminder.objects.get(meeting=meeting).status == Reminder.Status.PENDING
    assert reminders_send_due() == 1
    assert Reminder.objects.get(meeting=meeting).status == Reminder.Status.SENT


def test_delivering_a_reminder_twice_sends_one_email(case, django_capture_on_commit_callbacks):
    actor, young_person, lead = case
    with django_capture_on_commit_callbacks(execute=False):
        meeting = _schedule(actor, young_person, lead)
    reminder = Reminder.objects.get(meeting=meeting)
    assert services.reminder_deliver(reminder_id=str(reminder.pk)) is True
    assert services.reminder_deliver(reminder_id=str(reminder.pk)) is False
    assert len(mail.outbox) == 1


def test_reminder_email_names_no_young_person(case, django_capture_on_commit_callbacks):
    actor, young_person, lead = case
    with django_capture_on_commit_callbacks(execute=True):
        _schedule(actor, young_person, lead)
    [message] = mail.outbox
    text = f"{message.subject}\n{message.body}"
    assert young_person.preferred_name not in text
    assert young_person.legal_name not in text


def test_reminder_not_yet_due_is_not_sent(case, django_capture_on_commit_callbacks):
    actor, young_person, lead = case
    with django_capture_on_commit_callbacks(execute=False):
        meeting = _schedule(actor, young_person, lead)
    reminder = Reminder.objects.get(meeting=meeting)
    reminder.due_at = timezone.now() + timedelta(hours=1)
    reminder.save()
    assert services.reminder_deliver(reminder_id=str(reminder.pk)) is False
    assert mail.outbox == []


def test_practitioner_off_the_case_team_cannot_schedule(case):
    _actor, young_person, lead = case
    with pytest.raises(ValidationError, match="case team"):
        _schedule(StaffFactory(), young_person, lead)
    assert not Meeting.objects.exists()


def test_chair_must_be_a_cse_lead(case):
    actor, young_person, _lead = case
    with pytest.raises(ValidationError) as error:
        _schedule(actor, young_person, StaffFactory(role=Role.PRACTITIONER))
    assert "chair" in error.value.message_dict
    assert not Meeting.objects.exists()


def test_meeting_cannot_be_scheduled_in_the_past(case):
    actor, young_person, lead = case
    with pytest.raises(ValidationError) as error:
        _schedule(actor, young_person, lead, scheduled_at=timezone.now() - timedelta(hours=1))
    assert "scheduled_at" in error.value.message_dict
    assert not Meeting.objects.exists() and not Reminder.objects.exists()
