"""Collective participation in the browser: the participation worker creates a training
opportunity (a mistake first), Robin's worker offers it from Robin's record, Robin reads it at
360 px, says yes and chooses to be credited by initials; the participation worker records
Robin's session and adds the slides it made, credited with Robin's initials; Robin chooses
not to be named and the credit changes; Robin prints a certificate. axe-core checks every
page."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from accounts.roles import Role
from collective import services as collective_services
from collective.models import Involvement
from participation.models import CaseTeamMembership
from tests.browser.steps import accessible, staff_sign_in
from tests.browser.test_closing_the_loop_walk import portal_sign_in
from tests.factories import (
    CaseTeamMembershipFactory,
    StaffFactory,
    YoungPersonAccountFactory,
    YoungPersonFactory,
)

pytestmark = pytest.mark.browser

OPPORTUNITY = {
    "kind": "training",
    "what_it_involves": "Tell new social workers what helps.",
    "when_and_where": "Two Saturday mornings in March",
    "support_and_recognition": "Travel paid and a certificate",
    "who_may_be_invited": "14 to 19",
    "what_could_go_wrong": "Hard feelings could come up",
    "how_it_is_managed": "You can stop at any time",
    "who_they_can_go_to": "Dee Marsh, participation worker",
}


def test_the_participation_worker_creates_an_opportunity_the_worker_offers_it_robin_says_yes(
    page: Page, live_server, password
):
    robin = YoungPersonFactory(
        preferred_name="Robin",
        legal_name="Robin Demoperson",
        portal_user=YoungPersonAccountFactory(username="robin"),
    )
    worker = CaseTeamMembershipFactory(
        young_person=robin,
        user=StaffFactory(email="worker@example.org", full_name="Sam Patel"),
        role=CaseTeamMembership.Role.LEAD_PROFESSIONAL,
    ).user
    StaffFactory(
        email="participation@example.org",
        full_name="Dee Marsh",
        role=Role.PARTICIPATION_WORKER,
        organisation=worker.organisation,
    )

    staff_sign_in(page, "participation@example.org", password)
    page.get_by_role("link", name="Opportunities for young people").click()
    accessible(page)
    page.get_by_role("button", name="Create an opportunity").click()
    accessible(page)
    page.get_by_role("button", name="Create the opportunity").click()
    expect(page.get_by_text("Give it a name").first).to_be_visible()
    accessible(page)
    page.get_by_label("Training professionals").check()
    page.get_by_label("Its name").fill("Help train new social workers")
    page.get_by_label("What it involves").fill("Tell new social workers what helps.")
    page.get_by_label("When and where").fill("Two Saturday mornings in March")
    page.get_by_label("Support and recognition offered").fill("Travel paid and a certificate")
    page.get_by_label("Who may be invited").fill("14 to 19")
    page.get_by_label("What could go wrong").fill("Hard feelings could come up")
    page.get_by_label("How it is managed").fill("You can stop at any time")
    page.get_by_label("Who they can go to").fill("Dee Marsh, participation worker")
    page.get_by_role("button", name="Create the opportunity").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Help train new social workers")
    accessible(page)

    staff_sign_in(page, worker.email, password)
    page.goto(f"/young-people/{robin.pk}/")
    page.get_by_role("link", name="Offer an opportunity").click()
    accessible(page)
    page.get_by_role("button", name="Offer it").click()
    expect(page.get_by_text("Choose an opportunity").first).to_be_visible()
    accessible(page)
    page.get_by_label("Which opportunity?").select_option(
        label="Help train new social workers (Training professionals, "
        + str(worker.organisation)
        + ")"
    )
    page.get_by_role("button", name="Offer it").click()
    expect(page.get_by_text("Not answered yet.")).to_be_visible()

    page.set_viewport_size({"width": 360, "height": 740})
    portal_sign_in(page, password)
    page.get_by_role("link", name="Things you could take part in with other young people").click()
    accessible(page)
    page.get_by_role("link", name=re.compile("say yes or no.*Help train new social")).click()
    accessible(page)
    expect(page.get_by_text("You can stop at any time")).to_be_visible()
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_text("Choose yes or no").first).to_be_visible()
    accessible(page)
    page.get_by_label("Yes, I'd like to").check()
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_text("You said yes.")).to_be_visible()
    accessible(page)
    assert Involvement.objects.get(young_person=robin).answer == "yes"
    page.goto("/portal/your-choices/training/")
    page.get_by_label("My initials").check()
    page.get_by_role("button", name="Save").click()
    accessible(page)

    page.set_viewport_size({"width": 1100, "height": 800})
    staff_sign_in(page, "participation@example.org", password)
    page.goto("/opportunities/")
    page.get_by_role("link", name="Help train new social workers").click()
    page.get_by_role("link", name=re.compile("Record a session")).click()
    accessible(page)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Enter the session's date").first).to_be_visible()
    accessible(page)
    today = timezone.localdate()
    page.get_by_label("Day").fill(str(today.day))
    page.get_by_label("Month").fill(str(today.month))
    page.get_by_label("Year").fill(str(today.year))
    page.get_by_label("What they contributed, in their words").fill("What helps is being asked")
    page.get_by_role("button", name="Save").click()
    page.get_by_role("link", name="Add something it made").click()
    accessible(page)
    page.get_by_label("Training slides").check()
    page.get_by_label("Its title").fill("What helps: slides for new social workers")
    page.get_by_role("button", name="Add it").click()
    expect(page.get_by_text("Credit: Made with R. D.")).to_be_visible()
    accessible(page)

    page.set_viewport_size({"width": 360, "height": 740})
    portal_sign_in(page, password)
    page.goto("/portal/your-choices/training/")
    page.get_by_label("Do not use my name").check()
    page.get_by_role("button", name="Save").click()
    page.goto("/portal/taking-part/")
    expect(page.get_by_text("What helps is being asked")).to_be_visible()
    page.get_by_role("link", name=re.compile("Your certificate, to print")).click()
    expect(page.get_by_text("You chose not to be named")).to_be_visible()
    accessible(page)
    page.emulate_media(media="print")
    expect(page.get_by_role("heading", name="Certificate")).to_be_visible()
    expect(page.get_by_text("Exit this page")).to_be_hidden()

    page.set_viewport_size({"width": 1100, "height": 800})
    staff_sign_in(page, "participation@example.org", password)
    page.goto("/opportunities/")
    page.get_by_role("link", name="Help train new social workers").click()
    expect(
        page.get_by_text("Credit: Made with 1 young person who chose not to be named.")
    ).to_be_visible()


def test_robin_asks_for_a_reference_letter_and_after_18_keeps_taking_part_apart_from_the_case(
    page: Page, live_server, password
):
    """Robin asks for a reference letter at 360 px; Dee writes it; Robin prints it. Robin,
    now 18, keeps a participation-only account, credited as they write it; their record no
    longer shows it. axe-core checks every page."""
    robin = YoungPersonFactory(
        preferred_name="Robin",
        legal_name="Robin Demoperson",
        portal_user=YoungPersonAccountFactory(username="robin"),
    )
    worker = CaseTeamMembershipFactory(
        young_person=robin,
        user=StaffFactory(email="worker@example.org", full_name="Sam Patel"),
        role=CaseTeamMembership.Role.LEAD_PROFESSIONAL,
    ).user
    dee = StaffFactory(
        email="participation@example.org",
        full_name="Dee Marsh",
        role=Role.PARTICIPATION_WORKER,
        organisation=worker.organisation,
    )
    opportunity = collective_services.opportunity_create(
        actor=dee, **{**OPPORTUNITY, "title": "Help train new social workers"}
    )
    involvement = collective_services.opportunity_offer(
        actor=worker, opportunity=opportunity, young_person=robin
    )
    collective_services.involvement_answer(
        actor=robin.portal_user, involvement=involvement, answer="yes", reason=""
    )
    collective_services.contribution_record(
        actor=dee,
        involvement=involvement,
        session_on=timezone.localdate(),
        in_their_words="What helps is being asked",
        support_given="",
    )

    page.set_viewport_size({"width": 360, "height": 740})
    portal_sign_in(page, password)
    page.goto("/portal/taking-part/")
    page.get_by_role("link", name=re.compile("Ask for a reference letter")).click()
    accessible(page)
    page.get_by_role("button", name="Ask for a reference letter").click()
    expect(page.get_by_text("You asked for one on")).to_be_visible()
    accessible(page)

    page.set_viewport_size({"width": 1100, "height": 800})
    staff_sign_in(page, "participation@example.org", password)
    page.goto(f"/opportunities/{opportunity.pk}/")
    page.get_by_role("link", name=re.compile("Write the reference letter they asked for")).click()
    accessible(page)
    page.get_by_role("button", name="Save the letter").click()
    expect(page.get_by_text("Write their reference letter").first).to_be_visible()
    accessible(page)
    page.get_by_label("Their reference letter").fill("They listened.\nThey spoke up for others.")
    page.get_by_role("button", name="Save the letter").click()
    expect(page.get_by_text("They can read it and print it in the portal")).to_be_visible()

    page.set_viewport_size({"width": 360, "height": 740})
    portal_sign_in(page, password)
    page.goto("/portal/taking-part/")
    page.get_by_role("link", name=re.compile("Your reference letter, to print")).click()
    assert "They listened.<br>They spoke up for others." in page.locator("main").inner_html()
    expect(page.get_by_text("The young person who holds this letter took part in")).to_be_visible()
    accessible(page)
    page.emulate_media(media="print")
    expect(page.get_by_text("Exit this page")).to_be_hidden()
    page.emulate_media(media="screen")

    today = timezone.localdate()
    robin.date_of_birth = today.replace(year=today.year - 19)
    robin.save(update_fields=["date_of_birth"])
    page.goto("/portal/taking-part/")
    page.get_by_role("link", name="Keep taking part").click()
    accessible(page)
    page.get_by_label("How do you want to be credited? (optional)").fill("R.D.")
    page.get_by_role("button", name="Keep taking part").click()
    expect(page.get_by_text("You are credited as “R.D.”.")).to_be_visible()
    accessible(page)
    page.goto("/portal/")
    expect(page).to_have_url(re.compile("/portal/taking-part/$"))
    page.get_by_role("link", name=re.compile("Your certificate, to print")).click()
    expect(page.get_by_text("R.D.", exact=True)).to_be_visible()
    accessible(page)

    page.set_viewport_size({"width": 1100, "height": 800})
    staff_sign_in(page, worker.email, password)
    page.goto(f"/young-people/{robin.pk}/")
    expect(page.get_by_text("They have not set up the portal yet.")).to_be_visible()
    expect(page.get_by_text("Help train new social workers")).to_have_count(0)
