from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone

from accounts.models import Organisation, User
from accounts.roles import Role
from notifications import services as notifications
from notifications.models import Kind
from participation.models import CaseTeamMembership, Goal, PersonWhoMatters, YoungPerson
from participation.powers import meeting_schedule_allowed, request_answer_allowed
from participation.selectors import lead_professional_first
from participation.wording import blaming_message

from .models import (
    CAN_MOVE_OR_CANCEL,
    GOALS_ITEM,
    NEXT_STATUSES,
    STEP_STATES,
    Action,
    AgendaItem,
    ChairIntroduction,
    Decision,
    Feedback,
    GoalReview,
    InformationPack,
    Invitation,
    Meeting,
    MeetingChange,
    PersonInvited,
    PreparationRecord,
    PreparationStep,
    TheirWordsChange,
    YoungPersonRequest,
    YoungPersonViews,
)
from .selectors import (
    goals_item_offered,
    meeting_can_prepare,
    meeting_can_record_their_words,
    meeting_is_advocated_by,
    meeting_is_their_own,
    meeting_open_for_their_say,
)


@transaction.atomic
def meeting_schedule(
    *,
    actor: User,
    young_person: YoungPerson,
    meeting_type: str,
    chair: User,
    scheduled_at: datetime,
    venue: str,
    people: Iterable[PersonWhoMatters] = (),
) -> Meeting:
    """Schedule a meeting about a young person, with the people who matter to them that
    they want there; the chair's reminder is saved with it."""
    if not meeting_schedule_allowed(actor=actor, young_person=young_person):
        raise ValidationError("Only someone on the young person's case team can schedule a meeting")
    if not meeting_schedule_allowed(actor=actor, young_person=young_person, chair=chair):
        raise ValidationError(
            {"chair": "Choose someone else to chair: nobody chairs a meeting they arrange"}
        )
    if not (chair.is_active and chair.is_staff_member and chair.has_role(Role.CSE_LEAD)):
        raise ValidationError({"chair": "Choose a chair from the list"})
    if scheduled_at <= timezone.now():
        raise ValidationError({"scheduled_at": "The date of the meeting must be in the future"})

    meeting = Meeting(
        young_person=young_person,
        meeting_type=meeting_type,
        chair=chair,
        scheduled_at=scheduled_at,
        venue=venue.strip(),
        created_by=actor,
    )
    meeting.full_clean()
    meeting.save()
    for person in people:
        meeting_person_invite(actor=actor, meeting=meeting, person=person)

    notifications.notify(
        kind=Kind.CHAIR_ASKED,
        recipients=[chair],
        key=f"{Kind.CHAIR_ASKED}:{meeting.pk}",
        meeting=meeting,
    )
    notifications.young_person_told(
        kind=Kind.MEETING_SCHEDULED, meeting=meeting, key=f"{Kind.MEETING_SCHEDULED}:{meeting.pk}"
    )
    return meeting


THEIR_OWN_ITEMS = {AgendaItem.ProposedBy.YOUNG_PERSON, AgendaItem.ProposedBy.ADVOCATE}
THEIR_WORDS_STAY = (
    "This item is the young person's own: its words, and who raised it, stay as they are. "
    "You can change when it is taken and who can see it."
)
STALE_EDIT = (
    "Someone else changed this item while you were editing it. "
    "Your changes have not been saved: check their version below, then make yours again."
)


def _agenda_item_check(
    *, actor: User, meeting: Meeting, visibility: str, explanation_for_young_person: str
) -> None:
    if not meeting_can_prepare(user=actor, meeting=meeting):
        raise ValidationError("Only the chair and the case team can change the agenda")
    if (
        visibility == AgendaItem.Visibility.PROFESSIONALS_ONLY
        and not explanation_for_young_person.strip()
    ):
        raise ValidationError(
            {
                "explanation_for_young_person": (
                    "Tell the young person, in a plain sentence, that this part is held "
                    "without them and why"
                )
            }
        )


@transaction.atomic
def agenda_item_add(
    *,
    actor: User,
    meeting: Meeting,
    title: str,
    details: str,
    proposed_by: str,
    visibility: str,
    explanation_for_young_person: str,
    minutes: int | None,
) -> AgendaItem:
    _agenda_item_check(
        actor=actor,
        meeting=meeting,
        visibility=visibility,
        explanation_for_young_person=explanation_for_young_person,
    )
    return _agenda_item_create(
        meeting=meeting,
        title=title,
        details=details,
        proposed_by=proposed_by,
        visibility=visibility,
        explanation_for_young_person=explanation_for_young_person,
        minutes=minutes,
    )


@transaction.atomic
def agenda_item_propose(*, actor: User, meeting: Meeting, title: str, details: str) -> AgendaItem:
    """The young person adds something to their own meeting's agenda, in the portal."""
    _their_say_check(actor, meeting, "You can add to the agenda until the meeting starts")
    return _agenda_item_create(
        meeting=meeting,
        title=title,
        details=details,
        proposed_by=AgendaItem.ProposedBy.YOUNG_PERSON,
        visibility=AgendaItem.Visibility.SHARED,
        explanation_for_young_person="",
        minutes=None,
    )


@transaction.atomic
def agenda_item_propose_on_behalf(
    *, actor: User, meeting: Meeting, title: str, details: str
) -> AgendaItem:
    """The young person's advocate adds a shared item for them, shown as from their advocate."""
    if not meeting_is_advocated_by(user=actor, meeting=meeting):
        raise ValidationError(
            "Only the young person's advocate, while assigned to them, can do this"
        )
    if not meeting_open_for_their_say(meeting=meeting):
        raise ValidationError("Items can be added until the meeting starts")
    return _agenda_item_create(
        meeting=meeting,
        title=title,
        details=details,
        proposed_by=AgendaItem.ProposedBy.ADVOCATE,
        visibility=AgendaItem.Visibility.SHARED,
        explanation_for_young_person="",
        minutes=None,
    )


def _agenda_item_create(
    *,
    meeting: Meeting,
    title: str,
    details: str,
    proposed_by: str,
    visibility: str,
    explanation_for_young_person: str,
    minutes: int | None,
) -> AgendaItem:
    last = meeting.agenda_items.aggregate(last=Max("position"))["last"]
    item = AgendaItem(
        meeting=meeting,
        title=title.strip(),
        details=details.strip(),
        proposed_by=proposed_by,
        visibility=visibility,
        explanation_for_young_person=explanation_for_young_person.strip(),
        minutes=minutes,
        position=0 if last is None else last + 1,
    )
    item.full_clean()
    item.save()
    return item


def _their_say_check(actor: User, meeting: Meeting, closed_message: str) -> None:
    """The young person's own say in the portal: their meeting, and before it starts."""
    if not meeting_is_their_own(user=actor, meeting=meeting):
        raise ValidationError("Only the young person can do this, in the portal")
    if not meeting_open_for_their_say(meeting=meeting):
        raise ValidationError(closed_message)


@transaction.atomic
def agenda_item_update(
    *,
    actor: User,
    item: AgendaItem,
    expected_version: int,
    title: str,
    details: str,
    proposed_by: str,
    visibility: str,
    explanation_for_young_person: str,
    minutes: int | None,
    staff_note: str = "",
) -> AgendaItem:
    """Save an edit made from `expected_version`; refuse it if the item moved on since.

    An item the young person or their advocate raised keeps its words and who raised it:
    staff may change only when it is taken and who may see it, and write a note beside it,
    shown as theirs."""
    _agenda_item_check(
        actor=actor,
        meeting=item.meeting,
        visibility=visibility,
        explanation_for_young_person=explanation_for_young_person,
    )
    if item.proposed_by in THEIR_OWN_ITEMS and (
        title.strip() != item.title
        or details.strip() != item.details
        or proposed_by != item.proposed_by
    ):
        raise ValidationError({"title": THEIR_WORDS_STAY})
    changes: dict[str, Any] = {
        "title": title.strip(),
        "details": details.strip(),
        "proposed_by": proposed_by,
        "visibility": visibility,
        "explanation_for_young_person": explanation_for_young_person.strip(),
        "minutes": minutes,
    }
    if staff_note.strip() and item.proposed_by not in THEIR_OWN_ITEMS:
        raise ValidationError("A note is written beside the young person's own items only")
    if staff_note.strip() != item.staff_note:
        changes |= {
            "staff_note": staff_note.strip(),
            "staff_note_by": actor if staff_note.strip() else None,
        }
    candidate = AgendaItem(pk=item.pk, meeting=item.meeting, **changes)
    candidate.full_clean(exclude=["meeting"], validate_unique=False)
    saved = AgendaItem.objects.filter(pk=item.pk, version=expected_version).update(
        version=F("version") + 1, **changes
    )
    if not saved:
        raise ValidationError(STALE_EDIT)
    item.refresh_from_db()
    return item


def preparation_record(
    *,
    actor: User,
    meeting: Meeting,
    step: str,
    state: str,
    happened_on: date,
    note: str,
) -> PreparationRecord:
    """Record a preparation step's state now (a new record: the history is kept)."""
    if not meeting_can_prepare(user=actor, meeting=meeting):
        raise ValidationError("Only the chair and the case team can record preparation")
    if step not in STEP_STATES or state not in dict(STEP_STATES[step]):
        raise ValidationError({"state": "Select what has happened"})
    if happened_on > timezone.localdate():
        raise ValidationError({"happened_on": "The date must be today or in the past"})
    if step == PreparationStep.RESPECTED and state != "not_yet" and not note.strip():
        raise ValidationError(
            {"note": "Say what was agreed, for example breaks, who is in the room, words to avoid"}
        )
    return _preparation_add(
        actor=actor, meeting=meeting, step=step, state=state, happened_on=happened_on, note=note
    )


def _preparation_add(
    *, actor: User, meeting: Meeting, step: str, state: str, happened_on: date, note: str
) -> PreparationRecord:
    record = PreparationRecord(
        meeting=meeting,
        step=step,
        state=state,
        happened_on=happened_on,
        note=note.strip(),
        recorded_by=actor,
    )
    record.full_clean()
    record.save()
    return record


def _step_state_now(meeting: Meeting, step: str) -> str | None:
    """The newest recorded state of one preparation step, or None if nothing is recorded."""
    latest = meeting.preparation.filter(step=step).order_by("-recorded_at")
    return latest.values_list("state", flat=True).first()


def _refuse_unless_chair(actor: User, meeting: Meeting) -> None:
    if meeting.chair_id != actor.pk:
        raise ValidationError("Only the chair can change the meeting")


def _reason_required(reason: str) -> str:
    if not reason.strip():
        raise ValidationError(
            {"reason_for_young_person": "Write what the young person will be told, and why"}
        )
    return reason.strip()


@transaction.atomic
def meeting_status_advance(*, actor: User, meeting: Meeting, to_status: str) -> Meeting:
    """Move the meeting along its lifecycle, one allowed step at a time."""
    _refuse_unless_chair(actor, meeting)
    locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if to_status not in NEXT_STATUSES[locked.status]:
        raise ValidationError(
            f"A meeting that is {locked.get_status_display().lower()} cannot move to that step"
        )
    MeetingChange.objects.create(
        meeting=locked,
        kind=MeetingChange.Kind.STATUS,
        from_status=locked.status,
        to_status=to_status,
        changed_by=actor,
    )
    locked.status = to_status
    if to_status == Meeting.Status.CLOSED:
        locked.ended_at = timezone.now()
    locked.save(update_fields=["status", "ended_at"])
    if to_status == Meeting.Status.OUTCOMES_SHARED:
        notifications.young_person_told(
            kind=Kind.OUTCOMES_SHARED, meeting=locked, key=f"{Kind.OUTCOMES_SHARED}:{locked.pk}"
        )
    return locked


@transaction.atomic
def meeting_move(
    *,
    actor: User,
    meeting: Meeting,
    scheduled_at: datetime,
    venue: str,
    reason_for_young_person: str,
) -> Meeting:
    """Move a meeting to a new time or place, with the reason the young person is told."""
    _refuse_unless_chair(actor, meeting)
    locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if locked.status not in CAN_MOVE_OR_CANCEL:
        raise ValidationError("Only a meeting that has not happened yet can be moved")
    reason = _reason_required(reason_for_young_person)
    if scheduled_at <= timezone.now():
        raise ValidationError({"scheduled_at": "The new date must be in the future"})
    if scheduled_at == locked.scheduled_at and venue.strip() == locked.venue:
        raise ValidationError({"scheduled_at": "Change the date, the time or the place"})
    change = MeetingChange.objects.create(
        meeting=locked,
        kind=MeetingChange.Kind.MOVED,
        from_status=locked.status,
        to_status=locked.status,
        from_scheduled_at=locked.scheduled_at,
        from_venue=locked.venue,
        reason_for_young_person=reason,
        changed_by=actor,
    )
    locked.scheduled_at = scheduled_at
    locked.venue = venue.strip()
    locked.full_clean()
    locked.save(update_fields=["scheduled_at", "venue"])
    _young_person_told_of_change(locked, change)
    return locked


@transaction.atomic
def meeting_cancel(*, actor: User, meeting: Meeting, reason_for_young_person: str) -> Meeting:
    _refuse_unless_chair(actor, meeting)
    locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if locked.status not in CAN_MOVE_OR_CANCEL:
        raise ValidationError("Only a meeting that has not happened yet can be cancelled")
    return _cancelled(locked, actor, _reason_required(reason_for_young_person))


def _cancelled(meeting: Meeting, actor: User, reason_for_young_person: str) -> Meeting:
    """Cancel a locked meeting that has not happened, keep the change, and tell the young
    person why."""
    change = MeetingChange.objects.create(
        meeting=meeting,
        kind=MeetingChange.Kind.CANCELLED,
        from_status=meeting.status,
        to_status=Meeting.Status.CANCELLED,
        reason_for_young_person=reason_for_young_person,
        changed_by=actor,
    )
    meeting.status = Meeting.Status.CANCELLED
    meeting.ended_at = timezone.now()
    meeting.save(update_fields=["status", "ended_at"])
    _young_person_told_of_change(meeting, change)
    return meeting


def _young_person_told_of_change(meeting: Meeting, change: MeetingChange) -> None:
    notifications.young_person_told(
        kind=Kind.MEETING_CHANGED, meeting=meeting, key=f"{Kind.MEETING_CHANGED}:{change.pk}"
    )


@transaction.atomic
def young_person_views_save(
    *,
    actor: User,
    meeting: Meeting,
    text: str,
    source: str,
    expected_version: int,
    shared_with_advocate: bool | None = None,
    reason: str = "",
) -> YoungPersonViews:
    """Save the young person's own words for a meeting, until the meeting starts.

    Whether their advocate may read them is the young person's choice alone: staff saves
    leave it as it is. Staff who change words already saved give the reason: the earlier
    words are kept, and the young person is told.
    """
    if not meeting_can_record_their_words(user=actor, meeting=meeting):
        raise ValidationError(
            "Only the chair and the case team can record the young person's views"
        )
    if not meeting_open_for_their_say(meeting=meeting):
        raise ValidationError("Views can be changed only until the meeting starts")
    fields: dict[str, object] = {"text": text.strip(), "source": source, "recorded_by": actor}
    if shared_with_advocate is not None and meeting_is_their_own(user=actor, meeting=meeting):
        fields["shared_with_advocate"] = shared_with_advocate
    candidate = YoungPersonViews(meeting=meeting, **fields)
    candidate.full_clean(exclude=["meeting"], validate_unique=False)
    existing = YoungPersonViews.objects.filter(meeting=meeting).first()
    if existing is None:
        if expected_version:
            raise ValidationError(STALE_VIEWS)
        candidate.save()
        return candidate
    if existing.version != expected_version:
        raise ValidationError(STALE_VIEWS)
    before = existing.text
    staff_change = before != fields["text"] and not meeting_is_their_own(
        user=actor, meeting=meeting
    )
    if staff_change:
        reason = _change_reason(reason)
    saved = YoungPersonViews.objects.filter(pk=existing.pk, version=expected_version).update(
        version=F("version") + 1, updated_at=timezone.now(), **fields
    )
    if not saved:
        raise ValidationError(STALE_VIEWS)
    if staff_change:
        _their_words_changed(
            actor=actor,
            meeting=meeting,
            what=TheirWordsChange.What.VIEWS,
            before=before,
            after=candidate.text,
            reason=reason,
        )
    existing.refresh_from_db()
    return existing


CHANGE_REASON_NEEDED = "Say why you are changing their words: they will read this"


def _change_reason(reason: str) -> str:
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": CHANGE_REASON_NEEDED})
    if len(reason) > 500:
        raise ValidationError({"reason": "Keep the reason to 500 characters or fewer"})
    if message := blaming_message(reason):
        raise ValidationError({"reason": message})
    return reason


def _their_words_changed(
    *,
    actor: User,
    meeting: Meeting,
    what: str,
    before: str,
    after: str,
    reason: str,
    decision: Decision | None = None,
) -> TheirWordsChange:
    """Keep the earlier words and the reason, and tell the young person, in the same
    transaction as the change."""
    change = TheirWordsChange.objects.create(
        meeting=meeting,
        decision=decision,
        what=what,
        before=before,
        after=after,
        reason=reason,
        changed_by=actor,
    )
    notifications.young_person_told(
        kind=Kind.WORDS_CHANGED, meeting=meeting, key=f"{Kind.WORDS_CHANGED}:{change.pk}"
    )
    return change


STALE_VIEWS = (
    "Someone else saved these views while you were editing them. Your changes have not "
    "been saved: read theirs below, then make yours again."
)


DECIDED_STATUSES = {Meeting.Status.HELD, Meeting.Status.OUTCOMES_SHARED}
# A meeting that has happened: decisions to answer, feedback to give.
HAPPENED_STATUSES = {*DECIDED_STATUSES, Meeting.Status.CLOSED}


@transaction.atomic
def decision_record(
    *,
    actor: User,
    meeting: Meeting,
    decision: str,
    reason: str,
    explanation_for_young_person: str,
    action: str,
    action_owner: User | None,
    action_due_on: date | None,
    goal: Goal | None = None,
) -> Decision:
    """The chair records what the meeting decided, why, and what the young person is told,
    and which of their goals it serves, if any."""
    if meeting.chair_id != actor.pk:
        raise ValidationError("Only the chair can record decisions")
    if meeting.status not in DECIDED_STATUSES:
        raise ValidationError("Decisions are recorded once the meeting has been held")
    errors: dict[str, str] = {}
    if action.strip() and not (action_owner and action_due_on):
        errors["action_owner"] = "Give the action an owner and a due date"
    if action_due_on and action_due_on < timezone.localdate():
        errors["action_due_on"] = "The due date must be today or later"
    if goal is not None and (goal.young_person_id != meeting.young_person_id or goal.archived_at):
        errors["goal"] = "Choose one of the goals they are working towards"
    if errors:
        raise ValidationError(errors)
    record = Decision(
        meeting=meeting,
        decision=decision.strip(),
        reason=reason.strip(),
        explanation_for_young_person=explanation_for_young_person.strip(),
        goal=goal,
        recorded_by=actor,
    )
    record.full_clean()
    record.save()
    if action.strip() and action_owner and action_due_on:
        todo = Action(
            decision=record, description=action.strip(), owner=action_owner, due_on=action_due_on
        )
        todo.full_clean()
        todo.save()
    return record


@transaction.atomic
def decision_response_record(
    *, actor: User, decision: Decision, response: str, in_their_words: str, reason: str = ""
) -> Decision:
    """The young person's answer to a decision, given in the portal or recorded with them
    by the case team. Staff who change an answer already given say why: the earlier answer
    is kept, and the young person is told."""
    if not meeting_can_record_their_words(user=actor, meeting=decision.meeting):
        raise ValidationError("Only the chair and the case team can record their response")
    if response not in Decision.Response.values:
        raise ValidationError({"response": "Select what the young person thinks"})
    before = _response_in_words(decision.young_person_response, decision.response_in_their_words)
    after = _response_in_words(response, in_their_words.strip())
    staff_change = (
        bool(decision.young_person_response)
        and before != after
        and not meeting_is_their_own(user=actor, meeting=decision.meeting)
    )
    if staff_change:
        reason = _change_reason(reason)
        _their_words_changed(
            actor=actor,
            meeting=decision.meeting,
            decision=decision,
            what=TheirWordsChange.What.DECISION_RESPONSE,
            before=before,
            after=after,
            reason=reason,
        )
    decision.young_person_response = response
    decision.response_in_their_words = in_their_words.strip()
    decision.responded_at = timezone.now()
    decision.full_clean()
    decision.save(
        update_fields=["young_person_response", "response_in_their_words", "responded_at"]
    )
    if response in (Decision.Response.DISAGREE, Decision.Response.TALK):
        request_open(
            young_person=decision.meeting.young_person,
            kind=response,
            meeting=decision.meeting,
            decision=decision,
            their_words=decision.response_in_their_words,
        )
    return decision


# An answer to a decision as the young person says it: the portal's choices, and the words
# kept when staff change an answer.
RESPONSE_IN_MY_WORDS = {
    Decision.Response.AGREE: "I agree",
    Decision.Response.DISAGREE: "I do not agree",
    Decision.Response.TALK: "I want to talk about it",
}


def _response_in_words(response: str, in_their_words: str) -> str:
    """An answer to a decision as one line, as they would say it: "I do not agree: …"."""
    if not response:
        return ""
    said = RESPONSE_IN_MY_WORDS[Decision.Response(response)]
    return f"{said}: {in_their_words}" if in_their_words else said


def agenda_item_outcome_set(*, actor: User, item: AgendaItem, outcome: str) -> AgendaItem:
    """After the meeting, the chair marks each item discussed or carried forward."""
    if item.meeting.chair_id != actor.pk:
        raise ValidationError("Only the chair can mark what happened to an item")
    if item.meeting.status not in DECIDED_STATUSES:
        raise ValidationError("Items are marked once the meeting has been held")
    if outcome not in AgendaItem.Outcome.values:
        raise ValidationError("Choose discussed or carried forward")
    AgendaItem.objects.filter(pk=item.pk).update(outcome=outcome, version=F("version") + 1)
    item.refresh_from_db()
    return item


@transaction.atomic
def feedback_record(
    *,
    actor: User,
    meeting: Meeting,
    felt_listened_to: str,
    understood_decisions: str,
    had_a_say: str,
    what_would_make_it_better: str,
) -> Feedback:
    """The young person's feedback on a held meeting, recorded with them by the case team."""
    if not meeting_can_record_their_words(user=actor, meeting=meeting):
        raise ValidationError("Only the chair and the case team can record their feedback")
    if meeting.status not in HAPPENED_STATUSES:
        raise ValidationError("Feedback is asked for once the meeting has been held")
    if Feedback.objects.filter(meeting=meeting).exists():
        raise ValidationError("Their feedback on this meeting is already recorded")
    feedback = Feedback(
        meeting=meeting,
        felt_listened_to=felt_listened_to,
        understood_decisions=understood_decisions,
        had_a_say=had_a_say,
        what_would_make_it_better=what_would_make_it_better.strip(),
        recorded_by=actor,
    )
    feedback.full_clean()
    feedback.save()
    if feedback.felt_listened_to == Feedback.Answer.NO:
        request_open(
            young_person=meeting.young_person,
            kind=YoungPersonRequest.Kind.NOT_LISTENED,
            meeting=meeting,
            their_words=feedback.what_would_make_it_better,
        )
    return feedback


@transaction.atomic
def goals_agenda_item_add(*, actor: User, meeting: Meeting) -> AgendaItem:
    """Put "Your goals" on the agenda: the young person in the portal, or the chair or case
    team, before the meeting starts, once, and only when they have a goal in hand."""
    if not goals_item_offered(meeting=meeting):
        raise ValidationError(
            "Goals can be added once, before the meeting starts, when there is a goal to talk about"
        )
    if meeting_is_their_own(user=actor, meeting=meeting):
        proposed_by = AgendaItem.ProposedBy.YOUNG_PERSON
    elif meeting_can_prepare(user=actor, meeting=meeting):
        proposed_by = AgendaItem.ProposedBy.PROFESSIONAL
    else:
        raise ValidationError("Only the young person, the chair or the case team can do this")
    return _agenda_item_create(
        meeting=meeting,
        title=GOALS_ITEM,
        details="How each goal is going, and where it is from 0 to 10.",
        proposed_by=proposed_by,
        visibility=AgendaItem.Visibility.SHARED,
        explanation_for_young_person="",
        minutes=None,
    )


@transaction.atomic
def goal_reviews_record(
    *, actor: User, meeting: Meeting, reviews: list[tuple[Goal, str, int | None]]
) -> list[GoalReview]:
    """Where each goal stands, reviewed with them at a held meeting: their words and the
    number they chose. A goal left blank is not reviewed; saving again replaces a review."""
    if not meeting_can_prepare(user=actor, meeting=meeting):
        raise ValidationError("Only the chair and the case team can record the review")
    if meeting.status not in HAPPENED_STATUSES:
        raise ValidationError("Goals are reviewed once the meeting has been held")
    errors: dict[str, str] = {}
    for goal, words, scale in reviews:
        if goal.young_person_id != meeting.young_person_id:
            raise ValidationError("That goal is not theirs")
        if words.strip() and scale is None:
            errors[f"scale_{goal.pk}"] = "Choose a number from 0 to 10, as they chose it"
        elif scale is not None and not words.strip():
            errors[f"words_{goal.pk}"] = "Write where it stands, in their words"
        elif len(words.strip()) > 500:
            errors[f"words_{goal.pk}"] = "Keep this to 500 characters or fewer"
        elif scale is not None and not 0 <= scale <= 10:
            errors[f"scale_{goal.pk}"] = "Choose a number from 0 to 10"
    if errors:
        raise ValidationError(errors)
    saved = []
    for goal, words, scale in reviews:
        if scale is None:
            continue
        review, _ = GoalReview.objects.update_or_create(
            meeting=meeting,
            goal=goal,
            defaults={"where_it_stands": words.strip(), "scale": scale, "recorded_by": actor},
        )
        saved.append(review)
    if not saved:
        raise ValidationError("Write where at least one goal stands")
    return saved


@transaction.atomic
def information_pack_share(
    *, actor: User, meeting: Meeting, text: str, easy_read_text: str
) -> InformationPack:
    """The chair shares a version of the information; earlier versions are kept."""
    if meeting.chair_id != actor.pk:
        raise ValidationError("Only the chair can share the information")
    if meeting.status not in CAN_MOVE_OR_CANCEL:
        raise ValidationError("Information is shared before the meeting")
    for field, words in (("text", text), ("easy_read_text", easy_read_text)):
        if message := blaming_message(words):
            raise ValidationError({field: message})
    Meeting.objects.select_for_update().get(pk=meeting.pk)
    last = meeting.information_packs.aggregate(last=Max("version"))["last"] or 0
    pack = InformationPack(
        meeting=meeting,
        version=last + 1,
        text=text.replace("\r\n", "\n").strip(),
        easy_read_text=easy_read_text.replace("\r\n", "\n").strip(),
        shared_by=actor,
    )
    pack.full_clean()
    pack.save()
    # The checklist follows: shared in the portal (until they open it), and the information
    # offers a meeting with the chair, unless that step is further on.
    _preparation_add(
        actor=actor,
        meeting=meeting,
        step=PreparationStep.INFORMATION,
        state="portal",
        happened_on=timezone.localdate(),
        note=f"Version {pack.version}",
    )
    if _step_state_now(meeting, PreparationStep.MEET_CHAIR) in (None, "not_yet"):
        _preparation_add(
            actor=actor,
            meeting=meeting,
            step=PreparationStep.MEET_CHAIR,
            state="offered",
            happened_on=timezone.localdate(),
            note=f"Offered in the information shared, version {pack.version}",
        )
    notifications.young_person_told(
        kind=Kind.INFORMATION_SHARED, meeting=meeting, key=f"{Kind.INFORMATION_SHARED}:{pack.pk}"
    )
    return pack


def invitation_add(
    *, actor: User, meeting: Meeting, organisation: Organisation, role: str
) -> Invitation:
    """The chair invites an agency, by the role of who is coming."""
    if meeting.chair_id != actor.pk:
        raise ValidationError("Only the chair can invite agencies")
    if meeting.status not in CAN_MOVE_OR_CANCEL:
        raise ValidationError("Agencies are invited before the meeting")
    invitation = Invitation(
        meeting=meeting, organisation=organisation, role=role.strip(), invited_by=actor
    )
    invitation.full_clean()
    invitation.save()
    return invitation


@transaction.atomic
def agenda_item_move_up(*, actor: User, item: AgendaItem) -> None:
    """Swap an item with the one before it (one statement per row; order stays dense)."""
    if not meeting_can_prepare(user=actor, meeting=item.meeting):
        raise ValidationError("Only the chair and the case team can change the agenda")
    items = list(
        AgendaItem.objects.select_for_update()
        .filter(meeting=item.meeting)
        .order_by("position", "created_at")
    )
    index = next(i for i, other in enumerate(items) if other.pk == item.pk)
    if index == 0:
        return
    items[index - 1], items[index] = items[index], items[index - 1]
    for position, other in enumerate(items):
        if other.position != position:
            AgendaItem.objects.filter(pk=other.pk).update(
                position=position, version=F("version") + 1
            )


def information_mark_read(*, actor: User, meeting: Meeting) -> None:
    """The young person opened the shared information in the portal: the step says "read"."""
    if not meeting_is_their_own(user=actor, meeting=meeting):
        raise ValidationError("Only the young person can mark the information read")
    if _step_state_now(meeting, PreparationStep.INFORMATION) == "read":
        return
    _preparation_add(
        actor=actor,
        meeting=meeting,
        step=PreparationStep.INFORMATION,
        state="read",
        happened_on=timezone.localdate(),
        note="Opened in the portal",
    )


TAKING_PART_CHOICES = [
    pair for pair in STEP_STATES[PreparationStep.TAKING_PART] if pair[0] != "not_yet"
]


@transaction.atomic
def taking_part_choose(
    *, actor: User, meeting: Meeting, how: str, what_would_help: str
) -> PreparationRecord:
    """The young person says how they will take part, and what would help them feel respected."""
    _their_say_check(actor, meeting, "You can change this until the meeting starts")
    if how not in dict(TAKING_PART_CHOICES):
        raise ValidationError({"how": "Choose how you want to take part"})
    today = timezone.localdate()
    chosen = _preparation_add(
        actor=actor,
        meeting=meeting,
        step=PreparationStep.TAKING_PART,
        state=how,
        happened_on=today,
        note="Chosen in the portal",
    )
    if what_would_help.strip():
        _preparation_add(
            actor=actor,
            meeting=meeting,
            step=PreparationStep.RESPECTED,
            state="asked",
            happened_on=today,
            note=what_would_help,
        )
        request_open(
            young_person=meeting.young_person,
            kind=YoungPersonRequest.Kind.RESPECTED,
            meeting=meeting,
            their_words=what_would_help,
        )
    return chosen


CLOSING_WORDS = (
    "We have stopped holding meetings about you for now. Your worker will talk with you "
    "about what happens next."
)


def meetings_cancel_on_closing(*, actor: User, young_person: YoungPerson) -> int:
    """Cancel every meeting about the young person that has not happened yet, because their
    case is closing, telling them in plain words. Only `cases.services.case_close` calls
    this, after checking its power; returns how many were cancelled."""
    meetings = list(
        Meeting.objects.select_for_update().filter(
            young_person=young_person, status__in=CAN_MOVE_OR_CANCEL
        )
    )
    for meeting in meetings:
        _cancelled(meeting, actor, CLOSING_WORDS)
    return len(meetings)


NOT_INVITABLE = (
    "{name} cannot be invited: only people the young person wants at their meetings can be, "
    "and never someone who must not be told anything"
)


def meeting_person_invite(
    *, actor: User, meeting: Meeting, person: PersonWhoMatters
) -> PersonInvited:
    """Invite someone who matters to the young person, by name. Refused for anyone who must
    not be told anything, anyone the young person does not want invited, and anyone on
    another young person's record. Called by `meeting_schedule`, which checks its power."""
    if (
        person.young_person_id != meeting.young_person_id
        or person.must_not_be_told
        or person.meetings != PersonWhoMatters.Meetings.INVITED
    ):
        raise ValidationError({"people": NOT_INVITABLE.format(name=person.name)})
    return PersonInvited.objects.create(meeting=meeting, person=person, invited_by=actor)


@transaction.atomic
def chair_introduction_save(*, actor: User, first_name: str, about: str) -> ChairIntroduction:
    """A chair says who they are to the young people whose meetings they run: their own
    words, about themselves only."""
    if not (actor.is_active and actor.is_staff_member and actor.has_role(Role.CSE_LEAD)):
        raise ValidationError("Only a CSE lead, who chairs meetings, writes an introduction")
    introduction = ChairIntroduction.objects.filter(chair=actor).first() or ChairIntroduction(
        chair=actor
    )
    introduction.first_name = " ".join(first_name.split())
    introduction.about = about.strip()
    introduction.full_clean()
    introduction.save()
    return introduction


# What the young person asks for, with an owner and a promised reply ------------------------

# Matters for the chair; everything else goes to the lead professional.
CHAIR_MATTERS = {YoungPersonRequest.Kind.MEET_CHAIR, YoungPersonRequest.Kind.RESPECTED}


def working_days_after(day: date, days: int) -> date:
    """`days` working days (Monday to Friday) after `day`. Bank holidays are not known."""
    while days > 0:
        day += timedelta(days=1)
        if day.weekday() < 5:
            days -= 1
    return day


def _request_owner(young_person: YoungPerson, kind: str, meeting: Meeting | None) -> User | None:
    if kind in CHAIR_MATTERS and meeting is not None:
        return meeting.chair
    lead = (
        lead_professional_first(
            CaseTeamMembership.objects.in_force(timezone.localdate()).filter(
                young_person=young_person, user__is_active=True
            )
        )
        .select_related("user")
        .first()
    )
    if lead is not None:
        return lead.user
    return meeting.chair if meeting is not None else None


def request_open(
    *,
    young_person: YoungPerson,
    kind: str,
    meeting: Meeting | None = None,
    decision: Decision | None = None,
    their_words: str = "",
) -> YoungPersonRequest | None:
    """Give what the young person asked to a named person, who is told at once, in the same
    transaction as the save that caused it. None when nobody can own it (no case team and
    no meeting: a closed case)."""
    owner = _request_owner(young_person, kind, meeting)
    if owner is None:
        return None
    request = YoungPersonRequest.objects.create(
        young_person=young_person,
        meeting=meeting,
        decision=decision,
        kind=kind,
        their_words=their_words.strip(),
        owner=owner,
        reply_by=working_days_after(timezone.localdate(), settings.REQUEST_REPLY_WORKING_DAYS),
    )
    notifications.notify(
        kind=Kind.REQUEST_WAITING,
        recipients=[owner],
        key=f"{Kind.REQUEST_WAITING}:{request.pk}",
        meeting=meeting,
    )
    return request


ANSWER_REFUSED = "Only the person this was given to can answer it."


# The preparation step an answer moves on, and to which state: the checklist follows what
# happened with the young person, as the advocacy step follows advocacy's own events.
ANSWER_STEPS: dict[tuple[str, str], tuple[str, str]] = {
    (YoungPersonRequest.Kind.MEET_CHAIR, ""): (PreparationStep.MEET_CHAIR, "arranged"),
    (YoungPersonRequest.Kind.RESPECTED, YoungPersonRequest.Commitment.WILL_DO): (
        PreparationStep.RESPECTED,
        "agreed",
    ),
    (YoungPersonRequest.Kind.RESPECTED, YoungPersonRequest.Commitment.CANNOT): (
        PreparationStep.RESPECTED,
        "not_possible",
    ),
}


@transaction.atomic
def request_answer(
    *, actor: User, request: YoungPersonRequest, answer: str, commitment: str = ""
) -> YoungPersonRequest:
    """The owner answers, in words written for the young person, who is told in the portal.
    What would help them feel respected is answered "we will do this" or "we cannot", with
    the reason."""
    if not request_answer_allowed(actor=actor, owner=request.owner):
        raise ValidationError(ANSWER_REFUSED)
    request = YoungPersonRequest.objects.select_for_update().get(pk=request.pk)
    if request.answered_at is not None:
        raise ValidationError("This has already been answered")
    if request.kind == YoungPersonRequest.Kind.RESPECTED:
        if commitment not in YoungPersonRequest.Commitment.values:
            raise ValidationError({"commitment": "Choose whether you will do this"})
    elif commitment:
        raise ValidationError("Only what would help them feel respected is answered this way")
    answer = answer.strip()
    if not answer:
        raise ValidationError(
            {
                "answer": "Write why, in words for them"
                if commitment == YoungPersonRequest.Commitment.CANNOT
                else "Write your answer for the young person"
            }
        )
    if len(answer) > 2000:
        raise ValidationError({"answer": "Keep your answer to 2000 characters or fewer"})
    if message := blaming_message(answer):
        raise ValidationError({"answer": message})
    request.answer = answer
    request.commitment = commitment
    request.answered_by = actor
    request.answered_at = timezone.now()
    request.save(update_fields=["answer", "commitment", "answered_by", "answered_at"])
    step = ANSWER_STEPS.get((request.kind, commitment))
    if step is not None and request.meeting is not None:
        _preparation_add(
            actor=actor,
            meeting=request.meeting,
            step=step[0],
            state=step[1],
            happened_on=timezone.localdate(),
            note=answer,
        )
    _tell_them_it_is_answered(request)
    return request


def _tell_them_it_is_answered(request: YoungPersonRequest) -> None:
    portal_user = request.young_person.portal_user
    if portal_user is not None:
        notifications.notify(
            kind=Kind.REQUEST_ANSWERED,
            recipients=[portal_user],
            key=f"{Kind.REQUEST_ANSWERED}:{request.pk}",
            meeting=request.meeting,
        )


def request_answered_by_doing_it(
    *, actor: User, request: YoungPersonRequest, answer: str
) -> YoungPersonRequest:
    """What they asked for was done (a peer supporter matched): that is the answer, by
    whoever on the case team did it, and the young person is told in the portal. The caller
    holds the power to do it and has locked the request."""
    request.answer = answer
    request.answered_by = actor
    request.answered_at = timezone.now()
    request.save(update_fields=["answer", "answered_by", "answered_at"])
    _tell_them_it_is_answered(request)
    return request


CHAIR_MEETING_WAYS = [
    ("in_person", "In person"),
    ("phone_or_video", "By phone or video"),
    ("with_worker", "With my worker there"),
]


@transaction.atomic
def chair_meeting_ask(
    *, actor: User, meeting: Meeting, how: str, their_words: str
) -> YoungPersonRequest:
    """The young person asks to meet their meeting's chair before it; the chair answers
    with a time."""
    _their_say_check(actor, meeting, "You can ask to meet them until the meeting starts")
    ways = dict(CHAIR_MEETING_WAYS)
    if how not in ways:
        raise ValidationError({"how": "Choose how you would like to meet"})
    if len(their_words) > 1000:
        raise ValidationError({"their_words": "Keep this to 1000 characters or fewer"})
    waiting = meeting.requests.filter(
        kind=YoungPersonRequest.Kind.MEET_CHAIR, answered_at__isnull=True
    ).first()
    if waiting is not None:
        raise ValidationError(
            f"You have already asked. You will hear back by {waiting.reply_by:%A %-d %B}."
        )
    words = f"{ways[how]}. {their_words.strip()}".strip()
    _preparation_add(
        actor=actor,
        meeting=meeting,
        step=PreparationStep.MEET_CHAIR,
        state="accepted",
        happened_on=timezone.localdate(),
        note=f"Asked in the portal: {words}",
    )
    request = request_open(
        young_person=meeting.young_person,
        kind=YoungPersonRequest.Kind.MEET_CHAIR,
        meeting=meeting,
        their_words=words,
    )
    assert request is not None  # noqa: S101 - a meeting always has a chair to own it
    return request
