"""Their goals at their meetings: "Your goals" can join the agenda (theirs or the team's
doing), the review records where each goal stands in their words and the number from 0 to
10 they chose, decisions can say which goal they serve, and steps are ticked off."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from meetings import services
from meetings.models import GOALS_ITEM, AgendaItem, Decision, GoalReview, Meeting
from participation import services as participation_services
from participation.models import CaseTeamMembership, Goal, GoalChange, GoalStep
from tests.factories import (
    CaseTeamMembershipFactory,
    MeetingFactory,
    StaffFactory,
    YoungPersonAccountFactory,
    YoungPersonFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def robin():
    young_person = YoungPersonFactory(
        preferred_name="Robin", portal_user=YoungPersonAccountFactory()
    )
    worker = CaseTeamMembershipFactory(
        young_person=young_person,
        user=StaffFactory(full_name="Sam Patel"),
        role=CaseTeamMembership.Role.LEAD_PROFESSIONAL,
    ).user
    goal = Goal.objects.create(
        young_person=young_person, in_their_words="Go back to college", added_by=worker
    )
    return young_person, worker, goal


def _held(meeting: Meeting) -> Meeting:
    Meeting.objects.filter(pk=meeting.pk).update(
        status=Meeting.Status.HELD, scheduled_at=timezone.now() - timedelta(hours=2)
    )
    meeting.refresh_from_db()
    return meeting


def test_robin_puts_your_goals_on_the_agenda_once_in_the_portal(client, robin):
    young_person, _worker, _goal = robin
    meeting = MeetingFactory(young_person=young_person)
    client.force_login(young_person.portal_user)
    page = client.get(reverse("portal:meeting", args=[meeting.pk])).content.decode()
    assert "Add my goals to the agenda" in page
    client.post(reverse("portal:agenda-goals", args=[meeting.pk]))
    item = AgendaItem.objects.get(meeting=meeting, title=GOALS_ITEM)
    assert item.proposed_by == AgendaItem.ProposedBy.YOUNG_PERSON
    assert item.visibility == AgendaItem.Visibility.SHARED
    again = client.post(reverse("portal:agenda-goals", args=[meeting.pk]), follow=True)
    assert AgendaItem.objects.filter(meeting=meeting, title=GOALS_ITEM).count() == 1
    assert "Goals can be added once" in again.content.decode()
    page = client.get(reverse("portal:meeting", args=[meeting.pk])).content.decode()
    assert "Add my goals to the agenda" not in page


def test_your_goals_is_not_offered_without_a_goal_in_hand_or_after_the_meeting(client, robin):
    young_person, worker, goal = robin
    meeting = MeetingFactory(young_person=young_person)
    participation_services.goal_archive(actor=worker, goal=goal)
    with pytest.raises(ValidationError):
        services.goals_agenda_item_add(actor=worker, meeting=meeting)
    Goal.objects.create(young_person=young_person, in_their_words="Learn to drive", added_by=worker)
    held = _held(MeetingFactory(young_person=young_person))
    with pytest.raises(ValidationError):
        services.goals_agenda_item_add(actor=young_person.portal_user, meeting=held)
    assert not AgendaItem.objects.filter(title=GOALS_ITEM).exists()


def test_the_case_team_adds_your_goals_as_a_professional_and_an_outsider_cannot(robin):
    young_person, worker, _goal = robin
    meeting = MeetingFactory(young_person=young_person)
    with pytest.raises(ValidationError):
        services.goals_agenda_item_add(actor=StaffFactory(), meeting=meeting)
    item = services.goals_agenda_item_add(actor=worker, meeting=meeting)
    assert item.proposed_by == AgendaItem.ProposedBy.PROFESSIONAL


def test_the_review_keeps_their_words_and_their_number_and_saving_again_replaces_it(client, robin):
    young_person, worker, goal = robin
    meeting = _held(MeetingFactory(young_person=young_person))
    client.force_login(worker)
    url = reverse("meetings:goal-review", args=[meeting.pk])
    half = client.post(url, {f"words_{goal.pk}": "Going OK", f"scale_{goal.pk}": ""})
    assert half.status_code == 400
    assert "Choose a number from 0 to 10, as they chose it" in half.content.decode()
    number_only = client.post(url, {f"words_{goal.pk}": "", f"scale_{goal.pk}": "4"})
    assert "Write where it stands, in their words" in number_only.content.decode()
    nothing = client.post(url, {f"words_{goal.pk}": "", f"scale_{goal.pk}": ""})
    assert "Write where at least one goal stands" in nothing.content.decode()
    too_big = client.post(url, {f"words_{goal.pk}": "Great", f"scale_{goal.pk}": "11"})
    assert too_big.status_code == 400
    assert not GoalReview.objects.exists()
    client.post(url, {f"words_{goal.pk}": "I've rung them", f"scale_{goal.pk}": "4"})
    client.post(url, {f"words_{goal.pk}": "I've got an interview", f"scale_{goal.pk}": "6"})
    review = GoalReview.objects.get()
    assert (review.where_it_stands, review.scale, review.recorded_by) == (
        "I've got an interview",
        6,
        worker,
    )
    page = client.get(reverse("meetings:meeting", args=[meeting.pk])).content.decode()
    assert "6 out of 10. In their words: “I&#x27;ve got an interview”" in page
    client.force_login(young_person.portal_user)
    mine = client.get(reverse("portal:goals")).content.decode()
    assert "you said: “I&#x27;ve got an interview” You gave it 6 out of 10." in mine


def test_goals_are_reviewed_only_once_the_meeting_is_held_and_only_their_own(robin):
    young_person, worker, goal = robin
    before = MeetingFactory(young_person=young_person)
    with pytest.raises(ValidationError, match="once the meeting has been held"):
        services.goal_reviews_record(actor=worker, meeting=before, reviews=[(goal, "OK", 5)])
    other_goal = Goal.objects.create(
        young_person=YoungPersonFactory(), in_their_words="Theirs", added_by=worker
    )
    held = _held(MeetingFactory(young_person=young_person))
    with pytest.raises(ValidationError, match="not theirs"):
        services.goal_reviews_record(actor=worker, meeting=held, reviews=[(other_goal, "OK", 5)])
    with pytest.raises(ValidationError):
        services.goal_reviews_record(actor=StaffFactory(), meeting=held, reviews=[(goal, "OK", 5)])
    assert not GoalReview.objects.exists()


def test_a_decision_says_which_goal_it_serves_and_robin_reads_it_in_the_portal(client, robin):
    young_person, worker, goal = robin
    meeting = _held(MeetingFactory(young_person=young_person))
    other_goal = Goal.objects.create(
        young_person=YoungPersonFactory(), in_their_words="Someone else's goal", added_by=worker
    )
    fields = {
        "actor": meeting.chair,
        "meeting": meeting,
        "decision": "Ask the college for a place",
        "reason": "Robin wants to go back",
        "explanation_for_young_person": "We will ask the college.",
        "action": "",
        "action_owner": None,
        "action_due_on": None,
    }
    with pytest.raises(ValidationError):
        services.decision_record(**fields, goal=other_goal)
    services.decision_record(**fields, goal=goal)
    assert Decision.objects.get().goal == goal
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.OUTCOMES_SHARED)
    client.force_login(young_person.portal_user)
    page = client.get(reverse("portal:meeting", args=[meeting.pk])).content.decode()
    assert "This is to help with your goal: “Go back to college”" in page


def test_the_chairs_decision_form_offers_only_their_goals_in_hand(client, robin):
    young_person, worker, _goal = robin
    Goal.objects.create(
        young_person=YoungPersonFactory(), in_their_words="Not Robin's", added_by=worker
    )
    meeting = _held(MeetingFactory(young_person=young_person))
    client.force_login(meeting.chair)
    url = reverse("meetings:decision-add", args=[meeting.pk])
    page = client.get(url).content.decode()
    assert "Go back to college" in page and "Not Robin" not in page


def test_robin_ticks_a_step_off_and_back_and_each_is_kept(client, robin):
    young_person, worker, goal = robin
    step = GoalStep.objects.create(goal=goal, what="Ring the college", added_by=worker)
    client.force_login(young_person.portal_user)
    url = reverse("portal:goal-step-done", args=[goal.pk, step.pk])
    assert client.get(url).status_code == 405
    client.post(url)
    step.refresh_from_db()
    assert step.done_at is not None
    assert "Done" in client.get(reverse("portal:goals")).content.decode()
    client.post(url)
    step.refresh_from_db()
    assert step.done_at is None
    assert list(GoalChange.objects.order_by("changed_at").values_list("field", flat=True)) == [
        "step done",
        "step not done",
    ]


def test_a_step_of_a_put_away_goal_cannot_be_ticked(robin):
    young_person, worker, goal = robin
    step = GoalStep.objects.create(goal=goal, what="Ring the college", added_by=worker)
    participation_services.goal_archive(actor=young_person.portal_user, goal=goal)
    with pytest.raises(ValidationError):
        participation_services.goal_step_done(actor=worker, step=step)
    step.refresh_from_db()
    assert step.done_at is None
