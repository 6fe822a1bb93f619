"""Sending one notification by its channel.

Email goes through Django's email backends: staff mail through the "default" mailer, a
young person's through the "portal" one, from its own sender (`MAILERS`: the console by
default; SMTP or GOV.UK Notify by settings). Texts, for young people only, go through
`TEXT_MESSAGE_BACKEND`: the console by default, the young people's GOV.UK Notify service
by settings. An in-app notice is delivered by being marked sent.
"""

import logging
from typing import Any, Protocol

from django.conf import settings
from django.core.mail import EmailMessage
from django.core.mail.backends.base import BaseEmailBackend
from django.utils.module_loading import import_string

from .messages import outbound
from .models import Channel, Notification, SafeContact
from .selectors import safe_contact_for

logger = logging.getLogger(__name__)


class TextBackend(Protocol):
    def send(self, *, phone_number: str, body: str, reference: str) -> None: ...


class ConsoleTexts:
    """The default: writes text messages to the log instead of sending them."""

    def send(self, *, phone_number: str, body: str, reference: str) -> None:
        logger.info("Text message %s: %s", reference, body)


def _notify_client(api_key: str) -> Any:
    from notifications_python_client.notifications import NotificationsAPIClient

    return NotificationsAPIClient(api_key)


class NotifyTexts:
    """The young people's GOV.UK Notify service: a template whose whole content is `((body))`."""

    def send(self, *, phone_number: str, body: str, reference: str) -> None:
        _notify_client(settings.NOTIFY_PORTAL_API_KEY).send_sms_notification(
            phone_number=phone_number,
            template_id=settings.NOTIFY_PORTAL_TEXT_TEMPLATE_ID,
            personalisation={"body": body},
            reference=reference,
        )


class NotifyEmailBackend(BaseEmailBackend):
    """GOV.UK Notify as a Django email backend (`MAILERS` options: its service's API key and
    a template of `((subject))` and `((body))`). The sender is the Notify service's."""

    def __init__(self, *, api_key: str, template_id: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.api_key, self.template_id = api_key, template_id

    def send_messages(self, email_messages: Any) -> int:
        client = _notify_client(self.api_key)
        sent = 0
        for message in email_messages:
            for address in message.to:
                client.send_email_notification(
                    email_address=address,
                    template_id=self.template_id,
                    personalisation={"subject": message.subject, "body": message.body},
                    reference=message.extra_headers.get("Message-ID", ""),
                )
            sent += 1
        return sent


def _safe_contact(recipient: Any) -> SafeContact:
    return safe_contact_for(user=recipient) or SafeContact()


def deliver(notification: Notification) -> bool:
    """Send it; False when there is no longer a safe way to: the account was switched off, or
    the young person took the address away."""
    recipient = notification.recipient
    if not recipient.is_active:
        return False
    if notification.channel == Channel.IN_APP:
        return True  # the notice shows once it is marked sent
    message = outbound(notification)
    if recipient.is_staff_member:
        address, sender, mailer = recipient.email or "", settings.DEFAULT_FROM_EMAIL, "default"
        domain = settings.SERVICE_MESSAGE_DOMAIN
    else:
        address, sender, mailer = "", settings.PORTAL_FROM_EMAIL, "portal"
        domain = settings.PORTAL_MESSAGE_DOMAIN
    # The row's id goes with it, so a receiver can tell a repeat from a new message.
    reference = f"<{notification.pk}@{domain}>"
    if notification.channel == Channel.EMAIL:
        address = address or _safe_contact(recipient).safe_email
        if not address:
            return False
        EmailMessage(
            subject=message.subject,
            body=message.body,
            from_email=sender,
            to=[address],
            headers={"Message-ID": reference},
        ).send(using=mailer)
        return True
    phone_number = _safe_contact(recipient).safe_mobile
    if not phone_number:
        return False
    text_backend: TextBackend = import_string(settings.TEXT_MESSAGE_BACKEND)()
    text_backend.send(phone_number=phone_number, body=message.body, reference=reference)
    return True
