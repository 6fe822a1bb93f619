"""The participation figures in the browser, on the demo data: the North CSE lead opens them,
follows a figure to the meetings behind it, reads a chart's table, downloads the CSV and
records what the service changed; the South CSE lead sees only South's. axe-core checks
every page."""

import csv
import io

import pytest
from django.core.management import call_command
from django.test import override_settings
from playwright.sync_api import Page, expect

from audit.models import AccessEvent
from figures.models import ServiceChange
from tests.browser.steps import accessible, staff_sign_in

pytestmark = pytest.mark.browser


@pytest.fixture
def demo(monkeypatch, password):
    monkeypatch.setenv("PARTNERS_DEMO_PASSWORD", password)
    with override_settings(DEBUG=True):
        call_command("seed_demo", stdout=io.StringIO())


def test_the_north_lead_follows_a_figure_downloads_the_csv_and_south_sees_only_south(
    page: Page, live_server, demo, password
):
    staff_sign_in(page, "lead@example.org", password)
    page.get_by_role("link", name="Participation figures").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Participation figures")
    accessible(page)
    # A chart's numbers, in the table beneath it: one row for each of the six periods.
    table = page.locator("table", has=page.locator("caption", has_text="the numbers in the chart"))
    expect(table.first.locator("tbody tr")).to_have_count(6)
    offered = page.get_by_role("row", name="Offered a chance to meet the chair")
    shown = offered.locator("td").last.inner_text()
    assert " of " in shown and "%" in shown, shown

    offered.get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Offered a chance to meet the chair")
    accessible(page)
    rows = page.locator("tbody tr")
    assert rows.count() > 0
    assert {rows.nth(i).locator("td").last.inner_text() for i in range(rows.count())} <= {
        "Yes",
        "No",
    }
    page.get_by_role("link", name="Back").click()

    with page.expect_download() as download:
        page.get_by_role("link", name="Download these figures (CSV)").click()
    with open(download.value.path(), encoding="utf-8") as file:
        lines = list(csv.reader(file))
    assert lines[0][:3] == ["Heading", "Figure", "What it counts"]
    assert any(line[1] == "Offered a chance to meet the chair" for line in lines)
    assert AccessEvent.objects.filter(
        action=AccessEvent.Action.EXPORT, actor__email="lead@example.org"
    ).exists()

    page.get_by_text("Change the period, the chair or what counts as in good time").click()
    page.get_by_label("Period", exact=True).select_option("custom")
    page.get_by_role("button", name="Show the figures").click()
    expect(page.get_by_text("Enter the date the figures start from").first).to_be_visible()
    accessible(page)

    page.goto("/service/figures/")
    page.get_by_role("button", name="Record a change").click()
    accessible(page)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Write what young people said").first).to_be_visible()
    accessible(page)
    page.get_by_label("What young people said").fill("The meetings are too long.")
    page.get_by_label("What we changed").fill("Meetings now have a break after 45 minutes.")
    page.get_by_role("checkbox").first.check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Meetings now have a break after 45 minutes.")).to_be_visible()
    assert ServiceChange.objects.get(we_did__startswith="Meetings now").feedback.count() == 1

    staff_sign_in(page, "southlead@example.org", password)
    page.goto("/service/figures/")
    accessible(page)
    south = page.get_by_role("row", name="Offered a chance to meet the chair")
    # South has two young people with meetings: too few to show any figure.
    expect(south.locator("td").last).to_have_text("fewer than 5 young people")
    expect(page.get_by_text("Meetings now have a break")).to_have_count(0)
