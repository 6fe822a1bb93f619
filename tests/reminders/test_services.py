"""The hourly scan writes each reminder time brings, once, to the right people."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.utils import timezone

from accounts.roles import Role
from consent.models import IdentityDecision, NamingContext
from meetings.models import (
    Action,
    AgendaItem,
    Decision,
    Feedback,
    InformationPack,
    Meeting,
    PreparationRecord,
    PreparationStep,
)
from notifications.models import Channel, Kind, Notification
from participation.models import YoungPersonUserObjectPermission
from reminders import services as reminders
from tests.factories import (
    AgendaItemFactory,
    CaseTeamMembershipFactory,
    MeetingFactory,
    StaffFactory,
    YoungPersonFactory,
)

pytestmark = pytest.mark.django_db


def _told(kind):
    """(recipient, meeting id) pairs told of `kind`, by in-app notice."""
    return {
        (n.recipient, n.meeting_id)
        for n in Notification.objects.filter(kind=kind, channel=Channel.IN_APP)
    }


def _soon(**fields):
    return MeetingFactory(scheduled_at=timezone.now() + timedelta(days=3), **fields)


def test_within_five_days_the_chair_is_told_what_is_still_undone():
    undone = _soon()
    assert reminders.before_meetings() == 6  # three reminders, each a notice and an email
    for kind in (
        Kind.INFORMATION_NOT_SHARED,
        Kind.CHAIR_MEETING_NOT_OFFERED,
        Kind.NO_YOUNG_PERSON_ITEM,
    ):
        assert _told(kind) == {(undone.chair, undone.pk)}


def test_nothing_is_said_about_what_is_done_or_about_meetings_further_off():
    done = _soon()
    InformationPack.objects.create(
        meeting=done, version=1, text="About it", easy_read_text="Easy", shared_by=done.chair
    )
    PreparationRecord.objects.create(
        meeting=done,
        step=PreparationStep.MEET_CHAIR,
        state="offered",
        happened_on=timezone.localdate(),
        recorded_by=done.chair,
    )
    AgendaItemFactory(meeting=done, proposed_by=AgendaItem.ProposedBy.YOUNG_PERSON)
    MeetingFactory(scheduled_at=timezone.now() + timedelta(days=6))
    _soon(status=Meeting.Status.CANCELLED)
    assert reminders.before_meetings() == 0


def test_information_recorded_as_shared_in_person_needs_no_reminder():
    meeting = _soon()
    PreparationRecord.objects.create(
        meeting=meeting,
        step=PreparationStep.INFORMATION,
        state="in_person",
        happened_on=timezone.localdate(),
        recorded_by=meeting.chair,
    )
    reminders.before_meetings()
    assert _told(Kind.INFORMATION_NOT_SHARED) == set()
    assert _told(Kind.NO_YOUNG_PERSON_ITEM) == {(meeting.chair, meeting.pk)}


def test_an_offer_withdrawn_back_to_not_yet_is_reminded_of_again():
    meeting = _soon()
    for state in ("offered", "not_yet"):
        PreparationRecord.objects.create(
            meeting=meeting,
            step=PreparationStep.MEET_CHAIR,
            state=state,
            happened_on=timezone.localdate(),
            recorded_by=meeting.chair,
        )
    reminders.before_meetings()
    assert _told(Kind.CHAIR_MEETING_NOT_OFFERED) == {(meeting.chair, meeting.pk)}


def test_the_scan_run_again_writes_nothing_new_until_the_meeting_moves():
    meeting = _soon()
    assert reminders.reminders_write() > 0
    assert reminders.reminders_write() == 0
    meeting.scheduled_at += timedelta(days=1)
    meeting.save()
    assert reminders.before_meetings() == 6, "a moved meeting is a new date to prepare for"


def test_feedback_not_recorded_two_days_after_a_meeting_goes_to_its_case_team():
    member = CaseTeamMembershipFactory()
    held = MeetingFactory(
        young_person=member.young_person,
        status=Meeting.Status.HELD,
        scheduled_at=timezone.now() - timedelta(days=3),
    )
    MeetingFactory(  # only yesterday: not yet
        young_person=member.young_person,
        status=Meeting.Status.HELD,
        scheduled_at=timezone.now() - timedelta(days=1),
    )
    answered = MeetingFactory(
        young_person=member.young_person,
        status=Meeting.Status.CLOSED,
        scheduled_at=timezone.now() - timedelta(days=4),
    )
    Feedback.objects.create(
        meeting=answered,
        felt_listened_to="yes",
        understood_decisions="yes",
        had_a_say="yes",
        recorded_by=member.user,
    )
    reminders.feedback_not_asked()
    assert _told(Kind.FEEDBACK_NOT_ASKED) == {(member.user, held.pk)}


def test_an_action_past_its_date_goes_to_its_owner_once():
    meeting = MeetingFactory(status=Meeting.Status.HELD)
    decision = Decision.objects.create(
        meeting=meeting,
        decision="A plan",
        reason="Because",
        explanation_for_young_person="The plan.",
        recorded_by=meeting.chair,
    )
    owner = StaffFactory()
    Action.objects.create(
        decision=decision,
        description="Ring school",
        owner=owner,
        due_on=timezone.localdate() - timedelta(days=1),
    )
    Action.objects.create(
        decision=decision, description="Later", owner=StaffFactory(), due_on=timezone.localdate()
    )
    assert reminders.actions_past_due() == 2
    assert reminders.actions_past_due() == 0
    assert _told(Kind.ACTION_PAST_DUE) == {(owner, meeting.pk)}


def test_choices_due_for_review_go_to_the_case_team_of_that_young_person():
    member = CaseTeamMembershipFactory()
    decision = IdentityDecision.objects.create(
        young_person=member.young_person,
        context=NamingContext.MEETING_RECORDS,
        choice="initials",
        review_on=timezone.localdate(),
        recorded_by=member.user,
    )
    CaseTeamMembershipFactory()  # someone else's case team hears nothing
    reminders.consent_reviews_due()
    [notice] = Notification.objects.filter(kind=Kind.CONSENT_REVIEW_DUE, channel=Channel.IN_APP)
    assert (notice.recipient, notice.young_person) == (member.user, member.young_person)
    IdentityDecision.objects.create(  # a newer decision, reviewed later, replaces it
        young_person=member.young_person,
        context=decision.context,
        choice="initials",
        review_on=timezone.localdate() + timedelta(days=180),
        recorded_by=member.user,
    )
    Notification.objects.all().delete()
    assert reminders.consent_reviews_due() == 0


def test_a_grant_ending_within_a_day_is_told_to_its_holder():
    young_person = YoungPersonFactory()
    holder, lead = StaffFactory(), StaffFactory(role=Role.CSE_LEAD)
    for hours in (5, 30):
        YoungPersonUserObjectPermission.objects.create(
            content_object=young_person,
            user=holder,
            permission=Permission.objects.get(codename="view_youngperson"),
            kind=YoungPersonUserObjectPermission.Kind.GRANT,
            reason="Cover",
            granted_by=lead,
            expires_at=timezone.now() + timedelta(hours=hours),
        )
    assert reminders.grants_expiring() == 2
    [notice] = Notification.objects.filter(kind=Kind.GRANT_EXPIRING, channel=Channel.IN_APP)
    assert (notice.recipient, notice.young_person) == (holder, young_person)


def test_the_day_before_a_meeting_the_young_person_is_reminded_once_and_again_if_it_moves():
    from tests.factories import YoungPersonAccountFactory

    young_person = YoungPersonFactory(portal_user=YoungPersonAccountFactory())
    tomorrow = MeetingFactory(
        young_person=young_person, scheduled_at=timezone.now() + timedelta(hours=20)
    )
    MeetingFactory(young_person=young_person, scheduled_at=timezone.now() + timedelta(days=3))
    MeetingFactory(
        young_person=young_person,
        scheduled_at=timezone.now() + timedelta(hours=5),
        status=Meeting.Status.CANCELLED,
    )
    MeetingFactory(scheduled_at=timezone.now() + timedelta(hours=5))  # no portal account
    assert reminders.meetings_tomorrow() == 1
    assert _told(Kind.MEETING_TOMORROW) == {(young_person.portal_user, tomorrow.pk)}
    assert reminders.meetings_tomorrow() == 0
    tomorrow.scheduled_at += timedelta(hours=2)
    tomorrow.save()
    assert reminders.meetings_tomorrow() == 1
