"""Finding a young person, and asking for access to a record someone else holds."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from audit.models import AccessEvent
from notifications.models import Kind, Notification
from participation.models import AccessRequest, CaseTeamMembership, YoungPerson
from participation.selectors import SEARCH_RESULTS
from tests.factories import (
    CaseTeamMembershipFactory,
    OrganisationFactory,
    StaffFactory,
    YoungPersonFactory,
)

pytestmark = pytest.mark.django_db

BORN = date(2010, 8, 21)


def _find(client, name, born=None):
    form = {"name": name}
    if born:
        form |= {"date_of_birth_0": born.day, "date_of_birth_1": born.month}
        form |= {"date_of_birth_2": born.year}
    return client.post(reverse("participation:find"), form)


@pytest.fixture
def held():
    """Sam Taylor, held by North; a lead professional there."""
    lead = StaffFactory(organisation=OrganisationFactory(name="North Council"))
    young_person = YoungPersonFactory(
        preferred_name="Sam", legal_name="Sam Taylor", date_of_birth=BORN, pronouns="he/him"
    )
    CaseTeamMembershipFactory(
        young_person=young_person, user=lead, role=CaseTeamMembership.Role.LEAD_PROFESSIONAL
    )
    return lead, young_person


@pytest.fixture
def outsider(client):
    outsider = StaffFactory(organisation=OrganisationFactory(name="South Police"))
    client.force_login(outsider)
    return outsider


def test_search_finds_the_young_people_one_works_with_by_part_of_a_name(client, held):
    lead, young_person = held
    client.force_login(lead)
    page = _find(client, "tay").content.decode()
    assert reverse("participation:young-person", args=[young_person.pk]) in page


def test_a_partial_match_outside_ones_scope_reveals_nothing(client, held, outsider):
    _lead, young_person = held
    for name, born in (("Sam", None), ("Sam Taylor", None), ("Sam Tay", BORN), ("Sam", BORN)):
        response = _find(client, name, born)
        page = response.content.decode()
        assert response.status_code == 200
        assert str(young_person.pk) not in page and "North Council" not in page
        assert "A record exists" not in page and "he/him" not in page
    assert not AccessEvent.objects.filter(young_person_id=young_person.pk).exists()


def test_an_exact_name_and_birth_date_outside_ones_scope_says_only_who_holds_it(
    client, held, outsider
):
    _lead, young_person = held
    page = _find(client, "  sam   TAYLOR ", BORN).content.decode()
    assert "A record exists, held by North Council" in page
    assert "Ask a CSE lead at North Council for access, or use emergency access" in page
    assert "Sam" not in page.split("A record exists")[1].split("</div>")[0]
    assert reverse("participation:access-request", args=[young_person.pk]) in page
    event = AccessEvent.objects.get(young_person_id=young_person.pk)
    assert (event.actor, event.what) == (outsider, "search: a record exists")


def test_search_terms_are_posted_and_never_put_in_the_address(client, held, outsider):
    assert client.get(reverse("participation:find"), {"name": "Sam Taylor"}).status_code == 200
    page = client.get(reverse("participation:find")).content.decode()
    assert 'method="post"' in page


def test_search_costs_the_same_queries_for_one_match_and_for_a_hundred(client):
    lead = StaffFactory()
    client.force_login(lead)
    CaseTeamMembershipFactory(user=lead, young_person=YoungPersonFactory(legal_name="Alex One"))
    _find(client, "Alex")
    with CaptureQueriesContext(connection) as one:
        links_to_one = _find(client, "Alex").content.decode().count('href="/young-people/')
    for number in range(99):
        CaseTeamMembershipFactory(
            user=lead, young_person=YoungPersonFactory(legal_name=f"Alex {number}")
        )
    with CaptureQueriesContext(connection) as hundred:
        page = _find(client, "Alex").content.decode()
    assert page.count('href="/young-people/') - links_to_one == SEARCH_RESULTS - 1
    assert len(hundred) == len(one)


def _ask(client, young_person, reason="Supporting him at court next week"):
    return client.post(
        reverse("participation:access-request", args=[young_person.pk]), {"reason": reason}
    )


def test_asking_shows_nothing_of_the_record_and_tells_whoever_may_answer(client, held, outsider):
    lead, young_person = held
    form = client.get(reverse("participation:access-request", args=[young_person.pk]))
    assert "Sam" not in form.content.decode() and "he/him" not in form.content.decode()
    assert _ask(client, young_person).status_code == 302
    asked = AccessRequest.objects.get()
    assert (asked.requested_by, asked.status) == (outsider, "waiting")
    notice = Notification.objects.get(kind=Kind.ACCESS_REQUESTED, channel="in_app")
    assert notice.recipient == lead
    assert _ask(client, young_person).status_code == 400  # asked already
    assert AccessRequest.objects.count() == 1


def test_a_short_reason_is_refused_and_nothing_is_asked(client, held, outsider):
    _lead, young_person = held
    response = _ask(client, young_person, reason="need")
    assert response.status_code == 400
    assert "Explain in a sentence" in response.content.decode()
    assert not AccessRequest.objects.exists()


def test_the_lead_professional_gives_timed_access_and_the_asker_is_told(client, held, outsider):
    lead, young_person = held
    _ask(client, young_person)
    asked = AccessRequest.objects.get()
    client.force_login(lead)
    record = client.get(reverse("participation:young-person", args=[young_person.pk]))
    answer_url = reverse("participation:access-answer", args=[young_person.pk, asked.pk])
    assert answer_url in record.content.decode()
    last_day = timezone.localdate() + timedelta(days=7)
    response = client.post(
        answer_url,
        {
            "answer": "give",
            "expires_on_0": last_day.day,
            "expires_on_1": last_day.month,
            "expires_on_2": last_day.year,
        },
    )
    assert response.status_code == 302
    asked.refresh_from_db()
    assert asked.status == "granted" and asked.grant.user == outsider
    assert (
        Notification.objects.get(kind=Kind.ACCESS_REQUEST_ANSWERED, channel="in_app").recipient
        == outsider
    )
    assert YoungPerson.objects.visible_to(outsider).filter(pk=young_person.pk).exists()
    client.force_login(outsider)
    mine = client.get(reverse("participation:access-requests-mine")).content.decode()
    assert "Access given" in mine
    assert reverse("participation:young-person", args=[young_person.pk]) in mine


def test_declining_needs_a_reason_which_the_asker_reads(client, held, outsider):
    lead, young_person = held
    _ask(client, young_person)
    asked = AccessRequest.objects.get()
    client.force_login(lead)
    url = reverse("participation:access-answer", args=[young_person.pk, asked.pk])
    assert client.post(url, {"answer": "decline", "reason": ""}).status_code == 400
    assert client.post(url, {"answer": "decline", "reason": "Speak to me first"}).status_code == 302
    assert not YoungPerson.objects.visible_to(outsider).filter(pk=young_person.pk).exists()
    client.force_login(outsider)
    mine = client.get(reverse("participation:access-requests-mine")).content.decode()
    assert "Declined" in mine and "Speak to me first" in mine
    assert "Sam" not in mine


def test_an_answered_request_cannot_be_answered_again(client, held, outsider):
    lead, young_person = held
    _ask(client, young_person)
    asked = AccessRequest.objects.get()
    client.force_login(lead)
    url = reverse("participation:access-answer", args=[young_person.pk, asked.pk])
    client.post(url, {"answer": "decline", "reason": "Not now"})
    assert client.post(url, {"answer": "decline", "reason": "Again"}).status_code == 404
    asked.refresh_from_db()
    assert asked.answer_reason == "Not now"


def test_a_cse_lead_with_a_grant_cannot_answer_requests(client, held, outsider):
    _lead, young_person = held
    _ask(client, young_person)
    asked = AccessRequest.objects.get()
    reader = StaffFactory(role=Role.CSE_LEAD)
    from participation.services import _grant

    _grant(
        kind="grant",
        young_person=young_person,
        user=reader,
        granted_by=_lead,
        reason="Reading",
        expires_at=timezone.now() + timedelta(days=1),
    )
    client.force_login(reader)
    url = reverse("participation:access-answer", args=[young_person.pk, asked.pk])
    assert client.post(url, {"answer": "decline", "reason": "No"}).status_code == 403
    assert AccessRequest.objects.get().status == "waiting"


@pytest.mark.parametrize(
    ("form", "message"),
    [
        ({"name": ""}, "Enter a name"),
        ({"name": "   "}, "Enter a name"),
        ({"name": "S" * 10_000}, "2000 characters or fewer"),
        ({"name": "Sam", "date_of_birth_0": "31", "date_of_birth_1": "2"}, None),
        (
            {
                "name": "Sam",
                "date_of_birth_0": "31",
                "date_of_birth_1": "2",
                "date_of_birth_2": "2011",
            },
            "must be a real date",
        ),
    ],
)
def test_a_bad_search_says_what_to_fix_and_never_fails(client, held, outsider, form, message):
    response = client.post(reverse("participation:find"), form)
    assert response.status_code in (200, 400)
    if message:
        assert response.status_code == 400 and message in response.content.decode()
    assert "A record exists" not in response.content.decode()


def test_an_over_long_reason_for_asking_is_refused(client, held, outsider):
    _lead, young_person = held
    response = _ask(client, young_person, reason="r" * 10_000)
    assert response.status_code == 400
    assert "2000 characters or fewer" in response.content.decode()
    assert not AccessRequest.objects.exists()


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        ({"answer": "give"}, "Enter the last day of access"),
        ({"answer": "give", "days": 31}, "between today and 30 days away"),
        ({"answer": "give", "days": -1}, "between today and 30 days away"),
        ({"answer": "maybe"}, "Select a valid choice"),
        ({}, "Choose whether to give access"),
    ],
)
def test_a_bad_answer_says_what_to_fix_and_gives_nothing(client, held, outsider, answer, message):
    lead, young_person = held
    _ask(client, young_person)
    asked = AccessRequest.objects.get()
    client.force_login(lead)
    form = {key: value for key, value in answer.items() if key != "days"}
    if "days" in answer:
        day = timezone.localdate() + timedelta(days=answer["days"])
        form |= {"expires_on_0": day.day, "expires_on_1": day.month, "expires_on_2": day.year}
    response = client.post(
        reverse("participation:access-answer", args=[young_person.pk, asked.pk]), form
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert AccessRequest.objects.get().status == "waiting"
    assert not YoungPerson.objects.visible_to(outsider).filter(pk=young_person.pk).exists()
