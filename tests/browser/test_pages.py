"""Real pages in a real browser: sign-in, what each person sees, assets, accessibility, the portal.

Run with `pytest tests/browser`; needs Chromium (see tests/conftest.py `chromium_path`).
"""

import re
import time
from base64 import b32decode
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.test import Client
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from playwright.sync_api import Page, expect

from accounts.models import User
from accounts.roles import Role
from meetings.models import Meeting
from participation.models import CaseTeamMembership, YoungPerson
from tests.browser.conftest import NetworkLog
from tests.browser.steps import AXE, code_now, confirm_it_is_you, staff_sign_in
from tests.factories import (
    AdvocateAssignmentFactory,
    AgendaItemFactory,
    CaseTeamMembershipFactory,
    MeetingFactory,
    StaffFactory,
    YoungPersonAccountFactory,
    YoungPersonFactory,
)
from tests.signin.phone import sign_in_both_steps

pytestmark = pytest.mark.browser


CSS = "/static/build/css/partners.css"
GOVUK_JS = "/static/build/govuk/govuk-frontend.min.js"
# The portal loads only what its pages use (tests/browser/test_page_weight.py).
PORTAL_CSS = "/static/build/css/portal.css"
PORTAL_JS = "/static/build/js/portal.min.js"
FAVICON = "/static/build/govuk/assets/images/favicon.ico"


@dataclass
class People:
    practitioner: User
    theirs: list[YoungPerson]
    someone_elses: YoungPerson
    portal_account: User
    portal_young_person: YoungPerson
    lead: User


@pytest.fixture
def people(live_server) -> People:
    """A practitioner with two young people and a meeting to chair; a young person in the portal.

    Asks for `live_server` so the rows are made in the live server's (transactional) database.
    """
    practitioner = StaffFactory(
        email="pat.practitioner@example.test", full_name="Pat Practitioner", role=Role.PRACTITIONER
    )
    alex = YoungPersonFactory(preferred_name="Alex Amberley")
    bea = YoungPersonFactory(preferred_name="Bea Brightwater")
    for young_person in (alex, bea):
        CaseTeamMembershipFactory(
            user=practitioner,
            young_person=young_person,
            role=CaseTeamMembership.Role.LEAD_PROFESSIONAL,
        )
    MeetingFactory(young_person=alex, chair=practitioner)

    outsider = YoungPersonFactory(preferred_name="Zebedee Outsider")
    CaseTeamMembershipFactory(
        user=StaffFactory(full_name="Other Practitioner", role=Role.PRACTITIONER),
        young_person=outsider,
    )

    account = YoungPersonAccountFactory(username="robin")
    robin = YoungPersonFactory(preferred_name="Robin", portal_user=account)
    MeetingFactory(young_person=robin)
    lead = StaffFactory(email="lee.lead@example.test", full_name="Lee Lead", role=Role.CSE_LEAD)
    MeetingFactory(young_person=alex, chair=lead)
    return People(practitioner, [alex, bea], outsider, account, robin, lead)


# --- helpers ---------------------------------------------------------------------------------


def wait_for(page: Page, condition: Callable[[], bool], timeout: float = 3.0) -> bool:
    """Let the browser's events arrive until `condition()` holds or `timeout` seconds pass."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        page.wait_for_timeout(25)
    return True


def portal_sign_in(page: Page, username: str, password: str) -> None:
    page.goto("/portal/sign-in/")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(password)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1, name="Hello Robin")).to_be_visible()


def open_my_young_people(page: Page) -> None:
    menu = page.get_by_role("navigation", name="Menu")
    menu.get_by_role("link", name="My young people").click()
    expect(page.get_by_role("heading", level=1, name="My young people")).to_be_visible()


def frontend_state(page: Page) -> dict[str, bool]:
    """What GOV.UK Frontend's JavaScript did to the page: `initAll()` marks each component."""
    page.wait_for_load_state("load")  # the module script has run by then
    return page.evaluate(
        """() => ({
            supported: document.body.classList.contains('govuk-frontend-supported'),
            skipLink: !!document.querySelector('.govuk-skip-link[data-govuk-skip-link-init]'),
            serviceNavigation: !!document.querySelector(
                '.govuk-service-navigation[data-govuk-service-navigation-init]'),
            exitThisPage: !!document.querySelector(
                '.govuk-exit-this-page[data-govuk-exit-this-page-init]'),
            styled: getComputedStyle(document.querySelector('.govuk-skip-link')).position
                === 'absolute',
        })"""
    )


def visit_every_layout(page: Page, people: People, password: str) -> dict[str, dict[str, bool]]:
    """Loads a page of each layout (signed out and in, staff and portal); returns their JS state."""
    states = {}
    page.goto("/sign-in/")
    states["staff sign-in"] = frontend_state(page)
    staff_sign_in(page, people.practitioner.email, password)
    states["staff home"] = frontend_state(page)
    open_my_young_people(page)
    states["my young people"] = frontend_state(page)
    page.context.clear_cookies()
    page.goto("/portal/sign-in/")
    states["portal sign-in"] = frontend_state(page)
    portal_sign_in(page, people.portal_account.username, password)
    states["portal home"] = frontend_state(page)
    return states


# --- who sees what ---------------------------------------------------------------------------


def test_practitioner_signs_in_and_sees_only_their_young_people(page, people, password):
    staff_sign_in(page, "pat.practitioner@example.test", password)
    open_my_young_people(page)

    assert page.url.endswith("/young-people/")
    names = page.locator("table.govuk-table tbody tr td:first-child").all_inner_texts()
    assert sorted(names) == ["Alex Amberley", "Bea Brightwater"]
    for name in names:
        expect(page.get_by_role("link", name=name)).to_be_visible()
    expect(page.get_by_text("Zebedee Outsider")).to_have_count(0)


# --- assets, JavaScript and the network ------------------------------------------------------


def test_every_static_file_loads_including_the_css_js_and_favicon(
    page, people, password, network: NetworkLog, served: list[tuple[str, int]]
):
    visit_every_layout(page, people, password)
    # Chromium asks for the tab's icon after the page loads, from outside the page.
    assert wait_for(page, lambda: any(path == FAVICON for path, _ in served)), (
        f"the favicon was never requested; the server answered: {served}"
    )

    static = [(path, status) for path, status in served if path.startswith("/static/")]
    for path in (CSS, GOVUK_JS, PORTAL_CSS, PORTAL_JS, FAVICON):
        assert (path, 200) in static, f"{path} not served with 200; static answers: {static}"
    assert [(path, status) for path, status in static if status >= 400] == []
    # The browser's view agrees: nothing under /static/ failed or errored on the way.
    assert network.failed_static() == []


def test_govuk_frontend_javascript_initialises_on_every_layout(page, people, password):
    states = visit_every_layout(page, people, password)

    for name, state in states.items():
        assert state["styled"], f"{name}: the GOV.UK styles were not applied"
        assert state["supported"], f"{name}: body lacks govuk-frontend-supported"
        assert state["skipLink"], f"{name}: initAll() did not initialise the skip link"
    for name in ("staff home", "my young people"):
        assert states[name]["serviceNavigation"], f"{name}: service navigation not initialised"
    for name in ("portal sign-in", "portal home"):
        assert states[name]["exitThisPage"], f"{name}: 'Exit this page' not initialised"


def test_pages_request_nothing_from_any_other_host(page, people, password, network: NetworkLog):
    visit_every_layout(page, people, password)
    page.wait_for_load_state("networkidle")  # late requests, if any, are made by now

    assert network.requests, "no requests were recorded at all"
    assert network.offsite_requests() == []


# --- accessibility ---------------------------------------------------------------------------


def staff_sign_in_page(page: Page, people: People, password: str) -> None:
    page.goto("/sign-in/")


def staff_sign_in_page_with_errors(page: Page, people: People, password: str) -> None:
    page.goto("/sign-in/")
    page.locator("input[name=email]").fill(people.practitioner.email)
    page.locator("input[name=password]").fill("not-the-password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()


def staff_home_page(page: Page, people: People, password: str) -> None:
    staff_sign_in(page, people.practitioner.email, password)
    expect(page.get_by_role("heading", name="Meetings you chair")).to_be_visible()
    expect(page.get_by_role("link", name="Alex Amberley").first).to_be_visible()


def my_young_people_page(page: Page, people: People, password: str) -> None:
    staff_sign_in(page, people.practitioner.email, password)
    open_my_young_people(page)


def portal_sign_in_page(page: Page, people: People, password: str) -> None:
    page.goto("/portal/sign-in/")


def portal_home_page(page: Page, people: People, password: str) -> None:
    portal_sign_in(page, people.portal_account.username, password)
    expect(page.get_by_role("heading", name="Coming up")).to_be_visible()
    expect(page.get_by_text("At The youth centre")).to_be_visible()


def young_person_page(page: Page, people: People, password: str) -> None:
    staff_sign_in(page, people.practitioner.email, password)
    page.goto(f"/young-people/{people.theirs[0].pk}/")
    expect(page.get_by_role("heading", level=1, name="Alex Amberley")).to_be_visible()


def schedule_form_with_errors(page: Page, people: People, password: str) -> None:
    staff_sign_in(page, people.practitioner.email, password)
    page.goto(f"/young-people/{people.theirs[0].pk}/meetings/schedule/")
    page.get_by_role("button", name="Schedule meeting").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()


def case_team_add_page(page: Page, people: People, password: str) -> None:
    staff_sign_in(page, people.practitioner.email, password)
    page.goto(f"/young-people/{people.theirs[0].pk}/case-team/add/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Add someone to the case team")


def break_glass_page(page: Page, people: People, password: str) -> None:
    staff_sign_in(page, people.practitioner.email, password)
    page.goto(f"/young-people/{people.someone_elses.pk}/break-glass/")
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    accessible_now(page)  # "Confirm it is you", with its errors
    confirm_it_is_you(page, people.practitioner.email, password)
    expect(page.get_by_role("heading", level=1)).to_have_text("Break-glass access")


def access_log_page(page: Page, people: People, password: str) -> None:
    staff_sign_in(page, people.lead.email, password)
    page.goto(f"/young-people/{people.theirs[0].pk}/access-log/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Who has viewed this record")


def cse_lead_pages(page: Page, people: People, password: str) -> None:
    staff_sign_in(page, people.lead.email, password)
    page.goto("/break-glass/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Review break-glass access")


def service_figures_page(page: Page, people: People, password: str) -> None:
    staff_sign_in(page, people.lead.email, password)
    page.goto("/service/figures/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Participation figures")


def portal_who_has_looked_page(page: Page, people: People, password: str) -> None:
    portal_sign_in(page, people.portal_account.username, password)
    page.goto("/portal/who-has-looked/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Who has looked at your information")


def meeting_page(page: Page, people: People, password: str) -> None:
    meeting = people.theirs[0].meetings.first()
    assert meeting is not None
    AgendaItemFactory(meeting=meeting, title="School", proposed_by="young_person")
    AgendaItemFactory(
        meeting=meeting,
        title="Third-party information",
        visibility="professionals_only",
        explanation_for_young_person="Part of the meeting is held without you.",
    )
    staff_sign_in(page, people.practitioner.email, password)
    page.goto(f"/meetings/{meeting.pk}/")
    expect(page.get_by_role("heading", level=2, name="Agenda")).to_be_visible()


def preparation_form(page: Page, people: People, password: str) -> None:
    meeting = people.theirs[0].meetings.first()
    assert meeting is not None
    staff_sign_in(page, people.practitioner.email, password)
    page.goto(f"/meetings/{meeting.pk}/preparation/respected/")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()


def chair_meeting_page_and_move_form(page: Page, people: People, password: str) -> None:
    meeting = people.theirs[0].meetings.get(chair=people.lead)
    staff_sign_in(page, people.lead.email, password)
    page.goto(f"/meetings/{meeting.pk}/")
    page.get_by_role("button", name="Mark as ready").click()
    expect(page.get_by_text("The meeting is now ready.")).to_be_visible()
    page.goto(f"/meetings/{meeting.pk}/move/")
    page.get_by_role("button", name="Move the meeting").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()


def portal_access_page_with_a_code(page: Page, people: People, password: str) -> None:
    staff_sign_in(page, people.practitioner.email, password)
    page.goto(f"/young-people/{people.theirs[0].pk}/portal/")
    page.get_by_role("button", name="Make a new code").click()
    confirm_it_is_you(page, people.practitioner.email, password)
    page.get_by_role("button", name="Make a new code").click()
    expect(page.get_by_test_id("portal-code")).to_have_text(
        re.compile(r"^[A-Z0-9]{4}-[A-Z0-9]{4}$")
    )
    expect(page.get_by_role("img", name=re.compile("QR code"))).to_be_visible()


def advocacy_pages(page: Page, people: People, password: str) -> None:
    staff_sign_in(page, people.practitioner.email, password)
    page.goto(f"/young-people/{people.theirs[0].pk}/advocacy/")
    page.get_by_role("button", name="Record").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()


def advocate_assignment_forms(page: Page, people: People, password: str) -> None:
    staff_sign_in(page, people.practitioner.email, password)
    young_person = people.theirs[0]
    page.goto(f"/young-people/{young_person.pk}/advocacy/assign/")
    page.get_by_role("button", name="Assign").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assignment = AdvocateAssignmentFactory(young_person=young_person)
    page.goto(f"/young-people/{young_person.pk}/advocacy/{assignment.pk}/end/")
    expect(page.get_by_role("button", name="End the assignment")).to_be_visible()


def portal_advocate_page(page: Page, people: People, password: str) -> None:
    portal_sign_in(page, people.portal_account.username, password)
    page.goto("/portal/advocate/")
    expect(page.get_by_role("button", name="Ask for an advocate")).to_be_visible()


def young_person_views_form(page: Page, people: People, password: str) -> None:
    meeting = people.theirs[0].meetings.first()
    assert meeting is not None
    staff_sign_in(page, people.practitioner.email, password)
    page.goto(f"/meetings/{meeting.pk}/their-views/")
    page.get_by_role("button", name="Save their views").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()


def decisions_on_a_held_meeting(page: Page, people: People, password: str) -> None:
    meeting = people.theirs[0].meetings.get(chair=people.lead)
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.HELD)
    AgendaItemFactory(meeting=meeting, title="School", proposed_by="young_person")
    staff_sign_in(page, people.lead.email, password)
    page.goto(f"/meetings/{meeting.pk}/decisions/add/")
    page.get_by_label("What was decided").fill("Weekend stays at her nan's")
    page.get_by_label("Why").fill("She feels safer there")
    page.get_by_label("What the young person is told").fill("You can stay at your nan's.")
    page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_text("Decision recorded.")).to_be_visible()
    expect(page.get_by_role("button", name=re.compile("Carried forward")).first).to_be_attached()


def feedback_form_with_errors(page: Page, people: People, password: str) -> None:
    meeting = people.theirs[0].meetings.get(chair=people.lead)
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.HELD)
    staff_sign_in(page, people.practitioner.email, password)
    page.goto(f"/meetings/{meeting.pk}/feedback/")
    page.get_by_role("button", name="Save their feedback").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()


def printed_agenda_and_pack(page: Page, people: People, password: str) -> None:
    meeting = people.theirs[0].meetings.get(chair=people.lead)
    staff_sign_in(page, people.practitioner.email, password)
    page.goto(f"/meetings/{meeting.pk}/print/their-agenda/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your meeting")
    page.goto(f"/meetings/{meeting.pk}/print/pack/")
    expect(page.get_by_role("button", name="Print this page")).to_be_visible()


def information_pack_page(page: Page, people: People, password: str) -> None:
    meeting = people.theirs[0].meetings.get(chair=people.lead)
    staff_sign_in(page, people.lead.email, password)
    page.goto(f"/meetings/{meeting.pk}/information/")
    page.get_by_role("button", name="Share version 1 with the young person").click()
    expect(page.get_by_text("Version 1 is shared.")).to_be_visible()
    # The agenda changes: the page shows what the new version takes out and adds.
    AgendaItemFactory(meeting=meeting, title="Football on Saturdays")
    page.goto(f"/meetings/{meeting.pk}/information/")
    expect(page.get_by_text("The meeting has changed since you shared version 1.")).to_be_visible()


def case_team_end_page(page: Page, people: People, password: str) -> None:
    membership = people.practitioner.case_team_memberships.first()
    assert membership is not None
    staff_sign_in(page, people.practitioner.email, password)
    page.goto(f"/young-people/{membership.young_person_id}/case-team/{membership.pk}/end/")
    expect(page.get_by_role("button", name="End membership")).to_be_visible()


def grant_and_reassign_pages(page: Page, people: People, password: str) -> None:
    staff_sign_in(page, people.lead.email, password)
    page.goto("/case-teams/reassign/")
    page.get_by_role("button", name="Move caseload").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    accessible_now(page)
    page.goto(f"/young-people/{people.theirs[0].pk}/grants/new/")
    page.get_by_role("button", name="Grant access").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()


def cancel_and_agenda_edit_pages(page: Page, people: People, password: str) -> None:
    meeting = people.theirs[0].meetings.get(chair=people.lead)
    item = AgendaItemFactory(meeting=meeting, title="School")
    staff_sign_in(page, people.lead.email, password)
    page.goto(f"/meetings/{meeting.pk}/cancel/")
    page.get_by_role("button", name="Cancel the meeting").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    accessible_now(page)
    page.goto(f"/meetings/{meeting.pk}/agenda/{item.pk}/edit/")
    expect(page.get_by_role("button", name="Save changes")).to_be_visible()


def signed_out_and_not_found_pages(page: Page, people: People, password: str) -> None:
    staff_sign_in(page, people.practitioner.email, password)
    page.goto(f"/young-people/{people.someone_elses.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    accessible_now(page)
    page.goto("/")
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("You have signed out")


def power_refused_page(page: Page, people: People, password: str) -> None:
    """Someone who can see the record but lacks the power is told who can do it."""
    staff_sign_in(page, people.practitioner.email, password)
    page.goto(f"/young-people/{people.theirs[0].pk}/grants/new/")
    expect(page.get_by_role("heading", level=1)).to_have_text("You cannot do that")


def password_link_pages(page: Page, people: People, password: str) -> None:
    page.goto("/sign-in/")
    page.get_by_role("link", name="Forgotten your password").click()
    page.get_by_role("button", name="Send me a link").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    accessible_now(page)
    page.get_by_label("Email address").fill(people.practitioner.email)
    page.get_by_role("button", name="Send me a link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")


def password_set_pages(page: Page, people: People, password: str) -> None:
    page.goto("/password/set/MQ/not-a-real-token/")
    expect(page.get_by_role("heading", level=1)).to_have_text("This link does not work")
    accessible_now(page)
    user = people.practitioner
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    page.goto(f"/password/set/{uid}/{default_token_generator.make_token(user)}/")
    page.get_by_role("button", name="Save the new password").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()


def password_change_page_with_errors(page: Page, people: People, password: str) -> None:
    staff_sign_in(page, people.practitioner.email, password)
    page.get_by_role("link", name="Your account").click()
    page.get_by_role("link", name="Change password").click()
    page.get_by_role("button", name="Change password").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()


def first_sign_in_pages(page: Page, people: People, password: str) -> None:
    """Setting up the authenticator (with a wrong code first), then the recovery codes."""
    page.goto("/sign-in/")
    page.locator("input[name=email]").fill(people.lead.email)
    page.locator("input[name=password]").fill(password)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up your authenticator app")
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    accessible_now(page)
    secret = page.locator(".partners-secret").inner_text().replace(" ", "")
    page.locator("input[name=code]").fill(code_now(b32decode(secret)))
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your authenticator app is set up")


def code_page_with_errors(page: Page, people: People, password: str) -> None:
    staff_sign_in(page, people.lead.email, password)  # sets the app up
    page.context.clear_cookies()
    page.goto("/sign-in/")
    page.locator("input[name=email]").fill(people.lead.email)
    page.locator("input[name=password]").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()


def your_account_with_two_sessions(page: Page, people: People, password: str) -> None:
    staff_sign_in(page, people.lead.email, password)
    sign_in_both_steps(Client(), people.lead, password)  # signed in somewhere else too
    page.goto("/account/")
    expect(page.get_by_role("button", name="Sign out everywhere else")).to_be_visible()


def reset_and_sign_in_record_pages(page: Page, people: People, password: str) -> None:
    staff_sign_in(page, people.lead.email, password)
    page.goto("/account/sign-in-events/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Sign-in record for your organisation"
    )
    accessible_now(page)
    page.goto("/account/second-factor/reset/")
    page.get_by_role("button", name="Reset their second factor").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()


def accessible_now(page: Page) -> None:
    """For pages on the way: the parametrised test checks the last one itself."""
    results = AXE.run(page)
    assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"


def agenda_form_with_errors(page: Page, people: People, password: str) -> None:
    meeting = people.theirs[0].meetings.first()
    assert meeting is not None
    staff_sign_in(page, people.practitioner.email, password)
    page.goto(f"/meetings/{meeting.pk}/agenda/add/")
    page.get_by_role("button", name="Add to the agenda").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()


@pytest.mark.parametrize(
    "open_page",
    [
        meeting_page,
        chair_meeting_page_and_move_form,
        agenda_form_with_errors,
        decisions_on_a_held_meeting,
        feedback_form_with_errors,
        printed_agenda_and_pack,
        information_pack_page,
        case_team_end_page,
        grant_and_reassign_pages,
        cancel_and_agenda_edit_pages,
        signed_out_and_not_found_pages,
        young_person_views_form,
        portal_access_page_with_a_code,
        advocacy_pages,
        advocate_assignment_forms,
        portal_advocate_page,
        preparation_form,
        young_person_page,
        schedule_form_with_errors,
        case_team_add_page,
        break_glass_page,
        access_log_page,
        cse_lead_pages,
        service_figures_page,
        portal_who_has_looked_page,
        staff_sign_in_page,
        staff_sign_in_page_with_errors,
        staff_home_page,
        my_young_people_page,
        portal_sign_in_page,
        portal_home_page,
        power_refused_page,
        password_link_pages,
        password_set_pages,
        password_change_page_with_errors,
        first_sign_in_pages,
        code_page_with_errors,
        your_account_with_two_sessions,
        reset_and_sign_in_record_pages,
    ],
    ids=lambda open_page: open_page.__name__,
)
def test_axe_finds_no_accessibility_violations(
    page, people, password, network: NetworkLog, open_page
):
    open_page(page, people, password)
    # axe passes an unstyled page too, so first make sure the styles really arrived.
    assert network.requested_path(CSS) or network.requested_path(PORTAL_CSS)
    assert network.failed_static() == []

    results = AXE.run(page)

    assert results.violations_count == 0, results.generate_report()


# --- the young person's portal ---------------------------------------------------------------


def test_portal_pages_show_exit_this_page(page, people, password):
    exit_button = page.locator(".govuk-exit-this-page__button")

    response = page.goto("/portal/sign-in/")
    assert response is not None and response.status == 200
    assert "no-store" in (response.header_value("cache-control") or "")
    expect(exit_button).to_be_visible()
    expect(exit_button).to_contain_text("Exit this page")

    portal_sign_in(page, people.portal_account.username, password)
    response = page.goto("/portal/")
    assert response is not None and response.status == 200
    assert page.url.endswith("/portal/")
    assert "no-store" in (response.header_value("cache-control") or "")
    expect(exit_button).to_be_visible()
    expect(exit_button).to_have_attribute("href", "/portal/exit/")


def test_exit_this_page_signs_the_young_person_out_and_leaves_the_site(
    page, people, password, network: NetworkLog, offsite_stub
):
    portal_sign_in(page, people.portal_account.username, password)

    page.locator(".govuk-exit-this-page__button").click()
    page.wait_for_url(settings.PORTAL_EXIT_URL)

    assert network.stubbed == [settings.PORTAL_EXIT_URL]  # answered by the stub, not the web
    page.goto("/portal/")
    assert "/portal/sign-in/" in page.url
    expect(page.get_by_text("Hello Robin")).to_have_count(0)


def test_pressing_shift_three_times_leaves_the_portal_under_the_real_csp(
    page, people, password, network: NetworkLog, offsite_stub
):
    """GOV.UK Frontend's JavaScript runs under the app's Content-Security-Policy (its nonce):
    Exit this page's keyboard shortcut works, and signs the young person out."""
    portal_sign_in(page, people.portal_account.username, password)
    expect(page.locator(".govuk-exit-this-page[data-govuk-exit-this-page-init]")).to_have_count(1)
    page.locator("main").click()  # the page has the keyboard, as after reading
    for _ in range(3):
        page.keyboard.press("Shift")
    # Polled: the redirect's first hop escapes the stub (see the portal walk), the retry lands.
    expect(page).to_have_url(settings.PORTAL_EXIT_URL, timeout=10_000)
    expect(page.get_by_text("Elsewhere")).to_be_visible(timeout=10_000)  # the stub's page

    assert set(network.offsite_requests()) == {settings.PORTAL_EXIT_URL}
    page.goto("/portal/")
    assert "/portal/sign-in/" in page.url
    # (The context's teardown fails the test on any script or style the policy blocked.)
