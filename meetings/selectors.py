import difflib
from dataclasses import dataclass
from datetime import date, timedelta
from uuid import UUID

from django.db.models import F, OuterRef, Prefetch, Q, Subquery
from django.http import Http404, HttpRequest
from django.utils import timezone

from accounts.models import User
from audit import services as audit
from participation.models import CaseTeamMembership, Goal, YoungPerson, YoungPersonQuerySet
from participation.selectors import case_team_for, goals_for, is_on_case_team

from .models import (
    CAN_MOVE_OR_CANCEL,
    GOALS_ITEM,
    SHARED_WITH_THEM,
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
    MeetingQuerySet,
    PersonInvited,
    PreparationRecord,
    PreparationStep,
    TheirWordsChange,
    YoungPersonRequest,
    YoungPersonViews,
    _advocated_young_people,
)


def with_next_meeting(young_people: YoungPersonQuerySet) -> YoungPersonQuerySet:
    """Annotate each young person's next meeting in the same query (no N+1)."""
    upcoming = (
        Meeting.objects.upcoming().filter(young_person=OuterRef("pk")).order_by("scheduled_at")
    )
    return young_people.annotate(
        next_meeting_id=Subquery(upcoming.values("pk")[:1]),
        next_meeting_at=Subquery(upcoming.values("scheduled_at")[:1]),
        next_meeting_type=Subquery(upcoming.values("meeting_type")[:1]),
    )


def young_people_on_case_team(*, user: User) -> YoungPersonQuerySet:
    """'My young people': those whose case team the user is on today, next meeting first."""
    memberships = CaseTeamMembership.objects.in_force(timezone.localdate()).filter(user=user)
    young_people = YoungPerson.objects.visible_to(user).filter(
        pk__in=memberships.values("young_person_id")
    )
    return with_next_meeting(young_people).order_by(
        F("next_meeting_at").asc(nulls_last=True), "preferred_name", "id"
    )


def meeting_figures() -> dict[str, int]:
    """Service-wide meeting counts for CSE leads: numbers only, never whose they are."""
    now = timezone.now()
    return {
        "with a meeting in the next 30 days": Meeting.objects.upcoming()
        .filter(scheduled_at__lt=now + timedelta(days=30))
        .values("young_person")
        .distinct()
        .count(),
        "meetings held in the last 90 days": Meeting.objects.filter(
            scheduled_at__range=(now - timedelta(days=90), now)
        )
        .exclude(status=Meeting.Status.CANCELLED)
        .count(),
    }


def meetings_chaired_upcoming(*, user: User) -> MeetingQuerySet:
    return (
        Meeting.objects.upcoming()
        .filter(chair=user)
        .select_related("young_person")
        .order_by("scheduled_at")
    )


def meetings_for_young_person(*, user: User, young_person: YoungPerson) -> MeetingQuerySet:
    return (
        Meeting.objects.visible_to(user)
        .filter(young_person=young_person)
        .select_related("chair__organisation")
        .order_by("-scheduled_at")
    )


def meeting_get_for_user(*, user: User, meeting_id: UUID) -> Meeting:
    """The meeting if this user may see it; 404 alike for missing and not yours."""
    try:
        return (
            Meeting.objects.visible_to(user)
            .select_related("young_person", "chair__organisation")
            .get(pk=meeting_id)
        )
    except Meeting.DoesNotExist:
        raise Http404 from None


def meeting_open(*, request: HttpRequest, meeting_id: UUID, what: str) -> Meeting:
    """A meeting for this user, with its access event: a change on POST, a view otherwise."""
    assert isinstance(request.user, User)  # noqa: S101 - views reach here signed in
    user = request.user
    return audit.opened(
        request=request,
        load=lambda: meeting_get_for_user(user=user, meeting_id=meeting_id),
        young_person_of=lambda meeting: meeting.young_person_id,
        requested_id=meeting_id,
        action=audit.Action.CHANGE if request.method == "POST" else audit.Action.VIEW,
        what=what,
    )


def meeting_is_their_own(*, user: User, meeting: Meeting) -> bool:
    """The young person the meeting is about, signed in to the portal."""
    return user.is_young_person and meeting.young_person.portal_user_id == user.pk


def meeting_is_advocated_by(*, user: User, meeting: Meeting) -> bool:
    """The young person's advocate, while their assignment is in force."""
    return _advocated_young_people(user).filter(pk=meeting.young_person_id).exists()


def meeting_can_record_their_words(*, user: User, meeting: Meeting) -> bool:
    """Their views, answers and feedback: written by the young person, or with them by staff."""
    return meeting_is_their_own(user=user, meeting=meeting) or meeting_can_prepare(
        user=user, meeting=meeting
    )


def meeting_open_for_their_say(*, meeting: Meeting) -> bool:
    """Before the meeting starts, the young person can still shape it."""
    return meeting.status in CAN_MOVE_OR_CANCEL and meeting.scheduled_at > timezone.now()


def agenda_for(*, user: User, meeting: Meeting) -> list[AgendaItem]:
    """The items of this meeting that this user may see, in agenda order."""
    return list(
        AgendaItem.objects.visible_to(user)
        .filter(meeting=meeting)
        .select_related("staff_note_by")
        .order_by("position", "created_at")
    )


def agenda_item_get_for_user(*, user: User, meeting: Meeting, item_id: UUID) -> AgendaItem:
    try:
        return AgendaItem.objects.visible_to(user).get(pk=item_id, meeting=meeting)
    except AgendaItem.DoesNotExist:
        raise Http404 from None


def goals_item_offered(*, meeting: Meeting) -> bool:
    """ "Your goals" can join the agenda once, before the meeting, when they have a goal."""
    return (
        meeting_open_for_their_say(meeting=meeting)
        and meeting.young_person.goals.filter(archived_at__isnull=True).exists()
        and not meeting.agenda_items.filter(title=GOALS_ITEM).exists()
    )


def goal_reviews_for(*, meeting: Meeting) -> list[GoalReview]:
    """Where each goal stood at this meeting, in their words and their number."""
    return list(meeting.goal_reviews.select_related("goal").order_by("goal__added_at"))


def goals_with_latest_review(*, young_person: YoungPerson) -> list[Goal]:
    """Their goals (as `goals_for`), each with `latest_review`: where it stood at the last
    meeting that reviewed it, or None. One query more than the goals."""
    goals = goals_for(young_person=young_person)
    latest: dict[UUID, GoalReview] = {}
    for review in (
        GoalReview.objects.filter(goal__young_person=young_person)
        .select_related("meeting")
        .order_by("goal_id", "-meeting__scheduled_at")
    ):
        latest.setdefault(review.goal_id, review)
    for goal in goals:
        goal.latest_review = latest.get(goal.pk)  # type: ignore[attr-defined]
    return goals


def meeting_can_prepare(*, user: User, meeting: Meeting) -> bool:
    """The chair and the case team prepare the meeting (and its agenda) with the young person."""
    return meeting.chair_id == user.pk or is_on_case_team(
        user=user, young_person=meeting.young_person
    )


@dataclass(frozen=True)
class ChecklistRow:
    step: str
    label: str
    done: bool
    state: str
    happened_on: date | None
    recorded_by: str
    recordable: bool  # False for steps the service works out itself (the agenda)


DUE_SOON_DAYS = 5


def preparation_steps(*, meeting: Meeting) -> dict[str, ChecklistRow]:
    """Each of the meeting's own preparation steps with its state now, in checklist order:
    two queries whatever the history. The advocacy step is advocacy's to add."""
    latest: dict[str, PreparationRecord] = {}
    for entry in meeting.preparation.select_related("recorded_by").order_by("-recorded_at"):
        latest.setdefault(entry.step, entry)
    young_persons_items = meeting.agenda_items.filter(
        proposed_by__in=[AgendaItem.ProposedBy.YOUNG_PERSON, AgendaItem.ProposedBy.ADVOCATE]
    ).count()
    rows: dict[str, ChecklistRow] = {}
    for step in PreparationStep:
        if step == PreparationStep.ADVOCACY:
            continue
        if step == PreparationStep.AGENDA:
            rows[step] = ChecklistRow(
                step=step,
                label=step.label,
                done=young_persons_items > 0,
                state=(
                    f"{young_persons_items} item(s) from the young person or their advocate"
                    if young_persons_items
                    else "No items from the young person yet"
                ),
                happened_on=None,
                recorded_by="",
                recordable=False,
            )
            continue
        record = latest.get(step)
        rows[step] = ChecklistRow(
            step=step,
            label=step.label,
            done=bool(record and record.is_done),
            state=record.state_label if record else STEP_STATES[step][0][1],
            happened_on=record.happened_on if record else None,
            recorded_by=record.recorded_by.name_on_records if record else "",
            recordable=True,
        )
    return rows


def their_choices(*, meeting: Meeting) -> dict[str, PreparationRecord]:
    """The newest record of the steps the young person chooses: how they take part, and what
    would help them feel respected in their words (not the answer to it); one query."""
    latest: dict[str, PreparationRecord] = {}
    records = meeting.preparation.filter(
        Q(step=PreparationStep.TAKING_PART) | Q(step=PreparationStep.RESPECTED, state="asked")
    ).order_by("-recorded_at")
    for record in records:
        latest.setdefault(record.step, record)
    return latest


@dataclass(frozen=True)
class HowTheyCome:
    """What the chair reads before starting: how the young person will take part, what would
    help them feel respected in their words, and what was agreed."""

    taking_part: str
    what_would_help: str
    answer: str


def how_they_come(*, meeting: Meeting, asked: list[YoungPersonRequest]) -> HowTheyCome:
    """From the step records and the requests the page already has (`asked`): one query."""
    choices = their_choices(meeting=meeting)
    taking_part = choices.get(PreparationStep.TAKING_PART)
    respected = choices.get(PreparationStep.RESPECTED)
    request = next(
        (r for r in reversed(asked) if r.kind == YoungPersonRequest.Kind.RESPECTED), None
    )
    words = respected.note if respected else ""
    answer = ""
    if request is not None and request.answered_at is not None:
        commitment = f"{request.get_commitment_display()}: " if request.commitment else ""
        answer = f"{commitment}{request.answer}"
    return HowTheyCome(
        taking_part=taking_part.state_label if taking_part else "Not decided yet",
        what_would_help=words,
        answer=answer,
    )


def preparation_due_soon(*, meeting: Meeting) -> bool:
    """Within a few days before the meeting, missing steps are shown as warnings; never once
    it has happened or been cancelled, when they can no longer be done."""
    return meeting.status in CAN_MOVE_OR_CANCEL and timedelta(
        0
    ) <= meeting.scheduled_at - timezone.now() <= timedelta(days=DUE_SOON_DAYS)


def their_words_changes(*, meeting: Meeting) -> list[TheirWordsChange]:
    """Each time staff changed the young person's words for this meeting, newest first: the
    earlier words and the reason. For their record's readers and for the young person."""
    return list(meeting.words_changes.select_related("changed_by").order_by("-changed_at"))


def meeting_changes(*, meeting: Meeting) -> list[MeetingChange]:
    return list(meeting.changes.select_related("changed_by").order_by("-changed_at"))


def young_person_views_for(*, user: User, meeting: Meeting) -> YoungPersonViews | None:
    return (
        YoungPersonViews.objects.visible_to(user)
        .select_related("recorded_by")
        .filter(meeting=meeting)
        .first()
    )


def decisions_for(*, user: User, meeting: Meeting) -> list[Decision]:
    """This meeting's decisions with their actions and owners: two queries however many."""
    return list(
        Decision.objects.visible_to(user)
        .filter(meeting=meeting)
        .select_related("goal")
        .prefetch_related(Prefetch("actions", queryset=Action.objects.select_related("owner")))
    )


def decision_get_for_user(*, user: User, meeting: Meeting, decision_id: UUID) -> Decision:
    try:
        return Decision.objects.visible_to(user).get(pk=decision_id, meeting=meeting)
    except Decision.DoesNotExist:
        raise Http404 from None


def feedback_for(*, user: User, meeting: Meeting) -> Feedback | None:
    """The young person's feedback: for staff who may see their record (not advocates)."""
    return (
        Feedback.objects.visible_to(user)
        .filter(meeting=meeting)
        .select_related("recorded_by")
        .first()
    )


def young_persons_agenda(*, meeting: Meeting) -> dict[str, list[str]]:
    """What the young person's own copy shows: shared items, and for the parts held without
    them only the plain explanations (never the professionals-only items themselves)."""
    items = list(
        meeting.agenda_items.order_by("position", "created_at").values_list(
            "title", "visibility", "explanation_for_young_person"
        )
    )
    return {
        "shared_items": [
            title for title, visibility, _ in items if visibility == AgendaItem.Visibility.SHARED
        ],
        "held_without_them": list(
            dict.fromkeys(
                explanation
                for _, visibility, explanation in items
                if visibility == AgendaItem.Visibility.PROFESSIONALS_ONLY
            )
        ),
    }


# Why the meeting happens, in words that never blame the young person.
PACK_WHY = (
    "People who work with you are worried about you and want to work out, with you, "
    "how to help you stay safe. This meeting is where they plan that together."
)
PACK_RIGHTS = (
    "You can come to the meeting, or to part of it. You can bring someone with you. "
    "You can have an advocate to help you say what you think. Your views will be heard."
)
PACK_EASY_RIGHTS = (
    "You can come.\nYou can bring someone.\nYou can have an advocate to help you.\n"
    "We will listen to you."
)
# Why some of the meeting may be held without them: never because of something they did.
PACK_HELD_WITHOUT_WHY = (
    "Sometimes part of a meeting is about other people, or about information we cannot "
    "share. That part is held without you. It is not because of something you did."
)
PACK_YOUR_SAY = (
    "Before the meeting you can add something you want to talk about, and write what you "
    "want the meeting to know, in Your say. The chair and the people who work with you will "
    "read what you write. Your advocate reads it only if you choose."
)
PACK_AFTERWARDS = (
    "After the meeting you will be told what was decided, and why, in Your say. If you are "
    "unhappy with how you were treated, you can complain. Your worker or your advocate will "
    "help you do that."
)
PACK_EASY_AFTERWARDS = (
    "We will tell you what we decided, and why.\nYou can complain if you are not happy. "
    "Your worker will help you."
)


def chair_introduction_for(*, chair: User) -> ChairIntroduction | None:
    return ChairIntroduction.objects.filter(chair=chair).first()


def chair_as_introduced(*, meeting: Meeting) -> tuple[str, str]:
    """The chair's first name and what they do, as they introduced themselves to young
    people; their first name alone if they have not."""
    introduction = chair_introduction_for(chair=meeting.chair)
    if introduction is None:
        return meeting.chair.first_name, ""
    return introduction.first_name, introduction.about


def _chair_lines(meeting: Meeting) -> tuple[str, str]:
    """Who runs the meeting, and the offer to meet them first."""
    name, about = chair_as_introduced(meeting=meeting)
    about = f" {about}" if about else ""
    return (
        f"{name} runs the meeting.{about} You can meet {name} before the meeting, if you "
        "want to: ask in Your say, or ask your worker.",
        f"{name} runs the meeting.\nYou can meet {name} first. Ask in Your say.",
    )


def information_pack_draft(*, meeting: Meeting) -> tuple[str, str]:
    """The pack as generated from the meeting: the chair edits it before sharing. Plain
    text, with real line breaks; `participation.wording` must find nothing blaming in it."""
    when = timezone.localtime(meeting.scheduled_at)
    day = f"{when:%A} {when.day} {when:%B} at {when:%H:%M}"
    who = sorted(
        {
            f"{m.get_role_display()} from {m.user.organisation}"
            if m.user.organisation
            else m.get_role_display()
            for m in case_team_for(young_person=meeting.young_person)
        }
        | {f"{i.role} from {i.organisation}" for i in invitations_for(meeting=meeting)}
    ) + [f"{p.person.name}, {p.person.relationship}" for p in people_invited_for(meeting=meeting)]
    agenda = young_persons_agenda(meeting=meeting)
    chair, easy_chair = _chair_lines(meeting)
    # Their strengths and goals come first, before anything the meeting is worried about.
    goals = "\n".join(
        f"- {goal.in_their_words}"
        for goal in goals_for(young_person=meeting.young_person)
        if goal.archived_at is None
    )
    strengths = meeting.young_person.strengths_and_interests.strip()
    theirs = (f"What you are good at\n{strengths}\n\n" if strengths else "") + (
        f"What you are working towards\n{goals}\n\n" if goals else ""
    )
    easy_theirs = f"Your goals\n{goals}\n\n" if goals else ""
    people = "\n".join(f"- {w}" for w in ["The chair, who runs the meeting", *who])
    topics = "\n".join(f"- {t}" for t in agenda["shared_items"]) or "- We will plan this with you."
    held = "\n".join(f"- {sentence}" for sentence in agenda["held_without_them"])
    held_part = f"Parts held without you\n{PACK_HELD_WITHOUT_WHY}\n{held}\n\n" if held else ""
    easy_held = "Some parts are without you.\nIt is not because of you.\n\n" if held else ""
    text = (
        f"Your meeting is on {day}, at {meeting.venue}.\n\n"
        f"{theirs}"
        f"Why it is happening\n{PACK_WHY}\n\n"
        f"Who runs it\n{chair}\n\n"
        f"Who will be there\n{people}\n\n"
        f"What we will talk about\n{topics}\n\n"
        f"{held_part}"
        f"Your say\n{PACK_YOUR_SAY}\n\n"
        f"Your rights\n{PACK_RIGHTS}\n\n"
        f"Afterwards\n{PACK_AFTERWARDS}"
    )
    easy_read = (
        f"Your meeting\n{day}\n{meeting.venue}\n\n"
        f"{easy_theirs}"
        "Why?\nPeople want to help you stay safe. We want to plan it with you.\n\n"
        f"Who runs it?\n{easy_chair}\n\n"
        f"Who?\n{people}\n\n"
        f"What about?\n{topics}\n\n"
        f"{easy_held}"
        "Your say\nAdd what you want to talk about.\nTell us what you think.\n\n"
        f"Your rights\n{PACK_EASY_RIGHTS}\n\n"
        f"Afterwards\n{PACK_EASY_AFTERWARDS}"
    )
    return text, easy_read


# The parts of the information that follow the meeting's facts (when and where, the chair,
# who is coming, the agenda). In a shared version only these are brought up to date; the
# rest stays as the chair wrote it.
PACK_FACT_SECTIONS = {
    "when",
    "What you are good at",
    "What you are working towards",
    "Your goals",
    "Who runs it",
    "Who will be there",
    "What we will talk about",
    "Parts held without you",
    "Your meeting",
    "Who runs it?",
    "Who?",
    "What about?",
    "Some parts are without you.",
}


def _pack_key(block: str) -> str:
    first = block.split("\n", 1)[0]
    return "when" if first.startswith("Your meeting is on ") else first


def _with_current_facts(shared: str, draft: str) -> str:
    """`shared` with each fact section replaced by the draft's, dropped if the draft has
    none, and added after the section it follows in the draft if it is new."""
    draft_blocks = draft.split("\n\n")
    current = {_pack_key(b): b for b in draft_blocks if _pack_key(b) in PACK_FACT_SECTIONS}
    blocks: list[str] = []
    for block in shared.replace("\r\n", "\n").split("\n\n"):
        key = _pack_key(block)
        if key not in PACK_FACT_SECTIONS:
            blocks.append(block)
        elif key in current:
            blocks.append(current.pop(key))
    for block in current.values():  # new since: after the section before it in the draft
        keys = [_pack_key(b) for b in blocks]
        before = draft_blocks[draft_blocks.index(block) - 1] if draft_blocks[0] != block else ""
        at = keys.index(_pack_key(before)) + 1 if _pack_key(before) in keys else len(blocks)
        blocks.insert(at, block)
    return "\n\n".join(blocks)


def _lines_changed(old: str, new: str) -> tuple[list[str], list[str]]:
    """The lines taken out of `old`, and the lines added in `new` (without the text's own
    "- " bullets: they are shown as a list)."""
    old_lines, new_lines = old.split("\n"), new.split("\n")
    removed: list[str] = []
    added: list[str] = []
    matcher = difflib.SequenceMatcher(a=old_lines, b=new_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            removed += [line.removeprefix("- ") for line in old_lines[i1:i2] if line.strip()]
            added += [line.removeprefix("- ") for line in new_lines[j1:j2] if line.strip()]
    return removed, added


@dataclass(frozen=True)
class PackUpdate:
    """The last shared version brought up to date with the meeting as it is now, and what
    that changes, line by line."""

    text: str
    easy_read_text: str
    removed: list[str]
    added: list[str]


def information_pack_update(*, meeting: Meeting, last: InformationPack) -> PackUpdate | None:
    """None when the shared version still says what the meeting is (about five queries)."""
    draft, easy_draft = information_pack_draft(meeting=meeting)
    text = _with_current_facts(last.text, draft)
    easy_read_text = _with_current_facts(last.easy_read_text, easy_draft)
    removed, added = _lines_changed(last.text.replace("\r\n", "\n"), text)
    easy_removed, easy_added = _lines_changed(
        last.easy_read_text.replace("\r\n", "\n"), easy_read_text
    )
    if not (removed or added or easy_removed or easy_added):
        return None
    return PackUpdate(
        text=text,
        easy_read_text=easy_read_text,
        removed=removed + [f"{line} (easy read)" for line in easy_removed],
        added=added + [f"{line} (easy read)" for line in easy_added],
    )


def information_outdated(*, meeting: Meeting) -> bool:
    """Whether the information last shared no longer says what the meeting is: the chair is
    asked to share it again, before the meeting."""
    if meeting.status not in CAN_MOVE_OR_CANCEL:
        return False
    last = meeting.information_packs.order_by("-version").first()
    return last is not None and information_pack_update(meeting=meeting, last=last) is not None


def information_packs(*, meeting: Meeting) -> list[InformationPack]:
    return list(meeting.information_packs.select_related("shared_by").order_by("-version"))


def people_invited_for(*, meeting: Meeting) -> list[PersonInvited]:
    """People who matter to the young person, invited by name; anyone since marked as not
    to be told anything is left out, whatever was recorded before."""
    return list(
        meeting.people_invited.filter(person__must_not_be_told=False).select_related("person")
    )


def invitations_for(*, meeting: Meeting) -> list[Invitation]:
    return list(meeting.invitations.select_related("organisation"))


# What young people asked, waiting for an answer -------------------------------------------


def working_days_between(start: date, end: date) -> int:
    """Working days (Monday to Friday) after `start`, up to and including `end`."""
    days, day = 0, start
    while day < end:
        day += timedelta(days=1)
        days += day.weekday() < 5
    return days


def requests_waiting_for(*, user: User) -> list[YoungPersonRequest]:
    """What young people are waiting for this person to answer, oldest first, each with the
    working days waited so far (`days_waited`)."""
    today = timezone.localdate()
    waiting = list(
        YoungPersonRequest.objects.filter(owner=user, answered_at__isnull=True)
        .select_related("young_person", "meeting")
        .order_by("opened_at", "id")[:50]
    )
    for request in waiting:
        request.days_waited = working_days_between(  # type: ignore[attr-defined]
            timezone.localdate(request.opened_at), today
        )
    return waiting


def request_open_for_user(
    *, request: HttpRequest, request_id: UUID, action: str = audit.Action.VIEW
) -> YoungPersonRequest:
    """A young person's request, for someone who may see their record (whether they may
    answer it is a power); 404 alike for missing and not theirs; one access event."""
    assert isinstance(request.user, User)  # noqa: S101 - views reach here signed in
    user = request.user

    def load() -> YoungPersonRequest:
        try:
            return YoungPersonRequest.objects.select_related(
                "young_person", "meeting", "decision", "owner"
            ).get(
                pk=request_id,
                young_person__in=YoungPerson.objects.visible_to(user).values("pk"),
            )
        except YoungPersonRequest.DoesNotExist:
            raise Http404 from None

    return audit.opened(
        request=request,
        load=load,
        young_person_of=lambda found: found.young_person_id,
        requested_id=request_id,
        action=action,
        what="young person's request",
    )


def requests_about_meeting(*, meeting: Meeting) -> list[YoungPersonRequest]:
    """What the young person asked or told us about this meeting, with each answer: for
    staff who may see their record (never an advocate's view of the meeting)."""
    return list(meeting.requests.select_related("owner", "answered_by").order_by("opened_at", "id"))


# You said, we did ---------------------------------------------------------------------------


@dataclass(frozen=True)
class NextStep:
    who: str
    what: str
    by: date


@dataclass(frozen=True)
class YouSaidWeDid:
    """What the young person sees of a meeting's outcomes: nothing until the chair shares
    them; then what they raised with what became of it, and each decision with its next
    steps as who, what and by when."""

    shared: bool
    their_items: list[AgendaItem]
    decisions: list[tuple[Decision, list[NextStep]]]


def you_said_we_did(
    *, meeting: Meeting, agenda: list[AgendaItem], decisions: list[Decision]
) -> YouSaidWeDid:
    """Built from the agenda and decisions the page already fetched (no query), so the
    portal and the staff page's "what the young person sees" cannot differ."""
    if meeting.status not in SHARED_WITH_THEM:
        return YouSaidWeDid(shared=False, their_items=[], decisions=[])
    you = meeting.young_person.portal_user_id
    return YouSaidWeDid(
        shared=True,
        their_items=[
            item
            for item in agenda
            if item.proposed_by != AgendaItem.ProposedBy.PROFESSIONAL
            and item.visibility == AgendaItem.Visibility.SHARED
        ],
        decisions=[
            (
                decision,
                [
                    NextStep(
                        who="You" if action.owner_id == you else action.owner.first_name,
                        what=action.description,
                        by=action.due_on,
                    )
                    for action in decision.actions.all()
                ],
            )
            for decision in decisions
        ],
    )
