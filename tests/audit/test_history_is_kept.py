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
