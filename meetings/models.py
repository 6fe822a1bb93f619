import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone


class MeetingQuerySet(models.QuerySet["Meeting"]):
    def upcoming(self) -> "MeetingQuerySet":
        return self.filter(scheduled_at__gte=timezone.now()).exclude(
            status=Meeting.Status.CANCELLED
        )


class Meeting(models.Model):
    class Type(models.TextChoices):
        STRATEGY = "strategy", "Strategy meeting"
        EXPLOITATION_RISK = "exploitation_risk", "Exploitation risk meeting"
        MULTI_AGENCY_REVIEW = "multi_agency_review", "Multi-agency review"
        CHILD_PROTECTION_CONFERENCE = "child_protection_conference", "Child protection conference"
        PLANNING = "planning", "Planning meeting"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PREPARING = "preparing", "Preparing"
        READY = "ready", "Ready"
        HELD = "held", "Held"
        OUTCOMES_SHARED = "outcomes_shared", "Outcomes shared"
        CLOSED = "closed", "Closed"
        CANCELLED = "cancelled", "Cancelled"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    young_person = models.ForeignKey(
        "participation.YoungPerson", on_delete=models.CASCADE, related_name="meetings"
    )
    meeting_type = models.CharField("Type of meeting", max_length=40, choices=Type.choices)
    chair = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="chaired_meetings"
    )
    scheduled_at = models.DateTimeField("Date and time")
    venue = models.CharField(max_length=200)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PREPARING)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["scheduled_at", "id"]
        indexes = [
            models.Index(fields=["chair"], name="meeting_chair"),
            models.Index(fields=["young_person", "scheduled_at"], name="meeting_yp_when"),
        ]

    def __str__(self) -> str:
        return f"{self.get_meeting_type_display()} on {self.scheduled_at:%d %B %Y}"


class Reminder(models.Model):
    """An outbox row: written in the same transaction as the change that causes it.

    A task sends it; the beat task sends any that are due and still pending, so a
    broker that was down when the change was saved loses nothing.
    """

    class Kind(models.TextChoices):
        CHAIR_ASKED = "chair_asked", "You have been asked to chair a meeting"

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        SENT = "sent", "Sent"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(max_length=32, choices=Kind.choices)
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="reminders")
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminders"
    )
    due_at = models.DateTimeField()
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            # The idempotency key: one reminder of a kind, per meeting, per recipient.
            models.UniqueConstraint(
                fields=["kind", "meeting", "recipient"], name="reminder_once_per_kind"
            )
        ]
        indexes = [models.Index(fields=["status", "due_at"], name="reminder_due")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.get_status_display()})"
