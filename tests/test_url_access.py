"""Deny by default: every URL declares who may reach it, and the declaration holds.

The leak matrix is generated from the URL resolver: every URL that takes an object id,
for every kind of user. A new id-taking URL without a row in EXPECTED fails the suite.
"""

import re
import uuid
from datetime import timedelta

import pytest
from django.contrib import admin
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from accounts.access import Access
from accounts.models import Organisation, RoleChange, User
from accounts.roles import Role
from advocacy.models import AdvocateAssignment, Representation
from audit.models import AccessEvent
from audit.services import Outcome
from collective.models import Contribution, Involvement, Opportunity, Output, Question
from meetings.models import AgendaItem, Decision, YoungPersonRequest, YoungPersonViews
from notifications.models import Channel, Kind, Notification, Status
from participation import services
from participation.models import (
    AccessRequest,
    CaseClosure,
    CaseTeamMembership,
    Goal,
    GoalStep,
    PersonWhoMatters,
    YoungPerson,
)
from tests.factories import (
    AdvocateAssignmentFactory,
    AgendaItemFactory,
    CaseTeamMembershipFactory,
    MeetingFactory,
    StaffFactory,
    YoungPersonAccountFactory,
    YoungPersonFactory,
)


def _walk(patterns, prefix="", namespace=None):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from _walk(
                entry.url_patterns, prefix + str(entry.pattern), entry.namespace or namespace
            )
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace else entry.name
            yield prefix + str(entry.pattern), name, namespace, entry


ALL_PATTERNS = list(_walk(get_resolver().url_patterns))
APP_PATTERNS = [(route, name, p) for route, name, ns, p in ALL_PATTERNS if ns != "admin"]
ID_PATTERNS = [(route, name, p) for route, name, p in APP_PATTERNS if p.pattern.converters]
PLAIN_PATTERNS = [(route, name, p) for route, name, p in APP_PATTERNS if not p.pattern.converters]

MATRIX_USERS = [
    "in_scope_practitioner",
    "out_of_scope_practitioner",
    "chair",
    "advocate_of_this_young_person",
    "advocate_of_another",
    "this_young_person",
    "another_young_person",
    "administrator",
    "deactivated_practitioner",
    "anonymous",
    # Ways into a record that are not a relationship, and relationships that have ended.
    "grant_holder",
    "break_glass_holder",
    "advocate_whose_assignment_ended",
    "cse_lead_chairing_nothing_here",
    # Runs collective participation: opportunities, never case records.
    "participation_worker",
    # Matched to the young person who asked for one: an advocate's reach, nothing more.
    "peer_supporter_of_this_young_person",
]
STAFF_IN_FORCE = {
    "participation_worker",
    "peer_supporter_of_this_young_person",
    "in_scope_practitioner",
    "out_of_scope_practitioner",
    "chair",
    "advocate_of_this_young_person",
    "advocate_of_another",
    "administrator",
    "grant_holder",
    "break_glass_holder",
    "advocate_whose_assignment_ended",
    "cse_lead_chairing_nothing_here",
}
# Who may reach each id-taking URL, and whether the page shows the young person's record.
# Everyone else gets a 404 (or the sign-in page) and never the planted name.
EXPECTED = {
    # A link to choose a password: anyone may open one; a wrong link says so and shows nothing.
    "signin:password-set": (set(MATRIX_USERS), False),
    "participation:young-person": ({"in_scope_practitioner", "chair"}, True),
    # Only the case team schedules (the chair sees the record, so is told why: a 403).
    "meetings:schedule": ({"in_scope_practitioner"}, True),
    "audit:young-person-access-log": ({"chair"}, True),
    "participation:case-team-add": ({"in_scope_practitioner", "chair"}, True),
    "participation:case-team-end": ({"in_scope_practitioner", "chair"}, True),
    "participation:grant-create": ({"chair"}, True),
    # A CSE lead working with them: here, the chair.
    "participation:legal-hold": ({"chair"}, True),
    # Any member of staff may ask for break-glass; the form shows nothing of the record.
    "participation:break-glass": (STAFF_IN_FORCE, False),
    "participation:break-glass-reviewed": ({"chair"}, False),
    # The case team keeps the details true; the chair and derived readers see, and are told.
    "participation:details-edit": ({"in_scope_practitioner"}, True),
    # Any member of staff may ask for access; the form shows nothing of the record, and those
    # who can see it already are sent to it.
    "participation:access-request": (STAFF_IN_FORCE, False),
    # People who matter to them: the case team keeps them; the chair sees and is told.
    "participation:person-add": ({"in_scope_practitioner"}, True),
    "participation:person-edit": ({"in_scope_practitioner"}, True),
    # The lead professional or the chair of an open meeting answers.
    "participation:access-answer": ({"in_scope_practitioner", "chair"}, True),
    # What a young person asked is answered by the person it was given to (here their lead
    # professional); others who can see the record are told who.
    "meetings:request-answer": ({"in_scope_practitioner"}, True),
    # The lead professional, or a CSE lead chairing an open meeting, closes the case.
    "cases:close": ({"in_scope_practitioner", "chair"}, True),
    # The lead professional, or a CSE lead chairing them; for anyone else it is not there.
    "cases:subject-access": ({"in_scope_practitioner", "chair"}, True),
    # A closed case (another young person's) held by the chair's organisation: its CSE leads
    # reopen it.
    "cases:reopen": ({"chair"}, False),
    "cases:transfer-summary": ({"in_scope_practitioner", "chair"}, True),
    # An advocate assignment gives the young person's meetings and their shared agenda.
    "meetings:meeting": ({"in_scope_practitioner", "chair", "advocate_of_this_young_person"}, True),
    "meetings:agenda-add": ({"in_scope_practitioner", "chair"}, True),
    "meetings:agenda-edit": ({"in_scope_practitioner", "chair"}, True),
    "meetings:preparation": ({"in_scope_practitioner", "chair"}, True),
    # Only the chair moves a meeting along, moves it or cancels it.
    "meetings:advance": ({"chair"}, False),
    "meetings:move": ({"chair"}, True),
    "meetings:cancel": ({"chair"}, True),
    "meetings:young-person-views": ({"in_scope_practitioner", "chair"}, True),
    "meetings:decision-add": ({"chair"}, True),
    "meetings:decision-response": ({"in_scope_practitioner", "chair"}, True),
    "meetings:feedback": ({"in_scope_practitioner", "chair"}, True),
    "meetings:agenda-outcome": ({"chair"}, False),
    "meetings:agenda-up": ({"in_scope_practitioner", "chair"}, False),
    # The young person's printed copy has a neutral title and shared items only.
    "meetings:print-young-persons-agenda": (
        {"in_scope_practitioner", "chair", "advocate_of_this_young_person"},
        False,
    ),
    "meetings:print-pack": ({"in_scope_practitioner", "chair"}, True),
    "meetings:information": ({"in_scope_practitioner", "chair"}, True),
    "meetings:invite": ({"chair"}, True),
    # Codes and switching off are for the case team; the chair may look, the service refuses.
    "portal-staff:access": ({"in_scope_practitioner", "chair"}, True),
    # Consent: the case team records decisions; the chair may look, the service refuses.
    "consent:overview": ({"in_scope_practitioner", "chair"}, True),
    "consent:identity-record": ({"in_scope_practitioner", "chair"}, True),
    "consent:sharing-record": ({"in_scope_practitioner", "chair"}, True),
    # A young person's own naming choice: the context is a word, and the record is their own.
    "advocacy:advocacy": ({"in_scope_practitioner", "chair"}, True),
    "advocacy:assign": ({"in_scope_practitioner", "chair"}, True),
    "advocacy:assignment-end": ({"in_scope_practitioner", "chair"}, True),
    # The young person's advocate presents their views and adds items on their behalf.
    "advocacy:representation-add": (
        {"in_scope_practitioner", "chair", "advocate_of_this_young_person"},
        True,
    ),
    "advocacy:agenda-on-behalf": (
        {"in_scope_practitioner", "chair", "advocate_of_this_young_person"},
        True,
    ),
    # A notice is its recipient's alone (here the chair's); retry is for CSE leads (the chair).
    "notifications:notice-read": ({"chair"}, False),
    "notifications:retry": ({"chair"}, False),
    "portal:representation-agree": ({"this_young_person"}, False),
    # Their own goal, theirs to change; staff add goals and steps on the record.
    "portal:goal-edit": ({"this_young_person"}, False),
    "participation:goal-add": ({"in_scope_practitioner"}, True),
    "participation:goal-step-add": ({"in_scope_practitioner"}, True),
    # A step is ticked off by the young person in the portal, or by the case team with them.
    "participation:goal-step-done": ({"in_scope_practitioner"}, False),
    "portal:goal-step-done": ({"this_young_person"}, False),
    # "Your goals" joins the agenda from the meeting page (the chair and case team), or from
    # their own meeting page in the portal; the review of their goals is the same people's.
    "meetings:agenda-goals": ({"in_scope_practitioner", "chair"}, False),
    "meetings:goal-review": ({"in_scope_practitioner", "chair"}, True),
    "portal:naming-change": ({"this_young_person", "another_young_person"}, False),
    # An opportunity holds nobody's information: any member of staff reads it, to offer it.
    "collective:opportunity": (STAFF_IN_FORCE, False),
    # Only someone on their case team offers them one, from their record (the chair, who
    # sees the record, is told why not).
    "collective:offer": ({"in_scope_practitioner"}, True),
    "portal:opportunity-answer": ({"this_young_person"}, False),
    "portal:certificate": ({"this_young_person"}, False),
    "portal:reference": ({"this_young_person"}, False),
    # Those who run the opportunity (a participation worker or CSE lead of its organisation:
    # here, also the chair) record sessions and what it made.
    "collective:contribution-add": ({"participation_worker", "chair"}, False),
    "collective:preparation": ({"participation_worker", "chair"}, False),
    "collective:reference": ({"participation_worker", "chair"}, False),
    "collective:question-answer": ({"participation_worker", "chair"}, False),
    "collective:output-add": ({"participation_worker", "chair"}, False),
    "collective:output-publish": ({"participation_worker", "chair"}, False),
    # The portal: the young person's own meeting, and nobody else's, never staff.
    **{
        f"portal:{name}": ({"this_young_person"}, False)
        for name in (
            "meeting",
            "information",
            "agenda-add",
            "agenda-goals",
            "meet-chair",
            "taking-part",
            "views",
            "decision-response",
            "feedback",
        )
    },
}
# A temporary grant or break-glass lets its holder read what the case team reads; what they
# may change is the sequence test's (tests/test_powers_sequence.py): nothing.
DERIVED_READERS = {"grant_holder", "break_glass_holder"}
for _name in (
    "participation:young-person",
    "cases:transfer-summary",
    "meetings:meeting",
    "meetings:print-pack",
    "meetings:print-young-persons-agenda",
    "consent:overview",
    "consent:identity-record",
    "consent:sharing-record",
    "advocacy:advocacy",
    "advocacy:assign",
    "advocacy:assignment-end",
    "advocacy:agenda-on-behalf",
    "advocacy:representation-add",
    "portal-staff:access",
):
    EXPECTED[_name] = (EXPECTED[_name][0] | DERIVED_READERS, EXPECTED[_name][1])
# Retrying a failed notice is open to every CSE lead, across the service (not yet scoped to
# their organisation: a known gap, in the notes of the authority work).
EXPECTED["notifications:retry"] = ({"chair", "cse_lead_chairing_nothing_here"}, False)
# A peer supporter reaches exactly what the young person's advocate reaches.
for _name, (_allowed, _shows) in EXPECTED.items():
    if "advocate_of_this_young_person" in _allowed:
        EXPECTED[_name] = (_allowed | {"peer_supporter_of_this_young_person"}, _shows)

# The exact answer each allowed user gets to a GET, then to an empty POST: a page (200)
# whose empty form is refused with a message (400), unless named here.
PAGES_FOR_ANY_METHOD = {
    "signin:password-set",
    "portal:certificate",
    "collective:opportunity",
    "cases:transfer-summary",
    "participation:young-person",
    "audit:young-person-access-log",
    "consent:overview",
    "meetings:meeting",
    "meetings:print-pack",
    "meetings:print-young-persons-agenda",
    "portal:meeting",
    "portal:information",
}
POST_ONLY = {
    "collective:output-publish",
    "meetings:advance",
    "meetings:agenda-goals",
    "participation:goal-step-done",
    "portal:agenda-goals",
    "portal:goal-step-done",
    "meetings:agenda-outcome",
    "meetings:agenda-up",
    "notifications:notice-read",
    "notifications:retry",
    "participation:break-glass-reviewed",
    "portal:representation-agree",
}
ANSWERS = {
    **dict.fromkeys(PAGES_FOR_ANY_METHOD, (200, 200)),
    **dict.fromkeys(POST_ONLY, (405, 302)),
    # To the record, for those who can see it; to "confirm it is you" first, for the rest.
    "participation:break-glass": (302, 302),
    # Every step of the checklist is optional: an empty form saves it as not started.
    "collective:preparation": (200, 302),
}
ANSWERS_FOR = {
    # The case team reads the information; only the chair edits and shares it.
    ("meetings:information", "in_scope_practitioner"): (200, 405),
    # This world's meeting has not happened, so its decision is not yet shared with the young
    # person: not found, as for anyone else (tests/portal hold the shared case).
    ("portal:decision-response", "this_young_person"): (404, 404),
    # Whoever can see the record already is sent to it rather than asking.
    **{
        ("participation:access-request", who): (302, 302)
        for who in ("in_scope_practitioner", "chair", *DERIVED_READERS)
    },
}


def _answer(name: str, who: str, method: str) -> int:
    get, post = ANSWERS_FOR.get((name, who), ANSWERS.get(name, (200, 400)))
    return post if method == "post" else get


# Users who must never see professionals-only content, whatever they are allowed to open.
NEVER_RESTRICTED = {
    "advocate_of_this_young_person",
    "peer_supporter_of_this_young_person",
    "advocate_of_another",
    "this_young_person",
    "another_young_person",
}
RESTRICTED_MARKER = "Restrictedmarker Qx"
# The young person's own words reach an advocate only once shared with them (not shared here).
VIEWS_MARKER = "Ownwordsmarker Vw"
NEVER_VIEWS = {
    "advocate_of_this_young_person",
    "peer_supporter_of_this_young_person",
    "advocate_of_another",
    "another_young_person",
}
# Pages without ids that only one role may open; every other staff page is open to all staff.
ROLE_ONLY = {
    "participation:caseload-reassign": Role.CSE_LEAD,
    "participation:break-glass-review": Role.CSE_LEAD,
    "figures:page": Role.CSE_LEAD,
    "figures:meetings": Role.CSE_LEAD,
    "figures:csv": Role.CSE_LEAD,
    "figures:change-add": Role.CSE_LEAD,
    # A participation worker (or a CSE lead) creates opportunities.
    "collective:opportunity-add": Role.PARTICIPATION_WORKER,
    "cases:closed": Role.CSE_LEAD,
    "cases:retention": Role.CSE_LEAD,
    "meetings:chair-introduction": Role.CSE_LEAD,
    "notifications:outbox": Role.CSE_LEAD,
    # A CSE lead (or an administrator) resets the second factor of their own organisation's
    # staff; a CSE lead reads their organisation's sign-in record.
    "signin:second-factor-reset": Role.CSE_LEAD,
    "signin:sign-in-events": Role.CSE_LEAD,
}
# Staff pages whose answer to a plain GET, for anyone allowed, is not a page.
STAFF_GET_ANSWER = {
    "signin:recovery-codes": 302,  # shown once, straight after setting up; else to Your account
    "signin:second-factor": 302,  # first, confirm it is you
    "signin:sessions-end": 405,  # a form's POST only
    "figures:meetings": 404,  # the meetings behind a figure: with no figure named, none
}
MARKER = "Plantedmarker Zq"
# Planted in every other free-text field about them that a page might show. Someone who may
# open none of it sees none of these; someone who may open the meeting but not the record
# (their advocate, on the printed agenda) sees none of the record's.
RECORD_MARKERS = {
    "legal_name": "Legalmarker Zq",
    "pronouns": "pronounmarker/zq",
    "communication_needs": "Needsmarker Zq",
    "interpreter_language": "Languagemarker Zq",
    "strengths_and_interests": "Strengthsmarker Zq",
}
FIELD_MARKERS = {
    **RECORD_MARKERS,
    "venue": "Venuemarker Zq",
    "item title": "Itemtitlemarker Zq",
    "item details": "Itemdetailsmarker Zq",
    "decision": "Decisionmarker Zq",
    "reason": "Reasonmarker Zq",
    "explanation": "Explanationmarker Zq",
    "representation": "Representationmarker Zq",
}


@pytest.mark.parametrize(
    ("route", "name", "pattern"), APP_PATTERNS, ids=[n for _, n, _ in APP_PATTERNS]
)
def test_every_view_declares_an_access_rule(route, name, pattern):
    rule = getattr(pattern.callback, "access_rule", None)
    assert rule in set(Access), f"/{route} has no access rule: use a decorator in accounts.access"


def test_every_id_taking_url_has_a_row_in_the_leak_matrix():
    assert {name for _, name, _ in ID_PATTERNS} == set(EXPECTED)


def test_every_id_in_a_url_is_a_uuid():
    for route, _name, pattern in ID_PATTERNS:
        for key, converter in pattern.pattern.converters.items():
            # Besides ids, only fixed words (a preparation step, a naming context) and the
            # signed token of a link to choose a password.
            assert key.endswith("_id") or key in ("step", "context", "uidb64", "token"), route
            if key.endswith("_id"):
                assert type(converter).__name__ == "UUIDConverter", route


def test_admin_site_holds_staff_accounts_organisations_and_role_changes_and_no_case_content():
    assert set(admin.site._registry) == {User, Organisation, RoleChange}


@pytest.fixture
def world(client):
    """One young person (with a planted name) and a user of every kind around them."""
    young_person = YoungPersonFactory(
        preferred_name=MARKER,
        portal_user=YoungPersonAccountFactory(),
        legal_name=FIELD_MARKERS["legal_name"],
        pronouns=FIELD_MARKERS["pronouns"],
        communication_needs=FIELD_MARKERS["communication_needs"],
        interpreter_language=FIELD_MARKERS["interpreter_language"],
        strengths_and_interests=FIELD_MARKERS["strengths_and_interests"],
    )
    other_young_person = YoungPersonFactory(portal_user=YoungPersonAccountFactory())
    # Their lead professional: on the case team with its powers (the chair's meeting is open).
    in_scope = CaseTeamMembershipFactory(
        young_person=young_person, role=CaseTeamMembership.Role.LEAD_PROFESSIONAL
    ).user
    chair = StaffFactory(role=Role.CSE_LEAD)
    meeting = MeetingFactory(young_person=young_person, chair=chair, venue=FIELD_MARKERS["venue"])
    AgendaItemFactory(
        meeting=meeting, title=FIELD_MARKERS["item title"], details=FIELD_MARKERS["item details"]
    )
    restricted = AgendaItemFactory(
        meeting=meeting,
        title=RESTRICTED_MARKER,
        visibility=AgendaItem.Visibility.PROFESSIONALS_ONLY,
        explanation_for_young_person="Part of the meeting is held without you.",
    )
    YoungPersonViews.objects.create(
        meeting=meeting, text=VIEWS_MARKER, source="spoken", recorded_by=chair
    )
    decision = Decision.objects.create(
        meeting=meeting,
        decision=FIELD_MARKERS["decision"],
        reason=FIELD_MARKERS["reason"],
        explanation_for_young_person=FIELD_MARKERS["explanation"],
        recorded_by=chair,
    )
    deactivated = CaseTeamMembershipFactory(young_person=young_person).user
    deactivated.is_active = False
    deactivated.save()
    ended = CaseTeamMembershipFactory(
        young_person=young_person, starts_on=timezone.localdate() - timedelta(days=90)
    )
    ended.ends_on = timezone.localdate()
    ended.save()
    advocate_assignment = AdvocateAssignmentFactory(young_person=young_person)
    users = {
        "in_scope_practitioner": in_scope,
        "out_of_scope_practitioner": ended.user,  # was on the case team until today
        "chair": chair,
        "advocate_of_this_young_person": advocate_assignment.advocate,
        "advocate_of_another": AdvocateAssignmentFactory(young_person=other_young_person).advocate,
        "this_young_person": young_person.portal_user,
        "another_young_person": other_young_person.portal_user,
        "administrator": StaffFactory(role=Role.ADMINISTRATOR, is_staff=True, is_superuser=True),
        "deactivated_practitioner": deactivated,
        "anonymous": None,
    }
    break_glass = services.break_glass_open(
        actor=StaffFactory(),
        young_person=young_person,
        reason="A test emergency",
    )
    users["break_glass_holder"] = break_glass.user
    users["grant_holder"] = services.young_person_grant(
        actor=chair,
        young_person=young_person,
        user=StaffFactory(),
        reason="Covering this week",
        expires_on=timezone.localdate() + timedelta(days=3),
    ).user
    ended_assignment = AdvocateAssignmentFactory(
        young_person=young_person, starts_on=timezone.localdate() - timedelta(days=60)
    )
    ended_assignment.ends_on = timezone.localdate() - timedelta(days=1)
    ended_assignment.save()
    users["advocate_whose_assignment_ended"] = ended_assignment.advocate
    users["cse_lead_chairing_nothing_here"] = StaffFactory(role=Role.CSE_LEAD)
    users["peer_supporter_of_this_young_person"] = AdvocateAssignmentFactory(
        young_person=young_person, advocate_type=AdvocateAssignment.Type.PEER_SUPPORTER
    ).advocate
    users["participation_worker"] = StaffFactory(
        role=Role.PARTICIPATION_WORKER, organisation=chair.organisation
    )
    opportunity = Opportunity.objects.create(
        organisation=chair.organisation,
        kind=Opportunity.Kind.TRAINING,
        title="Train new social workers",
        what_it_involves="Tell them what helps",
        when_and_where="Saturdays",
        support_and_recognition="Travel paid",
        who_may_be_invited="14 to 19",
        what_could_go_wrong="Hard feelings",
        how_it_is_managed="Stop any time",
        who_they_can_go_to="Dee",
        created_by=users["participation_worker"],
    )
    goal = Goal.objects.create(
        young_person=young_person, in_their_words="Go back to college", added_by=in_scope
    )
    involvement = Involvement.objects.create(
        opportunity=opportunity,
        young_person=young_person,
        offered_by=in_scope,
        answer=Involvement.Answer.YES,
        # They asked for a reference letter, so those who run it see the form to write it.
        reference_asked_at=timezone.now(),
    )
    Contribution.objects.create(
        involvement=involvement,
        session_on=timezone.localdate(),
        in_their_words="I said what helps",
        recorded_by=users["participation_worker"],
    )
    ids = {
        "young_person_id": young_person.pk,
        "membership_id": in_scope.case_team_memberships.get().pk,
        "grant_id": break_glass.pk,
        "meeting_id": meeting.pk,
        "item_id": restricted.pk,
        "step": "meet_chair",
        "uidb64": "MQ",
        "token": "not-a-real-token",
        "context": "meeting_records",
        "decision_id": decision.pk,
        "assignment_id": advocate_assignment.pk,
        "notification_id": Notification.objects.create(
            idempotency_key="the chair's notice",
            kind=Kind.CHAIR_ASKED,
            channel=Channel.IN_APP,
            recipient=chair,
            meeting=meeting,
            due_at=timezone.now(),
            status=Status.SENT,
            sent_at=timezone.now(),
        ).pk,
        "representation_id": Representation.objects.create(
            meeting=meeting, assignment=advocate_assignment, text=FIELD_MARKERS["representation"]
        ).pk,
        "request_id": AccessRequest.objects.create(
            young_person=young_person, requested_by=StaffFactory(), reason="Needs it for court"
        ).pk,
        "person_id": PersonWhoMatters.objects.create(
            young_person=young_person, name="Their nan", relationship="Nan", added_by=chair
        ).pk,
        "asked_id": YoungPersonRequest.objects.create(
            young_person=young_person,
            meeting=meeting,
            kind=YoungPersonRequest.Kind.DISAGREE,
            # Their own words: never to an advocate unless shared, like their views.
            their_words=VIEWS_MARKER,
            owner=in_scope,
            reply_by=timezone.localdate(),
        ).pk,
        "opportunity_id": opportunity.pk,
        "involvement_id": involvement.pk,
        "question_id": Question.objects.create(
            involvement=involvement, in_their_words="Is there lunch?"
        ).pk,
        "output_id": Output.objects.create(
            opportunity=opportunity,
            kind=Output.Kind.REPORT,
            title="What young people told us",
            created_by=users["participation_worker"],
        ).pk,
        "goal_id": goal.pk,
        "step_id": GoalStep.objects.create(
            goal=goal, what="Ring the college", added_by=in_scope
        ).pk,
        "closure_id": CaseClosure.objects.create(
            young_person=YoungPersonFactory(),
            organisation=chair.organisation,
            reason=CaseClosure.Reason.NO_FURTHER_CONCERNS,
            closed_by=chair,
        ).pk,
    }
    return young_person, users, ids


def _nothing_planted(body: str, where: str, markers: dict[str, str]) -> None:
    leaked = [field for field, marker in markers.items() if marker in body]
    assert MARKER not in body and not leaked, f"LEAK of {leaked or 'the name'}: {where}"


def _pattern(name):
    return next(p for _, n, p in ID_PATTERNS if n == name)


@pytest.mark.django_db
@pytest.mark.parametrize("who", MATRIX_USERS)
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_leak_matrix(client, world, name, who):
    _young_person, users, ids = world
    if users[who] is not None:
        client.force_login(users[who])
    converters = dict(_pattern(name).pattern.converters)
    url = reverse(name, kwargs={key: ids[key] for key in converters})
    allowed, shows_record = EXPECTED[name]
    for method in ("get", "post"):
        response = getattr(client, method)(url)
        body = response.content.decode()
        if users[who] is not None and users[who].is_active:
            # Nothing sent to a signed-in person is kept by the browser, whatever the answer.
            assert "no-store" in response.get("Cache-Control", ""), f"{who} {method} {url}"
        if who in NEVER_RESTRICTED:
            assert RESTRICTED_MARKER not in body, f"LEAK of restricted content: {who} {url}"
        if who in NEVER_VIEWS:
            assert VIEWS_MARKER not in body, f"LEAK of the young person's views: {who} {url}"
        if who in allowed:
            assert response.status_code == _answer(name, who, method), f"{who} {method} {url}"
            if shows_record and response.status_code in (200, 400):
                assert MARKER in body
            elif users[who] is None or not YoungPerson.objects.visible_to(users[who]).filter(
                pk=ids["young_person_id"]
            ):
                _nothing_planted(body, f"{who} {method} {url}", RECORD_MARKERS)
        else:
            assert MARKER not in body, f"LEAK: {who} {method} {url}"
            if not (
                users[who] is not None
                and YoungPerson.objects.visible_to(users[who]).filter(pk=ids["young_person_id"])
            ):
                _nothing_planted(body, f"{who} {method} {url}", FIELD_MARKERS)
            # Someone who may see the record but lacks the power is told so (403); for anyone
            # else the page does not exist (404).
            sees_record = users[who] is not None and (
                YoungPerson.objects.visible_to(users[who]).filter(pk=ids["young_person_id"])
            )
            refusals = (302, 403, 404) if sees_record else (302, 404)
            assert response.status_code in refusals, f"{who} {method} {url}"
            if response.status_code == 302:
                assert "sign-in" in response.url


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("route", "name", "pattern"), PLAIN_PATTERNS, ids=[n for _, n, _ in PLAIN_PATTERNS]
)
def test_pages_without_ids_keep_to_their_access_rule(client, route, name, pattern):
    rule = pattern.callback.access_rule
    url = reverse(name)
    anonymous = client.get(url)
    staff, young_person = StaffFactory(), YoungPersonAccountFactory()
    YoungPersonFactory(portal_user=young_person)
    if rule == Access.PUBLIC:
        assert anonymous.status_code in (200, 302, 405)
        return
    sign_in = reverse("portal:sign-in" if rule == Access.YOUNG_PERSON else "signin:sign-in")
    assert anonymous.status_code == 302 and anonymous.url.startswith(sign_in)
    client.force_login(staff)
    allowed = STAFF_GET_ANSWER.get(name, 200)
    as_staff = client.get(url)
    assert as_staff.status_code == (
        allowed if rule == Access.STAFF and name not in ROLE_ONLY else 404
    )
    if name in ROLE_ONLY:
        client.force_login(StaffFactory(role=ROLE_ONLY[name]))
        assert client.get(url).status_code == allowed
    client.force_login(young_person)
    as_young_person = client.get(url)
    assert as_young_person.status_code == (200 if rule == Access.YOUNG_PERSON else 404)
    # Nothing sent to a signed-in person is kept by the browser, whatever the answer.
    for response in (as_staff, as_young_person):
        assert "no-store" in response.get("Cache-Control", ""), url


@pytest.mark.django_db
def test_missing_and_not_yours_look_the_same(client):
    client.force_login(StaffFactory())
    not_yours = client.get(reverse("participation:young-person", args=[YoungPersonFactory().pk]))
    missing = client.get(reverse("participation:young-person", args=[uuid.uuid4()]))
    assert not_yours.status_code == missing.status_code == 404
    assert _without_per_request_tokens(not_yours) == _without_per_request_tokens(missing)


def _without_per_request_tokens(response) -> str:
    html = response.content.decode()
    html = re.sub(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "ID", html)
    return re.sub(r'(nonce|value)="[^"]*"', r'\1=""', html)


CHILD_IDS = {
    "membership_id",
    "item_id",
    "decision_id",
    "assignment_id",
    "representation_id",
    "request_id",
    "person_id",
    "step_id",
    "output_id",
}
PARENT_CHILD_PATTERNS = sorted(
    name for _route, name, pattern in ID_PATTERNS if CHILD_IDS & set(pattern.pattern.converters)
)


def _children_elsewhere(world):
    """Children that belong elsewhere but are visible to the same people through their own
    URLs: a membership and an advocate assignment on another young person's record (whose
    lead professional and chair are this record's), and an item, a decision and a
    representation from another meeting about this same young person."""
    young_person, users, _ids = world
    other = YoungPersonFactory(portal_user=YoungPersonAccountFactory())
    CaseTeamMembershipFactory(
        young_person=other,
        user=users["in_scope_practitioner"],
        role=CaseTeamMembership.Role.LEAD_PROFESSIONAL,
    )
    MeetingFactory(young_person=other, chair=users["chair"])
    membership = CaseTeamMembershipFactory(young_person=other)
    assignment = AdvocateAssignmentFactory(young_person=other)
    another_meeting = MeetingFactory(young_person=young_person, chair=users["chair"])
    decision = Decision.objects.create(
        meeting=another_meeting,
        decision="Another decision",
        reason="Another reason",
        explanation_for_young_person="Another explanation.",
        recorded_by=users["chair"],
    )
    this_assignment = young_person.advocate_assignments.get(
        advocate=users["advocate_of_this_young_person"]
    )
    return {
        "membership_id": membership,
        "assignment_id": assignment,
        "item_id": AgendaItemFactory(meeting=another_meeting, title="Another meeting's item"),
        "decision_id": decision,
        "representation_id": Representation.objects.create(
            meeting=another_meeting, assignment=this_assignment, text="Another meeting's views"
        ),
        "request_id": AccessRequest.objects.create(
            young_person=other, requested_by=StaffFactory(), reason="Another record's request"
        ),
        "person_id": PersonWhoMatters.objects.create(
            young_person=other, name="Another's nan", relationship="Nan", added_by=users["chair"]
        ),
        # Another opportunity's output, run by the same people.
        "output_id": Output.objects.create(
            opportunity=Opportunity.objects.create(
                **{
                    f.name: getattr(Opportunity.objects.get(), f.name)
                    for f in Opportunity._meta.concrete_fields
                    if f.name not in ("id", "created_at")
                }
            ),
            kind=Output.Kind.FILM,
            title="Another opportunity's film",
            created_by=users["chair"],
        ),
        # Another goal of this same young person: reachable through its own URL.
        "step_id": GoalStep.objects.create(
            goal=Goal.objects.create(
                young_person=young_person, in_their_words="Another goal", added_by=users["chair"]
            ),
            what="Another goal's step",
            added_by=users["chair"],
        ),
    }


def _state(obj) -> dict:
    obj = type(obj).objects.get(pk=obj.pk)
    return {field.attname: getattr(obj, field.attname) for field in obj._meta.concrete_fields}


@pytest.mark.django_db
@pytest.mark.parametrize("name", PARENT_CHILD_PATTERNS)
def test_a_child_from_another_record_under_this_records_url_is_404_and_changes_nothing(
    client, world, name
):
    """The parent in the URL must own the child: someone who may reach both through their own
    URLs still gets a 404 for this record's or meeting's URL with the other's child."""
    _young_person, users, ids = world
    children = _children_elsewhere(world)
    converters = dict(_pattern(name).pattern.converters)
    child_key = (CHILD_IDS & set(converters)).pop()
    child = children[child_key]
    url = reverse(
        name,
        kwargs={key: (child.pk if key == child_key else ids[key]) for key in converters},
    )
    before = _state(child)
    allowed, _shows = EXPECTED[name]
    for who in sorted(allowed):
        client.force_login(users[who])
        for method in ("get", "post"):
            response = getattr(client, method)(url)
            assert response.status_code == 404, f"{who} {method} {url}"
    assert _state(child) == before


# Every id-taking URL writes exactly one access event per request, allowed or refused, that
# names the young person. These reach no young person's information, so write none:
NO_ACCESS_EVENT = {
    "signin:password-set": "a link to choose a password: an account, not a record",
    "notifications:notice-read": "a notice, which names no young person",
    "notifications:retry": "an outbox row, which names no young person",
    "participation:break-glass": "the form shows nothing of the record; using it is recorded",
    "participation:break-glass-reviewed": "a break-glass use; opening the review list is recorded",
    "participation:access-request": "the form shows nothing of the record; asking is recorded",
    "portal:naming-change": "the young person's own choice, named by a word, saved as an event",
    "collective:opportunity": "an opportunity, which names no young person",
    "collective:output-add": "an opportunity, which names no young person",
    "collective:output-publish": "an opportunity's output: a credit line, as each chose",
}


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(set(EXPECTED) - set(NO_ACCESS_EVENT)))
def test_every_id_taking_url_writes_exactly_one_access_event_allowed_or_refused(
    client, world, name
):
    young_person, users, ids = world
    converters = dict(_pattern(name).pattern.converters)
    url = reverse(name, kwargs={key: ids[key] for key in converters})
    allowed, _shows = EXPECTED[name]
    portal = name.startswith("portal:")
    tries = [
        (sorted(allowed - {"anonymous", "deactivated_practitioner"})[0], Outcome.ALLOWED),
        ("another_young_person" if portal else "out_of_scope_practitioner", Outcome.DENIED),
    ]
    for who, outcome in tries:
        client.force_login(users[who])
        before = AccessEvent.objects.count()
        client.get(url)
        events = list(AccessEvent.objects.order_by("id")[before:])
        assert len(events) == 1, f"{who} {url}: {[(e.outcome, e.what) for e in events]}"
        [event] = events
        assert (event.outcome, event.actor) == (outcome, users[who]), f"{who} {url}"
        if outcome == Outcome.ALLOWED:
            about = (
                CaseClosure.objects.get(pk=ids["closure_id"]).young_person_id
                if "closure_id" in converters
                else young_person.pk
            )
            assert event.young_person_id == about, f"{who} {url}"
