"""Sending one notification by its channel.

Email goes through Django's email backends (`MAILERS`: the console by default, SMTP or
GOV.UK Notify by settings). Text messages go through `TEXT_MESSAGE_BACKEND`: the console
by default, GOV.UK Notify by settings. An in-app notice is delivered by being marked sent.
"""

import logging
from typing import Any, Protocol

from django.conf import settings
from django.core.mail import EmailMessage
from django.core.mail.backends.base import BaseEmailBackend
from django.utils.module_loading import import_string

from .messages import outbound
from .models import Channel, Notification, SafeContact

logger = logging.getLogger(__name__)


class TextBackend(Protocol):
    def send(self, *, phone_number: str, body: str, reference: str) -> None: ...


class ConsoleTexts:
    """The default: writes text messages to the log instead of sending them."""

    def send(self, *, phone_number: str, body: str, reference: str) -> None:
        logger.info("Text message %s: %s", reference, body)


def _notify_client() -> Any:
    from notifications_python_client.notifications import NotificationsAPIClient

    return NotificationsAPIClient(settings.NOTIFY_API_KEY)


class NotifyTexts:
    """GOV.UK Notify: a template whose whole content is `((body))`."""

    def send(self, *, phone_number: str, body: str, reference: str) -> None:
        _notify_client().send_sms_notification(
            phone_number=phone_number,
            template_id=settings.NOTIFY_TEXT_TEMPLATE_ID,
            personalisation={"body": body},
            reference=reference,
        )


class NotifyEmailBackend(BaseEmailBackend):
    """GOV.UK Notify as a Django email backend: a template of `((subject))` and `((body))`."""

    def send_messages(self, email_messages: Any) -> int:
        client = _notify_client()
        sent = 0
        for message in email_messages:
            for address in message.to:
                client.send_email_notification(
                    email_address=address,
                    template_id=settings.NOTIFY_EMAIL_TEMPLATE_ID,
                    personalisation={"subject": message.subject, "body": message.body},
                    reference=message.extra_headers.get("Message-ID", ""),
                )
            sent += 1
        return sent


def _young_persons_safe_contact(notification: Notification) -> SafeContact:
    return SafeContact.objects.filter(user=notification.recipient).first() or SafeContact()


def deliver(notification: Notification) -> bool:
    """Send it; False when there is no longer a safe address to send it to."""
    if notification.channel == Channel.IN_APP:
        return True  # the notice shows once it is marked sent
    recipient = notification.recipient
    message = outbound(notification)
    # The row's id goes with it, so a receiver can tell a repeat from a new message.
    reference = f"<{notification.pk}@{settings.SERVICE_MESSAGE_DOMAIN}>"
    if notification.channel == Channel.EMAIL:
        address = (
            recipient.email or ""
            if recipient.is_staff_member
            else _young_persons_safe_contact(notification).safe_email
        )
        if not address:
            return False
        EmailMessage(
            subject=message.subject,
            body=message.body,
            to=[address],
            headers={"Message-ID": reference},
        ).send()
        return True
    phone_number = _young_persons_safe_contact(notification).safe_mobile
    if not phone_number:
        return False
    text_backend: TextBackend = import_string(settings.TEXT_MESSAGE_BACKEND)()
    text_backend.send(phone_number=phone_number, body=message.body, reference=reference)
    return True
