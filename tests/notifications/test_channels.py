"""GOV.UK Notify: what the email backend and the text backend hand to Notify's client."""

from unittest import mock

import pytest
from django.core.mail import EmailMessage
from notifications_python_client.notifications import NotificationsAPIClient

from notifications.channels import NotifyEmailBackend, NotifyTexts

FAKE_KEY = (
    "partners-"
    + "1" * 8
    + "-1111-1111-1111-"
    + "1" * 12
    + "-"
    + "2" * 8
    + "-2222-2222-2222-"
    + "2" * 12
)


@pytest.fixture
def notify_settings(settings):
    settings.NOTIFY_PORTAL_API_KEY = FAKE_KEY
    settings.NOTIFY_PORTAL_TEXT_TEMPLATE_ID = "text-template"


def _backend():
    return NotifyEmailBackend(api_key=FAKE_KEY, template_id="email-template")


def test_email_goes_to_notify_as_subject_and_body_with_its_message_id():
    message = EmailMessage(
        subject="You have a new message",
        body="Sign in to read it.",
        to=["own@example.test"],
        headers={"Message-ID": "<id@partners.invalid>"},
    )
    with mock.patch.object(NotificationsAPIClient, "send_email_notification") as send:
        assert _backend().send_messages([message]) == 1
    send.assert_called_once_with(
        email_address="own@example.test",
        template_id="email-template",
        personalisation={"subject": "You have a new message", "body": "Sign in to read it."},
        reference="<id@partners.invalid>",
    )


def test_a_text_goes_to_the_young_peoples_notify_service_as_its_body(notify_settings):
    with mock.patch.object(NotificationsAPIClient, "send_sms_notification") as send:
        NotifyTexts().send(phone_number="07700900982", body="New message", reference="<id@x>")
    send.assert_called_once_with(
        phone_number="07700900982",
        template_id="text-template",
        personalisation={"body": "New message"},
        reference="<id@x>",
    )


def test_a_notify_refusal_reaches_the_sender_so_the_row_is_tried_again():
    message = EmailMessage(subject="s", body="b", to=["own@example.test"])
    with (
        mock.patch.object(
            NotificationsAPIClient, "send_email_notification", side_effect=OSError("down")
        ),
        pytest.raises(OSError),
    ):
        _backend().send_messages([message])
