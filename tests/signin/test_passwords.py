"""Passwords: nobody sets another person's. Staff ask for a link that works once, for an hour,
and a signed-in member of staff changes their own."""

import re
from datetime import timedelta
from unittest.mock import patch

import pytest
from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core import mail
from django.test import Client
from django.urls import resolve, reverse
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode

from accounts.models import User
from notifications.models import SafeContact
from participation.models import CaseTeamMembership
from tests.factories import (
    PASSWORD,
    CaseTeamMembershipFactory,
    StaffFactory,
    YoungPersonAccountFactory,
    YoungPersonFactory,
)

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "violet-harbour-lantern-93"
LINK = re.compile(r"https?://testserver(/\S+)")
CHECK_YOUR_EMAIL = "Check your email"
LINK_DOES_NOT_WORK = "This link does not work"


def _ask(client, email):
    return client.post(reverse("signin:password-link"), {"email": email}, follow=True)


def _link(message):
    """The path of the link in a password email."""
    match = LINK.search(message.body)
    assert match, message.body
    return match.group(1)


def _link_for(client, user):
    mail.outbox.clear()
    _ask(client, user.email)
    (message,) = mail.outbox
    return _link(message)


def _open(client, link):
    """Follow the link: the view swaps the token for the session and redirects to the form."""
    return client.get(link, follow=True)


def _choose(client, link, password=NEW_PASSWORD):
    page = _open(client, link)
    assert page.redirect_chain, page.content.decode()
    form_url = page.redirect_chain[-1][0]
    return client.post(form_url, {"new_password1": password, "new_password2": password})


def _signs_in(email, password):
    response = Client().post(reverse("signin:sign-in"), {"email": email, "password": password})
    return response.status_code == 302


def _later(minutes):
    """Token checks as if `minutes` had passed since now."""
    moment = PasswordResetTokenGenerator()._now() + timedelta(minutes=minutes)
    return patch.object(PasswordResetTokenGenerator, "_now", return_value=moment)


# 1. Asking for a link.


def test_active_staff_member_asking_for_a_link_gets_one_email_with_the_link(client):
    user = StaffFactory(email="casey@example.test")
    young_person = YoungPersonFactory(preferred_name="Jordan", legal_name="Jordan Legalname")
    CaseTeamMembershipFactory(
        user=user, young_person=young_person, role=CaseTeamMembership.Role.LEAD_PROFESSIONAL
    )
    response = _ask(client, "Casey@Example.test")
    assert CHECK_YOUR_EMAIL in response.content.decode()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["casey@example.test"]
    match = resolve(_link(message))
    assert match.view_name == "signin:password-set"
    assert force_str(urlsafe_base64_decode(match.kwargs["uidb64"])) == str(user.pk)
    assert "Jordan" not in message.subject + message.body
    assert "Legalname" not in message.subject + message.body


def test_new_account_with_no_password_yet_can_ask_for_a_link(client):
    user = User.objects.create_staff(email="new@example.test", full_name="New Person")
    assert not user.has_usable_password()
    _ask(client, "new@example.test")
    assert [message.to for message in mail.outbox] == [["new@example.test"]]
    _choose(client, _link(mail.outbox[0]))
    assert _signs_in("new@example.test", NEW_PASSWORD)


def _young_persons_safe_email():
    account = YoungPersonAccountFactory(username="robin")
    SafeContact.objects.create(user=account, email="robin@example.test", email_is_safe=True)
    return "robin@example.test"


@pytest.mark.parametrize(
    "who",
    ["unknown", "switched_off", "young_person"],
)
def test_no_link_is_sent_but_the_page_is_the_same_for_anyone_else(client, who):
    StaffFactory(email="someone@example.test")
    email = {
        "unknown": lambda: "nobody@example.test",
        "switched_off": lambda: StaffFactory(email="gone@example.test", is_active=False).email,
        "young_person": _young_persons_safe_email,
    }[who]()
    response = _ask(client, email)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == reverse("signin:password-link-sent")
    assert CHECK_YOUR_EMAIL in response.content.decode()
    assert mail.outbox == []
    # The same page, with a link, for a real member of staff.
    known = _ask(Client(), "someone@example.test")
    assert known.redirect_chain == response.redirect_chain
    assert len(mail.outbox) == 1


def test_asking_for_a_link_changes_no_password(client):
    user = StaffFactory(email="casey@example.test")
    before = user.password
    _ask(client, "casey@example.test")
    user.refresh_from_db()
    assert user.password == before
    assert _signs_in("casey@example.test", PASSWORD)


# 2. The link works once.


def test_the_link_sets_a_password_once(client):
    user = StaffFactory(email="casey@example.test")
    link = _link_for(client, user)
    page = _open(client, link)
    assert "Choose a password" in page.content.decode()
    form_url = page.redirect_chain[-1][0]
    response = client.post(
        form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("signin:password-set-done")
    assert "Your password is set" in response.content.decode()
    assert _signs_in("casey@example.test", NEW_PASSWORD)
    assert not _signs_in("casey@example.test", PASSWORD)
    # The same link, again (in this browser or another), does not work.
    user.refresh_from_db()
    after = user.password
    for browser in (client, Client()):
        again = _open(browser, link)
        assert LINK_DOES_NOT_WORK in again.content.decode()
        assert 'name="new_password1"' not in again.content.decode()
    other = "another-harbour-lantern-17"
    reused = client.post(form_url, {"new_password1": other, "new_password2": other})
    assert LINK_DOES_NOT_WORK in reused.content.decode()
    user.refresh_from_db()
    assert user.password == after


def test_mismatched_passwords_set_nothing_and_the_link_still_works(client):
    user = StaffFactory(email="casey@example.test")
    before = user.password
    link = _link_for(client, user)
    form_url = _open(client, link).redirect_chain[-1][0]
    response = client.post(
        form_url, {"new_password1": NEW_PASSWORD, "new_password2": "something-else-entirely"}
    )
    assert response.status_code in (200, 400)
    assert "govuk-error-summary" in response.content.decode()
    user.refresh_from_db()
    assert user.password == before
    assert _choose(Client(), link).url == reverse("signin:password-set-done")
    assert _signs_in("casey@example.test", NEW_PASSWORD)


def test_a_made_up_link_does_not_work(client):
    user = StaffFactory()
    before = user.password
    link = _link_for(client, user)
    forged = link.rstrip("/").rsplit("/", 1)[0] + "/not-a-real-token/"
    response = _open(client, forged)
    assert LINK_DOES_NOT_WORK in response.content.decode()
    user.refresh_from_db()
    assert user.password == before


# 3. The link works for an hour.


def test_the_link_lasts_an_hour():
    assert settings.PASSWORD_RESET_TIMEOUT == 3600


def test_a_link_followed_after_an_hour_does_not_work(client):
    user = StaffFactory(email="casey@example.test")
    before = user.password
    link = _link_for(client, user)
    with _later(minutes=61):
        response = _open(client, link)
    assert LINK_DOES_NOT_WORK in response.content.decode()
    assert 'name="new_password1"' not in response.content.decode()
    user.refresh_from_db()
    assert user.password == before
    assert not _signs_in("casey@example.test", NEW_PASSWORD)


def test_a_link_opened_in_time_but_used_after_an_hour_does_not_work(client):
    user = StaffFactory(email="casey@example.test")
    before = user.password
    link = _link_for(client, user)
    form_url = _open(client, link).redirect_chain[-1][0]
    with _later(minutes=61):
        response = client.post(
            form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
        )
    assert LINK_DOES_NOT_WORK in response.content.decode()
    user.refresh_from_db()
    assert user.password == before


def test_a_link_used_within_the_hour_works(client):
    user = StaffFactory(email="casey@example.test")
    link = _link_for(client, user)
    with _later(minutes=59):
        response = _choose(client, link)
    assert response.url == reverse("signin:password-set-done")
    assert _signs_in("casey@example.test", NEW_PASSWORD)


# 4. A signed-in member of staff changes their own password.


def test_staff_member_changes_their_own_password(client):
    user = StaffFactory(email="casey@example.test")
    client.force_login(user)
    response = client.post(
        reverse("signin:password-change"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert response.url == reverse("signin:password-changed")
    assert _signs_in("casey@example.test", NEW_PASSWORD)
    assert not _signs_in("casey@example.test", PASSWORD)
    # Still signed in on this browser.
    assert client.get(reverse("signin:password-changed")).status_code == 200


def test_wrong_current_password_gets_a_clear_error_and_changes_nothing(client):
    user = StaffFactory(email="casey@example.test")
    before = user.password
    client.force_login(user)
    response = client.post(
        reverse("signin:password-change"),
        {
            "old_password": "not-my-password",
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
        },
    )
    assert response.status_code in (200, 400)
    html = response.content.decode()
    assert "govuk-error-summary" in html
    assert "Your current password is not right" in html
    user.refresh_from_db()
    assert user.password == before
    assert _signs_in("casey@example.test", PASSWORD)


def test_signed_out_visitor_is_sent_to_sign_in_to_change_a_password(client):
    url = reverse("signin:password-change")
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("signin:sign-in") + "?next=")
    response = client.post(
        url, {"old_password": PASSWORD, "new_password1": "x", "new_password2": "x"}
    )
    assert response.status_code == 302
    assert response.url.startswith(reverse("signin:sign-in"))
    # Signed in, the same page is a form.
    client.force_login(StaffFactory())
    assert 'name="old_password"' in client.get(url).content.decode()


def test_young_person_cannot_use_the_staff_password_change(client):
    account = YoungPersonAccountFactory()
    before = account.password
    client.force_login(account)
    response = client.post(
        reverse("signin:password-change"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 404
    account.refresh_from_db()
    assert account.password == before


# 5. The way in.


def test_sign_in_page_links_to_the_password_link_page(client):
    html = client.get(reverse("signin:sign-in")).content.decode()
    assert f'href="{reverse("signin:password-link")}"' in html
    page = client.get(reverse("signin:password-link"))
    assert page.status_code == 200
    assert 'name="email"' in page.content.decode()
