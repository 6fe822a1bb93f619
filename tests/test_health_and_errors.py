import pytest
from django.test import Client, override_settings
from django.urls import reverse

from home import views
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db


def test_health_check_answers_without_sign_in_and_says_only_ok(client):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "broker": "ok"}


@override_settings(REDIS_URL="redis://127.0.0.1:1/0")
def test_health_check_reports_an_unreachable_broker_without_details(client):
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json() == {"database": "ok", "broker": "unavailable"}


def test_not_found_page_is_styled_and_plain(client):
    response = client.get("/no-such-page/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "Page not found" in html
    assert "build/css/partners.css" in html


def test_server_error_page_is_styled_and_shows_no_details(client, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("secret stack detail")

    monkeypatch.setattr(views, "young_people_on_case_team", broken)
    client.force_login(StaffFactory())
    client.raise_request_exception = False
    response = client.get(reverse("home"))
    html = response.content.decode()
    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in html
    assert "secret stack detail" not in html
    assert "build/css/partners.css" in html


def test_form_posted_without_csrf_token_gets_the_styled_403():
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("signin:sign-in"), {"email": "a@b.c", "password": "x"})
    assert response.status_code == 403
    assert "You cannot do that" in response.content.decode()
