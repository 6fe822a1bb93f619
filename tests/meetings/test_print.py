import pytest
from django.urls import reverse

from meetings.models import YoungPersonViews
from tests.factories import (
    AdvocateAssignmentFactory,
    AgendaItemFactory,
    CaseTeamMembershipFactory,
    MeetingFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def prepared():
    membership = CaseTeamMembershipFactory()
    meeting = MeetingFactory(young_person=membership.young_person)
    AgendaItemFactory(meeting=meeting, title="Going back to school", proposed_by="young_person")
    for title in ("Police intelligence about an adult", "Another third-party report"):
        AgendaItemFactory(
            meeting=meeting,
            title=title,
            visibility="professionals_only",
            explanation_for_young_person="Part of the meeting is about other people.",
        )
    YoungPersonViews.objects.create(
        meeting=meeting, text="I want my phone back", source="spoken", recorded_by=meeting.chair
    )
    return meeting, membership.user


def test_young_persons_printed_agenda_has_shared_items_and_explanations_only(client, prepared):
    meeting, worker = prepared
    client.force_login(worker)
    url = reverse("meetings:print-young-persons-agenda", args=[meeting.pk])
    html = client.get(url).content.decode()
    assert "<title>Your meeting" in html
    assert "Going back to school" in html
    assert html.count("Part of the meeting is about other people.") == 1
    for hidden in ("Police intelligence", "third-party report", "Exploitation", "Strategy"):
        assert hidden not in html


def test_professionals_pack_has_everything_with_their_words_apart(client, prepared):
    meeting, worker = prepared
    client.force_login(worker)
    html = client.get(reverse("meetings:print-pack", args=[meeting.pk])).content.decode()
    assert "Police intelligence about an adult" in html
    assert "I want my phone back" in html
    assert "not for the young person" in html


def test_advocate_can_print_the_young_persons_agenda_but_not_the_pack(client, prepared):
    meeting, _worker = prepared
    client.force_login(AdvocateAssignmentFactory(young_person=meeting.young_person).advocate)
    agenda = client.get(reverse("meetings:print-young-persons-agenda", args=[meeting.pk]))
    assert agenda.status_code == 200
    assert "Police intelligence" not in agenda.content.decode()
    assert client.get(reverse("meetings:print-pack", args=[meeting.pk])).status_code == 404
