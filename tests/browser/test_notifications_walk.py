"""Notifications in the browser: the chair reads and clears a notice, a CSE lead sends a
failed one again, and a young person reads their new message and chooses a safe email.
axe-core checks every page on the way."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.roles import Role
from meetings import services as meeting_services
from meetings.models import Meeting
from notifications.models import Channel, Notification, SafeContact, Status
from tests.browser.steps import accessible, staff_sign_in
from tests.factories import (
    CaseTeamMembershipFactory,
    StaffFactory,
    YoungPersonAccountFactory,
    YoungPersonFactory,
)

pytestmark = pytest.mark.browser


@pytest.fixture
def scheduled(live_server):
    """A meeting scheduled through the service: the chair's notice and email are sent."""
    account = YoungPersonAccountFactory(username="robin")
    young_person = YoungPersonFactory(preferred_name="Robin", portal_user=account)
    worker = CaseTeamMembershipFactory(young_person=young_person).user
    chair = StaffFactory(email="lee@example.test", full_name="Lee Lead", role=Role.CSE_LEAD)
    meeting = meeting_services.meeting_schedule(
        actor=worker,
        young_person=young_person,
        meeting_type=Meeting.Type.PLANNING,
        chair=chair,
        scheduled_at=timezone.now() + timedelta(days=9),
        venue="The youth centre",
    )
    return meeting, chair


def test_the_chair_reads_a_notice_and_a_cse_lead_sends_a_failed_email_again(
    page, scheduled, password
):
    meeting, chair = scheduled
    staff_sign_in(page, chair.email, password)
    notices = page.locator(".partners-notices")
    expect(notices).to_contain_text("You have been asked to chair the planning meeting")
    accessible(page)
    notices.get_by_role("link").click()
    expect(page).to_have_url(f"{page.url.split('/meetings/')[0]}/meetings/{meeting.pk}/")
    page.go_back()
    page.get_by_role("button", name="Mark as read").click()
    expect(page.locator(".partners-notices")).to_have_count(0)

    Notification.objects.filter(channel=Channel.EMAIL, recipient=chair).update(
        status=Status.FAILED, attempts=5, last_error="SMTPServerDisconnected"
    )
    page.get_by_role("link", name="Notifications and their states").click()
    accessible(page)
    page.get_by_role("link", name="Failed (1)").click()
    row = page.locator("tbody tr")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("after 5 tries (SMTPServerDisconnected)")
    accessible(page)
    row.get_by_role("button", name="Send again").click()
    expect(page.get_by_text("It will be sent again in the next minute.")).to_be_visible()
    expect(page.locator("tbody tr")).to_have_count(0)  # still showing the failed ones: none
    accessible(page)
    email = Notification.objects.get(channel=Channel.EMAIL, recipient=chair)
    assert (email.status, email.retried_by) == (Status.SENT, chair)


def test_a_young_person_reads_their_new_message_and_chooses_a_safe_email(page, scheduled, password):
    meeting, chair = scheduled
    meeting_services.meeting_move(
        actor=chair,
        meeting=meeting,
        scheduled_at=meeting.scheduled_at + timedelta(days=1),
        venue="The library",
        reason_for_young_person="The youth centre is closed that day.",
    )
    page.goto("/portal/sign-in/")
    page.get_by_label("Username").fill("robin")
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    banner = page.locator(".govuk-notification-banner")
    # Told when it was planned, and again when it moved.
    expect(banner).to_contain_text("You have 2 new messages.")
    accessible(page)
    banner.get_by_role("link", name="Read them").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your messages")
    expect(page.locator(".partners-notices")).to_contain_text("Your meeting has changed.")
    expect(page.locator(".partners-notices")).to_contain_text("A meeting has been planned for")
    accessible(page)

    page.get_by_role("link", name="Choose how we tell you").click()
    accessible(page)
    page.get_by_label("Email address (optional)").fill("not an email")
    page.get_by_role("button", name="Save").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Enter an email address like name@example.com")
    accessible(page)
    page.get_by_label("Email address (optional)").fill("their.own@example.test")
    page.get_by_role("button", name="Save").click()
    expect(summary).to_contain_text("Tick the box to say nobody else reads this email")
    assert not SafeContact.objects.exists(), "nothing is kept until they say it is safe"
    page.get_by_label("Nobody else reads this email").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your messages")
    expect(
        page.get_by_text("we also send a short message to their.own@example.test")
    ).to_be_visible()
    accessible(page)

    page.get_by_role("button", name="Mark them all as read").click()
    page.get_by_role("link", name="Back").click()
    expect(page.locator(".govuk-notification-banner")).to_have_count(0)
