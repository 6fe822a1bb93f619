"""People who matter to a young person: what each may be told follows their wishes, and
someone who must not be told anything is never invited."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from meetings.models import Meeting, PersonInvited
from meetings.selectors import information_pack_draft
from participation.models import CaseTeamMembership, PersonWhoMatters
from tests.factories import CaseTeamMembershipFactory, MeetingFactory, StaffFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def team(client):
    membership = CaseTeamMembershipFactory(role=CaseTeamMembership.Role.LEAD_PROFESSIONAL)
    client.force_login(membership.user)
    return membership.user, membership.young_person


def _add(client, young_person, **form):
    return client.post(reverse("participation:person-add", args=[young_person.pk]), form)


def test_case_team_adds_a_trusted_adult_and_a_person_not_to_be_told(client, team):
    _user, young_person = team
    assert (
        _add(
            client,
            young_person,
            name="Pat Jones",
            relationship="Aunt",
            may_be_contacted="on",
            how_to_contact="07700 900123, after 5pm",
            meetings="invited",
        ).status_code
        == 302
    )
    assert (
        _add(
            client,
            young_person,
            name="Lee Smith",
            relationship="Mum's partner",
            meetings="not_told",
            must_not_be_told="on",
        ).status_code
        == 302
    )
    page = client.get(reverse("participation:young-person", args=[young_person.pk]))
    html = page.content.decode()
    assert "Pat Jones" in html and "07700 900123, after 5pm" in html
    assert "Lee Smith" in html and "Must not be told anything" in html


@pytest.mark.parametrize(
    ("form", "message"),
    [
        ({"name": "", "relationship": "Aunt", "meetings": "told"}, "Enter their name"),
        ({"name": "Pat", "relationship": "", "meetings": "told"}, "how they know"),
        ({"name": "Pat", "relationship": "Aunt"}, "Choose what they may be told"),
        (
            {"name": "P" * 10_000, "relationship": "Aunt", "meetings": "told"},
            "200 characters or fewer",
        ),
        (
            {
                "name": "Lee",
                "relationship": "Uncle",
                "meetings": "invited",
                "must_not_be_told": "on",
            },
            "must not be told anything cannot be contacted",
        ),
        (
            {
                "name": "Lee",
                "relationship": "Uncle",
                "meetings": "not_told",
                "may_be_contacted": "on",
                "must_not_be_told": "on",
            },
            "must not be told anything cannot be contacted",
        ),
    ],
)
def test_bad_or_contradictory_details_are_refused_and_nobody_is_saved(client, team, form, message):
    _user, young_person = team
    response = _add(client, young_person, **form)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not PersonWhoMatters.objects.exists()


def _schedule(client, young_person, chair, people=()):
    day = timezone.localdate() + timedelta(days=10)
    return client.post(
        reverse("meetings:schedule", args=[young_person.pk]),
        {
            "meeting_type": Meeting.Type.STRATEGY,
            "chair": str(chair.pk),
            "date_0": day.day,
            "date_1": day.month,
            "date_2": day.year,
            "start_time": "10:00",
            "venue": "The youth centre",
            "people": [str(p.pk) for p in people],
        },
    )


def test_a_meeting_invites_a_trusted_adult_by_name_and_the_information_lists_them(client, team):
    user, young_person = team
    aunt = PersonWhoMatters.objects.create(
        young_person=young_person,
        name="Pat Jones",
        relationship="Aunt",
        meetings="invited",
        added_by=user,
    )
    flagged = PersonWhoMatters.objects.create(
        young_person=young_person,
        name="Lee Smith",
        relationship="Uncle",
        must_not_be_told=True,
        added_by=user,
    )
    chair = StaffFactory(role=Role.CSE_LEAD)
    form = client.get(reverse("meetings:schedule", args=[young_person.pk])).content.decode()
    assert "Pat Jones" in form and "Lee Smith" not in form
    assert _schedule(client, young_person, chair, [aunt]).status_code == 302
    meeting = Meeting.objects.get()
    assert [p.person for p in PersonInvited.objects.all()] == [aunt]
    text, easy_read = information_pack_draft(meeting=meeting)
    assert "Pat Jones, Aunt" in text and "Pat Jones, Aunt" in easy_read
    assert "Lee Smith" not in text + easy_read
    # The flagged person, posted by hand, is refused and nothing is scheduled.
    refused = _schedule(client, young_person, chair, [flagged])
    assert refused.status_code == 400
    assert Meeting.objects.count() == 1
    assert not PersonInvited.objects.filter(person=flagged).exists()


def test_marking_someone_not_to_be_told_withdraws_them_from_meetings_not_yet_held(client, team):
    user, young_person = team
    person = PersonWhoMatters.objects.create(
        young_person=young_person,
        name="Pat Jones",
        relationship="Aunt",
        meetings="invited",
        added_by=user,
    )
    meeting = MeetingFactory(young_person=young_person)
    PersonInvited.objects.create(meeting=meeting, person=person, invited_by=user)
    response = client.post(
        reverse("participation:person-edit", args=[young_person.pk, person.pk]),
        {
            "name": "Pat Jones",
            "relationship": "Aunt",
            "meetings": "not_told",
            "must_not_be_told": "on",
        },
    )
    assert response.status_code == 302
    assert not PersonInvited.objects.exists()
    assert "Pat Jones" not in "".join(information_pack_draft(meeting=meeting))


def test_someone_on_another_record_cannot_be_changed_through_this_one(client, team):
    user, young_person = team
    elsewhere = PersonWhoMatters.objects.create(
        young_person=CaseTeamMembershipFactory(user=user).young_person,
        name="Other Nan",
        relationship="Nan",
        added_by=user,
    )
    url = reverse("participation:person-edit", args=[young_person.pk, elsewhere.pk])
    assert (
        client.post(url, {"name": "X", "relationship": "Y", "meetings": "told"}).status_code == 404
    )
    elsewhere.refresh_from_db()
    assert elsewhere.name == "Other Nan"
