"""Consent and identity decisions: recorded kindly, refused clearly, and never rewritten."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from consent import services
from consent.models import IdentityDecision, MadeBy, SharingDecision
from consent.selectors import consent_can_record, reviews_due, sharing_in_force
from tests.conftest import require
from tests.factories import (
    CaseTeamMembershipFactory,
    OrganisationFactory,
    StaffFactory,
    YoungPersonAccountFactory,
    YoungPersonFactory,
)

pytestmark = pytest.mark.django_db

LATER = timezone.localdate() + timedelta(days=90)


@pytest.fixture
def case():
    account = YoungPersonAccountFactory(username="robin")
    young_person = YoungPersonFactory(
        preferred_name="Robin", legal_name="Roberta Smith", portal_user=account
    )
    worker = CaseTeamMembershipFactory(young_person=young_person).user
    return young_person, worker, account


def _identity(actor, young_person, **overrides):
    fields = {
        "context": "meeting_records",
        "choice": "pseudonym",
        "pseudonym": "Sparrow",
        "their_words": "",
        "made_by": MadeBy.WITH_WORKER,
        "review_on": LATER,
    }
    return services.identity_decision_record(
        actor=actor, young_person=young_person, **{**fields, **overrides}
    )


def _sharing(actor, young_person, **overrides):
    if "organisation" not in overrides:
        overrides["organisation"] = OrganisationFactory()
    fields = {
        "purpose": "to plan help at college",
        "share": True,
        "basis": "consent",
        "rationale": "Robin asked for help with lessons",
        "their_words": "",
        "made_by": MadeBy.WITH_WORKER,
        "review_on": LATER,
    }
    return services.sharing_decision_record(
        actor=actor, young_person=young_person, **{**fields, **overrides}
    )


@pytest.mark.parametrize("pseudonym", ["Robin", "robin ", "Roberta", "SMITH", "Roberta Smith"])
def test_a_chosen_name_equal_to_their_real_name_is_refused(case, pseudonym):
    young_person, worker, _ = case
    with pytest.raises(ValidationError, match="different from their real name"):
        _identity(worker, young_person, pseudonym=pseudonym)
    assert not IdentityDecision.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"pseudonym": ""}, "Enter the name they chose"),
        ({"review_on": timezone.localdate()}, "The review date must be in the future"),
        ({"review_on": timezone.localdate() - timedelta(days=1)}, "must be in the future"),
        ({"review_on": None}, "Enter a review date"),
        ({"context": "newspaper"}, "Select where the name is used"),
        ({"choice": "nickname"}, "Select how they want to be named"),
        ({"made_by": "in_portal"}, "Select whose decision this is"),
    ],
)
def test_bad_identity_decisions_are_refused_and_change_nothing(case, overrides, message):
    young_person, worker, _ = case
    with pytest.raises(ValidationError, match=message):
        _identity(worker, young_person, **overrides)
    assert not IdentityDecision.objects.exists()


def test_someone_off_the_case_team_cannot_record_a_decision(case):
    young_person, _, _ = case
    with pytest.raises(ValidationError, match="Only the case team"):
        _identity(StaffFactory(), young_person)
    with pytest.raises(ValidationError, match="Only the case team"):
        _sharing(StaffFactory(), young_person)


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"basis": ""}, "Select the lawful basis for sharing"),
        ({"basis": "because"}, "Select the lawful basis for sharing"),
        ({"made_by": MadeBy.PROFESSIONAL}, "Consent is the young person's to give"),
        ({"rationale": ""}, "This field cannot be blank"),
        ({"review_on": timezone.localdate() - timedelta(days=3)}, "must be in the future"),
    ],
)
def test_bad_sharing_decisions_are_refused_and_change_nothing(case, overrides, message):
    young_person, worker, _ = case
    with pytest.raises(ValidationError, match=message):
        _sharing(worker, young_person, **overrides)
    assert not SharingDecision.objects.exists()


def test_a_professional_decision_to_share_names_a_basis_other_than_consent(case):
    young_person, worker, _ = case
    decision = _sharing(worker, young_person, basis="public_task", made_by=MadeBy.PROFESSIONAL)
    assert decision.basis == "public_task"


def test_a_decision_not_to_share_needs_no_basis_and_replaces_the_earlier_one(case):
    young_person, worker, _ = case
    college = OrganisationFactory(name="Northvale College")
    _sharing(worker, young_person, organisation=college)
    _sharing(worker, young_person, organisation=college, share=False, basis="consent")
    in_force = sharing_in_force(young_person=young_person)
    assert [(d.share, d.basis) for d in in_force] == [(False, "")]
    assert SharingDecision.objects.count() == 2


def test_postgresql_refuses_to_change_or_delete_decisions(case):
    require(connection.vendor == "postgresql", "needs PostgreSQL: set DATABASE_URL")
    young_person, worker, _ = case
    decision = _identity(worker, young_person)
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(
            "UPDATE consent_identitydecision SET choice = 'anonymous' WHERE id = %s",
            [decision.pk.hex],
        )
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("DELETE FROM consent_identitydecision")
    assert IdentityDecision.objects.get().choice == "pseudonym"


def test_the_database_refuses_to_change_a_sharing_decision(case):
    young_person, worker, _ = case
    decision = _sharing(worker, young_person)
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(
            "UPDATE consent_sharingdecision SET share = false WHERE id = %s", [decision.pk.hex]
        )
    assert SharingDecision.objects.get().share is True


def test_a_decision_past_its_review_date_is_flagged_to_the_case_team(client, case):
    young_person, worker, _ = case
    _identity(worker, young_person, review_on=timezone.localdate() + timedelta(days=1))
    _sharing(worker, young_person, review_on=timezone.localdate() + timedelta(days=2))
    assert reviews_due(young_person=young_person) == []
    tomorrow = timezone.localdate() + timedelta(days=1)
    assert reviews_due(young_person=young_person, on=tomorrow) == [
        "How they are named in meeting records shared with other agencies"
    ]
    client.force_login(worker)
    page = client.get(reverse("participation:young-person", args=[young_person.pk]))
    assert "due for review" not in page.content.decode()


def test_a_decision_due_for_review_today_is_flagged_on_the_record_page(client, case, monkeypatch):
    young_person, worker, _ = case
    tomorrow = timezone.localdate() + timedelta(days=1)
    _identity(worker, young_person, review_on=tomorrow)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: tomorrow)  # a day on
    client.force_login(worker)
    page = client.get(reverse("participation:young-person", args=[young_person.pk]))
    assert "1 decision due for review with them" in page.content.decode()


def test_a_sharing_decision_due_for_review_is_flagged_too(case, monkeypatch):
    young_person, worker, _ = case
    tomorrow = timezone.localdate() + timedelta(days=1)
    decision = _sharing(worker, young_person, review_on=tomorrow)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: tomorrow)
    assert reviews_due(young_person=young_person) == [
        f"Sharing with {decision.organisation} for to plan help at college"
    ]


def test_only_the_case_team_and_the_young_person_themselves_may_record_decisions(case):
    young_person, worker, account = case
    assert consent_can_record(user=worker, young_person=young_person)
    assert consent_can_record(user=account, young_person=young_person)
    assert not consent_can_record(user=YoungPersonAccountFactory(), young_person=young_person)
    assert not consent_can_record(user=StaffFactory(), young_person=young_person)


# --- the case team's pages ------------------------------------------------------------------


def test_case_team_records_a_naming_decision_in_the_browser(client, case):
    young_person, worker, _ = case
    client.force_login(worker)
    url = reverse("consent:identity-record", args=[young_person.pk])
    response = client.post(
        url,
        {
            "context": "meeting_records",
            "choice": "pseudonym",
            "pseudonym": "Sparrow",
            "made_by": "with_worker",
            "their_words": "I don't want my name going round",
            "review_on_0": LATER.day,
            "review_on_1": LATER.month,
            "review_on_2": LATER.year,
        },
    )
    assert response.status_code == 302
    overview = client.get(response.url).content.decode()
    assert "Sparrow" in overview
    assert "I don&#x27;t want my name going round" in overview


def test_a_bad_naming_form_is_shown_again_with_its_message(client, case):
    young_person, worker, _ = case
    client.force_login(worker)
    url = reverse("consent:identity-record", args=[young_person.pk])
    response = client.post(
        url,
        {
            "context": "meeting_records",
            "choice": "pseudonym",
            "pseudonym": "robin",
            "made_by": "with_worker",
            "review_on_0": LATER.day,
            "review_on_1": LATER.month,
            "review_on_2": LATER.year,
        },
    )
    assert response.status_code == 400
    assert "A chosen name must be different from their real name" in response.content.decode()
    assert not IdentityDecision.objects.exists()


def test_case_team_records_sharing_and_reads_the_log(client, case):
    young_person, worker, _ = case
    college = OrganisationFactory(name="Northvale College")
    client.force_login(worker)
    url = reverse("consent:sharing-record", args=[young_person.pk])
    data = {
        "organisation": college.pk,
        "purpose": "to plan help at college",
        "share": "yes",
        "rationale": "Robin asked for it",
        "made_by": "with_worker",
        "review_on_0": LATER.day,
        "review_on_1": LATER.month,
        "review_on_2": LATER.year,
    }
    refused = client.post(url, data)
    assert refused.status_code == 400
    assert "Select the lawful basis for sharing" in refused.content.decode()
    assert not SharingDecision.objects.exists()
    assert client.post(url, {**data, "basis": "consent"}).status_code == 302
    log = client.get(reverse("consent:overview", args=[young_person.pk])).content.decode()
    assert "Share with Northvale College, to plan help at college" in log
    assert "Consent" in log


# --- the young person's side ----------------------------------------------------------------


def test_young_person_changes_their_name_in_the_portal_and_it_is_their_own_decision(client, case):
    _, _, account = case
    client.force_login(account)
    url = reverse("portal:naming-change", args=["meeting_records"])
    response = client.post(url, {"choice": "pseudonym", "pseudonym": "Sparrow"})
    assert response.status_code == 302
    decision = IdentityDecision.objects.get()
    assert decision.made_by == MadeBy.IN_PORTAL and decision.recorded_by == account
    assert decision.review_on > timezone.localdate()
    choices = client.get(reverse("portal:choices")).content.decode()
    assert "The name you chose: Sparrow" in choices


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Choose how you want to be named"),
        ({"choice": "pseudonym"}, "Enter the name they chose"),
        ({"choice": "pseudonym", "pseudonym": "Robin"}, "different from their real name"),
        ({"choice": "first_name", "their_words": "x" * 2001}, "2,000 characters or fewer"),
    ],
)
def test_bad_portal_naming_choices_get_a_message_and_change_nothing(client, case, data, message):
    _, _, account = case
    client.force_login(account)
    response = client.post(reverse("portal:naming-change", args=["training"]), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not IdentityDecision.objects.exists()


def test_an_unknown_naming_place_in_the_portal_is_not_found(client, case):
    _, _, account = case
    client.force_login(account)
    assert client.get(reverse("portal:naming-change", args=["newspaper"])).status_code == 404


def test_the_portal_shows_sharing_in_plain_words_and_never_the_legal_name(client, case):
    young_person, worker, account = case
    _sharing(worker, young_person)
    _sharing(
        worker,
        young_person,
        organisation=OrganisationFactory(name="Southvale Police"),
        purpose="to keep you safe",
        basis="public_task",
        made_by=MadeBy.PROFESSIONAL,
    )
    _identity(worker, young_person, choice="full_name", pseudonym="")
    client.force_login(account)
    html = client.get(reverse("portal:choices")).content.decode()
    assert "We share your information with them because you said yes." in html
    assert "because it is part of our job to help keep you safe" in html
    assert "My full name" in html
    assert "Roberta" not in html and "Smith" not in html
    assert "Public task" not in html and "lawful" not in html.lower()
