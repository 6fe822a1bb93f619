import uuid
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models

from meetings.models import Meeting
from participation.models import InForceQuerySet, YoungPerson

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User


class AdvocateAssignmentQuerySet(InForceQuerySet["AdvocateAssignment"]):
    def visible_to(self, user: "User | AnonymousUser") -> "AdvocateAssignmentQuerySet":
        """The one access rule for advocacy assignments: the advocate's own, and those of
        young people whose record the user may see (the young person sees their own)."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        young_people = YoungPerson.objects.visible_to(user).values("pk")
        if user.is_young_person:
            return self.filter(young_person__in=young_people)
        ids = (
            self.model.objects.filter(advocate=user)
            .values("pk")
            .union(self.model.objects.filter(young_person__in=young_people).values("pk"), all=True)
        )
        return self.filter(pk__in=ids)


class AdvocateAssignment(models.Model):
    """An advocate working with a young person; what they may see is the young person's choice.

    A trusted adult may be a named person with no account: they then see nothing here.
    """

    class Type(models.TextChoices):
        INDEPENDENT_ADVOCATE = "independent_advocate", "Independent advocate"
        ISVA = "isva", "Independent sexual violence adviser (ISVA)"
        PEER_SUPPORTER = "peer_supporter", "Peer supporter"
        TRUSTED_ADULT = "trusted_adult", "Trusted adult"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    young_person = models.ForeignKey(
        "participation.YoungPerson", on_delete=models.CASCADE, related_name="advocate_assignments"
    )
    advocate_type = models.CharField(
        max_length=24, choices=Type.choices, default=Type.INDEPENDENT_ADVOCATE
    )
    advocate = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="advocate_assignments",
    )
    named_person = models.CharField(
        "Name (a trusted adult with no account)", max_length=120, blank=True
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    starts_on = models.DateField()
    # The first day without access; empty while the assignment lasts.
    ends_on = models.DateField(null=True, blank=True)

    objects = AdvocateAssignmentQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["advocate", "young_person"], name="advocate_user_yp")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(advocate__isnull=False) | ~models.Q(named_person=""),
                name="assignment_names_someone",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_advocate_type_display()}: {self.advocate or self.named_person}"


class RepresentationQuerySet(models.QuerySet["Representation"]):
    def visible_to(self, user: "User | AnonymousUser") -> "RepresentationQuerySet":
        """Whoever may see the meeting sees the young person's views as their advocate put them."""
        return self.filter(meeting__in=Meeting.objects.visible_to(user).values("pk"))


class Representation(models.Model):
    """ "These are the young person's views": put by their advocate, never the advocate's own
    professional view, and kept apart from every assessment."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    meeting = models.ForeignKey(
        "meetings.Meeting", on_delete=models.CASCADE, related_name="representations"
    )
    assignment = models.ForeignKey(
        AdvocateAssignment, on_delete=models.PROTECT, related_name="representations"
    )
    text = models.TextField()
    # Non-instructed advocacy: the young person could not instruct the advocate.
    non_instructed = models.BooleanField(default=False)
    recorded_at = models.DateTimeField(auto_now_add=True)
    # When the young person read the wording in the portal and agreed it.
    agreed_at = models.DateTimeField(null=True, blank=True)

    objects = RepresentationQuerySet.as_manager()

    class Meta:
        ordering = ["recorded_at"]

    def __str__(self) -> str:
        return f"Views presented by an advocate, {self.recorded_at:%d %B %Y}"


class AdvocacyEventQuerySet(models.QuerySet["AdvocacyEvent"]):
    def visible_to(self, user: "User | AnonymousUser") -> "AdvocacyEventQuerySet":
        """Staff who may see the young person's record, and the young person themselves."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        return self.filter(young_person__in=YoungPerson.objects.visible_to(user).values("pk"))


class AdvocacyEvent(models.Model):
    """One step in offering advocacy: never edited, so the history is the list of events.

    The newest event is where things stand now.
    """

    class State(models.TextChoices):
        OFFERED = "offered", "Offered"
        ASKED = "asked", "Asked for by the young person"
        THINKING = "thinking", "Thinking about it"
        ACCEPTED = "accepted", "Accepted"
        DECLINED = "declined", "Declined"
        REFERRED = "referred", "Referred to an advocacy service"
        ENDED = "ended", "Ended"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    young_person = models.ForeignKey(
        "participation.YoungPerson", on_delete=models.CASCADE, related_name="advocacy_events"
    )
    meeting = models.ForeignKey(
        "meetings.Meeting",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="advocacy_events",
    )
    state = models.CharField(max_length=16, choices=State.choices)
    # The young person's reason, if they want to give one (for declining, above all).
    in_their_words = models.TextField(blank=True)
    note = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = AdvocacyEventQuerySet.as_manager()

    class Meta:
        indexes = [
            models.Index(fields=["young_person", "-recorded_at"], name="advocacyevent_yp_recent")
        ]

    def __str__(self) -> str:
        return self.get_state_display()


S = AdvocacyEvent.State
# Where an offer may go from where it stands (None: nothing yet).
NEXT_ADVOCACY_STATES: dict[str | None, set[str]] = {
    None: {S.OFFERED, S.ASKED},
    S.OFFERED: {S.THINKING, S.ACCEPTED, S.DECLINED, S.ENDED},
    S.ASKED: {S.OFFERED, S.REFERRED, S.ENDED},
    S.THINKING: {S.ACCEPTED, S.DECLINED, S.ENDED},
    S.ACCEPTED: {S.REFERRED, S.ENDED},
    S.DECLINED: {S.OFFERED, S.ASKED},
    S.REFERRED: {S.ENDED},
    S.ENDED: {S.OFFERED, S.ASKED},
}
# What the young person can do themselves, in the portal.
YOUNG_PERSONS_OWN = {S.ASKED, S.THINKING, S.ACCEPTED, S.DECLINED}
