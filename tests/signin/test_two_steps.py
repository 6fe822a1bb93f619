"""Staff sign in in two steps: a password, then a code from their authenticator app."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from audit.models import AccessEvent
from signin import services
from signin.views import PENDING
from tests.factories import StaffFactory
from tests.signin.phone import code_now, password_step, phone_for, sign_in_both_steps

pytestmark = pytest.mark.django_db


def test_a_password_alone_reaches_no_staff_page_and_not_the_admin_site(client, password):
    user = StaffFactory(email="admin@example.test", is_staff=True, is_superuser=True)
    phone_for(user)
    assert password_step(client, user.email, password).url == reverse("signin:code")
    for url in (
        reverse("home"),
        reverse("participation:my-young-people"),
        "/admin/",
        "/admin/accounts/user/",
    ):
        response = client.get(url, follow=True)
        assert response.request["PATH_INFO"] == reverse("signin:sign-in"), url
        assert "Sign in to" in response.content.decode()


def test_each_step_gives_the_session_a_new_key(client, password):
    user = StaffFactory()
    client.get(reverse("signin:sign-in"))
    client.session.save()
    before = client.session.session_key
    password_step(client, user.email, password)
    between = client.session.session_key
    client.post(reverse("signin:code"), {"code": code_now(phone_for(user))})
    after = client.session.session_key
    assert len({before, between, after}) == 3


def test_the_code_page_has_the_govuk_security_code_input(client, password):
    user = StaffFactory()
    phone_for(user)
    password_step(client, user.email, password)
    html = client.get(reverse("signin:code")).content.decode()
    assert 'autocomplete="one-time-code"' in html
    assert "Enter the code from your authenticator app" in html


def test_a_wrong_code_is_refused_and_signs_nobody_in(client, password):
    user = StaffFactory()
    device = phone_for(user)
    password_step(client, user.email, password)
    right = code_now(device)
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"
    response = client.post(reverse("signin:code"), {"code": wrong})
    assert response.status_code == 400
    assert "The code is not right" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_code_that_has_been_used_is_refused_the_second_time(client, password):
    user = StaffFactory()
    device = phone_for(user)
    code = code_now(device)
    sign_in_both_steps(client, user, password)  # uses the code showing now
    client.logout()
    password_step(client, user.email, password)
    response = client.post(reverse("signin:code"), {"code": code})
    assert response.status_code == 400
    assert "_auth_user_id" not in client.session


def test_the_second_step_expires_five_minutes_after_the_password(client, password):
    user = StaffFactory()
    password_step(client, user.email, password)
    session = client.session
    session[PENDING] = {
        **session[PENDING],
        "at": (timezone.now() - timedelta(minutes=6)).timestamp(),
    }
    session.save()
    response = client.post(reverse("signin:code"), {"code": code_now(phone_for(user))})
    assert response.url == reverse("signin:sign-in")
    assert "_auth_user_id" not in client.session


def _set_up(client, user, password):
    first = password_step(client, user.email, password)
    assert first.url == reverse("signin:set-up")
    page = client.get(reverse("signin:set-up"))
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    return page, device


def test_first_sign_in_sets_up_the_app_with_a_qr_code_drawn_here_and_a_key_to_type(
    client, password
):
    user = StaffFactory()
    page, _device = _set_up(client, user, password)
    html = page.content.decode()
    assert "<svg" in html and "http" not in html.split("<svg")[1].split("</svg>")[0].replace(
        "http://www.w3.org/2000/svg", ""
    )
    typed = html.split('partners-secret"><code>')[1].split("<")[0].replace(" ", "")
    assert typed and len(typed) == 32
    assert "_auth_user_id" not in client.session  # nothing is reached before the first code


def test_setting_up_with_a_wrong_code_keeps_the_key_and_signs_nobody_in(client, password):
    user = StaffFactory()
    _page, device = _set_up(client, user, password)
    wrong = f"{(int(code_now(device, fresh=False)) + 1) % 1_000_000:06d}"
    response = client.post(reverse("signin:set-up"), {"code": wrong})
    assert response.status_code == 400
    assert "The code is not right" in response.content.decode()
    assert TOTPDevice.objects.get(user=user).pk == device.pk  # the same key, still to confirm
    assert "_auth_user_id" not in client.session


def test_setting_up_gives_ten_recovery_codes_shown_once_and_each_works_once(client, password):
    user = StaffFactory()
    _page, device = _set_up(client, user, password)
    response = client.post(reverse("signin:set-up"), {"code": code_now(device, fresh=False)})
    assert response.url == reverse("signin:recovery-codes")
    html = client.get(reverse("signin:recovery-codes")).content.decode()
    codes = [code.replace(" ", "") for code in re.findall(r"<li><code>([^<]+)</code></li>", html)]
    assert len(codes) == len(set(codes)) == 10
    assert set(codes) == set(
        StaticToken.objects.filter(device__user=user).values_list("token", flat=True)
    )
    assert client.get(reverse("signin:recovery-codes")).url == reverse("signin:account")
    assert AccessEvent.objects.filter(
        what=services.SECOND_FACTOR_SET_UP, object_id=user.pk
    ).exists()

    for attempt in range(2):
        client.logout()
        password_step(client, user.email, password)
        answer = client.post(reverse("signin:code"), {"code": codes[0]})
        if attempt == 0:
            assert answer.url == reverse("home")
        else:
            assert answer.status_code == 400  # used up
    assert StaticToken.objects.filter(device__user=user).count() == 9
    assert (
        AccessEvent.objects.filter(what=services.RECOVERY_CODE_USED, object_id=user.pk).count() == 1
    )


@pytest.mark.parametrize(
    "next_value",
    [
        "foo",
        "home",
        "//evil.example/",
        "/\\evil.example",
        "https://evil.example/",
        "javascript:alert(1)",
        "data:text/html,hi",
        "http:evil.example",
        "/%0d%0aSet-Cookie:x=1",
        "/\x00",
        "/" + "a" * 5000,
        "%2F%2Fevil.example",
        "///evil.example",
        "ftp://evil.example/",
        " /young-people/",
        "/young-people/?x=<script>",
        "\\\\evil.example",
        "admin:index",
        "../../etc/passwd",
        "",
    ],
)
def test_odd_next_values_never_give_a_server_error(client, password, next_value):
    user = StaffFactory()
    client.raise_request_exception = False
    assert client.get(reverse("signin:sign-in"), {"next": next_value}).status_code == 200
    response = sign_in_both_steps(client, user, password, next=next_value)
    assert response.status_code == 302
    target = response.url
    assert target.startswith("/") and not target.startswith(("//", "/\\"))
    assert client.get(reverse("signin:confirm"), {"next": next_value}).status_code == 200


def test_next_is_followed_only_to_a_path_on_this_site_from_the_form_or_the_address():
    from django.test import RequestFactory

    from accounts.access import safe_next

    asked = RequestFactory()
    assert safe_next(asked.get("/", {"next": "/young-people/"}), "home") == "/young-people/"
    assert safe_next(asked.post("/?next=/a/", {"next": "/b/"}), "home") == "/b/"
    assert safe_next(asked.get("/"), "home") == "home"
    for elsewhere in ("//evil.example", "/\\evil.example", "https://evil.example", "/\x07"):
        assert safe_next(asked.get("/", {"next": elsewhere}), "home") == "home", elsewhere
    longest = "/" + "a" * 499
    assert safe_next(asked.get("/", {"next": longest}), "home") == longest
    assert safe_next(asked.get("/", {"next": longest + "a"}), "home") == "home"


def test_a_staff_page_needs_a_member_of_staff_who_has_passed_both_steps():
    """The rule itself, whatever the pages do first: signed in with a password but no code
    is not enough, nor is a verified account that is not staff."""
    from django.contrib.auth.models import AnonymousUser
    from django.test import RequestFactory

    from accounts.access import staff_signed_in
    from tests.factories import YoungPersonAccountFactory

    def asking(user, verified):
        request = RequestFactory().get("/")
        user.is_verified = lambda: verified
        request.user = user
        return staff_signed_in(request)

    staff = StaffFactory()
    assert asking(staff, True) is True
    assert asking(staff, False) is False
    assert asking(YoungPersonAccountFactory(), True) is False
    assert asking(AnonymousUser(), True) is False
