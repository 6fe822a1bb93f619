from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.models import Meeting, YoungPersonViews
from meetings.services import STALE_VIEWS
from tests.factories import AdvocateAssignmentFactory, CaseTeamMembershipFactory, MeetingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting(client):
    membership = CaseTeamMembershipFactory()
    meeting = MeetingFactory(young_person=membership.young_person)
    client.force_login(membership.user)
    return client, meeting


def _save(client, meeting, text="I want to stay at my nan's.", version=0):
    return client.post(
        reverse("meetings:young-person-views", args=[meeting.pk]),
        {"text": text, "source": "spoken", "version": version, "reason": "Corrected with them"},
    )


def test_worker_records_their_views_and_the_meeting_page_shows_them_apart(setting):
    client, meeting = setting
    assert _save(client, meeting).status_code == 302
    html = client.get(reverse("meetings:meeting", args=[meeting.pk])).content.decode()
    assert f"In {meeting.young_person.preferred_name}'s own words" in html
    assert "I want to stay at my nan&#x27;s." in html


def test_a_stale_save_of_their_views_is_refused_and_the_other_kept(setting):
    client, meeting = setting
    _save(client, meeting, "First words")
    assert _save(client, meeting, "Second words", version=1).status_code == 302
    response = _save(client, meeting, "Late words", version=1)
    assert response.status_code == 400
    assert STALE_VIEWS.split(":")[0] in response.content.decode()
    assert YoungPersonViews.objects.get().text == "Second words"


@pytest.mark.parametrize(
    ("text", "message"),
    [("", "Write what the young person wants the meeting to know"), ("x" * 5001, "5,000")],
)
def test_empty_or_over_long_views_are_refused(setting, text, message):
    client, meeting = setting
    response = _save(client, meeting, text)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not YoungPersonViews.objects.exists()


def test_views_cannot_be_changed_once_the_meeting_has_started(setting):
    client, meeting = setting
    Meeting.objects.filter(pk=meeting.pk).update(scheduled_at=timezone.now() - timedelta(hours=1))
    response = _save(client, meeting)
    assert response.status_code == 400
    assert "only until the meeting starts" in response.content.decode()
    assert not YoungPersonViews.objects.exists()


def test_an_advocate_does_not_see_views_the_young_person_has_not_shared(setting):
    client, meeting = setting
    _save(client, meeting, "Private words")
    client.force_login(AdvocateAssignmentFactory(young_person=meeting.young_person).advocate)
    html = client.get(reverse("meetings:meeting", args=[meeting.pk])).content.decode()
    assert "Private words" not in html
