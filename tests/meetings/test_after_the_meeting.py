import pytest
from django.urls import reverse

from meetings.models import AgendaItem, Feedback, Meeting
from tests.factories import AgendaItemFactory, CaseTeamMembershipFactory, MeetingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def held():
    membership = CaseTeamMembershipFactory()
    meeting = MeetingFactory(young_person=membership.young_person, status=Meeting.Status.HELD)
    return meeting, membership.user


def test_chair_marks_items_discussed_or_carried_forward(client, held):
    meeting, _worker = held
    first, second = AgendaItemFactory(meeting=meeting), AgendaItemFactory(meeting=meeting)
    client.force_login(meeting.chair)
    for item, outcome in ((first, "discussed"), (second, "carried_forward")):
        client.post(
            reverse("meetings:agenda-outcome", args=[meeting.pk, item.pk]), {"outcome": outcome}
        )
    assert dict(AgendaItem.objects.values_list("pk", "outcome")) == {
        first.pk: "discussed",
        second.pk: "carried_forward",
    }
    html = client.get(reverse("meetings:meeting", args=[meeting.pk])).content.decode()
    assert "Carried forward</strong>" in html


def test_items_are_not_marked_before_the_meeting_is_held(client, held):
    meeting, _worker = held
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.READY)
    item = AgendaItemFactory(meeting=meeting)
    client.force_login(meeting.chair)
    response = client.post(
        reverse("meetings:agenda-outcome", args=[meeting.pk, item.pk]),
        {"outcome": "discussed"},
        follow=True,
    )
    assert "once the meeting has been held" in response.content.decode()
    item.refresh_from_db()
    assert item.outcome == ""


def _feedback(client, meeting, **overrides):
    data = {
        "felt_listened_to": "partly",
        "understood_decisions": "yes",
        "had_a_say": "yes",
        "what_would_make_it_better": "Fewer people in the room",
    }
    data.update(overrides)
    return client.post(reverse("meetings:feedback", args=[meeting.pk]), data)


def test_worker_records_the_young_persons_feedback_once(client, held):
    meeting, worker = held
    client.force_login(worker)
    assert _feedback(client, meeting).status_code == 302
    html = client.get(reverse("meetings:meeting", args=[meeting.pk])).content.decode()
    assert "Fewer people in the room" in html
    second = _feedback(client, meeting)
    assert second.status_code == 400
    assert "already recorded" in second.content.decode()
    assert Feedback.objects.count() == 1


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"felt_listened_to": ""}, "Select if they felt listened to"),
        ({"had_a_say": "maybe"}, "Select a valid choice"),
        ({"what_would_make_it_better": "x" * 2001}, "2,000 characters or fewer"),
    ],
)
def test_bad_feedback_is_refused_and_saves_nothing(client, held, overrides, message):
    meeting, worker = held
    client.force_login(worker)
    response = _feedback(client, meeting, **overrides)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Feedback.objects.exists()


def test_feedback_waits_until_the_meeting_has_been_held(client, held):
    meeting, worker = held
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.PREPARING)
    client.force_login(worker)
    response = _feedback(client, meeting)
    assert response.status_code == 400
    assert not Feedback.objects.exists()
