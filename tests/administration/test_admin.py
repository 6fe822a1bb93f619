"""The admin site: administrators run staff accounts, never cases and never passwords.

Each rule is shown both ways: the refusal changes nothing, and the allowed path has its effect.
"""

import re

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import resolve, reverse
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode

from accounts.models import RoleChange, User
from accounts.roles import Role
from administration.services import role_change_decide, roles_change
from audit.models import AccessEvent
from notifications.models import Kind, Notification
from tests.factories import (
    PASSWORD,
    OrganisationFactory,
    StaffFactory,
    YoungPersonAccountFactory,
)

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "violet-harbour-lantern-93"
LINK = re.compile(r"https?://testserver(/\S+)")


def _change_url(user):
    return reverse("admin:accounts_user_change", args=[user.pk])


def _roles(user):
    """The person's roles as they are now in the database (not a cached copy)."""
    return set(Group.objects.filter(user=user).values_list("name", flat=True))


def _form(user, **changes):
    """The change form as the admin page would post it for `user`, with `changes` on top
    (a value of None leaves the field out, as an unticked checkbox is left out)."""
    data = {
        "email": user.email,
        "full_name": user.full_name,
        "organisation": str(user.organisation_id) if user.organisation_id else "",
        "is_active": "on" if user.is_active else None,
        "roles": sorted(_roles(user) & set(Role.values)),
        "_save": "Save",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def _decide(client, change, action):
    return client.post(
        reverse("admin:accounts_rolechange_changelist"),
        {"action": action, "_selected_action": [str(change.pk)]},
        follow=True,
    )


def _recipients(kind):
    return set(Notification.objects.filter(kind=kind).values_list("recipient_id", flat=True))


def _signs_in(email, password):
    response = Client().post(reverse("signin:sign-in"), {"email": email, "password": password})
    return response.status_code == 302


def _administrator():
    return StaffFactory(role=Role.ADMINISTRATOR, is_staff=True)


@pytest.fixture
def administrator(client):
    user = _administrator()
    client.force_login(user)
    return user


@pytest.fixture
def second_administrator():
    user = _administrator()
    client = Client()
    client.force_login(user)
    return client, user


# 1. Only staff accounts are in the admin.


def test_young_persons_account_is_not_listed_but_staff_accounts_are(client, administrator):
    young = YoungPersonAccountFactory(username="robin-yp")
    staff = StaffFactory(email="casey@example.test")
    response = client.get(reverse("admin:accounts_user_changelist"))
    assert response.status_code == 200
    listed = {user.pk for user in response.context["cl"].result_list}
    assert staff.pk in listed
    assert young.pk not in listed
    assert "robin-yp" not in response.content.decode()
    assert "casey@example.test" in response.content.decode()


def test_young_persons_account_has_no_change_form_and_cannot_be_switched_on(client, administrator):
    young = YoungPersonAccountFactory(is_active=False)
    before = young.password
    url = _change_url(young)
    page = client.get(url)
    assert page.status_code in (302, 404)
    assert "adminform" not in (page.context or {})
    response = client.post(
        url, {"is_active": "on", "roles": [Role.PRACTITIONER.value], "full_name": "X"}
    )
    assert response.status_code in (302, 404)
    young.refresh_from_db()
    assert young.is_active is False
    assert young.password == before
    assert young.kind == User.Kind.YOUNG_PERSON
    assert _roles(young) == set()
    assert not RoleChange.objects.exists()
    assert not AccessEvent.objects.filter(object_id=young.pk).exists()
    # A member of staff's account, by contrast, has its form and can be switched on.
    staff = StaffFactory(is_active=False)
    assert "adminform" in client.get(_change_url(staff)).context
    assert client.post(_change_url(staff), _form(staff, is_active="on")).status_code == 302
    staff.refresh_from_db()
    assert staff.is_active is True


def test_administrator_cannot_change_a_young_persons_roles_through_the_service(administrator):
    young = YoungPersonAccountFactory()
    with pytest.raises(ValidationError):
        roles_change(actor=administrator, user=young, roles={Role.PRACTITIONER.value})
    assert _roles(young) == set()
    assert not RoleChange.objects.exists()


# 2. No password can be set by an administrator.


def test_add_and_change_forms_have_no_password_field(client, administrator):
    editable = {"full_name", "organisation", "is_active", "roles"}
    add = client.get(reverse("admin:accounts_user_add"))
    staff = StaffFactory()
    change = client.get(_change_url(staff))
    # The email address is given once, when the account is made (then it is read-only).
    for response, expected in ((add, editable | {"email"}), (change, editable)):
        assert response.status_code == 200
        assert set(response.context["adminform"].form.fields) == expected
        assert 'type="password"' not in response.content.decode()
        assert 'name="password' not in response.content.decode()


def test_posting_to_the_password_page_sets_no_password(client, administrator):
    staff = StaffFactory(email="casey@example.test")
    before = staff.password
    response = client.post(
        f"/admin/accounts/user/{staff.pk}/password/",
        {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response.status_code in (302, 403, 404)
    staff.refresh_from_db()
    assert staff.password == before
    assert _signs_in("casey@example.test", PASSWORD)
    assert not _signs_in("casey@example.test", NEW_PASSWORD)


def test_password_fields_posted_with_a_change_are_ignored_while_the_change_is_saved(
    client, administrator
):
    staff = StaffFactory(email="casey@example.test")
    before = staff.password
    response = client.post(
        _change_url(staff),
        _form(
            staff,
            full_name="Casey Renamed",
            password=NEW_PASSWORD,
            password1=NEW_PASSWORD,
            password2=NEW_PASSWORD,
        ),
    )
    assert response.status_code == 302
    staff.refresh_from_db()
    assert staff.full_name == "Casey Renamed"
    assert staff.password == before
    assert not _signs_in("casey@example.test", NEW_PASSWORD)


def test_administrator_sends_a_password_link_and_the_password_is_unchanged(client, administrator):
    staff = StaffFactory(email="casey@example.test")
    before = staff.password
    response = client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "send_password_link", "_selected_action": [str(staff.pk)]},
    )
    assert response.status_code == 302
    assert [message.to for message in mail.outbox] == [["casey@example.test"]]
    staff.refresh_from_db()
    assert staff.password == before
    assert AccessEvent.objects.filter(
        action=AccessEvent.Action.CHANGE, what="password link", object_id=staff.pk
    ).exists()


def test_password_link_action_sends_nothing_to_a_switched_off_account(client, administrator):
    staff = StaffFactory(is_active=False)
    client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "send_password_link", "_selected_action": [str(staff.pk)]},
    )
    assert mail.outbox == []


# 3. A new staff account has no password, and its owner gets a link to choose one.


def test_new_staff_account_has_no_usable_password_and_gets_one_link(client, administrator):
    organisation = OrganisationFactory()
    response = client.post(
        reverse("admin:accounts_user_add"),
        {
            "email": "new.person@example.test",
            "full_name": "New Person",
            "organisation": str(organisation.pk),
            "is_active": "on",
            "roles": [Role.PRACTITIONER.value],
            "_save": "Save",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(email="new.person@example.test")
    assert user.kind == User.Kind.STAFF
    assert user.is_staff is False
    assert not user.has_usable_password()
    assert _roles(user) == {Role.PRACTITIONER.value}
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["new.person@example.test"]
    path = LINK.search(mail.outbox[0].body).group(1)
    match = resolve(path)
    assert match.view_name == "signin:password-set"
    assert force_str(urlsafe_base64_decode(match.kwargs["uidb64"])) == str(user.pk)
    assert AccessEvent.objects.filter(
        actor=administrator,
        action=AccessEvent.Action.CHANGE,
        what="password link",
        object_id=user.pk,
    ).exists()
    # The link lets them choose a password, and then they can sign in.
    new = Client()
    form_url = new.get(path, follow=True).redirect_chain[-1][0]
    new.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert _signs_in("new.person@example.test", NEW_PASSWORD)


def test_new_account_with_missing_details_is_not_made_and_no_email_is_sent(client, administrator):
    response = client.post(
        reverse("admin:accounts_user_add"),
        {"email": "half@example.test", "full_name": "", "is_active": "on", "_save": "Save"},
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors
    assert not User.objects.filter(email="half@example.test").exists()
    assert mail.outbox == []
    assert not AccessEvent.objects.filter(what="password link").exists()


def test_new_account_given_the_cse_lead_role_waits_for_a_second_administrator(
    client, administrator
):
    response = client.post(
        reverse("admin:accounts_user_add"),
        {
            "email": "lead@example.test",
            "full_name": "New Lead",
            "organisation": str(OrganisationFactory().pk),
            "is_active": "on",
            "roles": [Role.CSE_LEAD.value],
            "_save": "Save",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(email="lead@example.test")
    assert _roles(user) == set()
    assert RoleChange.objects.get(user=user).status == RoleChange.Status.WAITING
    assert len(mail.outbox) == 1


# 4. Roles are changed here, never one's own.


def test_administrator_cannot_change_their_own_roles(client, administrator):
    response = client.post(
        _change_url(administrator),
        _form(administrator, roles=[Role.ADMINISTRATOR.value, Role.CSE_LEAD.value]),
    )
    assert response.status_code in (200, 302)
    assert _roles(administrator) == {Role.ADMINISTRATOR.value}
    assert not RoleChange.objects.exists()
    assert not Notification.objects.exists()


def test_administrator_cannot_switch_their_own_account_off(client, administrator):
    client.post(_change_url(administrator), _form(administrator, is_active=None))
    administrator.refresh_from_db()
    assert administrator.is_active is True


def test_administrator_changes_their_own_name_but_not_their_roles(client, administrator):
    response = client.post(
        _change_url(administrator),
        _form(administrator, full_name="Alex Renamed", roles=[Role.PRACTITIONER.value]),
    )
    assert response.status_code == 302
    administrator.refresh_from_db()
    assert administrator.full_name == "Alex Renamed"
    assert _roles(administrator) == {Role.ADMINISTRATOR.value}


def test_roles_change_refuses_an_administrators_own_roles(administrator):
    with pytest.raises(ValidationError):
        roles_change(
            actor=administrator,
            user=administrator,
            roles={Role.ADMINISTRATOR.value, Role.CSE_LEAD.value},
        )
    with pytest.raises(ValidationError):
        roles_change(actor=administrator, user=administrator, roles=set())
    assert _roles(administrator) == {Role.ADMINISTRATOR.value}
    assert not RoleChange.objects.exists()


def test_roles_change_refuses_anyone_who_is_not_an_administrator():
    practitioner = StaffFactory(role=Role.PRACTITIONER)
    colleague = StaffFactory(role=Role.PRACTITIONER)
    with pytest.raises(ValidationError):
        roles_change(actor=practitioner, user=colleague, roles={Role.ADVOCATE.value})
    switched_off = StaffFactory(role=Role.ADMINISTRATOR, is_staff=True, is_active=False)
    with pytest.raises(ValidationError):
        roles_change(actor=switched_off, user=colleague, roles={Role.ADVOCATE.value})
    assert _roles(colleague) == {Role.PRACTITIONER.value}
    assert not RoleChange.objects.exists()


def test_administrator_changes_another_persons_everyday_role_at_once(client, administrator):
    person = StaffFactory(role=Role.PRACTITIONER)
    lead = StaffFactory(role=Role.CSE_LEAD, organisation=person.organisation)
    elsewhere = StaffFactory(role=Role.CSE_LEAD)
    response = client.post(_change_url(person), _form(person, roles=[Role.ADVOCATE.value]))
    assert response.status_code == 302
    assert _roles(person) == {Role.ADVOCATE.value}
    changes = {(c.role, c.giving, c.status) for c in RoleChange.objects.filter(user=person)}
    assert changes == {
        (Role.ADVOCATE.value, True, RoleChange.Status.DONE),
        (Role.PRACTITIONER.value, False, RoleChange.Status.DONE),
    }
    assert set(RoleChange.objects.values_list("requested_by", "decided_by").distinct()) == {
        (administrator.pk, administrator.pk)
    }
    assert _recipients(Kind.ROLE_CHANGED) == {lead.pk}
    assert elsewhere.pk not in _recipients(Kind.ROLE_CHANGED)


# 5. Giving the CSE-lead or administrator role waits for a second administrator.


@pytest.mark.parametrize("role", [Role.CSE_LEAD, Role.ADMINISTRATOR])
def test_giving_a_powerful_role_waits_and_alerts_the_other_administrators(
    client, administrator, second_administrator, role
):
    _other_client, other = second_administrator
    person = StaffFactory(role=Role.PRACTITIONER)
    response = client.post(
        _change_url(person),
        _form(person, roles=[Role.PRACTITIONER.value, role.value]),
        follow=True,
    )
    assert response.status_code == 200
    assert "waits for a second administrator" in response.content.decode()
    assert _roles(person) == {Role.PRACTITIONER.value}
    person.refresh_from_db()
    assert person.is_staff is False
    change = RoleChange.objects.get(user=person)
    assert (change.role, change.giving, change.status) == (
        role.value,
        True,
        RoleChange.Status.WAITING,
    )
    assert change.requested_by == administrator
    assert change.decided_by is None
    assert _recipients(Kind.ROLE_CHANGE_WAITING) == {other.pk}
    assert not Notification.objects.filter(kind=Kind.ROLE_CHANGED).exists()


def test_the_administrator_who_asked_cannot_approve_it(client, administrator):
    person = StaffFactory(role=Role.PRACTITIONER)
    client.post(_change_url(person), _form(person, roles=[Role.CSE_LEAD.value]))
    change = RoleChange.objects.get(user=person, role=Role.CSE_LEAD.value)
    response = _decide(client, change, "approve")
    assert "You cannot decide" in response.content.decode()
    change.refresh_from_db()
    assert change.status == RoleChange.Status.WAITING
    assert change.decided_by is None
    # Asked for CSE lead only: practitioner is taken away at once, CSE lead still waits.
    assert _roles(person) == set()


def test_the_person_it_is_for_cannot_approve_it_even_as_an_administrator(
    client, administrator, second_administrator
):
    other_client, other = second_administrator
    client.post(
        _change_url(other),
        _form(other, roles=[Role.ADMINISTRATOR.value, Role.CSE_LEAD.value]),
    )
    change = RoleChange.objects.get(user=other, role=Role.CSE_LEAD.value)
    assert change.status == RoleChange.Status.WAITING
    response = _decide(other_client, change, "approve")
    assert "You cannot decide" in response.content.decode()
    change.refresh_from_db()
    assert change.status == RoleChange.Status.WAITING
    assert _roles(other) == {Role.ADMINISTRATOR.value}


def test_a_second_administrator_approves_and_the_role_is_given(
    client, administrator, second_administrator
):
    other_client, other = second_administrator
    person = StaffFactory(role=Role.PRACTITIONER)
    lead = StaffFactory(role=Role.CSE_LEAD, organisation=person.organisation)
    elsewhere = StaffFactory(role=Role.CSE_LEAD)
    client.post(
        _change_url(person), _form(person, roles=[Role.PRACTITIONER.value, Role.CSE_LEAD.value])
    )
    change = RoleChange.objects.get(user=person)
    response = _decide(other_client, change, "approve")
    assert "Approved 1" in response.content.decode()
    change.refresh_from_db()
    assert change.status == RoleChange.Status.DONE
    assert change.decided_by == other
    assert change.decided_at is not None
    assert _roles(person) == {Role.PRACTITIONER.value, Role.CSE_LEAD.value}
    person.refresh_from_db()
    assert person.is_staff is False  # the CSE-lead role does not open the admin site
    recipients = _recipients(Kind.ROLE_CHANGED)
    assert lead.pk in recipients
    assert elsewhere.pk not in recipients
    assert AccessEvent.objects.filter(
        actor=other, action=AccessEvent.Action.CHANGE, what="staff roles", object_id=person.pk
    ).exists()


def test_a_decided_role_change_cannot_be_decided_again(client, administrator, second_administrator):
    other_client, _other = second_administrator
    person = StaffFactory(role=Role.PRACTITIONER)
    client.post(
        _change_url(person), _form(person, roles=[Role.PRACTITIONER.value, Role.CSE_LEAD.value])
    )
    change = RoleChange.objects.get(user=person)
    _decide(other_client, change, "refuse")
    third = Client()
    third.force_login(_administrator())
    response = _decide(third, change, "approve")
    assert "You cannot decide" in response.content.decode()
    change.refresh_from_db()
    assert change.status == RoleChange.Status.REFUSED
    assert _roles(person) == {Role.PRACTITIONER.value}


def test_approving_the_administrator_role_also_opens_the_admin_site(
    client, administrator, second_administrator
):
    other_client, _other = second_administrator
    person = StaffFactory(role=Role.PRACTITIONER)
    client.post(
        _change_url(person),
        _form(person, roles=[Role.PRACTITIONER.value, Role.ADMINISTRATOR.value]),
    )
    change = RoleChange.objects.get(user=person)
    person.refresh_from_db()
    assert person.is_staff is False
    _decide(other_client, change, "approve")
    person.refresh_from_db()
    assert person.is_staff is True
    assert _roles(person) == {Role.PRACTITIONER.value, Role.ADMINISTRATOR.value}
    newcomer = Client()
    newcomer.force_login(person)
    assert newcomer.get(reverse("admin:accounts_user_changelist")).status_code == 200


def test_taking_the_administrator_role_away_closes_the_admin_site_at_once(client, administrator):
    person = _administrator()
    response = client.post(_change_url(person), _form(person, roles=[Role.PRACTITIONER.value]))
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.is_staff is False
    assert _roles(person) == {Role.PRACTITIONER.value}
    former = Client()
    former.force_login(person)
    assert former.get(reverse("admin:accounts_user_changelist")).status_code == 302


def test_refusing_a_role_change_leaves_the_roles_as_they_were(
    client, administrator, second_administrator
):
    other_client, other = second_administrator
    person = StaffFactory(role=Role.PRACTITIONER)
    client.post(
        _change_url(person),
        _form(person, roles=[Role.PRACTITIONER.value, Role.ADMINISTRATOR.value]),
    )
    change = RoleChange.objects.get(user=person)
    response = _decide(other_client, change, "refuse")
    assert "Refused 1" in response.content.decode()
    change.refresh_from_db()
    assert change.status == RoleChange.Status.REFUSED
    assert change.decided_by == other
    assert _roles(person) == {Role.PRACTITIONER.value}
    person.refresh_from_db()
    assert person.is_staff is False


def test_role_change_decide_refuses_the_asker_the_person_and_non_administrators(
    administrator,
):
    person = _administrator()
    practitioner = StaffFactory(role=Role.PRACTITIONER)
    (change,) = roles_change(
        actor=administrator,
        user=person,
        roles={Role.ADMINISTRATOR.value, Role.CSE_LEAD.value},
    )
    assert change.status == RoleChange.Status.WAITING
    for actor in (administrator, person, practitioner):
        for approve in (True, False):
            with pytest.raises(ValidationError):
                role_change_decide(actor=actor, change=change, approve=approve)
    change.refresh_from_db()
    assert change.status == RoleChange.Status.WAITING
    assert _roles(person) == {Role.ADMINISTRATOR.value}
    # A second administrator may.
    second = _administrator()
    decided = role_change_decide(actor=second, change=change, approve=True)
    assert decided.status == RoleChange.Status.DONE
    assert _roles(person) == {Role.ADMINISTRATOR.value, Role.CSE_LEAD.value}
    with pytest.raises(ValidationError):
        role_change_decide(actor=_administrator(), change=change, approve=False)
    assert _roles(person) == {Role.ADMINISTRATOR.value, Role.CSE_LEAD.value}


# 6. Every change an administrator makes to a staff account is an access event.


def test_every_change_to_a_staff_account_writes_an_access_event(client, administrator):
    person = StaffFactory(role=Role.PRACTITIONER)
    for change in ({"full_name": "Casey Renamed"}, {"is_active": None}, {"roles": ["advocate"]}):
        person.refresh_from_db()
        assert client.post(_change_url(person), _form(person, **change)).status_code == 302
    events = AccessEvent.objects.filter(object_id=person.pk).order_by("id")
    assert {event.action for event in events} == {AccessEvent.Action.CHANGE}
    assert {event.outcome for event in events} == {AccessEvent.Outcome.ALLOWED}
    assert {event.actor_id for event in events} == {administrator.pk}
    whats = [event.what for event in events]
    assert whats.count("staff account") == 3
    # Giving advocate and taking practitioner away: one event for each.
    assert whats.count("staff roles") == 2
    person.refresh_from_db()
    assert person.full_name == "Casey Renamed"
    assert person.is_active is False


def test_a_refused_change_writes_no_change_event(client):
    practitioner = StaffFactory(role=Role.PRACTITIONER, is_staff=True)
    client.force_login(practitioner)
    person = StaffFactory(full_name="Casey Kept")
    client.post(_change_url(person), _form(person, full_name="Casey Renamed"))
    person.refresh_from_db()
    assert person.full_name == "Casey Kept"
    assert not AccessEvent.objects.filter(
        object_id=person.pk, action=AccessEvent.Action.CHANGE
    ).exists()


# 7. Accounts are switched off, never deleted.


def test_accounts_cannot_be_deleted_in_the_admin(client, administrator):
    person = StaffFactory()
    url = reverse("admin:accounts_user_delete", args=[person.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"post": "yes"}).status_code == 403
    client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "delete_selected", "_selected_action": [str(person.pk)], "post": "yes"},
    )
    assert User.objects.filter(pk=person.pk).exists()
    # Switching the account off is the way instead.
    assert client.post(_change_url(person), _form(person, is_active=None)).status_code == 302
    person.refresh_from_db()
    assert person.is_active is False


# 8. Nobody but an administrator reaches the admin pages.


def test_practitioner_cannot_reach_the_admin_pages_and_changes_nothing(client):
    practitioner = StaffFactory(role=Role.PRACTITIONER)
    client.force_login(practitioner)
    person = StaffFactory(full_name="Casey Kept")
    for url in (
        reverse("admin:index"),
        reverse("admin:accounts_user_changelist"),
        reverse("admin:accounts_user_add"),
        _change_url(person),
        reverse("admin:accounts_rolechange_changelist"),
    ):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith(reverse("admin:login")), url
    response = client.post(
        _change_url(person), _form(person, full_name="Casey Renamed", roles=["cse_lead"])
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.full_name == "Casey Kept"
    assert _roles(person) == {Role.PRACTITIONER.value}
    assert not RoleChange.objects.exists()


@pytest.mark.parametrize("is_superuser", [False, True])
def test_the_admin_flag_without_the_administrator_role_opens_nothing(client, is_superuser):
    practitioner = StaffFactory(role=Role.PRACTITIONER, is_staff=True, is_superuser=is_superuser)
    client.force_login(practitioner)
    person = StaffFactory(full_name="Casey Kept")
    for url in (
        reverse("admin:accounts_user_changelist"),
        reverse("admin:accounts_user_add"),
        _change_url(person),
        reverse("admin:accounts_rolechange_changelist"),
    ):
        assert client.get(url).status_code == 403, url
    response = client.post(
        _change_url(person), _form(person, full_name="Casey Renamed", roles=["administrator"])
    )
    assert response.status_code == 403
    response = client.post(
        reverse("admin:accounts_user_add"),
        {"email": "sneaky@example.test", "full_name": "Sneaky", "is_active": "on"},
    )
    assert response.status_code == 403
    person.refresh_from_db()
    assert person.full_name == "Casey Kept"
    assert _roles(person) == {Role.PRACTITIONER.value}
    assert not User.objects.filter(email="sneaky@example.test").exists()
    assert mail.outbox == []
    # The same pages are open to an administrator.
    client.force_login(_administrator())
    assert client.get(reverse("admin:accounts_user_changelist")).status_code == 200


def test_practitioner_cannot_approve_a_waiting_role_change(client, administrator):
    person = StaffFactory(role=Role.PRACTITIONER)
    (change,) = roles_change(
        actor=administrator,
        user=person,
        roles={Role.PRACTITIONER.value, Role.CSE_LEAD.value},
    )
    practitioner = Client()
    practitioner.force_login(StaffFactory(role=Role.PRACTITIONER, is_staff=True))
    response = practitioner.post(
        reverse("admin:accounts_rolechange_changelist"),
        {"action": "approve", "_selected_action": [str(change.pk)]},
    )
    assert response.status_code == 403
    change.refresh_from_db()
    assert change.status == RoleChange.Status.WAITING
    assert _roles(person) == {Role.PRACTITIONER.value}


def test_signed_out_visitor_is_sent_to_the_services_sign_in_page(client):
    response = client.get(reverse("admin:accounts_user_changelist"), follow=True)
    assert response.redirect_chain
    assert response.redirect_chain[-1][0].startswith(reverse("signin:sign-in"))


# 9. Roles are set on each account, never by editing a group.


def test_group_admin_is_gone(client, administrator):
    roles_count = Group.objects.count()
    assert client.get("/admin/auth/group/").status_code == 404
    assert client.post("/admin/auth/group/add/", {"name": "sneaky"}).status_code == 404
    assert Group.objects.count() == roles_count
    assert client.get(reverse("admin:accounts_organisation_changelist")).status_code == 200


def test_administrator_cannot_take_over_an_account_by_changing_its_email(client, administrator):
    lead = StaffFactory(role=Role.CSE_LEAD, email="lead@example.test")
    html = client.get(_change_url(lead)).content.decode()
    assert 'name="email"' not in html
    client.post(_change_url(lead), _form(lead, email="admins-other-inbox@example.test"))
    client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "send_password_link", "_selected_action": [str(lead.pk)]},
    )
    lead.refresh_from_db()
    assert lead.email == "lead@example.test"
    assert [message.to for message in mail.outbox] == [["lead@example.test"]]


def test_no_link_and_no_record_of_one_for_a_switched_off_account(client, administrator):
    switched_off = StaffFactory(is_active=False)
    client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "send_password_link", "_selected_action": [str(switched_off.pk)]},
    )
    assert mail.outbox == []
    assert not AccessEvent.objects.filter(what="password link", object_id=switched_off.pk)
