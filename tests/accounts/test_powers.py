"""Who may reset a second factor, on its own (the page's list of names refuses first)."""

import pytest

from accounts import powers
from accounts.roles import Role
from tests.factories import OrganisationFactory, StaffFactory

pytestmark = pytest.mark.django_db


def test_a_lead_resets_a_second_factor_in_their_own_organisation_only_never_their_own():
    north, south = OrganisationFactory(), OrganisationFactory()
    lead = StaffFactory(role=Role.CSE_LEAD, organisation=north)
    colleague = StaffFactory(organisation=north)
    elsewhere = StaffFactory(organisation=south)
    assert powers.second_factor_reset_allowed(actor=lead, user=colleague)
    assert not powers.second_factor_reset_allowed(actor=lead, user=lead)
    assert not powers.second_factor_reset_allowed(actor=lead, user=elsewhere)
    assert list(powers.second_factor_resettable(actor=lead)) == [colleague]
