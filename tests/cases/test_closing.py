"""Closing a case ends every way into it; a CSE lead of the organisation reopens it."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from advocacy.models import AdvocateAssignment
from audit.models import AccessEvent
from cases.services import closed_case_portals_switch_off
from meetings.models import AgendaItem, Meeting, MeetingChange
from meetings.services import CLOSING_WORDS
from notifications.models import Kind, Notification
from participation import services as participation_services
from participation.models import CaseClosure, CaseTeamMembership, YoungPerson
from tests.factories import (
    AdvocateAssignmentFactory,
    CaseTeamMembershipFactory,
    MeetingFactory,
    OrganisationFactory,
    StaffFactory,
    YoungPersonAccountFactory,
    YoungPersonFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def case():
    north = OrganisationFactory(name="North Council")
    young_person = YoungPersonFactory(preferred_name="Sam", portal_user=YoungPersonAccountFactory())
    lead = CaseTeamMembershipFactory(
        young_person=young_person,
        user=StaffFactory(organisation=north),
        role=CaseTeamMembership.Role.LEAD_PROFESSIONAL,
    ).user
    social_worker = CaseTeamMembershipFactory(young_person=young_person).user
    chair = StaffFactory(role=Role.CSE_LEAD, organisation=north)
    future = MeetingFactory(
        young_person=young_person, chair=chair, scheduled_at=timezone.now() + timedelta(days=9)
    )
    outsider = StaffFactory()
    participation_services.young_person_grant(
        actor=chair,
        young_person=young_person,
        user=outsider,
        reason="Court next week",
        expires_on=timezone.localdate() + timedelta(days=5),
    )
    advocate = AdvocateAssignmentFactory(young_person=young_person).advocate
    return {
        "young_person": young_person,
        "lead": lead,
        "social_worker": social_worker,
        "chair": chair,
        "future": future,
        "outsider": outsider,
        "advocate": advocate,
    }


def _close(client, young_person, reason="no_further_concerns", details=""):
    return client.post(
        reverse("cases:close", args=[young_person.pk]), {"reason": reason, "details": details}
    )


def test_closing_ends_the_team_grants_advocacy_and_future_meetings_at_once(client, case):
    young_person = case["young_person"]
    client.force_login(case["lead"])
    assert _close(client, young_person).status_code == 302
    closure = CaseClosure.objects.get()
    assert (closure.closed_by, closure.organisation.name) == (case["lead"], "North Council")
    for who in ("lead", "social_worker", "outsider"):
        assert not YoungPerson.objects.visible_to(case[who]).filter(pk=young_person.pk).exists()
    assert not AdvocateAssignment.objects.in_force(timezone.localdate()).exists()
    future = Meeting.objects.get(pk=case["future"].pk)
    assert future.status == Meeting.Status.CANCELLED
    change = MeetingChange.objects.get(meeting=future)
    assert change.reason_for_young_person == CLOSING_WORDS
    assert Notification.objects.filter(
        kind=Kind.MEETING_CHANGED, recipient=young_person.portal_user
    ).exists()
    # The next request from anyone who had access is refused.
    assert (
        client.get(reverse("participation:young-person", args=[young_person.pk])).status_code == 404
    )
    client.force_login(case["outsider"])
    assert (
        client.get(reverse("participation:young-person", args=[young_person.pk])).status_code == 404
    )


def test_other_needs_words_and_a_closed_case_cannot_be_closed_again(client, case):
    young_person = case["young_person"]
    client.force_login(case["chair"])
    response = _close(client, young_person, reason="other")
    assert response.status_code == 400
    assert "Say why the case is closing" in response.content.decode()
    assert _close(client, young_person, reason="").status_code == 400
    assert _close(client, young_person, reason="made_up").status_code == 400
    assert _close(client, young_person, details="x" * 10_000).status_code == 400
    assert not CaseClosure.objects.exists()
    assert CaseTeamMembership.objects.in_force(timezone.localdate()).count() == 2
    assert (
        _close(client, young_person, reason="other", details="Moved in with family").status_code
        == 302
    )
    assert CaseClosure.objects.count() == 1


@pytest.mark.parametrize("who", ["social_worker", "outsider"])
def test_only_the_lead_professional_or_a_cse_lead_working_with_them_closes(client, case, who):
    client.force_login(case[who])
    assert _close(client, case["young_person"]).status_code in (403, 404)
    assert not CaseClosure.objects.exists()


def test_the_portal_is_read_only_once_closed_and_switched_off_after_the_window(
    client, case, settings
):
    young_person = case["young_person"]
    client.force_login(case["lead"])
    _close(client, young_person)
    client.force_login(young_person.portal_user)
    home = client.get(reverse("portal:home")).content.decode()
    assert "We have stopped holding meetings about you for now" in home
    refused = client.post(
        reverse("portal:agenda-add", args=[case["future"].pk]), {"title": "Can we talk"}
    )
    assert refused.status_code == 403
    assert "but not change them" in refused.content.decode()
    assert not AgendaItem.objects.filter(title="Can we talk").exists()
    assert closed_case_portals_switch_off() == 0
    CaseClosure.objects.update(
        closed_at=timezone.now() - timedelta(days=settings.PORTAL_READ_ONLY_DAYS, seconds=1)
    )
    assert closed_case_portals_switch_off() == 1
    young_person.portal_user.refresh_from_db()
    assert not young_person.portal_user.is_active


def test_a_cse_lead_of_the_holding_organisation_reopens_and_the_history_stays(client, case):
    young_person = case["young_person"]
    client.force_login(case["lead"])
    _close(client, young_person, reason="moved_area", details="To Southvale")
    closure = CaseClosure.objects.get()
    client.force_login(case["chair"])
    listed = client.get(reverse("cases:closed")).content.decode()
    assert reverse("cases:reopen", args=[closure.pk]) in listed
    url = reverse("cases:reopen", args=[closure.pk])
    assert client.post(url, {"reason": "back"}).status_code == 400  # too short to explain
    assert client.post(url, {"reason": "Moved back to North last week"}).status_code == 302
    closure.refresh_from_db()
    assert (closure.reopened_by, closure.reopen_reason) == (
        case["chair"],
        "Moved back to North last week",
    )
    membership = CaseTeamMembership.objects.in_force(timezone.localdate()).get(
        young_person=young_person
    )
    assert (membership.user, membership.role) == (case["chair"], "lead_professional")
    record = client.get(reverse("participation:young-person", args=[young_person.pk]))
    page = record.content.decode()
    assert "Closed " in page and "To Southvale" in page and "Moved back to North" in page
    assert client.post(url, {"reason": "Moved back to North again"}).status_code == 404


def test_a_cse_lead_elsewhere_or_a_practitioner_cannot_see_or_reopen_a_closed_case(client, case):
    client.force_login(case["lead"])
    _close(client, case["young_person"])
    closure = CaseClosure.objects.get()
    client.force_login(StaffFactory(role=Role.CSE_LEAD))
    assert (
        reverse("cases:reopen", args=[closure.pk])
        not in client.get(reverse("cases:closed")).content.decode()
    )
    assert (
        client.post(
            reverse("cases:reopen", args=[closure.pk]), {"reason": "Reopening it for a test"}
        ).status_code
        == 404
    )
    client.force_login(case["lead"])
    assert client.get(reverse("cases:closed")).status_code == 404
    assert CaseClosure.objects.get().reopened_at is None


def test_the_transfer_summary_is_printable_recorded_and_readable_after_closing_by_the_leads(
    client, case
):
    young_person = case["young_person"]
    client.force_login(case["lead"])
    url = reverse("cases:transfer-summary", args=[young_person.pk])
    page = client.get(url).content.decode()
    assert "Transfer summary" in page and "Print this page" in page
    assert AccessEvent.objects.filter(what="transfer summary", action="export").count() == 1
    _close(client, young_person, reason="moved_area", details="To Southvale")
    assert client.get(url).status_code == 404
    client.force_login(case["chair"])
    assert "To Southvale" in client.get(url).content.decode()
    client.force_login(StaffFactory(role=Role.CSE_LEAD))
    assert client.get(url).status_code == 404


def test_closing_declines_waiting_requests_for_access_and_refuses_new_ones(client, case):
    from participation.models import AccessRequest

    young_person = case["young_person"]
    asker = StaffFactory()
    AccessRequest.objects.create(young_person=young_person, requested_by=asker, reason="Court")
    client.force_login(case["lead"])
    _close(client, young_person)
    asked = AccessRequest.objects.get()
    assert (asked.status, asked.answered_by) == ("declined", case["lead"])
    assert "The case was closed" in asked.answer_reason
    assert Notification.objects.filter(kind=Kind.ACCESS_REQUEST_ANSWERED, recipient=asker).exists()
    client.force_login(StaffFactory())
    response = client.post(
        reverse("participation:access-request", args=[young_person.pk]),
        {"reason": "Supporting him at court next week"},
    )
    assert response.status_code == 400
    assert "case is closed" in response.content.decode()
    assert AccessRequest.objects.count() == 1
