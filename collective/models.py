import uuid

from django.conf import settings
from django.db import models

from accounts.models import Organisation
from participation.models import YoungPerson


class Opportunity(models.Model):
    """A chance for young people to shape the service together: what it involves, the support
    and recognition offered, who may be invited, and its risks, in enabling words."""

    class Kind(models.TextChoices):
        SERVICE_DEVELOPMENT = "service_development", "Service development or governance"
        CONSULTATION = "consultation", "Consultation"
        CREATIVE = "creative", "Creative or awareness project"
        TRAINING = "training", "Training professionals"
        PEER_SUPPORT = "peer_support", "Peer support"
        POLICY = "policy", "Policy co-design"
        RESEARCH = "research", "Research"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="opportunities"
    )
    kind = models.CharField(max_length=24, choices=Kind.choices)
    title = models.CharField(max_length=120)
    what_it_involves = models.TextField(max_length=1000)
    when_and_where = models.CharField(max_length=300)
    support_and_recognition = models.TextField(max_length=500)
    who_may_be_invited = models.CharField(max_length=300)
    what_could_go_wrong = models.TextField(max_length=1000)
    how_it_is_managed = models.TextField(max_length=1000)
    who_they_can_go_to = models.CharField(max_length=300)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = "opportunities"

    def __str__(self) -> str:
        return self.title


class ParticipationAccount(models.Model):
    """A participation-only account: kept by a young person who turned 18, or whose case
    closed, for the things they take part in. Their portal account moves here, away from
    their case record: it holds their involvements and how they want to be credited, and
    nothing links it to the record, so nobody on a case team sees it."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="participation_account"
    )
    # Exactly as they want to be credited in outputs, certificates and letters; empty for
    # not named.
    credit_name = models.CharField("How you want to be credited", max_length=120, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return "A participation-only account"


class Involvement(models.Model):
    """An opportunity offered to one young person by someone on their case team, and their
    answer: never a list of who is open to the service."""

    class Answer(models.TextChoices):
        YES = "yes", "Yes"
        NO = "no", "No"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    opportunity = models.ForeignKey(
        Opportunity, on_delete=models.PROTECT, related_name="involvements"
    )
    # Whose it is: a young person's, through their case record; or, once they keep a
    # participation-only account, that account's, and no longer linked to the record.
    young_person = models.ForeignKey(
        YoungPerson, null=True, blank=True, on_delete=models.PROTECT, related_name="involvements"
    )
    account = models.ForeignKey(
        ParticipationAccount,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="involvements",
    )
    offered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    offered_at = models.DateTimeField(auto_now_add=True)
    answer = models.CharField(max_length=4, choices=Answer.choices, blank=True)
    reason = models.TextField("Why (optional)", max_length=500, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    # Getting ready for public or political work, talked through with them.
    what_others_may_know = models.TextField(
        "What they want others to know about them, now and in the future",
        max_length=1000,
        blank=True,
    )
    risks_and_benefits_talked_through = models.BooleanField(
        "The risks and benefits, talked through", default=False
    )
    clumsy_questions_talked_through = models.BooleanField(
        "How to handle clumsy questions, talked through", default=False
    )
    group_statement = models.TextField(
        "A group statement they are happy to share", max_length=1000, blank=True
    )

    # A reference letter they asked for, written by someone who runs the opportunity.
    reference_asked_at = models.DateTimeField(null=True, blank=True)
    reference_letter = models.TextField("Their reference letter", max_length=3000, blank=True)
    reference_written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reference_written_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-offered_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["opportunity", "young_person"], name="offered_once_each"
            ),
            models.UniqueConstraint(
                fields=["opportunity", "account"], name="offered_once_each_account"
            ),
            models.CheckConstraint(
                condition=models.Q(young_person__isnull=True) ^ models.Q(account__isnull=True),
                name="involvement_of_a_record_or_an_account",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.opportunity} offered"

    @property
    def preparation_done(self) -> int:
        """How many of the four preparation steps are done."""
        return sum(
            [
                bool(self.what_others_may_know.strip()),
                self.risks_and_benefits_talked_through,
                self.clumsy_questions_talked_through,
                bool(self.group_statement.strip()),
            ]
        )


class Contribution(models.Model):
    """A session a young person took part in, what they contributed in their own words, and
    the support they were given."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    involvement = models.ForeignKey(
        Involvement, on_delete=models.PROTECT, related_name="contributions"
    )
    session_on = models.DateField("The session's date")
    in_their_words = models.TextField("What they contributed, in their words", max_length=1000)
    support_given = models.CharField("Support given (optional)", max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["session_on", "recorded_at"]

    def __str__(self) -> str:
        return f"Contribution on {self.session_on}"


class Output(models.Model):
    """Something an opportunity made (a report, a film, training slides, a board paper). Its
    credit line is worked out from each contributor's naming decision in force; once it is
    published, the credit it went out with is kept, to compare with their choices now."""

    class Kind(models.TextChoices):
        REPORT = "report", "A report"
        FILM = "film", "A film"
        TRAINING_SLIDES = "training_slides", "Training slides"
        BOARD_PAPER = "board_paper", "A board paper"
        OTHER = "other", "Something else"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    opportunity = models.ForeignKey(Opportunity, on_delete=models.PROTECT, related_name="outputs")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    title = models.CharField(max_length=200)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(null=True, blank=True)
    credit_when_published = models.TextField(blank=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.title


class Question(models.Model):
    """A young person's question about an opportunity offered to them. Those who run it read
    and answer it without the young person's name; the answer reaches them in the portal."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    involvement = models.ForeignKey(Involvement, on_delete=models.PROTECT, related_name="questions")
    in_their_words = models.TextField("Your question", max_length=500)
    asked_at = models.DateTimeField(auto_now_add=True)
    answer = models.TextField("Your answer", max_length=1000, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["asked_at"]

    def __str__(self) -> str:
        return "A question about an opportunity"
