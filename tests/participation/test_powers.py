"""Powers are rules too: each management action has one function, and each rule is shown
refusing and allowing. The same rules, tried as every kind of user through the browser,
are in tests/test_powers_sequence.py."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from audit.models import AccessEvent
from meetings import services as meetings
from meetings.models import Meeting
from notifications.models import Channel, Kind, Notification
from participation import powers, services
from participation.models import CaseTeamMembership, YoungPerson, YoungPersonUserObjectPermission
from tests.factories import (
    CaseTeamMembershipFactory,
    MeetingFactory,
    OrganisationFactory,
    StaffFactory,
    YoungPersonFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def case():
    """A young person with a lead professional, a social worker and the chair of an open
    meeting, all at one organisation."""
    organisation = OrganisationFactory()
    young_person = YoungPersonFactory()
    lead_professional = CaseTeamMembershipFactory(
        young_person=young_person,
        user=StaffFactory(organisation=organisation),
        role=CaseTeamMembership.Role.LEAD_PROFESSIONAL,
    ).user
    social_worker = CaseTeamMembershipFactory(
        young_person=young_person, user=StaffFactory(organisation=organisation)
    ).user
    chair = StaffFactory(role=Role.CSE_LEAD, organisation=organisation)
    meeting = MeetingFactory(young_person=young_person, chair=chair)
    return young_person, lead_professional, social_worker, chair, meeting


def _break_glass(user, young_person):
    return services.break_glass_open(
        actor=user,
        young_person=young_person,
        reason="Missing tonight, police called",
    )


def _end(meeting, days_ago):
    meeting.status = Meeting.Status.CANCELLED
    meeting.ended_at = timezone.now() - timedelta(days=days_ago)
    meeting.save()


# Case teams


def test_lead_professional_and_open_meetings_chair_change_the_case_team_and_no_other_member(case):
    young_person, lead_professional, social_worker, chair, _meeting = case
    assert powers.case_team_change_allowed(actor=lead_professional, young_person=young_person)
    assert powers.case_team_change_allowed(actor=chair, young_person=young_person)
    assert not powers.case_team_change_allowed(actor=social_worker, young_person=young_person)
    with pytest.raises(ValidationError, match="lead professional"):
        services.case_team_member_add(
            actor=social_worker,
            young_person=young_person,
            user=StaffFactory(),
            role="police",
            starts_on=timezone.localdate(),
        )
    assert young_person.case_team.count() == 2


def test_social_worker_on_the_team_is_told_who_can_change_it_rather_than_not_found(client, case):
    young_person, _lead_professional, social_worker, _chair, _meeting = case
    client.force_login(social_worker)
    response = client.get(reverse("participation:case-team-add", args=[young_person.pk]))
    assert response.status_code == 403
    assert "lead professional, or the chair of an open meeting" in response.content.decode()


def test_nobody_adds_themselves_to_a_case_team_not_even_its_chair(case):
    young_person, _lead_professional, _social_worker, chair, _meeting = case
    with pytest.raises(ValidationError) as refused:
        services.case_team_member_add(
            actor=chair,
            young_person=young_person,
            user=chair,
            role="other",
            starts_on=timezone.localdate(),
        )
    assert "You cannot add yourself" in str(refused.value)
    assert not young_person.case_team.filter(user=chair).exists()


def test_chair_of_a_closed_or_cancelled_meeting_keeps_sight_but_loses_the_power(case):
    young_person, _lead_professional, _social_worker, chair, meeting = case
    _end(meeting, days_ago=1)
    assert YoungPerson.objects.visible_to(chair).filter(pk=young_person.pk).exists()
    assert not powers.case_team_change_allowed(actor=chair, young_person=young_person)
    assert not powers.grant_allowed(actor=chair, young_person=young_person)


def test_break_glass_gives_sight_for_four_hours_and_no_power_at_all(case):
    young_person, *_ = case
    lead_elsewhere = StaffFactory(role=Role.CSE_LEAD)
    _break_glass(lead_elsewhere, young_person)
    assert YoungPerson.objects.visible_to(lead_elsewhere).filter(pk=young_person.pk).exists()
    assert not powers.case_team_change_allowed(actor=lead_elsewhere, young_person=young_person)
    assert not powers.grant_allowed(actor=lead_elsewhere, young_person=young_person)
    assert not powers.portal_access_change_allowed(actor=lead_elsewhere, young_person=young_person)
    for attempt in (
        lambda: services.case_team_member_add(
            actor=lead_elsewhere,
            young_person=young_person,
            user=lead_elsewhere,
            role="other",
            starts_on=timezone.localdate(),
        ),
        lambda: services.young_person_grant(
            actor=lead_elsewhere,
            young_person=young_person,
            user=lead_elsewhere,
            reason="Keep it",
            expires_on=timezone.localdate() + timedelta(days=30),
        ),
    ):
        with pytest.raises(ValidationError):
            attempt()
    assert not young_person.case_team.filter(user=lead_elsewhere).exists()
    assert not YoungPersonUserObjectPermission.objects.filter(kind="grant").exists()


def test_a_grant_gives_sight_and_no_power(case):
    young_person, _lead_professional, _social_worker, chair, _meeting = case
    holder = StaffFactory(role=Role.CSE_LEAD)
    services.young_person_grant(
        actor=chair,
        young_person=young_person,
        user=holder,
        reason="Covering",
        expires_on=timezone.localdate(),
    )
    assert YoungPerson.objects.visible_to(holder).filter(pk=young_person.pk).exists()
    assert not powers.case_team_change_allowed(actor=holder, young_person=young_person)
    assert not powers.grant_allowed(actor=holder, young_person=young_person)


# Grants


def test_only_a_cse_lead_who_leads_the_case_grants_and_never_to_themselves(case):
    young_person, lead_professional, _social_worker, chair, _meeting = case
    assert powers.grant_allowed(actor=chair, young_person=young_person, grantee=StaffFactory())
    assert not powers.grant_allowed(actor=chair, young_person=young_person, grantee=chair)
    # A lead professional who is not a CSE lead adds people to the team instead.
    assert not powers.grant_allowed(actor=lead_professional, young_person=young_person)
    with pytest.raises(ValidationError) as refused:
        services.young_person_grant(
            actor=chair,
            young_person=young_person,
            user=chair,
            reason="Keep it",
            expires_on=timezone.localdate(),
        )
    assert "You cannot give access to yourself" in str(refused.value)
    assert not YoungPersonUserObjectPermission.objects.exists()


# Portal access


def test_anyone_on_the_case_team_changes_portal_access_and_the_chair_does_not(case):
    young_person, lead_professional, social_worker, chair, _meeting = case
    assert powers.portal_access_change_allowed(actor=social_worker, young_person=young_person)
    assert powers.portal_access_change_allowed(actor=lead_professional, young_person=young_person)
    assert not powers.portal_access_change_allowed(actor=chair, young_person=young_person)


# Caseloads


def test_cse_lead_moves_caseloads_only_between_staff_of_their_own_organisation(case):
    young_person, lead_professional, social_worker, chair, _meeting = case
    lead_elsewhere = StaffFactory(role=Role.CSE_LEAD)
    assert powers.caseload_move_allowed(
        actor=chair, leaver=lead_professional, successor=social_worker
    )
    assert not powers.caseload_move_allowed(
        actor=lead_elsewhere, leaver=lead_professional, successor=social_worker
    )
    assert not powers.caseload_move_allowed(
        actor=chair, leaver=lead_professional, successor=StaffFactory()
    )
    with pytest.raises(ValidationError) as refused:
        services.case_team_reassign(
            actor=lead_elsewhere, leaver=lead_professional, successor=lead_elsewhere
        )
    assert "Choose someone from" in str(refused.value)
    assert young_person.case_team.get(user=lead_professional).ends_on is None


def test_nobody_moves_a_caseload_to_themselves(case):
    young_person, lead_professional, _social_worker, chair, _meeting = case
    with pytest.raises(ValidationError) as refused:
        services.case_team_reassign(actor=chair, leaver=lead_professional, successor=chair)
    assert "You cannot move a caseload to yourself" in str(refused.value)
    assert not young_person.case_team.filter(user=chair).exists()


def test_moving_a_caseload_tells_the_leaver_the_successor_and_the_other_cse_leads(
    case, django_capture_on_commit_callbacks
):
    _young_person, lead_professional, social_worker, chair, _meeting = case
    other_lead = StaffFactory(role=Role.CSE_LEAD, organisation=chair.organisation)
    StaffFactory(role=Role.CSE_LEAD)  # another organisation's lead is not told
    with django_capture_on_commit_callbacks(execute=True):
        services.case_team_reassign(actor=chair, leaver=lead_professional, successor=social_worker)
    told = set(
        Notification.objects.filter(kind=Kind.CASELOAD_MOVED, channel=Channel.IN_APP).values_list(
            "recipient", flat=True
        )
    )
    assert told == {lead_professional.pk, social_worker.pk, other_lead.pk}


def test_caseload_page_offers_only_staff_of_the_leads_own_organisation(client, case):
    _young_person, lead_professional, _social_worker, chair, _meeting = case
    elsewhere = StaffFactory(full_name="Someone Elsewhere")
    client.force_login(chair)
    html = client.get(reverse("participation:caseload-reassign")).content.decode()
    assert lead_professional.full_name in html
    assert "Someone Elsewhere" not in html
    response = client.post(
        reverse("participation:caseload-reassign"),
        {"leaver": str(lead_professional.pk), "successor": str(elsewhere.pk)},
    )
    assert response.status_code == 400
    assert not CaseTeamMembership.objects.filter(user=elsewhere).exists()


# Chairing: access for a bounded time


@pytest.mark.parametrize(
    ("days_since_it_ended", "sees"), [(None, True), (29, True), (31, False), (3 * 365, False)]
)
def test_chairing_gives_sight_while_the_meeting_is_open_and_30_days_after(
    case, days_since_it_ended, sees
):
    young_person, _lead_professional, _social_worker, chair, meeting = case
    if days_since_it_ended is not None:
        _end(meeting, days_ago=days_since_it_ended)
    assert YoungPerson.objects.visible_to(chair).filter(pk=young_person.pk).exists() == sees


@override_settings(CHAIR_ACCESS_DAYS=5)
def test_the_chairs_window_is_a_setting(case):
    young_person, _lead_professional, _social_worker, chair, meeting = case
    _end(meeting, days_ago=6)
    assert not YoungPerson.objects.visible_to(chair).filter(pk=young_person.pk).exists()


def test_cancelling_a_meeting_starts_the_chairs_window(case):
    _young_person, _lead_professional, _social_worker, chair, meeting = case
    cancelled = meetings.meeting_cancel(
        actor=chair, meeting=meeting, reason_for_young_person="The chair is ill."
    )
    assert cancelled.ended_at is not None
    assert timezone.now() - cancelled.ended_at < timedelta(minutes=1)


# Break-glass review


@pytest.fixture
def uses(case):
    """Break-glass on the case's young person by someone at the chair's organisation, and by
    someone elsewhere on another young person."""
    young_person, _lead_professional, _social_worker, chair, _meeting = case
    colleague = StaffFactory(organisation=chair.organisation)
    own_organisation = _break_glass(colleague, YoungPersonFactory())
    on_chaired = _break_glass(StaffFactory(), young_person)
    unrelated = _break_glass(StaffFactory(), YoungPersonFactory())
    own_use = _break_glass(chair, YoungPersonFactory())
    return own_organisation, on_chaired, unrelated, own_use


def test_lead_reviews_uses_by_their_organisation_or_on_young_people_they_chair_and_no_other(
    case, uses
):
    _young_person, _lead_professional, _social_worker, chair, _meeting = case
    own_organisation, on_chaired, unrelated, own_use = uses
    assert set(powers.break_glass_reviewable(actor=chair)) == {own_organisation, on_chaired}
    assert not powers.break_glass_review_allowed(actor=chair, grant=unrelated)
    assert not powers.break_glass_review_allowed(actor=chair, grant=own_use)
    with pytest.raises(ValidationError):
        services.break_glass_mark_reviewed(actor=chair, grant=unrelated)
    unrelated.refresh_from_db()
    assert unrelated.reviewed_at is None


def test_review_list_shows_only_reviewable_uses_and_opening_it_is_an_access_event(
    client, case, uses
):
    _young_person, _lead_professional, _social_worker, chair, _meeting = case
    own_organisation, on_chaired, unrelated, _own_use = uses
    client.force_login(chair)
    html = client.get(reverse("participation:break-glass-review")).content.decode()
    assert unrelated.user.full_name not in html
    assert own_organisation.user.full_name in html and on_chaired.user.full_name in html
    events = AccessEvent.objects.filter(what="break-glass review", action="view")
    assert set(events.values_list("young_person_id", flat=True)) == {
        own_organisation.content_object_id,
        on_chaired.content_object_id,
    }
    response = client.post(reverse("participation:break-glass-reviewed", args=[unrelated.pk]))
    assert response.status_code == 404
    unrelated.refresh_from_db()
    assert unrelated.reviewed_at is None


# Each rule on its own, where a form's choices would otherwise refuse first (found by
# mutation testing: docs/testing.md).


def test_nobody_may_schedule_a_meeting_they_would_chair_whatever_the_form_offers(case):
    young_person, lead_professional, *_ = case
    assert powers.meeting_schedule_allowed(actor=lead_professional, young_person=young_person)
    assert not powers.meeting_schedule_allowed(
        actor=lead_professional, young_person=young_person, chair=lead_professional
    )


def test_only_a_cse_lead_moves_a_caseload_and_never_to_themselves(case):
    _young_person, lead_professional, social_worker, chair, _meeting = case
    assert not powers.caseload_move_allowed(actor=lead_professional)  # a practitioner
    assert powers.caseload_move_allowed(
        actor=chair, leaver=lead_professional, successor=social_worker
    )
    assert not powers.caseload_move_allowed(actor=chair, leaver=lead_professional, successor=chair)


def test_only_cse_leads_review_and_a_chairs_window_closes(case):
    young_person, _lead_professional, _social_worker, chair, meeting = case
    use = _break_glass(StaffFactory(), young_person)  # another agency's member of staff
    assert list(powers.break_glass_reviewable(actor=chair)) == [use]
    colleague = StaffFactory(organisation=use.user.organisation)  # a practitioner there
    assert not powers.break_glass_reviewable(actor=colleague).exists()
    Meeting.objects.filter(pk=meeting.pk).update(
        status=Meeting.Status.CANCELLED, ended_at=timezone.now() - timedelta(days=365)
    )
    assert not powers.break_glass_reviewable(actor=chair).exists()


def test_a_cse_lead_with_no_organisation_reviews_no_use_by_staff_with_none(case):
    young_person, *_ = case
    _break_glass(StaffFactory(organisation=None), young_person)
    lead = StaffFactory(role=Role.CSE_LEAD, organisation=None)
    assert not powers.break_glass_reviewable(actor=lead).exists()


def test_a_refused_power_says_who_can_and_offers_the_way_back_to_the_record(client):
    meeting = MeetingFactory()
    client.force_login(meeting.chair)
    response = client.get(reverse("meetings:schedule", args=[meeting.young_person.pk]))
    page = response.content.decode()
    assert response.status_code == 403
    assert "Only someone on the young person&#x27;s case team can schedule" in page
    back = reverse("participation:young-person", args=[meeting.young_person.pk])
    assert f'<a class="govuk-link" href="{back}">Go back</a>' in page
    assert "Sign out" in page  # rendered with the request: the signed-in layout


def test_a_refusal_with_nowhere_to_go_back_to_offers_the_home_page(rf):
    from accounts.access import power_refused

    request = rf.get("/")
    request.user = StaffFactory()
    page = power_refused(request, "Not yours to do.").content.decode()
    assert f'<a class="govuk-link" href="{reverse("home")}">Go to your home page</a>' in page


# Closing a case, a legal hold and the subject access export: each rule on its own, since the
# record's page (which a switched-off account or a young person never reaches) refuses first.


def test_a_cse_lead_on_the_case_team_closes_exports_and_holds_without_chairing_or_leading(case):
    young_person, _lead, social_worker, _chair, _meeting = case
    lead_on_the_team = CaseTeamMembershipFactory(
        young_person=young_person,
        user=StaffFactory(role=Role.CSE_LEAD, organisation=social_worker.organisation),
    ).user
    for power in (
        powers.case_close_allowed,
        powers.subject_access_export_allowed,
        powers.legal_hold_allowed,
    ):
        assert power(actor=lead_on_the_team, young_person=young_person), power.__name__
        # On another young person's case team, never on this one: no power here.
        elsewhere = CaseTeamMembershipFactory(user=StaffFactory(role=Role.CSE_LEAD)).user
        assert not power(actor=elsewhere, young_person=young_person), power.__name__


def test_a_switched_off_lead_professional_closes_nothing_and_exports_nothing(case):
    young_person, lead_professional, _social_worker, _chair, _meeting = case
    lead_professional.is_active = False
    lead_professional.save()
    assert not powers.case_close_allowed(actor=lead_professional, young_person=young_person)
    assert not powers.subject_access_export_allowed(
        actor=lead_professional, young_person=young_person
    )
