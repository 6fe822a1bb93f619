"""Steps the browser tests share."""

from base64 import b32decode

from axe_playwright_python.sync_playwright import Axe
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from tests.every_page import ready
from tests.signin.phone import confirmed_just_now

AXE = Axe()


def accessible(page: Page) -> None:
    """axe-core finds no violation on the page as it is now (once a navigation a click began
    has loaded: axe cannot run on a document that is being replaced)."""
    page.wait_for_load_state()
    results = AXE.run(page)
    assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"


def code_now(key: bytes) -> str:
    """The code an authenticator app shows now for this key."""
    return f"{totp(key):06d}"


def code_from_phone(email: str) -> str:
    """The code this person's phone shows now. (Each code works once: the device forgets the
    last one it took, as if the next 30 seconds had passed.)"""
    device = TOTPDevice.objects.get(user__email=email, confirmed=True)
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1)
    return code_now(device.bin_key)


def staff_sign_in(page: Page, email: str, password: str) -> None:
    """Sign in at the staff door in both steps, as whoever was signed in before leaves. On a
    first sign-in, set up the authenticator from the key the page shows, as a phone would."""
    page.context.clear_cookies()
    page.goto("/sign-in/")
    page.locator("input[name=email]").fill(email)
    page.locator("input[name=password]").fill(password)
    page.get_by_role("button", name="Sign in").click()
    if page.get_by_role("heading", level=1, name="Set up your authenticator app").is_visible():
        secret = page.locator(".partners-secret").inner_text().replace(" ", "")
        page.locator("input[name=code]").fill(code_now(b32decode(secret)))
        page.get_by_role("button", name="Continue").click()
        page.get_by_role("button", name="Continue").click()
    else:
        expect(page.get_by_role("heading", level=1)).to_have_text(
            "Enter the code from your authenticator app"
        )
        page.locator("input[name=code]").fill(code_from_phone(email))
        page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1, name="Your work")).to_be_visible()


def confirm_it_is_you(page: Page, email: str, password: str) -> None:
    """Answer "Confirm it is you" (password and a code), which a sensitive action asks first."""
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirm it is you")
    page.get_by_label("Your password").fill(password)
    page.get_by_label("Code from your authenticator app").fill(code_from_phone(email))
    page.get_by_role("button", name="Continue").click()


def signed_in_as(page: Page, user, address: str) -> None:
    """Give the browser a session for `user`, made on the server as a finished sign-in (both
    steps, and confirmed a moment ago), so every page opens without walking to it."""
    client = Client()
    client.force_login(user)
    if user.is_staff_member:
        confirmed_just_now(client)
    cookie = client.cookies["sessionid"]
    page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": address}])


def open_page(page: Page, live_server, world, name: str) -> tuple[str, object]:
    """Open one page of tests/every_page.py in the browser, as someone who may reach it: its
    address and who opened it. It must answer as a page (200, or 400 for a form)."""
    url, query, user = ready(name, world)
    if user is not None:
        signed_in_as(page, user, live_server.url)
    response = page.goto(url + query)
    status = response.status if response else None
    assert status in (200, 400), f"{name}: {status}"
    return url, user
