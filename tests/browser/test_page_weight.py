"""A young person's page costs little on a cheap phone: every portal page, with everything
it loads, is at most 25 KB transferred as production serves it.

Measured in Chromium from the browser's own resource timing: the page's HTML as sent, and
each static file it loaded at its gzip-compressed size (whitenoise serves the compressed
files in production; here the plain ones are served, so the test compresses them as
whitenoise does). The figures are in docs/performance.md.
"""

import gzip
from urllib.parse import urlsplit

import pytest
from django.contrib.staticfiles import finders
from playwright.sync_api import Page

from tests.browser.steps import open_page
from tests.every_page import PAGES
from tests.test_url_access import world  # noqa: F401 - the leak matrix's data

pytestmark = pytest.mark.browser

LIMIT = 25 * 1024
PORTAL_PAGES = [name for name in PAGES if name.startswith("portal:")]
STATIC = "/static/"


def _compressed(path: str) -> int:
    found = finders.find(path.removeprefix(STATIC))
    assert found, f"{path} is not a static file"
    with open(found, "rb") as file:
        return len(gzip.compress(file.read(), compresslevel=9))


@pytest.mark.parametrize("name", PORTAL_PAGES)
def test_every_portal_page_with_what_it_loads_is_at_most_25_kb(
    page: Page,
    transactional_db,
    live_server,
    world,  # noqa: F811
    name,
):
    open_page(page, live_server, world, name)
    page.wait_for_load_state("load")
    html = page.evaluate("performance.getEntriesByType('navigation')[0].encodedBodySize")
    loaded = page.evaluate("performance.getEntriesByType('resource').map(r => r.name)")
    statics = {urlsplit(address).path for address in loaded if STATIC in address}
    assert any(path.endswith(".css") for path in statics), f"{name}: no stylesheet loaded"
    total = html + sum(_compressed(path) for path in statics)
    print(f"PAGE-WEIGHT {name} {total / 1024:.1f} KB (HTML {html / 1024:.1f} KB)")
    assert total <= LIMIT, f"{name}: {total / 1024:.1f} KB, more than 25 KB: {sorted(statics)}"
