from datetime import timedelta

import pytest
from django.core import mail
from django.db.models.deletion import ProtectedError
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from accounts.roles import Role
from audit.models import AccessEvent
from notifications.models import Channel, Kind, Notification, Status
from participation import services
from participation.models import YoungPerson, YoungPersonUserObjectPermission
from tests.factories import (
    CaseTeamMembershipFactory,
    MeetingFactory,
    StaffFactory,
    YoungPersonFactory,
)
from tests.signin.phone import confirmed_just_now

pytestmark = pytest.mark.django_db


@pytest.fixture
def chaired():
    young_person = YoungPersonFactory(preferred_name="Robin")
    lead = StaffFactory(role=Role.CSE_LEAD, email="lead@example.test")
    MeetingFactory(young_person=young_person, chair=lead)
    return lead, young_person


def _grant_form(user, days=3, reason="Covering while the social worker is away"):
    last_day = timezone.localdate() + timedelta(days=days)
    return {
        "user": str(user.pk),
        "reason": reason,
        "expires_on_0": last_day.day,
        "expires_on_1": last_day.month,
        "expires_on_2": last_day.year,
    }


def test_cse_lead_grants_temporary_access_that_ends_by_itself(client, chaired):
    lead, young_person = chaired
    practitioner = StaffFactory()
    client.force_login(lead)
    response = client.post(
        reverse("participation:grant-create", args=[young_person.pk]),
        _grant_form(practitioner),
        follow=True,
    )
    assert "can see this record until" in response.content.decode()
    assert list(YoungPerson.objects.visible_to(practitioner)) == [young_person]
    YoungPersonUserObjectPermission.objects.update(expires_at=timezone.now())
    assert not YoungPerson.objects.visible_to(practitioner).exists()


@pytest.mark.parametrize(
    ("form", "message"),
    [
        ({"reason": ""}, "Enter why they need access"),
        ({"days": -1}, "The last day must be between today and 30 days away"),
        ({"days": 31}, "The last day must be between today and 30 days away"),
    ],
)
def test_bad_grant_input_gets_a_clear_message_and_grants_nothing(client, chaired, form, message):
    lead, young_person = chaired
    practitioner = StaffFactory()
    client.force_login(lead)
    response = client.post(
        reverse("participation:grant-create", args=[young_person.pk]),
        _grant_form(practitioner, **form),
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not YoungPersonUserObjectPermission.objects.exists()


def test_practitioner_cannot_grant_access_even_to_their_own_young_person(client):
    membership = CaseTeamMembershipFactory()
    client.force_login(membership.user)
    url = reverse("participation:grant-create", args=[membership.young_person.pk])
    # They can see the record, so the refusal says who can do it, rather than "not found".
    response = client.post(url, _grant_form(StaffFactory()))
    assert response.status_code == 403
    assert "Only a CSE lead who chairs an open meeting" in response.content.decode()
    assert not YoungPersonUserObjectPermission.objects.exists()


def test_a_young_person_with_a_grant_cannot_be_deleted_and_the_grant_opens_nothing_new(chaired):
    lead, young_person = chaired
    practitioner = StaffFactory()
    services.young_person_grant(
        actor=lead,
        young_person=young_person,
        user=practitioner,
        reason="Covering",
        expires_on=timezone.localdate(),
    )
    with pytest.raises(ProtectedError):
        young_person.delete()
    assert YoungPersonUserObjectPermission.objects.get().content_object == young_person
    newcomer = YoungPersonFactory()
    assert not YoungPerson.objects.visible_to(practitioner).filter(pk=newcomer.pk).exists()


def _break_glass(client, young_person_id, reason="Police called: she is missing tonight"):
    """Break-glass a moment after confirming who you are (password and code: tests/signin)."""
    confirmed_just_now(client)
    return client.post(
        reverse("participation:break-glass", args=[young_person_id]), {"reason": reason}
    )


def test_break_glass_opens_one_record_for_four_hours_and_tells_the_cse_leads(
    client, chaired, password, django_capture_on_commit_callbacks
):
    _lead, young_person = chaired
    YoungPersonFactory()
    stranger = StaffFactory()
    client.force_login(stranger)
    with django_capture_on_commit_callbacks(execute=True):
        response = _break_glass(client, young_person.pk)
    assert response.url == reverse("participation:young-person", args=[young_person.pk])
    assert list(YoungPerson.objects.visible_to(stranger)) == [young_person]
    grant = YoungPersonUserObjectPermission.objects.get()
    assert (
        timedelta(hours=3, minutes=59) < grant.expires_at - grant.granted_at <= timedelta(hours=4)
    )
    [alert] = mail.outbox
    assert alert.to == ["lead@example.test"]
    assert "Robin" not in alert.subject + alert.body
    assert AccessEvent.objects.get(what="break-glass").outcome == "allowed"
    grant.expires_at = timezone.now()
    grant.save()
    page = client.get(reverse("participation:young-person", args=[young_person.pk]))
    assert page.status_code == 404


def test_break_glass_first_asks_you_to_confirm_it_is_you_and_then_comes_back(client, chaired):
    _lead, young_person = chaired
    client.force_login(StaffFactory())
    url = reverse("participation:break-glass", args=[young_person.pk])
    for response in (client.get(url), client.post(url, {"reason": "Police called: missing"})):
        assert response.status_code == 302
        assert response.url == reverse("signin:confirm") + "?" + urlencode({"next": url})
    assert not YoungPersonUserObjectPermission.objects.exists()


@pytest.mark.parametrize(
    ("reason", "message"),
    [
        ("urgent", "Explain in a sentence why you need this record now"),
        ("", "Explain in a sentence why you need this record now"),
    ],
)
def test_break_glass_needs_a_reason(client, chaired, reason, message):
    _lead, young_person = chaired
    client.force_login(StaffFactory())
    response = _break_glass(client, young_person.pk, reason)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not YoungPersonUserObjectPermission.objects.exists()
    assert mail.outbox == []


def test_break_glass_form_shows_nothing_of_the_record(client, chaired):
    _lead, young_person = chaired
    client.force_login(StaffFactory())
    confirmed_just_now(client)
    html = client.get(reverse("participation:break-glass", args=[young_person.pk])).content.decode()
    assert "Robin" not in html
    assert "Break-glass access" in html


def test_not_found_record_page_offers_break_glass_to_staff(client, chaired):
    _lead, young_person = chaired
    client.force_login(StaffFactory())
    html = client.get(
        reverse("participation:young-person", args=[young_person.pk])
    ).content.decode()
    assert reverse("participation:break-glass", args=[young_person.pk]) in html


def test_opening_break_glass_tells_the_cse_leads_who_may_review_it_once_without_a_name(
    chaired, password, django_capture_on_commit_callbacks
):
    lead, young_person = chaired
    StaffFactory(role=Role.CSE_LEAD)  # another agency's lead, with no tie to the record or user
    with django_capture_on_commit_callbacks(execute=True):
        services.break_glass_open(
            actor=StaffFactory(),
            young_person=young_person,
            reason="Missing tonight",
        )
    notices = Notification.objects.filter(kind=Kind.BREAK_GLASS_OPENED)
    assert {(n.recipient, n.channel, n.status) for n in notices} == {
        (lead, Channel.IN_APP, Status.SENT),
        (lead, Channel.EMAIL, Status.SENT),
    }
    [message] = mail.outbox
    assert message.to == [lead.email]
    assert young_person.preferred_name not in f"{message.subject} {message.body}"


def test_cse_lead_reviews_break_glass_uses(client, chaired, password):
    lead, young_person = chaired
    user = StaffFactory(full_name="Jo Stranger")
    grant = services.break_glass_open(
        actor=user, young_person=young_person, reason="Missing tonight"
    )
    client.force_login(lead)
    html = client.get(reverse("participation:break-glass-review")).content.decode()
    assert "Jo Stranger" in html and "Missing tonight" in html and "Mark reviewed" in html
    client.post(reverse("participation:break-glass-reviewed", args=[grant.pk]))
    grant.refresh_from_db()
    assert grant.reviewed_by == lead and grant.reviewed_at is not None
    client.force_login(user)
    assert client.get(reverse("participation:break-glass-review")).status_code == 404
