"""Bringing a young person into the service, and keeping their details true."""

import uuid
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from audit.models import AccessEvent
from participation.models import CaseTeamMembership, YoungPerson, YoungPersonChange
from tests.factories import (
    CaseTeamMembershipFactory,
    OrganisationFactory,
    StaffFactory,
    YoungPersonFactory,
)

pytestmark = pytest.mark.django_db

BORN = date(2011, 3, 9)


def _date(name, day):
    return {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}


def _registration(**changes):
    form = {
        "young_person_id": str(uuid.uuid4()),
        "preferred_name": "Sam",
        "legal_name": "Sam Taylor",
        **_date("date_of_birth", BORN),
        "pronouns": "he/him",
        "communication_needs": "Short meetings",
        "strengths_and_interests": "Football and drawing",
        "referred_by": "Northshire Academy",
        "referral_reason": "An older adult has been collecting him from school.",
    }
    form.update(changes)
    return form


@pytest.fixture
def worker(client):
    worker = StaffFactory(role=Role.PRACTITIONER, organisation=OrganisationFactory(name="North"))
    client.force_login(worker)
    return worker


def _register(client, **changes):
    return client.post(reverse("participation:register"), _registration(**changes))


def test_practitioner_records_a_young_person_and_becomes_their_lead_professional(client, worker):
    response = _register(client)
    young_person = YoungPerson.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("participation:young-person", args=[young_person.pk])
    assert (young_person.legal_name, young_person.date_of_birth) == ("Sam Taylor", BORN)
    membership = CaseTeamMembership.objects.get(young_person=young_person)
    assert (membership.user, membership.role) == (worker, "lead_professional")
    event = AccessEvent.objects.get(what="registration")
    assert (event.actor, event.young_person_id, event.outcome) == (
        worker,
        young_person.pk,
        "allowed",
    )
    page = client.get(response.url).content.decode()
    assert "Northshire Academy" in page and "collecting him from school" in page


def test_a_near_match_elsewhere_is_shown_as_initial_birth_date_and_holder_before_saving(
    client, worker
):
    elsewhere = CaseTeamMembershipFactory(
        young_person=YoungPersonFactory(
            preferred_name="Samantha", legal_name="Samantha Tayler", date_of_birth=BORN
        ),
        user=StaffFactory(organisation=OrganisationFactory(name="Southvale Council")),
        role=CaseTeamMembership.Role.LEAD_PROFESSIONAL,
    ).young_person
    response = _register(client)
    page = response.content.decode()
    assert response.status_code == 400
    assert not YoungPerson.objects.exclude(pk=elsewhere.pk).exists()
    assert "may already hold a record" in page and "Southvale Council" in page
    assert "Samantha" not in page and "Tayler" not in page
    assert reverse("participation:access-request", args=[elsewhere.pk]) in page
    assert AccessEvent.objects.filter(what="possible duplicate", young_person_id=elsewhere.pk)
    confirmed = _register(client, confirmed_new="on")
    assert confirmed.status_code == 302
    assert YoungPerson.objects.filter(legal_name="Sam Taylor").count() == 1


def test_a_misspelt_first_name_with_the_same_surname_and_birth_date_is_a_possible_duplicate(
    client, worker
):
    YoungPersonFactory(preferred_name="Samm", legal_name="Samm Taylor", date_of_birth=BORN)
    response = _register(client, preferred_name="Sammy", legal_name="Sammy Taylor")
    assert response.status_code == 400
    assert "may already hold a record" in response.content.decode()


def test_a_different_birth_date_or_an_unlike_name_is_not_a_possible_duplicate(client, worker):
    YoungPersonFactory(legal_name="Sam Taylor", date_of_birth=BORN + timedelta(days=1))
    YoungPersonFactory(preferred_name="Robin", legal_name="Robin Adeyemi", date_of_birth=BORN)
    assert _register(client).status_code == 302


def test_the_same_registration_sent_twice_records_the_young_person_once(client, worker):
    form = _registration()
    first = client.post(reverse("participation:register"), form)
    again = client.post(reverse("participation:register"), form)
    assert first.status_code == 302
    assert again.status_code == 400
    assert "already been recorded" in again.content.decode()
    assert YoungPerson.objects.count() == 1
    assert CaseTeamMembership.objects.count() == 1


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"preferred_name": "  "}, "Enter the name they like to be called"),
        ({"legal_name": ""}, "Enter their full legal name"),
        (_date("date_of_birth", date(2090, 1, 1)), "today or in the past"),
        (_date("date_of_birth", date(1960, 1, 1)), "within the last 26 years"),
        ({"date_of_birth_1": "13"}, "must be a real date"),
        ({"communication_needs": "x" * 10_000}, "2000 characters or fewer"),
        ({"referral_reason": "y" * 10_000}, "2000 characters or fewer"),
        ({"referral_reason": "She keeps putting herself at risk."}, "without blaming them"),
        ({"referred_by": ""}, "Enter the organisation that referred them"),
    ],
)
def test_bad_registration_says_what_to_fix_and_saves_nothing(client, worker, changes, message):
    response = _register(client, **changes)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not YoungPerson.objects.exists()
    assert not CaseTeamMembership.objects.exists()


def test_an_advocate_cannot_record_a_young_person(client):
    client.force_login(StaffFactory(role=Role.ADVOCATE))
    assert client.get(reverse("participation:register")).status_code == 403
    assert _register(client).status_code == 403
    assert not YoungPerson.objects.exists()


@pytest.fixture
def record(client):
    membership = CaseTeamMembershipFactory(
        role=CaseTeamMembership.Role.SOCIAL_WORKER,
        young_person=YoungPersonFactory(communication_needs="Short meetings"),
    )
    client.force_login(membership.user)
    return membership.user, membership.young_person


def _details(young_person, **changes):
    form = {
        "version": str(young_person.version),
        "preferred_name": young_person.preferred_name,
        "legal_name": young_person.legal_name,
        **_date("date_of_birth", young_person.date_of_birth),
        "pronouns": young_person.pronouns,
        "communication_needs": young_person.communication_needs,
        "interpreter_language": young_person.interpreter_language,
        "strengths_and_interests": young_person.strengths_and_interests,
    }
    form.update(changes)
    return form


def test_case_team_changes_a_detail_and_the_record_shows_who_when_before_and_after(client, record):
    member, young_person = record
    url = reverse("participation:details-edit", args=[young_person.pk])
    response = client.post(
        url, _details(young_person, communication_needs="Short meetings\nwith breaks")
    )
    assert response.status_code == 302
    [change] = YoungPersonChange.objects.all()
    assert (change.changed_by, change.field, change.before, change.after) == (
        member,
        "communication_needs",
        "Short meetings",
        "Short meetings\nwith breaks",
    )
    young_person.refresh_from_db()
    assert young_person.version == 2
    page = client.get(reverse("participation:young-person", args=[young_person.pk])).content
    page = page.decode()
    assert "Changes to these details (1)" in page
    assert "Short meetings<br>with breaks" in page and member.full_name in page


def test_an_edit_made_from_an_older_version_is_refused_and_the_newer_change_kept(client, record):
    _member, young_person = record
    url = reverse("participation:details-edit", args=[young_person.pk])
    stale = _details(young_person, communication_needs="Mine")
    client.post(url, _details(young_person, communication_needs="Theirs"))
    response = client.post(url, stale)
    assert response.status_code == 400
    assert "Someone else changed these details" in response.content.decode()
    young_person.refresh_from_db()
    assert young_person.communication_needs == "Theirs"
    assert YoungPersonChange.objects.count() == 1


def test_a_future_birth_date_in_an_edit_is_refused_and_nothing_changes(client, record):
    _member, young_person = record
    response = client.post(
        reverse("participation:details-edit", args=[young_person.pk]),
        _details(young_person, **_date("date_of_birth", timezone.localdate() + timedelta(1))),
    )
    assert response.status_code == 400
    assert not YoungPersonChange.objects.exists()
    assert YoungPerson.objects.get(pk=young_person.pk).version == 1


def test_saving_without_changes_writes_no_history(client, record):
    _member, young_person = record
    client.post(
        reverse("participation:details-edit", args=[young_person.pk]), _details(young_person)
    )
    assert not YoungPersonChange.objects.exists()


def test_advocate_home_page_links_each_young_person_to_their_next_meeting(client):
    from tests.factories import AdvocateAssignmentFactory, MeetingFactory

    assignment = AdvocateAssignmentFactory()
    meeting = MeetingFactory(
        young_person=assignment.young_person,
        scheduled_at=timezone.now() + timedelta(days=5),
    )
    client.force_login(assignment.advocate)
    page = client.get(reverse("home")).content.decode()
    assert reverse("meetings:meeting", args=[meeting.pk]) in page
    assert client.get(reverse("meetings:meeting", args=[meeting.pk])).status_code == 200


def test_the_young_person_writes_about_themselves_and_the_team_sees_it_as_theirs(client):
    from tests.factories import YoungPersonAccountFactory

    membership = CaseTeamMembershipFactory(
        young_person=YoungPersonFactory(
            preferred_name="Sam",
            strengths_and_interests="Football",
            portal_user=YoungPersonAccountFactory(),
        )
    )
    young_person = membership.young_person
    client.force_login(young_person.portal_user)
    url = reverse("portal:about-me")
    assert "Football" in client.get(url).content.decode()
    response = client.post(url, {"version": "1", "strengths_and_interests": "Football and art"})
    assert response.status_code == 302
    [change] = YoungPersonChange.objects.all()
    assert (change.changed_by, change.after) == (young_person.portal_user, "Football and art")
    stale = client.post(url, {"version": "1", "strengths_and_interests": "Only art"})
    assert stale.status_code == 400
    assert YoungPerson.objects.get(pk=young_person.pk).strengths_and_interests == "Football and art"
    client.force_login(membership.user)
    page = client.get(reverse("participation:young-person", args=[young_person.pk]))
    assert "Sam, in the portal" in page.content.decode()


def test_the_young_person_changes_only_their_own_words(client):
    from participation import services
    from tests.factories import YoungPersonAccountFactory

    young_person = YoungPersonFactory(preferred_name="Sam", portal_user=YoungPersonAccountFactory())
    changes = services.young_person_update(
        actor=young_person.portal_user,
        young_person=young_person,
        version=1,
        details={"preferred_name": "Changed", "strengths_and_interests": "Music"},
    )
    young_person.refresh_from_db()
    assert [c.field for c in changes] == ["strengths_and_interests"]
    assert young_person.preferred_name == "Sam"
