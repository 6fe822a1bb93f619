"""Erasure keeps the trail: anonymising a young person leaves nothing that identifies them
in any column (consent decisions, append-only, excepted and said so), keeps the history so
it still counts, refuses while a legal hold is in force, and is what the closed-case rule
of the retention schedule does on their 25th birthday."""

from datetime import date, timedelta

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from accounts.roles import Role
from advocacy.models import AdvocacyEvent, Representation
from audit.models import AccessEvent
from cases.erasure import ANONYMISED, DELETED, KEPT_AS_THEY_ARE, WIPED, young_person_anonymise
from cases.retention import retention_apply
from meetings.models import Action, Decision, Meeting, YoungPersonViews
from notifications.models import SafeContact
from participation import services as participation_services
from participation.models import (
    CaseClosure,
    CaseTeamMembership,
    PersonWhoMatters,
    YoungPerson,
    YoungPersonChange,
)
from portal.models import PortalInvitation
from tests.factories import (
    AdvocateAssignmentFactory,
    AgendaItemFactory,
    CaseTeamMembershipFactory,
    MeetingFactory,
    StaffFactory,
    YoungPersonAccountFactory,
    YoungPersonFactory,
)
from tests.registry import models_tied_to_a_young_person

MARK = "Zelquist"  # in every name and every free text about them


def test_every_text_field_about_a_young_person_is_wiped_deleted_or_kept_with_a_reason():
    handled = {f"{m._meta.label}.{name}" for m, _path, values in WIPED for name in values}
    handled |= {
        f"{m._meta.label}.{f.name}" for m, _path in DELETED for f in m._meta.concrete_fields
    }
    words = {
        f"{model._meta.label}.{field.name}"
        for model in models_tied_to_a_young_person()
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField) and not field.choices
    }
    assert "meetings.AgendaItem.title" in words  # the walk found the words
    assert words - handled - set(KEPT_AS_THEY_ARE) == set()


@pytest.fixture
def robin(db):
    account = YoungPersonAccountFactory(username=f"{MARK.lower()}1")
    young_person = YoungPersonFactory(
        preferred_name=MARK,
        legal_name=f"{MARK} Demoperson",
        date_of_birth=date(2000, 5, 17),
        strengths_and_interests=f"{MARK} likes football",
        referral_reason=f"Referred about {MARK}",
        portal_user=account,
    )
    worker = CaseTeamMembershipFactory(
        young_person=young_person, role=CaseTeamMembership.Role.LEAD_PROFESSIONAL
    ).user
    meeting = MeetingFactory(young_person=young_person)
    AgendaItemFactory(meeting=meeting, title=f"{MARK}'s brother", details=f"{MARK} asked")
    YoungPersonViews.objects.create(
        meeting=meeting, text=f"I am {MARK}", source="written", recorded_by=account
    )
    decision = Decision.objects.create(
        meeting=meeting,
        decision=f"{MARK} stays at nan's",
        reason=f"{MARK} is safer",
        explanation_for_young_person=f"{MARK}, you can stay",
        recorded_by=meeting.chair,
        response_in_their_words=f"{MARK} agrees",
    )
    Action.objects.create(
        decision=decision, description=f"ring {MARK}", owner=worker, due_on=date(2026, 1, 1)
    )
    PersonWhoMatters.objects.create(
        young_person=young_person, name=f"Pat {MARK}", relationship="Nan", added_by=worker
    )
    YoungPersonChange.objects.create(
        young_person=young_person,
        changed_by=worker,
        field="preferred_name",
        before=f"{MARK}a",
        after=MARK,
    )
    assignment = AdvocateAssignmentFactory(young_person=young_person, named_person=f"{MARK}'s aunt")
    AdvocacyEvent.objects.create(
        young_person=young_person,
        state="accepted",
        in_their_words=f"{MARK} said yes",
        recorded_by=worker,
    )
    Representation.objects.create(meeting=meeting, assignment=assignment, text=f"{MARK}'s view")
    PortalInvitation.objects.create(
        young_person=young_person,
        code_digest="digest",
        issued_by=worker,
        expires_at=timezone.now() + timedelta(days=7),
    )
    SafeContact.objects.create(user=account, email=f"{MARK.lower()}@example.org")
    AccessEvent.objects.create(
        actor=worker,
        actor_kind="staff",
        action="view",
        outcome="allowed",
        what="record",
        young_person_id=young_person.pk,
        path="/",
    )
    return young_person


def _where_the_mark_is_left() -> list[str]:
    found = []
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, models.CharField | models.TextField | models.EmailField):
                lookup = {f"{field.name}__icontains": MARK}
                if model._default_manager.filter(**lookup).exists():
                    found.append(f"{model._meta.label}.{field.name}")
    return found


@pytest.mark.django_db
def test_anonymising_leaves_nothing_that_identifies_them_and_the_history_still_counts(robin):
    before = (Meeting.objects.count(), Decision.objects.count(), CaseTeamMembership.objects.count())
    assert len(_where_the_mark_is_left()) > 15
    young_person_anonymise(young_person=robin)
    assert _where_the_mark_is_left() == []
    robin.refresh_from_db()
    assert (robin.preferred_name, robin.date_of_birth.year) == (ANONYMISED, 1900)
    account = robin.portal_user
    assert not account.is_active and not account.has_usable_password()
    assert not PersonWhoMatters.objects.exists() and not PortalInvitation.objects.exists()
    assert not SafeContact.objects.exists()
    after = (Meeting.objects.count(), Decision.objects.count(), CaseTeamMembership.objects.count())
    assert after == before
    assert AccessEvent.objects.filter(young_person_id=robin.pk).count() == 1


@pytest.mark.django_db
def test_a_legal_hold_stops_anonymising(robin):
    chair = StaffFactory(role=Role.CSE_LEAD)
    MeetingFactory(young_person=robin, chair=chair)
    participation_services.legal_hold_set(actor=chair, young_person=robin, reason="A claim")
    with pytest.raises(ValidationError, match="legal hold"):
        young_person_anonymise(young_person=robin)
    robin.refresh_from_db()
    assert robin.preferred_name == MARK


def _closed(born: date) -> YoungPerson:
    young_person = YoungPersonFactory(preferred_name="Closed", date_of_birth=born)
    CaseClosure.objects.create(
        young_person=young_person, reason="no_further_concerns", closed_by=StaffFactory()
    )
    return young_person


@pytest.mark.django_db
def test_a_closed_case_is_anonymised_on_the_young_persons_25th_birthday_and_not_before():
    now = timezone.now()
    today = timezone.localdate()
    turned_25 = _closed(today.replace(year=today.year - 25) - timedelta(days=1))
    still_24 = _closed(today.replace(year=today.year - 25) + timedelta(days=1))
    open_case = YoungPersonFactory(preferred_name="Open", date_of_birth=date(1990, 1, 1))
    run = retention_apply(now=now)
    assert run.counts["closed_cases"] == 1
    names = dict(YoungPerson.objects.values_list("pk", "preferred_name"))
    assert names[turned_25.pk] == ANONYMISED
    assert (names[still_24.pk], names[open_case.pk]) == ("Closed", "Open")
    assert retention_apply(now=now).counts["closed_cases"] == 0  # once only
