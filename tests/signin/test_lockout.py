"""Lockout counts per account and per address, door by door, and one attacker cannot turn it
on everyone behind an address."""

import pytest
from django.test import override_settings
from django.urls import reverse

from accounts.roles import Role
from audit.models import AccessEvent
from notifications.models import Channel, Kind, Notification
from signin import services
from signin.services import THROTTLE_LIMIT_PER_PERSON, THROTTLED_MESSAGE
from tests.factories import StaffFactory, YoungPersonAccountFactory
from tests.signin.phone import code_now, password_step, phone_for, sign_in_both_steps

pytestmark = pytest.mark.django_db

OFFICE = {"REMOTE_ADDR": "198.51.100.20"}


def test_thirty_failures_from_one_address_for_made_up_accounts_leave_a_real_user_able(
    client, password
):
    for number in range(30):
        response = client.post(
            reverse("signin:sign-in"),
            {"email": f"made-up-{number}@example.test", "password": "guess"},
            **OFFICE,
        )
        assert response.status_code == 400
    user = StaffFactory()
    phone = phone_for(user)
    first = client.post(
        reverse("signin:sign-in"), {"email": user.email, "password": password}, **OFFICE
    )
    assert first.url == reverse("signin:code")
    done = client.post(reverse("signin:code"), {"code": code_now(phone)}, **OFFICE)
    assert done.url == reverse("home")
    # The address's failures are counted and recorded once they pass the limit, all the same.
    assert AccessEvent.objects.filter(what=services.ADDRESS_OVER_LIMIT).count() == 1


def test_the_portal_door_and_code_door_are_not_shut_by_staff_door_failures(client, password):
    for number in range(30):
        client.post(
            reverse("signin:sign-in"),
            {"email": f"made-up-{number}@example.test", "password": "guess"},
            **OFFICE,
        )
    YoungPersonAccountFactory(username="robin")
    response = client.post(
        reverse("portal:sign-in"), {"username": "robin", "password": password}, **OFFICE
    )
    assert response.url == reverse("portal:home")
    assert not services.sign_in_throttled(request=response.wsgi_request, door=services.CODE_DOOR)


def test_a_locked_account_stays_locked_from_any_address(client, password):
    user = StaffFactory()
    for number in range(THROTTLE_LIMIT_PER_PERSON):
        client.post(
            reverse("signin:sign-in"),
            {"email": user.email, "password": "guess"},
            REMOTE_ADDR=f"203.0.113.{number}",
        )
    response = client.post(
        reverse("signin:sign-in"),
        {"email": user.email, "password": password},
        REMOTE_ADDR="192.0.2.77",
    )
    assert response.status_code == 400
    assert THROTTLED_MESSAGE in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_an_unknown_account_gets_the_same_answers_as_a_known_one(client):
    known = StaffFactory().email
    answers = {}
    for who in (known, "nobody@example.test"):
        pages = [
            client.post(reverse("signin:sign-in"), {"email": who, "password": "guess"})
            for _ in range(THROTTLE_LIMIT_PER_PERSON + 1)
        ]
        answers[who] = [
            (page.status_code, THROTTLED_MESSAGE in page.content.decode()) for page in pages
        ]
    assert answers[known] == answers["nobody@example.test"]
    assert answers[known][-1] == (400, True)


def test_wrong_codes_count_towards_the_lockout_and_it_is_recorded_and_told(client, password):
    user = StaffFactory()
    lead = StaffFactory(role=Role.CSE_LEAD, organisation=user.organisation)
    device = phone_for(user)
    password_step(client, user.email, password)
    right = code_now(device)
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"
    for _ in range(THROTTLE_LIMIT_PER_PERSON):
        client.post(reverse("signin:code"), {"code": wrong})
    response = client.post(reverse("signin:code"), {"code": right})
    assert response.status_code == 400
    assert THROTTLED_MESSAGE in response.content.decode()
    assert "_auth_user_id" not in client.session
    events = AccessEvent.objects.filter(object_id=user.pk)
    assert events.filter(what=services.SIGN_IN_FAILED).count() == THROTTLE_LIMIT_PER_PERSON
    assert events.filter(what=services.LOCKED).count() == 1
    told = Notification.objects.filter(kind=Kind.ACCOUNT_LOCKED, channel=Channel.IN_APP)
    assert set(told.values_list("recipient", flat=True)) == {user.pk, lead.pk}


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_the_client_address_is_the_one_the_trusted_proxy_saw_not_what_the_client_wrote(
    client, password
):
    user = StaffFactory()
    sign_in_both_steps(
        client,
        user,
        password,
    )
    client.logout()
    client.post(
        reverse("signin:sign-in"),
        {"email": user.email, "password": "guess"},
        HTTP_X_FORWARDED_FOR="10.9.9.9, 198.51.100.44",
        HTTP_USER_AGENT="Office browser",
    )
    event = AccessEvent.objects.get(what=services.SIGN_IN_FAILED)
    assert (event.client_address, event.user_agent) == ("198.51.100.44", "Office browser")
    assert event.object_id == user.pk and event.actor is None


def test_a_signed_in_success_is_recorded_with_address_and_browser(client, password):
    user = StaffFactory()
    sign_in_both_steps(client, user, password)
    event = AccessEvent.objects.get(what=services.SIGNED_IN)
    assert event.actor == user and event.object_id == user.pk
    assert event.client_address == "127.0.0.1"
