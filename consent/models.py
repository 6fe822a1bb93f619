"""Decisions about a young person's identity and information: never edited, only added to.

A change of mind, or a withdrawal, is a new decision; the newest decision for a context (or
for an organisation and purpose) is the one in force, and the history is kept.
"""

import uuid
from typing import Any, NoReturn

from django.conf import settings
from django.db import models

APPEND_ONLY = "Decisions are never changed or deleted: record a new decision instead"


class AppendOnlyQuerySet[M: models.Model](models.QuerySet[M]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise TypeError(APPEND_ONLY)

    def delete(self) -> NoReturn:
        raise TypeError(APPEND_ONLY)


class AppendOnly(models.Model):
    """A row that is written once. The database refuses changes too (migration 0002)."""

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise TypeError(APPEND_ONLY)
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise TypeError(APPEND_ONLY)


class MadeBy(models.TextChoices):
    """Whose decision it was: the young person's own, or a professional's (and on what basis)."""

    IN_PORTAL = "in_portal", "The young person, in the portal"
    WITH_WORKER = "with_worker", "The young person, with a worker"
    PROFESSIONAL = "professional", "A professional decision"


class NamingContext(models.TextChoices):
    """Where a young person's name may travel; each has its own decision."""

    MEETING_RECORDS = "meeting_records", "Meeting records shared with other agencies"
    COLLECTIVE_WORK = "collective_work", "Group and public participation work"
    TRAINING = "training", "Training and awareness material"


class IdentityDecision(AppendOnly):
    class Choice(models.TextChoices):
        FULL_NAME = "full_name", "Full name"
        FIRST_NAME = "first_name", "First name"
        INITIALS = "initials", "Initials"
        PSEUDONYM = "pseudonym", "A name they chose"
        ANONYMOUS = "anonymous", "Not named"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    young_person = models.ForeignKey(
        "participation.YoungPerson", on_delete=models.PROTECT, related_name="identity_decisions"
    )
    context = models.CharField(max_length=24, choices=NamingContext.choices)
    choice = models.CharField(max_length=16, choices=Choice.choices)
    pseudonym = models.CharField(max_length=60, blank=True)
    made_by = models.CharField(max_length=16, choices=MadeBy.choices)
    their_words = models.TextField(blank=True)
    review_on = models.DateField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = AppendOnlyQuerySet["IdentityDecision"].as_manager()

    class Meta:
        indexes = [
            models.Index(
                fields=["young_person", "context", "-recorded_at"], name="identity_yp_context"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_context_display()}: {self.get_choice_display()}"


class SharingDecision(AppendOnly):
    """A decision to share, or not to share, information with an organisation for a purpose."""

    class Basis(models.TextChoices):
        CONSENT = "consent", "Consent"
        PUBLIC_TASK = "public_task", "Public task"
        LEGAL_OBLIGATION = "legal_obligation", "Legal obligation"
        VITAL_INTERESTS = "vital_interests", "Vital interests"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    young_person = models.ForeignKey(
        "participation.YoungPerson", on_delete=models.PROTECT, related_name="sharing_decisions"
    )
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    purpose = models.CharField(max_length=300)
    share = models.BooleanField()
    basis = models.CharField(max_length=20, choices=Basis.choices, blank=True)
    rationale = models.TextField()
    made_by = models.CharField(max_length=16, choices=MadeBy.choices)
    their_words = models.TextField(blank=True)
    review_on = models.DateField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = AppendOnlyQuerySet["SharingDecision"].as_manager()

    class Meta:
        indexes = [
            models.Index(fields=["young_person", "-recorded_at"], name="sharing_yp_recorded")
        ]
        constraints = [
            # A decision to share always names its lawful basis; consent is one basis of four.
            models.CheckConstraint(
                condition=models.Q(share=False) | ~models.Q(basis=""),
                name="sharing_has_a_basis",
            )
        ]

    def __str__(self) -> str:
        verb = "Share with" if self.share else "Do not share with"
        return f"{verb} {self.organisation} for {self.purpose}"
