"""Everything Partners holds about one young person, for their subject access request (UK
GDPR Article 15): one reading of the database, given as a readable, printable document and
as machine-readable JSON. What is written by or about other people is marked for the
person making the export to review before anything is released."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from uuid import UUID

from django.db import models
from django.utils import timezone

from accounts.models import User
from advocacy.models import AdvocacyEvent, AdvocateAssignment, Representation
from audit.models import AccessEvent
from collective.models import Contribution, Involvement, Question
from consent.models import IdentityDecision, SharingDecision
from meetings.models import (
    Action,
    AgendaItem,
    Decision,
    Feedback,
    GoalReview,
    InformationPack,
    Invitation,
    Meeting,
    MeetingChange,
    PersonInvited,
    PreparationRecord,
    TheirWordsChange,
    YoungPersonRequest,
    YoungPersonViews,
)
from notifications.models import Notification, SafeContact
from participation.models import (
    AccessRequest,
    CaseClosure,
    CaseTeamMembership,
    Goal,
    GoalChange,
    GoalStep,
    LegalHold,
    PersonWhoMatters,
    YoungPerson,
    YoungPersonChange,
    YoungPersonUserObjectPermission,
)
from portal.models import PortalInvitation

# Never part of an export: secrets, and the workings that say nothing about the person.
NEVER_EXPORTED = {
    "password",
    "code_digest",
    "idempotency_key",
    "version",
    "position",
    "last_error",
    "attempts",
    "retried_by",
    "retried_at",
    "reminded_at",
    "escalated_at",
    "permission",
    "client_address",
    "user_agent",
    "request_id",
    "path",
    "object_id",
    "young_person_id",
}

THIRD_PARTY = "It may hold information about other people."
STAFF_WORDS = "Staff wrote it for each other; it may hold information about other people."

type Rows = Callable[[YoungPerson], models.QuerySet[Any]]


@dataclass(frozen=True)
class Section:
    model: type[models.Model]
    title: str
    rows: Rows
    review: str = ""  # why the whole section is checked before release


def _account(young_person: YoungPerson) -> models.QuerySet[User]:
    """Their portal account, if they have one."""
    return User.objects.filter(
        kind=User.Kind.YOUNG_PERSON,
        pk__in=YoungPerson.objects.filter(pk=young_person.pk).values("portal_user"),
    )


SECTIONS: list[Section] = [
    Section(YoungPerson, "Your record", lambda yp: YoungPerson.objects.filter(pk=yp.pk)),
    Section(YoungPersonChange, "Changes to your details", lambda yp: yp.changes.all()),
    Section(
        CaseTeamMembership,
        "The people who work with you",
        lambda yp: CaseTeamMembership.objects.filter(young_person=yp),
    ),
    Section(
        PersonWhoMatters,
        "People who matter to you",
        lambda yp: PersonWhoMatters.objects.filter(young_person=yp),
        THIRD_PARTY,
    ),
    Section(Meeting, "Your meetings", lambda yp: Meeting.objects.filter(young_person=yp)),
    Section(
        MeetingChange,
        "Meetings moved or cancelled",
        lambda yp: MeetingChange.objects.filter(meeting__young_person=yp),
    ),
    Section(
        PreparationRecord,
        "Getting ready for meetings",
        lambda yp: PreparationRecord.objects.filter(meeting__young_person=yp),
        STAFF_WORDS,
    ),
    Section(
        InformationPack,
        "Information you were given before meetings",
        lambda yp: InformationPack.objects.filter(meeting__young_person=yp),
    ),
    Section(
        Invitation,
        "Agencies invited to your meetings",
        lambda yp: Invitation.objects.filter(meeting__young_person=yp),
    ),
    Section(
        PersonInvited,
        "People who matter to you, invited to your meetings",
        lambda yp: PersonInvited.objects.filter(meeting__young_person=yp),
        THIRD_PARTY,
    ),
    Section(
        AgendaItem,
        "What was talked about at your meetings",
        lambda yp: AgendaItem.objects.filter(meeting__young_person=yp),
    ),
    Section(
        YoungPersonViews,
        "What you wanted each meeting to know",
        lambda yp: YoungPersonViews.objects.filter(meeting__young_person=yp),
    ),
    Section(
        TheirWordsChange,
        "Changes staff made to your words",
        lambda yp: TheirWordsChange.objects.filter(meeting__young_person=yp),
    ),
    Section(
        Decision,
        "What was decided, and why",
        lambda yp: Decision.objects.filter(meeting__young_person=yp),
        STAFF_WORDS,
    ),
    Section(
        Action,
        "What people agreed to do",
        lambda yp: Action.objects.filter(decision__meeting__young_person=yp),
    ),
    Section(
        Feedback,
        "How your meetings felt to you",
        lambda yp: Feedback.objects.filter(meeting__young_person=yp),
    ),
    Section(
        YoungPersonRequest,
        "What you asked for, and the answers",
        lambda yp: YoungPersonRequest.objects.filter(young_person=yp),
    ),
    Section(
        AdvocacyEvent,
        "Advocacy offered to you",
        lambda yp: AdvocacyEvent.objects.filter(young_person=yp),
    ),
    Section(
        AdvocateAssignment,
        "Your advocates",
        lambda yp: AdvocateAssignment.objects.filter(young_person=yp),
    ),
    Section(
        Representation,
        "What your advocate said for you",
        lambda yp: Representation.objects.filter(meeting__young_person=yp),
    ),
    Section(
        IdentityDecision,
        "How you are named",
        lambda yp: IdentityDecision.objects.filter(young_person=yp),
    ),
    Section(
        SharingDecision,
        "Who your information is shared with, and why",
        lambda yp: SharingDecision.objects.filter(young_person=yp),
    ),
    Section(
        Notification,
        "Messages sent to you",
        lambda yp: Notification.objects.filter(recipient__in=_account(yp)),
    ),
    Section(User, "Your portal account", lambda yp: _account(yp)),
    Section(
        SafeContact,
        "Where we may tell you there is a new message",
        lambda yp: SafeContact.objects.filter(user__in=_account(yp)),
    ),
    Section(
        PortalInvitation,
        "Codes made for you to start using the portal",
        lambda yp: PortalInvitation.objects.filter(young_person=yp),
    ),
    Section(
        CaseClosure,
        "Closing and reopening your case",
        lambda yp: CaseClosure.objects.filter(young_person=yp),
    ),
    Section(Goal, "Your goals", lambda yp: Goal.objects.filter(young_person=yp)),
    Section(
        GoalStep,
        "Steps towards your goals",
        lambda yp: GoalStep.objects.filter(goal__young_person=yp),
    ),
    Section(
        GoalReview,
        "Your goals, reviewed at your meetings",
        lambda yp: GoalReview.objects.filter(goal__young_person=yp),
    ),
    Section(
        GoalChange,
        "Changes to your goals",
        lambda yp: GoalChange.objects.filter(goal__young_person=yp),
    ),
    Section(
        Involvement,
        "Things you were offered to take part in, and your answers",
        lambda yp: Involvement.objects.filter(young_person=yp),
    ),
    Section(
        Contribution,
        "What you contributed to things you took part in",
        lambda yp: Contribution.objects.filter(involvement__young_person=yp),
    ),
    Section(
        Question,
        "Your questions about things you could take part in, and the answers",
        lambda yp: Question.objects.filter(involvement__young_person=yp),
    ),
    Section(
        LegalHold,
        "Legal holds on your information",
        lambda yp: LegalHold.objects.filter(young_person=yp),
        STAFF_WORDS,
    ),
    Section(
        AccessRequest,
        "Staff who asked to see your record",
        lambda yp: AccessRequest.objects.filter(young_person=yp),
        STAFF_WORDS,
    ),
    Section(
        YoungPersonUserObjectPermission,
        "Staff given extra access to your record, and why",
        lambda yp: YoungPersonUserObjectPermission.objects.filter(content_object=yp),
        STAFF_WORDS,
    ),
    Section(
        AccessEvent,
        "Who has looked at or changed your information",
        lambda yp: AccessEvent.objects.filter(young_person_id=yp.pk),
    ),
]

# Tied to a young person, and not in the export, with the reason. The test in
# tests/cases/test_subject_access.py fails when a new model tied to a young person is in
# neither list.
LEFT_OUT: dict[str, str] = {}

# The account fields of a young person's portal account that are theirs to see.
ACCOUNT_FIELDS = {"id", "username", "is_active", "date_joined", "last_login"}


# In the data file, and left out of the readable copy, where they only repeat: ids, and whom
# each row is about.
NOT_IN_THE_COPY = {"id", "young_person", "content_object", "portal_user"}


@dataclass(frozen=True)
class ExportField:
    name: str
    label: str
    value: Any  # JSON-ready
    shown: str  # as a person reads it

    @property
    def in_copy(self) -> bool:
        return self.name not in NOT_IN_THE_COPY


@dataclass(frozen=True)
class Row:
    fields: list[ExportField]
    review: str  # why this one row is checked before release


@dataclass(frozen=True)
class ExportSection:
    key: str
    title: str
    review: str
    rows: list[Row]


def _shown(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime):
        return f"{timezone.localtime(value):%-d %B %Y, %H:%M}"
    if isinstance(value, date):
        return f"{value:%-d %B %Y}"
    if isinstance(value, User):
        return value.name_on_records
    return str(value)


def _json(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, UUID):
        return str(value)
    if isinstance(value, models.Model):
        return _shown(value)
    return value


def _fields(model: type[models.Model]) -> "list[models.Field[Any, Any]]":
    names = ACCOUNT_FIELDS if model is User else None
    return [
        field
        for field in model._meta.concrete_fields
        if field.name not in NEVER_EXPORTED and (names is None or field.name in names)
    ]


def _row(obj: models.Model, fields: "list[models.Field[Any, Any]]") -> Row:
    out = []
    for field in fields:
        value = getattr(obj, field.name)
        if field.choices and not field.is_relation:
            shown = str(getattr(obj, f"get_{field.name}_display")()) if value else "—"
        elif hasattr(obj, f"{field.name}_label"):  # a state with its words kept beside it
            shown = str(getattr(obj, f"{field.name}_label"))
        else:
            shown = _shown(value)
        out.append(
            ExportField(
                name=field.name,
                label=str(field.verbose_name).capitalize(),
                value=_json(value),
                shown=shown,
            )
        )
    held_without = (
        isinstance(obj, AgendaItem) and obj.visibility == AgendaItem.Visibility.PROFESSIONALS_ONLY
    )
    return Row(fields=out, review=f"Held without them. {THIRD_PARTY}" if held_without else "")


def _in_order(fields: "list[models.Field[Any, Any]]") -> list[str]:
    """Oldest first, by the first moment the model records (its primary key otherwise)."""
    moments = [f.name for f in fields if isinstance(f, models.DateTimeField)]
    return [*moments[:1], "pk"]


def subject_access_export(*, young_person: YoungPerson) -> list[ExportSection]:
    """Every section, each from one query (related objects joined in)."""
    sections = []
    for section in SECTIONS:
        fields = _fields(section.model)
        related = [f.name for f in fields if f.is_relation]
        queryset = section.rows(young_person)
        if related:
            queryset = queryset.select_related(*related)
        sections.append(
            ExportSection(
                key=section.model._meta.label,
                title=section.title,
                review=section.review,
                rows=[_row(obj, fields) for obj in queryset.order_by(*_in_order(fields))],
            )
        )
    return sections


def subject_access_json(*, young_person: YoungPerson, sections: list[ExportSection]) -> dict:
    return {
        "about": str(young_person.pk),
        "made_at": timezone.now().isoformat(),
        "sections": {
            section.key: {
                "title": section.title,
                "check_before_release": section.review,
                "rows": [
                    {
                        **{field.name: field.value for field in row.fields},
                        **({"check_before_release": row.review} if row.review else {}),
                    }
                    for row in section.rows
                ],
            }
            for section in sections
        },
    }
