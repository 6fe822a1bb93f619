"""Collective participation, first part: a participation worker (or CSE lead) creates an
opportunity; it reaches a young person only through someone on their case team; the young
person says yes or no in the portal; and nobody else learns who was offered what."""

import re
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from collective import services
from collective.models import Contribution, Involvement, Opportunity
from collective.selectors import credit_line, outputs_for
from consent.selectors import _initials
from tests.collective.conftest import FORM, choose
from tests.factories import (
    CaseTeamMembershipFactory,
    StaffFactory,
    YoungPersonAccountFactory,
    YoungPersonFactory,
)

pytestmark = pytest.mark.django_db


def test_a_participation_worker_creates_an_opportunity_and_bad_input_saves_nothing(client, north):
    _robin, _worker, participation = north
    client.force_login(participation)
    url = reverse("collective:opportunity-add")
    empty = client.post(url, {})
    page = empty.content.decode()
    assert empty.status_code == 400
    assert "Choose what kind of opportunity it is" in page and "Give it a name" in page
    too_long = client.post(url, {**FORM, "title": "x" * 121})
    assert "Keep this to 120 characters or fewer" in too_long.content.decode()
    assert not Opportunity.objects.exists()
    client.post(url, FORM)
    opportunity = Opportunity.objects.get()
    assert (opportunity.organisation, opportunity.created_by) == (
        participation.organisation,
        participation,
    )


def test_a_practitioner_cannot_create_an_opportunity(client, north):
    _robin, worker, _participation = north
    client.force_login(worker)
    assert client.post(reverse("collective:opportunity-add"), FORM).status_code == 404
    with pytest.raises(ValidationError):
        services.opportunity_create(actor=worker, **FORM)
    assert not Opportunity.objects.exists()


def test_only_the_case_team_offers_and_only_once(client, north):
    robin, worker, participation = north
    opportunity = services.opportunity_create(actor=participation, **FORM)
    chair = StaffFactory(role=Role.CSE_LEAD, organisation=worker.organisation)
    for outsider in (participation, chair):
        with pytest.raises(ValidationError):
            services.opportunity_offer(actor=outsider, opportunity=opportunity, young_person=robin)
    client.force_login(worker)
    url = reverse("collective:offer", args=[robin.pk])
    client.post(url, {"opportunity": str(opportunity.pk)})
    assert Involvement.objects.get().offered_by == worker
    again = client.post(url, {"opportunity": str(opportunity.pk)})
    assert again.status_code == 400
    assert "Choose an opportunity from the list" in again.content.decode()
    assert Involvement.objects.count() == 1


def test_the_participation_worker_sees_how_many_said_yes_never_who(client, north):
    robin, worker, participation = north
    opportunity = services.opportunity_create(actor=participation, **FORM)
    services.opportunity_offer(actor=worker, opportunity=opportunity, young_person=robin)
    client.force_login(participation)
    for url in (
        reverse("collective:opportunities"),
        reverse("collective:opportunity", args=[opportunity.pk]),
    ):
        page = client.get(url).content.decode()
        assert "Robinmarker" not in page
    assert "Offered to 1 young person; 0 said yes." in page
    assert client.get(reverse("participation:young-person", args=[robin.pk])).status_code == 404


def test_robin_reads_the_offer_and_says_yes_or_no_and_can_change_their_mind(client, north):
    robin, worker, participation = north
    opportunity = services.opportunity_create(actor=participation, **FORM)
    not_offered = services.opportunity_create(actor=participation, **{**FORM, "title": "Other"})
    involvement = services.opportunity_offer(
        actor=worker, opportunity=opportunity, young_person=robin
    )
    client.force_login(robin.portal_user)
    listing = client.get(reverse("portal:opportunities")).content.decode()
    assert "Help train new social workers" in listing and not_offered.title not in listing
    url = reverse("portal:opportunity-answer", args=[involvement.pk])
    page = client.get(url).content.decode()
    assert "You can stop at any time" in page and "Dee Marsh, participation worker" in page
    assert "Hard feelings" not in page  # the staff's risk wording stays with staff
    empty = client.post(url, {"answer": ""})
    assert empty.status_code == 400 and "Choose yes or no" in empty.content.decode()
    client.post(url, {"answer": "no", "reason": "Not on Saturdays"})
    involvement.refresh_from_db()
    assert (involvement.answer, involvement.reason) == ("no", "Not on Saturdays")
    client.post(url, {"answer": "yes", "reason": ""})
    involvement.refresh_from_db()
    assert involvement.answer == "yes" and involvement.answered_at is not None
    client.force_login(worker)
    record = client.get(reverse("participation:young-person", args=[robin.pk])).content.decode()
    assert "Help train new social workers" in record and "They said yes." in record


def test_nobody_but_the_young_person_answers(north):
    robin, worker, participation = north
    opportunity = services.opportunity_create(actor=participation, **FORM)
    involvement = services.opportunity_offer(
        actor=worker, opportunity=opportunity, young_person=robin
    )
    for actor in (worker, YoungPersonAccountFactory()):
        with pytest.raises(ValidationError):
            services.involvement_answer(
                actor=actor, involvement=involvement, answer="yes", reason=""
            )
    involvement.refresh_from_db()
    assert involvement.answer == ""


# Who took part, and how they are credited -----------------------------------------------------


def test_a_session_is_recorded_only_by_those_who_run_it_and_bad_input_saves_nothing(
    client, took_part, north
):
    _robin, participation, _opportunity, involvement = took_part
    _r, worker, _p = north
    url = reverse("collective:contribution-add", args=[involvement.pk])
    client.force_login(worker)
    assert client.get(url).status_code == 404
    client.force_login(participation)
    empty = client.post(url, {})
    assert empty.status_code == 400
    assert "Enter the session&#x27;s date" in empty.content.decode()
    tomorrow = timezone.localdate() + timedelta(days=1)
    future = client.post(
        url,
        {
            "session_on_0": tomorrow.day,
            "session_on_1": tomorrow.month,
            "session_on_2": tomorrow.year,
            "in_their_words": "I said what helps",
        },
    )
    assert "today or earlier" in future.content.decode()
    assert not Contribution.objects.exists()


def test_the_credit_line_names_each_contributor_as_their_decision_says_now(took_part):
    robin, participation, opportunity, involvement = took_part
    services.contribution_record(
        actor=participation,
        involvement=involvement,
        session_on=timezone.localdate(),
        in_their_words="I said what helps",
        support_given="",
    )
    output = services.output_add(
        actor=participation, opportunity=opportunity, kind="training_slides", title="Slides"
    )
    # Before any decision, nothing names them in training material.
    assert credit_line(opportunity=opportunity) == (
        "Made with 1 young person who chose not to be named."
    )
    choose(robin, "initials")
    assert credit_line(opportunity=opportunity) == f"Made with {_initials(robin)}"
    choose(robin, "full_name", context="collective_work")  # another context: no change
    assert credit_line(opportunity=opportunity) == f"Made with {_initials(robin)}"
    services.output_publish(actor=participation, output=output)
    choose(robin, "anonymous")
    [published] = outputs_for(opportunity=opportunity)
    assert published.credit == f"Made with {_initials(robin)}"
    assert published.changed_since_published


def test_robin_reads_what_they_contributed_and_prints_a_certificate_naming_them_as_chosen(
    client, took_part
):
    robin, participation, _opportunity, involvement = took_part
    certificate = reverse("portal:certificate", args=[involvement.pk])
    client.force_login(robin.portal_user)
    assert client.get(certificate).status_code == 404  # nothing contributed yet
    services.contribution_record(
        actor=participation,
        involvement=involvement,
        session_on=timezone.localdate(),
        in_their_words="I said what helps",
        support_given="Travel paid",
    )
    part_of = client.get(reverse("portal:opportunities")).content.decode()
    assert "Things I've been part of" in part_of and "I said what helps" in part_of
    page = client.get(certificate).content.decode()
    assert "You chose not to be named" in page and robin.preferred_name not in page
    choose(robin, "first_name")
    page = client.get(certificate).content.decode()
    assert robin.preferred_name in page and "It names you as you chose" in page


# The figures' Collective heading -------------------------------------------------------------


def test_collective_figures_count_the_leads_organisation_in_the_period_under_the_rule_of_5(
    client, north
):
    _robin, worker, participation = north
    lead = StaffFactory(role=Role.CSE_LEAD, organisation=participation.organisation)
    ours = services.opportunity_create(actor=participation, **FORM)
    theirs_participation = StaffFactory(role=Role.PARTICIPATION_WORKER)
    theirs = services.opportunity_create(actor=theirs_participation, **{**FORM, "kind": "research"})
    today = timezone.localdate()
    for index in range(6):
        young_person = YoungPersonFactory(portal_user=YoungPersonAccountFactory())
        CaseTeamMembershipFactory(young_person=young_person, user=worker)
        involvement = services.opportunity_offer(
            actor=worker, opportunity=ours, young_person=young_person
        )
        services.involvement_answer(
            actor=young_person.portal_user, involvement=involvement, answer="yes", reason=""
        )
        # Three took part in the period; the others long before it.
        when = today if index < 3 else today - timedelta(days=400)
        Contribution.objects.create(
            involvement=involvement,
            session_on=when,
            in_their_words="Something",
            recorded_by=participation,
        )
    Involvement.objects.create(
        opportunity=theirs, young_person=YoungPersonFactory(), offered_by=theirs_participation
    )
    client.force_login(lead)
    page = client.get(reverse("figures:page")).content.decode()
    rows = dict(
        re.findall(
            r'<th scope="row" class="govuk-table__header">([^<]+)</th>'
            r"<td[^>]*>[^<]*</td><td[^>]*>([^<]+)</td>",
            page,
        )
    )
    assert rows["Opportunities run"] == "1 (Training professionals: 1)"
    assert rows["Young people offered one"] == "6"
    assert rows["Young people involved"] == "fewer than 5"
    assert rows["Sessions"] == "3"


def test_getting_ready_for_public_work_is_kept_on_their_involvement_by_those_who_run_it(
    client, took_part, north
):
    _robin, participation, _opportunity, involvement = took_part
    _r, worker, _p = north
    url = reverse("collective:preparation", args=[involvement.pk])
    client.force_login(worker)
    assert client.post(url, {"risks_and_benefits_talked_through": "on"}).status_code == 404
    client.force_login(participation)
    too_long = client.post(url, {"group_statement": "x" * 1001})
    assert too_long.status_code == 400
    assert "Keep this to 1,000 characters or fewer" in too_long.content.decode()
    involvement.refresh_from_db()
    assert involvement.preparation_done == 0
    client.post(
        url,
        {
            "what_others_may_know": "That I care about other young people",
            "risks_and_benefits_talked_through": "on",
            "group_statement": "We want to be asked, not told.",
        },
    )
    involvement.refresh_from_db()
    assert involvement.preparation_done == 3
    assert not involvement.clumsy_questions_talked_through
    page = client.get(reverse("collective:opportunity", args=[involvement.opportunity_id]))
    assert "Ready for public work: 3 of 4 steps talked through." in page.content.decode()


def test_each_offer_opens_by_its_own_id_and_an_id_not_theirs_is_404(client, north):
    robin, worker, participation = north
    first = services.opportunity_create(actor=participation, **FORM)
    second = services.opportunity_create(actor=participation, **{**FORM, "title": "Film club"})
    offers = [
        services.opportunity_offer(actor=worker, opportunity=o, young_person=robin)
        for o in (first, second)
    ]
    client.force_login(robin.portal_user)
    for offer, title in zip(offers, ("Help train new social workers", "Film club"), strict=True):
        page = client.get(reverse("portal:opportunity-answer", args=[offer.pk]))
        assert page.status_code == 200
        assert f'<h1 class="govuk-heading-l">{title}</h1>' in page.content.decode()
    sam = YoungPersonFactory(portal_user=YoungPersonAccountFactory())
    sams_worker = CaseTeamMembershipFactory(young_person=sam).user
    someone_elses = services.opportunity_offer(
        actor=sams_worker, opportunity=first, young_person=sam
    )
    assert (
        client.get(reverse("portal:opportunity-answer", args=[someone_elses.pk])).status_code == 404
    )
