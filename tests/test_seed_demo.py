import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.urls import reverse

from accounts.models import Organisation, User
from demo.management.commands.seed_demo import DEFAULT_PASSWORD
from meetings.models import AgendaItem, Meeting
from participation.models import YoungPerson

pytestmark = pytest.mark.django_db

SIGN_INS = [
    "lead@example.org",
    "worker@example.org",
    "outsider@example.org",
    "advocate@example.org",
    "admin@example.org",
    "admin2@example.org",
    "worker2@example.org",
    "southlead@example.org",
]


@pytest.fixture
def seeded():
    with override_settings(DEBUG=True):
        call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def _names_seen_by(client, email):
    client.logout()
    client.post(reverse("accounts:sign-in"), {"email": email, "password": DEFAULT_PASSWORD})
    html = client.get(reverse("participation:my-young-people")).content.decode()
    return {
        yp.preferred_name for yp in YoungPerson.objects.all() if f">{yp.preferred_name}<" in html
    }


def test_seed_demo_refuses_to_run_with_debug_off():
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo")
    assert not User.objects.exists()


def test_seed_demo_is_deterministic_and_can_run_twice(seeded):
    counts = (Organisation.objects.count(), User.objects.count(), Meeting.objects.count())
    ids = set(YoungPerson.objects.values_list("pk", flat=True))
    with override_settings(DEBUG=True):
        call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert (Organisation.objects.count(), User.objects.count(), Meeting.objects.count()) == counts
    assert set(YoungPerson.objects.values_list("pk", flat=True)) == ids
    assert counts[0] >= 3 and YoungPerson.objects.count() >= 6


def test_every_documented_sign_in_works(seeded, client):
    for email in SIGN_INS:
        response = client.post(
            reverse("accounts:sign-in"), {"email": email, "password": DEFAULT_PASSWORD}
        )
        assert response.status_code == 302, email
    for username in ["robin", "kai"]:
        response = client.post(
            reverse("portal:sign-in"), {"username": username, "password": DEFAULT_PASSWORD}
        )
        assert response.status_code == 302, username


def test_worker_sees_only_their_young_people_and_outsider_none_of_them(seeded, client):
    worker_sees = _names_seen_by(client, "worker@example.org")
    assert "Robin" in worker_sees and "Kai" not in worker_sees
    outsider_sees = _names_seen_by(client, "outsider@example.org")
    assert outsider_sees and not (outsider_sees & worker_sees)


def test_robin_has_advocate_and_lead_chaired_meetings_and_kai_only_outsider(seeded):
    robin = YoungPerson.objects.get(preferred_name="Robin")
    kai = YoungPerson.objects.get(preferred_name="Kai")
    assert robin.portal_user.username == "robin" and kai.portal_user.username == "kai"
    assert robin.advocate_assignments.get().advocate.email == "advocate@example.org"
    assert {m.chair.email for m in robin.meetings.all()} == {"lead@example.org"}
    assert [m.user.email for m in kai.case_team.all()] == ["outsider@example.org"]
    items = AgendaItem.objects.filter(meeting__young_person=robin)
    assert {i.proposed_by for i in items} == {"young_person", "professional"}
    assert items.filter(visibility="professionals_only").count() == 1


def test_demo_password_comes_from_the_environment(monkeypatch, client):
    monkeypatch.setenv("PARTNERS_DEMO_PASSWORD", "another-demo-password")
    with override_settings(DEBUG=True):
        call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    response = client.post(
        reverse("accounts:sign-in"),
        {"email": "worker@example.org", "password": "another-demo-password"},
    )
    assert response.status_code == 302
