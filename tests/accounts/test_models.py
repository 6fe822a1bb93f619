import pytest

from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db


def test_a_young_person_is_told_a_staff_members_first_name_only_or_that_someone_is_there():
    assert StaffFactory(full_name="  Morgan  Ellis ").first_name == "Morgan"
    assert StaffFactory(full_name="").first_name == "Someone from the team"
