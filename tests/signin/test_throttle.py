"""Repeated failures to sign in are slowed down, per person and per network address."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import SignInFailure
from signin.services import THROTTLE_LIMIT_PER_PERSON, THROTTLED_MESSAGE
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db


def _sign_in(client, email, password):
    return client.post(reverse("signin:sign-in"), {"email": email, "password": password})


def test_staff_member_is_locked_out_after_five_wrong_passwords_even_with_the_right_one(
    client, password
):
    StaffFactory(email="sam@example.test")
    for _ in range(THROTTLE_LIMIT_PER_PERSON):
        assert _sign_in(client, "sam@example.test", "wrong").status_code == 400
    response = _sign_in(client, "SAM@example.test", password)
    assert response.status_code == 400
    assert THROTTLED_MESSAGE in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_failures_stop_counting_after_fifteen_minutes(client, password):
    StaffFactory(email="sam@example.test")
    for _ in range(THROTTLE_LIMIT_PER_PERSON):
        _sign_in(client, "sam@example.test", "wrong")
    SignInFailure.objects.update(at=timezone.now() - timedelta(minutes=16))
    assert _sign_in(client, "sam@example.test", password).status_code == 302


def test_one_persons_failures_do_not_lock_out_another(client, password):
    StaffFactory(email="sam@example.test")
    StaffFactory(email="alex@example.test")
    for _ in range(THROTTLE_LIMIT_PER_PERSON):
        _sign_in(client, "sam@example.test", "wrong")
    assert _sign_in(client, "alex@example.test", password).status_code == 302


def test_failures_keep_no_email_address_or_network_address(client):
    _sign_in(client, "sam@example.test", "wrong")
    keys = list(SignInFailure.objects.values_list("key", flat=True))
    assert len(keys) == 2
    assert all("sam" not in key and "127.0.0.1" not in key for key in keys)
