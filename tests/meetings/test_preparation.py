from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.models import PreparationRecord
from tests.factories import (
    AgendaItemFactory,
    CaseTeamMembershipFactory,
    MeetingFactory,
    StaffFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting():
    membership = CaseTeamMembershipFactory()
    return MeetingFactory(young_person=membership.young_person)


def _record(client, meeting, step, state, day=None, note=""):
    day = day or timezone.localdate()
    return client.post(
        reverse("meetings:preparation", args=[meeting.pk, step]),
        {
            "state": state,
            "happened_on_0": day.day,
            "happened_on_1": day.month,
            "happened_on_2": day.year,
            "note": note,
        },
        follow=True,
    )


def _page(client, meeting):
    return client.get(reverse("meetings:meeting", args=[meeting.pk])).content.decode()


def test_chair_records_the_offer_to_meet_them_and_the_history_is_kept(client, meeting):
    meeting.chair.full_name = "Morgan Ellis"
    meeting.chair.save()
    client.force_login(meeting.chair)
    _record(client, meeting, "meet_chair", "offered", timezone.localdate() - timedelta(days=2))
    _record(client, meeting, "meet_chair", "accepted")
    html = _page(client, meeting)
    assert "Accepted" in html and "recorded by Morgan Ellis" in html
    assert PreparationRecord.objects.filter(step="meet_chair").count() == 2


def test_agenda_step_is_done_once_the_young_person_has_an_item(client, meeting):
    client.force_login(meeting.chair)
    assert "No items from the young person yet" in _page(client, meeting)
    AgendaItemFactory(meeting=meeting, proposed_by="young_person")
    assert "1 item(s) from the young person or their advocate" in _page(client, meeting)


def test_missing_steps_are_flagged_as_the_meeting_approaches(client, meeting):
    client.force_login(meeting.chair)
    assert "To do" not in _page(client, meeting)
    meeting.scheduled_at = timezone.now() + timedelta(days=3)
    meeting.save()
    html = _page(client, meeting)
    assert "The meeting is soon" in html
    assert html.count(">To do<") == 7


@pytest.mark.parametrize("status", ["held", "outcomes_shared", "cancelled"])
def test_nothing_is_flagged_as_to_do_once_the_meeting_has_happened_or_is_cancelled(
    client, meeting, status
):
    client.force_login(meeting.chair)
    meeting.scheduled_at = timezone.now() - timedelta(days=2)
    meeting.status = status
    meeting.save()
    html = _page(client, meeting)
    assert "The meeting is soon" not in html and ">To do<" not in html


@pytest.mark.parametrize(
    ("step", "state", "days", "note", "message"),
    [
        ("meet_chair", "", 0, "", "Select what has happened"),
        ("meet_chair", "made_up", 0, "", "Select a valid choice"),
        ("meet_chair", "offered", 2, "", "The date must be today or in the past"),
        ("respected", "agreed", 0, "", "Say what was agreed"),
        ("taking_part", "attend", 0, "x" * 1001, "1,000 characters or fewer"),
    ],
)
def test_bad_preparation_input_gets_a_clear_error_and_saves_nothing(
    client, meeting, step, state, days, note, message
):
    client.force_login(meeting.chair)
    response = _record(
        client, meeting, step, state, timezone.localdate() + timedelta(days=days), note
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not PreparationRecord.objects.exists()


def test_unknown_step_and_outsiders_get_not_found(client, meeting):
    client.force_login(meeting.chair)
    assert (
        client.get(reverse("meetings:preparation", args=[meeting.pk, "agenda"])).status_code == 404
    )
    client.force_login(StaffFactory())
    assert _record(client, meeting, "meet_chair", "offered").status_code == 404
    assert not PreparationRecord.objects.exists()
