"""The young person's portal, walked end to end in a real browser.

A young person uses their worker's code, signs in, reads about their meeting, adds to its
agenda, chooses how they take part and writes what they want the meeting to know, answers a
decision and gives feedback on a meeting that has happened, then presses "Exit this page":
nothing of theirs is left to see on Back. The same walk runs with a mouse on a desktop, at
360 px wide, without JavaScript, and by keyboard alone. axe-core checks every page on the way.
"""

import re
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from axe_playwright_python.base import AxeResults
from django.conf import settings
from django.contrib.sessions.models import Session
from django.urls import resolve
from django.utils import timezone
from django.utils.dateformat import format as date_format
from playwright.sync_api import Browser, Locator, Page, Response, Route, expect

from accounts.models import User
from meetings.models import (
    AgendaItem,
    Decision,
    Feedback,
    Meeting,
    PreparationStep,
    YoungPersonViews,
)
from meetings.services import information_pack_share
from participation.models import YoungPerson
from portal.services import CODE_USED, portal_invitation_issue, portal_invitation_redeem
from tests.browser.conftest import NetworkLog
from tests.browser.steps import AXE
from tests.factories import (
    AgendaItemFactory,
    CaseTeamMembershipFactory,
    MeetingFactory,
    StaffFactory,
    YoungPersonFactory,
)

pytestmark = pytest.mark.browser


# Planted where only professionals may look: no portal page may ever show them.
LEGAL_NAME_MARKER = "Quillfeather-LEGAL-NAME-MARKER"
HIDDEN_ITEM_MARKER = "PROFESSIONALS-ONLY-ITEM-MARKER"
HIDDEN_ITEM_EXPLANATION = "Some people will talk for a while without you, about other people."

SHARED_ITEM = "Staying at my nan's at weekends"
INFORMATION_TEXT = "The meeting is about keeping you safe. You can bring someone you trust."
EASY_READ_TEXT = "We will meet.\nYou can come."
DECISION_FOR_THEM = "You said you want to go back to school, so you start on Monday."

USERNAME = "skylark42"
PASSPHRASE = "orange kettle under the pier"

# What the young person puts in during the walk: none of it may show after "Exit this page".
THEIR_ITEM = "Getting a bus pass for college"
THEIR_CHOICE = "I will come with someone I trust"
WHAT_WOULD_HELP = "A break halfway through, please"
THEIR_VIEWS = "I want to stay with my nan because I feel safe there."
THEIR_WORDS_ON_DECISION = "Monday is fine."

NARROW = 360
EVERY_PORTAL_PAGE_WALKED = {
    "start",
    "sign-in",
    "home",
    "meeting",
    "information",
    "agenda-add",
    "taking-part",
    "views",
    "decision-response",
    "feedback",
}
YELLOW = "rgb(255, 221, 0)"  # the GOV.UK focus colour


@dataclass
class Portal:
    """A young person with a worker, a meeting coming up and a meeting that has happened."""

    young_person: YoungPerson
    practitioner: User
    meeting: Meeting
    held: Meeting
    decision: Decision
    code: str

    def meeting_link(self) -> str:
        """How home names the upcoming meeting: by its day and time."""
        return date_format(timezone.localtime(self.meeting.scheduled_at), "l j F, g:i a")

    def held_link(self) -> str:
        return date_format(timezone.localtime(self.held.scheduled_at), "l j F Y")

    def account(self) -> User:
        self.young_person.refresh_from_db()
        assert self.young_person.portal_user is not None
        return self.young_person.portal_user


@pytest.fixture
def portal(live_server) -> Portal:
    """Made through the ORM and the services, in the live server's database."""
    practitioner = StaffFactory.create(full_name="Pat Practitioner")
    robin = YoungPersonFactory.create(
        preferred_name="Robin", legal_name=f"Robin {LEGAL_NAME_MARKER}"
    )
    CaseTeamMembershipFactory.create(user=practitioner, young_person=robin)

    meeting = MeetingFactory.create(
        young_person=robin,
        status=Meeting.Status.PREPARING,
        scheduled_at=(timezone.localtime() + timedelta(days=9)).replace(
            hour=16, minute=0, second=0, microsecond=0
        ),
    )
    AgendaItemFactory.create(meeting=meeting, title=SHARED_ITEM, position=0)
    AgendaItemFactory.create(
        meeting=meeting,
        title=HIDDEN_ITEM_MARKER,
        position=1,
        visibility=AgendaItem.Visibility.PROFESSIONALS_ONLY,
        explanation_for_young_person=HIDDEN_ITEM_EXPLANATION,
    )
    information_pack_share(
        actor=meeting.chair, meeting=meeting, text=INFORMATION_TEXT, easy_read_text=EASY_READ_TEXT
    )

    held = MeetingFactory.create(
        young_person=robin,
        status=Meeting.Status.OUTCOMES_SHARED,
        scheduled_at=timezone.now() - timedelta(days=14),
    )
    decision = Decision.objects.create(
        meeting=held,
        decision="Return to school full time from Monday",
        reason="Robin wants to, and the school has a plan",
        explanation_for_young_person=DECISION_FOR_THEM,
        recorded_by=held.chair,
    )
    code = portal_invitation_issue(actor=practitioner, young_person=robin)
    return Portal(robin, practitioner, meeting, held, decision, code)


# --- checks made on every page ---------------------------------------------------------------


class PageChecks:
    """What every portal page must be: accessible, no wider than the screen, and silent about
    what only professionals may know."""

    def __init__(self, browser: Browser, base_url: str, *, javascript: bool) -> None:
        self.browser = browser
        self.base_url = base_url
        self.javascript = javascript
        self.checked: set[str] = set()  # the portal pages checked, by URL name

    def __call__(self, page: Page) -> None:
        scripted = page.evaluate("document.body.classList.contains('js-enabled')")
        assert scripted == self.javascript, f"{page.url}: JavaScript on is {scripted}"
        html = page.content()
        assert LEGAL_NAME_MARKER not in html, f"{page.url} shows the legal name"
        assert HIDDEN_ITEM_MARKER not in html, f"{page.url} shows a professionals-only item"

        viewport = page.viewport_size
        assert viewport is not None
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        assert scroll_width <= viewport["width"], (
            f"{page.url} scrolls sideways: {scroll_width}px wide on a {viewport['width']}px screen"
        )

        results = AXE.run(page) if self.javascript else self._axe_without_javascript(page, html)
        assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"
        self.checked.add(resolve(urlsplit(page.url).path).url_name or "")

    def _axe_without_javascript(self, page: Page, html: str) -> AxeResults:
        """axe-core needs timers, which never fire with JavaScript off, so it reads the same
        document (scripts taken out, the app's CSS still loaded) in a second, scripted tab."""
        viewport = page.viewport_size
        assert viewport is not None
        inspector = self.browser.new_context(base_url=self.base_url, viewport=viewport)
        try:
            tab = inspector.new_page()
            without_scripts = re.sub(r"<script\b.*?</script>", "", html, flags=re.DOTALL)

            def answer(route: Route) -> None:
                route.fulfill(status=200, content_type="text/html", body=without_scripts)

            tab.route(page.url, answer)
            tab.goto(page.url)
            tab.wait_for_load_state("load")
            assert not tab.evaluate("document.body.classList.contains('js-enabled')")
            return AXE.run(tab)
        finally:
            inspector.close()


# --- two pairs of hands: a mouse, and a keyboard ---------------------------------------------


class Pointer:
    """Clicks and types, as most people do."""

    def __init__(self, page: Page) -> None:
        self.page = page

    def follow(self, link: Locator) -> None:
        link.click()

    def fill(self, field: Locator, text: str) -> None:
        field.fill(text)

    def choose(self, radio: Locator) -> None:
        radio.check()

    def press(self, button: Locator) -> None:
        button.click()

    def exit(self) -> None:
        self.page.get_by_role("button", name="Emergency Exit this page").click()


# Focus is shown when the browser says so and the GOV.UK yellow is drawn: as an outline, a
# background, a border or a shadow (a radio draws it around the circle, on its label).
FOCUS_STYLE = """(el, yellow) => {
    const looks = [getComputedStyle(el)];
    if (el.type === 'radio' || el.type === 'checkbox') {
        looks.push(getComputedStyle(el.labels[0], '::before'));
    }
    const drawn = looks.some(s =>
        (s.outlineStyle !== 'none' && s.outlineColor === yellow)
        || [s.backgroundColor, s.borderTopColor, s.boxShadow].some(v => v.includes(yellow)));
    return {visible: el.matches(':focus-visible'), yellow: drawn};
}"""


class Keys:
    """Tab, Shift, arrows, Space and Enter only: never a click."""

    MOST_TABS = 80

    def __init__(self, page: Page) -> None:
        self.page = page

    def _has_focus(self, target: Locator) -> bool:
        return bool(target.evaluate("el => el === document.activeElement"))

    def _tab_until(self, found, what: str) -> None:
        self.page.wait_for_load_state("load")
        for _ in range(self.MOST_TABS):
            if found():
                return
            self.page.keyboard.press("Tab")
        raise AssertionError(f"{self.MOST_TABS} presses of Tab never reached {what}")

    def focus(self, target: Locator) -> None:
        target.wait_for()
        self._tab_until(lambda: self._has_focus(target), str(target))
        self.assert_focus_visible(target)

    def assert_focus_visible(self, target: Locator) -> None:
        style = target.evaluate(FOCUS_STYLE, YELLOW)
        assert style == {"visible": True, "yellow": True}, (
            f"focus on {target} is not shown in the GOV.UK style: {style}"
        )

    def follow(self, link: Locator) -> None:
        self.focus(link)
        self.page.keyboard.press("Enter")

    def fill(self, field: Locator, text: str) -> None:
        self.focus(field)
        self.page.keyboard.press("ControlOrMeta+a")
        self.page.keyboard.type(text)

    def choose(self, radio: Locator) -> None:
        """Tab into the group (it stops once, on its first radio), arrow to the choice."""
        radio.wait_for()
        name = radio.get_attribute("name")
        self._tab_until(
            lambda: bool(
                self.page.evaluate(
                    "name => document.activeElement.type === 'radio'"
                    " && document.activeElement.name === name",
                    name,
                )
            ),
            f"the {name} radios",
        )
        for _ in range(10):
            if self._has_focus(radio):
                break
            self.page.keyboard.press("ArrowDown")
        if not radio.is_checked():
            self.page.keyboard.press("Space")
        expect(radio).to_be_checked()
        self.assert_focus_visible(radio)

    def press(self, button: Locator) -> None:
        """Enter submits a form; Space works a link that looks and acts like a button."""
        self.focus(button)
        is_link = button.evaluate("el => el.tagName === 'A'")
        self.page.keyboard.press("Space" if is_link else "Enter")

    def exit(self) -> None:
        """The component's own shortcut: Shift three times."""
        self.page.wait_for_load_state("load")
        for _ in range(3):
            self.page.keyboard.press("Shift")


Hands = Pointer | Keys


# --- the walk --------------------------------------------------------------------------------


def heading(page: Page, text: str) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text(text)


def has_errors(page: Page, message: str) -> None:
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text(message)
    assert page.title().startswith("Error:"), page.title()


def walk(page: Page, hands: Hands, portal: Portal, check: PageChecks, network: NetworkLog) -> None:
    """From the code to the meeting shaped, then out through "Exit this page"."""
    kept = watch_portal_caching(page)

    # The code: first with nothing typed, then properly.
    page.goto("/portal/start/")
    heading(page, "Get started")
    check(page)
    hands.press(page.get_by_role("button", name="Start"))
    has_errors(page, "Enter the code your worker gave you")
    check(page)
    hands.fill(page.get_by_label("Your code"), portal.code.lower())  # however it is typed
    hands.fill(page.get_by_label("Choose a username"), USERNAME)
    hands.fill(page.get_by_label("Choose a passphrase"), PASSPHRASE)
    hands.fill(page.get_by_label("Type your passphrase again"), PASSPHRASE)
    hands.press(page.get_by_role("button", name="Start"))
    heading(page, "Hello Robin")
    assert urlsplit(page.url).path == "/portal/"
    expect(page.get_by_text("You are in. Next time, sign in with your username.")).to_be_visible()
    assert portal.account().username == USERNAME

    # Next time: the username and passphrase they chose.
    page.context.clear_cookies()
    page.goto("/portal/sign-in/")
    heading(page, "Sign in")
    check(page)
    hands.fill(page.get_by_label("Username"), USERNAME)
    hands.fill(page.get_by_label("Password"), PASSPHRASE)
    hands.press(page.get_by_role("button", name="Sign in"))
    heading(page, "Hello Robin")
    expect(page.get_by_role("heading", name="Coming up")).to_be_visible()
    check(page)

    # A meeting that has happened: what they think of the decision, and how it went.
    hands.follow(page.get_by_role("link", name=portal.held_link(), exact=True))
    heading(page, date_format(timezone.localtime(portal.held.scheduled_at), "l j F, g:i a"))
    expect(page.get_by_text(DECISION_FOR_THEM)).to_be_visible()
    check(page)
    hands.follow(page.get_by_role("link", name="Tell us what you think about decision 1"))
    heading(page, "What do you think?")
    check(page)
    hands.choose(page.get_by_label("I agree", exact=True))
    hands.fill(
        page.get_by_label("Anything you want to say about it (optional)"), THEIR_WORDS_ON_DECISION
    )
    hands.press(page.get_by_role("button", name="Send"))
    expect(page.get_by_text("Thank you. Your worker will see what you think.")).to_be_visible()
    expect(page.get_by_text(f'You said: I agree. "{THEIR_WORDS_ON_DECISION}"')).to_be_visible()
    check(page)

    hands.follow(page.get_by_role("link", name="Tell us how the meeting went"))
    heading(page, "How was the meeting?")
    check(page)
    hands.press(page.get_by_role("button", name="Send"))
    has_errors(page, "Choose if you felt listened to")
    check(page)
    for question in (
        "Did you feel listened to?",
        "Did you understand what was decided?",
        "Did you have a say?",
    ):
        hands.choose(page.get_by_role("group", name=question).get_by_label("Yes", exact=True))
    hands.press(page.get_by_role("button", name="Send"))
    expect(page.get_by_text("Thank you for telling us. It helps us do better.")).to_be_visible()
    expect(page.get_by_text("Thank you for telling us how it went.")).to_be_visible()
    check(page)

    # The meeting coming up: read about it, add to it, choose, and say what they think.
    hands.follow(page.get_by_role("link", name="Back", exact=True))
    heading(page, "Hello Robin")
    hands.follow(page.get_by_role("link", name=portal.meeting_link(), exact=True))
    heading(page, portal.meeting_link())
    agenda = page.locator("ol.govuk-list--number")
    expect(agenda.get_by_role("listitem")).to_have_text([SHARED_ITEM])
    expect(
        page.get_by_role("heading", name="Part of the meeting is held without you")
    ).to_be_visible()
    expect(page.get_by_text(HIDDEN_ITEM_EXPLANATION)).to_be_visible()
    check(page)

    hands.follow(page.get_by_role("link", name="Read about the meeting"))
    heading(page, "About your meeting")
    expect(page.get_by_text(INFORMATION_TEXT)).to_be_visible()
    check(page)
    hands.follow(page.get_by_role("link", name="Back to your meeting"))
    heading(page, portal.meeting_link())

    hands.press(page.get_by_role("button", name="Add something to talk about"))
    heading(page, "Add something to talk about")
    check(page)
    hands.fill(page.get_by_label("What do you want to talk about?"), THEIR_ITEM)
    hands.press(page.get_by_role("button", name="Add it"))
    expect(page.get_by_text("Added to the agenda.")).to_be_visible()
    expect(agenda.get_by_role("listitem")).to_have_text(
        [SHARED_ITEM, f"{THEIR_ITEM} You added this"]
    )
    check(page)

    hands.follow(page.get_by_role("link", name="Choose how you take part"))
    heading(page, "How you take part")
    check(page)
    hands.choose(page.get_by_label(THEIR_CHOICE, exact=True))
    hands.fill(
        page.get_by_label("What would help you feel listened to and respected? (optional)"),
        WHAT_WOULD_HELP,
    )
    hands.press(page.get_by_role("button", name="Save"))
    expect(
        page.get_by_text("Saved. Your worker and the chair will see your choice.")
    ).to_be_visible()

    hands.follow(page.get_by_role("link", name="Write it what you want the meeting to know"))
    heading(page, "What you want the meeting to know")
    check(page)
    hands.fill(page.get_by_label("What do you want the meeting to know?"), THEIR_VIEWS)
    hands.press(page.get_by_role("button", name="Save"))
    expect(page.get_by_text("Saved. The meeting will read what you wrote.")).to_be_visible()

    # The meeting page shows their choices, and the record holds them.
    before = page.locator("dl").filter(has_text="How you take part")
    expect(before).to_contain_text(f"{THEIR_CHOICE}What would help: {WHAT_WOULD_HELP}")
    expect(before).to_contain_text(THEIR_VIEWS)
    expect(before).to_contain_text("Ready to read")
    check(page)
    assert_the_record_holds_their_say(portal)

    # No portal page may be kept by the browser. (Checked on the headers: a Playwright route,
    # such as `offsite_stub`, turns the browser's HTTP cache off, so Back alone cannot show it.)
    assert len(kept) > 20
    assert [url for url, cache_control in kept if "no-store" not in cache_control] == []

    # Out: nothing asked of any other site so far, then "Exit this page".
    assert network.offsite_requests() == []
    assert network.failed_static() == []
    session_key = session_cookie(page)
    assert Session.objects.filter(session_key=session_key).exists()
    hands.exit()
    # Polled, not wait_for_url: the first try at the exit address fails (see below).
    expect(page).to_have_url(settings.PORTAL_EXIT_URL, timeout=10_000)
    expect(page.get_by_text("Elsewhere")).to_be_visible()
    assert network.stubbed == [settings.PORTAL_EXIT_URL]
    # The only offsite address ever asked for. (Playwright never routes a redirect's target, so
    # the hop from /portal/exit/ escapes `offsite_stub`, fails here with no network, and the
    # browser asks again: that second request is the one the stub answers.)
    assert set(network.offsite_requests()) == {settings.PORTAL_EXIT_URL}
    assert {url for url, _ in network.real_failures()} <= {settings.PORTAL_EXIT_URL}
    # The server ended that session, and the browser holds no session any more.
    assert not Session.objects.filter(session_key=session_key).exists()
    assert session_cookie(page) is None

    # Back shows nothing of theirs: the meeting page was never kept, so the browser asks for
    # it again, and with the session over the server sends it to sign in.
    page.go_back()
    page.wait_for_load_state("load")
    back_at = urlsplit(page.url)
    assert back_at.path == "/portal/sign-in/", page.url
    assert parse_qs(back_at.query)["next"] == [f"/portal/meetings/{portal.meeting.pk}/"]
    heading(page, "Sign in")
    assert_nothing_of_theirs(page)

    page.goto("/portal/")
    assert urlsplit(page.url).path == "/portal/sign-in/", page.url
    assert_nothing_of_theirs(page)


def watch_portal_caching(page: Page) -> list[tuple[str, str]]:
    """(url, Cache-Control) of every portal page the browser receives from now on."""
    seen: list[tuple[str, str]] = []

    def note(response: Response) -> None:
        if response.request.resource_type == "document" and urlsplit(response.url).path.startswith(
            "/portal/"
        ):
            seen.append((response.url, response.headers.get("cache-control", "")))

    page.on("response", note)
    return seen


def assert_the_record_holds_their_say(portal: Portal) -> None:
    meeting = portal.meeting
    item = meeting.agenda_items.get(title=THEIR_ITEM)
    assert item.proposed_by == AgendaItem.ProposedBy.YOUNG_PERSON
    assert item.visibility == AgendaItem.Visibility.SHARED
    taking_part = meeting.preparation.filter(step=PreparationStep.TAKING_PART).latest("recorded_at")
    assert taking_part.state == "attend_with_someone"
    assert meeting.preparation.get(step=PreparationStep.RESPECTED).note == WHAT_WOULD_HELP
    # Shared in the portal by the chair, then read by them: the newest record says so.
    information = meeting.preparation.filter(step=PreparationStep.INFORMATION)
    assert information.latest("recorded_at").state == "read"
    views = YoungPersonViews.objects.get(meeting=meeting)
    assert (views.text, views.source) == (THEIR_VIEWS, YoungPersonViews.Source.WRITTEN)
    portal.decision.refresh_from_db()
    assert portal.decision.young_person_response == Decision.Response.AGREE
    assert portal.decision.response_in_their_words == THEIR_WORDS_ON_DECISION
    feedback = Feedback.objects.get(meeting=portal.held)
    assert (feedback.felt_listened_to, feedback.understood_decisions, feedback.had_a_say) == (
        "yes",
        "yes",
        "yes",
    )


def assert_nothing_of_theirs(page: Page) -> None:
    text = page.locator("body").inner_text()
    for theirs in (
        "Robin",
        SHARED_ITEM,
        THEIR_ITEM,
        THEIR_VIEWS,
        WHAT_WOULD_HELP,
        THEIR_CHOICE,
        INFORMATION_TEXT,
        HIDDEN_ITEM_EXPLANATION,
    ):
        assert theirs not in text, f"{page.url} still shows {theirs!r}"


def session_cookie(page: Page) -> str | None:
    cookies = page.context.cookies()
    return next((c["value"] for c in cookies if c["name"] == settings.SESSION_COOKIE_NAME), None)


# --- the tests -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "context",
    [
        pytest.param({}, id="on-a-desktop"),
        pytest.param(
            {"viewport": {"width": NARROW, "height": 740}}, id="at-360px-with-no-sideways-scroll"
        ),
        pytest.param({"java_script_enabled": False}, id="without-javascript"),
    ],
    indirect=True,
)
def test_young_person_redeems_code_shapes_their_meeting_and_exit_leaves_nothing_behind(
    request, browser, page, portal, network, offsite_stub, live_server
):
    javascript = request.node.callspec.params["context"].get("java_script_enabled", True)
    check = PageChecks(browser, live_server.url, javascript=javascript)

    walk(page, Pointer(page), portal, check, network)

    assert check.checked == EVERY_PORTAL_PAGE_WALKED


def test_young_person_can_walk_the_portal_by_keyboard_alone_with_focus_always_shown(
    browser, page, portal, network, offsite_stub, live_server
):
    check = PageChecks(browser, live_server.url, javascript=True)

    walk(page, Keys(page), portal, check, network)

    assert check.checked == EVERY_PORTAL_PAGE_WALKED


def test_a_code_that_has_been_used_is_refused_with_an_error_summary_and_an_error_title(
    browser, page, portal, network, live_server
):
    portal_invitation_redeem(code=portal.code, username="firstuser1", passphrase=PASSPHRASE)
    check = PageChecks(browser, live_server.url, javascript=True)

    page.goto("/portal/start/")
    page.get_by_label("Your code").fill(portal.code)
    page.get_by_label("Choose a username").fill(USERNAME)
    page.get_by_label("Choose a passphrase").fill(PASSPHRASE)
    page.get_by_label("Type your passphrase again").fill(PASSPHRASE)
    page.get_by_role("button", name="Start").click()

    has_errors(page, "That code has been used already")
    # The summary links to the field, and the field itself says what is wrong.
    summary_link = page.locator(".govuk-error-summary").get_by_role("link", name=CODE_USED)
    expect(summary_link).to_have_attribute("href", "#id_code")
    code_field = page.get_by_label("Your code")
    expect(code_field).to_have_attribute("aria-invalid", "true")
    expect(code_field).to_have_accessible_description(
        re.compile(r"Error:\s+" + re.escape(CODE_USED))
    )
    assert urlsplit(page.url).path == "/portal/start/"
    check(page)
    assert check.checked == {"start"}
    # Still signed out, and the first account keeps its username.
    page.goto("/portal/")
    assert urlsplit(page.url).path == "/portal/sign-in/"
    assert not User.objects.filter(username=USERNAME).exists()
    assert User.objects.filter(username="firstuser1").exists()
    assert network.offsite_requests() == []
    assert network.failed_static() == []
