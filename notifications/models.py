"""The outbox: every reminder and notice is a row, written in the same transaction as
the change that causes it (or, for a reminder that time brings, by the hourly scan).

A row names who it is for, the channel and the kind of message; its words are worked
out when it is sent (`notifications.messages`), so nothing sensitive waits in a queue.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q


class Kind(models.TextChoices):
    # To staff
    CHAIR_ASKED = "chair_asked", "You have been asked to chair a meeting"
    INFORMATION_NOT_SHARED = "information_not_shared", "Information not shared yet"
    CHAIR_MEETING_NOT_OFFERED = "chair_not_offered", "Meeting the chair not offered yet"
    NO_YOUNG_PERSON_ITEM = "no_young_person_item", "No agenda item from the young person"
    FEEDBACK_NOT_ASKED = "feedback_not_asked", "Feedback not asked for yet"
    ACTION_PAST_DUE = "action_past_due", "An action is past its date"
    CONSENT_REVIEW_DUE = "consent_review_due", "Choices due for review"
    GRANT_EXPIRING = "grant_expiring", "Your temporary access ends soon"
    BREAK_GLASS_OPENED = "break_glass_opened", "Break-glass access was used"
    ACCOUNT_LOCKED = "account_locked", "A staff account was locked after wrong passwords or codes"
    SECOND_FACTOR_RESET = "second_factor_reset", "A second factor was reset"
    CASELOAD_MOVED = "caseload_moved", "A caseload was moved"
    ROLE_CHANGED = "role_changed", "A member of staff's roles changed"
    ROLE_CHANGE_WAITING = "role_change_waiting", "A role change is waiting for approval"
    ACCESS_REQUESTED = "access_requested", "Someone asked for access to a record"
    ACCESS_REQUEST_ANSWERED = "access_request_answered", "Your request for access was answered"
    REQUEST_WAITING = "request_waiting", "A young person is waiting for your answer"
    REQUEST_DUE = "request_due", "A young person's answer is due today"
    REQUEST_OVERDUE = "request_overdue", "A young person's answer is overdue"
    REFERENCE_ASKED = "reference_asked", "A young person asked for a reference letter"
    OPPORTUNITY_QUESTION = "opportunity_question", "A young person asked about an opportunity"
    # To a young person: each reads, outside the portal, only "you have a new message"
    INFORMATION_SHARED = "information_shared", "New information about their meeting"
    MEETING_CHANGED = "meeting_changed", "Their meeting has moved or been cancelled"
    OUTCOMES_SHARED = "outcomes_shared", "What was decided at their meeting"
    MEETING_SCHEDULED = "meeting_scheduled", "A meeting about them was planned"
    MEETING_TOMORROW = "meeting_tomorrow", "Their meeting is tomorrow"
    REQUEST_ANSWERED = "request_answered", "An answer to what they asked"
    WORDS_CHANGED = "words_changed", "Someone on the team changed their words, and why"
    REFERENCE_READY = "reference_ready", "Their reference letter is ready"
    OPPORTUNITY_ANSWER = "opportunity_answer", "An answer to their question about an opportunity"


YOUNG_PERSON_KINDS = {
    Kind.INFORMATION_SHARED,
    Kind.MEETING_CHANGED,
    Kind.OUTCOMES_SHARED,
    Kind.MEETING_SCHEDULED,
    Kind.MEETING_TOMORROW,
    Kind.REQUEST_ANSWERED,
    Kind.WORDS_CHANGED,
    Kind.REFERENCE_READY,
    Kind.OPPORTUNITY_ANSWER,
}


class Channel(models.TextChoices):
    IN_APP = "in_app", "Notice in the service"
    EMAIL = "email", "Email"
    TEXT = "text", "Text message"


class Status(models.TextChoices):
    PENDING = "pending", "Waiting to be sent"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed"
    CANCELLED = "cancelled", "Not sent: no safe way to reach them now"


class Notification(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # One row per event, recipient and channel: writing it twice does nothing.
    idempotency_key = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=32, choices=Kind.choices)
    channel = models.CharField(max_length=16, choices=Channel.choices)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    # What it is about, for the link in a notice; never part of what leaves the system.
    meeting = models.ForeignKey(
        "meetings.Meeting", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    young_person = models.ForeignKey(
        "participation.YoungPerson",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    due_at = models.DateTimeField()
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    # The error's type only: a message could carry an address.
    last_error = models.CharField(max_length=200, blank=True)
    # When the sweep last handed it to the broker; a row queued long ago is queued again.
    queued_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)
    retried_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    retried_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["due_at"], name="notification_due", condition=Q(status="pending")),
            models.Index(
                fields=["recipient", "channel", "-created_at"], name="notification_recipient"
            ),
            models.Index(fields=["status", "-created_at"], name="notification_status"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} by {self.get_channel_display().lower()}"


class SafeContact(models.Model):
    """Where a young person said a short "you have a new message" may reach them safely.

    They choose it in the portal; an address is used only while they say nobody else reads it.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="safe_contact"
    )
    email = models.EmailField(blank=True)
    email_is_safe = models.BooleanField(default=False)
    mobile = models.CharField(max_length=20, blank=True)
    mobile_is_safe = models.BooleanField(default=False)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return "Safe ways to send a message"

    @property
    def safe_email(self) -> str:
        return self.email if self.email_is_safe else ""

    @property
    def safe_mobile(self) -> str:
        return self.mobile if self.mobile_is_safe else ""
