"""Advocates: assigned by the case team, they present the young person's views as the young
person's, add items on their behalf, and lose access the day the assignment ends."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from advocacy.models import AdvocateAssignment, Representation
from advocacy.services import advocate_assign, advocate_assignment_end, representation_record
from meetings.models import AgendaItem
from tests.factories import (
    AgendaItemFactory,
    CaseTeamMembershipFactory,
    MeetingFactory,
    StaffFactory,
    YoungPersonAccountFactory,
    YoungPersonFactory,
)

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture
def case():
    account = YoungPersonAccountFactory(username="robin")
    young_person = YoungPersonFactory(preferred_name="Robin", portal_user=account)
    worker = CaseTeamMembershipFactory(young_person=young_person).user
    meeting = MeetingFactory(young_person=young_person)
    AgendaItemFactory(
        meeting=meeting,
        title="Restrictedmarker",
        visibility=AgendaItem.Visibility.PROFESSIONALS_ONLY,
        explanation_for_young_person="Part is held without you.",
    )
    advocate = StaffFactory(role=Role.ADVOCATE, full_name="Ari Advocate")
    return young_person, worker, account, meeting, advocate


def _assign(worker, young_person, advocate, **overrides):
    fields = {
        "advocate_type": AdvocateAssignment.Type.INDEPENDENT_ADVOCATE,
        "advocate": advocate,
        "named_person": "",
        "starts_on": TODAY,
    }
    return advocate_assign(actor=worker, young_person=young_person, **{**fields, **overrides})


def test_an_assignment_to_someone_who_is_not_an_advocate_is_refused(case):
    young_person, worker, _, _, _ = case
    with pytest.raises(ValidationError, match="Choose someone who works as an advocate"):
        _assign(worker, young_person, StaffFactory(role=Role.PRACTITIONER))
    assert not AdvocateAssignment.objects.exists()


def test_only_the_case_team_assigns_an_advocate(case):
    young_person, _, _, _, advocate = case
    with pytest.raises(ValidationError, match="Only the case team"):
        _assign(StaffFactory(), young_person, advocate)


def test_a_trusted_adult_may_be_a_named_person_with_no_account(case):
    young_person, worker, _, _, _ = case
    with pytest.raises(ValidationError, match="name the trusted adult"):
        _assign(worker, young_person, None, advocate_type="trusted_adult")
    assignment = _assign(
        worker, young_person, None, advocate_type="trusted_adult", named_person="Aunt Jo"
    )
    assert assignment.named_person == "Aunt Jo" and assignment.advocate is None


def test_advocate_adds_an_item_and_their_views_and_the_chair_sees_them_labelled(client, case):
    young_person, worker, account, meeting, advocate = case
    _assign(worker, young_person, advocate)
    client.force_login(advocate)
    page = client.get(reverse("meetings:meeting", args=[meeting.pk])).content.decode()
    assert "Restrictedmarker" not in page
    response = client.post(
        reverse("advocacy:agenda-on-behalf", args=[meeting.pk]), {"title": "Football again"}
    )
    assert response.status_code == 302
    assert AgendaItem.objects.get(title="Football again").proposed_by == "advocate"
    response = client.post(
        reverse("advocacy:representation-add", args=[meeting.pk]),
        {"text": "Robin wants to stay at her nan's."},
    )
    assert response.status_code == 302

    client.force_login(account)
    representation = Representation.objects.get()
    portal = client.get(reverse("portal:meeting", args=[meeting.pk])).content.decode()
    assert "Robin wants to stay at her nan&#x27;s." in portal
    assert "Your advocate added this" in portal
    client.post(reverse("portal:representation-agree", args=[meeting.pk, representation.pk]))
    representation.refresh_from_db()
    assert representation.agreed_at is not None

    client.force_login(meeting.chair)
    for url in (
        reverse("meetings:meeting", args=[meeting.pk]),
        reverse("meetings:print-pack", args=[meeting.pk]),
    ):
        html = client.get(url).content.decode()
        assert "Robin's views, presented by their advocate" in html, url
        assert "has read and agreed this wording" in html, url
        assert "This is not a professional assessment." in html, url


def test_a_representation_after_the_assignment_ended_is_refused_and_access_ends(client, case):
    young_person, worker, _, meeting, advocate = case
    assignment = _assign(worker, young_person, advocate, starts_on=TODAY - timedelta(days=10))
    advocate_assignment_end(actor=worker, assignment=assignment, ends_on=TODAY)
    with pytest.raises(ValidationError, match="while assigned to them"):
        representation_record(actor=advocate, meeting=meeting, text="Late", non_instructed=False)
    assert not Representation.objects.exists()
    client.force_login(advocate)
    assert client.get(reverse("meetings:meeting", args=[meeting.pk])).status_code == 404


def test_ending_before_the_start_is_refused_in_the_browser(client, case):
    young_person, worker, _, _, advocate = case
    assignment = _assign(worker, young_person, advocate)
    client.force_login(worker)
    yesterday = TODAY - timedelta(days=1)
    response = client.post(
        reverse("advocacy:assignment-end", args=[young_person.pk, assignment.pk]),
        {"ends_on_0": yesterday.day, "ends_on_1": yesterday.month, "ends_on_2": yesterday.year},
    )
    assert response.status_code == 400
    assert "The end date must be on or after the start date" in response.content.decode()
    assignment.refresh_from_db()
    assert assignment.ends_on is None


def test_the_case_team_assigns_an_advocate_in_the_browser(client, case):
    young_person, worker, _, _, advocate = case
    client.force_login(worker)
    url = reverse("advocacy:assign", args=[young_person.pk])
    refused = client.post(
        url,
        {
            "advocate_type": "isva",
            "starts_on_0": TODAY.day,
            "starts_on_1": TODAY.month,
            "starts_on_2": TODAY.year,
        },
    )
    assert refused.status_code == 400 and "Choose the advocate" in refused.content.decode()
    response = client.post(
        url,
        {
            "advocate_type": "isva",
            "advocate": advocate.pk,
            "starts_on_0": TODAY.day,
            "starts_on_1": TODAY.month,
            "starts_on_2": TODAY.year,
        },
    )
    assert response.status_code == 302
    page = client.get(response.url).content.decode()
    assert "Ari Advocate" in page and "Independent sexual violence adviser" in page


def test_the_advocate_reads_the_young_persons_views_only_while_they_choose_to_share(client, case):
    young_person, worker, account, meeting, advocate = case
    _assign(worker, young_person, advocate)
    views_url = reverse("portal:views", args=[meeting.pk])
    meeting_url = reverse("meetings:meeting", args=[meeting.pk])
    client.force_login(account)
    client.post(views_url, {"text": "Ownwordsmarker", "version": ""})
    client.force_login(advocate)
    assert "Ownwordsmarker" not in client.get(meeting_url).content.decode()

    client.force_login(account)
    client.post(views_url, {"text": "Ownwordsmarker", "version": "1", "shared_with_advocate": "on"})
    from meetings.services import young_person_views_save

    young_person_views_save(  # a worker's later save keeps the young person's choice
        actor=worker, meeting=meeting, text="Ownwordsmarker", source="spoken", expected_version=2
    )
    client.force_login(advocate)
    assert "Ownwordsmarker" in client.get(meeting_url).content.decode()

    client.force_login(account)
    client.post(views_url, {"text": "Ownwordsmarker", "version": "3"})
    client.force_login(advocate)
    assert "Ownwordsmarker" not in client.get(meeting_url).content.decode()
    client.force_login(StaffFactory(role=Role.ADVOCATE))
    assert client.get(meeting_url).status_code == 404
