"""Goals in the young person's words: they add and change them in the portal, the case team
adds them with them, steps are owned by them or someone on their team, nothing is deleted
(archived instead, every change kept), and goals come before any concern in the pack and
the information before a meeting."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from meetings.selectors import information_pack_draft
from participation import services
from participation.models import CaseTeamMembership, Goal, GoalChange, GoalStep
from tests.factories import (
    AgendaItemFactory,
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
        preferred_name="Robin",
        strengths_and_interests="Good at drawing",
        portal_user=YoungPersonAccountFactory(),
    )
    worker = CaseTeamMembershipFactory(
        young_person=young_person,
        user=StaffFactory(full_name="Sam Patel"),
        role=CaseTeamMembership.Role.LEAD_PROFESSIONAL,
    ).user
    return young_person, young_person.portal_user, worker


def test_robin_adds_changes_and_puts_away_a_goal_and_every_change_is_kept(client, robin):
    _young_person, account, _worker = robin
    client.force_login(account)
    add = reverse("portal:goal-add")
    empty = client.post(add, {"in_their_words": "  "})
    assert empty.status_code == 400 and "Write what you want to work towards" in (
        empty.content.decode()
    )
    client.post(add, {"in_their_words": "Go back to college", "who_helps": "Sam"})
    goal = Goal.objects.get()
    edit = reverse("portal:goal-edit", args=[goal.pk])
    change = {"who_helps": "Sam", "version": "1"}
    client.post(edit, {**change, "in_their_words": "Go back to college in September"})
    stale = client.post(edit, {**change, "in_their_words": "Something else"})
    assert stale.status_code == 400
    goal.refresh_from_db()
    assert goal.in_their_words == "Go back to college in September"
    [change] = GoalChange.objects.all()
    assert (change.before, change.after, change.changed_by) == (
        "Go back to college",
        "Go back to college in September",
        account,
    )
    client.post(edit, {"archive": "yes"})
    goal.refresh_from_db()
    assert goal.archived_at is not None and Goal.objects.count() == 1
    page = client.get(reverse("portal:goals")).content.decode()
    assert "Goals you have put away" in page and "Go back to college in September" in page
    refused = client.post(edit, {"in_their_words": "Again", "version": str(goal.version)})
    assert refused.status_code == 400 and "archived" in refused.content.decode()


def test_another_young_person_cannot_open_robins_goal(client, robin):
    young_person, account, _worker = robin
    goal = services.goal_add(
        actor=account, young_person=young_person, in_their_words="Mine", who_helps=""
    )
    client.force_login(YoungPersonFactory(portal_user=YoungPersonAccountFactory()).portal_user)
    url = reverse("portal:goal-edit", args=[goal.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"archive": "yes"}).status_code == 404
    goal.refresh_from_db()
    assert goal.archived_at is None


def test_the_worker_adds_a_goal_with_them_and_steps_owned_by_robin_or_the_team(client, robin):
    young_person, account, worker = robin
    client.force_login(worker)
    client.post(
        reverse("participation:goal-add", args=[young_person.pk]),
        {"in_their_words": "Go back to college", "who_helps": "Sam, and mum"},
    )
    goal = Goal.objects.get()
    step_url = reverse("participation:goal-step-add", args=[goal.pk])
    client.post(step_url, {"what": "look at courses", "owner": "young_person"})
    client.post(step_url, {"what": "ring the college", "owner": str(worker.pk)})
    stranger = StaffFactory()
    refused = client.post(step_url, {"what": "nothing", "owner": str(stranger.pk)})
    assert refused.status_code == 400
    steps = {step.what: step.owner for step in GoalStep.objects.all()}
    assert steps == {"look at courses": None, "ring the college": worker}
    record = client.get(reverse("participation:young-person", args=[young_person.pk]))
    assert "Robin: look at courses" in record.content.decode()
    client.force_login(account)
    portal = client.get(reverse("portal:goals")).content.decode()
    assert "You will look at courses" in portal and "Sam will ring the college" in portal
    with pytest.raises(ValidationError):
        services.goal_step_add(actor=account, goal=goal, what="x", owner=worker, due_on=None)


def test_goals_and_strengths_come_before_any_concern_in_the_pack_and_the_information(client, robin):
    young_person, account, worker = robin
    services.goal_add(
        actor=account, young_person=young_person, in_their_words="Go to college", who_helps=""
    )
    meeting = MeetingFactory(young_person=young_person)
    AgendaItemFactory(meeting=meeting, title="Worries about weekends")
    client.force_login(worker)
    pack = client.get(reverse("meetings:print-pack", args=[meeting.pk])).content.decode()
    assert pack.index("Go to college") < pack.index("Worries about weekends")
    assert pack.index("Good at drawing") < pack.index("Worries about weekends")
    text, easy_read = information_pack_draft(meeting=meeting)
    assert text.index("What you are working towards\n- Go to college") < text.index(
        "Why it is happening"
    )
    assert "What you are good at\nGood at drawing" in text
    assert "Your goals\n- Go to college" in easy_read


def test_the_goals_pages_cost_the_same_queries_with_one_and_thirty_goals(client, robin):
    young_person, account, worker = robin

    def add_goal(n):
        goal = Goal.objects.create(
            young_person=young_person, in_their_words=f"Goal {n}", added_by=account
        )
        GoalStep.objects.create(goal=goal, what="a step", owner=worker, added_by=worker)
        GoalStep.objects.create(
            goal=goal, what="mine", added_by=account, due_on=timezone.localdate() + timedelta(7)
        )

    def queries(user, url):
        client.force_login(user)
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    pages = [
        (account, reverse("portal:goals")),
        (worker, reverse("participation:young-person", args=[young_person.pk])),
    ]
    add_goal(0)
    one = [queries(user, url) for user, url in pages]
    for n in range(1, 30):
        add_goal(n)
    assert [queries(user, url) for user, url in pages] == one
