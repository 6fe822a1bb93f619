"""A subject access export holds everything about a young person, is made only by their lead
professional or a CSE lead working with them after confirming who they are, is recorded as
an export, marks what needs review, and never holds a secret."""

import json
from datetime import timedelta

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from audit.models import AccessEvent
from cases.subject_access import LEFT_OUT, SECTIONS
from consent.services import identity_decision_record
from meetings.models import AgendaItem, Decision, YoungPersonViews
from participation.models import CaseTeamMembership, PersonWhoMatters
from portal.models import PortalInvitation
from tests.factories import (
    AgendaItemFactory,
    CaseTeamMembershipFactory,
    MeetingFactory,
    StaffFactory,
    YoungPersonAccountFactory,
    YoungPersonFactory,
)
from tests.registry import models_tied_to_a_young_person
from tests.signin.phone import confirmed_just_now

pytestmark = pytest.mark.django_db

HELD_WITHOUT = "Intelligence about an adult"


def _tied_to_a_young_person() -> set[str]:
    """Every model that points at a young person, and every model that names one by id."""
    named = {
        model
        for model in apps.get_models()
        if any(field.name == "young_person_id" for field in model._meta.concrete_fields)
    }
    return {model._meta.label for model in models_tied_to_a_young_person() | named}


def test_every_model_tied_to_a_young_person_is_exported_or_left_out_with_a_reason():
    exported = {section.model._meta.label for section in SECTIONS}
    tied = _tied_to_a_young_person()
    assert "meetings.AgendaItem" in tied and "audit.AccessEvent" in tied  # the walk works
    assert tied - exported - set(LEFT_OUT) == set()
    assert all(reason.strip() for reason in LEFT_OUT.values())


@pytest.fixture
def robin():
    account = YoungPersonAccountFactory(username="robin")
    young_person = YoungPersonFactory(
        preferred_name="Robin", legal_name="Robin Example", portal_user=account
    )
    lead = CaseTeamMembershipFactory(
        young_person=young_person, role=CaseTeamMembership.Role.LEAD_PROFESSIONAL
    ).user
    meeting = MeetingFactory(young_person=young_person)
    AgendaItemFactory(
        meeting=meeting, title="Seeing my brother", proposed_by=AgendaItem.ProposedBy.YOUNG_PERSON
    )
    AgendaItemFactory(
        meeting=meeting,
        title=HELD_WITHOUT,
        visibility=AgendaItem.Visibility.PROFESSIONALS_ONLY,
        explanation_for_young_person="Part of it is about other people.",
    )
    YoungPersonViews.objects.create(
        meeting=meeting, text="I want to go back to school", source="written", recorded_by=account
    )
    Decision.objects.create(
        meeting=meeting,
        decision="Weekend stays at nan's",
        reason="Safer at weekends",
        explanation_for_young_person="You can stay at your nan's at weekends.",
        recorded_by=meeting.chair,
    )
    identity_decision_record(
        actor=account,
        young_person=young_person,
        context="training",
        choice="pseudonym",
        pseudonym="Sparrow",
        their_words="",
        made_by="young_person",
        review_on=None,
    )
    PersonWhoMatters.objects.create(
        young_person=young_person, name="Pat Jones", relationship="Nan", added_by=lead
    )
    PortalInvitation.objects.create(
        young_person=young_person,
        code_digest="secret-digest-never-exported",
        issued_by=lead,
        expires_at=timezone.now() + timedelta(days=7),
    )
    return young_person, lead, meeting


def _url(young_person):
    return reverse("cases:subject-access", args=[young_person.pk])


def _exports(young_person):
    return AccessEvent.objects.filter(
        young_person_id=young_person.pk, action=AccessEvent.Action.EXPORT
    )


def test_the_lead_professional_is_asked_to_confirm_who_they_are_before_anything_is_made(
    client, robin
):
    young_person, lead, _meeting = robin
    client.force_login(lead)
    assert "Subject access export" in client.get(_url(young_person)).content.decode()
    response = client.post(_url(young_person), {"format": "json"})
    assert response.status_code == 302 and reverse("signin:confirm") in response.url
    assert not _exports(young_person).exists()
    assert client.post(_url(young_person), {"format": "pdf"}).status_code == 400


def test_the_readable_copy_holds_their_words_decisions_naming_and_its_own_export_event(
    client, robin
):
    young_person, lead, _meeting = robin
    client.force_login(lead)
    confirmed_just_now(client)
    response = client.post(_url(young_person), {"format": "html"})
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    page = response.content.decode()
    for words in (
        "Information held about Robin Example",
        "Seeing my brother",
        "I want to go back to school",
        "You can stay at your nan&#x27;s at weekends.",
        "Sparrow",
        "subject access export",
        "Exported",
    ):
        assert words in page, words
    [event] = _exports(young_person)
    assert (event.actor, event.outcome, event.what) == (lead, "allowed", "subject access export")
    assert "secret-digest-never-exported" not in page


def test_the_data_file_holds_the_same_and_marks_what_to_check_before_release(client, robin):
    young_person, lead, _meeting = robin
    client.force_login(lead)
    confirmed_just_now(client)
    response = client.post(_url(young_person), {"format": "json"})
    assert response["Content-Disposition"] == (
        f'attachment; filename="subject-access-{young_person.pk}.json"'
    )
    data = json.loads(response.content)
    sections = data["sections"]
    items = sections["meetings.AgendaItem"]["rows"]
    assert {item["title"] for item in items} == {"Seeing my brother", HELD_WITHOUT}
    held = next(item for item in items if item["title"] == HELD_WITHOUT)
    assert held["check_before_release"].startswith("Held without them")
    assert sections["meetings.YoungPersonViews"]["rows"][0]["text"] == (
        "I want to go back to school"
    )
    [decision] = sections["meetings.Decision"]["rows"]
    assert decision["explanation_for_young_person"] == "You can stay at your nan's at weekends."
    assert sections["meetings.Decision"]["check_before_release"]
    assert sections["consent.IdentityDecision"]["rows"][0]["pseudonym"] == "Sparrow"
    assert sections["participation.PersonWhoMatters"]["check_before_release"]
    assert [row["username"] for row in sections["accounts.User"]["rows"]] == ["robin"]
    exports = [row for row in sections["audit.AccessEvent"]["rows"] if row["action"] == "export"]
    assert len(exports) == 1
    text = response.content.decode()
    assert "secret-digest-never-exported" not in text and "pbkdf2" not in text
    assert "code_digest" not in text and "password" not in text


@pytest.mark.parametrize("who", ["social_worker", "stranger", "cse_lead_elsewhere"])
def test_nobody_else_makes_one_and_it_looks_missing_to_them(client, robin, who):
    young_person, _lead, _meeting = robin
    user = {
        "social_worker": lambda: (
            CaseTeamMembershipFactory(
                young_person=young_person, role=CaseTeamMembership.Role.SOCIAL_WORKER
            ).user
        ),
        "stranger": StaffFactory,
        "cse_lead_elsewhere": lambda: StaffFactory(role=Role.CSE_LEAD),
    }[who]()
    client.force_login(user)
    confirmed_just_now(client)
    assert client.get(_url(young_person)).status_code == 404
    assert client.post(_url(young_person), {"format": "json"}).status_code == 404
    # The attempt is on the record, refused; nothing was exported.
    assert [e.outcome for e in _exports(young_person)] == ["denied"]
