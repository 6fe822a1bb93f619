"""Fixtures for the browser tests: one headless Chromium per module, a fresh context per test.

Every context records its network traffic, so a test can assert what the pages asked for.
A test that means to leave the site asks for `offsite_stub`, which answers requests for any
other host with a tiny page (there is no network here). It is opt-in because any Playwright
route makes Playwright abort the browser's favicon requests and turns off the HTTP cache.
"""

import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import (
    Browser,
    BrowserContext,
    Page,
    Playwright,
    Route,
    sync_playwright,
)

# Playwright's sync API keeps an asyncio loop running on the main thread; without this,
# Django refuses ORM calls made there (factories, live_server's test set-up). Django reads
# it at each call, so setting it here, when pytest imports this file, is early enough.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    # No name resolves but the live server's: a request for any other host fails here, even
    # the first hop of a redirect that Playwright's routes never see.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost",
]

# What a request for another host gets back: enough to be a page, nothing more.
OFFSITE_BODY = "<!DOCTYPE html><html lang='en'><title>Elsewhere</title><p>Elsewhere</p></html>"


@dataclass
class NetworkLog:
    """Everything one browser context asked for, and what came back."""

    origin: str  # the live server's scheme://host:port
    requests: list[str] = field(default_factory=list)
    responses: list[tuple[str, int]] = field(default_factory=list)
    failures: list[tuple[str, str]] = field(default_factory=list)
    stubbed: list[str] = field(default_factory=list)  # answered by `offsite_stub`
    console_errors: list[str] = field(default_factory=list)  # the browser console's errors

    def is_offsite(self, url: str) -> bool:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https", "ws", "wss"):
            return False  # data:, blob:, about: never leave the browser
        return f"{parts.scheme}://{parts.netloc}" != self.origin

    def offsite_requests(self) -> list[str]:
        return [url for url in self.requests if self.is_offsite(url)]

    def static_requests(self) -> list[str]:
        return [url for url in self.requests if urlsplit(url).path.startswith("/static/")]

    def failed_static(self) -> list[str]:
        """Static files that answered with an error, or never answered at all."""
        bad = [
            f"{status} {url}"
            for url, status in self.responses
            if urlsplit(url).path.startswith("/static/") and status >= 400
        ]
        bad += [
            f"failed ({error}) {url}"
            for url, error in self.real_failures()
            if urlsplit(url).path.startswith("/static/")
        ]
        return bad

    def real_failures(self) -> list[tuple[str, str]]:
        """Requests that failed, leaving out loads the browser dropped because the page moved
        on (ERR_ABORTED) of a file that was served whole elsewhere in the walk."""
        served = {url for url, status in self.responses if status == 200}
        return [
            (url, error)
            for url, error in self.failures
            if not ("ERR_ABORTED" in error and url in served)
        ]

    def requested_path(self, path: str) -> bool:
        return any(urlsplit(url).path == path for url in self.requests)


@pytest.fixture(scope="module")
def _browser_launcher() -> Iterator[Callable[[str], Browser]]:
    """Launches Chromium the first time a test in the module asks, and closes it after the last.

    Module-scoped so the Playwright loop is gone again before any later, non-browser module runs.
    """
    started: dict[str, object] = {}

    def launch(executable_path: str) -> Browser:
        if "browser" not in started:
            playwright = sync_playwright().start()
            started["playwright"] = playwright
            started["browser"] = playwright.chromium.launch(
                executable_path=executable_path, args=CHROMIUM_ARGS
            )
        return started["browser"]  # type: ignore[return-value]

    yield launch
    if "browser" in started:
        started["browser"].close()  # type: ignore[attr-defined]
    if "playwright" in started:
        playwright: Playwright = started["playwright"]  # type: ignore[assignment]
        playwright.stop()


@pytest.fixture
def browser(chromium_path: str, _browser_launcher: Callable[[str], Browser]) -> Browser:
    """The module's Chromium; skips (or fails under CI) where Chromium is missing."""
    return _browser_launcher(chromium_path)


@pytest.fixture
def network(live_server) -> NetworkLog:
    parts = urlsplit(live_server.url)
    return NetworkLog(origin=f"{parts.scheme}://{parts.netloc}")


@pytest.fixture
def served(live_server) -> Iterator[list[tuple[str, int]]]:
    """(path, status) of every request the live server answered during the test.

    Seen from the server's side, so it includes what Chromium fetches outside the page's
    sight (Playwright never reports a page's favicon request).
    """
    answered: list[tuple[str, int]] = []
    httpd = live_server.thread.httpd
    app = httpd.get_app()

    def recording_app(environ, start_response):
        def recording_start_response(status, headers, exc_info=None):
            answered.append((environ.get("PATH_INFO", ""), int(status.split()[0])))
            return start_response(status, headers, exc_info)

        return app(environ, recording_start_response)

    httpd.set_app(recording_app)
    yield answered
    httpd.set_app(app)


@pytest.fixture
def context(
    request: pytest.FixtureRequest, browser: Browser, live_server, network: NetworkLog
) -> Iterator[BrowserContext]:
    """A fresh context; a test may pass more options (a narrow screen, JavaScript off) by
    indirect parametrisation of `context`."""
    options = getattr(request, "param", {})
    # The app's real Content-Security-Policy holds: a page whose script or style it blocks
    # fails the test (axe-core is run through the DevTools protocol, which the policy allows).
    context = browser.new_context(base_url=live_server.url, **options)
    context.set_default_timeout(5_000)
    context.on(
        "console",
        lambda message: (
            network.console_errors.append(message.text) if message.type == "error" else None
        ),
    )

    context.on("request", lambda request: network.requests.append(request.url))
    context.on(
        "response", lambda response: network.responses.append((response.url, response.status))
    )
    context.on(
        "requestfailed",
        lambda request: network.failures.append((request.url, request.failure or "unknown")),
    )
    yield context
    context.close()
    blocked = [text for text in network.console_errors if "Content Security Policy" in text]
    assert blocked == [], blocked


@pytest.fixture
def offsite_stub(context: BrowserContext, network: NetworkLog) -> None:
    """Answers any request for a host other than the live server's with OFFSITE_BODY."""

    def answer(route: Route) -> None:
        network.stubbed.append(route.request.url)
        route.fulfill(status=200, content_type="text/html", body=OFFSITE_BODY)

    # A pattern, not a Python predicate: only off-site requests make the round trip here.
    context.route(re.compile(rf"^(?!{re.escape(network.origin)}/)(https?|wss?)://"), answer)


@pytest.fixture
def page(context: BrowserContext) -> Page:
    return context.new_page()
