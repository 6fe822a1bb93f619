"""Advocacy in the browser: a practitioner offers it, the young person accepts in the portal,
the advocate is assigned, sees only what they should, adds an item and presents the young
person's views; the young person agrees the wording; the chair sees it labelled on the agenda
and in the pack. axe-core checks the pages on the way."""

import pytest
from playwright.sync_api import Page, expect

from accounts.roles import Role
from meetings.models import AgendaItem
from tests.browser.steps import accessible, staff_sign_in
from tests.factories import (
    AgendaItemFactory,
    CaseTeamMembershipFactory,
    MeetingFactory,
    StaffFactory,
    YoungPersonAccountFactory,
    YoungPersonFactory,
)

pytestmark = pytest.mark.browser

HIDDEN = "Restrictedmarker third-party information"


def portal_sign_in(page: Page, password: str) -> None:
    page.context.clear_cookies()
    page.goto("/portal/sign-in/")
    page.get_by_label("Username").fill("robin")
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1, name="Hello Robin")).to_be_visible()


def test_advocacy_from_offer_to_the_chairs_pack(page, live_server, password):
    young_person = YoungPersonFactory(
        preferred_name="Robin", portal_user=YoungPersonAccountFactory(username="robin")
    )
    worker = CaseTeamMembershipFactory(
        young_person=young_person, user=StaffFactory(email="sam@example.test")
    ).user
    chair = StaffFactory(email="lee@example.test", role=Role.CSE_LEAD)
    advocate = StaffFactory(email="ari@example.test", full_name="Ari Advocate", role=Role.ADVOCATE)
    meeting = MeetingFactory(young_person=young_person, chair=chair)
    AgendaItemFactory(
        meeting=meeting,
        title=HIDDEN,
        visibility=AgendaItem.Visibility.PROFESSIONALS_ONLY,
        explanation_for_young_person="Part of the meeting is held without you.",
    )

    # The practitioner offers advocacy.
    staff_sign_in(page, worker.email, password)
    page.goto(f"/young-people/{young_person.pk}/")
    page.get_by_role("link", name="Offers of advocacy and their answers").click()
    page.get_by_label("Offered").check()
    page.get_by_role("button", name="Record").click()
    expect(page.get_by_text("Recorded: offered.")).to_be_visible()
    accessible(page)

    # Robin accepts in the portal.
    portal_sign_in(page, password)
    page.get_by_role("link", name="An advocate: someone on your side").click()
    expect(page.get_by_text("Your worker has offered you an advocate.")).to_be_visible()
    accessible(page)
    page.get_by_label("Yes, I would like an advocate").check()
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_text("You said yes.")).to_be_visible()

    # The practitioner assigns the advocate.
    staff_sign_in(page, worker.email, password)
    page.goto(f"/young-people/{young_person.pk}/advocacy/")
    expect(page.get_by_text("Now: Accepted")).to_be_visible()
    page.get_by_role("button", name="Assign an advocate").click()
    accessible(page)
    page.get_by_label("Independent advocate").check()
    page.get_by_label("Advocate", exact=True).select_option(
        label=f"Ari Advocate ({advocate.organisation})"
    )
    page.get_by_role("button", name="Assign").click()
    expect(page.get_by_text("Advocate assigned.")).to_be_visible()
    accessible(page)

    # The advocate sees the meeting and the shared agenda, never the professionals-only item.
    staff_sign_in(page, advocate.email, password)
    page.goto(f"/meetings/{meeting.pk}/")
    expect(page.locator("main")).not_to_contain_text(HIDDEN)
    page.get_by_role("button", name="Add an item on their behalf").click()
    accessible(page)
    page.get_by_label("What they want to talk about").fill("Going back to football")
    page.get_by_role("button", name="Add to the agenda").click()
    expect(page.get_by_text("From their advocate", exact=True)).to_be_visible()
    page.get_by_role("link", name="Present their views, as their advocate").click()
    accessible(page)
    page.get_by_label("Their views, as they want them put").fill(
        "Robin wants to stay at her nan's at weekends."
    )
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Not yet agreed by Robin.")).to_be_visible()
    accessible(page)

    # Robin reads the wording and agrees it.
    portal_sign_in(page, password)
    page.get_by_role("link", name=meeting.scheduled_at.strftime("%A")).first.click()
    expect(page.get_by_text("Your advocate added this")).to_be_visible()
    page.get_by_role("button", name="I agree with this wording").click()
    expect(page.get_by_text("You agreed this on")).to_be_visible()
    accessible(page)

    # The chair sees it labelled, apart from professional assessments, on the page and in the pack.
    staff_sign_in(page, chair.email, password)
    for url in (f"/meetings/{meeting.pk}/", f"/meetings/{meeting.pk}/print/pack/"):
        page.goto(url)
        label = page.get_by_text("Robin's views, presented by their advocate")
        expect(label).to_be_visible()
        expect(page.get_by_text("Robin has read and agreed this wording")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Going back to football (from their advocate)")
