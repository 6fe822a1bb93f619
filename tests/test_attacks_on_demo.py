"""Attacks that chained allowed steps into access nobody was given, replayed on the demo data.

Each was tried as an ordinary account would, through the browser. Each is now refused, and
nothing changes. The last tests show the same powers still working for the right person.
"""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from accounts.models import RoleChange, User
from accounts.roles import Role
from audit.models import AccessEvent
from demo.management.commands.seed_demo import DEFAULT_PASSWORD
from meetings.models import Meeting
from notifications.models import Channel, Kind, Notification
from participation.models import CaseTeamMembership, YoungPerson, YoungPersonUserObjectPermission
from tests.signin.phone import code_now, phone_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    with override_settings(DEBUG=True):
        call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    people = {user.email or user.username: user for user in User.objects.all()}
    young = {
        young_person.preferred_name: young_person for young_person in YoungPerson.objects.all()
    }
    return people, young


def _sees(user, young_person) -> bool:
    return YoungPerson.objects.visible_to(user).filter(pk=young_person.pk).exists()


def _robins_team(young):
    return set(young["Robin"].case_team.filter(ends_on__isnull=True).values_list("user", "role"))


def _confirm(client, user, password=DEFAULT_PASSWORD):
    """Confirm it is you, on the real page: the password and the code the phone shows."""
    return client.post(
        reverse("signin:confirm"), {"password": password, "code": code_now(phone_for(user))}
    )


def _break_glass(client, young_person):
    """Break-glass as the signed-in user, after confirming it is them."""
    user = User.objects.get(pk=client.session["_auth_user_id"])
    assert _confirm(client, user).status_code == 302
    return client.post(
        reverse("participation:break-glass", args=[young_person.pk]),
        {"reason": "Missing tonight, police called"},
    )


def test_a_cse_lead_cannot_take_over_a_caseload_at_another_agency(client, demo):
    people, young = demo
    before = _robins_team(young)
    client.force_login(people["southlead@example.org"])
    for successor in ("southlead@example.org", "outsider@example.org"):
        response = client.post(
            reverse("participation:caseload-reassign"),
            {
                "leaver": str(people["worker@example.org"].pk),
                "successor": str(people[successor].pk),
            },
        )
        assert response.status_code == 400
    assert _robins_team(young) == before
    assert not _sees(people["southlead@example.org"], young["Robin"])
    assert _sees(people["worker@example.org"], young["Robin"])


def test_an_administrator_cannot_set_a_young_persons_passphrase_or_switch_them_back_on(
    client, demo
):
    people, young = demo
    robin = people["robin"]
    # The case team switches Robin's account off; the administrator tries to undo it and
    # to give Robin a passphrase they know.
    client.force_login(people["worker@example.org"])
    client.post(reverse("portal-staff:access", args=[young["Robin"].pk]), {"action": "off"})
    password_before = User.objects.get(pk=robin.pk).password
    client.force_login(people["admin@example.org"])
    change = reverse("admin:accounts_user_change", args=[robin.pk])
    assert client.get(change).status_code in (302, 404)
    client.post(change, {"username": "robin", "is_active": "on", "_save": "Save"})
    for url in (f"{change}password/", f"/admin/accounts/user/{robin.pk}/password/"):
        client.post(url, {"password1": "known-to-admin-1", "password2": "known-to-admin-1"})
    listing = client.get(reverse("admin:accounts_user_changelist")).content.decode()
    assert "robin" not in listing
    robin.refresh_from_db()
    assert not robin.is_active
    assert robin.password == password_before
    client.logout()
    response = client.post(
        reverse("portal:sign-in"), {"username": "robin", "password": "known-to-admin-1"}
    )
    assert response.status_code == 400


def test_an_administrator_cannot_make_themselves_a_cse_lead_and_move_a_caseload(client, demo):
    people, young = demo
    admin = people["admin@example.org"]
    before = _robins_team(young)
    client.force_login(admin)
    client.post(
        reverse("admin:accounts_user_change", args=[admin.pk]),
        {
            "email": admin.email,
            "full_name": admin.full_name,
            "organisation": str(admin.organisation_id),
            "is_active": "on",
            "roles": [Role.ADMINISTRATOR.value, Role.CSE_LEAD.value],
            "_save": "Save",
        },
    )
    assert client.get("/admin/auth/group/").status_code == 404
    assert set(admin.groups.values_list("name", flat=True)) == {Role.ADMINISTRATOR.value}
    assert not RoleChange.objects.filter(user=admin).exists()
    response = client.post(
        reverse("participation:caseload-reassign"),
        {"leaver": str(people["worker@example.org"].pk), "successor": str(admin.pk)},
    )
    assert response.status_code == 404
    assert _robins_team(young) == before


def test_break_glass_cannot_be_turned_into_case_team_membership_or_a_grant(client, demo):
    people, young = demo
    for email in ("outsider@example.org", "southlead@example.org"):
        user = people[email]
        client.force_login(user)
        assert _break_glass(client, young["Robin"]).status_code == 302
        add = client.post(
            reverse("participation:case-team-add", args=[young["Robin"].pk]),
            {
                "user": str(user.pk),
                "role": "other",
                "starts_on_0": timezone.localdate().day,
                "starts_on_1": timezone.localdate().month,
                "starts_on_2": timezone.localdate().year,
            },
        )
        last_day = timezone.localdate() + timedelta(days=30)
        grant = client.post(
            reverse("participation:grant-create", args=[young["Robin"].pk]),
            {
                "user": str(user.pk),
                "reason": "Keep it",
                "expires_on_0": last_day.day,
                "expires_on_1": last_day.month,
                "expires_on_2": last_day.year,
            },
        )
        assert add.status_code == grant.status_code == 403
        assert not CaseTeamMembership.objects.filter(user=user, young_person=young["Robin"])
        assert not YoungPersonUserObjectPermission.objects.filter(user=user, kind="grant")
        # Four hours later, nothing is left.
        YoungPersonUserObjectPermission.objects.filter(user=user).update(expires_at=timezone.now())
        assert not _sees(user, young["Robin"])


def test_break_glass_review_shows_a_lead_only_their_agencys_uses_and_those_on_records_they_chair(
    client, demo
):
    people, young = demo
    client.force_login(people["outsider@example.org"])
    _break_glass(client, young["Robin"])  # Southvale Health; Robin's meetings are Morgan's
    robin_use = YoungPersonUserObjectPermission.objects.get(kind="break_glass")
    client.force_login(people["southlead@example.org"])
    html = client.get(reverse("participation:break-glass-review")).content.decode()
    assert "Robin" not in html and "Jo Okafor" not in html
    refused = client.post(reverse("participation:break-glass-reviewed", args=[robin_use.pk]))
    assert refused.status_code == 404
    robin_use.refresh_from_db()
    assert robin_use.reviewed_at is None
    client.force_login(people["lead@example.org"])
    html = client.get(reverse("participation:break-glass-review")).content.decode()
    assert "Jo Okafor" in html
    assert AccessEvent.objects.filter(
        what="break-glass review",
        actor=people["lead@example.org"],
        young_person_id=young["Robin"].pk,
    ).exists()
    client.post(reverse("participation:break-glass-reviewed", args=[robin_use.pk]))
    robin_use.refresh_from_db()
    assert robin_use.reviewed_by == people["lead@example.org"]


def test_chairing_a_meeting_cancelled_three_years_ago_gives_no_access(demo):
    people, young = demo
    lead = people["lead@example.org"]
    assert _sees(lead, young["Jordan"])
    Meeting.objects.filter(young_person=young["Jordan"]).update(
        status=Meeting.Status.CANCELLED, ended_at=timezone.now() - timedelta(days=3 * 365)
    )
    assert not _sees(lead, young["Jordan"])


def test_the_break_glass_password_cannot_be_guessed_without_limit(client, demo):
    people, young = demo
    outsider = people["outsider@example.org"]
    client.force_login(outsider)
    for _ in range(4):
        assert _confirm(client, outsider, password="guess").status_code == 400
    locked = _confirm(client, outsider, password="guess")
    assert locked.url == reverse("signin:sign-in")
    assert "_auth_user_id" not in client.session  # the lockout ended this session too
    assert not _sees(outsider, young["Robin"])
    [alert] = Notification.objects.filter(kind=Kind.ACCOUNT_LOCKED, channel=Channel.IN_APP)
    assert alert.recipient == outsider  # their organisation has no CSE lead to tell
    response = client.post(
        reverse("signin:sign-in"),
        {"email": "outsider@example.org", "password": DEFAULT_PASSWORD},
    )
    assert response.status_code == 400


# The same powers, for the right person.


def test_the_north_cse_lead_moves_a_north_caseload(client, demo):
    people, young = demo
    client.force_login(people["lead@example.org"])
    response = client.post(
        reverse("participation:caseload-reassign"),
        {
            "leaver": str(people["worker@example.org"].pk),
            "successor": str(people["worker2@example.org"].pk),
        },
        follow=True,
    )
    assert "Moved 4 young people" in response.content.decode()
    assert _sees(people["worker2@example.org"], young["Robin"])
    assert not _sees(people["worker@example.org"], young["Robin"])


def test_a_second_administrator_approves_a_new_cse_lead(client, demo):
    people, _young = demo
    worker2 = people["worker2@example.org"]
    client.force_login(people["admin@example.org"])
    client.post(
        reverse("admin:accounts_user_change", args=[worker2.pk]),
        {
            "email": worker2.email,
            "full_name": worker2.full_name,
            "organisation": str(worker2.organisation_id),
            "is_active": "on",
            "roles": [Role.PRACTITIONER.value, Role.CSE_LEAD.value],
            "_save": "Save",
        },
    )
    assert not worker2.has_role(Role.CSE_LEAD)
    change = RoleChange.objects.get(user=worker2)
    client.force_login(people["admin2@example.org"])
    client.post(
        reverse("admin:accounts_rolechange_changelist"),
        {"action": "approve", "_selected_action": [str(change.pk)]},
    )
    assert User.objects.get(pk=worker2.pk).has_role(Role.CSE_LEAD)
    assert Notification.objects.filter(
        kind=Kind.ROLE_CHANGED, recipient=people["lead@example.org"]
    ).exists()
