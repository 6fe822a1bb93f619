"""Advocacy offers as events: the case team offers, the young person answers or asks."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from advocacy.models import AdvocacyEvent
from advocacy.selectors import preparation_checklist
from advocacy.services import advocacy_event_record
from tests.factories import (
    CaseTeamMembershipFactory,
    MeetingFactory,
    StaffFactory,
    YoungPersonAccountFactory,
    YoungPersonFactory,
)

pytestmark = pytest.mark.django_db
State = AdvocacyEvent.State


@pytest.fixture
def case():
    account = YoungPersonAccountFactory(username="robin")
    young_person = YoungPersonFactory(preferred_name="Robin", portal_user=account)
    worker = CaseTeamMembershipFactory(young_person=young_person).user
    return young_person, worker, account


def test_practitioner_offers_and_the_young_person_accepts_in_the_portal(client, case):
    young_person, worker, account = case
    meeting = MeetingFactory(young_person=young_person)
    client.force_login(worker)
    url = reverse("advocacy:advocacy", args=[young_person.pk])
    assert client.post(url, {"state": "offered", "meeting": meeting.pk}).status_code == 302
    client.force_login(account)
    page = client.get(reverse("portal:advocate")).content.decode()
    assert "Your worker has offered you an advocate." in page
    response = client.post(reverse("portal:advocate"), {"state": "accepted"})
    assert response.status_code == 302
    assert list(
        AdvocacyEvent.objects.order_by("recorded_at").values_list("state", "recorded_by")
    ) == [(State.OFFERED, worker.pk), (State.ACCEPTED, account.pk)]
    row = next(r for r in preparation_checklist(meeting=meeting) if r.step == "advocacy")
    assert row.done and row.state == "Accepted"
    assert row.recorded_by == "the young person, in the portal"


def test_young_person_declines_with_a_reason_and_can_ask_again_later(client, case):
    young_person, worker, account = case
    advocacy_event_record(actor=worker, young_person=young_person, state=State.OFFERED)
    client.force_login(account)
    client.post(
        reverse("portal:advocate"), {"state": "declined", "in_their_words": "Not right now"}
    )
    declined = AdvocacyEvent.objects.get(state=State.DECLINED)
    assert declined.in_their_words == "Not right now"
    assert "Ask for an advocate" in client.get(reverse("portal:advocate")).content.decode()
    client.post(reverse("portal:advocate"), {"ask": "yes"})
    assert AdvocacyEvent.objects.order_by("-recorded_at").first().state == State.ASKED


def test_young_person_cannot_answer_when_there_is_no_offer(case):
    young_person, _, account = case
    with pytest.raises(ValidationError, match="There is no offer to answer"):
        advocacy_event_record(actor=account, young_person=young_person, state=State.ACCEPTED)
    assert not AdvocacyEvent.objects.exists()


def test_young_person_cannot_refer_or_offer_themselves(case):
    young_person, worker, account = case
    advocacy_event_record(actor=worker, young_person=young_person, state=State.OFFERED)
    with pytest.raises(ValidationError, match="Choose an answer"):
        advocacy_event_record(actor=account, young_person=young_person, state=State.REFERRED)
    assert AdvocacyEvent.objects.count() == 1


def test_an_offer_to_a_young_person_outside_your_case_team_is_refused(client, case):
    young_person, _, _ = case
    with pytest.raises(ValidationError, match="Only the case team"):
        advocacy_event_record(actor=StaffFactory(), young_person=young_person, state=State.OFFERED)
    chair = MeetingFactory(young_person=young_person).chair
    client.force_login(chair)
    response = client.post(
        reverse("advocacy:advocacy", args=[young_person.pk]), {"state": "offered"}
    )
    assert response.status_code == 400
    assert not AdvocacyEvent.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Select what happened"),
        ({"state": "referred"}, "Select what happened"),  # cannot follow nothing yet
        ({"state": "offered", "note": "x" * 2001}, "2,000 characters or fewer"),
    ],
)
def test_bad_advocacy_steps_get_a_message_and_change_nothing(client, case, data, message):
    young_person, worker, _ = case
    client.force_login(worker)
    response = client.post(reverse("advocacy:advocacy", args=[young_person.pk]), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not AdvocacyEvent.objects.exists()


def test_a_meeting_of_another_young_person_is_refused(case):
    young_person, worker, _ = case
    with pytest.raises(ValidationError, match="Choose one of their meetings"):
        advocacy_event_record(
            actor=worker, young_person=young_person, state=State.OFFERED, meeting=MeetingFactory()
        )


def test_bad_portal_answers_get_a_kind_message(client, case):
    young_person, worker, account = case
    advocacy_event_record(actor=worker, young_person=young_person, state=State.OFFERED)
    client.force_login(account)
    response = client.post(reverse("portal:advocate"), {"state": "referred"})
    assert response.status_code == 400
    assert "Choose an answer" in response.content.decode()
    assert AdvocacyEvent.objects.count() == 1


def test_cse_leads_see_offers_accepted_and_declined_per_team_as_counts_only(client):
    from datetime import timedelta

    from accounts.roles import Role
    from tests.factories import OrganisationFactory

    north = OrganisationFactory(name="Northvale Children's Services")
    south = OrganisationFactory(name="Southvale Youth Service")
    for team, answer in [(north, State.ACCEPTED), (north, State.DECLINED), (south, None)]:
        account = YoungPersonAccountFactory()
        young_person = YoungPersonFactory(preferred_name="Namemarker", portal_user=account)
        worker = CaseTeamMembershipFactory(
            young_person=young_person, user=StaffFactory(organisation=team)
        ).user
        advocacy_event_record(actor=worker, young_person=young_person, state=State.OFFERED)
        if answer:
            advocacy_event_record(actor=account, young_person=young_person, state=answer)
    client.force_login(StaffFactory(role=Role.CSE_LEAD))
    html = client.get(reverse("figures:page")).content.decode()
    assert "Namemarker" not in html
    rows = re.findall(
        r"<tr class=\"govuk-table__row\">\s*<td[^>]*>(.*?)</td>(.*?)</tr>", html, re.S
    )
    found = {team: re.findall(r">(\d+)<", cells) for team, cells in rows}
    assert found == {
        "Northvale Children&#x27;s Services": ["2", "1", "1"],
        "Southvale Youth Service": ["1", "0", "0"],
    }
    AdvocacyEvent.objects.update(recorded_at=timezone.now() - timedelta(days=40))
    month = client.get(reverse("figures:page") + "?period=month")
    assert "No offers in this period." in month.content.decode()
