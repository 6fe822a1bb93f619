from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.roles import Role
from meetings.selectors import young_people_on_case_team
from participation import services
from participation.models import YoungPerson
from tests.factories import (
    CaseTeamMembershipFactory,
    MeetingFactory,
    StaffFactory,
    YoungPersonAccountFactory,
    YoungPersonFactory,
)

pytestmark = pytest.mark.django_db


def _grant(user, young_person):
    lead = StaffFactory(role=Role.CSE_LEAD)
    MeetingFactory(young_person=young_person, chair=lead)
    return services.young_person_grant(
        actor=lead,
        young_person=young_person,
        user=user,
        reason="Covering while the social worker is away",
        expires_on=timezone.localdate() + timedelta(days=3),
    )


def test_my_young_people_lists_only_the_practitioners_case_team():
    worker = StaffFactory()
    mine = CaseTeamMembershipFactory(user=worker).young_person
    CaseTeamMembershipFactory()  # someone else's young person
    assert list(young_people_on_case_team(user=worker)) == [mine]


def test_ended_membership_gives_no_access_from_its_end_date():
    worker = StaffFactory()
    membership = CaseTeamMembershipFactory(user=worker)
    membership.ends_on = timezone.localdate()
    membership.save()
    assert list(young_people_on_case_team(user=worker)) == []
    assert not YoungPerson.objects.visible_to(worker).exists()


def test_membership_starting_in_the_future_gives_no_access_yet():
    worker = StaffFactory()
    CaseTeamMembershipFactory(user=worker, starts_on=timezone.localdate() + timedelta(days=1))
    assert not YoungPerson.objects.visible_to(worker).exists()


def test_chair_sees_the_young_people_whose_meetings_they_chair():
    lead = StaffFactory(role=Role.CSE_LEAD)
    meeting = MeetingFactory(chair=lead)
    YoungPersonFactory()
    assert list(YoungPerson.objects.visible_to(lead)) == [meeting.young_person]


def test_each_young_person_appears_once_however_many_facts_give_access():
    lead = StaffFactory(role=Role.CSE_LEAD)
    membership = CaseTeamMembershipFactory(user=lead)
    MeetingFactory(chair=lead, young_person=membership.young_person)
    MeetingFactory(chair=lead, young_person=membership.young_person)
    assert YoungPerson.objects.visible_to(lead).count() == 1


def test_young_person_account_sees_only_its_own_record():
    account = YoungPersonAccountFactory()
    own = YoungPersonFactory(portal_user=account)
    YoungPersonFactory()
    assert list(YoungPerson.objects.visible_to(account)) == [own]


def test_deactivated_user_sees_nobody():
    worker = StaffFactory()
    CaseTeamMembershipFactory(user=worker)
    worker.is_active = False
    assert not YoungPerson.objects.visible_to(worker).exists()


def test_explicit_object_grant_lets_one_user_see_one_young_person():
    user = StaffFactory()
    granted, _other = YoungPersonFactory(), YoungPersonFactory()
    _grant(user, granted)
    assert list(YoungPerson.objects.visible_to(user)) == [granted]


def test_group_or_global_view_permission_never_widens_the_list():
    user = StaffFactory()
    YoungPersonFactory()
    permission = Permission.objects.get(codename="view_youngperson")
    user.user_permissions.add(permission)
    Group.objects.get(name=Role.PRACTITIONER.value).permissions.add(permission)
    assert not YoungPerson.objects.visible_to(user).exists()


def test_superuser_flag_gives_no_case_content():
    admin = StaffFactory(role=Role.ADMINISTRATOR, is_staff=True, is_superuser=True)
    YoungPersonFactory()
    assert not YoungPerson.objects.visible_to(admin).exists()


def test_a_young_person_with_explicit_grants_is_never_deleted_so_no_grant_outlives_them():
    from django.db.models.deletion import ProtectedError

    user = StaffFactory()
    young_person = YoungPersonFactory()
    _grant(user, young_person)
    with pytest.raises(ProtectedError):
        young_person.delete()
    assert user.youngpersonuserobjectpermission_set.get().content_object == young_person


def test_next_meeting_is_the_earliest_upcoming_one_not_cancelled_or_past():
    worker = StaffFactory()
    young_person = CaseTeamMembershipFactory(user=worker).young_person
    now = timezone.now()
    MeetingFactory(young_person=young_person, scheduled_at=now - timedelta(days=3))
    MeetingFactory(
        young_person=young_person, scheduled_at=now + timedelta(days=1), status="cancelled"
    )
    expected = MeetingFactory(young_person=young_person, scheduled_at=now + timedelta(days=5))
    MeetingFactory(young_person=young_person, scheduled_at=now + timedelta(days=9))
    [listed] = young_people_on_case_team(user=worker)
    assert listed.next_meeting_at == expected.scheduled_at


def _queries_for_my_young_people_page(client, worker) -> int:
    client.force_login(worker)
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/young-people/")
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("young_people", [5, 200])
def test_my_young_people_page_lists_with_next_meeting_for_any_caseload(client, young_people):
    worker = StaffFactory()
    lead = StaffFactory(role=Role.CSE_LEAD)
    for _ in range(young_people):
        young_person = CaseTeamMembershipFactory(user=worker).young_person
        MeetingFactory(young_person=young_person, chair=lead)
    client.force_login(worker)
    html = client.get("/young-people/").content.decode()
    assert html.count('class="govuk-table__row"') == min(young_people, 25) + 1


def test_my_young_people_page_runs_the_same_number_of_queries_for_5_and_200(client):
    lead = StaffFactory(role=Role.CSE_LEAD)
    counts = []
    for size in (5, 200):
        worker = StaffFactory()
        for _ in range(size):
            young_person = CaseTeamMembershipFactory(user=worker).young_person
            MeetingFactory(young_person=young_person, chair=lead)
        counts.append(_queries_for_my_young_people_page(client, worker))
    assert counts[0] == counts[1], f"queries for 5 and for 200 young people: {counts}"


def test_my_young_people_come_in_order_of_their_next_meeting_with_none_planned_last():
    worker = StaffFactory()
    later, sooner, none_planned = (
        CaseTeamMembershipFactory(user=worker, young_person=YoungPersonFactory(preferred_name=n))
        for n in ("Aaron", "Bea", "Cal")
    )
    now = timezone.now()
    MeetingFactory(young_person=later.young_person, scheduled_at=now + timedelta(days=9))
    MeetingFactory(young_person=sooner.young_person, scheduled_at=now + timedelta(days=2))
    names = [p.preferred_name for p in young_people_on_case_team(user=worker)]
    assert names == ["Bea", "Aaron", "Cal"]
    assert none_planned.young_person.preferred_name == "Cal"


def test_cse_lead_sees_service_wide_counts_but_no_names(client):
    lead = StaffFactory(role=Role.CSE_LEAD)
    for name in ("Countme Alpha", "Countme Beta"):
        MeetingFactory(young_person=YoungPersonFactory(preferred_name=name))
    client.force_login(lead)
    html = client.get("/service/figures/").content.decode()
    assert "Young people</dt>" in html and ">2</dd>" in html
    assert "Countme" not in html
    assert not YoungPerson.objects.visible_to(lead).exists()
