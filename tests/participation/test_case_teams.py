from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from audit.models import AccessEvent
from participation import services
from participation.models import CaseTeamMembership, YoungPerson
from tests.factories import (
    CaseTeamMembershipFactory,
    MeetingFactory,
    OrganisationFactory,
    StaffFactory,
    YoungPersonFactory,
)

pytestmark = pytest.mark.django_db


def _date(day):
    return {"_0": str(day.day), "_1": str(day.month), "_2": str(day.year)}


def _form_date(name, day):
    return {f"{name}{k}": v for k, v in _date(day).items()}


@pytest.fixture
def team(client):
    membership = CaseTeamMembershipFactory(role=CaseTeamMembership.Role.LEAD_PROFESSIONAL)
    client.force_login(membership.user)
    return client, membership.user, membership.young_person


def test_lead_professional_adds_a_colleague_who_can_then_see_the_young_person(client, team):
    client, _worker, young_person = team
    colleague = StaffFactory(full_name="Casey New")
    response = client.post(
        reverse("participation:case-team-add", args=[young_person.pk]),
        {
            "user": str(colleague.pk),
            "role": "police",
            **_form_date("starts_on", timezone.localdate()),
        },
        follow=True,
    )
    assert "Casey New added to the case team" in response.content.decode()
    assert YoungPerson.objects.visible_to(colleague).get() == young_person


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"user": ""}, "Select who is joining the case team"),
        ({"role": ""}, "Select their role on the case team"),
        ({"starts_on_0": "31", "starts_on_1": "2"}, "Start date must be a real date"),
        ({"starts_on_0": "", "starts_on_1": "", "starts_on_2": ""}, "Enter the start date"),
    ],
)
def test_bad_input_when_adding_gets_a_clear_error_and_changes_nothing(team, change, message):
    client, _worker, young_person = team
    colleague = StaffFactory()
    data = {
        "user": str(colleague.pk),
        "role": "police",
        **_form_date("starts_on", timezone.localdate()),
    }
    response = client.post(
        reverse("participation:case-team-add", args=[young_person.pk]), {**data, **change}
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert CaseTeamMembership.objects.count() == 1


def test_someone_already_on_the_case_team_cannot_be_added_twice(team):
    client, _worker, young_person = team
    colleague = CaseTeamMembershipFactory(young_person=young_person).user
    response = client.post(
        reverse("participation:case-team-add", args=[young_person.pk]),
        {
            "user": str(colleague.pk),
            "role": "police",
            **_form_date("starts_on", timezone.localdate()),
        },
    )
    assert response.status_code == 400
    assert "already on the case team" in response.content.decode()
    assert CaseTeamMembership.objects.count() == 2


def test_ending_a_membership_ends_access_on_the_very_next_request(client, team):
    client, worker, young_person = team
    colleague_membership = CaseTeamMembershipFactory(young_person=young_person)
    colleague = colleague_membership.user
    page = reverse("participation:young-person", args=[young_person.pk])
    client.force_login(colleague)
    assert client.get(page).status_code == 200
    client.force_login(worker)
    client.post(
        reverse("participation:case-team-end", args=[young_person.pk, colleague_membership.pk]),
        _form_date("ends_on", timezone.localdate()),
    )
    client.force_login(colleague)
    assert client.get(page).status_code == 404
    colleague_membership.refresh_from_db()
    assert colleague_membership.ends_on == timezone.localdate()


def test_end_date_before_the_start_is_refused_and_changes_nothing(team):
    client, worker, young_person = team
    membership = worker.case_team_memberships.get()
    response = client.post(
        reverse("participation:case-team-end", args=[young_person.pk, membership.pk]),
        _form_date("ends_on", membership.starts_on - timedelta(days=1)),
    )
    assert response.status_code == 400
    assert "The end date must be on or after" in response.content.decode()
    membership.refresh_from_db()
    assert membership.ends_on is None


def test_practitioner_off_the_case_team_cannot_change_it(client):
    membership = CaseTeamMembershipFactory()
    client.force_login(StaffFactory())
    url = reverse("participation:case-team-add", args=[membership.young_person.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"user": "x"}).status_code == 404
    assert CaseTeamMembership.objects.count() == 1


def test_chair_can_add_to_the_case_team_of_a_young_person_they_chair_for(client):
    young_person = YoungPersonFactory()
    lead = StaffFactory(role=Role.CSE_LEAD)
    MeetingFactory(young_person=young_person, chair=lead)
    colleague = StaffFactory()
    membership = services.case_team_member_add(
        actor=lead,
        young_person=young_person,
        user=colleague,
        role="health",
        starts_on=timezone.localdate(),
    )
    assert membership.user == colleague


@pytest.fixture
def organisation():
    return OrganisationFactory()


@pytest.fixture
def leaver_with_caseload(organisation):
    leaver, successor = (
        StaffFactory(organisation=organisation),
        StaffFactory(organisation=organisation),
    )
    people = [CaseTeamMembershipFactory(user=leaver, role="police").young_person for _ in range(3)]
    CaseTeamMembershipFactory(user=successor, young_person=people[0])
    return leaver, successor, people


def test_reassigning_a_caseload_moves_every_young_person_and_keeps_history(
    leaver_with_caseload, organisation
):
    leaver, successor, people = leaver_with_caseload
    lead = StaffFactory(role=Role.CSE_LEAD, organisation=organisation)
    with CaptureQueriesContext(connection) as queries:
        moved = services.case_team_reassign(actor=lead, leaver=leaver, successor=successor)
    assert sorted(moved) == sorted(p.pk for p in people)
    assert not YoungPerson.objects.visible_to(leaver).exists()
    assert set(YoungPerson.objects.visible_to(successor)) == set(people)
    assert CaseTeamMembership.objects.filter(user=leaver, ends_on=timezone.localdate()).count() == 3
    assert CaseTeamMembership.objects.filter(user=successor, ends_on__isnull=True).count() == 3
    assert set(
        CaseTeamMembership.objects.filter(user=successor, role="police").values_list(
            "young_person", flat=True
        )
    ) == {p.pk for p in people[1:]}
    assert len(queries) <= 10, [q["sql"] for q in queries]


def test_cse_lead_moves_a_caseload_in_the_browser_with_one_event_per_young_person(
    client, leaver_with_caseload, organisation
):
    leaver, successor, people = leaver_with_caseload
    client.force_login(StaffFactory(role=Role.CSE_LEAD, organisation=organisation))
    response = client.post(
        reverse("participation:caseload-reassign"),
        {"leaver": str(leaver.pk), "successor": str(successor.pk)},
        follow=True,
    )
    assert "Moved 3 young people" in response.content.decode()
    events = AccessEvent.objects.filter(action="change", what="case team")
    assert sorted(events.values_list("young_person_id", flat=True)) == sorted(p.pk for p in people)


@pytest.mark.parametrize("same_person", [True, False])
def test_reassigning_to_the_same_person_or_from_an_empty_caseload_is_refused(
    same_person, organisation
):
    lead = StaffFactory(role=Role.CSE_LEAD, organisation=organisation)
    leaver = StaffFactory(organisation=organisation)
    if same_person:
        CaseTeamMembershipFactory(user=leaver)
    with pytest.raises(ValidationError):
        services.case_team_reassign(
            actor=lead,
            leaver=leaver,
            successor=leaver if same_person else StaffFactory(organisation=organisation),
        )
    assert CaseTeamMembership.objects.filter(ends_on__isnull=False).count() == 0


def test_practitioner_cannot_reassign_a_caseload(client, leaver_with_caseload):
    leaver, successor, _people = leaver_with_caseload
    client.force_login(StaffFactory())
    response = client.post(
        reverse("participation:caseload-reassign"),
        {"leaver": str(leaver.pk), "successor": str(successor.pk)},
    )
    assert response.status_code == 404
    assert YoungPerson.objects.visible_to(leaver).count() == 3
