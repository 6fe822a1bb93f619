"""Naming in the browser: the young person chooses a different name in the portal, and the
chair's pack uses it from the next page on; the case team records decisions and reads the log.
axe-core checks every page on the way."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.roles import Role
from tests.browser.steps import accessible, staff_sign_in
from tests.factories import (
    CaseTeamMembershipFactory,
    MeetingFactory,
    OrganisationFactory,
    StaffFactory,
    YoungPersonAccountFactory,
    YoungPersonFactory,
)

pytestmark = pytest.mark.browser


@pytest.fixture
def robin(live_server):
    account = YoungPersonAccountFactory(username="robin")
    young_person = YoungPersonFactory(
        preferred_name="Robin", legal_name="Roberta Smith", portal_user=account
    )
    worker = CaseTeamMembershipFactory(
        young_person=young_person, user=StaffFactory(email="sam@example.test")
    ).user
    chair = StaffFactory(email="lee@example.test", role=Role.CSE_LEAD)
    meeting = MeetingFactory(young_person=young_person, chair=chair)
    return young_person, worker, chair, meeting


def test_young_person_changes_first_name_to_a_chosen_name_and_the_chairs_pack_shows_it(
    page, robin, password
):
    _, _, chair, meeting = robin
    staff_sign_in(page, chair.email, password)
    page.goto(f"/meetings/{meeting.pk}/print/pack/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Robin")

    page.context.clear_cookies()
    page.goto("/portal/sign-in/")
    page.get_by_label("Username").fill("robin")
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("link", name="Your choices").click()
    accessible(page)
    row = page.locator(".govuk-summary-list__row", has_text="notes from your meetings")
    expect(row).to_contain_text("My first name")
    row.get_by_role("link", name="Change").click()
    accessible(page)
    page.get_by_label("A different name that I choose").check()
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the name they chose")
    accessible(page)
    page.get_by_label("The name you want to use").fill("Sparrow")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The name you chose: Sparrow")).to_be_visible()
    expect(page.locator("body")).not_to_contain_text("Roberta")

    staff_sign_in(page, chair.email, password)
    page.goto(f"/meetings/{meeting.pk}/print/pack/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Sparrow")
    expect(page.locator("main")).not_to_contain_text("Robin")


def test_case_team_records_naming_and_sharing_decisions_and_reads_the_log(page, robin, password):
    young_person, worker, _, _ = robin
    OrganisationFactory(name="Northvale College")
    later = timezone.localdate() + timedelta(days=120)
    staff_sign_in(page, worker.email, password)
    page.goto(f"/young-people/{young_person.pk}/")
    page.get_by_role("link", name="How they are named, and information sharing").click()
    accessible(page)

    page.get_by_role("button", name="Record a sharing decision").click()
    page.get_by_role("button", name="Record the decision").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    accessible(page)
    page.get_by_label("Organisation").select_option(label="Northvale College")
    page.get_by_label("What for").fill("to plan help at college")
    page.get_by_label("Share", exact=True).check()
    page.get_by_label("Why").fill("Robin asked for help with lessons")
    page.get_by_label("The young person, with a worker").check()
    page.get_by_label("Day").fill(str(later.day))
    page.get_by_label("Month").fill(str(later.month))
    page.get_by_label("Year").fill(str(later.year))
    page.get_by_role("button", name="Record the decision").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Select the lawful basis for sharing"
    )
    page.get_by_label("Consent", exact=True).check()
    page.get_by_role("button", name="Record the decision").click()
    expect(
        page.get_by_text("Share with Northvale College, to plan help at college")
    ).to_be_visible()
    accessible(page)

    page.get_by_role("button", name="Record how they want to be named").click()
    page.get_by_label("Training and awareness material").check()
    page.get_by_label("Initials").check()
    page.get_by_label("The young person, with a worker").check()
    page.get_by_label("Day").fill(str(later.day))
    page.get_by_label("Month").fill(str(later.month))
    page.get_by_label("Year").fill(str(later.year))
    page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_role("cell", name="R. S.")).to_be_visible()
    accessible(page)
