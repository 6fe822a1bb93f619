"""The people and the opportunity the collective tests share."""

import pytest
from django.utils import timezone

from accounts.roles import Role
from collective import services
from consent import services as consent_services
from participation.models import CaseTeamMembership
from tests.factories import (
    CaseTeamMembershipFactory,
    OrganisationFactory,
    StaffFactory,
    YoungPersonAccountFactory,
    YoungPersonFactory,
)

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


@pytest.fixture
def took_part(north):
    robin, worker, participation = north
    opportunity = services.opportunity_create(actor=participation, **FORM)
    involvement = services.opportunity_offer(
        actor=worker, opportunity=opportunity, young_person=robin
    )
    services.involvement_answer(
        actor=robin.portal_user, involvement=involvement, answer="yes", reason=""
    )
    return robin, participation, opportunity, involvement


def choose(robin, choice: str, context: str = "training") -> None:
    consent_services.identity_decision_record(
        actor=robin.portal_user,
        young_person=robin,
        context=context,
        choice=choice,
        pseudonym="",
        their_words="",
        made_by="",
        review_on=None,
    )


def took_a_session(participation, involvement) -> None:
    """Those who run it record a session the young person took part in."""
    services.contribution_record(
        actor=participation,
        involvement=involvement,
        session_on=timezone.localdate(),
        in_their_words="I said what helps",
        support_given="",
    )
