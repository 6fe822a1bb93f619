"""Sessions fit for shared computers: short, listed, ended everywhere at once, never cached."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.access import REAUTH_AT, SIGNED_IN_AT
from accounts.models import SignedInSession
from accounts.roles import Role
from audit.models import AccessEvent
from notifications.models import Kind, Notification
from portal import views
from signin import services
from tests.factories import StaffFactory, YoungPersonAccountFactory, YoungPersonFactory
from tests.signin.phone import code_now, phone_for, sign_in_both_steps

pytestmark = pytest.mark.django_db


def _signed_in(client, user, password):
    assert sign_in_both_steps(client, user, password).url == reverse("home")
    return client


def test_ending_a_session_on_one_client_signs_out_the_other(password):
    user = StaffFactory()
    office, home = _signed_in(Client(), user, password), _signed_in(Client(), user, password)
    assert SignedInSession.objects.filter(user=user).count() == 2
    page = office.get(reverse("signin:account"))
    assert page.content.decode().count("Sign out<span") == 1  # the other one
    office.post(reverse("signin:sessions-end"), {"session": "others"})
    assert home.get(reverse("home")).status_code == 302
    assert office.get(reverse("home")).status_code == 200


def test_one_session_can_be_ended_but_not_someone_elses(password):
    user, other = StaffFactory(), StaffFactory()
    office, home = _signed_in(Client(), user, password), _signed_in(Client(), user, password)
    theirs = _signed_in(Client(), other, password)
    their_row = SignedInSession.objects.get(user=other)
    assert office.post(reverse("signin:sessions-end"), {"session": their_row.pk}).status_code == 404
    assert theirs.get(reverse("home")).status_code == 200
    home_row = SignedInSession.objects.get(session_key=home.session.session_key)
    office.post(reverse("signin:sessions-end"), {"session": home_row.pk})
    assert home.get(reverse("home")).status_code == 302


def test_signing_out_ends_every_session_of_that_person(password):
    user = StaffFactory()
    office, home = _signed_in(Client(), user, password), _signed_in(Client(), user, password)
    office.post(reverse("signin:sign-out"))
    assert home.get(reverse("home")).status_code == 302
    assert not SignedInSession.objects.filter(user=user).exists()


def test_changing_the_password_ends_the_other_sessions_and_keeps_this_one(password):
    user = StaffFactory()
    office, home = _signed_in(Client(), user, password), _signed_in(Client(), user, password)
    response = office.post(
        reverse("signin:password-change"),
        {
            "old_password": password,
            "new_password1": "a new long phrase 42",
            "new_password2": "a new long phrase 42",
        },
    )
    assert response.url == reverse("signin:password-changed")
    assert office.get(reverse("home")).status_code == 200
    assert home.get(reverse("home")).status_code == 302
    assert list(
        SignedInSession.objects.filter(user=user).values_list("session_key", flat=True)
    ) == [office.session.session_key]


def test_switching_an_account_off_in_the_admin_site_signs_it_out_everywhere(password):
    user = StaffFactory()
    home = _signed_in(Client(), user, password)
    admin = Client()
    admin.force_login(StaffFactory(role=Role.ADMINISTRATOR, is_staff=True))
    admin.post(
        reverse("admin:accounts_user_change", args=[user.pk]),
        {
            "email": user.email,
            "full_name": user.full_name,
            "organisation": str(user.organisation_id),
            "is_active": "",
            "roles": ["practitioner"],
            "_save": "Save",
        },
    )
    assert home.get(reverse("home")).status_code == 302
    assert not SignedInSession.objects.filter(user=user).exists()


def test_a_staff_session_ends_after_thirty_idle_minutes_and_ten_hours_in_all(client, password):
    user = StaffFactory()
    _signed_in(client, user, password)
    client.get(reverse("home"))
    assert client.session.get_expiry_age() == settings.STAFF_IDLE_SECONDS == 30 * 60
    session = client.session
    session[SIGNED_IN_AT] = (timezone.now() - timedelta(hours=10, minutes=1)).timestamp()
    session.save()
    response = client.get(reverse("home"))
    assert response.status_code == 302 and response.url.startswith(reverse("signin:sign-in"))
    assert not SignedInSession.objects.filter(user=user).exists()


def test_a_cse_lead_resets_a_lost_second_factor_which_ends_sessions_and_tells_people(password):
    user = StaffFactory()
    lead = StaffFactory(role=Role.CSE_LEAD, organisation=user.organisation)
    other_lead = StaffFactory(role=Role.CSE_LEAD, organisation=user.organisation)
    theirs = _signed_in(Client(), user, password)
    resetter = Client()
    resetter.force_login(lead)
    page = resetter.get(reverse("signin:second-factor-reset")).content.decode()
    assert user.full_name in page
    response = resetter.post(
        reverse("signin:second-factor-reset"), {"user": str(user.pk), "confirm": "on"}
    )
    assert response.url == reverse("signin:account")
    assert theirs.get(reverse("home")).status_code == 302
    told = set(
        Notification.objects.filter(kind=Kind.SECOND_FACTOR_RESET).values_list(
            "recipient", flat=True
        )
    )
    assert told == {user.pk, other_lead.pk}
    event = AccessEvent.objects.get(what=services.SECOND_FACTOR_RESET)
    assert (event.actor, event.object_id) == (lead, user.pk)
    # Their next sign-in sets the app up again.
    again = Client().post(reverse("signin:sign-in"), {"email": user.email, "password": password})
    assert again.url == reverse("signin:set-up")


def test_a_reset_needs_the_check_and_a_person_from_the_list(client):
    lead = StaffFactory(role=Role.CSE_LEAD)
    elsewhere = StaffFactory()
    phone_for(elsewhere)
    client.force_login(lead)
    response = client.post(
        reverse("signin:second-factor-reset"), {"user": str(elsewhere.pk), "confirm": "on"}
    )
    assert response.status_code == 400
    assert "Choose a member of staff" in response.content.decode()
    missing = client.post(reverse("signin:second-factor-reset"), {"user": ""})
    assert "Confirm that you have checked with them" in missing.content.decode()
    assert phone_for(elsewhere).pk  # still there


def test_confirming_it_is_you_holds_for_five_minutes(client, password):
    user = StaffFactory()
    _signed_in(client, user, password)
    target = reverse("signin:second-factor")
    assert client.get(target).url.startswith(reverse("signin:confirm"))
    response = client.post(
        reverse("signin:confirm"),
        {"password": password, "code": code_now(phone_for(user)), "next": target},
    )
    assert response.url == target
    assert client.get(target).status_code == 200
    session = client.session
    session[REAUTH_AT] = (timezone.now() - timedelta(minutes=6)).timestamp()
    session.save()
    assert client.get(target).url.startswith(reverse("signin:confirm"))


def test_moving_to_a_new_phone_replaces_the_old_one_and_keeps_this_session(password):
    user = StaffFactory()
    office, home = _signed_in(Client(), user, password), _signed_in(Client(), user, password)
    old = phone_for(user)
    session = office.session
    session[REAUTH_AT] = timezone.now().timestamp()
    session.save()
    office.get(reverse("signin:second-factor"))
    new = TOTPDevice.objects.get(user=user, confirmed=False)
    response = office.post(reverse("signin:second-factor"), {"code": code_now(new, fresh=False)})
    assert response.url == reverse("signin:recovery-codes")
    assert list(TOTPDevice.objects.filter(user=user).values_list("pk", flat=True)) == [new.pk]
    assert new.pk != old.pk
    assert office.get(reverse("signin:account")).status_code == 200
    assert home.get(reverse("home")).status_code == 302


def test_signed_in_pages_send_the_security_headers(client, password):
    _signed_in(client, StaffFactory(), password)
    response = client.get(reverse("home"))
    assert "no-store" in response["Cache-Control"]
    assert "camera=()" in response["Permissions-Policy"]
    assert "microphone=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert "nonce-" in response["Content-Security-Policy"]


def test_the_portal_500_page_keeps_the_neutral_name_and_layout(client, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("secret detail")

    account = YoungPersonAccountFactory()
    YoungPersonFactory(portal_user=account)
    monkeypatch.setattr(views.selectors, "portal_meetings_upcoming", broken)
    client.force_login(account)
    client.raise_request_exception = False
    response = client.get(reverse("portal:home"))
    html = response.content.decode()
    assert response.status_code == 500
    assert "no-store" in response["Cache-Control"]
    assert settings.PORTAL_SERVICE_NAME in html and "Exit this page" in html
    assert "Partners" not in html and "secret detail" not in html
