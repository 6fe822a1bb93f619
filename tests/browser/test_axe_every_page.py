"""axe-core on every page the URL resolver knows, in a real Chromium, under the real
Content-Security-Policy.

Each page is opened as a user who may reach it, with the leak matrix's data (one young
person with a user of every kind around them). A page that cannot be shown as a page (a
form's POST, a redirect, a health check) is named in NOT_A_PAGE with the reason. A new URL
without either fails the suite.
"""

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page

from tests.browser.steps import AXE, open_page
from tests.every_page import NOT_A_PAGE, PAGES
from tests.test_url_access import (
    APP_PATTERNS,
    world,  # noqa: F401 - the leak matrix's data, as a fixture
)


def test_every_url_is_a_page_here_or_named_with_the_reason_it_is_not():
    names = {name for _route, name, _pattern in APP_PATTERNS}
    assert set(NOT_A_PAGE) <= names, set(NOT_A_PAGE) - names
    assert set(PAGES) | set(NOT_A_PAGE) == names


@pytest.mark.parametrize("name", PAGES)
def test_axe_finds_no_violation_on_the_page(
    page: Page,
    transactional_db,
    live_server,
    world,  # noqa: F811
    name,
):
    url, user = open_page(page, live_server, world, name)
    assert urlsplit(page.url).path == url, f"{name} sent {user} to {page.url}"
    results = AXE.run(page)
    assert results.violations_count == 0, f"{name} {url}\n{results.generate_report()}"
