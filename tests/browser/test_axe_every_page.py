"""axe-core on every page the URL resolver knows, in a real Chromium, under the real
Content-Security-Policy.

Each page is opened as a user who may reach it, with the leak matrix's data (one young
person with a user of every kind around them). A page that cannot be shown as a page (a
form's POST, a redirect, a health check) is named in NOT_A_PAGE with the reason. A new URL
without either fails the suite.
"""

from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import reverse
from playwright.sync_api import Page

from accounts.access import Access
from meetings.models import Meeting
from tests.browser.steps import AXE
from tests.factories import StaffFactory
from tests.signin.phone import confirmed_just_now
from tests.test_url_access import (
    APP_PATTERNS,
    EXPECTED,
    ID_PATTERNS,
    POST_ONLY,
    ROLE_ONLY,
    world,  # noqa: F401 - the leak matrix's data, as a fixture
)

NOT_A_PAGE = {
    **dict.fromkeys(POST_ONLY, "a form's POST only"),
    "signin:sign-out": "a form's POST only",
    "signin:sessions-end": "a form's POST only",
    "portal:exit": "ends the session and leaves for another site",
    "healthz": "JSON for the load balancer, not a page",
    "signin:code": "step 2 of signing in, reached only after step 1: test_pages.py checks it",
    "signin:set-up": "a first sign-in's step 2, reached only after step 1: test_pages.py",
    "signin:recovery-codes": "shown once, straight after setting up: test_pages.py checks it",
    "figures:csv": "a CSV download, not a page: test_figures_walk.py downloads it",
}
# Pages that need a query string to be a page.
QUERY = {"figures:meetings": "?figure=own_item"}
ID_NAMES = {name for _route, name, _pattern in ID_PATTERNS}
PAGES = sorted(name for _route, name, _pattern in APP_PATTERNS if name not in NOT_A_PAGE and name)
# Who opens each page: for an id-taking URL, someone the leak matrix allows, staff first.
PREFERRED = ["in_scope_practitioner", "chair", "this_young_person", "another_young_person"]


def test_every_url_is_a_page_here_or_named_with_the_reason_it_is_not():
    names = {name for _route, name, _pattern in APP_PATTERNS}
    assert set(NOT_A_PAGE) <= names, set(NOT_A_PAGE) - names
    assert set(PAGES) | set(NOT_A_PAGE) == names


def _opener(name: str, users: dict, rule: str):
    if name in ("participation:break-glass", "participation:access-request"):
        return users["out_of_scope_practitioner"]  # those who can see the record skip it
    if name in ID_NAMES:
        allowed = EXPECTED[name][0]
        return users[next(who for who in PREFERRED if who in allowed)] if allowed else None
    if rule == Access.PUBLIC:
        return None
    if rule == Access.YOUNG_PERSON:
        return users["this_young_person"]
    if name in ROLE_ONLY:
        return StaffFactory(role=ROLE_ONLY[name], organisation=users["chair"].organisation)
    return users["chair"] if name != "signin:second-factor" else users["in_scope_practitioner"]


def _signed_in_as(page: Page, user, address: str) -> None:
    """Give the browser a session for `user`, made on the server as a finished sign-in (both
    steps, and confirmed a moment ago), so every page opens without walking to it."""
    client = Client()
    client.force_login(user)
    if user.is_staff_member:
        confirmed_just_now(client)
    cookie = client.cookies["sessionid"]
    page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": address}])


@pytest.mark.parametrize("name", PAGES)
def test_axe_finds_no_violation_on_the_page(
    page: Page,
    transactional_db,
    live_server,
    world,  # noqa: F811
    name,
):
    _young_person, users, ids = world
    if name == "portal:decision-response":
        # A decision reaches the young person once the chair has shared the outcomes.
        Meeting.objects.filter(pk=ids["meeting_id"]).update(status=Meeting.Status.OUTCOMES_SHARED)
    pattern = next(p for _route, n, p in APP_PATTERNS if n == name)
    rule = pattern.callback.access_rule
    url = reverse(name, kwargs={key: ids[key] for key in pattern.pattern.converters})
    user = _opener(name, users, rule)
    if user is not None:
        _signed_in_as(page, user, live_server.url)
    response = page.goto(url + QUERY.get(name, ""))
    status = response.status if response else None
    assert status in (200, 400), f"{name}: {status}"
    assert urlsplit(page.url).path == url, f"{name} sent {user} to {page.url}"
    results = AXE.run(page)
    assert results.violations_count == 0, f"{name} {url}\n{results.generate_report()}"
