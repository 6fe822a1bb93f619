"""Who sees which meetings and agenda items: professionals-only never reaches the young
person or an advocate, and no role or global permission widens anything."""

import pytest
from django.contrib.auth.models import AnonymousUser, Group, Permission
from django.utils import timezone

from accounts.roles import Role
from advocacy.models import AdvocacyEvent, AdvocateAssignment
from meetings.models import AgendaItem, Meeting, YoungPersonViews
from tests.factories import (
    AdvocateAssignmentFactory,
    AgendaItemFactory,
    CaseTeamMembershipFactory,
    MeetingFactory,
    StaffFactory,
    YoungPersonAccountFactory,
    YoungPersonFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def agenda():
    young_person = YoungPersonFactory(portal_user=YoungPersonAccountFactory())
    meeting = MeetingFactory(young_person=young_person)
    shared = AgendaItemFactory(meeting=meeting, title="What I want to talk about")
    restricted = AgendaItemFactory(
        meeting=meeting,
        title="Information from police about another person",
        visibility=AgendaItem.Visibility.PROFESSIONALS_ONLY,
    )
    other = AgendaItemFactory(title="Another young person's item")
    return young_person, meeting, shared, restricted, other


def _titles(user):
    return set(AgendaItem.objects.visible_to(user).values_list("title", flat=True))


def test_case_team_and_chair_see_every_item_of_the_meeting_including_professionals_only(agenda):
    young_person, meeting, shared, restricted, _other = agenda
    worker = CaseTeamMembershipFactory(young_person=young_person).user
    for user in (worker, meeting.chair):
        assert _titles(user) == {shared.title, restricted.title}


def test_young_person_sees_only_shared_items_of_their_own_meetings(agenda):
    young_person, _meeting, shared, _restricted, _other = agenda
    assert _titles(young_person.portal_user) == {shared.title}


def test_advocate_sees_only_shared_items_of_the_young_person_they_advocate_for(agenda):
    young_person, meeting, shared, _restricted, _other = agenda
    advocate = AdvocateAssignmentFactory(young_person=young_person).advocate
    assert _titles(advocate) == {shared.title}
    assert list(Meeting.objects.visible_to(advocate)) == [meeting]


def test_advocate_of_another_young_person_sees_nothing_here(agenda):
    assert _titles(AdvocateAssignmentFactory().advocate) == set()


def test_ended_advocate_assignment_ends_access(agenda):
    young_person, *_ = agenda
    assignment = AdvocateAssignmentFactory(young_person=young_person)
    assignment.ends_on = timezone.localdate()
    assignment.save()
    assert _titles(assignment.advocate) == set()


@pytest.mark.parametrize("codename", ["view_agendaitem", "view_meeting", "view_youngperson"])
def test_no_global_or_group_permission_widens_meetings_or_agendas(agenda, codename):
    user = StaffFactory(role=Role.ADMINISTRATOR, is_staff=True, is_superuser=True)
    permission = Permission.objects.get(codename=codename)
    user.user_permissions.add(permission)
    Group.objects.get(name=Role.ADMINISTRATOR.value).permissions.add(permission)
    assert _titles(user) == set()
    assert not Meeting.objects.visible_to(user).exists()


def test_deactivated_user_sees_no_meetings(agenda):
    young_person, *_ = agenda
    worker = CaseTeamMembershipFactory(young_person=young_person).user
    worker.is_active = False
    assert not Meeting.objects.visible_to(worker).exists()
    assert _titles(worker) == set()


def test_advocacy_assignments_are_seen_by_the_advocate_the_case_team_and_the_young_person(agenda):
    young_person, *_ = agenda
    assignment = AdvocateAssignmentFactory(young_person=young_person)
    AdvocateAssignmentFactory()  # someone else's
    worker = CaseTeamMembershipFactory(young_person=young_person).user
    for user in (assignment.advocate, worker, young_person.portal_user):
        assert list(AdvocateAssignment.objects.visible_to(user)) == [assignment]
    assert not AdvocateAssignment.objects.visible_to(StaffFactory()).exists()


def test_a_switched_off_advocate_sees_no_assignment_not_even_their_own(agenda):
    young_person, *_ = agenda
    assignment = AdvocateAssignmentFactory(young_person=young_person)
    assignment.advocate.is_active = False
    assignment.advocate.save()
    assert not AdvocateAssignment.objects.visible_to(assignment.advocate).exists()


def test_advocacy_events_are_seen_by_those_who_see_the_record_and_no_one_else(agenda):
    young_person, *_ = agenda
    worker = CaseTeamMembershipFactory(young_person=young_person).user
    event = AdvocacyEvent.objects.create(
        young_person=young_person, state=AdvocacyEvent.State.OFFERED, recorded_by=worker
    )
    AdvocacyEvent.objects.create(  # someone else's
        young_person=CaseTeamMembershipFactory().young_person,
        state=AdvocacyEvent.State.OFFERED,
        recorded_by=worker,
    )
    for user in (worker, young_person.portal_user):
        assert list(AdvocacyEvent.objects.visible_to(user)) == [event]
    switched_off = CaseTeamMembershipFactory(young_person=young_person).user
    switched_off.is_active = False
    for user in (StaffFactory(), switched_off, AnonymousUser()):
        assert not AdvocacyEvent.objects.visible_to(user).exists()


def test_views_shared_with_an_advocate_reach_only_them_and_no_switched_off_advocate(agenda):
    young_person, *_ = agenda
    meeting = MeetingFactory(young_person=young_person)
    assignment = AdvocateAssignmentFactory(young_person=young_person)
    views = YoungPersonViews.objects.create(
        meeting=meeting,
        text="What I want them to know",
        source="written",
        shared_with_advocate=True,
        recorded_by=young_person.portal_user,
    )
    # Another young person's views, shared with their own advocate, never reach this one.
    other = AdvocateAssignmentFactory()
    YoungPersonViews.objects.create(
        meeting=MeetingFactory(young_person=other.young_person),
        text="Someone else's words",
        source="written",
        shared_with_advocate=True,
        recorded_by=other.advocate,
    )
    assert list(YoungPersonViews.objects.visible_to(assignment.advocate)) == [views]
    assignment.advocate.is_active = False
    assert not YoungPersonViews.objects.visible_to(assignment.advocate).exists()


def test_a_switched_off_young_person_or_advocate_sees_no_agenda_item(agenda):
    young_person, *_ = agenda
    advocate = AdvocateAssignmentFactory(young_person=young_person).advocate
    for user in (young_person.portal_user, advocate):
        assert AgendaItem.objects.visible_to(user).exists()
        user.is_active = False
        assert not AgendaItem.objects.visible_to(user).exists()


def test_a_switched_off_advocate_sees_no_meeting_of_the_young_person(agenda):
    young_person, meeting, *_ = agenda
    advocate = AdvocateAssignmentFactory(young_person=young_person).advocate
    assert list(Meeting.objects.visible_to(advocate)) == [meeting]
    advocate.is_active = False
    assert not Meeting.objects.visible_to(advocate).exists()
