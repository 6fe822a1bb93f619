"""Participation figures under Lundy's four headings (space, voice, audience, influence), for
a CSE lead: the meetings chaired in their organisation, and those they chair themselves.

Every figure is defined once, as what it counts for one meeting (`Definition`); the page,
the trends, the CSV and the list of meetings behind a figure all read those definitions, so
they cannot disagree. Figures from fewer than 5 young people are not shown, so that no one
can be recognised from them."""

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from uuid import UUID

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from advocacy.models import AdvocacyEvent, Representation
from collective.models import Opportunity
from collective.selectors import collective_counts
from meetings.models import (
    SHARED_WITH_THEM,
    AgendaItem,
    Decision,
    Feedback,
    GoalReview,
    InformationPack,
    Meeting,
    MeetingQuerySet,
    PreparationRecord,
    PreparationStep,
    YoungPersonRequest,
    YoungPersonViews,
)

from .models import ServiceChange

# Below this many young people a figure is not shown, so that no one can be recognised.
FEWEST_SHOWN = 5
# How many periods a trend covers, the chosen one last.
TREND_PERIODS = 6
INFORMATION_DAYS_DEFAULT = 5

SPACE, VOICE, AUDIENCE, INFLUENCE = "space", "voice", "audience", "influence"
HEADINGS = {
    SPACE: ("Space", "Young people are given a safe, inclusive chance to take part."),
    VOICE: ("Voice", "Young people are helped to say what they think."),
    AUDIENCE: ("Audience", "What they say is heard by the people who decide."),
    INFLUENCE: ("Influence", "What they say is acted on, and they are told what happened."),
}


@dataclass
class MeetingFacts:
    """What one meeting in scope counts towards: the figures' only input."""

    meeting_id: UUID
    young_person_id: UUID
    scheduled_at: datetime
    first_shared_at: datetime | None = None
    chair_offered: bool = False
    chair_held: bool = False
    taking_part: str = ""
    advocate_spoke: bool = False
    own_item: bool = False
    views_recorded: bool = False
    advocacy_state: str = ""
    outcomes_shared: bool = False
    items: int = 0
    private_items: int = 0
    requests: int = 0
    requests_on_time: int = 0
    decisions: int = 0
    decisions_explained: int = 0
    responses: dict[str, int] = field(default_factory=dict)
    goals_reviewed: bool = False
    feedback: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Definition:
    key: str
    heading: str
    label: str
    counts: str  # what it counts, in a sentence, shown beside the figure
    number: Callable[[MeetingFacts, int], int]  # (facts, information days) -> how many
    out_of: Callable[[MeetingFacts], int]


def _information_early(facts: MeetingFacts, days: int) -> int:
    return int(
        facts.first_shared_at is not None
        and facts.first_shared_at <= facts.scheduled_at - timedelta(days=days)
    )


def _meetings(facts: MeetingFacts) -> int:
    return 1


def _with_feedback(facts: MeetingFacts) -> int:
    return int(bool(facts.feedback))


def _with_response(facts: MeetingFacts) -> int:
    return sum(facts.responses.values())


def _taking_part(state: str, label: str) -> Definition:
    return Definition(
        key=f"taking_part_{state}",
        heading=SPACE,
        label=label,
        counts=f"Meetings where the way they chose to take part was: {label.lower()}.",
        number=lambda f, _d: int(f.taking_part == state),
        out_of=_meetings,
    )


def _response(response: str, label: str) -> Definition:
    return Definition(
        key=f"response_{response}",
        heading=INFLUENCE,
        label=label,
        counts="Decisions the young person answered, by their answer.",
        number=lambda f, _d: f.responses.get(response, 0),
        out_of=_with_response,
    )


DEFINITIONS: list[Definition] = [
    Definition(
        key="information_early",
        heading=SPACE,
        label="Information shared in good time",
        counts="Meetings whose information was first shared with the young person at least "
        "{days} days before.",
        number=_information_early,
        out_of=_meetings,
    ),
    Definition(
        key="chair_offered",
        heading=SPACE,
        label="Offered a chance to meet the chair",
        counts="Meetings where meeting the chair beforehand was offered.",
        number=lambda f, _d: int(f.chair_offered),
        out_of=_meetings,
    ),
    Definition(
        key="chair_held",
        heading=SPACE,
        label="Met the chair beforehand",
        counts="Meetings where the young person met the chair before the meeting.",
        number=lambda f, _d: int(f.chair_held),
        out_of=_meetings,
    ),
    _taking_part("attend", "Came to the meeting"),
    _taking_part("attend_part", "Came to part of it"),
    _taking_part("attend_with_someone", "Came with someone"),
    _taking_part("views_passed_on", "Views passed on by a trusted person or advocate"),
    _taking_part("written_or_recorded", "Written or recorded views"),
    _taking_part("not_this_time", "Not taking part this time"),
    Definition(
        key="own_item",
        heading=VOICE,
        label="An item of their own on the agenda",
        counts="Meetings whose agenda had at least one item from the young person or their "
        "advocate.",
        number=lambda f, _d: int(f.own_item),
        out_of=_meetings,
    ),
    Definition(
        key="views_recorded",
        heading=VOICE,
        label="Their views recorded in their own words",
        counts="Meetings with the young person's views written down in their words.",
        number=lambda f, _d: int(f.views_recorded),
        out_of=_meetings,
    ),
    Definition(
        key="advocate_spoke",
        heading=VOICE,
        label="An advocate presented their views",
        counts="Meetings where an advocate presented the young person's views.",
        number=lambda f, _d: int(f.advocate_spoke),
        out_of=_meetings,
    ),
    Definition(
        key="advocacy_offered",
        heading=VOICE,
        label="Advocacy offered",
        counts="Meetings where advocacy had been offered to the young person before it.",
        number=lambda f, _d: int(bool(f.advocacy_state)),
        out_of=_meetings,
    ),
    Definition(
        key="advocacy_accepted",
        heading=VOICE,
        label="Advocacy accepted",
        counts="Meetings where, by then, the young person had accepted advocacy.",
        number=lambda f, _d: int(f.advocacy_state == AdvocacyEvent.State.ACCEPTED),
        out_of=_meetings,
    ),
    Definition(
        key="advocacy_declined",
        heading=VOICE,
        label="Advocacy declined",
        counts="Meetings where, by then, the young person had declined advocacy.",
        number=lambda f, _d: int(f.advocacy_state == AdvocacyEvent.State.DECLINED),
        out_of=_meetings,
    ),
    Definition(
        key="private_items",
        heading=AUDIENCE,
        label="Items held without them",
        counts="Agenda items marked professionals only, out of all agenda items.",
        number=lambda f, _d: f.private_items,
        out_of=lambda f: f.items,
    ),
    Definition(
        key="requests_on_time",
        heading=AUDIENCE,
        label="Their requests answered on time",
        counts="Requests the young person made about a meeting, answered by the date promised.",
        number=lambda f, _d: f.requests_on_time,
        out_of=lambda f: f.requests,
    ),
    Definition(
        key="decisions_explained",
        heading=INFLUENCE,
        label="Decisions explained to them",
        counts="Decisions with a plain explanation that has been shared with the young person.",
        number=lambda f, _d: f.decisions_explained,
        out_of=lambda f: f.decisions,
    ),
    _response(Decision.Response.AGREE, "They agreed"),
    _response(Decision.Response.TALK, "They wanted to talk about it"),
    _response(Decision.Response.DISAGREE, "They disagreed"),
    Definition(
        key="goals_reviewed",
        heading=INFLUENCE,
        label="Their goals reviewed",
        counts="Meetings where at least one of their goals was reviewed with them.",
        number=lambda f, _d: int(f.goals_reviewed),
        out_of=_meetings,
    ),
    Definition(
        key="felt_listened_to",
        heading=INFLUENCE,
        label="Felt listened to",
        counts="Meetings where the young person's feedback said they felt listened to, out "
        "of those with feedback.",
        number=lambda f, _d: int(f.feedback.get("felt_listened_to") == Feedback.Answer.YES),
        out_of=_with_feedback,
    ),
    Definition(
        key="knew_what_next",
        heading=INFLUENCE,
        label="Knew what would happen next",
        counts="Meetings where the young person's feedback said they understood what was "
        "decided, out of those with feedback.",
        number=lambda f, _d: int(f.feedback.get("understood_decisions") == Feedback.Answer.YES),
        out_of=_with_feedback,
    ),
]
BY_KEY = {definition.key: definition for definition in DEFINITIONS}
# The figure each heading's chart follows over time.
TREND_OF = {
    SPACE: "information_early",
    VOICE: "own_item",
    AUDIENCE: "requests_on_time",
    INFLUENCE: "felt_listened_to",
}


# Who and what -------------------------------------------------------------------------------


def figures_allowed(*, user: User) -> bool:
    return user.is_active and user.has_role(Role.CSE_LEAD)


def meetings_in_scope(*, user: User) -> MeetingQuerySet:
    """The meetings a CSE lead's figures count: chaired by someone in their organisation, or
    by them. Counts only: opening a meeting still needs `Meeting.visible_to`."""
    if not figures_allowed(user=user):
        return Meeting.objects.none()
    chaired = Q(chair=user)
    if user.organisation_id:
        chaired |= Q(chair__organisation_id=user.organisation_id)
    return Meeting.objects.filter(chaired).exclude(status=Meeting.Status.CANCELLED)


def chairs_in_scope(*, user: User) -> list[User]:
    """Whose meetings the figures can be narrowed to ("by team": by who chairs)."""
    chair_ids = meetings_in_scope(user=user).values("chair_id").distinct()
    return list(
        User.objects.filter(pk__in=chair_ids)
        .select_related("organisation")
        .order_by("full_name", "email")
    )


@dataclass(frozen=True)
class Period:
    start: date
    end: date  # the last day counted

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def before(self) -> "Period":
        return Period(self.start - timedelta(days=self.days), self.start - timedelta(days=1))

    def bounds(self) -> tuple[datetime, datetime]:
        zone = timezone.get_current_timezone()
        return (
            datetime.combine(self.start, time.min, tzinfo=zone),
            datetime.combine(self.end + timedelta(days=1), time.min, tzinfo=zone),
        )

    def __str__(self) -> str:
        if self.start.year == self.end.year:
            return f"{self.start:%-d %b} to {self.end:%-d %b %Y}"
        return f"{self.start:%-d %b %Y} to {self.end:%-d %b %Y}"


def periods_for_trend(period: Period) -> list[Period]:
    """The chosen period and the ones of the same length before it, oldest first."""
    periods = [period]
    for _ in range(TREND_PERIODS - 1):
        periods.append(periods[-1].before())
    return list(reversed(periods))


# The facts ---------------------------------------------------------------------------------


def meeting_facts(*, meetings: MeetingQuerySet, period: Period) -> list[MeetingFacts]:
    """One `MeetingFacts` for each meeting held in the period (scheduled in it, before now):
    a fixed number of queries however many meetings there are."""
    start, end = period.bounds()
    held = meetings.filter(scheduled_at__gte=start, scheduled_at__lt=min(end, timezone.now()))
    step = PreparationRecord.objects.filter(meeting=OuterRef("pk"))
    rows = held.annotate(
        first_shared=Subquery(
            InformationPack.objects.filter(meeting=OuterRef("pk"))
            .order_by("shared_at")
            .values("shared_at")[:1]
        ),
        chair_offered=Exists(step.filter(step=PreparationStep.MEET_CHAIR).exclude(state="not_yet")),
        chair_held=Exists(step.filter(step=PreparationStep.MEET_CHAIR, state="held")),
        taking_part=Subquery(
            step.filter(step=PreparationStep.TAKING_PART)
            .order_by("-recorded_at")
            .values("state")[:1]
        ),
        advocate_spoke=Exists(Representation.objects.filter(meeting=OuterRef("pk"))),
        own_item=Exists(
            AgendaItem.objects.filter(
                meeting=OuterRef("pk"),
                proposed_by__in=[
                    AgendaItem.ProposedBy.YOUNG_PERSON,
                    AgendaItem.ProposedBy.ADVOCATE,
                ],
            )
        ),
        views_recorded=Exists(YoungPersonViews.objects.filter(meeting=OuterRef("pk"))),
        advocacy_state=Subquery(
            AdvocacyEvent.objects.filter(
                young_person=OuterRef("young_person_id"),
                recorded_at__lt=OuterRef("scheduled_at"),
            )
            .order_by("-recorded_at")
            .values("state")[:1]
        ),
        goals_reviewed=Exists(GoalReview.objects.filter(meeting=OuterRef("pk"))),
    ).values_list(
        "pk",
        "young_person_id",
        "scheduled_at",
        "status",
        "first_shared",
        "chair_offered",
        "chair_held",
        "taking_part",
        "advocate_spoke",
        "own_item",
        "views_recorded",
        "advocacy_state",
        "goals_reviewed",
    )
    facts: dict[UUID, MeetingFacts] = {}
    for (
        pk,
        young_person_id,
        scheduled_at,
        status,
        first_shared,
        chair_offered,
        chair_held,
        taking_part,
        advocate_spoke,
        own_item,
        views_recorded,
        advocacy_state,
        goals_reviewed,
    ) in rows:
        facts[pk] = MeetingFacts(
            meeting_id=pk,
            young_person_id=young_person_id,
            scheduled_at=scheduled_at,
            first_shared_at=first_shared,
            chair_offered=chair_offered,
            chair_held=chair_held,
            taking_part=taking_part or "",
            advocate_spoke=advocate_spoke,
            own_item=own_item,
            views_recorded=views_recorded,
            advocacy_state=advocacy_state or "",
            outcomes_shared=status in SHARED_WITH_THEM,
            goals_reviewed=goals_reviewed,
        )
    ids = held.values("pk")
    for meeting_id, items, private in (
        AgendaItem.objects.filter(meeting__in=ids)
        .values("meeting_id")
        .annotate(
            n=Count("pk"),
            private=Count("pk", filter=Q(visibility=AgendaItem.Visibility.PROFESSIONALS_ONLY)),
        )
        .values_list("meeting_id", "n", "private")
    ):
        facts[meeting_id].items, facts[meeting_id].private_items = items, private
    for meeting_id, answered_by, reply_by in YoungPersonRequest.objects.filter(
        meeting__in=ids
    ).values_list("meeting_id", "answered_at", "reply_by"):
        facts[meeting_id].requests += 1
        on_time = answered_by is not None and timezone.localdate(answered_by) <= reply_by
        facts[meeting_id].requests_on_time += int(on_time)
    for meeting_id, explained, response in Decision.objects.filter(meeting__in=ids).values_list(
        "meeting_id", "explanation_for_young_person", "young_person_response"
    ):
        meeting = facts[meeting_id]
        meeting.decisions += 1
        meeting.decisions_explained += int(bool(explained.strip()) and meeting.outcomes_shared)
        if response:
            meeting.responses[response] = meeting.responses.get(response, 0) + 1
    for meeting_id, listened, understood in Feedback.objects.filter(meeting__in=ids).values_list(
        "meeting_id", "felt_listened_to", "understood_decisions"
    ):
        facts[meeting_id].feedback = {
            "felt_listened_to": listened,
            "understood_decisions": understood,
        }
    return list(facts.values())


# The figures -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Figure:
    definition: Definition
    counts: str
    number: int | None  # None: from fewer than 5 young people, so not shown
    out_of: int | None
    young_people: int

    @property
    def percent(self) -> int | None:
        if self.number is None or not self.out_of:
            return None
        return (200 * self.number + self.out_of) // (2 * self.out_of)  # half rounds up

    @property
    def shown(self) -> str:
        """The figure in words, as the page, the table and the CSV show it."""
        if self.out_of is None:
            return "fewer than 5 young people"
        if self.number is None:
            return f"fewer than 5 of {self.out_of}"
        if not self.out_of:
            return "none to count"
        return f"{self.number} of {self.out_of} ({self.percent}%)"


def figure(definition: Definition, facts: Iterable[MeetingFacts], days: int) -> Figure:
    """One figure over these meetings, with the fewer-than-5 rule applied: to the young people
    it is out of, and to the young people it counts."""
    number = out_of = 0
    counted: set[UUID] = set()
    among: set[UUID] = set()
    for meeting in facts:
        base = definition.out_of(meeting)
        if not base:
            continue
        among.add(meeting.young_person_id)
        out_of += base
        hits = definition.number(meeting, days)
        if hits:
            counted.add(meeting.young_person_id)
            number += hits
    counts = definition.counts.format(days=days)
    if 0 < len(among) < FEWEST_SHOWN:
        return Figure(definition, counts, None, None, len(among))
    if 0 < len(counted) < FEWEST_SHOWN:
        return Figure(definition, counts, None, out_of, len(among))
    return Figure(definition, counts, number, out_of, len(among))


@dataclass(frozen=True)
class TrendPoint:
    period: Period
    figure: Figure


@dataclass(frozen=True)
class Heading:
    key: str
    name: str
    about: str
    figures: list[Figure]
    trend_of: Definition
    trend: list[TrendPoint]

    @property
    def summary(self) -> str:
        """The trend in one sentence, for those who do not read charts."""
        shown = [p for p in self.trend if p.figure.percent is not None]
        if len(shown) < 2 or shown[-1] is not self.trend[-1]:
            return f"{self.trend_of.label}: not enough young people in these periods to compare."
        before, now = shown[-2].figure.percent, shown[-1].figure.percent
        if now == before:
            return f"{self.trend_of.label}: {now}% this period, the same as before."
        way = "up" if now > before else "down"  # type: ignore[operator]
        return f"{self.trend_of.label}: {way} from {before}% to {now}% this period."


def participation_figures(
    *, user: User, period: Period, chair: User | None = None, days: int = INFORMATION_DAYS_DEFAULT
) -> list[Heading]:
    """The four headings, each with its figures for the period and its trend over the periods
    before it. One set of queries for all of it."""
    periods = periods_for_trend(period)
    meetings = meetings_in_scope(user=user)
    if chair is not None:
        meetings = meetings.filter(chair=chair)
    facts = meeting_facts(meetings=meetings, period=Period(periods[0].start, period.end))
    by_period: dict[Period, list[MeetingFacts]] = defaultdict(list)
    bounds = {p: p.bounds() for p in periods}
    for meeting in facts:
        for p, (start, end) in bounds.items():
            if start <= meeting.scheduled_at < end:
                by_period[p].append(meeting)
                break
    headings = []
    for key, (name, about) in HEADINGS.items():
        trend_of = BY_KEY[TREND_OF[key]]
        headings.append(
            Heading(
                key=key,
                name=name,
                about=about,
                figures=[
                    figure(d, by_period[period], days) for d in DEFINITIONS if d.heading == key
                ],
                trend_of=trend_of,
                trend=[TrendPoint(p, figure(trend_of, by_period[p], days)) for p in periods],
            )
        )
    return headings


@dataclass(frozen=True)
class MeetingBehind:
    meeting: Meeting
    counted: int | None  # None where the figure is from fewer than 5 young people
    out_of: int


def meetings_behind(
    *,
    user: User,
    definition: Definition,
    period: Period,
    chair: User | None = None,
    days: int = INFORMATION_DAYS_DEFAULT,
) -> list[MeetingBehind]:
    """The meetings a figure is out of, with what each counts, limited to those this user may
    open (`Meeting.visible_to`): a figure counts more than its reader may see."""
    meetings = meetings_in_scope(user=user)
    if chair is not None:
        meetings = meetings.filter(chair=chair)
    all_facts = meeting_facts(meetings=meetings, period=period)
    # Where the figure itself is not shown (fewer than 5), neither is what each meeting counts.
    hidden = figure(definition, all_facts, days).number is None
    facts = {f.meeting_id: f for f in all_facts if definition.out_of(f)}
    openable = (
        Meeting.objects.visible_to(user)
        .filter(pk__in=list(facts))
        .select_related("young_person", "chair")
        .order_by("-scheduled_at")
    )
    return [
        MeetingBehind(
            meeting=meeting,
            counted=None if hidden else definition.number(facts[meeting.pk], days),
            out_of=definition.out_of(facts[meeting.pk]),
        )
        for meeting in openable
    ]


# Collective participation ------------------------------------------------------------------


def fewer_than_5(young_people: int) -> str:
    """A count of young people, as the figures show it: never 1 to 4."""
    return "fewer than 5" if 0 < young_people < FEWEST_SHOWN else str(young_people)


def collective_figures(*, user: User, period: Period) -> list[tuple[str, str, str]]:
    """Collective participation run by the lead's organisation in the period: (figure, what
    it counts, how many), young people counted under the fewer-than-5 rule."""
    organisation_id = user.organisation_id if figures_allowed(user=user) else None
    counts = collective_counts(organisation_id=organisation_id, start=period.start, end=period.end)
    kinds = "; ".join(f"{kind}: {n}" for kind, n in counts.kinds) or "none"
    start, end = period.bounds()
    changes = (
        0
        if organisation_id is None
        else ServiceChange.objects.filter(
            organisation_id=organisation_id,
            opportunity__isnull=False,
            recorded_at__gte=start,
            recorded_at__lt=end,
        ).count()
    )
    return [
        (
            "Opportunities run",
            "Opportunities your organisation created in the period, or held a session of.",
            f"{counts.opportunities} ({kinds})",
        ),
        (
            "Young people offered one",
            "Young people offered an opportunity in the period, by their case team.",
            fewer_than_5(counts.young_people_offered),
        ),
        (
            "Young people involved",
            "Young people who took part in at least one session in the period.",
            fewer_than_5(counts.young_people_involved),
        ),
        ("Sessions", "Sessions young people took part in, in the period.", str(counts.sessions)),
        (
            "What changed because of it",
            "Changes recorded in the period as coming from an opportunity, listed under "
            "You said, we did.",
            str(changes),
        ),
    ]


# "You said, we did" for the service -----------------------------------------------------------


def opportunities_linkable(*, user: User) -> QuerySet[Opportunity]:
    """The opportunities a CSE lead's organisation ran: a change may say it came from one."""
    if not figures_allowed(user=user) or not user.organisation_id:
        return Opportunity.objects.none()
    return Opportunity.objects.filter(organisation_id=user.organisation_id)


def service_changes_for(*, user: User) -> list[ServiceChange]:
    """The changes a CSE lead's organisation recorded, newest first."""
    if not figures_allowed(user=user) or not user.organisation_id:
        return []
    return list(
        ServiceChange.objects.filter(organisation_id=user.organisation_id)
        .select_related("recorded_by", "opportunity")
        .annotate(feedback_count=Count("feedback"))
    )


def service_changes_recent(*, limit: int = 3) -> list[ServiceChange]:
    """The service's newest changes, for young people to read: no one is named in them."""
    return list(ServiceChange.objects.order_by("-recorded_at")[:limit])


def feedback_linkable(*, user: User) -> QuerySet[Feedback]:
    """Feedback a change can be linked to: on meetings in this lead's scope that they may
    open, where the young person said what would make it better."""
    return (
        Feedback.objects.filter(meeting__in=meetings_in_scope(user=user).values("pk"))
        .filter(meeting__in=Meeting.objects.visible_to(user).values("pk"))
        .exclude(what_would_make_it_better="")
    )


# How far back the feedback offered for linking goes, and how much of it.
FEEDBACK_OFFERED_DAYS = 365
FEEDBACK_OFFERED = 50


def feedback_to_link(*, user: User) -> list[Feedback]:
    """The newest linkable feedback, for the form: their words and the date, never whose."""
    since = timezone.now() - timedelta(days=FEEDBACK_OFFERED_DAYS)
    return list(
        feedback_linkable(user=user)
        .filter(recorded_at__gte=since)
        .select_related("meeting")
        .order_by("-meeting__scheduled_at")[:FEEDBACK_OFFERED]
    )
