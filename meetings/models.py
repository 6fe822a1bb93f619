import uuid
from typing import TYPE_CHECKING, Any, Self

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from participation.models import Goal, YoungPerson, in_force

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User


def _advocated_young_people(user: "User") -> models.QuerySet[Any]:
    """The young people whose advocate the user is today. Advocacy sits above this app, so the
    rule reads the assignment through the relation it declares on the young person, by name."""
    return YoungPerson.objects.filter(
        in_force(timezone.localdate(), via="advocate_assignments__"),
        advocate_assignments__advocate=user,
    ).values("pk")


class MeetingQuerySet(models.QuerySet["Meeting"]):
    def visible_to(self, user: "User | AnonymousUser") -> "MeetingQuerySet":
        """The one access rule for meetings: about a young person the user may see, or one
        they advocate for (an advocate assignment gives the young person's meetings)."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        young_people = YoungPerson.objects.visible_to(user).values("pk")
        if user.is_young_person:
            return self.filter(young_person__in=young_people)
        return self.filter(
            young_person__in=young_people.union(_advocated_young_people(user), all=True)
        )

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
    # When it was closed or cancelled: the chair keeps access for CHAIR_ACCESS_DAYS after this.
    ended_at = models.DateTimeField(null=True, blank=True, editable=False)
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


# The meeting's lifecycle: where each status may go next (cancelling is separate).
NEXT_STATUSES: dict[str, list[str]] = {
    Meeting.Status.DRAFT: [Meeting.Status.PREPARING],
    Meeting.Status.PREPARING: [Meeting.Status.READY],
    Meeting.Status.READY: [Meeting.Status.PREPARING, Meeting.Status.HELD],
    Meeting.Status.HELD: [Meeting.Status.OUTCOMES_SHARED],
    Meeting.Status.OUTCOMES_SHARED: [Meeting.Status.CLOSED],
    Meeting.Status.CLOSED: [],
    Meeting.Status.CANCELLED: [],
}
CAN_MOVE_OR_CANCEL = {Meeting.Status.DRAFT, Meeting.Status.PREPARING, Meeting.Status.READY}


class MeetingChange(models.Model):
    """A change to a meeting: a step in its lifecycle, a move, or a cancellation.

    Never edited. A move or a cancellation carries the reason the young person is told.
    """

    class Kind(models.TextChoices):
        STATUS = "status", "Status changed"
        MOVED = "moved", "Moved"
        CANCELLED = "cancelled", "Cancelled"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="changes")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    from_status = models.CharField(max_length=20, choices=Meeting.Status.choices)
    to_status = models.CharField(max_length=20, choices=Meeting.Status.choices)
    from_scheduled_at = models.DateTimeField(null=True, blank=True)
    from_venue = models.CharField(max_length=200, blank=True)
    reason_for_young_person = models.TextField(blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-changed_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.get_to_status_display()}"


class AgendaItemQuerySet(models.QuerySet["AgendaItem"]):
    def visible_to(self, user: "User | AnonymousUser") -> "AgendaItemQuerySet":
        """The one access rule for agenda items. Professionals-only items reach only staff
        who may see the young person's record: never the young person, never an advocate."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        shared = self.filter(visibility=AgendaItem.Visibility.SHARED)
        if user.is_young_person:
            return shared.filter(meeting__young_person__portal_user=user)
        on_record = self.filter(
            meeting__young_person__in=YoungPerson.objects.visible_to(user).values("pk")
        ).values("pk")
        as_advocate = shared.filter(meeting__young_person__in=_advocated_young_people(user)).values(
            "pk"
        )
        return self.filter(pk__in=on_record.union(as_advocate, all=True))


class AgendaItem(models.Model):
    """One item on a meeting's agenda, and who put it there."""

    class ProposedBy(models.TextChoices):
        YOUNG_PERSON = "young_person", "The young person"
        ADVOCATE = "advocate", "An advocate, on the young person's behalf"
        PROFESSIONAL = "professional", "A professional"

    class Visibility(models.TextChoices):
        SHARED = "shared", "Shared with the young person"
        PROFESSIONALS_ONLY = "professionals_only", "Professionals only"

    class Outcome(models.TextChoices):
        DISCUSSED = "discussed", "Discussed"
        CARRIED_FORWARD = "carried_forward", "Carried forward"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    title = models.CharField(max_length=200)
    details = models.TextField(blank=True)
    proposed_by = models.CharField(max_length=16, choices=ProposedBy.choices)
    visibility = models.CharField(
        max_length=20, choices=Visibility.choices, default=Visibility.SHARED
    )
    # For a professionals-only item: the plain sentence the young person is told instead.
    explanation_for_young_person = models.TextField(blank=True)
    position = models.PositiveIntegerField(default=0)
    minutes = models.PositiveSmallIntegerField(
        "Time for this item, in minutes",
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(180)],
    )
    # Raised by every save; a save made from an older version is refused, never merged.
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    outcome = models.CharField(max_length=16, choices=Outcome.choices, blank=True)
    # Beside an item the young person or their advocate raised: staff write here, never in it.
    staff_note = models.TextField(blank=True, max_length=500)
    staff_note_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    objects = AgendaItemQuerySet.as_manager()

    class Meta:
        ordering = ["position", "created_at"]
        indexes = [models.Index(fields=["meeting", "position"], name="agendaitem_meeting_order")]

    def __str__(self) -> str:
        return self.title


# The agenda item that brings their goals to the meeting, offered to them and to the team.
GOALS_ITEM = "Your goals"


class PreparationStep(models.TextChoices):
    """The steps before a meeting, from the practice guide (the Derby example)."""

    INFORMATION = "information", "Information about the meeting shared"
    MEET_CHAIR = "meet_chair", "Offer to meet the chair"
    AGENDA = "agenda", "Agenda co-developed"
    ADVOCACY = "advocacy", "Advocacy offered"
    TAKING_PART = "taking_part", "How they will take part"
    RESPECTED = "respected", "What will help them feel respected"
    NAMING = "naming", "How they are named in the record checked"


# Each recorded step's states; the first of each is "not done yet".
STEP_STATES: dict[str, list[tuple[str, str]]] = {
    PreparationStep.INFORMATION: [
        ("not_yet", "Not shared yet"),
        ("in_person", "Shared in person"),
        ("leaflet", "Shared as a leaflet"),
        ("portal", "Shared in the portal"),
        ("easy_read", "Shared in easy read"),
        ("read", "Shared, and the young person has read it"),
    ],
    PreparationStep.MEET_CHAIR: [
        ("not_yet", "Not offered yet"),
        ("offered", "Offered"),
        ("accepted", "Accepted"),
        ("arranged", "A time is arranged"),
        ("declined", "Declined"),
        ("held", "Met the chair"),
    ],
    PreparationStep.TAKING_PART: [
        ("not_yet", "Not decided yet"),
        ("attend", "Will attend"),
        ("attend_part", "Will attend part"),
        ("attend_with_someone", "Will attend with someone"),
        ("views_passed_on", "Views passed on by a trusted person or advocate"),
        ("written_or_recorded", "Written or recorded views"),
        ("not_this_time", "Not taking part this time"),
    ],
    PreparationStep.RESPECTED: [
        ("not_yet", "Not discussed yet"),
        ("asked", "The young person has said what would help"),
        ("agreed", "Agreed"),
        ("not_possible", "Cannot be done, and the young person has been told why"),
    ],
    PreparationStep.NAMING: [("not_yet", "Not checked yet"), ("checked", "Checked")],
}


class PreparationRecord(models.Model):
    """One step's state as recorded; the newest record of each step is its state now.

    Records are never edited: a change is a new record, so the history is kept.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="preparation")
    step = models.CharField(max_length=16, choices=PreparationStep.choices)
    state = models.CharField(max_length=24)
    happened_on = models.DateField()
    note = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [
            models.Index(fields=["meeting", "step", "-recorded_at"], name="prep_meeting_step")
        ]

    def __str__(self) -> str:
        return f"{self.get_step_display()}: {self.state_label}"

    @property
    def state_label(self) -> str:
        return dict(STEP_STATES[self.step]).get(self.state, self.state)

    @property
    def is_done(self) -> bool:
        return self.state != "not_yet"


class OnTheRecordQuerySet[M: models.Model](models.QuerySet[M]):
    """The access rule for what is written about a young person at a meeting (their views,
    decisions, feedback): staff who may see their record, and the young person."""

    def visible_to(self, user: "User | AnonymousUser") -> Self:
        if not user.is_authenticated or not user.is_active:
            return self.none()
        return self.filter(
            meeting__young_person__in=YoungPerson.objects.visible_to(user).values("pk")
        )


# Once the chair has shared the outcomes, the young person sees what was decided.
SHARED_WITH_THEM = {Meeting.Status.OUTCOMES_SHARED, Meeting.Status.CLOSED}


class DecisionQuerySet(OnTheRecordQuerySet["Decision"]):
    def visible_to(self, user: "User | AnonymousUser") -> Self:
        """As for the record; the young person only once the chair has shared the outcomes
        (a meeting marked held is not yet explained to them)."""
        on_record = super().visible_to(user)
        if user.is_authenticated and user.is_young_person:
            return on_record.filter(meeting__status__in=SHARED_WITH_THEM)
        return on_record


class YoungPersonViewsQuerySet(OnTheRecordQuerySet["YoungPersonViews"]):
    def visible_to(self, user: "User | AnonymousUser") -> Self:
        """As for the record, and the young person's advocate once the young person shares."""
        on_record = super().visible_to(user)
        if not user.is_authenticated or not user.is_active or user.is_young_person:
            return on_record
        shared = self.filter(
            shared_with_advocate=True,
            meeting__young_person__in=_advocated_young_people(user),
        ).values("pk")
        return self.filter(pk__in=on_record.values("pk").union(shared, all=True))


class YoungPersonViews(models.Model):
    """What the young person wants the meeting to know, in their own words.

    Kept apart from anything a professional writes, and shown apart everywhere.
    """

    class Source(models.TextChoices):
        SPOKEN = "spoken", "Said to a worker, written down in their words"
        WRITTEN = "written", "Written by the young person"
        RECORDED = "recorded", "Recorded by the young person (audio or video kept elsewhere)"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="views")
    text = models.TextField()
    source = models.CharField(max_length=16, choices=Source.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    # Raised by every save; a save made from an older version is refused, never merged.
    version = models.PositiveIntegerField(default=1)

    # The young person's choice, in the portal: their advocate may read these words.
    shared_with_advocate = models.BooleanField(default=False)

    objects = YoungPersonViewsQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "young person's views"

    def __str__(self) -> str:
        return f"Views for {self.meeting}"


class Decision(models.Model):
    """What a meeting decided, why, and what the young person is told: "you said, we did"."""

    class Response(models.TextChoices):
        AGREE = "agree", "Agrees"
        DISAGREE = "disagree", "Disagrees"
        TALK = "talk", "Wants to talk about it"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    decision = models.TextField()
    reason = models.TextField()
    explanation_for_young_person = models.TextField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    # The young person's goal this decision serves, if any.
    goal = models.ForeignKey(
        Goal, null=True, blank=True, on_delete=models.PROTECT, related_name="decisions"
    )
    young_person_response = models.CharField(max_length=16, choices=Response.choices, blank=True)
    response_in_their_words = models.TextField(blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)

    objects = DecisionQuerySet.as_manager()

    class Meta:
        ordering = ["recorded_at"]

    def __str__(self) -> str:
        return self.decision[:60]


class Action(models.Model):
    """Something someone will do because of a decision, by when."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="actions")
    description = models.CharField(max_length=300)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    due_on = models.DateField()

    class Meta:
        ordering = ["due_on"]

    def __str__(self) -> str:
        return self.description


class GoalReview(models.Model):
    """Where one of their goals stands, reviewed at a meeting: in their words, and a number
    from 0 to 10 they choose. One per goal and meeting; saving again replaces it."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="goal_reviews")
    goal = models.ForeignKey(Goal, on_delete=models.PROTECT, related_name="reviews")
    where_it_stands = models.TextField("Where it stands, in their words", max_length=500)
    scale = models.PositiveSmallIntegerField(
        "From 0 to 10", validators=[MinValueValidator(0), MaxValueValidator(10)]
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now=True)

    objects = OnTheRecordQuerySet["GoalReview"].as_manager()

    class Meta:
        ordering = ["recorded_at"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "goal"], name="goal_review_once_a_meeting")
        ]

    def __str__(self) -> str:
        return f"{self.scale} out of 10"


class Feedback(models.Model):
    """How the meeting felt to the young person, asked afterwards."""

    class Answer(models.TextChoices):
        YES = "yes", "Yes"
        PARTLY = "partly", "A bit"
        NO = "no", "No"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="feedback")
    felt_listened_to = models.CharField(max_length=8, choices=Answer.choices)
    understood_decisions = models.CharField(max_length=8, choices=Answer.choices)
    had_a_say = models.CharField(max_length=8, choices=Answer.choices)
    what_would_make_it_better = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = OnTheRecordQuerySet["Feedback"].as_manager()

    def __str__(self) -> str:
        return f"Feedback on {self.meeting}"


class InformationPack(models.Model):
    """One shared version of the pre-meeting information, written for the young person.

    Never edited: sharing again makes a new version, so every version given is kept.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="information_packs")
    version = models.PositiveIntegerField()
    text = models.TextField()
    easy_read_text = models.TextField()
    shared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    shared_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "version"], name="pack_version_once")
        ]

    def __str__(self) -> str:
        return f"Information for {self.meeting}, version {self.version}"


class ChairIntroduction(models.Model):
    """How a chair introduces themselves to the young people whose meetings they run: a first
    name and what they do, in plain words. Shown in the portal and the information before a
    meeting."""

    chair = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="chair_introduction",
    )
    first_name = models.CharField(max_length=60)
    about = models.TextField(max_length=600)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return self.first_name


class PersonInvited(models.Model):
    """Someone who matters to the young person, invited to their meeting by name."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="people_invited")
    person = models.ForeignKey(
        "participation.PersonWhoMatters", on_delete=models.CASCADE, related_name="invitations"
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    invited_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["invited_at"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person"], name="personinvited_once")
        ]

    def __str__(self) -> str:
        return str(self.person)


class Invitation(models.Model):
    """An agency invited to the meeting, by the role of the person coming (not their name)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="invitations")
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    role = models.CharField(max_length=120)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    invited_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["invited_at"]

    def __str__(self) -> str:
        return f"{self.role}, {self.organisation}"


class YoungPersonRequest(models.Model):
    """Something the young person asked for, or said, that needs a person to answer: it has
    an owner (their lead professional, or the chair for chair matters), a date by which
    they are promised a reply, and the answer, written for them."""

    class Kind(models.TextChoices):
        MEET_CHAIR = "meet_chair", "Asked to meet the chair"
        DISAGREE = "disagree", "Does not agree with a decision"
        TALK = "talk", "Wants to talk about a decision"
        ADVOCATE = "advocate", "Asked for an advocate"
        PEER_SUPPORTER = "peer_supporter", "Asked for a peer supporter"
        NOT_LISTENED = "not_listened", "Did not feel listened to"
        RESPECTED = "respected", "What would help them feel respected"

    class Commitment(models.TextChoices):
        WILL_DO = "will_do", "We will do this"
        CANNOT = "cannot", "We cannot do this"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    young_person = models.ForeignKey(
        "participation.YoungPerson", on_delete=models.CASCADE, related_name="requests"
    )
    meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.CASCADE, related_name="requests"
    )
    decision = models.ForeignKey(
        "Decision", null=True, blank=True, on_delete=models.CASCADE, related_name="requests"
    )
    kind = models.CharField(max_length=16, choices=Kind.choices)
    their_words = models.TextField(blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="requests_owned"
    )
    opened_at = models.DateTimeField(auto_now_add=True)
    reply_by = models.DateField()
    answer = models.TextField(blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    # For what would help them feel respected: the chair's "we will do this" or "we cannot".
    commitment = models.CharField(max_length=8, choices=Commitment.choices, blank=True)
    # The reminder to the owner on the day, and the CSE leads told once it has passed.
    reminded_at = models.DateTimeField(null=True, blank=True)
    escalated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["opened_at", "id"]
        indexes = [
            models.Index(fields=["owner", "answered_at", "opened_at"], name="request_owner_open"),
            models.Index(fields=["young_person", "-opened_at"], name="request_yp_when"),
        ]

    def __str__(self) -> str:
        return self.get_kind_display()


class TheirWordsChange(models.Model):
    """A member of staff changed the young person's words: what they were, what they became,
    and why. Never edited; the young person reads it in the portal."""

    class What(models.TextChoices):
        VIEWS = "views", "What they want the meeting to know"
        DECISION_RESPONSE = "decision_response", "Their answer to a decision"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="words_changes")
    decision = models.ForeignKey(
        Decision, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    what = models.CharField(max_length=20, choices=What.choices)
    before = models.TextField()
    after = models.TextField()
    reason = models.TextField(max_length=500)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-changed_at"]
        indexes = [models.Index(fields=["meeting", "-changed_at"], name="wordschange_meeting")]

    def __str__(self) -> str:
        return f"{self.get_what_display()} changed"
