import uuid
from datetime import date, timedelta
from typing import TYPE_CHECKING, Self

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.text import capfirst
from guardian.models import UserObjectPermissionBase

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User


def chair_in_window(via: str = "meetings__") -> Q:
    """Meetings, reached `via` a relation, whose chair still has access: open ones, and those
    closed or cancelled less than CHAIR_ACCESS_DAYS ago."""
    since = timezone.now() - timedelta(days=settings.CHAIR_ACCESS_DAYS)
    return Q(**{f"{via}ended_at__isnull": True}) | Q(**{f"{via}ended_at__gt": since})


class YoungPersonQuerySet(models.QuerySet["YoungPerson"]):
    def visible_to(self, user: "User | AnonymousUser") -> "YoungPersonQuerySet":
        """The one access rule for young people: facts in force, plus explicit grants.

        Written as `pk IN (UNION ALL of small indexed id sets)`: DESIGN.md measured it
        against OR-of-EXISTS (a full scan) and guardian's generic rows.
        """
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_young_person:
            return self.filter(portal_user=user)
        today = timezone.localdate()
        on_case_team = CaseTeamMembership.objects.in_force(today).filter(user=user)
        # Chairing a meeting about them, while it is open and for a while after. Meetings sit
        # above this app, so the rule reads the fact through the relation they declare.
        chairing = YoungPerson.objects.filter(chair_in_window(), meetings__chair=user)
        ids = (
            on_case_team.values("young_person_id")
            .union(chairing.values("pk"), all=True)
            .union(
                YoungPersonUserObjectPermission.objects.filter(
                    user=user,
                    permission__codename="view_youngperson",
                    expires_at__gt=timezone.now(),
                ).values("content_object_id"),
                all=True,
            )
        )
        return self.filter(pk__in=ids)


class YoungPerson(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    preferred_name = models.CharField("Preferred name", max_length=100)
    legal_name = models.CharField("Full legal name", max_length=200)
    pronouns = models.CharField(max_length=40, blank=True)
    date_of_birth = models.DateField()
    communication_needs = models.TextField("Communication and access needs", blank=True)
    interpreter_language = models.CharField("Interpreter needed for", max_length=80, blank=True)
    strengths_and_interests = models.TextField(
        "Strengths and interests, in their own words", blank=True
    )
    # The referral, in neutral words (see `participation.wording`).
    referred_by = models.CharField("Referring organisation", max_length=200, blank=True)
    referral_reason = models.TextField("Why they were referred", blank=True)
    # Raised by every change to the details above: a stale edit is refused, never lost.
    version = models.PositiveIntegerField(default=1)
    portal_user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="young_person",
        limit_choices_to={"kind": "young_person"},
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = YoungPersonQuerySet.as_manager()

    class Meta:
        ordering = ["preferred_name", "id"]
        verbose_name_plural = "young people"
        indexes = [
            # Finding a young person by date of birth. The trigram indexes on their names are
            # PostgreSQL's alone, made in migration 0003.
            models.Index(fields=["date_of_birth"], name="youngperson_birth"),
        ]

    def __str__(self) -> str:
        return self.preferred_name


class YoungPersonChange(models.Model):
    """One change to one detail of a young person's record: who, when, before and after.

    Written by `participation.services` in the same transaction as the change, never edited.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    young_person = models.ForeignKey(YoungPerson, on_delete=models.PROTECT, related_name="changes")
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True)
    field = models.CharField(max_length=40)
    before = models.TextField(blank=True)
    after = models.TextField(blank=True)

    class Meta:
        ordering = ["-changed_at", "field"]
        indexes = [
            models.Index(fields=["young_person", "-changed_at"], name="ypchange_yp_when"),
        ]

    def __str__(self) -> str:
        return f"{self.field} changed {self.changed_at:%d %B %Y %H:%M}"

    @property
    def label(self) -> str:
        field = YoungPerson._meta.get_field(self.field)
        return capfirst(str(getattr(field, "verbose_name", self.field)))


def in_force(on: date, via: str = "") -> Q:
    """Rows that give access from `starts_on` until the day before `ends_on`, reached `via`
    a relation ("advocate_assignments__") or on the model itself."""
    return (Q(**{f"{via}ends_on__isnull": True}) | Q(**{f"{via}ends_on__gt": on})) & Q(
        **{f"{via}starts_on__lte": on}
    )


class InForceQuerySet[M: models.Model](models.QuerySet[M]):
    """For rows that give access from `starts_on` until the day before `ends_on`."""

    def in_force(self, on: date) -> Self:
        return self.filter(in_force(on))


class CaseTeamMembership(models.Model):
    """A practitioner on a young person's case team: the fact that gives them access."""

    class Role(models.TextChoices):
        LEAD_PROFESSIONAL = "lead_professional", "Lead professional"
        SOCIAL_WORKER = "social_worker", "Social worker"
        POLICE = "police", "Police officer"
        HEALTH = "health", "Health professional"
        EDUCATION = "education", "Education"
        YOUTH_WORKER = "youth_worker", "Youth or voluntary sector worker"
        OTHER = "other", "Other"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # History: never deleted with the young person or the member of staff (PROTECT).
    young_person = models.ForeignKey(
        YoungPerson, on_delete=models.PROTECT, related_name="case_team"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="case_team_memberships"
    )
    role = models.CharField(max_length=32, choices=Role.choices)
    starts_on = models.DateField()
    # The first day without access; empty while the membership lasts.
    ends_on = models.DateField(null=True, blank=True)

    objects = InForceQuerySet["CaseTeamMembership"].as_manager()

    class Meta:
        indexes = [models.Index(fields=["user", "young_person"], name="caseteam_user_yp")]
        constraints = [
            # One open membership per person and young person; ended ones are history.
            models.UniqueConstraint(
                fields=["user", "young_person"],
                condition=Q(ends_on__isnull=True),
                name="caseteam_one_open_membership",
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="caseteam_ends_on_or_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"


class YoungPersonUserObjectPermission(UserObjectPermissionBase):
    """An explicit grant no fact explains: a CSE lead's temporary grant, or break-glass.

    A direct foreign key to the young person, which protects it: a record with grants is
    never deleted (it is anonymised, keeping them), so no grant can outlive its record and
    meet a reused key. Every grant expires; an expired one simply stops matching (no job).
    Grants are read only through `YoungPerson.objects.visible_to`, never `has_perm`.
    """

    class Kind(models.TextChoices):
        GRANT = "grant", "Temporary access"
        BREAK_GLASS = "break_glass", "Break-glass"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    content_object = models.ForeignKey(YoungPerson, on_delete=models.PROTECT)
    # Who was given access, and the permission: kept with the grant's history (PROTECT).
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    permission = models.ForeignKey("auth.Permission", on_delete=models.PROTECT)
    kind = models.CharField(max_length=16, choices=Kind.choices)
    reason = models.TextField()
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    granted_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    # Break-glass: who reviewed it (the CSE leads are told through notifications).
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta(UserObjectPermissionBase.Meta):
        # The same person may be granted access again once a grant has expired.
        unique_together = []
        indexes = [models.Index(fields=["user", "expires_at"], name="grant_user_expiry")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.user} until {self.expires_at:%d %B %Y %H:%M}"


class AccessRequest(models.Model):
    """A member of staff who found a record they cannot see asks its case team for access.

    The lead professional, or the chair of an open meeting, answers: a timed grant, or no
    with a reason. The asker is told either way.
    """

    class Status(models.TextChoices):
        WAITING = "waiting", "Waiting for an answer"
        GRANTED = "granted", "Access given"
        DECLINED = "declined", "Declined"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    young_person = models.ForeignKey(
        YoungPerson, on_delete=models.PROTECT, related_name="access_requests"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="access_requests"
    )
    reason = models.TextField()
    requested_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.WAITING)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    answer_reason = models.TextField(blank=True)
    grant = models.ForeignKey(
        YoungPersonUserObjectPermission,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        ordering = ["requested_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["requested_by", "young_person"],
                condition=Q(status="waiting"),
                name="accessrequest_one_waiting",
            )
        ]
        indexes = [
            models.Index(fields=["young_person", "status"], name="accessrequest_yp_status"),
        ]

    def __str__(self) -> str:
        return f"Access request by {self.requested_by} ({self.get_status_display()})"


class CaseClosure(models.Model):
    """A case closed, and, if it was, reopened: each closing is a row, so the history before
    and after is kept. An open row (not reopened) means the case is closed now."""

    class Reason(models.TextChoices):
        NO_FURTHER_CONCERNS = "no_further_concerns", "No further concerns"
        MOVED_AREA = "moved_area", "Moved to another area"
        ADULT_SERVICES = "adult_services", "Turned 18 and transferred to adult services"
        OTHER = "other", "Other"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    young_person = models.ForeignKey(YoungPerson, on_delete=models.PROTECT, related_name="closures")
    # Whose case it was: that organisation's CSE leads may reopen it.
    organisation = models.ForeignKey(
        "accounts.Organisation", null=True, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.CharField(max_length=32, choices=Reason.choices)
    details = models.TextField(blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    closed_at = models.DateTimeField(auto_now_add=True)
    reopened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reopened_at = models.DateTimeField(null=True, blank=True)
    reopen_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-closed_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["young_person"],
                condition=Q(reopened_at__isnull=True),
                name="caseclosure_one_open",
            )
        ]
        indexes = [
            models.Index(fields=["organisation", "reopened_at"], name="caseclosure_org_open"),
        ]

    def __str__(self) -> str:
        return f"Closed {self.closed_at:%d %B %Y}: {self.get_reason_display()}"


class PersonWhoMatters(models.Model):
    """Family, a carer or a trusted adult in the young person's life, as they describe them.

    What each may be told follows the young person's wishes; someone who must not be told
    anything (for example a possible exploiter in the family) is never invited to a meeting
    or sent anything (`meetings.services.meeting_person_invite` refuses them).
    """

    class Meetings(models.TextChoices):
        INVITED = "invited", "May be told about meetings and invited"
        TOLD = "told", "May be told about meetings, not invited"
        NOT_TOLD = "not_told", "Not to be told about meetings"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    young_person = models.ForeignKey(
        YoungPerson, on_delete=models.CASCADE, related_name="people_who_matter"
    )
    name = models.CharField(max_length=200)
    relationship = models.CharField(max_length=100)
    may_be_contacted = models.BooleanField(default=False)
    how_to_contact = models.TextField(blank=True)
    meetings = models.CharField(max_length=16, choices=Meetings.choices, default=Meetings.NOT_TOLD)
    must_not_be_told = models.BooleanField(default=False)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            # Someone who must not be told anything can be neither contacted nor invited.
            models.CheckConstraint(
                condition=Q(must_not_be_told=False)
                | Q(may_be_contacted=False, meetings="not_told"),
                name="person_not_told_is_never_reached",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.relationship})"


class LegalHold(models.Model):
    """A legal hold on a young person's information: while it is in force, nothing about
    them is deleted or anonymised on the retention schedule. Set, and lifted, with a reason;
    each hold is a row, so the history is kept."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    young_person = models.ForeignKey(
        YoungPerson, on_delete=models.PROTECT, related_name="legal_holds"
    )
    reason = models.TextField()
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    set_at = models.DateTimeField(auto_now_add=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    lifted_at = models.DateTimeField(null=True, blank=True)
    lift_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-set_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["young_person"],
                condition=Q(lifted_at__isnull=True),
                name="legalhold_one_in_force",
            )
        ]

    def __str__(self) -> str:
        return f"Legal hold on {self.young_person}"


class Goal(models.Model):
    """Something the young person is working towards, in their own words, with who helps.
    Never deleted: the young person archives a goal they have finished with, and every
    change to its words is kept (`GoalChange`)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    young_person = models.ForeignKey(YoungPerson, on_delete=models.PROTECT, related_name="goals")
    in_their_words = models.TextField("The goal, in their words", max_length=500)
    who_helps = models.TextField("Who helps", max_length=500, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)
    archived_at = models.DateTimeField(null=True, blank=True)
    archived_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Raised by every save; a save made from an older version is refused, never merged.
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["added_at", "id"]
        indexes = [models.Index(fields=["young_person", "archived_at"], name="goal_yp_open")]

    def __str__(self) -> str:
        return self.in_their_words[:60]


class GoalStep(models.Model):
    """A small step towards a goal, owned by the young person (no owner) or a named member
    of staff."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    goal = models.ForeignKey(Goal, on_delete=models.PROTECT, related_name="steps")
    what = models.CharField("The step", max_length=300)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    due_on = models.DateField("By when", null=True, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["added_at", "id"]

    def __str__(self) -> str:
        return self.what


class GoalChange(models.Model):
    """One change to a goal's words, or its archiving: who, when, before and after."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    goal = models.ForeignKey(Goal, on_delete=models.PROTECT, related_name="changes")
    field = models.CharField(max_length=40)
    before = models.TextField(blank=True)
    after = models.TextField(blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-changed_at"]

    def __str__(self) -> str:
        return f"{self.field} changed"
