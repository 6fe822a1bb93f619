import subprocess

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import Organisation, User
from demo.management.commands.seed_demo import CODE_COMMAND, DEFAULT_PASSWORD, DEFAULT_TOTP_SECRET
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
    "participation@example.org",
]


@pytest.fixture
def seeded():
    with override_settings(DEBUG=True):
        call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def _demo_code(email: str) -> str:
    """The code the command `make run` prints makes now (each code works once: the account's
    authenticator forgets the last one it took, as if 30 seconds had passed)."""
    TOTPDevice.objects.filter(user__email=email).update(last_t=-1)
    command = CODE_COMMAND.format(secret=DEFAULT_TOTP_SECRET)
    return subprocess.run(  # noqa: S602 - the documented command, run as a reader would
        command, shell=True, capture_output=True, text=True, check=True
    ).stdout.strip()


def _sign_in(client, email):
    client.logout()
    first = client.post(reverse("signin:sign-in"), {"email": email, "password": DEFAULT_PASSWORD})
    assert first.status_code == 302 and first.url == reverse("signin:code"), email
    return client.post(reverse("signin:code"), {"code": _demo_code(email)})


def _names_seen_by(client, email):
    _sign_in(client, email)
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
        response = _sign_in(client, email)
        assert (response.status_code, response.url) == (302, reverse("home")), email
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
        reverse("signin:sign-in"),
        {"email": "worker@example.org", "password": "another-demo-password"},
    )
    assert response.status_code == 302
