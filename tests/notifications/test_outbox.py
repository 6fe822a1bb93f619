"""The outbox: rows written with the change, sent once, retried, and read."""

from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.utils import timezone

from accounts.roles import Role
from meetings import services as meeting_services
from meetings.models import Meeting
from notifications import delivery, services, tasks
from notifications.models import Channel, Kind, Notification, SafeContact, Status
from notifications.tasks import notifications_send_due
from tests.factories import (
    CaseTeamMembershipFactory,
    MeetingFactory,
    StaffFactory,
    YoungPersonAccountFactory,
    YoungPersonFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def case():
    membership = CaseTeamMembershipFactory()
    lead = StaffFactory(role=Role.CSE_LEAD, email="chair@example.test")
    return membership.user, membership.young_person, lead


def _schedule(actor, young_person, chair):
    return meeting_services.meeting_schedule(
        actor=actor,
        young_person=young_person,
        meeting_type=Meeting.Type.STRATEGY,
        chair=chair,
        scheduled_at=timezone.now() + timedelta(days=14),
        venue="The library",
    )


def _rows(**filters):
    return Notification.objects.filter(**filters)


def test_scheduling_writes_the_chairs_notice_and_email_in_the_same_transaction(
    case, django_capture_on_commit_callbacks
):
    actor, young_person, lead = case
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        meeting = _schedule(actor, young_person, lead)
    rows = _rows(meeting=meeting)
    assert {(r.recipient, r.channel, r.kind, r.status) for r in rows} == {
        (lead, Channel.IN_APP, Kind.CHAIR_ASKED, Status.PENDING),
        (lead, Channel.EMAIL, Kind.CHAIR_ASKED, Status.PENDING),
    }
    assert len(callbacks) == 1, "rows go to the broker only once the transaction commits"


def test_a_failure_after_the_meeting_is_written_leaves_neither_meeting_nor_notification(case):
    actor, young_person, lead = case
    with (
        mock.patch.object(
            Notification.objects, "bulk_create", side_effect=RuntimeError("disk full")
        ),
        pytest.raises(RuntimeError),
    ):
        _schedule(actor, young_person, lead)
    assert not Meeting.objects.exists()
    assert not Notification.objects.exists()


def test_once_committed_each_row_is_sent_once(case, django_capture_on_commit_callbacks):
    actor, young_person, lead = case
    with django_capture_on_commit_callbacks(execute=True):
        meeting = _schedule(actor, young_person, lead)
    assert set(_rows(meeting=meeting).values_list("status", "attempts")) == {(Status.SENT, 1)}
    [message] = mail.outbox
    assert message.to == ["chair@example.test"]
    email = _rows(meeting=meeting, channel=Channel.EMAIL).get()
    assert message.extra_headers["Message-ID"] == f"<{email.pk}@partners.invalid>"


def test_delivering_a_row_twice_sends_one_email(case, django_capture_on_commit_callbacks):
    actor, young_person, lead = case
    with django_capture_on_commit_callbacks(execute=False):
        meeting = _schedule(actor, young_person, lead)
    email = _rows(meeting=meeting, channel=Channel.EMAIL).get()
    assert delivery.deliver(notification_id=str(email.pk)) is True
    assert delivery.deliver(notification_id=str(email.pk)) is False
    assert len(mail.outbox) == 1


def test_writing_the_same_event_twice_writes_nothing_more(case):
    _actor, young_person, lead = case
    meeting = MeetingFactory(young_person=young_person, chair=lead)
    first = services.notify(kind=Kind.CHAIR_ASKED, recipients=[lead], key="k", meeting=meeting)
    again = services.notify(kind=Kind.CHAIR_ASKED, recipients=[lead], key="k", meeting=meeting)
    assert (first, again) == (2, 0)
    assert _rows(meeting=meeting).count() == 2


def test_saving_succeeds_when_the_broker_refuses_and_the_sweep_sends_it_later(
    case, django_capture_on_commit_callbacks
):
    actor, young_person, lead = case
    with (
        mock.patch(
            "notifications.tasks.notification_send.delay", side_effect=ConnectionError("down")
        ),
        django_capture_on_commit_callbacks(execute=True),
    ):
        meeting = _schedule(actor, young_person, lead)
        assert notifications_send_due() == 0, "the sweep cannot hand anything over either"
    assert set(_rows(meeting=meeting).values_list("status", flat=True)) == {Status.PENDING}
    assert notifications_send_due() == 2
    assert set(_rows(meeting=meeting).values_list("status", flat=True)) == {Status.SENT}
    assert notifications_send_due() == 0, "a sent row is never handed over again"


def test_the_sweep_hands_over_a_row_again_only_once_it_has_waited_too_long(case):
    _actor, young_person, lead = case
    meeting = MeetingFactory(young_person=young_person, chair=lead)
    with mock.patch("notifications.tasks.notification_send.delay") as delay:
        services.notify(kind=Kind.CHAIR_ASKED, recipients=[lead], key="k", meeting=meeting)
        assert tasks.due_publish() == 0, "handed over as it is written: left alone"
        _rows(meeting=meeting).update(queued_at=timezone.now() - timedelta(hours=1))
        assert tasks.due_publish() == 2, "its message was lost: handed over again"
        assert tasks.due_publish() == 0, "handed over a moment ago: left alone"
    assert delay.call_count == 2


def test_an_account_switched_off_before_sending_is_sent_nothing(
    young_person_with_account, django_capture_on_commit_callbacks
):
    account = young_person_with_account.portal_user
    services.safe_contact_save(
        actor=account, email="own@example.test", email_is_safe=True, mobile="", mobile_is_safe=False
    )
    meeting = MeetingFactory(young_person=young_person_with_account)
    with django_capture_on_commit_callbacks(execute=False):
        services.young_person_told(kind=Kind.INFORMATION_SHARED, meeting=meeting, key="k")
    account.is_active = False
    account.save()
    for row in _rows(recipient=account):
        assert delivery.deliver(notification_id=str(row.pk)) is False
    assert set(_rows(recipient=account).values_list("status", flat=True)) == {Status.CANCELLED}
    assert mail.outbox == []


def test_a_row_a_worker_finds_not_yet_due_goes_back_to_the_sweep(case):
    _actor, young_person, lead = case
    meeting = MeetingFactory(young_person=young_person, chair=lead)
    services.notify(kind=Kind.CHAIR_ASKED, recipients=[lead], key="k", meeting=meeting)
    email = _rows(channel=Channel.EMAIL).get()
    assert email.queued_at is not None, "handed over as it is written"
    # The worker's clock is a moment behind the web server's that wrote it.
    Notification.objects.filter(pk=email.pk).update(due_at=timezone.now() + timedelta(seconds=1))
    assert delivery.deliver(notification_id=str(email.pk)) is False
    email.refresh_from_db()
    assert (email.status, email.queued_at) == (Status.PENDING, None)


def test_a_row_not_yet_due_is_not_sent(case):
    _actor, young_person, lead = case
    meeting = MeetingFactory(young_person=young_person, chair=lead)
    services.notify(
        kind=Kind.CHAIR_ASKED,
        recipients=[lead],
        key="later",
        meeting=meeting,
        due_at=timezone.now() + timedelta(hours=1),
    )
    email = _rows(channel=Channel.EMAIL).get()
    assert delivery.deliver(notification_id=str(email.pk)) is False
    assert tasks.due_publish() == 0
    assert mail.outbox == []


@override_settings(NOTIFICATIONS_MAX_ATTEMPTS=2, NOTIFICATIONS_RETRY_SECONDS=60)
def test_a_failing_send_waits_longer_each_time_then_fails_for_a_cse_lead_to_retry(case):
    _actor, young_person, lead = case
    meeting = MeetingFactory(young_person=young_person, chair=lead)
    services.notify(kind=Kind.CHAIR_ASKED, recipients=[lead], key="k", meeting=meeting)
    email = _rows(channel=Channel.EMAIL).get()
    with mock.patch("notifications.channels.EmailMessage.send", side_effect=OSError("refused")):
        assert delivery.deliver(notification_id=str(email.pk)) is False
        email.refresh_from_db()
        assert (email.status, email.attempts, email.last_error) == (Status.PENDING, 1, "OSError")
        assert email.due_at > timezone.now() + timedelta(seconds=50)
        Notification.objects.filter(pk=email.pk).update(due_at=timezone.now())
        delivery.deliver(notification_id=str(email.pk))
    email.refresh_from_db()
    assert (email.status, email.attempts) == (Status.FAILED, 2)

    with pytest.raises(ValidationError, match="CSE lead"):
        services.notification_retry(actor=StaffFactory(), notification=email)
    services.notification_retry(actor=lead, notification=email)
    email.refresh_from_db()
    assert (email.status, email.attempts, email.retried_by) == (Status.PENDING, 0, lead)
    assert delivery.deliver(notification_id=str(email.pk)) is True
    with pytest.raises(ValidationError, match="failed"):
        services.notification_retry(actor=lead, notification=email)


@override_settings(NOTIFICATIONS_MAX_ATTEMPTS=4, NOTIFICATIONS_RETRY_SECONDS=60)
def test_each_wait_after_a_failure_is_twice_the_last_one(case):
    _actor, young_person, lead = case
    meeting = MeetingFactory(young_person=young_person, chair=lead)
    services.notify(kind=Kind.CHAIR_ASKED, recipients=[lead], key="k", meeting=meeting)
    email = _rows(channel=Channel.EMAIL).get()
    waits = []
    with mock.patch("notifications.channels.EmailMessage.send", side_effect=OSError("refused")):
        for _ in range(3):
            Notification.objects.filter(pk=email.pk).update(due_at=timezone.now())
            before = timezone.now()
            delivery.deliver(notification_id=str(email.pk))
            email.refresh_from_db()
            waits.append(round((email.due_at - before).total_seconds()))
    assert waits == [60, 120, 240]
    assert (email.status, email.attempts, email.queued_at) == (Status.PENDING, 3, None)


def test_a_sent_row_records_when_it_was_sent(case):
    _actor, young_person, lead = case
    meeting = MeetingFactory(young_person=young_person, chair=lead)
    services.notify(kind=Kind.CHAIR_ASKED, recipients=[lead], key="k", meeting=meeting)
    email = _rows(channel=Channel.EMAIL).get()
    before = timezone.now()
    assert delivery.deliver(notification_id=str(email.pk)) is True
    email.refresh_from_db()
    assert email.status == Status.SENT and before <= email.sent_at <= timezone.now()


@pytest.mark.parametrize("status", [Status.SENT, Status.FAILED, Status.CANCELLED])
def test_the_sweep_hands_over_only_rows_still_waiting_to_be_sent(case, status):
    _actor, young_person, lead = case
    meeting = MeetingFactory(young_person=young_person, chair=lead)
    services.notify(kind=Kind.CHAIR_ASKED, recipients=[lead], key="k", meeting=meeting)
    rows = Notification.objects.all()
    rows.update(due_at=timezone.now() - timedelta(minutes=5), queued_at=None)
    waiting = rows.filter(channel=Channel.EMAIL).get()
    rows.exclude(pk=waiting.pk).update(status=status)
    with mock.patch("notifications.tasks.publish", side_effect=lambda ids: ids) as published:
        assert tasks.due_publish() == 1
    published.assert_called_once_with([waiting.pk])


def test_an_inactive_person_is_sent_nothing(case):
    _actor, young_person, lead = case
    lead.is_active = False
    lead.save()
    meeting = MeetingFactory(young_person=young_person, chair=lead)
    assert services.notify(kind=Kind.CHAIR_ASKED, recipients=[lead], key="k", meeting=meeting) == 0


@pytest.fixture
def young_person_with_account():
    return YoungPersonFactory(portal_user=YoungPersonAccountFactory(), preferred_name="Robin")


def test_a_young_person_gets_only_a_portal_notice_until_they_choose_a_safe_channel(
    young_person_with_account, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory(young_person=young_person_with_account)
    with django_capture_on_commit_callbacks(execute=True):
        meeting_services.meeting_cancel(
            actor=meeting.chair, meeting=meeting, reason_for_young_person="The chair is ill."
        )
    [notice] = _rows(recipient=young_person_with_account.portal_user)
    assert (notice.channel, notice.kind, notice.status) == (
        Channel.IN_APP,
        Kind.MEETING_CHANGED,
        Status.SENT,
    )
    assert mail.outbox == []


def test_a_young_persons_safe_email_and_text_say_only_that_there_is_a_new_message(
    young_person_with_account, django_capture_on_commit_callbacks, caplog
):
    account = young_person_with_account.portal_user
    services.safe_contact_save(
        actor=account,
        email="robin.own@example.test",
        email_is_safe=True,
        mobile="07700900982",
        mobile_is_safe=True,
    )
    meeting = MeetingFactory(young_person=young_person_with_account)
    caplog.set_level("INFO", logger="notifications.channels")
    with django_capture_on_commit_callbacks(execute=True):
        meeting_services.information_pack_share(
            actor=meeting.chair,
            meeting=meeting,
            text="About your meeting",
            easy_read_text="Easy read",
        )
    assert set(_rows(recipient=account).values_list("channel", "status")) == {
        (Channel.IN_APP, Status.SENT),
        (Channel.EMAIL, Status.SENT),
        (Channel.TEXT, Status.SENT),
    }
    [message] = mail.outbox
    assert message.to == ["robin.own@example.test"]
    assert (message.subject, message.body) == (
        "You have a new message",
        "You have a new message in Your say. Sign in to read it.",
    )
    assert "Text message <" in caplog.text
    assert "You have a new message in Your say." in caplog.text


def test_a_channel_withdrawn_before_sending_is_not_used(
    young_person_with_account, django_capture_on_commit_callbacks
):
    account = young_person_with_account.portal_user
    services.safe_contact_save(
        actor=account,
        email="robin.own@example.test",
        email_is_safe=True,
        mobile="",
        mobile_is_safe=False,
    )
    meeting = MeetingFactory(young_person=young_person_with_account)
    with django_capture_on_commit_callbacks(execute=False):
        services.young_person_told(kind=Kind.INFORMATION_SHARED, meeting=meeting, key="k")
    services.safe_contact_save(
        actor=account, email="", email_is_safe=False, mobile="", mobile_is_safe=False
    )
    email = _rows(recipient=account, channel=Channel.EMAIL).get()
    assert delivery.deliver(notification_id=str(email.pk)) is False
    email.refresh_from_db()
    assert email.status == Status.CANCELLED
    assert mail.outbox == []


def test_an_address_is_kept_only_when_the_young_person_says_nobody_else_reads_it(
    young_person_with_account,
):
    account = young_person_with_account.portal_user
    with pytest.raises(ValidationError) as error:
        services.safe_contact_save(
            actor=account,
            email="a@example.test",
            email_is_safe=False,
            mobile="07700900982",
            mobile_is_safe=False,
        )
    assert set(error.value.message_dict) == {"email_is_safe", "mobile_is_safe"}
    assert not SafeContact.objects.exists()
    with pytest.raises(ValidationError, match="young person"):
        services.safe_contact_save(
            actor=StaffFactory(), email="", email_is_safe=False, mobile="", mobile_is_safe=False
        )


def test_sharing_the_outcomes_tells_the_young_person(young_person_with_account):
    meeting = MeetingFactory(young_person=young_person_with_account, status=Meeting.Status.HELD)
    meeting_services.meeting_status_advance(
        actor=meeting.chair, meeting=meeting, to_status=Meeting.Status.OUTCOMES_SHARED
    )
    [notice] = _rows(recipient=young_person_with_account.portal_user)
    assert notice.kind == Kind.OUTCOMES_SHARED


def test_reading_notices_marks_only_the_readers_own(case, django_capture_on_commit_callbacks):
    actor, young_person, lead = case
    with django_capture_on_commit_callbacks(execute=True):
        _schedule(actor, young_person, lead)
    other = StaffFactory()
    notice = _rows(recipient=lead, channel=Channel.IN_APP).get()
    with pytest.raises(ValidationError):
        services.notice_mark_read(actor=other, notification=notice)
    services.notice_mark_read(actor=lead, notification=notice)
    notice.refresh_from_db()
    assert notice.read_at is not None
