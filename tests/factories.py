from datetime import date, timedelta

import factory
from django.contrib.auth.models import Group
from django.utils import timezone
from factory.django import DjangoModelFactory

from accounts.models import Organisation, User
from accounts.roles import Role
from accounts.services import roles_ensure
from advocacy.models import AdvocateAssignment
from meetings.models import AgendaItem, Meeting
from participation.models import CaseTeamMembership, YoungPerson

PASSWORD = "a-test-password-42"


class OrganisationFactory(DjangoModelFactory[Organisation]):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Test Organisation {n}")
    kind = Organisation.Kind.CHILDRENS_SERVICES


class StaffFactory(DjangoModelFactory[User]):
    """A member of staff; `role=` puts them in that role's group."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    kind = User.Kind.STAFF
    email = factory.Sequence(lambda n: f"staff{n}@example.test")
    full_name = factory.Sequence(lambda n: f"Staff Member {n}")
    organisation = factory.SubFactory(OrganisationFactory)
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def role(self, create: bool, extracted: Role | None, **kwargs: object) -> None:
        if create:
            roles_ensure()
            self.groups.add(Group.objects.get(name=(extracted or Role.PRACTITIONER).value))


class YoungPersonAccountFactory(DjangoModelFactory[User]):
    class Meta:
        model = User

    kind = User.Kind.YOUNG_PERSON
    email = None
    username = factory.Sequence(lambda n: f"young{n}")
    password = factory.django.Password(PASSWORD)


class YoungPersonFactory(DjangoModelFactory[YoungPerson]):
    class Meta:
        model = YoungPerson

    preferred_name = factory.Sequence(lambda n: f"Young Person {n}")
    legal_name = factory.LazyAttribute(lambda o: f"{o.preferred_name} Legalname")
    date_of_birth = date(2011, 5, 17)


class CaseTeamMembershipFactory(DjangoModelFactory[CaseTeamMembership]):
    class Meta:
        model = CaseTeamMembership

    young_person = factory.SubFactory(YoungPersonFactory)
    user = factory.SubFactory(StaffFactory)
    role = CaseTeamMembership.Role.SOCIAL_WORKER
    starts_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=30))


class AdvocateAssignmentFactory(DjangoModelFactory[AdvocateAssignment]):
    class Meta:
        model = AdvocateAssignment

    young_person = factory.SubFactory(YoungPersonFactory)
    advocate = factory.SubFactory(StaffFactory, role=Role.ADVOCATE)
    starts_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=30))


class MeetingFactory(DjangoModelFactory[Meeting]):
    class Meta:
        model = Meeting

    young_person = factory.SubFactory(YoungPersonFactory)
    meeting_type = Meeting.Type.EXPLOITATION_RISK
    chair = factory.SubFactory(StaffFactory, role=Role.CSE_LEAD)
    scheduled_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=10))
    venue = "The youth centre"
    created_by = factory.SelfAttribute("chair")


class AgendaItemFactory(DjangoModelFactory[AgendaItem]):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    title = factory.Sequence(lambda n: f"Agenda item {n}")
    proposed_by = AgendaItem.ProposedBy.PROFESSIONAL
