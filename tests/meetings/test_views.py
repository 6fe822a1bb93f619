from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from meetings.models import Meeting
from notifications.models import Notification
from tests.factories import (
    CaseTeamMembershipFactory,
    MeetingFactory,
    StaffFactory,
    YoungPersonFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting(client):
    membership = CaseTeamMembershipFactory()
    lead = StaffFactory(role=Role.CSE_LEAD)
    client.force_login(membership.user)
    url = reverse("meetings:schedule", args=[membership.young_person.pk])
    return client, url, membership.young_person, lead


def _form(lead, when=None, **overrides):
    when = when or timezone.localtime() + timedelta(days=10)
    data = {
        "meeting_type": Meeting.Type.STRATEGY,
        "chair": str(lead.pk),
        "date_0": str(when.day),
        "date_1": str(when.month),
        "date_2": str(when.year),
        "start_time": "14:30",
        "venue": "The youth centre",
    }
    data.update(overrides)
    return data


def test_case_team_member_schedules_a_meeting_in_the_browser_form(setting):
    client, url, young_person, lead = setting
    assert "Schedule a meeting" in client.get(url).content.decode()
    response = client.post(url, _form(lead), follow=True)
    meeting = Meeting.objects.get(young_person=young_person)
    assert meeting.chair == lead
    assert timezone.localtime(meeting.scheduled_at).strftime("%H:%M") == "14:30"
    assert Notification.objects.filter(meeting=meeting, recipient=lead).exists()
    assert "Meeting scheduled" in response.content.decode()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"meeting_type": ""}, "Select the type of meeting"),
        ({"chair": ""}, "Select who will chair the meeting"),
        ({"date_0": "", "date_1": "", "date_2": ""}, "Enter the date of the meeting"),
        ({"date_0": "31", "date_1": "2", "date_2": "2030"}, "must be a real date"),
        ({"date_0": "aa"}, "Enter a valid date"),
        ({"start_time": "25:99"}, "Enter the start time as hours and minutes"),
        ({"venue": ""}, "Enter where the meeting will be held"),
        ({"venue": "x" * 201}, "200 characters or fewer"),
        ({"chair": "not-a-uuid"}, "Select who will chair the meeting"),
        ({"meeting_type": "tea_party"}, "Select a valid choice"),
    ],
)
def test_bad_input_gets_a_govuk_error_and_saves_nothing(setting, overrides, message):
    client, url, _young_person, lead = setting
    response = client.post(url, _form(lead, **overrides))
    html = response.content.decode()
    assert response.status_code == 400
    assert "govuk-error-summary" in html
    assert message in html
    assert not Meeting.objects.exists()


def test_a_date_in_the_past_is_refused_against_the_date_field(setting):
    client, url, _young_person, lead = setting
    response = client.post(url, _form(lead, when=timezone.localtime() - timedelta(days=2)))
    assert response.status_code == 400
    assert "must be in the future" in response.content.decode()
    assert not Meeting.objects.exists()


def test_chair_who_is_not_a_cse_lead_cannot_be_chosen(setting):
    client, url, _young_person, _lead = setting
    response = client.post(url, _form(StaffFactory(role=Role.PRACTITIONER)))
    assert response.status_code == 400
    assert not Meeting.objects.exists()


def test_practitioner_cannot_open_schedule_form_of_unallocated_young_person(client):
    client.force_login(StaffFactory())
    url = reverse("meetings:schedule", args=[YoungPersonFactory().pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {}).status_code == 404


def test_chair_who_is_not_on_the_case_team_sees_the_record_but_cannot_schedule(client):
    membership = CaseTeamMembershipFactory()
    lead = StaffFactory(role=Role.CSE_LEAD)
    MeetingFactory(young_person=membership.young_person, chair=lead)
    client.force_login(lead)
    page = client.get(reverse("participation:young-person", args=[membership.young_person.pk]))
    assert page.status_code == 200
    assert "Schedule a meeting" not in page.content.decode()
    url = reverse("meetings:schedule", args=[membership.young_person.pk])
    response = client.post(url, _form(lead))
    assert response.status_code == 403
    assert "case team" in response.content.decode()
    assert Meeting.objects.count() == 1
