from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts.roles import Role
from meetings import services
from meetings.models import Meeting
from tests.factories import CaseTeamMembershipFactory, StaffFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def case():
    membership = CaseTeamMembershipFactory()
    lead = StaffFactory(role=Role.CSE_LEAD, email="chair@example.test")
    return membership.user, membership.young_person, lead


def _schedule(actor, young_person, chair, **overrides):
    values = {
        "actor": actor,
        "young_person": young_person,
        "meeting_type": Meeting.Type.STRATEGY,
        "chair": chair,
        "scheduled_at": timezone.now() + timedelta(days=14),
        "venue": "  The library  ",
    }
    values.update(overrides)
    return services.meeting_schedule(**values)


def test_practitioner_off_the_case_team_cannot_schedule(case):
    _actor, young_person, lead = case
    with pytest.raises(ValidationError, match="case team"):
        _schedule(StaffFactory(), young_person, lead)
    assert not Meeting.objects.exists()


def test_chair_must_be_a_cse_lead(case):
    actor, young_person, _lead = case
    with pytest.raises(ValidationError) as error:
        _schedule(actor, young_person, StaffFactory(role=Role.PRACTITIONER))
    assert "chair" in error.value.message_dict
    assert not Meeting.objects.exists()


def test_meeting_cannot_be_scheduled_in_the_past(case):
    actor, young_person, lead = case
    with pytest.raises(ValidationError) as error:
        _schedule(actor, young_person, lead, scheduled_at=timezone.now() - timedelta(hours=1))
    assert "scheduled_at" in error.value.message_dict
    assert not Meeting.objects.exists()
