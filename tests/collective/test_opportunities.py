"""Collective participation, first part: a participation worker (or CSE lead) creates an
opportunity; it reaches a young person only through someone on their case team; the young
person says yes or no in the portal; and nobody else learns who was offered what."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.roles import Role
from collective import services
from collective.models import Involvement, Opportunity
from participation.models import CaseTeamMembership
from tests.factories import (
    CaseTeamMembershipFactory,
    OrganisationFactory,
    StaffFactory,
    YoungPersonAccountFactory,
    YoungPersonFactory,
)

pytestmark = pytest.mark.django_db

FORM = {
    "kind": "training",
    "title": "Help train new social workers",
    "what_it_involves": "Tell them what helps.",
    "when_and_where": "Two Saturdays in March",
    "support_and_recognition": "Travel paid and a certificate",
    "who_may_be_invited": "14 to 19",
    "what_could_go_wrong": "Hard feelings could come up",
    "how_it_is_managed": "You can stop at any time",
    "who_they_can_go_to": "Dee Marsh, participation worker",
}


@pytest.fixture
def north():
    organisation = OrganisationFactory(name="Northshire")
    robin = YoungPersonFactory(
        preferred_name="Robinmarker", portal_user=YoungPersonAccountFactory()
    )
    worker = CaseTeamMembershipFactory(
        young_person=robin,
        user=StaffFactory(organisation=organisation),
        role=CaseTeamMembership.Role.LEAD_PROFESSIONAL,
    ).user
    participation = StaffFactory(role=Role.PARTICIPATION_WORKER, organisation=organisation)
    return robin, worker, participation


def test_a_participation_worker_creates_an_opportunity_and_bad_input_saves_nothing(client, north):
    _robin, _worker, participation = north
    client.force_login(participation)
    url = reverse("collective:opportunity-add")
    empty = client.post(url, {})
    page = empty.content.decode()
    assert empty.status_code == 400
    assert "Choose what kind of opportunity it is" in page and "Give it a name" in page
    too_long = client.post(url, {**FORM, "title": "x" * 121})
    assert "Keep this to 120 characters or fewer" in too_long.content.decode()
    assert not Opportunity.objects.exists()
    client.post(url, FORM)
    opportunity = Opportunity.objects.get()
    assert (opportunity.organisation, opportunity.created_by) == (
        participation.organisation,
        participation,
    )


def test_a_practitioner_cannot_create_an_opportunity(client, north):
    _robin, worker, _participation = north
    client.force_login(worker)
    assert client.post(reverse("collective:opportunity-add"), FORM).status_code == 404
    with pytest.raises(ValidationError):
        services.opportunity_create(actor=worker, **FORM)
    assert not Opportunity.objects.exists()


def test_only_the_case_team_offers_and_only_once(client, north):
    robin, worker, participation = north
    opportunity = services.opportunity_create(actor=participation, **FORM)
    chair = StaffFactory(role=Role.CSE_LEAD, organisation=worker.organisation)
    for outsider in (participation, chair):
        with pytest.raises(ValidationError):
            services.opportunity_offer(actor=outsider, opportunity=opportunity, young_person=robin)
    client.force_login(worker)
    url = reverse("collective:offer", args=[robin.pk])
    client.post(url, {"opportunity": str(opportunity.pk)})
    assert Involvement.objects.get().offered_by == worker
    again = client.post(url, {"opportunity": str(opportunity.pk)})
    assert again.status_code == 400
    assert "Choose an opportunity from the list" in again.content.decode()
    assert Involvement.objects.count() == 1


def test_the_participation_worker_sees_how_many_said_yes_never_who(client, north):
    robin, worker, participation = north
    opportunity = services.opportunity_create(actor=participation, **FORM)
    services.opportunity_offer(actor=worker, opportunity=opportunity, young_person=robin)
    client.force_login(participation)
    for url in (
        reverse("collective:opportunities"),
        reverse("collective:opportunity", args=[opportunity.pk]),
    ):
        page = client.get(url).content.decode()
        assert "Robinmarker" not in page
    assert "Offered to 1 young person; 0 said yes." in page
    assert client.get(reverse("participation:young-person", args=[robin.pk])).status_code == 404


def test_robin_reads_the_offer_and_says_yes_or_no_and_can_change_their_mind(client, north):
    robin, worker, participation = north
    opportunity = services.opportunity_create(actor=participation, **FORM)
    not_offered = services.opportunity_create(actor=participation, **{**FORM, "title": "Other"})
    involvement = services.opportunity_offer(
        actor=worker, opportunity=opportunity, young_person=robin
    )
    client.force_login(robin.portal_user)
    listing = client.get(reverse("portal:opportunities")).content.decode()
    assert "Help train new social workers" in listing and not_offered.title not in listing
    url = reverse("portal:opportunity-answer", args=[involvement.pk])
    page = client.get(url).content.decode()
    assert "You can stop at any time" in page and "Dee Marsh, participation worker" in page
    assert "Hard feelings" not in page  # the staff's risk wording stays with staff
    empty = client.post(url, {"answer": ""})
    assert empty.status_code == 400 and "Choose yes or no" in empty.content.decode()
    client.post(url, {"answer": "no", "reason": "Not on Saturdays"})
    involvement.refresh_from_db()
    assert (involvement.answer, involvement.reason) == ("no", "Not on Saturdays")
    client.post(url, {"answer": "yes", "reason": ""})
    involvement.refresh_from_db()
    assert involvement.answer == "yes" and involvement.answered_at is not None
    client.force_login(worker)
    record = client.get(reverse("participation:young-person", args=[robin.pk])).content.decode()
    assert "Help train new social workers" in record and "They said yes." in record


def test_nobody_but_the_young_person_answers(north):
    robin, worker, participation = north
    opportunity = services.opportunity_create(actor=participation, **FORM)
    involvement = services.opportunity_offer(
        actor=worker, opportunity=opportunity, young_person=robin
    )
    for actor in (worker, YoungPersonAccountFactory()):
        with pytest.raises(ValidationError):
            services.involvement_answer(
                actor=actor, involvement=involvement, answer="yes", reason=""
            )
    involvement.refresh_from_db()
    assert involvement.answer == ""
