"""A member of staff's phone, for tests: an authenticator set up with a key, and its codes."""

from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.access import REAUTH_AT, SIGNED_IN_AT


def phone_for(user) -> TOTPDevice:
    """The authenticator this person set up (made now if they have none)."""
    device, _ = TOTPDevice.objects.get_or_create(
        user=user, confirmed=True, defaults={"name": "Authenticator"}
    )
    return device


def code_now(device: TOTPDevice, *, fresh: bool = True) -> str:
    """The code the phone shows now. `fresh`: as if 30 seconds had passed since the last code
    the device took (each code works once)."""
    if fresh:
        TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1)
    device.refresh_from_db()
    return f"{totp(device.bin_key):06d}"


def password_step(client: Client, email: str, password: str, **extra: str):
    return client.post(reverse("signin:sign-in"), {"email": email, "password": password, **extra})


def sign_in_both_steps(client: Client, user, password: str, **extra: str):
    """Sign in through the real pages: password, then a code from the phone they set up. The
    response to the code."""
    device = phone_for(user)
    response = password_step(client, user.email, password, **extra)
    assert response.status_code == 302, response.content.decode()[:500]
    assert response.url == reverse("signin:code")
    return client.post(reverse("signin:code"), {"code": code_now(device)})


def confirmed_just_now(client: Client) -> None:
    """This signed-in member of staff confirmed who they are a moment ago."""
    session = client.session
    session[REAUTH_AT] = timezone.now().timestamp()
    session.save()


def second_step_done(client: Client, user) -> None:
    """Finish a staff sign-in that `force_login` began: as if they had entered a code from
    their authenticator (set up now if they have none)."""
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = phone_for(user).persistent_id
    session[SIGNED_IN_AT] = timezone.now().timestamp()
    session.save()
