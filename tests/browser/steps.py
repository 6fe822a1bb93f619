"""Steps the browser tests share."""

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

AXE = Axe()


def accessible(page: Page) -> None:
    """axe-core finds no violation on the page as it is now."""
    results = AXE.run(page)
    assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"


def staff_sign_in(page: Page, email: str, password: str) -> None:
    """Sign in at the staff door, as whoever was signed in before leaves."""
    page.context.clear_cookies()
    page.goto("/sign-in/")
    page.locator("input[name=email]").fill(email)
    page.locator("input[name=password]").fill(password)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1, name="Your work")).to_be_visible()
