"""No deletion anywhere takes audit, consent or case-team history with it: every foreign
key on those tables protects what it points at."""

import pytest
from django.apps import apps
from django.db import models
from django.db.models.deletion import ProtectedError

from participation.models import CaseTeamMembership
from tests.factories import CaseTeamMembershipFactory

HISTORY = [
    *apps.get_app_config("audit").get_models(),
    *apps.get_app_config("consent").get_models(),
    *(
        apps.get_model("participation", name)
        for name in (
            "CaseTeamMembership",
            "YoungPersonUserObjectPermission",
            "AccessRequest",
            "CaseClosure",
            "YoungPersonChange",
            "LegalHold",
            "Goal",
            "GoalStep",
            "GoalChange",
        )
    ),
]


def test_every_foreign_key_on_the_history_tables_protects_what_it_points_at():
    keys = [
        (model._meta.label, field.name, field.remote_field.on_delete)
        for model in HISTORY
        for field in model._meta.concrete_fields
        if field.is_relation
    ]
    assert len(keys) > 15  # the walk found the keys
    assert [key for key in keys if key[2] is not models.PROTECT] == []


@pytest.mark.django_db
def test_deleting_a_member_of_staff_or_a_young_person_with_history_is_refused():
    membership = CaseTeamMembershipFactory()
    for obj in (membership.user, membership.young_person):
        with pytest.raises(ProtectedError):
            obj.delete()
    assert CaseTeamMembership.objects.filter(pk=membership.pk).exists()


@pytest.mark.django_db
def test_a_member_of_staff_switched_off_is_shown_in_the_history_as_former_staff_of_their_agency(
    client,
):
    from django.urls import reverse

    from accounts.roles import Role
    from participation.models import CaseClosure
    from tests.factories import OrganisationFactory, StaffFactory

    north = OrganisationFactory(name="North Agency")
    membership = CaseTeamMembershipFactory(
        user=StaffFactory(full_name="Alex Leaver", organisation=north),
        role=CaseTeamMembership.Role.LEAD_PROFESSIONAL,
    )
    leaver = membership.user
    CaseClosure.objects.create(
        young_person=membership.young_person,
        reason=CaseClosure.Reason.NO_FURTHER_CONCERNS,
        closed_by=leaver,
        organisation=north,
    )
    leaver.is_active = False
    leaver.save(update_fields=["is_active"])
    assert leaver.name_on_records == "Former member of staff, North Agency"
    assert leaver.name_and_organisation == "Former member of staff, North Agency"
    client.force_login(StaffFactory(role=Role.CSE_LEAD, organisation=north))
    page = client.get(reverse("cases:closed")).content.decode()
    assert "by Former member of staff, North Agency" in page and "Alex Leaver" not in page
