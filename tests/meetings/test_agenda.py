import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from audit.models import AccessEvent
from meetings.models import AgendaItem
from meetings.services import STALE_EDIT
from tests.factories import (
    AdvocateAssignmentFactory,
    AgendaItemFactory,
    CaseTeamMembershipFactory,
    MeetingFactory,
    StaffFactory,
    YoungPersonAccountFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting_and_worker():
    membership = CaseTeamMembershipFactory()
    meeting = MeetingFactory(young_person=membership.young_person)
    return meeting, membership.user


def _item(**overrides):
    data = {
        "title": "Going back to school",
        "details": "",
        "proposed_by": "young_person",
        "visibility": "shared",
        "explanation_for_young_person": "",
        "minutes": "",
    }
    data.update(overrides)
    return data


def test_case_team_member_adds_the_young_persons_item_and_it_stands_out(client, meeting_and_worker):
    meeting, worker = meeting_and_worker
    client.force_login(worker)
    response = client.post(reverse("meetings:agenda-add", args=[meeting.pk]), _item(), follow=True)
    html = response.content.decode()
    assert "Item added to the agenda" in html
    assert "Going back to school" in html
    assert f"{meeting.young_person.preferred_name}'s item" in html
    assert AgendaItem.objects.get().position == 0


def test_new_items_go_to_the_end_of_the_agenda(client, meeting_and_worker):
    meeting, worker = meeting_and_worker
    AgendaItemFactory(meeting=meeting, position=4)
    client.force_login(worker)
    client.post(reverse("meetings:agenda-add", args=[meeting.pk]), _item())
    assert AgendaItem.objects.get(title="Going back to school").position == 5


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"title": ""}, "Enter the agenda item"),
        ({"title": "x" * 201}, "200 characters or fewer"),
        ({"details": "x" * 2001}, "2,000 characters or fewer"),
        ({"proposed_by": ""}, "Select who asked for this item"),
        ({"visibility": "secret"}, "Select a valid choice"),
        ({"visibility": "professionals_only"}, "Tell the young person, in a plain sentence"),
    ],
)
def test_bad_agenda_input_gets_a_clear_error_and_saves_nothing(
    client, meeting_and_worker, overrides, message
):
    meeting, worker = meeting_and_worker
    client.force_login(worker)
    response = client.post(reverse("meetings:agenda-add", args=[meeting.pk]), _item(**overrides))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not AgendaItem.objects.exists()


def test_a_stale_edit_is_refused_and_the_other_persons_change_kept(client, meeting_and_worker):
    meeting, worker = meeting_and_worker
    colleague = CaseTeamMembershipFactory(young_person=meeting.young_person).user
    item = AgendaItemFactory(meeting=meeting, title="Original")
    url = reverse("meetings:agenda-edit", args=[meeting.pk, item.pk])
    client.force_login(colleague)
    mine = {"proposed_by": "professional"}
    assert (
        client.post(url, {**_item(title="Colleague's change", **mine), "version": 1}).status_code
        == 302
    )
    client.force_login(worker)
    response = client.post(url, {**_item(title="My change", **mine), "version": 1})
    html = response.content.decode()
    assert response.status_code == 400
    assert STALE_EDIT.split(":")[0] in html
    assert "The item as it is saved now" in html and "Colleague&#x27;s change" in html
    item.refresh_from_db()
    assert (item.title, item.version) == ("Colleague's change", 2)
    # Saving again from the refreshed form is made on top of the colleague's version.
    assert client.post(url, {**_item(title="My change", **mine), "version": 2}).status_code == 302
    item.refresh_from_db()
    assert (item.title, item.version) == ("My change", 3)


def test_advocate_sees_the_meeting_and_shared_items_but_not_professionals_only(client):
    meeting = MeetingFactory()
    AgendaItemFactory(meeting=meeting, title="Shared item")
    AgendaItemFactory(
        meeting=meeting,
        title="Third-party information",
        visibility="professionals_only",
        explanation_for_young_person="Part of the meeting is held without you.",
    )
    advocate = AdvocateAssignmentFactory(young_person=meeting.young_person).advocate
    client.force_login(advocate)
    html = client.get(reverse("meetings:meeting", args=[meeting.pk])).content.decode()
    assert "Shared item" in html
    assert "Third-party information" not in html
    assert "Add an agenda item" not in html


def test_outsider_cannot_add_to_an_agenda(client, meeting_and_worker):
    meeting, _worker = meeting_and_worker
    client.force_login(StaffFactory())
    response = client.post(reverse("meetings:agenda-add", args=[meeting.pk]), _item())
    assert response.status_code == 404
    assert not AgendaItem.objects.exists()
    assert AccessEvent.objects.get().outcome == "denied"


def test_viewing_a_meeting_writes_one_access_event_against_the_young_person(
    client, meeting_and_worker
):
    meeting, worker = meeting_and_worker
    client.force_login(worker)
    client.get(reverse("meetings:meeting", args=[meeting.pk]))
    [event] = AccessEvent.objects.all()
    assert (event.what, event.young_person_id, event.object_id) == (
        "meeting",
        meeting.young_person_id,
        meeting.pk,
    )


def test_meeting_page_runs_the_same_number_of_queries_for_3_and_60_items(client):
    counts = []
    for size in (3, 60):
        membership = CaseTeamMembershipFactory()
        meeting = MeetingFactory(young_person=membership.young_person)
        for _ in range(size):
            AgendaItemFactory(meeting=meeting)
        client.force_login(membership.user)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("meetings:meeting", args=[meeting.pk]))
        assert response.content.decode().count('class="govuk-!-margin-bottom-4"') == size
        counts.append(len(queries))
    assert counts[0] == counts[1], f"queries for 3 and for 60 items: {counts}"


def test_advocate_does_not_see_preparation_or_changes_on_the_meeting_page(client):
    meeting = MeetingFactory()
    advocate = AdvocateAssignmentFactory(young_person=meeting.young_person).advocate
    client.force_login(advocate)
    html = client.get(reverse("meetings:meeting", args=[meeting.pk])).content.decode()
    assert "Offer to meet the chair" not in html
    assert ">Preparation<" not in html


def test_items_carry_a_time_and_can_be_moved_up_the_agenda(client, meeting_and_worker):
    meeting, worker = meeting_and_worker
    first = AgendaItemFactory(meeting=meeting, title="First", position=0)
    second = AgendaItemFactory(meeting=meeting, title="Second", position=1)
    client.force_login(worker)
    client.post(reverse("meetings:agenda-add", args=[meeting.pk]), _item(title="Third", minutes=15))
    third = AgendaItem.objects.get(title="Third")
    assert third.minutes == 15
    client.post(reverse("meetings:agenda-up", args=[meeting.pk, third.pk]))
    order = list(meeting.agenda_items.order_by("position").values_list("title", flat=True))
    assert order == ["First", "Third", "Second"]
    client.post(reverse("meetings:agenda-up", args=[meeting.pk, first.pk]))
    assert meeting.agenda_items.get(pk=first.pk).position == 0
    assert meeting.agenda_items.get(pk=second.pk).position == 2


@pytest.mark.parametrize("minutes", ["0", "181", "ten"])
def test_an_impossible_time_for_an_item_is_refused(client, meeting_and_worker, minutes):
    meeting, worker = meeting_and_worker
    client.force_login(worker)
    response = client.post(
        reverse("meetings:agenda-add", args=[meeting.pk]), _item(minutes=minutes)
    )
    assert response.status_code == 400
    assert "minutes" in response.content.decode()
    assert not AgendaItem.objects.exists()


@pytest.mark.parametrize("raised_by", ["young_person", "advocate"])
def test_staff_cannot_rewrite_or_relabel_an_item_the_young_person_or_advocate_raised(
    client, meeting_and_worker, raised_by
):
    from meetings import services

    meeting, worker = meeting_and_worker
    item = AgendaItemFactory(
        meeting=meeting, title="Seeing my brother", details="Every week", proposed_by=raised_by
    )
    client.force_login(worker)
    url = reverse("meetings:agenda-edit", args=[meeting.pk, item.pk])
    form = client.get(url).content.decode()
    assert "this stays as they wrote it" in form
    posted = {
        **_item(title="Contact arrangements", details="Reviewed", proposed_by="professional"),
        "minutes": "15",
        "version": 1,
    }
    assert client.post(url, posted).status_code == 302
    item.refresh_from_db()
    assert (item.title, item.details, item.proposed_by, item.minutes) == (
        "Seeing my brother",
        "Every week",
        raised_by,
        15,
    )
    with pytest.raises(ValidationError, match="stay as they are"):
        services.agenda_item_update(
            actor=worker,
            item=item,
            expected_version=item.version,
            title="Contact arrangements",
            details=item.details,
            proposed_by=item.proposed_by,
            visibility=item.visibility,
            explanation_for_young_person="",
            minutes=None,
        )


def test_staff_write_a_note_beside_their_item_shown_as_theirs_everywhere_it_is_read(
    client, meeting_and_worker
):
    from meetings import services

    meeting, worker = meeting_and_worker
    account = YoungPersonAccountFactory()
    meeting.young_person.portal_user = account
    meeting.young_person.save(update_fields=["portal_user"])
    item = AgendaItemFactory(meeting=meeting, title="Seeing my brother", proposed_by="young_person")
    client.force_login(worker)
    url = reverse("meetings:agenda-edit", args=[meeting.pk, item.pk])
    assert "Your note beside their item" in client.get(url).content.decode()
    too_long = {**_item(), "staff_note": "x" * 501, "version": 1}
    assert client.post(url, too_long).status_code == 400
    posted = {**_item(), "staff_note": "Mum has asked about this too.", "version": 1}
    assert client.post(url, posted).status_code == 302
    item.refresh_from_db()
    assert (item.title, item.staff_note, item.staff_note_by) == (
        "Seeing my brother",
        "Mum has asked about this too.",
        worker,
    )
    note = f"Note from {worker.full_name}: Mum has asked about this too."
    assert note in client.get(reverse("meetings:meeting", args=[meeting.pk])).content.decode()
    assert note in client.get(reverse("meetings:print-pack", args=[meeting.pk])).content.decode()
    client.force_login(account)
    portal = client.get(reverse("portal:meeting", args=[meeting.pk])).content.decode()
    assert f"A note from {worker.first_name}: Mum has asked about this too." in portal
    # A professional's own item has no note: they change the item itself.
    theirs = AgendaItemFactory(meeting=meeting, proposed_by="professional")
    client.force_login(worker)
    form = client.get(reverse("meetings:agenda-edit", args=[meeting.pk, theirs.pk]))
    assert "Your note beside their item" not in form.content.decode()
    with pytest.raises(ValidationError, match="own items only"):
        services.agenda_item_update(
            actor=worker,
            item=theirs,
            expected_version=theirs.version,
            title=theirs.title,
            details=theirs.details,
            proposed_by=theirs.proposed_by,
            visibility=theirs.visibility,
            explanation_for_young_person="",
            minutes=None,
            staff_note="A note",
        )
