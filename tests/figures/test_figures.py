"""Participation figures for a CSE lead, under Lundy's four headings.

The rules these tests hold:

- Every figure counts exactly what its `counts` sentence says, over the meetings held in the
  period (scheduled in it, before now) and chaired in the lead's organisation or by the lead.
  Cancelled meetings, meetings chaired elsewhere, meetings outside the period and meetings
  not yet held are never counted. A hand-built data set with known answers checks every
  definition in `DEFINITIONS`; a new figure without an expected answer fails.
- The fewer-than-5 rule: a figure out of fewer than 5 young people says "fewer than 5 young
  people"; one out of 5 or more that counts 1 to 4 young people says "fewer than 5 of N".
  Young people are counted, not meetings. A suppressed count never reaches the page or the CSV.
- The period (month, quarter, year or two dates) and the chair narrow what is counted; bad
  filters answer 400 with a plain message and no figures.
- Only a CSE lead has figures; anyone else gets 404.
- The meetings behind a figure list only those the lead may open, with Yes/No for each.
- Every CSV download is one audit event ("export").
- "You said, we did": a CSE lead records a change, linked only to feedback they may open; it
  is shown on the figures page and to young people in the portal, with no one named.
- Each heading's trend is summed up in words: up, down, the same, or not enough to compare.
"""

import csv
import html as html_lib
import io
import itertools
import re
from datetime import date, datetime, time, timedelta
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from advocacy.models import AdvocacyEvent, Representation
from audit.models import AccessEvent
from collective import services as collective_services
from figures import services
from figures.models import ServiceChange
from figures.powers import service_change_allowed
from figures.selectors import DEFINITIONS, Period, participation_figures
from meetings.models import (
    AgendaItem,
    Decision,
    Feedback,
    GoalReview,
    InformationPack,
    Meeting,
    PreparationRecord,
    PreparationStep,
    YoungPersonRequest,
    YoungPersonViews,
)
from participation.models import Goal
from tests.factories import (
    AdvocateAssignmentFactory,
    AgendaItemFactory,
    CaseTeamMembershipFactory,
    MeetingFactory,
    OrganisationFactory,
    StaffFactory,
    YoungPersonAccountFactory,
    YoungPersonFactory,
)

pytestmark = pytest.mark.django_db

HELD = Meeting.Status.HELD
SHARED = Meeting.Status.OUTCOMES_SHARED
YP = AgendaItem.ProposedBy.YOUNG_PERSON
ADVOCATE = AgendaItem.ProposedBy.ADVOCATE
PROFESSIONAL = AgendaItem.ProposedBy.PROFESSIONAL
PRIVATE = AgendaItem.Visibility.PROFESSIONALS_ONLY
YES, NO, PARTLY = Feedback.Answer.YES, Feedback.Answer.NO, Feedback.Answer.PARTLY
LONDON = ZoneInfo("Europe/London")
REPLY_BY = date(2026, 7, 15)


# Building the facts of a meeting ------------------------------------------------------------


def _meeting(young_person, chair, at, status=HELD) -> Meeting:
    return MeetingFactory(young_person=young_person, chair=chair, scheduled_at=at, status=status)


def _pack(meeting: Meeting, days_before: float, version: int = 1) -> None:
    pack = InformationPack.objects.create(
        meeting=meeting,
        version=version,
        text="What the meeting is for",
        easy_read_text="What the meeting is for, simply",
        shared_by=meeting.chair,
    )
    InformationPack.objects.filter(pk=pack.pk).update(
        shared_at=meeting.scheduled_at - timedelta(days=days_before)
    )


def _step(meeting: Meeting, step: str, state: str, days_before: float = 3) -> None:
    record = PreparationRecord.objects.create(
        meeting=meeting,
        step=step,
        state=state,
        happened_on=timezone.localdate(),
        recorded_by=meeting.chair,
    )
    PreparationRecord.objects.filter(pk=record.pk).update(
        recorded_at=meeting.scheduled_at - timedelta(days=days_before)
    )


def _item(meeting: Meeting, proposed_by: str, private: bool = False) -> None:
    AgendaItemFactory(
        meeting=meeting,
        proposed_by=proposed_by,
        visibility=PRIVATE if private else AgendaItem.Visibility.SHARED,
    )


def _views(meeting: Meeting) -> None:
    YoungPersonViews.objects.create(
        meeting=meeting,
        text="I want to stay at my school",
        source=YoungPersonViews.Source.SPOKEN,
        recorded_by=meeting.chair,
    )


def _representation(meeting: Meeting) -> None:
    Representation.objects.create(
        meeting=meeting,
        assignment=AdvocateAssignmentFactory(young_person=meeting.young_person),
        text="These are their views",
    )


def _advocacy(meeting: Meeting, state: str, days_before: float) -> None:
    """An advocacy event for the meeting's young person, `days_before` the meeting (negative:
    after it)."""
    event = AdvocacyEvent.objects.create(
        young_person=meeting.young_person, state=state, recorded_by=meeting.chair
    )
    AdvocacyEvent.objects.filter(pk=event.pk).update(
        recorded_at=meeting.scheduled_at - timedelta(days=days_before)
    )


def _request(meeting: Meeting | None, young_person, owner, answered: str | None) -> None:
    """A request promised a reply by a day; `answered` is "early", "on the day" (23:30 that
    day, London time), "late" (00:30 the next day, London time) or None. The day is in
    British Summer Time, so "late" is still the promised day in UTC: the promise is kept or
    broken by the day in London."""
    reply_by = REPLY_BY
    answered_at = {
        None: None,
        "early": datetime.combine(reply_by - timedelta(days=2), time(10), tzinfo=LONDON),
        "on the day": datetime.combine(reply_by, time(23, 30), tzinfo=LONDON),
        "late": datetime.combine(reply_by + timedelta(days=1), time(0, 30), tzinfo=LONDON),
    }[answered]
    YoungPersonRequest.objects.create(
        young_person=young_person,
        meeting=meeting,
        kind=YoungPersonRequest.Kind.MEET_CHAIR,
        owner=owner,
        reply_by=reply_by,
        answer="We will" if answered else "",
        answered_by=owner if answered else None,
        answered_at=answered_at,
    )


def _decision(meeting: Meeting, explanation: str, response: str = "") -> None:
    Decision.objects.create(
        meeting=meeting,
        decision="Move school",
        reason="Closer to home",
        explanation_for_young_person=explanation,
        recorded_by=meeting.chair,
        young_person_response=response,
    )


def _goal_reviewed(meeting: Meeting) -> None:
    goal = Goal.objects.create(
        young_person=meeting.young_person, in_their_words="Go to college", added_by=meeting.chair
    )
    GoalReview.objects.create(
        meeting=meeting,
        goal=goal,
        where_it_stands="Going well",
        scale=6,
        recorded_by=meeting.chair,
    )


def _feedback(meeting: Meeting, listened: str, understood: str, better: str = "") -> Feedback:
    return Feedback.objects.create(
        meeting=meeting,
        felt_listened_to=listened,
        understood_decisions=understood,
        had_a_say=YES,
        what_would_make_it_better=better,
        recorded_by=meeting.chair,
    )


def _everything(meeting: Meeting) -> None:
    """Every fact a figure could count, so that counting this meeting by mistake shows."""
    _pack(meeting, 7)
    _step(meeting, PreparationStep.MEET_CHAIR, "held")
    _step(meeting, PreparationStep.TAKING_PART, "attend_with_someone")
    _item(meeting, YP)
    _item(meeting, PROFESSIONAL, private=True)
    _views(meeting)
    _representation(meeting)
    _advocacy(meeting, AdvocacyEvent.State.DECLINED, days_before=2)
    _request(meeting, meeting.young_person, meeting.chair, "early")
    _decision(meeting, "We will find you a new school", Decision.Response.DISAGREE)
    _goal_reviewed(meeting)
    _feedback(meeting, YES, YES)


def _custom(period: Period) -> dict[str, int | str]:
    """The address of a period chosen as two dates."""
    return {
        "period": "custom",
        "start_0": period.start.day,
        "start_1": period.start.month,
        "start_2": period.start.year,
        "end_0": period.end.day,
        "end_1": period.end.month,
        "end_2": period.end.year,
    }


def _figures(user, period: Period, **kwargs) -> dict[str, tuple[str, object]]:
    """Every figure by key, with the heading it sits under."""
    return {
        f.definition.key: (heading.key, f)
        for heading in participation_figures(user=user, period=period, **kwargs)
        for f in heading.figures
    }


def _text(cell: str) -> str:
    text = html_lib.unescape(re.sub(r"<[^>]+>", "", cell))
    text = text.replace(": the meetings behind this figure", "")
    return " ".join(text.split())


def _rows(page: str) -> list[list[str]]:
    """The rows of every table on a page, as text."""
    return [
        [_text(cell) for cell in re.findall(r"<t[hd](?:\s[^>]*)?>(.*?)</t[hd]>", row, re.S)]
        for row in re.findall(r'<tr class="govuk-table__row">(.*?)</tr>', page, re.S)
    ]


def _shown_on_page(page: str) -> dict[str, str]:
    """Each figure's label, as the page's figure tables show it, and what it shows."""
    labels = {d.label for d in DEFINITIONS}
    shown: dict[str, str] = {}
    for cells in _rows(page):
        if len(cells) == 3 and cells[0] in labels:
            assert cells[0] not in shown, f"{cells[0]} is shown twice"
            shown[cells[0]] = cells[2]
    return shown


def _label(key: str) -> str:
    return next(d.label for d in DEFINITIONS if d.key == key)


def _csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode())))


def _young_people(n: int, prefix: str) -> list:
    return [YoungPersonFactory(preferred_name=f"{prefix} {i}") for i in range(1, n + 1)]


# The hand-built data set --------------------------------------------------------------------


@pytest.fixture
def north():
    """Seven young people (P1 to P7), one meeting each (M1 to M7), held in the period and
    chaired in North: M1 to M5 by Nia, M6 and M7 by the lead. The lead is on P1's case team,
    so may open M1, M6 and M7, not M2 to M5. Beside them, meetings that must not count: one
    cancelled, one chaired in South, one before the period and one not yet held, each with
    every fact a figure could count.

    | | M1 | M2 | M3 | M4 | M5 | M6 | M7 |
    | status | shared | shared | shared | shared | shared | held | held |
    | first pack, days before | 7 (then 1) | 7 | 7 | 7 | 7 | 2 (then 1) | 5 exactly |
    | meet the chair | offered, held | offered | declined | accepted | arranged | not yet | - |
    | taking part (newest) | attend | attend | attend | attend | attend (was not this time) |
    |     | attend part | views passed on |
    | items (P = professionals only) | yp, pro P | adv, pro P | yp | adv, pro P | yp, pro P |
    |     | pro P, pro P | - |
    | views recorded | all seven |
    | advocate presented | | yes | | yes | | | |
    | advocacy by then | accepted | accepted | accepted | accepted (declined after) |
    |     | accepted | declined | offered (declined after) |
    | requests | 2 on time | on time | late | on time | on time, unanswered |
    |     | on the day | one not about a meeting |
    | decisions (explained, answer) | yes agree, yes talk | yes agree, yes - |
    |     | yes agree, blank disagree | yes agree | yes agree | yes talk, yes talk (held) | - |
    | goals reviewed | yes | yes | yes | | | | |
    | feedback (listened, understood) | yes yes | yes no | no yes | partly yes | | | |
    """
    north_org = OrganisationFactory(name="Northvale Children's Services")
    south_org = OrganisationFactory(name="Southvale Youth Service")
    lead = StaffFactory(role=Role.CSE_LEAD, organisation=north_org, full_name="Lee Lead")
    nia = StaffFactory(role=Role.PRACTITIONER, organisation=north_org, full_name="Nia Chair")
    south_chair = StaffFactory(role=Role.CSE_LEAD, organisation=south_org, full_name="Sol South")
    today = timezone.localdate()
    period = Period(today - timedelta(days=40), today + timedelta(days=10))
    now = timezone.now()
    people = _young_people(7, "Pupil")
    m = {}
    for i, person in enumerate(people, start=1):
        chair = nia if i <= 5 else lead
        status = SHARED if i <= 5 else HELD
        m[i] = _meeting(person, chair, now - timedelta(days=10 + 2 * i, hours=3), status)
    CaseTeamMembershipFactory(young_person=people[0], user=lead)

    # Information: the first version shared counts.
    _pack(m[1], 7)
    _pack(m[1], 1, version=2)
    for i in (2, 3, 4, 5):
        _pack(m[i], 7)
    _pack(m[6], 2)
    _pack(m[6], 1, version=2)
    _pack(m[7], 5)  # exactly the 5 days: in good time

    chair_step = PreparationStep.MEET_CHAIR
    _step(m[1], chair_step, "offered", days_before=10)
    _step(m[1], chair_step, "held", days_before=4)
    for i, state in ((2, "offered"), (3, "declined"), (4, "accepted"), (5, "arranged")):
        _step(m[i], chair_step, state)
    _step(m[6], chair_step, "not_yet")

    taking_part = PreparationStep.TAKING_PART
    for i in (1, 2, 3, 4):
        _step(m[i], taking_part, "attend")
    # Made first but recorded later: the newest by when it was recorded is the state.
    _step(m[5], taking_part, "attend", days_before=2)
    _step(m[5], taking_part, "not_this_time", days_before=8)
    _step(m[6], taking_part, "attend_part")
    _step(m[7], taking_part, "views_passed_on")

    _item(m[1], YP)
    _item(m[1], PROFESSIONAL, private=True)
    _item(m[2], ADVOCATE)
    _item(m[2], PROFESSIONAL, private=True)
    _item(m[3], YP)
    _item(m[4], ADVOCATE)
    _item(m[4], PROFESSIONAL, private=True)
    _item(m[5], YP)
    _item(m[5], PROFESSIONAL, private=True)
    _item(m[6], PROFESSIONAL, private=True)
    _item(m[6], PROFESSIONAL, private=True)

    for i in range(1, 8):
        _views(m[i])
    _representation(m[2])
    _representation(m[4])

    accepted, declined = AdvocacyEvent.State.ACCEPTED, AdvocacyEvent.State.DECLINED
    for i in (1, 2, 3, 4, 5):
        _advocacy(m[i], AdvocacyEvent.State.OFFERED, days_before=20)
        _advocacy(m[i], accepted, days_before=10)
    _advocacy(m[4], declined, days_before=-1)  # after the meeting: not "by then"
    _advocacy(m[6], AdvocacyEvent.State.OFFERED, days_before=20)
    _advocacy(m[6], declined, days_before=10)
    _advocacy(m[7], AdvocacyEvent.State.OFFERED, days_before=3)
    _advocacy(m[7], declined, days_before=-1)

    for i, answered in (
        (1, "early"),
        (1, "early"),
        (2, "early"),
        (3, "late"),
        (4, "early"),
        (5, "early"),
        (5, None),
        (6, "on the day"),
    ):
        _request(m[i], m[i].young_person, m[i].chair, answered)
    _request(None, people[6], lead, "early")  # not about a meeting

    explained = "We decided you will move school, because it is closer to home."
    agree, talk, disagree = (
        Decision.Response.AGREE,
        Decision.Response.TALK,
        Decision.Response.DISAGREE,
    )
    _decision(m[1], explained, agree)
    _decision(m[1], explained, talk)
    _decision(m[2], explained, agree)
    _decision(m[2], explained)
    _decision(m[3], explained, agree)
    _decision(m[3], "   \n ", disagree)  # blank: not explained
    _decision(m[4], explained, agree)
    _decision(m[5], explained, agree)
    _decision(m[6], explained, talk)  # held, outcomes not shared yet: not explained to them
    _decision(m[6], explained, talk)

    for i in (1, 2, 3):
        _goal_reviewed(m[i])

    feedback = {
        1: _feedback(m[1], YES, YES, better="Send the papers sooner"),
        2: _feedback(m[2], YES, NO, better="Smaller room please"),
        3: _feedback(m[3], NO, YES),
        4: _feedback(m[4], PARTLY, YES),
    }

    # Meetings that must not be counted, each with every fact.
    cancelled = _meeting(
        YoungPersonFactory(), lead, now - timedelta(days=15), Meeting.Status.CANCELLED
    )
    in_south_person = YoungPersonFactory()
    in_south = _meeting(in_south_person, south_chair, now - timedelta(days=16), SHARED)
    CaseTeamMembershipFactory(young_person=in_south_person, user=lead)  # the lead may open it
    before = _meeting(YoungPersonFactory(), lead, now - timedelta(days=50), SHARED)
    upcoming = _meeting(YoungPersonFactory(), lead, now + timedelta(days=3), Meeting.Status.READY)
    for meeting in (cancelled, in_south, before, upcoming):
        _everything(meeting)
    south_feedback = Feedback.objects.get(meeting=in_south)
    Feedback.objects.filter(pk=south_feedback.pk).update(what_would_make_it_better="More snacks")

    return SimpleNamespace(
        lead=lead,
        nia=nia,
        south_chair=south_chair,
        period=period,
        m=m,
        people=people,
        feedback=feedback,
        south_feedback=south_feedback,
        cancelled=cancelled,
        in_south=in_south,
        before=before,
        upcoming=upcoming,
    )


# (number, out_of, percent, shown, young people it is out of), by heading.
EXPECTED = {
    "space": {
        "information_early": (6, 7, 86, "6 of 7 (86%)", 7),
        "chair_offered": (5, 7, 71, "5 of 7 (71%)", 7),
        "chair_held": (None, 7, None, "fewer than 5 of 7", 7),
        "taking_part_attend": (5, 7, 71, "5 of 7 (71%)", 7),
        "taking_part_attend_part": (None, 7, None, "fewer than 5 of 7", 7),
        "taking_part_attend_with_someone": (0, 7, 0, "0 of 7 (0%)", 7),
        "taking_part_views_passed_on": (None, 7, None, "fewer than 5 of 7", 7),
        "taking_part_written_or_recorded": (0, 7, 0, "0 of 7 (0%)", 7),
        "taking_part_not_this_time": (0, 7, 0, "0 of 7 (0%)", 7),
    },
    "voice": {
        "own_item": (5, 7, 71, "5 of 7 (71%)", 7),
        "views_recorded": (7, 7, 100, "7 of 7 (100%)", 7),
        "advocate_spoke": (None, 7, None, "fewer than 5 of 7", 7),
        "advocacy_offered": (7, 7, 100, "7 of 7 (100%)", 7),
        "advocacy_accepted": (5, 7, 71, "5 of 7 (71%)", 7),
        "advocacy_declined": (None, 7, None, "fewer than 5 of 7", 7),
    },
    "audience": {
        "private_items": (6, 11, 55, "6 of 11 (55%)", 6),
        "requests_on_time": (6, 8, 75, "6 of 8 (75%)", 6),
    },
    "influence": {
        "decisions_explained": (7, 10, 70, "7 of 10 (70%)", 6),
        "response_agree": (5, 9, 56, "5 of 9 (56%)", 6),
        "response_talk": (None, 9, None, "fewer than 5 of 9", 6),
        "response_disagree": (None, 9, None, "fewer than 5 of 9", 6),
        "goals_reviewed": (None, 7, None, "fewer than 5 of 7", 7),
        "felt_listened_to": (None, None, None, "fewer than 5 young people", 4),
        "knew_what_next": (None, None, None, "fewer than 5 young people", 4),
    },
}


# 1. Every figure's definition ---------------------------------------------------------------


def test_every_figure_counts_what_it_says_on_a_hand_built_data_set(north):
    figures = _figures(north.lead, north.period)
    checked = set()
    for heading, expected in EXPECTED.items():
        for key, (number, out_of, percent, shown, young_people) in expected.items():
            under, figure = figures[key]
            got = (figure.number, figure.out_of, figure.percent, figure.shown)
            assert got == (number, out_of, percent, shown), key
            assert figure.young_people == young_people, key
            assert under == heading, key
            checked.add(key)
    assert checked == {d.key for d in DEFINITIONS} == set(figures)


def test_the_headings_come_in_lundys_order_with_the_figures_in_their_defined_order(north):
    headings = participation_figures(user=north.lead, period=north.period)
    assert [h.key for h in headings] == ["space", "voice", "audience", "influence"]
    assert [h.name for h in headings] == ["Space", "Voice", "Audience", "Influence"]
    assert [f.definition.key for h in headings for f in h.figures] == [d.key for d in DEFINITIONS]


def test_meetings_cancelled_chaired_elsewhere_outside_the_period_or_not_yet_held_are_not_counted(
    north,
):
    """The expected answers above leave out four meetings, each with every fact a figure could
    count. Put right the one thing that keeps each out, and it is counted."""
    now = timezone.now()
    figures = _figures(north.lead, north.period)
    assert figures["information_early"][1].young_people == 7
    assert figures["felt_listened_to"][1].young_people == 4
    for meeting, put_right in (
        (north.cancelled, {"status": HELD}),
        (north.in_south, {"chair": north.nia}),
        (north.before, {"scheduled_at": now - timedelta(days=20)}),
        (north.upcoming, {"scheduled_at": now - timedelta(hours=1)}),
    ):
        Meeting.objects.filter(pk=meeting.pk).update(**put_right)
        counted = _figures(north.lead, north.period)["information_early"][1]
        assert counted.young_people == counted.out_of == 8, meeting
        Meeting.objects.filter(pk=meeting.pk).update(
            **{field: getattr(meeting, field) for field in put_right}
        )
    assert _figures(north.lead, north.period)["information_early"][1].out_of == 7


def test_a_cancelled_meeting_put_back_counts_towards_every_figure(north):
    """With the cancelled meeting held after all, its facts count: its feedback makes 5 young
    people with feedback, so that figure is shown out of 5."""
    Meeting.objects.filter(pk=north.cancelled.pk).update(status=HELD)
    figures = _figures(north.lead, north.period)
    assert figures["information_early"][1].shown == "7 of 8 (88%)"
    assert figures["felt_listened_to"][1].shown == "fewer than 5 of 5"
    assert figures["taking_part_attend_with_someone"][1].shown == "fewer than 5 of 8"
    assert figures["private_items"][1].shown == "7 of 13 (54%)"


def test_the_meeting_before_the_period_counts_in_the_trend_not_in_the_period(north):
    headings = participation_figures(user=north.lead, period=north.period)
    space = next(h for h in headings if h.key == "space")
    assert space.trend[-1].period == north.period
    assert space.trend[-1].figure.out_of == 7
    earlier = space.trend[-2]
    assert earlier.period == north.period.before()
    # One young person in that period: too few to show, but counted there and only there.
    assert earlier.figure.young_people == 1
    assert earlier.figure.shown == "fewer than 5 young people"
    assert all(p.figure.young_people == 0 for p in space.trend[:-2])


def test_the_page_shows_every_figure_as_the_selector_gives_it(client, north):
    client.force_login(north.lead)
    response = client.get(reverse("figures:page"), _custom(north.period))
    assert response.status_code == 200
    page = response.content.decode()
    expected = {
        _label(key): shown
        for figures in EXPECTED.values()
        for key, (_n, _o, _p, shown, _y) in figures.items()
    }
    assert _shown_on_page(page) == expected
    assert str(north.period) in page
    assert "Meetings whose information was first shared with the young person at least 5 days" in (
        page
    )
    for person in north.people:
        assert person.preferred_name not in page


def test_information_days_can_be_chosen_and_change_what_is_in_good_time(client, north):
    client.force_login(north.lead)
    url = reverse("figures:page")
    label = _label("information_early")
    eight = client.get(url, {**_custom(north.period), "days": 8}).content.decode()
    assert _shown_on_page(eight)[label] == "0 of 7 (0%)"
    assert "at least 8 days before" in eight
    two = client.get(url, {**_custom(north.period), "days": 2}).content.decode()
    assert _shown_on_page(two)[label] == "7 of 7 (100%)"
    refused = client.get(url, {**_custom(north.period), "days": 0})
    assert refused.status_code == 400
    assert "Enter a number of days from 1 to 28" in refused.content.decode()
    assert label not in refused.content.decode()


# 2. The fewer-than-5 rule -------------------------------------------------------------------


@pytest.fixture
def lead():
    return StaffFactory(role=Role.CSE_LEAD, organisation=OrganisationFactory(name="Northvale"))


def _held_meetings(chair, people, *, days_ago: float = 10, early: bool) -> list[Meeting]:
    meetings = []
    for person in people:
        meeting = _meeting(person, chair, timezone.now() - timedelta(days=days_ago))
        _pack(meeting, 7 if early else 1)
        meetings.append(meeting)
    return meetings


def _last_30_days() -> Period:
    today = timezone.localdate()
    return Period(today - timedelta(days=29), today)


def test_a_figure_from_fewer_than_5_young_people_says_fewer_than_5(lead):
    people = _young_people(4, "Four")
    _held_meetings(lead, people, early=True)
    _held_meetings(lead, people, days_ago=12, early=True)  # 8 meetings, still 4 young people
    _key, figure = _figures(lead, _last_30_days())["information_early"]
    assert (figure.number, figure.out_of, figure.percent) == (None, None, None)
    assert figure.young_people == 4
    assert figure.shown == "fewer than 5 young people"


def test_a_figure_counting_1_to_4_of_5_or_more_young_people_says_fewer_than_5_of_n(lead):
    _held_meetings(lead, _young_people(4, "Early"), early=True)
    _held_meetings(lead, _young_people(2, "Late"), early=False)
    _key, figure = _figures(lead, _last_30_days())["information_early"]
    assert (figure.number, figure.out_of, figure.percent) == (None, 6, None)
    assert figure.shown == "fewer than 5 of 6"


def test_the_fewer_than_5_rule_counts_young_people_not_meetings(lead):
    """Four young people, each with two meetings in good time: 8 meetings, still fewer than 5."""
    early = _young_people(4, "Twice")
    _held_meetings(lead, early, early=True)
    _held_meetings(lead, early, days_ago=12, early=True)
    _held_meetings(lead, _young_people(3, "Late"), early=False)
    _key, figure = _figures(lead, _last_30_days())["information_early"]
    assert (figure.number, figure.out_of) == (None, 11)
    assert figure.shown == "fewer than 5 of 11"


def test_a_figure_counting_exactly_5_young_people_is_shown(lead):
    _held_meetings(lead, _young_people(5, "Early"), early=True)
    _held_meetings(lead, _young_people(1, "Late"), early=False)
    _key, figure = _figures(lead, _last_30_days())["information_early"]
    assert (figure.number, figure.out_of, figure.percent) == (5, 6, 83)
    assert figure.shown == "5 of 6 (83%)"


def test_a_figure_counting_no_one_of_5_or_more_shows_0_because_0_names_no_one(lead):
    _held_meetings(lead, _young_people(5, "Late"), early=False)
    _key, figure = _figures(lead, _last_30_days())["information_early"]
    assert (figure.number, figure.out_of, figure.percent) == (0, 5, 0)
    assert figure.shown == "0 of 5 (0%)"


def test_a_figure_with_nothing_to_count_says_none_to_count(lead):
    figures = _figures(lead, _last_30_days())
    assert {f.shown for _h, f in figures.values()} == {"none to count"}
    assert {(f.number, f.out_of, f.percent) for _h, f in figures.values()} == {(0, 0, None)}


def test_feedback_figures_count_only_yes_out_of_the_meetings_with_feedback(lead):
    """Seven young people gave feedback and one did not: "a bit" is not "yes"."""
    meetings = _held_meetings(lead, _young_people(8, "Said"), early=True)
    answers = [
        (YES, YES),
        (YES, YES),
        (YES, PARTLY),
        (YES, YES),
        (YES, YES),
        (PARTLY, YES),
        (NO, NO),
    ]
    for meeting, (listened, understood) in zip(meetings, answers, strict=False):
        _feedback(meeting, listened, understood)
    figures = _figures(lead, _last_30_days())
    assert figures["felt_listened_to"][1].shown == "5 of 7 (71%)"
    assert figures["knew_what_next"][1].shown == "5 of 7 (71%)"
    assert figures["felt_listened_to"][1].young_people == 7


def test_goals_reviewed_counts_the_meeting_they_were_reviewed_at_not_their_other_meetings(lead):
    people = _young_people(5, "Goals")
    first = _held_meetings(lead, people, days_ago=12, early=True)
    _held_meetings(lead, people, days_ago=10, early=True)
    for meeting in first:
        _goal_reviewed(meeting)
    assert _figures(lead, _last_30_days())["goals_reviewed"][1].shown == "5 of 10 (50%)"


@pytest.fixture
def suppressed(lead):
    """Six young people: 3 had information in good time (a count of fewer than 5), 4 gave
    feedback, all saying they felt listened to (out of fewer than 5)."""
    early = _held_meetings(lead, _young_people(3, "Early"), early=True)
    late = _held_meetings(lead, _young_people(3, "Late"), early=False)
    for meeting in (early + late)[:4]:
        _feedback(meeting, YES, YES)
    return lead


def test_a_suppressed_figure_never_shows_its_count_on_the_page(client, suppressed):
    client.force_login(suppressed)
    page = client.get(reverse("figures:page"), {"period": "month"}).content.decode()
    shown = _shown_on_page(page)
    assert shown[_label("information_early")] == "fewer than 5 of 6"
    assert shown[_label("felt_listened_to")] == "fewer than 5 young people"
    assert shown[_label("knew_what_next")] == "fewer than 5 young people"
    for count in ("3 of 6", "4 of 4", "(50%)", "(100%)"):
        assert count not in page
    # The trends' tables and charts say it too, never the number.
    month = Period(timezone.localdate() - timedelta(days=29), timezone.localdate())
    trend_rows = [cells for cells in _rows(page) if cells and cells[0] == str(month)]
    assert [cells[1] for cells in trend_rows] == [
        "fewer than 5 of 6",  # space: information in good time
        "0 of 6 (0%)",  # voice: an item of their own
        "none to count",  # audience: requests answered on time
        "fewer than 5 young people",  # influence: felt listened to
    ]
    bars = re.findall(r'font-weight="bold"[^>]*>([^<]*)</text>', page)
    assert bars.count("fewer than 5") == 2
    assert "50%" not in bars and "100%" not in bars
    # A figure out of fewer than 5 offers no list of meetings behind it.
    assert "?figure=felt_listened_to" not in page


def test_a_suppressed_figure_never_shows_its_count_in_the_csv(client, suppressed):
    client.force_login(suppressed)
    rows = _csv(client.get(reverse("figures:csv"), {"period": "month"}))
    month_start = (timezone.localdate() - timedelta(days=29)).isoformat()
    by_label = {row[1]: row for row in rows[1:] if row[3] == month_start}
    assert by_label[_label("information_early")][5:] == ["fewer than 5", "6", ""]
    assert by_label[_label("felt_listened_to")][5:] == ["fewer than 5", "fewer than 5", ""]
    assert by_label[_label("knew_what_next")][5:] == ["fewer than 5", "fewer than 5", ""]
    assert by_label[_label("views_recorded")][5:] == ["0", "6", "0"]


# 3. The period ------------------------------------------------------------------------------


@pytest.fixture
def over_time(lead):
    """Information in good time for 5 young people 10 days ago, 6 60 days ago, 7 200 days ago
    and 1 400 days ago."""
    for n, days_ago in ((5, 10), (6, 60), (7, 200), (1, 400)):
        _held_meetings(lead, _young_people(n, f"Ago {days_ago}"), days_ago=days_ago, early=True)
    return lead


@pytest.mark.parametrize(
    ("query", "shown"),
    [
        ({"period": "month"}, "5 of 5 (100%)"),
        ({"period": "quarter"}, "11 of 11 (100%)"),
        ({}, "11 of 11 (100%)"),  # the last 3 months unless chosen
        ({"period": "year"}, "18 of 18 (100%)"),
    ],
)
def test_the_period_chosen_decides_which_meetings_are_counted(client, over_time, query, shown):
    client.force_login(over_time)
    response = client.get(reverse("figures:page"), query)
    assert response.status_code == 200
    assert _shown_on_page(response.content.decode())[_label("information_early")] == shown


def test_a_period_of_two_chosen_dates_counts_the_meetings_between_them(client, over_time):
    today = timezone.localdate()
    period = Period(today - timedelta(days=70), today - timedelta(days=50))
    client.force_login(over_time)
    page = client.get(reverse("figures:page"), _custom(period)).content.decode()
    assert _shown_on_page(page)[_label("information_early")] == "6 of 6 (100%)"
    assert str(period) in page
    figure = _figures(over_time, period)["information_early"][1]
    assert figure.shown == "6 of 6 (100%)"


def test_a_month_counts_from_29_days_ago_to_today(client, over_time):
    today = timezone.localdate()
    client.force_login(over_time)
    page = client.get(reverse("figures:page"), {"period": "month"}).content.decode()
    assert str(Period(today - timedelta(days=29), today)) in page


def _refused_without_figures(response, message: str) -> None:
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert "Error: Participation figures" in page
    assert _label("information_early") not in page
    assert "Download these figures (CSV)" not in page


def test_a_custom_period_ending_before_it_starts_is_refused_with_a_message(client, over_time):
    client.force_login(over_time)
    query = {
        "period": "custom",
        **{"start_0": 10, "start_1": 3, "start_2": 2026},
        **{"end_0": 9, "end_1": 3, "end_2": 2026},
    }
    _refused_without_figures(
        client.get(reverse("figures:page"), query), "The end must be on or after the start"
    )


def test_an_impossible_date_is_refused_with_a_message(client, over_time):
    client.force_login(over_time)
    query = {
        "period": "custom",
        **{"start_0": 31, "start_1": 2, "start_2": 2026},
        **{"end_0": 30, "end_1": 3, "end_2": 2026},
    }
    _refused_without_figures(
        client.get(reverse("figures:page"), query), "Enter a real date for the start"
    )


def test_a_custom_period_without_its_dates_is_refused_with_a_message(client, over_time):
    client.force_login(over_time)
    response = client.get(reverse("figures:page"), {"period": "custom"})
    _refused_without_figures(response, "Enter the date the figures start from")
    assert "Enter the date the figures go up to" in response.content.decode()


def test_a_custom_period_longer_than_3_years_is_refused(client, over_time):
    client.force_login(over_time)
    query = {
        "period": "custom",
        **{"start_0": 1, "start_1": 1, "start_2": 2020},
        **{"end_0": 1, "end_1": 1, "end_2": 2026},
    }
    _refused_without_figures(
        client.get(reverse("figures:page"), query), "Choose a period of 3 years or less"
    )


def test_an_unknown_period_is_refused_with_a_message(client, over_time):
    client.force_login(over_time)
    _refused_without_figures(
        client.get(reverse("figures:page"), {"period": "fortnight"}),
        "Choose a period from the list",
    )


@pytest.mark.parametrize(
    ("start", "end"),
    [((1, 1, 1), (2, 1, 1)), ((1, 12, 9999), (31, 12, 9999))],
    ids=["year 1", "year 9999"],
)
def test_a_period_at_the_edge_of_the_calendar_is_refused_not_a_server_error(
    client, over_time, start, end
):
    """Real dates, but no trend can go back before year 1 or past year 9999: a plain 400."""
    client.force_login(over_time)
    query = {"period": "custom"}
    for name, (day, month, year) in (("start", start), ("end", end)):
        query |= {f"{name}_0": day, f"{name}_1": month, f"{name}_2": year}
    response = client.get(reverse("figures:page"), query)
    assert response.status_code == 400
    assert _label("information_early") not in response.content.decode()


# 4. The chair -------------------------------------------------------------------------------


def test_choosing_a_chair_counts_only_the_meetings_they_chaired(client, north):
    nia = _figures(north.lead, north.period, chair=north.nia)
    assert nia["information_early"][1].shown == "5 of 5 (100%)"
    assert nia["own_item"][1].shown == "5 of 5 (100%)"
    own = _figures(north.lead, north.period, chair=north.lead)
    assert own["information_early"][1].shown == "fewer than 5 young people"
    assert own["information_early"][1].young_people == 2
    client.force_login(north.lead)
    response = client.get(reverse("figures:page"), {**_custom(north.period), "chair": north.nia.pk})
    page = response.content.decode()
    assert response.status_code == 200
    assert _shown_on_page(page)[_label("information_early")] == "5 of 5 (100%)"
    assert "meetings chaired by Nia Chair" in page
    # The CSV link carries the chair.
    assert f"chair={north.nia.pk}" in page


def test_the_chairs_offered_are_those_chairing_in_scope(client, north):
    client.force_login(north.lead)
    page = client.get(reverse("figures:page")).content.decode()
    assert f'value="{north.nia.pk}"' in page
    assert f'value="{north.lead.pk}"' in page
    assert f'value="{north.south_chair.pk}"' not in page


def test_a_chair_from_another_organisation_is_refused(client, north):
    client.force_login(north.lead)
    for chair in (north.south_chair.pk, "not-a-person"):
        response = client.get(reverse("figures:page"), {**_custom(north.period), "chair": chair})
        _refused_without_figures(response, "Choose a chair from the list")


# 5. Scope -----------------------------------------------------------------------------------


def test_a_cse_lead_counts_only_their_own_organisations_meetings_and_their_own(client):
    north_org, south_org = OrganisationFactory(name="North"), OrganisationFactory(name="South")
    north_lead = StaffFactory(role=Role.CSE_LEAD, organisation=north_org)
    south_lead = StaffFactory(role=Role.CSE_LEAD, organisation=south_org)
    no_org_lead = StaffFactory(role=Role.CSE_LEAD, organisation=None)
    _held_meetings(StaffFactory(organisation=north_org), _young_people(5, "North"), early=True)
    _held_meetings(StaffFactory(organisation=south_org), _young_people(5, "South"), early=False)
    _held_meetings(south_lead, _young_people(1, "Own"), early=False)
    _held_meetings(no_org_lead, _young_people(7, "Roaming"), early=True)
    period = _last_30_days()
    assert _figures(north_lead, period)["information_early"][1].shown == "5 of 5 (100%)"
    assert _figures(south_lead, period)["information_early"][1].shown == "0 of 6 (0%)"
    assert _figures(no_org_lead, period)["information_early"][1].shown == "7 of 7 (100%)"
    client.force_login(south_lead)
    page = client.get(reverse("figures:page"), {"period": "month"}).content.decode()
    assert _shown_on_page(page)[_label("information_early")] == "0 of 6 (0%)"


@pytest.mark.parametrize("name", ["figures:page", "figures:meetings", "figures:csv"])
def test_anyone_but_a_cse_lead_gets_404_from_the_figures(client, north, name):
    practitioner = StaffFactory(role=Role.PRACTITIONER, organisation=north.lead.organisation)
    before = AccessEvent.objects.filter(action=AccessEvent.Action.EXPORT).count()
    client.force_login(practitioner)
    response = client.get(reverse(name), {"figure": "own_item", **_custom(north.period)})
    assert response.status_code == 404
    assert AccessEvent.objects.filter(action=AccessEvent.Action.EXPORT).count() == before
    # The same address works for the lead: the 404 is about who asks.
    client.force_login(north.lead)
    assert client.get(reverse(name), {"figure": "own_item"}).status_code == 200


def test_anyone_but_a_cse_lead_gets_404_from_recording_a_change(client, north):
    client.force_login(StaffFactory(role=Role.PRACTITIONER, organisation=north.lead.organisation))
    url = reverse("figures:change-add")
    assert client.get(url).status_code == 404
    assert client.post(url, {"you_said": "x", "we_did": "y"}).status_code == 404
    assert not ServiceChange.objects.exists()


# 6. The meetings behind a figure ------------------------------------------------------------


def _behind(page: str) -> dict[str, str]:
    """The meetings listed, by the address of each, with what each counts."""
    rows = {}
    for row in re.findall(r'<tr class="govuk-table__row">(.*?)</tr>', page, re.S):
        address = re.search(r'href="([^"]+)"', row)
        if address:
            cells = re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
            rows[address.group(1)] = _text(cells[-1])
    return rows


def _meeting_url(meeting: Meeting) -> str:
    return reverse("meetings:meeting", args=[meeting.pk])


def test_the_meetings_behind_a_figure_are_those_the_lead_may_open_with_yes_or_no(client, north):
    """The lead chairs M6 and M7 and is on P1's case team: M1, M6, M7. Not M2 to M5 (Nia's),
    nor the South meeting they may open, nor the cancelled, earlier or upcoming ones."""
    m = north.m
    client.force_login(north.lead)
    url = reverse("figures:meetings")
    response = client.get(url, {"figure": "information_early", **_custom(north.period)})
    assert response.status_code == 200
    page = response.content.decode()
    assert _behind(page) == {
        _meeting_url(m[1]): "Yes",
        _meeting_url(m[6]): "No",
        _meeting_url(m[7]): "Yes",
    }
    assert "Information shared in good time" in page
    assert "at least 5 days before" in page
    visible = set(Meeting.objects.visible_to(north.lead).values_list("pk", flat=True))
    assert {north.in_south.pk, north.cancelled.pk, north.before.pk} <= visible
    assert {m[i].pk for i in (2, 3, 4, 5)}.isdisjoint(visible)
    private = client.get(url, {"figure": "private_items", **_custom(north.period)})
    # M7 has no agenda items: the figure is not out of it, so it is not listed.
    assert _behind(private.content.decode()) == {
        _meeting_url(m[1]): "1 of 2",
        _meeting_url(m[6]): "2 of 2",
    }


def test_the_meetings_behind_a_figure_follow_the_chair_and_the_period_and_hide_a_small_count(
    client, north
):
    """Narrowed to the lead's own two meetings, or to the period before (one meeting), the
    figure is from fewer than 5 young people: the meetings are listed (the lead may open
    them) but what each counts is not shown, or the count could be read off the list."""
    client.force_login(north.lead)
    url = reverse("figures:meetings")
    chaired = client.get(
        url, {"figure": "own_item", "chair": north.lead.pk, **_custom(north.period)}
    )
    assert _behind(chaired.content.decode()) == {
        _meeting_url(north.m[6]): "Not shown",
        _meeting_url(north.m[7]): "Not shown",
    }
    assert "comes from fewer than 5 young people" in chaired.content.decode()
    earlier = north.period.before()
    before = client.get(url, {"figure": "own_item", **_custom(earlier)})
    assert _behind(before.content.decode()) == {_meeting_url(north.before): "Not shown"}


def test_the_meetings_behind_an_unknown_figure_are_404(client, north):
    client.force_login(north.lead)
    url = reverse("figures:meetings")
    assert client.get(url, {"figure": "shoe_size"}).status_code == 404
    assert client.get(url).status_code == 404
    bad_period = {"figure": "own_item", "period": "fortnight"}
    assert client.get(url, bad_period).status_code == 404


def test_the_figures_page_links_each_figure_to_its_meetings_with_the_filters(client, north):
    client.force_login(north.lead)
    page = client.get(reverse("figures:page"), {"period": "year"}).content.decode()
    assert f"{reverse('figures:meetings')}?figure=information_early&amp;period=year" in page


# 7. The CSV ---------------------------------------------------------------------------------


def test_each_csv_download_writes_one_export_event_and_has_a_row_for_each_figure(client, north):
    client.force_login(north.lead)
    before = AccessEvent.objects.count()
    response = client.get(reverse("figures:csv"), _custom(north.period))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="participation-figures-{north.period.start}-{north.period.end}.csv"'
    )
    assert AccessEvent.objects.count() == before + 1
    event = AccessEvent.objects.latest("at")
    assert (event.action, event.outcome, event.actor) == ("export", "allowed", north.lead)
    assert event.what == f"participation figures (CSV), {north.period}"

    rows = _csv(response)
    assert rows[0] == [
        "Heading",
        "Figure",
        "What it counts",
        "From",
        "To",
        "Number",
        "Out of",
        "Per cent",
    ]
    start, end = north.period.start.isoformat(), north.period.end.isoformat()
    in_period = [row for row in rows[1:] if row[3:5] == [start, end]]
    assert [row[1] for row in in_period] == [d.label for d in DEFINITIONS]
    names = {"space": "Space", "voice": "Voice", "audience": "Audience", "influence": "Influence"}
    for heading, figures in EXPECTED.items():
        for key, (number, out_of, percent, _shown, _y) in figures.items():
            row = next(r for r in in_period if r[1] == _label(key))
            assert row[0] == names[heading]
            assert row[2].endswith(" Chaired by: Anyone in the organisation.")
            assert row[5:] == [
                "fewer than 5" if number is None else str(number),
                "fewer than 5" if out_of is None else str(out_of),
                "" if percent is None else str(percent),
            ], key
    # And the five periods before, for each heading's trend figure.
    earlier = [row for row in rows[1:] if row[3:5] != [start, end]]
    assert len(earlier) == 4 * 5
    assert {row[1] for row in earlier} == {
        _label(k) for k in ("information_early", "own_item", "requests_on_time", "felt_listened_to")
    }


def test_the_csv_says_which_chair_it_counts(client, north):
    client.force_login(north.lead)
    rows = _csv(
        client.get(reverse("figures:csv"), {**_custom(north.period), "chair": north.nia.pk})
    )
    assert all(row[2].endswith(" Chaired by: Nia Chair.") for row in rows[1:])
    row = next(r for r in rows[1:] if r[1] == _label("information_early"))
    assert row[5:] == ["5", "5", "100"]


def test_a_csv_with_bad_filters_is_refused_and_writes_no_export_event(client, north):
    client.force_login(north.lead)
    before = AccessEvent.objects.filter(action=AccessEvent.Action.EXPORT).count()
    response = client.get(reverse("figures:csv"), {"period": "fortnight"})
    assert response.status_code == 400
    assert "Choose a period from the list" in response.content.decode()
    assert AccessEvent.objects.filter(action=AccessEvent.Action.EXPORT).count() == before


# 8. You said, we did ------------------------------------------------------------------------


def test_a_change_needs_both_what_they_said_and_what_was_done(client, north):
    client.force_login(north.lead)
    response = client.post(reverse("figures:change-add"), {"you_said": " ", "we_did": ""})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Write what young people said" in page
    assert "Write what was changed" in page
    assert not ServiceChange.objects.exists()


def test_a_change_can_link_only_feedback_from_meetings_the_lead_may_open(client, north):
    """M1's feedback: in scope and the lead may open it. M2's: in scope, but Nia's meeting.
    The South meeting's: the lead may open it, but it is not in their scope."""
    client.force_login(north.lead)
    url = reverse("figures:change-add")
    form = client.get(url).content.decode()
    assert "Send the papers sooner" in form
    assert "Smaller room please" not in form
    assert "More snacks" not in form
    for refused in (north.feedback[2], north.south_feedback):
        response = client.post(
            url, {"you_said": "Too late", "we_did": "Sooner", "feedback": [refused.pk]}
        )
        assert response.status_code == 400
        assert "Choose feedback from the list" in response.content.decode()
    assert not ServiceChange.objects.exists()
    with pytest.raises(ValidationError):
        services.service_change_record(
            actor=north.lead, you_said="Too late", we_did="Sooner", feedback=[north.feedback[2]]
        )
    assert not ServiceChange.objects.exists()


def test_a_recorded_change_shows_on_the_figures_page_and_to_young_people_unnamed(client, north):
    client.force_login(north.lead)
    response = client.post(
        reverse("figures:change-add"),
        {
            "you_said": "The papers came the night before",
            "we_did": "We now send them a week before",
            "feedback": [north.feedback[1].pk],
        },
    )
    assert response.status_code == 302
    assert response.url == reverse("figures:page")
    change = ServiceChange.objects.get()
    assert (change.organisation, change.recorded_by) == (north.lead.organisation, north.lead)
    assert list(change.feedback.all()) == [north.feedback[1]]
    page = client.get(reverse("figures:page")).content.decode()
    assert "The papers came the night before" in page
    assert "We now send them a week before" in page
    assert "Recorded by Lee Lead" in page
    assert "Answers 1 piece of feedback" in page

    someone = YoungPersonFactory(portal_user=YoungPersonAccountFactory())
    client.force_login(someone.portal_user)
    portal = client.get(reverse("portal:home"))
    assert portal.status_code == 200
    home = portal.content.decode()
    assert "The papers came the night before" in home
    assert "We now send them a week before" in home
    assert "Lee Lead" not in home
    assert "Northvale" not in home


def test_another_organisations_lead_does_not_see_the_change_on_their_figures(client, north):
    services.service_change_record(
        actor=north.lead, you_said="Too late", we_did="Sooner", feedback=[]
    )
    client.force_login(north.south_chair)
    page = client.get(reverse("figures:page")).content.decode()
    assert "None recorded yet." in page
    assert "Sooner" not in page


# 9. The trend in words ----------------------------------------------------------------------


def _two_periods(
    lead, before: tuple[int, int], now: tuple[int, int], *, earlier: tuple[int, int] = (0, 0)
) -> Period:
    """(in good time, not) young people in the 30 days before the last 30, then in the last 30
    (and, if given, in the 30 days before those)."""
    for (early, late), days_ago in ((earlier, 75), (before, 45), (now, 10)):
        _held_meetings(
            lead, _young_people(early, f"Early {days_ago}"), days_ago=days_ago, early=True
        )
        _held_meetings(
            lead, _young_people(late, f"Late {days_ago}"), days_ago=days_ago, early=False
        )
    return _last_30_days()


def _space(lead, period: Period):
    return next(h for h in participation_figures(user=lead, period=period) if h.key == "space")


def test_the_summary_says_up_when_the_headline_figure_rose(client, lead):
    period = _two_periods(lead, before=(5, 1), now=(5, 0))
    space = _space(lead, period)
    assert [p.figure.shown for p in space.trend[-2:]] == ["5 of 6 (83%)", "5 of 5 (100%)"]
    # The sentence may go on to say more; it must say this much, in these words.
    summary = "Information shared in good time: up from 83% to 100% this period"
    assert space.summary.startswith(summary)
    client.force_login(lead)
    assert summary in client.get(reverse("figures:page"), {"period": "month"}).content.decode()


def test_the_summary_compares_with_the_period_just_before_not_the_first(lead):
    period = _two_periods(lead, earlier=(5, 0), before=(5, 1), now=(5, 0))
    space = _space(lead, period)
    assert [p.figure.shown for p in space.trend[-3:]] == [
        "5 of 5 (100%)",
        "5 of 6 (83%)",
        "5 of 5 (100%)",
    ]
    assert space.summary.startswith(
        "Information shared in good time: up from 83% to 100% this period"
    )


def test_the_summary_says_down_when_the_headline_figure_fell(lead):
    period = _two_periods(lead, before=(5, 0), now=(5, 2))
    assert _space(lead, period).summary.startswith(
        "Information shared in good time: down from 100% to 71% this period"
    )


def test_the_summary_says_the_same_when_the_headline_figure_did_not_move(lead):
    period = _two_periods(lead, before=(5, 0), now=(6, 0))
    assert _space(lead, period).summary == (
        "Information shared in good time: 100% this period, the same as before."
    )


def test_the_summary_does_not_compare_when_this_period_is_too_few_to_show(lead):
    period = _two_periods(lead, before=(5, 0), now=(4, 0))
    assert _space(lead, period).summary == (
        "Information shared in good time: not enough young people in these periods to compare."
    )


def test_the_trend_covers_6_periods_of_the_same_length_ending_with_the_chosen_one(lead):
    period = _last_30_days()
    trend = _space(lead, period).trend
    assert len(trend) == 6
    assert trend[-1].period == period
    for earlier, later in itertools.pairwise(trend):
        assert later.period.start - earlier.period.end == timedelta(days=1)
        assert earlier.period.days == later.period.days == 30


# Cost --------------------------------------------------------------------------------------


def _figures_pages_queries(client, lead) -> list[int]:
    client.force_login(lead)
    counts = []
    for url in (
        reverse("figures:page"),
        reverse("figures:meetings") + "?figure=own_item",
        reverse("figures:csv"),
    ):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    return counts


def test_the_figures_pages_cost_the_same_queries_for_one_meeting_and_thirty(client, lead):
    chair = StaffFactory(role=Role.CSE_LEAD, organisation=lead.organisation)
    _held_meetings(lead, _young_people(1, "One"), early=True)
    few = _figures_pages_queries(client, lead)
    for meeting in _held_meetings(chair, _young_people(29, "Many"), early=False):
        AgendaItemFactory(meeting=meeting, proposed_by=YP)
        Feedback.objects.create(
            meeting=meeting,
            felt_listened_to=YES,
            understood_decisions=NO,
            had_a_say=YES,
            recorded_by=chair,
        )
    assert _figures_pages_queries(client, lead) == few


def _opportunity(actor, title: str):
    return collective_services.opportunity_create(
        actor=actor,
        kind="training",
        title=title,
        what_it_involves="Tell them what helps.",
        when_and_where="Two Saturdays",
        support_and_recognition="Travel paid",
        who_may_be_invited="14 to 19",
        what_could_go_wrong="Hard feelings",
        how_it_is_managed="Stop at any time",
        who_they_can_go_to="The participation worker",
    )


def test_a_change_can_say_it_came_from_an_opportunity_its_organisation_ran_and_no_other(
    client, north
):
    ours = _opportunity(north.lead, "Train the new police officers")
    theirs = _opportunity(north.south_chair, "Southern film project")
    client.force_login(north.lead)
    url = reverse("figures:change-add")
    form = client.get(url).content.decode()
    assert "Train the new police officers" in form
    assert "Southern film project" not in form
    refused = client.post(url, {"you_said": "Ask us", "we_did": "We did", "opportunity": theirs.pk})
    assert refused.status_code == 400
    assert "Choose an opportunity from the list" in refused.content.decode()
    with pytest.raises(ValidationError):
        services.service_change_record(
            actor=north.lead, you_said="Ask us", we_did="We did", feedback=[], opportunity=theirs
        )
    assert not ServiceChange.objects.exists()

    client.post(
        url,
        {
            "you_said": "Police did not know what helps",
            "we_did": "Young people now train every new officer",
            "opportunity": ours.pk,
        },
    )
    assert ServiceChange.objects.get().opportunity == ours
    page = client.get(reverse("figures:page")).content.decode()
    collective = page[page.index('id="heading-collective"') : page.index('id="you-said-we-did"')]
    changed = re.search(r"What changed because of it</th>.*?numeric\">(\d+)<", collective, re.S)
    assert changed is not None and changed.group(1) == "1"
    assert "It came from" in page
    assert reverse("collective:opportunity", args=[ours.pk]) in page


def test_a_change_from_no_opportunity_is_not_counted_under_collective(client, north):
    services.service_change_record(
        actor=north.lead, you_said="Too late", we_did="Sooner", feedback=[]
    )
    client.force_login(north.lead)
    page = client.get(reverse("figures:page")).content.decode()
    changed = re.search(r"What changed because of it</th>.*?numeric\">(\d+)<", page, re.S)
    assert changed is not None and changed.group(1) == "0"
    assert "It came from" not in page


def test_only_a_cse_lead_with_an_organisation_may_record_a_change_whatever_the_page_does(north):
    """The page is not there for anyone else (404); the rule itself refuses them too."""
    practitioner = StaffFactory(organisation=north.lead.organisation)
    lead_without_one = StaffFactory(role=Role.CSE_LEAD, organisation=None)
    assert service_change_allowed(actor=north.lead)
    for actor in (practitioner, lead_without_one):
        assert not service_change_allowed(actor=actor)
        with pytest.raises(ValidationError):
            services.service_change_record(actor=actor, you_said="a", we_did="b", feedback=[])
    assert not ServiceChange.objects.exists()
