import uuid
from datetime import timedelta

import pytest
from django.db import DatabaseError, connection, transaction
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from audit.models import AccessEvent
from meetings.models import Meeting
from tests.conftest import require
from tests.factories import (
    CaseTeamMembershipFactory,
    MeetingFactory,
    OrganisationFactory,
    StaffFactory,
    YoungPersonAccountFactory,
    YoungPersonFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def case():
    organisation = OrganisationFactory(name="Northshire Children's Services")
    worker = StaffFactory(full_name="Sam Patel", organisation=organisation)
    membership = CaseTeamMembershipFactory(user=worker)
    return worker, membership.young_person


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_viewing_a_young_persons_record_writes_exactly_one_event(client, case):
    worker, young_person = case
    client.force_login(worker)
    response = client.get(
        reverse("participation:young-person", args=[young_person.pk]),
        HTTP_X_REQUEST_ID="6c1e8f0a-1b2c-4d3e-8f9a-0b1c2d3e4f5a",
        HTTP_X_FORWARDED_FOR="203.0.113.9, 198.51.100.7",
        HTTP_USER_AGENT="Test browser",
    )
    assert response.status_code == 200
    [event] = AccessEvent.objects.all()
    assert event.actor == worker
    assert event.actor_role_labels == "Practitioner"
    assert event.actor_organisation == "Northshire Children's Services"
    assert (event.action, event.outcome) == ("view", "allowed")
    assert event.young_person_id == young_person.pk
    assert event.request_id == "6c1e8f0a-1b2c-4d3e-8f9a-0b1c2d3e4f5a" == response["X-Request-ID"]
    # The address the load balancer saw (its own hop in X-Forwarded-For), and the browser.
    assert (event.client_address, event.user_agent) == ("198.51.100.7", "Test browser")


@pytest.mark.parametrize(
    ("proxies", "given"),
    [
        (0, "6c1e8f0a-1b2c-4d3e-8f9a-0b1c2d3e4f5a"),  # no trusted proxy: a client wrote it
        (1, "lb-request-0001"),  # from the proxy, but not a UUID
        (1, "'; DROP TABLE audit_accessevent; --"),
    ],
)
def test_a_request_id_from_the_client_or_not_a_uuid_is_never_stored(client, case, proxies, given):
    worker, young_person = case
    client.force_login(worker)
    with override_settings(TRUSTED_PROXY_COUNT=proxies):
        response = client.get(
            reverse("participation:young-person", args=[young_person.pk]), HTTP_X_REQUEST_ID=given
        )
    [event] = AccessEvent.objects.all()
    assert event.request_id != given
    assert event.request_id == response["X-Request-ID"] and len(event.request_id) == 32


def test_refused_attempt_is_recorded_and_looks_like_missing(client):
    outsider = StaffFactory()
    young_person = YoungPersonFactory()
    client.force_login(outsider)
    response = client.get(reverse("participation:young-person", args=[young_person.pk]))
    assert response.status_code == 404
    [event] = AccessEvent.objects.all()
    assert (event.actor, event.outcome, event.young_person_id) == (
        outsider,
        "denied",
        young_person.pk,
    )


def test_each_request_gets_its_own_request_id_when_none_is_given(client, case):
    worker, young_person = case
    client.force_login(worker)
    url = reverse("participation:young-person", args=[young_person.pk])
    first, second = client.get(url), client.get(url, HTTP_X_REQUEST_ID="bad id; drop")
    ids = list(AccessEvent.objects.order_by("id").values_list("request_id", flat=True))
    assert ids == [first["X-Request-ID"], second["X-Request-ID"]]
    assert len(set(ids)) == 2 and "bad id; drop" not in ids


def test_scheduling_a_meeting_writes_one_change_event(client, case):
    worker, young_person = case
    lead = StaffFactory(role=Role.CSE_LEAD)
    when = timezone.localtime() + timedelta(days=9)
    client.force_login(worker)
    client.post(
        reverse("meetings:schedule", args=[young_person.pk]),
        {
            "meeting_type": Meeting.Type.STRATEGY,
            "chair": str(lead.pk),
            "date_0": when.day,
            "date_1": when.month,
            "date_2": when.year,
            "start_time": "10:00",
            "venue": "School",
        },
    )
    assert Meeting.objects.count() == 1
    assert list(AccessEvent.objects.values_list("action", "outcome")) == [("change", "allowed")]


def test_access_events_cannot_be_altered_even_by_the_orm(case, client):
    worker, young_person = case
    client.force_login(worker)
    client.get(reverse("participation:young-person", args=[young_person.pk]))
    event = AccessEvent.objects.get()
    with pytest.raises(DatabaseError), transaction.atomic():
        AccessEvent.objects.filter(pk=event.pk).update(outcome="denied")
    event.refresh_from_db()
    assert event.outcome == "allowed"


def test_postgresql_refuses_to_delete_access_events(case, client):
    require(connection.vendor == "postgresql", "needs PostgreSQL: set DATABASE_URL")
    worker, young_person = case
    client.force_login(worker)
    client.get(reverse("participation:young-person", args=[young_person.pk]))
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AccessEvent.objects.all().delete()
    assert AccessEvent.objects.count() == 1


def test_cse_lead_sees_who_has_viewed_a_record_they_chair(client, case):
    worker, young_person = case
    lead = StaffFactory(role=Role.CSE_LEAD)
    MeetingFactory(young_person=young_person, chair=lead)
    client.force_login(worker)
    client.get(reverse("participation:young-person", args=[young_person.pk]))
    client.force_login(lead)
    response = client.get(reverse("audit:young-person-access-log", args=[young_person.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Sam Patel" in html and "Practitioner, Northshire Children&#x27;s Services" in html
    assert AccessEvent.objects.filter(actor=lead, what="access log").count() == 1


def test_practitioner_cannot_open_the_access_log_even_of_their_own_young_person(client, case):
    worker, young_person = case
    client.force_login(worker)
    response = client.get(reverse("audit:young-person-access-log", args=[young_person.pk]))
    assert response.status_code == 404
    assert AccessEvent.objects.get().outcome == "denied"


def test_cse_lead_without_a_relationship_cannot_open_the_access_log(client):
    lead = StaffFactory(role=Role.CSE_LEAD)
    client.force_login(lead)
    young_person = YoungPersonFactory()
    for young_person_id in (young_person.pk, uuid.uuid4()):
        url = reverse("audit:young-person-access-log", args=[young_person_id])
        assert client.get(url).status_code == 404


def test_young_person_sees_which_organisations_and_roles_looked_without_names(client, case):
    worker, young_person = case
    account = YoungPersonAccountFactory()
    young_person.portal_user = account
    young_person.save()
    lead = StaffFactory(role=Role.CSE_LEAD, full_name="Morgan Ellis")
    MeetingFactory(young_person=young_person, chair=lead)
    for user in (worker, lead):
        client.force_login(user)
        client.get(reverse("participation:young-person", args=[young_person.pk]))
    client.force_login(account)
    html = client.get(reverse("portal:who-has-looked")).content.decode()
    assert "Northshire Children&#x27;s Services" in html
    assert "A worker who supports you" in html
    assert "The person who runs your meetings" in html
    for hidden in ("Sam Patel", "Morgan Ellis", "CSE", "Practitioner"):
        assert hidden not in html
