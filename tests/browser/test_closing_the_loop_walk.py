"""Closing the loop, in the browser: Robin reads who runs their meeting and asks to meet
them; the chair sees it waiting on their home page and answers with a time, and Robin
reads it; after the meeting Robin disagrees with a decision, their lead professional
answers, and Robin reads that too, beside what they raised and an action they own.
axe-core checks every page on the way."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from accounts.roles import Role
from meetings.models import Action, AgendaItem, ChairIntroduction, Decision, Meeting
from participation.models import CaseTeamMembership
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


def portal_sign_in(page: Page, password: str) -> None:
    page.context.clear_cookies()
    page.goto("/portal/sign-in/")
    page.get_by_label("Username").fill("robin")
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    accessible(page)


def test_robin_asks_and_is_answered_and_sees_what_became_of_what_they_raised(
    page, live_server, password
):
    robin = YoungPersonFactory(
        preferred_name="Robin", portal_user=YoungPersonAccountFactory(username="robin")
    )
    worker = CaseTeamMembershipFactory(
        young_person=robin,
        user=StaffFactory(email="worker@example.org", full_name="Sam Patel"),
        role=CaseTeamMembership.Role.LEAD_PROFESSIONAL,
    ).user
    chair = StaffFactory(email="lead@example.org", full_name="Morgan Ellis", role=Role.CSE_LEAD)
    ChairIntroduction.objects.create(
        chair=chair, first_name="Morgan", about="I make sure everyone listens to you."
    )
    upcoming = MeetingFactory(young_person=robin, chair=chair)
    held = MeetingFactory(
        young_person=robin,
        chair=chair,
        status=Meeting.Status.OUTCOMES_SHARED,
        scheduled_at=timezone.now() - timedelta(days=3),
    )
    AgendaItemFactory(
        meeting=held,
        title="Seeing my brother",
        proposed_by=AgendaItem.ProposedBy.YOUNG_PERSON,
        outcome=AgendaItem.Outcome.DISCUSSED,
    )
    decision = Decision.objects.create(
        meeting=held,
        decision="Weekend stays at nan's",
        reason="Safer at weekends",
        explanation_for_young_person="You can stay at your nan's at weekends.",
        recorded_by=chair,
    )
    Action.objects.create(
        decision=decision,
        description="tell Sam how the first weekend went",
        owner=robin.portal_user,
        due_on=timezone.localdate() + timedelta(days=10),
    )

    # Robin reads who runs the meeting and asks to meet them.
    portal_sign_in(page, password)
    page.goto(f"/portal/meetings/{upcoming.pk}/")
    accessible(page)
    expect(page.get_by_text("I make sure everyone listens to you.")).to_be_visible()
    page.get_by_role("link", name="Ask to meet Morgan before the meeting").click()
    accessible(page)
    page.get_by_label("With my worker there").check()
    page.get_by_label("Anything you want them to know first (optional)").fill("After school")
    page.get_by_role("button", name="Ask to meet them").click()
    expect(page.get_by_text("Morgan will reply by")).to_be_visible()
    accessible(page)

    # The chair sees it waiting, and answers with a time.
    staff_sign_in(page, chair.email, password)
    accessible(page)
    page.get_by_role("link", name="Asked to meet the chair").click()
    accessible(page)
    page.get_by_label("Your answer, written for them").fill("Yes: Tuesday at 4, with Sam.")
    page.get_by_role("button", name="Send answer").click()
    expect(page.get_by_text("Your answer is sent")).to_be_visible()

    # Robin reads it, then tells us they disagree with a decision.
    portal_sign_in(page, password)
    page.goto(f"/portal/meetings/{upcoming.pk}/")
    expect(page.get_by_text("Morgan replied: Yes: Tuesday at 4, with Sam.")).to_be_visible()
    page.goto(f"/portal/meetings/{held.pk}/")
    accessible(page)
    expect(page.get_by_text("We talked about this.")).to_be_visible()
    expect(page.get_by_text("You will tell Sam how the first weekend went")).to_be_visible()
    page.get_by_role("link", name="Tell us what you think about decision 1").click()
    accessible(page)
    page.get_by_label("I do not agree").check()
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_text("You said: I do not agree")).to_be_visible()

    # Their lead professional answers; Robin reads the answer.
    staff_sign_in(page, worker.email, password)
    page.get_by_role("link", name="Does not agree with a decision").click()
    accessible(page)
    page.get_by_label("Your answer, written for them").fill("Let's talk on Monday about it.")
    page.get_by_role("button", name="Send answer").click()
    portal_sign_in(page, password)
    page.goto(f"/portal/meetings/{held.pk}/")
    expect(page.get_by_text("Sam replied: Let's talk on Monday about it.")).to_be_visible()
    accessible(page)


def test_what_would_help_robin_feel_respected_is_agreed_and_reaches_the_pack(
    page, live_server, password
):
    robin = YoungPersonFactory(
        preferred_name="Robin", portal_user=YoungPersonAccountFactory(username="robin")
    )
    worker = CaseTeamMembershipFactory(
        young_person=robin,
        user=StaffFactory(email="worker@example.org", full_name="Sam Patel"),
        role=CaseTeamMembership.Role.LEAD_PROFESSIONAL,
    ).user
    chair = StaffFactory(email="lead@example.org", full_name="Morgan Ellis", role=Role.CSE_LEAD)
    upcoming = MeetingFactory(young_person=robin, chair=chair)
    AgendaItemFactory(meeting=upcoming, title="School")
    theirs = AgendaItemFactory(
        meeting=upcoming, title="Seeing my brother", proposed_by=AgendaItem.ProposedBy.YOUNG_PERSON
    )

    # Robin says how they will take part, what would help, and adds an item.
    portal_sign_in(page, password)
    page.goto(f"/portal/meetings/{upcoming.pk}/taking-part/")
    accessible(page)
    page.get_by_label("I will come to the meeting").check()
    page.get_by_label("What would help you feel listened to and respected? (optional)").fill(
        "A break halfway through"
    )
    page.get_by_role("button", name="Save").click()
    accessible(page)
    page.goto(f"/portal/meetings/{upcoming.pk}/my-views/")
    page.get_by_label("What do you want the meeting to know?").fill("I want to go back to school")
    page.get_by_role("button", name="Save").click()

    # The chair shares the information, marks the ask "we will do this", and it is in the pack.
    staff_sign_in(page, chair.email, password)
    page.goto(f"/meetings/{upcoming.pk}/information/")
    page.get_by_role("button", name="Share version 1 with the young person").click()
    page.goto("/")
    page.get_by_role("link", name="What would help them feel respected").click()
    accessible(page)
    page.get_by_label("We will do this").check()
    page.get_by_label("What you will do, or why you cannot, written for them").fill(
        "We will stop for ten minutes halfway."
    )
    page.get_by_role("button", name="Send answer").click()
    page.goto(f"/meetings/{upcoming.pk}/print/pack/")
    accessible(page)
    expect(
        page.get_by_text("We will do this: We will stop for ten minutes halfway.")
    ).to_be_visible()
    expect(page.get_by_text("“A break halfway through”").first).to_be_visible()

    # The agenda changes: the chair reads what changed and shares it in one step.
    AgendaItemFactory(meeting=upcoming, title="Football on Saturdays")
    page.goto(f"/meetings/{upcoming.pk}/")
    accessible(page)
    page.get_by_role("link", name="See what changed and share the new version").click()
    accessible(page)
    expect(page.locator("ins").filter(has_text="Football on Saturdays").first).to_be_visible()
    page.get_by_role("button", name="Share version 2 with the young person").click()

    # Their worker corrects Robin's words, saying why, and writes a note beside an item.
    staff_sign_in(page, worker.email, password)
    page.goto(f"/meetings/{upcoming.pk}/their-views/")
    accessible(page)
    page.get_by_label("What they want the meeting to know, in their own words").fill(
        "I want to go back to college"
    )
    page.get_by_label("Why you are changing their words").fill("You told me it is college.")
    page.get_by_role("button", name="Save their views").click()
    page.goto(f"/meetings/{upcoming.pk}/agenda/{theirs.pk}/edit/")
    accessible(page)
    page.get_by_label("Your note beside their item (optional)").fill("Mum asked about this too.")
    page.get_by_role("button", name="Save changes").click()
    expect(page.get_by_text("Note from Sam Patel: Mum asked about this too.")).to_be_visible()
    page.goto(f"/meetings/{upcoming.pk}/")

    # Robin reads the new information with its line breaks, the answer, and the change.
    portal_sign_in(page, password)
    page.goto(f"/portal/meetings/{upcoming.pk}/")
    accessible(page)
    expect(
        page.get_by_text("Morgan replied: We will do this. We will stop for ten minutes halfway.")
    ).to_be_visible()
    expect(page.get_by_text("Why: You told me it is college.")).to_be_visible()
    expect(page.get_by_text("A note from Sam: Mum asked about this too.")).to_be_visible()
    expect(page.get_by_text("Before, it said: “I want to go back to school”")).to_be_visible()
    page.goto(f"/portal/meetings/{upcoming.pk}/information/")
    accessible(page)
    information = page.locator("main").inner_text()
    assert "Football on Saturdays" in information and "\\n" not in information
    assert "What we will talk about\n" in information
