"""Every page costs the same number of queries whatever the size of the data behind it.

Generated from the URL resolver, like the leak matrix and the axe check: each page is opened
by someone who may reach it (tests/every_page.py), with the leak matrix's data, at two sizes:
with 2 more, then 32 more, of everything a page might list (agenda items, meetings, the
caseload, notices, requests, goals, steps, decisions, people who matter, who looked, those
taking part, what they said and asked). A page whose count changed fails, by name.
A new page is in the walk without a row; a page that cannot be opened is named in
tests/every_page.py with the reason.
"""

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from audit.models import AccessEvent
from collective.models import Contribution, Involvement, Opportunity, Question
from meetings.models import AgendaItem, Decision, Meeting, YoungPersonRequest
from notifications.models import Channel, Kind, Notification
from participation.models import CaseTeamMembership, Goal, GoalStep, PersonWhoMatters
from tests.every_page import PAGES, ready
from tests.factories import (
    AgendaItemFactory,
    CaseTeamMembershipFactory,
    MeetingFactory,
    YoungPersonAccountFactory,
    YoungPersonFactory,
)
from tests.signin.phone import confirmed_just_now
from tests.test_url_access import world  # noqa: F401 - the leak matrix's data

SMALL, LARGE = 2, 30


def _grow(young_person, users, ids, more: int) -> None:
    """`more` of everything a page might list, around the same people."""
    in_scope, chair = users["in_scope_practitioner"], users["chair"]
    meeting = Meeting.objects.get(pk=ids["meeting_id"])
    now = timezone.now()
    start = AgendaItem.objects.count()
    for n in range(start, start + more):
        AgendaItemFactory(meeting=meeting, title=f"More item {n}")
        AgendaItemFactory(
            meeting=meeting,
            title=f"More restricted {n}",
            visibility=AgendaItem.Visibility.PROFESSIONALS_ONLY,
            explanation_for_young_person="Part of the meeting is held without you.",
        )
        Decision.objects.create(
            meeting=meeting,
            decision=f"More decision {n}",
            reason="A reason",
            explanation_for_young_person="What it means.",
            recorded_by=chair,
        )
        MeetingFactory(
            young_person=young_person,
            chair=chair,
            scheduled_at=now + timedelta(days=n + 2) * (1 if n % 2 else -1),
        )
        # A bigger caseload for the practitioner and the chair, each with a meeting.
        other = YoungPersonFactory(portal_user=YoungPersonAccountFactory())
        CaseTeamMembershipFactory(
            young_person=other, user=in_scope, role=CaseTeamMembership.Role.LEAD_PROFESSIONAL
        )
        MeetingFactory(young_person=other, chair=chair, scheduled_at=now + timedelta(days=n + 1))
        goal = Goal.objects.create(
            young_person=young_person, in_their_words=f"More goal {n}", added_by=in_scope
        )
        GoalStep.objects.create(goal=goal, what=f"More step {n}", added_by=in_scope)
        YoungPersonRequest.objects.create(
            young_person=young_person,
            meeting=meeting,
            kind=YoungPersonRequest.Kind.TALK,
            their_words=f"More words {n}",
            owner=in_scope,
            reply_by=timezone.localdate(),
        )
        PersonWhoMatters.objects.create(
            young_person=young_person, name=f"Person {n}", relationship="Aunt", added_by=chair
        )
        for user in users.values():
            if user is not None:
                Notification.objects.create(
                    idempotency_key=f"more:{n}:{user.pk}",
                    kind=Kind.REQUEST_ANSWERED if user.is_young_person else Kind.REQUEST_WAITING,
                    channel=Channel.IN_APP,
                    recipient=user,
                    meeting=meeting,
                    due_at=now,
                )
        AccessEvent.objects.create(
            actor=chair,
            actor_kind="staff",
            action=AccessEvent.Action.VIEW,
            outcome=AccessEvent.Outcome.ALLOWED,
            young_person_id=young_person.pk,
            what="more",
        )
        opportunity = Opportunity.objects.get(pk=ids["opportunity_id"])
        taking = Involvement.objects.create(
            opportunity=opportunity,
            young_person=other,
            offered_by=in_scope,
            answer=Involvement.Answer.YES,
        )
        Contribution.objects.create(
            involvement=taking,
            session_on=timezone.localdate(),
            in_their_words=f"More said {n}",
            recorded_by=chair,
        )
        Question.objects.create(involvement=taking, in_their_words=f"More asked {n}")


def _count(client: Client, url: str) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response.status_code, len(queries)


@pytest.mark.django_db
def test_every_page_costs_the_same_queries_whatever_the_size_of_its_data(world):  # noqa: F811
    young_person, users, ids = world
    clients: dict[str, tuple[Client, str]] = {}
    for name in PAGES:
        url, query, user = ready(name, world)
        client = Client()
        if user is not None:
            client.force_login(user)
            if user.is_staff_member:
                confirmed_just_now(client)
        clients[name] = (client, url + query)
    # Two sizes, neither empty (a list with nothing in it may skip a query it needs later).
    _grow(young_person, users, ids, SMALL)
    for client, url in clients.values():
        client.get(url)  # once first, so that nothing cached on a first visit is counted
    before = {name: _count(client, url) for name, (client, url) in clients.items()}
    _grow(young_person, users, ids, LARGE)
    after = {name: _count(client, url) for name, (client, url) in clients.items()}
    changed = {
        name: (before[name], after[name])
        for name in PAGES
        if before[name][1] != after[name][1] or before[name][0] != after[name][0]
    }
    assert len(before) > 90, "the walk found too few pages: the walk itself is broken"
    assert not changed, "\n".join(
        f"{name}: {b[1]} queries ({b[0]}) became {a[1]} ({a[0]})"
        for name, (b, a) in sorted(changed.items())
    )
