"""Peer support: a young person asks for a peer supporter in the portal; their case team
matches one, and only for someone who asked; the match answers them; and a peer supporter
sees what an advocate sees, nothing more (the leak matrix holds the last for every URL)."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from advocacy import services
from advocacy.models import AdvocateAssignment
from meetings.models import AgendaItem, YoungPersonRequest
from participation.models import CaseTeamMembership
from tests.factories import (
    AgendaItemFactory,
    CaseTeamMembershipFactory,
    MeetingFactory,
    StaffFactory,
    YoungPersonAccountFactory,
    YoungPersonFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def robin():
    robin = YoungPersonFactory(preferred_name="Robin", portal_user=YoungPersonAccountFactory())
    lead = CaseTeamMembershipFactory(
        young_person=robin, role=CaseTeamMembership.Role.LEAD_PROFESSIONAL
    ).user
    supporter = StaffFactory(role=Role.ADVOCATE)
    return robin, lead, supporter


def _ask(client, robin, words=""):
    client.force_login(robin.portal_user)
    return client.post(reverse("portal:advocate"), {"peer": "yes", "what_would_help": words})


def _match_form(supporter):
    today = timezone.localdate()
    return {
        "advocate_type": "peer_supporter",
        "advocate": str(supporter.pk),
        "starts_on_0": today.day,
        "starts_on_1": today.month,
        "starts_on_2": today.year,
    }


def test_a_young_person_asks_for_a_peer_supporter_once_and_their_lead_professional_owns_it(
    client, robin
):
    young_person, lead, _supporter = robin
    response = _ask(client, young_person, "Someone to talk to before court")
    assert response.status_code == 302
    asked = YoungPersonRequest.objects.get(young_person=young_person)
    assert (asked.kind, asked.owner, asked.their_words) == (
        YoungPersonRequest.Kind.PEER_SUPPORTER,
        lead,
        "Someone to talk to before court",
    )
    page = client.get(reverse("portal:advocate")).content.decode()
    assert "You asked for a peer supporter on" in page
    assert "Ask for a peer supporter</button>" not in page

    again = _ask(client, young_person)
    assert again.status_code == 400
    assert "You have already asked" in again.content.decode()
    assert YoungPersonRequest.objects.filter(young_person=young_person).count() == 1


def test_asking_for_a_peer_supporter_with_too_many_words_is_refused_and_saves_nothing(
    client, robin
):
    young_person, _lead, _supporter = robin
    response = _ask(client, young_person, "x" * 501)
    assert response.status_code == 400
    assert "Keep it to 500 characters or fewer" in response.content.decode()
    assert not YoungPersonRequest.objects.exists()


def test_nobody_else_can_ask_for_a_peer_supporter_for_them(robin):
    young_person, lead, _supporter = robin
    someone_else = YoungPersonFactory(portal_user=YoungPersonAccountFactory()).portal_user
    for actor in (lead, someone_else):
        with pytest.raises(ValidationError):
            services.peer_supporter_ask(actor=actor, young_person=young_person)
    assert not YoungPersonRequest.objects.exists()


def test_a_peer_supporter_is_matched_only_for_a_young_person_who_asked_for_one(client, robin):
    young_person, lead, supporter = robin
    client.force_login(lead)
    url = reverse("advocacy:assign", args=[young_person.pk])
    refused = client.post(url, _match_form(supporter))
    assert refused.status_code == 400
    assert services.PEER_SUPPORTER_REFUSED in refused.content.decode()
    assert not AdvocateAssignment.objects.exists()
    # Another young person's ask does not open the way for this one.
    other = YoungPersonFactory(portal_user=YoungPersonAccountFactory())
    CaseTeamMembershipFactory(young_person=other, user=lead)
    services.peer_supporter_ask(
        actor=other.portal_user, young_person=young_person.__class__.objects.get(pk=other.pk)
    )
    assert client.post(url, _match_form(supporter)).status_code == 400
    assert not AdvocateAssignment.objects.filter(young_person=young_person).exists()


def test_matching_a_peer_supporter_answers_their_ask_and_they_read_it_naming_nobody(client, robin):
    young_person, lead, supporter = robin
    _ask(client, young_person, "Someone to talk to before court")
    client.force_login(lead)
    record_page = client.get(reverse("advocacy:advocacy", args=[young_person.pk])).content.decode()
    assert "They asked for a peer supporter" in record_page
    assert "Someone to talk to before court" in record_page
    form = client.get(
        reverse("advocacy:assign", args=[young_person.pk]) + "?advocate_type=peer_supporter"
    ).content.decode()
    assert re.search(r'value="peer_supporter"\s+checked', form)

    response = client.post(
        reverse("advocacy:assign", args=[young_person.pk]), _match_form(supporter)
    )
    assert response.status_code == 302
    assignment = AdvocateAssignment.objects.get(young_person=young_person)
    assert (assignment.advocate_type, assignment.advocate) == ("peer_supporter", supporter)
    asked = YoungPersonRequest.objects.get(young_person=young_person)
    assert (asked.answer, asked.answered_by) == (services.PEER_SUPPORTER_MATCHED, lead)
    assert asked.answered_at is not None
    # Matched once: there is nothing left to match.
    assert (
        client.post(
            reverse("advocacy:assign", args=[young_person.pk]),
            _match_form(StaffFactory(role=Role.ADVOCATE)),
        ).status_code
        == 400
    )

    client.force_login(young_person.portal_user)
    page = client.get(reverse("portal:advocate")).content.decode()
    assert "You have a peer supporter" in page
    assert supporter.full_name not in page
    home = client.get(reverse("portal:home")).content.decode()
    assert "You asked for a peer supporter" in home
    assert "We have found you a peer supporter." in home


def test_a_peer_supporter_sees_the_meeting_and_its_shared_agenda_and_not_the_record(client, robin):
    young_person, lead, supporter = robin
    meeting = MeetingFactory(young_person=young_person)
    AgendaItemFactory(meeting=meeting, title="Shared item")
    AgendaItemFactory(
        meeting=meeting,
        title="Restricted item",
        visibility=AgendaItem.Visibility.PROFESSIONALS_ONLY,
        explanation_for_young_person="Part of the meeting is held without you.",
    )
    services.peer_supporter_ask(actor=young_person.portal_user, young_person=young_person)
    services.advocate_assign(
        actor=lead,
        young_person=young_person,
        advocate_type="peer_supporter",
        advocate=supporter,
        named_person="",
        starts_on=timezone.localdate(),
    )
    client.force_login(supporter)
    page = client.get(reverse("meetings:meeting", args=[meeting.pk]))
    assert page.status_code == 200
    assert "Shared item" in page.content.decode()
    assert "Restricted item" not in page.content.decode()
    assert (
        client.get(reverse("participation:young-person", args=[young_person.pk])).status_code == 404
    )
