"""Deny by default: every URL declares who may reach it, and the declaration holds."""

import re
import uuid

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from accounts.access import Access
from accounts.models import Organisation, User
from tests.factories import StaffFactory, YoungPersonAccountFactory, YoungPersonFactory


def _walk(patterns, prefix="", namespace=None):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from _walk(
                entry.url_patterns, prefix + str(entry.pattern), entry.namespace or namespace
            )
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), namespace, entry


ALL_PATTERNS = list(_walk(get_resolver().url_patterns))
APP_PATTERNS = [(route, pattern) for route, ns, pattern in ALL_PATTERNS if ns != "admin"]


@pytest.mark.parametrize(("route", "pattern"), APP_PATTERNS, ids=[r for r, _ in APP_PATTERNS])
def test_every_view_declares_an_access_rule(route, pattern):
    rule = getattr(pattern.callback, "access_rule", None)
    assert rule in set(Access), f"/{route} has no access rule: use a decorator in accounts.access"


def test_the_url_walk_found_the_apps_views():
    names = {pattern.name for _route, pattern in APP_PATTERNS}
    assert {"home", "sign-in", "my-young-people", "young-person", "schedule", "healthz"} <= names


def test_admin_site_holds_users_and_organisations_and_no_case_content():
    assert set(admin.site._registry) == {User, Organisation, Group}


STAFF_URLS = [
    ("home", []),
    ("participation:my-young-people", []),
    ("participation:young-person", [uuid.uuid4()]),
    ("meetings:schedule", [uuid.uuid4()]),
]
PORTAL_URLS = [("portal:home", [])]
PUBLIC_URLS = [("accounts:sign-in", []), ("portal:sign-in", []), ("healthz", [])]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "args"), STAFF_URLS)
def test_anonymous_visitor_is_sent_to_staff_sign_in_from_staff_pages(client, name, args):
    response = client.get(reverse(name, args=args))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:sign-in"))


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "args"), PORTAL_URLS)
def test_anonymous_visitor_is_sent_to_portal_sign_in_from_portal_pages(client, name, args):
    response = client.get(reverse(name, args=args))
    assert response.status_code == 302
    assert response.url.startswith(reverse("portal:sign-in"))


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "args"), PUBLIC_URLS)
def test_public_pages_open_without_sign_in(client, name, args):
    assert client.get(reverse(name, args=args)).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "args"), STAFF_URLS)
def test_young_person_gets_not_found_on_every_staff_page(client, name, args):
    account = YoungPersonAccountFactory()
    young_person = YoungPersonFactory(portal_user=account)
    client.force_login(account)
    args = [young_person.pk] if args else []
    assert client.get(reverse(name, args=args)).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "args"), PORTAL_URLS)
def test_staff_member_gets_not_found_on_portal_pages(client, name, args):
    client.force_login(StaffFactory())
    assert client.get(reverse(name, args=args)).status_code == 404


@pytest.mark.django_db
def test_missing_and_not_yours_look_the_same(client):
    client.force_login(StaffFactory())
    not_yours = client.get(reverse("participation:young-person", args=[YoungPersonFactory().pk]))
    missing = client.get(reverse("participation:young-person", args=[uuid.uuid4()]))
    assert not_yours.status_code == missing.status_code == 404
    assert _without_per_request_tokens(not_yours) == _without_per_request_tokens(missing)


def _without_per_request_tokens(response) -> str:
    html = response.content.decode()
    return re.sub(r'(nonce|value)="[^"]*"', r'\1=""', html)
