"""Goals, in the browser: Robin adds a goal in the portal, their worker adds a step owned by
Robin, the goal is first in the professionals' pack, Robin puts "Your goals" on the agenda,
and the goal is reviewed at the meeting in Robin's words and number. axe-core checks every
page."""

import re

import pytest
from playwright.sync_api import Page, expect

from meetings.models import Meeting
from participation.models import CaseTeamMembership
from tests.browser.steps import accessible, staff_sign_in
from tests.browser.test_closing_the_loop_walk import portal_sign_in
from tests.factories import (
    AgendaItemFactory,
    CaseTeamMembershipFactory,
    MeetingFactory,
    StaffFactory,
    YoungPersonAccountFactory,
    YoungPersonFactory,
)

pytestmark = pytest.mark.browser


def test_robin_adds_a_goal_the_worker_adds_robins_step_the_pack_leads_with_it_and_it_is_reviewed(
    page: Page, live_server, password
):
    robin = YoungPersonFactory(
        preferred_name="Robin", portal_user=YoungPersonAccountFactory(username="robin")
    )
    worker = CaseTeamMembershipFactory(
        young_person=robin,
        user=StaffFactory(email="worker@example.org", full_name="Sam Patel"),
        role=CaseTeamMembership.Role.LEAD_PROFESSIONAL,
    ).user
    meeting = MeetingFactory(young_person=robin)
    AgendaItemFactory(meeting=meeting, title="Worries about weekends")

    page.set_viewport_size({"width": 360, "height": 740})
    portal_sign_in(page, password)
    page.get_by_role("link", name="My goals: what you want to work towards").click()
    accessible(page)
    page.get_by_role("button", name="Add a goal").click()
    accessible(page)
    page.get_by_role("button", name="Save the goal").click()
    expect(page.get_by_text("Write what you want to work towards").first).to_be_visible()
    accessible(page)
    page.get_by_label("What do you want to work towards?").fill("Go back to college")
    page.get_by_label("Who can help you with it? (optional)").fill("Sam")
    page.get_by_role("button", name="Save the goal").click()
    expect(page.get_by_role("heading", name="Go back to college")).to_be_visible()
    accessible(page)

    page.set_viewport_size({"width": 1100, "height": 800})
    staff_sign_in(page, worker.email, password)
    page.goto(f"/young-people/{robin.pk}/")
    page.get_by_role("link", name="Add a step to Go back to college").click()
    accessible(page)
    page.get_by_label("A small step").fill("look at courses")
    page.get_by_label("Robin").check()
    page.get_by_role("button", name="Add the step").click()
    expect(page.get_by_text("Robin: look at courses")).to_be_visible()
    accessible(page)
    page.goto(f"/meetings/{meeting.pk}/print/pack/")
    accessible(page)
    pack = page.locator("main").inner_text()
    assert pack.index("Go back to college") < pack.index("Worries about weekends")

    page.set_viewport_size({"width": 360, "height": 740})
    portal_sign_in(page, password)
    page.goto("/portal/goals/")
    expect(page.get_by_text("You will look at courses")).to_be_visible()
    page.get_by_role("button", name=re.compile(r"done this.*look at courses")).click()
    expect(page.get_by_text("Well done. Step ticked off.")).to_be_visible()
    accessible(page)
    page.goto(f"/portal/meetings/{meeting.pk}/")
    page.get_by_role("button", name="Add my goals to the agenda").click()
    expect(page.get_by_text("Your goals are on the agenda.")).to_be_visible()
    expect(page.locator("li", has_text="Your goals").first).to_contain_text("You added this")
    accessible(page)

    # The meeting is held; at it, the worker reviews the goal with Robin.
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.HELD)
    page.set_viewport_size({"width": 1100, "height": 800})
    staff_sign_in(page, worker.email, password)
    page.goto(f"/meetings/{meeting.pk}/")
    page.get_by_role("link", name="Review their goals with them").click()
    accessible(page)
    page.get_by_label("Where it stands, in their words").fill("I have looked at two courses")
    page.get_by_role("button", name="Save the review").click()
    expect(page.get_by_text("Choose a number from 0 to 10, as they chose it").first).to_be_visible()
    accessible(page)
    page.get_by_label("The number they chose").select_option("6")
    page.get_by_role("button", name="Save the review").click()
    expect(
        page.get_by_text("6 out of 10. In their words: “I have looked at two courses”")
    ).to_be_visible()
    accessible(page)

    page.set_viewport_size({"width": 360, "height": 740})
    portal_sign_in(page, password)
    page.goto("/portal/goals/")
    expect(page.get_by_text("You gave it 6 out of 10.")).to_be_visible()
    page.get_by_role("link", name="Change Go back to college").click()
    accessible(page)
    page.get_by_role("button", name="Put this goal away").click()
    page.get_by_text("Goals you have put away", exact=True).click()
    expect(page.get_by_text("Go back to college (put away")).to_be_visible()
    accessible(page)
