"""A subject access export, in the browser: Robin's lead professional confirms who they
are, makes the readable copy and the data file, and both hold Robin's agenda item, their
views, a decision with its explanation, their naming choice, and the export itself.
axe-core checks every page on the way."""

import json

import pytest
from playwright.sync_api import Page, expect

from consent.services import identity_decision_record
from meetings.models import AgendaItem, Decision, YoungPersonViews
from participation.models import CaseTeamMembership
from tests.browser.steps import accessible, confirm_it_is_you, staff_sign_in
from tests.factories import (
    AgendaItemFactory,
    CaseTeamMembershipFactory,
    MeetingFactory,
    StaffFactory,
    YoungPersonAccountFactory,
    YoungPersonFactory,
)

pytestmark = pytest.mark.browser


def test_the_lead_professional_exports_everything_held_about_robin(
    page: Page, live_server, password
):
    account = YoungPersonAccountFactory(username="robin")
    robin = YoungPersonFactory(
        preferred_name="Robin", legal_name="Robin Example", portal_user=account
    )
    worker = CaseTeamMembershipFactory(
        young_person=robin,
        user=StaffFactory(email="worker@example.org", full_name="Sam Patel"),
        role=CaseTeamMembership.Role.LEAD_PROFESSIONAL,
    ).user
    meeting = MeetingFactory(young_person=robin)
    AgendaItemFactory(
        meeting=meeting, title="Seeing my brother", proposed_by=AgendaItem.ProposedBy.YOUNG_PERSON
    )
    YoungPersonViews.objects.create(
        meeting=meeting, text="I want to go back to school", source="written", recorded_by=account
    )
    Decision.objects.create(
        meeting=meeting,
        decision="Weekend stays at nan's",
        reason="Safer at weekends",
        explanation_for_young_person="You can stay with your nan at weekends.",
        recorded_by=meeting.chair,
    )
    identity_decision_record(
        actor=account,
        young_person=robin,
        context="training",
        choice="pseudonym",
        pseudonym="Sparrow",
        their_words="",
        made_by="young_person",
        review_on=None,
    )

    staff_sign_in(page, worker.email, password)
    page.goto(f"/young-people/{robin.pk}/")
    page.get_by_role("link", name="Subject access export").click()
    accessible(page)
    page.get_by_role("button", name="Make the export").click()
    expect(page.get_by_text("Choose what to make").first).to_be_visible()
    accessible(page)
    page.get_by_label("A readable copy, to check and print").check()
    page.get_by_role("button", name="Make the export").click()
    confirm_it_is_you(page, worker.email, password)
    accessible(page)
    page.get_by_label("A readable copy, to check and print").check()
    page.get_by_role("button", name="Make the export").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Information held about Robin Example"
    )
    accessible(page)
    for words in (
        "Seeing my brother",
        "I want to go back to school",
        "You can stay with your nan at weekends.",
        "Sparrow",
    ):
        expect(page.get_by_text(words, exact=True).first).to_be_visible()
    events = page.locator("h2", has_text="Who has looked at or changed your information")
    expect(events).to_be_visible()
    expect(page.get_by_text("Exported", exact=True).first).to_be_visible()

    page.goto(f"/young-people/{robin.pk}/subject-access/")
    page.get_by_label("The data, as a file a computer can read (JSON)").check()
    with page.expect_download() as download:
        page.get_by_role("button", name="Make the export").click()
    data = json.loads(open(download.value.path()).read())  # noqa: SIM115
    sections = data["sections"]
    assert "Seeing my brother" in {row["title"] for row in sections["meetings.AgendaItem"]["rows"]}
    assert sections["meetings.YoungPersonViews"]["rows"][0]["text"] == "I want to go back to school"
    assert sections["meetings.Decision"]["rows"][0]["explanation_for_young_person"] == (
        "You can stay with your nan at weekends."
    )
    assert sections["consent.IdentityDecision"]["rows"][0]["pseudonym"] == "Sparrow"
    exports = [r for r in sections["audit.AccessEvent"]["rows"] if r["action"] == "export"]
    assert len(exports) == 2  # the readable copy, then this file
