from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from meetings.models import Action, Decision, Meeting
from tests.factories import CaseTeamMembershipFactory, MeetingFactory, StaffFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def held(client):
    membership = CaseTeamMembershipFactory()
    meeting = MeetingFactory(young_person=membership.young_person, status=Meeting.Status.HELD)
    client.force_login(meeting.chair)
    return meeting, membership.user


def _decide(client, meeting, **overrides):
    due = timezone.localdate() + timedelta(days=14)
    data = {
        "decision": "Ask the family court about weekend stays",
        "reason": "The case team agree it is safer",
        "explanation_for_young_person": "You said you feel safer at your nan's. We will ask.",
        "action": "Write to the court",
        "action_owner": "",
        "action_due_on_0": due.day,
        "action_due_on_1": due.month,
        "action_due_on_2": due.year,
    }
    data.update(overrides)
    return client.post(reverse("meetings:decision-add", args=[meeting.pk]), data, follow=True)


def test_chair_records_a_decision_with_its_reason_explanation_and_an_action(client, held):
    meeting, worker = held
    html = _decide(client, meeting, action_owner=str(worker.pk)).content.decode()
    decision = Decision.objects.get()
    assert "Decision recorded" in html
    assert "You said you feel safer at your nan&#x27;s. We will ask." in html
    [action] = Action.objects.all()
    assert (action.decision, action.owner) == (decision, worker)


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"decision": ""}, "Enter what was decided"),
        ({"explanation_for_young_person": ""}, "Write what the young person is told"),
        ({"reason": "x" * 2001}, "2,000 characters or fewer"),
        ({}, "Give the action an owner and a due date"),
        ({"action_due_on_0": "31", "action_due_on_1": "2"}, "The due date must be a real date"),
    ],
)
def test_bad_decision_input_gets_a_clear_error_and_saves_nothing(client, held, overrides, message):
    meeting, _worker = held
    response = _decide(client, meeting, **overrides)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Decision.objects.exists() and not Action.objects.exists()


def test_decisions_wait_until_the_meeting_has_been_held(client, held):
    meeting, worker = held
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.READY)
    response = _decide(client, meeting, action_owner=str(worker.pk))
    assert response.status_code == 400
    assert "once the meeting has been held" in response.content.decode()


def test_only_the_chair_records_decisions(client, held):
    meeting, worker = held
    client.force_login(worker)
    assert _decide(client, meeting, action_owner=str(worker.pk)).status_code == 404
    assert not Decision.objects.exists()


def test_case_team_records_the_young_persons_response(client, held):
    meeting, worker = held
    _decide(client, meeting, action="")
    decision = Decision.objects.get()
    client.force_login(worker)
    url = reverse("meetings:decision-response", args=[meeting.pk, decision.pk])
    assert client.post(url, {"response": ""}).status_code == 400
    client.post(url, {"response": "talk", "in_their_words": "Not sure about weekdays"})
    decision.refresh_from_db()
    assert decision.young_person_response == "talk"
    html = client.get(reverse("meetings:meeting", args=[meeting.pk])).content.decode()
    assert "Wants to talk about it: “Not sure about weekdays”" in html


def test_meeting_page_queries_do_not_grow_with_decisions(client, held):
    meeting, _worker = held
    counts = []
    for size in (1, 12):
        Decision.objects.all().delete()
        for n in range(size):
            decision = Decision.objects.create(
                meeting=meeting,
                decision=f"D{n}",
                reason="r",
                explanation_for_young_person="e",
                recorded_by=meeting.chair,
            )
            Action.objects.create(
                decision=decision,
                description="a",
                owner=StaffFactory(),
                due_on=timezone.localdate(),
            )
        with CaptureQueriesContext(connection) as queries:
            client.get(reverse("meetings:meeting", args=[meeting.pk]))
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
