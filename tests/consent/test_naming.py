"""One resolver names a young person in each context; no page shows more than the decision
in force allows, from the very next request after a change or a withdrawal."""

from datetime import timedelta

import pytest
from django.urls import URLPattern, get_resolver, reverse
from django.utils import timezone

from consent import services
from consent.models import IdentityDecision, MadeBy, NamingContext
from consent.selectors import (
    NOT_NAMED,
    WORKING,
    identity_history,
    name_as_chosen,
    name_in,
    names_prefetch,
    naming_overview,
    sharing_log,
)
from tests.factories import (
    CaseTeamMembershipFactory,
    MeetingFactory,
    OrganisationFactory,
    YoungPersonFactory,
)

pytestmark = pytest.mark.django_db

PREFERRED = "Prefmarker"
LEGAL = "Legalfirstmarker Surnamemarker"
PSEUDONYM = "Pseudomarker"
EVERY_NAME = [PREFERRED, "Legalfirstmarker", "Surnamemarker", PSEUDONYM]
REVIEW = timezone.localdate() + timedelta(days=90)


@pytest.fixture
def named():
    young_person = YoungPersonFactory(preferred_name=PREFERRED, legal_name=LEGAL)
    worker = CaseTeamMembershipFactory(young_person=young_person).user
    meeting = MeetingFactory(young_person=young_person)
    return young_person, worker, meeting


def _decide(worker, young_person, choice, pseudonym="", context=NamingContext.MEETING_RECORDS):
    return services.identity_decision_record(
        actor=worker,
        young_person=young_person,
        context=context,
        choice=choice,
        pseudonym=pseudonym,
        their_words="",
        made_by=MadeBy.WITH_WORKER,
        review_on=REVIEW,
    )


def _meeting_pages(meeting):
    """Every staff page about one meeting that opens with a GET: meeting records context."""
    pages = []
    for entry in get_resolver().url_patterns:
        for pattern in getattr(entry, "url_patterns", []):
            if (
                isinstance(pattern, URLPattern)
                and getattr(entry, "namespace", None) == "meetings"
                and set(pattern.pattern.converters) == {"meeting_id"}
            ):
                pages.append(reverse(f"meetings:{pattern.name}", args=[meeting.pk]))
    return pages


@pytest.mark.parametrize(
    ("choice", "pseudonym", "shown", "hidden"),
    [
        (None, "", [PREFERRED], ["Legalfirstmarker", "Surnamemarker", PSEUDONYM]),
        ("first_name", "", [PREFERRED], ["Legalfirstmarker", "Surnamemarker", PSEUDONYM]),
        ("pseudonym", PSEUDONYM, [PSEUDONYM], [PREFERRED, "Legalfirstmarker", "Surnamemarker"]),
        ("initials", "", ["P. S."], EVERY_NAME),
        ("anonymous", "", [NOT_NAMED], EVERY_NAME),
        ("full_name", "", [LEGAL], [PSEUDONYM]),
    ],
)
def test_every_meeting_page_print_and_the_chairs_home_name_them_only_as_decided(
    client, named, choice, pseudonym, shown, hidden
):
    young_person, worker, meeting = named
    if choice:
        _decide(worker, young_person, choice, pseudonym)
    client.force_login(meeting.chair)
    pages = [*_meeting_pages(meeting), reverse("home")]
    assert len(pages) >= 8
    rendered = 0
    for url in pages:
        response = client.get(url)
        if response.status_code != 200:
            continue
        rendered += 1
        html = response.content.decode()
        for name in hidden:
            assert name not in html, f"{name} on {url}"
        if "their-agenda" not in url:  # their own copy names nobody
            for name in shown:
                assert name in html, f"{name} missing from {url}"
    assert rendered >= 6


def test_a_withdrawal_takes_effect_on_the_very_next_page(client, named):
    young_person, worker, meeting = named
    _decide(worker, young_person, "pseudonym", PSEUDONYM)
    client.force_login(meeting.chair)
    pack = reverse("meetings:print-pack", args=[meeting.pk])
    assert PSEUDONYM in client.get(pack).content.decode()
    _decide(worker, young_person, "anonymous")
    html = client.get(pack).content.decode()
    assert PSEUDONYM not in html and PREFERRED not in html
    assert NOT_NAMED in html


def test_the_case_teams_own_pages_use_the_name_they_use_and_never_their_legal_name(client, named):
    young_person, worker, _ = named
    _decide(worker, young_person, "full_name")
    client.force_login(worker)
    for url in [
        reverse("participation:young-person", args=[young_person.pk]),
        reverse("participation:my-young-people"),
        reverse("home"),
    ]:
        html = client.get(url).content.decode()
        assert PREFERRED in html, url
        assert "Surnamemarker" not in html, url


def test_group_work_and_training_name_nobody_until_the_young_person_decides(named):
    young_person, worker, _ = named
    assert name_in(young_person, NamingContext.COLLECTIVE_WORK) == NOT_NAMED
    assert name_in(young_person, NamingContext.TRAINING) == NOT_NAMED
    _decide(worker, young_person, "first_name", context=NamingContext.TRAINING)
    fresh = type(young_person).objects.get(pk=young_person.pk)
    assert name_in(fresh, NamingContext.TRAINING) == PREFERRED
    assert name_in(fresh, NamingContext.COLLECTIVE_WORK) == NOT_NAMED


def test_names_for_a_list_are_worked_out_in_one_query(named, django_assert_num_queries):
    young_person, worker, _ = named
    others = [YoungPersonFactory() for _ in range(5)]
    _decide(worker, young_person, "pseudonym", PSEUDONYM)
    people = [type(young_person).objects.get(pk=young_person.pk), *others]
    with django_assert_num_queries(1):
        names_prefetch(people, NamingContext.MEETING_RECORDS)
        names = [name_in(person, NamingContext.MEETING_RECORDS) for person in people]
    assert names[0] == PSEUDONYM
    assert names[1:] == [other.preferred_name for other in others]


def test_the_chairs_home_runs_the_same_queries_for_one_meeting_and_for_ten(client):
    chair = MeetingFactory().chair

    def count():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("home")).status_code == 200
        return len(queries)

    client.force_login(chair)
    one = count()
    for _ in range(9):
        MeetingFactory(chair=chair)
    assert count() == one


def test_decisions_can_be_neither_changed_nor_deleted_through_the_app(named):
    young_person, worker, _ = named
    decision = _decide(worker, young_person, "first_name")
    decision.choice = IdentityDecision.Choice.ANONYMOUS
    with pytest.raises(TypeError):
        decision.save()
    with pytest.raises(TypeError):
        decision.delete()
    with pytest.raises(TypeError):
        IdentityDecision.objects.filter(pk=decision.pk).update(choice="anonymous")
    with pytest.raises(TypeError):
        IdentityDecision.objects.filter(pk=decision.pk).delete()
    assert IdentityDecision.objects.get(pk=decision.pk).choice == "first_name"


@pytest.mark.parametrize(
    ("legal", "initials"),
    [
        ("Mary Ann Smith", "P. S."),  # a middle name's initial never travels
        ("Smith", "P. S."),
        ("", "P."),  # no family name: nothing made up in its place
    ],
)
def test_initials_are_the_name_they_use_and_their_family_name_only(legal, initials):
    young_person = YoungPersonFactory.build(preferred_name="Prefmarker", legal_name=legal)
    assert name_as_chosen(young_person, IdentityDecision.Choice.INITIALS, "") == initials


def test_the_working_name_needs_no_query(named, django_assert_num_queries):
    young_person, _worker, _meeting = named
    with django_assert_num_queries(0):
        names_prefetch([young_person], WORKING)
        assert name_in(young_person, WORKING) == PREFERRED


def test_the_naming_overview_shows_each_context_its_name_and_the_decision_in_force(named):
    young_person, worker, _meeting = named
    decision = _decide(worker, young_person, "pseudonym", PSEUDONYM)
    rows = {row.context: row for row in naming_overview(young_person=young_person)}
    assert set(rows) == {context.value for context in NamingContext}
    meeting_records = rows[NamingContext.MEETING_RECORDS.value]
    assert (meeting_records.name, meeting_records.decision) == (PSEUDONYM, decision)
    training = rows[NamingContext.TRAINING.value]
    assert (training.name, training.decision) == (NOT_NAMED, None)


def test_the_history_and_the_sharing_log_are_each_one_query(named, django_assert_num_queries):
    young_person, worker, _meeting = named
    for choice in ("first_name", "initials", "anonymous"):
        _decide(worker, young_person, choice)
    for purpose in ("to plan help at college", "to arrange a health check"):
        services.sharing_decision_record(
            actor=worker,
            young_person=young_person,
            organisation=OrganisationFactory(),
            purpose=purpose,
            share=True,
            basis="consent",
            rationale="They asked for it",
            their_words="",
            made_by=MadeBy.WITH_WORKER,
            review_on=REVIEW,
        )
    with django_assert_num_queries(1):
        assert {d.recorded_by.full_name for d in identity_history(young_person=young_person)}
    with django_assert_num_queries(1):
        assert {
            (d.organisation.name, d.recorded_by.full_name)
            for d in sharing_log(young_person=young_person)
        }
