"""Getting into the portal with no email address: a one-time code handed over in person."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from accounts.models import User
from portal import services
from portal.models import PortalInvitation
from tests.factories import (
    CaseTeamMembershipFactory,
    StaffFactory,
    YoungPersonAccountFactory,
    YoungPersonFactory,
)
from tests.signin.phone import confirmed_just_now

pytestmark = pytest.mark.django_db

PASSPHRASE = "purple river toast lamp"


@pytest.fixture
def case_team():
    membership = CaseTeamMembershipFactory(young_person=YoungPersonFactory(preferred_name="Robin"))
    return membership.user, membership.young_person


def _start(client, code, username="skylark", passphrase=PASSPHRASE, again=None):
    return client.post(
        reverse("portal:start"),
        {
            "code": code,
            "username": username,
            "passphrase": passphrase,
            "passphrase_again": passphrase if again is None else again,
        },
    )


def test_code_is_short_enough_to_type_and_only_its_digest_is_stored(case_team):
    practitioner, young_person = case_team
    code = services.portal_invitation_issue(actor=practitioner, young_person=young_person)
    assert len(code) == 9 and code[4] == "-"
    stored = PortalInvitation.objects.get(young_person=young_person)
    assert services.code_normalise(code) not in stored.code_digest
    assert stored.expires_at - timezone.now() > timedelta(days=6, hours=23)
    assert stored.expires_at - timezone.now() <= timedelta(days=7)


def test_only_the_case_team_can_make_a_code(case_team):
    _, young_person = case_team
    with pytest.raises(ValidationError):
        services.portal_invitation_issue(actor=StaffFactory(), young_person=young_person)
    assert not PortalInvitation.objects.exists()


def test_young_person_redeems_a_code_chooses_a_username_and_is_signed_in(client, case_team):
    practitioner, young_person = case_team
    code = services.portal_invitation_issue(actor=practitioner, young_person=young_person)
    response = _start(client, code.lower().replace("-", " "))
    assert response.status_code == 302
    assert response.url == reverse("portal:home")
    young_person.refresh_from_db()
    account = young_person.portal_user
    assert account.username == "skylark" and account.email is None
    assert account.check_password(PASSPHRASE)
    assert client.session["_auth_user_id"] == str(account.pk)
    assert client.get(reverse("portal:home")).status_code == 200


def test_a_code_works_only_once(client, case_team):
    practitioner, young_person = case_team
    code = services.portal_invitation_issue(actor=practitioner, young_person=young_person)
    _start(client, code)
    client.logout()
    response = _start(client, code, username="another")
    assert response.status_code == 400
    assert "That code has been used already" in response.content.decode()
    assert not User.objects.filter(username="another").exists()


def test_an_expired_code_is_refused_kindly_and_changes_nothing(client, case_team):
    practitioner, young_person = case_team
    code = services.portal_invitation_issue(actor=practitioner, young_person=young_person)
    PortalInvitation.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    response = _start(client, code)
    assert response.status_code == 400
    assert "That code has run out" in response.content.decode()
    young_person.refresh_from_db()
    assert young_person.portal_user is None
    assert PortalInvitation.objects.get().used_at is None


def test_a_new_code_withdraws_the_older_one(client, case_team):
    practitioner, young_person = case_team
    old = services.portal_invitation_issue(actor=practitioner, young_person=young_person)
    new = services.portal_invitation_issue(actor=practitioner, young_person=young_person)
    assert "That code is not right" in _start(client, old).content.decode()
    assert _start(client, new).status_code == 302


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"code": ""}, "Enter the code your worker gave you"),
        ({"code": "ZZZZ-ZZZZ"}, "That code is not right"),
        ({"code": "X" * 21}, "That code is too long"),
        ({"username": ""}, "Choose a username"),
        ({"username": "no spaces allowed"}, "Use 3 to 40 letters, numbers"),
        ({"username": "taken"}, "Someone already has that username"),
        ({"username": "TAKEN"}, "Someone already has that username"),
        ({"passphrase": "short"}, "needs at least 12 characters"),
        ({"passphrase": "123456789012"}, "would be easy for someone to guess"),
        ({"passphrase": "skylark12345", "username": "skylark12345"}, "easy for someone to guess"),
        ({"again": "something else entirely"}, "The two passphrases are different"),
        ({"passphrase": ""}, "Choose a passphrase"),
    ],
)
def test_bad_start_details_get_a_kind_message_and_change_nothing(
    client, case_team, fields, message
):
    practitioner, young_person = case_team
    YoungPersonAccountFactory(username="taken")
    code = services.portal_invitation_issue(actor=practitioner, young_person=young_person)
    accounts_before = get_user_model().objects.count()
    response = _start(
        client,
        fields.get("code", code),
        username=fields.get("username", "skylark"),
        passphrase=fields.get("passphrase", PASSPHRASE),
        again=fields.get("again"),
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    assert "<title>Error:" in html
    assert get_user_model().objects.count() == accounts_before
    assert PortalInvitation.objects.get().used_at is None
    assert "_auth_user_id" not in client.session


def test_a_later_code_lets_them_choose_again_and_switches_the_account_back_on(client, case_team):
    practitioner, young_person = case_team
    _start(client, services.portal_invitation_issue(actor=practitioner, young_person=young_person))
    client.logout()
    services.portal_account_switch_off(actor=practitioner, young_person=young_person)
    code = services.portal_invitation_issue(actor=practitioner, young_person=young_person)
    response = _start(client, code, username="newname", passphrase="a whole new phrase here")
    assert response.status_code == 302
    young_person.refresh_from_db()
    account = young_person.portal_user
    assert account.username == "newname" and account.is_active
    assert account.check_password("a whole new phrase here")
    assert get_user_model().objects.filter(kind=User.Kind.YOUNG_PERSON).count() == 1


def test_switching_the_account_off_ends_access_on_the_next_request_and_withdraws_codes(
    client, case_team
):
    practitioner, young_person = case_team
    _start(client, services.portal_invitation_issue(actor=practitioner, young_person=young_person))
    waiting = services.portal_invitation_issue(actor=practitioner, young_person=young_person)
    assert client.get(reverse("portal:home")).status_code == 200
    services.portal_account_switch_off(actor=practitioner, young_person=young_person)
    after = client.get(reverse("portal:home"))
    assert after.status_code == 302 and after.url.startswith(reverse("portal:sign-in"))
    client.logout()
    assert "That code is not right" in _start(client, waiting, username="x1y2z3").content.decode()


def test_repeated_wrong_codes_are_slowed_down(client, case_team):
    practitioner, young_person = case_team
    for _ in range(20):
        assert "That code is not right" in _start(client, "WRNG-CODE").content.decode()
    code = services.portal_invitation_issue(actor=practitioner, young_person=young_person)
    response = _start(client, code)
    assert response.status_code == 400
    assert "You have tried too many times" in response.content.decode()
    young_person.refresh_from_db()
    assert young_person.portal_user is None


def test_the_qr_code_link_fills_in_the_code(client):
    html = client.get(reverse("portal:start") + "?code=ABCD-2345").content.decode()
    assert 'value="ABCD-2345"' in html


# --- the case team's page ----------------------------------------------------------------


def test_practitioner_makes_a_code_and_sees_it_once_with_a_qr_code(client, case_team):
    practitioner, young_person = case_team
    client.force_login(practitioner)
    confirmed_just_now(client)
    url = reverse("portal-staff:access", args=[young_person.pk])
    response = client.post(url, {"action": "code"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "<svg" in html
    invitation = PortalInvitation.objects.get(young_person=young_person)
    code = html.split('data-testid="portal-code">')[1].split("<")[0]
    assert services._code_digest(code) == invitation.code_digest
    assert code not in client.get(url).content.decode()
    assert "A code is waiting to be used" in client.get(url).content.decode()


def test_practitioner_switches_the_account_off_in_the_browser(client, case_team):
    practitioner, young_person = case_team
    young_person.portal_user = YoungPersonAccountFactory()
    young_person.save()
    client.force_login(practitioner)
    url = reverse("portal-staff:access", args=[young_person.pk])
    response = client.post(url, {"action": "off"})
    assert response.status_code == 302
    young_person.portal_user.refresh_from_db()
    assert not young_person.portal_user.is_active
    assert "switched off" in client.get(url).content.decode()


def test_making_a_code_first_asks_you_to_confirm_it_is_you(client, case_team):
    practitioner, young_person = case_team
    client.force_login(practitioner)
    url = reverse("portal-staff:access", args=[young_person.pk])
    response = client.post(url, {"action": "code"})
    assert response.url == reverse("signin:confirm") + "?" + urlencode({"next": url})
    assert not PortalInvitation.objects.exists()


def test_the_chair_off_the_case_team_is_refused_a_code_with_a_message(client, case_team):
    _, young_person = case_team
    from tests.factories import MeetingFactory

    chair = MeetingFactory(young_person=young_person).chair
    client.force_login(chair)
    url = reverse("portal-staff:access", args=[young_person.pk])
    response = client.post(url, {"action": "code"})
    assert response.status_code == 400
    assert "Only someone on the young person&#x27;s case team" in response.content.decode()
    assert not PortalInvitation.objects.exists()


def test_an_unknown_action_is_refused_with_a_message(client, case_team):
    practitioner, young_person = case_team
    client.force_login(practitioner)
    url = reverse("portal-staff:access", args=[young_person.pk])
    response = client.post(url, {"action": "delete-everything"})
    assert response.status_code == 400
    assert "Choose what to do" in response.content.decode()
