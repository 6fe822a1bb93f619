"""Erasure that keeps the trail: a young person is never deleted; they are anonymised. Their
names, date of birth and every free text about them are replaced, the people who matter to
them and their portal codes are deleted, and their portal account can no longer be used
and names no one. Meetings, decisions, case-team, consent and access history stay, pointing
at the anonymised record, so the service's history still counts.

The closed-case rule of the retention schedule (cases/retention.py) calls it on the young
person's 25th birthday; a legal hold stops it."""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F

from accounts.models import User
from advocacy.models import AdvocacyEvent, AdvocateAssignment, Representation
from collective.models import Contribution, Involvement, Question
from meetings.models import (
    Action,
    AgendaItem,
    Decision,
    Feedback,
    GoalReview,
    InformationPack,
    MeetingChange,
    PreparationRecord,
    TheirWordsChange,
    YoungPersonRequest,
    YoungPersonViews,
)
from notifications.models import SafeContact
from participation.models import (
    AccessRequest,
    CaseClosure,
    Goal,
    GoalChange,
    GoalStep,
    LegalHold,
    PersonWhoMatters,
    YoungPerson,
    YoungPersonChange,
    YoungPersonUserObjectPermission,
)
from participation.selectors import legal_hold_in_force
from portal.models import PortalInvitation

ANONYMISED = "Anonymised"
REMOVED = "[removed]"
NO_DATE_OF_BIRTH = date(1900, 1, 1)

# Each model with words about the young person: how it reaches them, and what its words
# become. tests/cases/test_erasure.py fails when a text field on a model tied to a young
# person is neither here nor in KEPT_AS_THEY_ARE.
WIPED: list[tuple[type[models.Model], str, dict[str, Any]]] = [
    (
        YoungPerson,
        "pk",
        {
            "pronouns": "",
            "communication_needs": "",
            "interpreter_language": "",
            "strengths_and_interests": "",
            "referred_by": "",
            "referral_reason": "",
        },
    ),
    (YoungPersonChange, "young_person", {"before": REMOVED, "after": REMOVED}),
    (CaseClosure, "young_person", {"details": "", "reopen_reason": ""}),
    (AccessRequest, "young_person", {"reason": REMOVED, "answer_reason": ""}),
    (YoungPersonUserObjectPermission, "content_object", {"reason": REMOVED}),
    (LegalHold, "young_person", {"reason": REMOVED, "lift_reason": ""}),
    (MeetingChange, "meeting__young_person", {"reason_for_young_person": ""}),
    (
        AgendaItem,
        "meeting__young_person",
        {"title": REMOVED, "details": "", "explanation_for_young_person": "", "staff_note": ""},
    ),
    (PreparationRecord, "meeting__young_person", {"note": ""}),
    (YoungPersonViews, "meeting__young_person", {"text": REMOVED}),
    (
        Decision,
        "meeting__young_person",
        {
            "decision": REMOVED,
            "reason": REMOVED,
            "explanation_for_young_person": REMOVED,
            "response_in_their_words": "",
        },
    ),
    (Action, "decision__meeting__young_person", {"description": REMOVED}),
    (Feedback, "meeting__young_person", {"what_would_make_it_better": ""}),
    (
        InformationPack,
        "meeting__young_person",
        {"text": REMOVED, "easy_read_text": REMOVED},
    ),
    (YoungPersonRequest, "young_person", {"their_words": "", "answer": REMOVED}),
    (
        TheirWordsChange,
        "meeting__young_person",
        {"before": REMOVED, "after": REMOVED, "reason": REMOVED},
    ),
    (Goal, "young_person", {"in_their_words": REMOVED, "who_helps": ""}),
    (GoalStep, "goal__young_person", {"what": REMOVED}),
    (GoalChange, "goal__young_person", {"before": REMOVED, "after": REMOVED}),
    (GoalReview, "goal__young_person", {"where_it_stands": REMOVED}),
    (
        Involvement,
        "young_person",
        {
            "reason": "",
            "what_others_may_know": "",
            "group_statement": "",
            "reference_letter": "",
        },
    ),
    (Contribution, "involvement__young_person", {"in_their_words": REMOVED, "support_given": ""}),
    (Question, "involvement__young_person", {"in_their_words": REMOVED, "answer": ""}),
    (AdvocacyEvent, "young_person", {"in_their_words": "", "note": ""}),
    (AdvocateAssignment, "young_person", {"named_person": ""}),
    (Representation, "meeting__young_person", {"text": REMOVED}),
]
# Deleted outright: they are about other people, or are ways in.
DELETED: list[tuple[type[models.Model], str]] = [
    (PersonWhoMatters, "young_person"),  # and the invitations to meetings that name them
    (PortalInvitation, "young_person"),
]

# Words on those models that stay, and why.
KEPT_AS_THEY_ARE = {
    "participation.YoungPerson.preferred_name": "replaced, with the legal name, by ANONYMISED",
    "participation.YoungPerson.legal_name": "replaced by ANONYMISED and the record's short id",
    "participation.YoungPersonChange.field": "which detail changed: a field's name",
    "participation.GoalChange.field": "what changed: a field's name, or archived",
    "meetings.Meeting.venue": "a place where meetings are held, not about them",
    "meetings.MeetingChange.from_venue": "the same",
    "meetings.Invitation.role": "the role of an agency's attendee, not a name",
    "meetings.PreparationRecord.state": "a step's state, one of a fixed list",
    "notifications.Notification.idempotency_key": "ids and a kind: no words",
    "notifications.Notification.last_error": "a delivery error, never the message",
    # Consent decisions are the append-only record of what was agreed; the database refuses
    # any change. A chosen name is checked to differ from their real name; their words and
    # the rationale are kept (docs/data-protection.md says so).
    "consent.IdentityDecision.pseudonym": "append-only: the record of what they chose",
    "consent.IdentityDecision.their_words": "append-only: the record of what they said",
    "consent.SharingDecision.purpose": "append-only: why information was shared",
    "consent.SharingDecision.rationale": "append-only: the lawful reason recorded",
    "consent.SharingDecision.their_words": "append-only: the record of what they said",
}

ON_HOLD = "Their information is on legal hold: it cannot be anonymised until the hold is lifted"


@transaction.atomic
def young_person_anonymise(*, young_person: YoungPerson) -> YoungPerson:
    """Anonymise a young person in place. Refused while a legal hold is in force."""
    locked = YoungPerson.objects.select_for_update().get(pk=young_person.pk)
    if legal_hold_in_force(young_person=locked) is not None:
        raise ValidationError(ON_HOLD)
    for model, path, values in WIPED:
        model._default_manager.filter(**{path: locked.pk}).update(**values)
    for model, path in DELETED:
        model._default_manager.filter(**{path: locked.pk}).delete()
    YoungPerson.objects.filter(pk=locked.pk).update(
        preferred_name=ANONYMISED,
        legal_name=f"{ANONYMISED} {str(locked.pk)[:8]}",
        date_of_birth=NO_DATE_OF_BIRTH,
        version=F("version") + 1,
    )
    if locked.portal_user_id is not None:
        SafeContact.objects.filter(user_id=locked.portal_user_id).delete()
        account = User.objects.get(pk=locked.portal_user_id)
        account.username = f"removed-{account.pk.hex[:12]}"
        account.full_name = ""
        account.email = None
        account.is_active = False
        account.set_unusable_password()
        account.save(update_fields=["username", "full_name", "email", "is_active", "password"])
    locked.refresh_from_db()
    return locked
