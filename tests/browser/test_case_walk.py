"""The case around a young person, in the browser: a practitioner records Sam (seeing a near
match first), keeps their details true, adds the people who matter to them and invites one
to a meeting; a practitioner elsewhere finds that a record exists, asks for access and is
given it; the case closes and their access ends. axe-core checks every page on the way."""

from datetime import date, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from accounts.roles import Role
from participation.models import CaseTeamMembership, YoungPerson
from tests.browser.steps import accessible, staff_sign_in
from tests.factories import (
    CaseTeamMembershipFactory,
    OrganisationFactory,
    StaffFactory,
    YoungPersonFactory,
)

pytestmark = pytest.mark.browser

BORN = date(2011, 4, 2)


def _date(page: Page, day: date) -> None:
    page.get_by_label("Day", exact=True).fill(str(day.day))
    page.get_by_label("Month", exact=True).fill(str(day.month))
    page.get_by_label("Year", exact=True).fill(str(day.year))


def submit(page: Page, button: str, then: str) -> None:
    page.get_by_role("button", name=button).click()
    expect(page.get_by_text(then).first).to_be_visible()
    accessible(page)


def test_sam_is_recorded_kept_true_found_from_elsewhere_and_closed(page, live_server, password):
    north = OrganisationFactory(name="Northshire Children's Services")
    worker = StaffFactory(email="worker@example.org", organisation=north)
    outsider = StaffFactory(
        email="outsider@example.org", organisation=OrganisationFactory(name="Southvale Police")
    )
    StaffFactory(email="lead@example.org", full_name="Lee Chair", role=Role.CSE_LEAD)
    CaseTeamMembershipFactory(
        young_person=YoungPersonFactory(
            preferred_name="Samantha", legal_name="Samantha Tayler", date_of_birth=BORN
        ),
        user=StaffFactory(organisation=OrganisationFactory(name="Eastfield Council")),
        role=CaseTeamMembership.Role.LEAD_PROFESSIONAL,
    )

    # The worker records Sam, and is warned of a near match first.
    staff_sign_in(page, worker.email, password)
    page.get_by_role("link", name="Record a new young person").click()
    accessible(page)
    page.get_by_label("Preferred name").fill("Sam")
    page.get_by_label("Full legal name").fill("Sam Taylor")
    _date(page, BORN)
    page.get_by_label("Strengths and interests, in their own words").fill("Football\nDrawing")
    page.get_by_label("Referring organisation").fill("Northshire Academy")
    page.get_by_label("Why they were referred").fill(
        "An older adult has been collecting him from school."
    )
    submit(page, "Record this young person", "may already hold a record")
    expect(page.get_by_role("cell", name="Eastfield Council", exact=True)).to_be_visible()
    expect(page.get_by_text("Samantha")).to_have_count(0)
    page.get_by_label("This is a new person, not one of the records above").check()
    submit(page, "Record this young person", "You are their lead professional")
    sam = YoungPerson.objects.get(legal_name="Sam Taylor")
    expect(page.get_by_text("Football")).to_be_visible()

    # They correct Sam's communication needs, and see the history.
    page.get_by_role("link", name="Change their details").click()
    accessible(page)
    page.get_by_label("Communication and access needs").fill("Short meetings, with breaks")
    submit(page, "Save changes", "1 detail changed")
    page.get_by_text("Changes to these details (1)").click()
    expect(page.get_by_role("cell", name="Short meetings, with breaks")).to_be_visible()
    accessible(page)

    # A trusted adult, and someone who must not be told anything.
    page.get_by_role("link", name="Add someone who matters to them").click()
    accessible(page)
    page.get_by_label("Name", exact=True).fill("Pat Jones")
    page.get_by_label("Relationship to the young person").fill("Aunt")
    page.get_by_label("May be told about meetings and invited").check()
    submit(page, "Save", "Pat Jones saved")
    page.get_by_role("link", name="Add someone who matters to them").click()
    page.get_by_label("Name", exact=True).fill("Lee Smith")
    page.get_by_label("Relationship to the young person").fill("Mum's partner")
    page.get_by_label("Not to be told about meetings").check()
    page.get_by_label("They must not be told anything").check()
    submit(page, "Save", "Lee Smith saved")
    expect(page.get_by_text("Must not be told anything")).to_be_visible()

    # A meeting invites the aunt; the person not to be told is never offered.
    page.get_by_role("button", name="Schedule a meeting").click()
    accessible(page)
    expect(page.get_by_label("Pat Jones")).to_be_visible()
    expect(page.get_by_text("Lee Smith")).to_have_count(0)
    page.get_by_label("Strategy meeting", exact=True).check()
    page.get_by_label("Chair", exact=True).select_option(index=1)
    _date(page, timezone.localdate() + timedelta(days=12))
    page.get_by_label("Start time", exact=True).fill("16:00")
    page.get_by_label("Where", exact=True).fill("The youth centre")
    page.get_by_label("Pat Jones").check()
    submit(page, "Schedule meeting", "Meeting scheduled")
    page.get_by_role("link", name="Strategy meeting").click()
    expect(page.get_by_text("Pat Jones, Aunt")).to_be_visible()

    # Elsewhere, a practitioner learns only that a record exists, and asks for access.
    staff_sign_in(page, outsider.email, password)
    page.get_by_role("link", name="Find a young person").click()
    accessible(page)
    page.get_by_label("Name").fill("Sam Taylor")
    _date(page, BORN)
    submit(page, "Find", "A record exists, held by Northshire Children's Services")
    expect(page.get_by_text("Football")).to_have_count(0)
    page.get_by_role("link", name="Ask for access").click()
    accessible(page)
    page.get_by_label("Why do you need access?").fill("I am supporting him at court next week")
    submit(page, "Ask for access", "Your request was sent")

    # The worker gives access for a week.
    staff_sign_in(page, worker.email, password)
    page.goto(f"/young-people/{sam.pk}/")
    page.get_by_role("link", name=outsider.full_name).click()
    accessible(page)
    page.get_by_label("Give access until a date").check()
    submit(page, "Send answer", "has been told your answer")
    staff_sign_in(page, outsider.email, password)
    page.get_by_role("link", name="Your requests for access").click()
    accessible(page)
    page.get_by_role("link", name=f"Born {BORN:%-d %B %Y}").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Sam")

    # The worker closes the case; the outsider's next request is refused.
    staff_sign_in(page, worker.email, password)
    page.goto(f"/young-people/{sam.pk}/")
    page.get_by_role("button", name="Close the case").click()
    accessible(page)
    page.get_by_label("No further concerns").check()
    submit(page, "Close the case", "The case is closed")
    staff_sign_in(page, outsider.email, password)
    response = page.goto(f"/young-people/{sam.pk}/")
    assert response is not None and response.status == 404
