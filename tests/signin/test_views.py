import pytest
from django.urls import reverse

from accounts.roles import Role
from tests.factories import StaffFactory, YoungPersonAccountFactory
from tests.signin.phone import code_now, phone_for, sign_in_both_steps

pytestmark = pytest.mark.django_db


def test_staff_member_signs_in_with_email_password_and_code_and_lands_on_home(client, password):
    user = StaffFactory(email="sam@example.test")
    device = phone_for(user)
    first = client.post(
        reverse("signin:sign-in"), {"email": "SAM@example.test", "password": password}
    )
    assert first.url == reverse("signin:code")
    assert "_auth_user_id" not in client.session  # a password alone signs nobody in
    response = client.post(reverse("signin:code"), {"code": code_now(device)})
    assert response.status_code == 302
    assert response.url == reverse("home")
    assert client.session["_auth_user_id"] == str(user.pk)


def test_wrong_password_shows_error_summary_and_signs_nobody_in(client):
    StaffFactory(email="sam@example.test")
    response = client.post(
        reverse("signin:sign-in"), {"email": "sam@example.test", "password": "wrong"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "govuk-error-summary" in html
    assert "Enter a correct email address and password" in html
    assert "<title>Error: Sign in" in html
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"email": "", "password": ""}, "Enter your email address"),
        (
            {"email": "not-an-email", "password": "x"},
            "Enter an email address in the correct format",
        ),
        ({"email": "sam@example.test", "password": ""}, "Enter your password"),
    ],
)
def test_bad_sign_in_input_gets_a_govuk_field_error(client, data, message):
    response = client.post(reverse("signin:sign-in"), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert "govuk-error-message" in response.content.decode()


def test_young_person_cannot_sign_in_at_the_staff_door(client, password):
    account = YoungPersonAccountFactory(username="robin")
    response = client.post(
        reverse("signin:sign-in"), {"email": "robin@example.test", "password": password}
    )
    assert response.status_code == 400
    assert "_auth_user_id" not in client.session
    assert account.email is None


def test_deactivated_staff_member_cannot_sign_in(client, password):
    StaffFactory(email="gone@example.test", is_active=False)
    response = client.post(
        reverse("signin:sign-in"), {"email": "gone@example.test", "password": password}
    )
    assert response.status_code == 400
    assert "_auth_user_id" not in client.session


def test_sign_in_ignores_a_next_address_on_another_site(client, password):
    user = StaffFactory(email="sam@example.test")
    response = sign_in_both_steps(client, user, password, next="https://evil.example/")
    assert response.url == reverse("home")


def test_sign_in_returns_to_the_page_that_asked_for_it(client, password):
    user = StaffFactory(email="sam@example.test")
    target = reverse("participation:my-young-people")
    response = sign_in_both_steps(client, user, password, next=target)
    assert response.url == target


def test_sign_out_needs_a_post_and_ends_the_session(client):
    client.force_login(StaffFactory())
    assert client.get(reverse("signin:sign-out")).status_code == 405
    response = client.post(reverse("signin:sign-out"))
    assert response.url == reverse("signin:signed-out")
    assert "_auth_user_id" not in client.session


def test_signed_out_visitor_is_sent_to_sign_in(client):
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("signin:sign-in") + "?next=")


def test_home_shows_the_layout_with_user_navigation_and_sign_out(client):
    client.force_login(StaffFactory(full_name="Sam Patel"))
    html = client.get(reverse("home")).content.decode()
    assert "govuk-skip-link" in html
    assert "Sam Patel" in html
    assert 'action="/sign-out/"' in html
    assert "My young people" in html


def test_administrator_home_links_to_user_management_and_practitioner_home_does_not(client):
    client.force_login(StaffFactory(role=Role.ADMINISTRATOR, is_staff=True))
    assert reverse("admin:index") in client.get(reverse("home")).content.decode()
    client.force_login(StaffFactory(role=Role.PRACTITIONER))
    assert reverse("admin:index") not in client.get(reverse("home")).content.decode()
