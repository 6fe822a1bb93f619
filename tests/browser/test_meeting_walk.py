"""A whole meeting in the browser: a practitioner schedules and prepares it with the young
person, the chair prepares, holds and closes it, and the practitioner records the young
person's response and feedback. axe-core checks every page on the way."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from accounts.roles import Role
from meetings.models import Meeting
from tests.browser.steps import accessible, staff_sign_in
from tests.factories import CaseTeamMembershipFactory, StaffFactory, YoungPersonFactory

pytestmark = pytest.mark.browser


def sign_in(page: Page, email: str, password: str) -> None:
    staff_sign_in(page, email, password)
    accessible(page)


def submit(page: Page, button: str, then: str) -> None:
    page.get_by_role("button", name=button).click()
    expect(page.get_by_text(then).first).to_be_visible()
    accessible(page)


def test_a_meeting_is_prepared_held_and_closed_with_the_young_person(page, live_server, password):
    young_person = YoungPersonFactory(preferred_name="Robin")
    worker = CaseTeamMembershipFactory(
        young_person=young_person, user=StaffFactory(email="sam@example.test")
    ).user
    lead = StaffFactory(email="lee@example.test", full_name="Lee Chair", role=Role.CSE_LEAD)
    day = timezone.localdate() + timedelta(days=12)

    # The practitioner schedules the meeting and prepares it with Robin.
    sign_in(page, worker.email, password)
    page.goto(f"/young-people/{young_person.pk}/")
    accessible(page)
    page.get_by_role("button", name="Schedule a meeting").click()
    accessible(page)
    page.get_by_label("Strategy meeting", exact=True).check()
    page.get_by_label("Chair", exact=True).select_option(label=f"Lee Chair ({lead.organisation})")
    page.get_by_label("Day", exact=True).fill(str(day.day))
    page.get_by_label("Month", exact=True).fill(str(day.month))
    page.get_by_label("Year", exact=True).fill(str(day.year))
    page.get_by_label("Start time", exact=True).fill("16:00")
    page.get_by_label("Where", exact=True).fill("The youth centre")
    submit(page, "Schedule meeting", "Meeting scheduled")
    meeting = Meeting.objects.get(young_person=young_person)
    page.goto(f"/meetings/{meeting.pk}/")
    accessible(page)

    page.get_by_role("button", name="Add an agenda item").click()
    page.get_by_label("Item", exact=True).fill("Going back to school")
    page.get_by_label("The young person", exact=True).check()
    submit(page, "Add to the agenda", "Item added to the agenda")

    page.get_by_role("link", name="Record what they want the meeting to know").click()
    accessible(page)
    page.get_by_label("What they want the meeting to know").fill("I want to go back to school.")
    page.get_by_label("Said to a worker").check()
    submit(page, "Save their views", "Their views are saved")

    page.get_by_role("link", name="Update how they will take part").click()
    page.get_by_label("Will attend with someone", exact=True).check()
    submit(page, "Save", "How they will take part: saved")

    # The chair invites an agency, shares the information, holds and closes the meeting.
    sign_in(page, lead.email, password)
    page.goto(f"/meetings/{meeting.pk}/")
    accessible(page)
    page.get_by_role("link", name="Invite an agency").click()
    page.get_by_label("Agency", exact=True).select_option(label=str(worker.organisation))
    page.get_by_label("Role of the person coming", exact=True).fill("Social worker")
    submit(page, "Invite", "Agency invited")

    page.get_by_role("link", name="Pre-meeting information").click()
    accessible(page)
    submit(page, "Share version 1 with the young person", "Version 1 is shared")
    page.goto(f"/meetings/{meeting.pk}/")

    submit(page, "Mark as ready", "The meeting is now ready")
    submit(page, "Mark as held", "The meeting is now held")
    submit(page, re.compile("^Discussed"), "Discussed")

    page.get_by_role("button", name="Record a decision").click()
    page.get_by_label("What was decided", exact=True).fill("Robin goes back to school on Monday")
    page.get_by_label("Why", exact=True).fill("Robin wants to, and school has a plan")
    page.get_by_label("What the young person is told").fill(
        "You said you want to go back, so you start on Monday."
    )
    submit(page, "Record the decision", "Decision recorded")
    submit(page, "Mark as outcomes shared", "The meeting is now outcomes shared")

    # The practitioner records Robin's response and feedback.
    sign_in(page, worker.email, password)
    page.goto(f"/meetings/{meeting.pk}/")
    page.get_by_role("link", name="Record their response to decision 1").click()
    page.get_by_label("Agrees", exact=True).check()
    submit(page, "Save their response", "Their response is saved")
    page.get_by_role("link", name="Record their feedback on the meeting").click()
    for question in (
        "Did you feel listened to?",
        "Did you understand what was decided?",
        "Did you have a say?",
    ):
        page.get_by_role("group", name=question).get_by_label("Yes", exact=True).check()
    submit(page, "Save their feedback", "Their feedback is saved")

    sign_in(page, lead.email, password)
    page.goto(f"/meetings/{meeting.pk}/")
    submit(page, "Mark as closed", "The meeting is now closed")
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.CLOSED
    assert meeting.decisions.get().young_person_response == "agree"
