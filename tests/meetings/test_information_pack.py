import html

import pytest
from django.urls import reverse

from meetings.models import AgendaItem, ChairIntroduction, InformationPack, Meeting
from meetings.selectors import PACK_WHY, information_pack_draft, information_pack_update
from participation.wording import blaming_words
from tests.factories import (
    AgendaItemFactory,
    CaseTeamMembershipFactory,
    MeetingFactory,
    OrganisationFactory,
    StaffFactory,
)

pytestmark = pytest.mark.django_db

# Words a young person should not meet in their own information, blaming or not.
SENSITIVE = ["you are being exploited", "exploitation", "abuse"]


@pytest.fixture
def meeting():
    membership = CaseTeamMembershipFactory(role="police")
    meeting = MeetingFactory(young_person=membership.young_person, venue="The youth centre")
    AgendaItemFactory(meeting=meeting, title="Going back to school")
    AgendaItemFactory(
        meeting=meeting,
        title="Intelligence about an adult",
        visibility="professionals_only",
        explanation_for_young_person="Part of it is about other people.",
    )
    return meeting


def test_generated_information_says_why_who_what_and_their_rights_without_blame(meeting):
    text, easy_read = information_pack_draft(meeting=meeting)
    organisation = meeting.young_person.case_team.get().user.organisation
    assert "want to work out, with you, how to help you" in text
    assert f"Police officer from {organisation}" in text
    assert "Going back to school" in text and "Going back to school" in easy_read
    assert "Intelligence about an adult" not in text + easy_read
    assert "You can bring someone with you" in text and "You can complain" in easy_read
    assert blaming_words(text + easy_read) == []
    for words in SENSITIVE:
        assert words not in (text + easy_read).lower()


def _share(client, meeting, text="Edited information", easy="Easy words"):
    return client.post(
        reverse("meetings:information", args=[meeting.pk]),
        {"text": text, "easy_read_text": easy},
    )


def test_chair_edits_and_shares_versions_and_every_version_is_kept(client, meeting):
    client.force_login(meeting.chair)
    page = client.get(reverse("meetings:information", args=[meeting.pk])).content.decode()
    assert "Why it is happening" in page
    _share(client, meeting, "First version")
    _share(client, meeting, "Second version")
    assert list(InformationPack.objects.values_list("version", "text")) == [
        (2, "Second version"),
        (1, "First version"),
    ]
    html = client.get(reverse("meetings:information", args=[meeting.pk])).content.decode()
    assert "Version 2, shared" in html and "Version 1, shared" in html


def test_case_team_reads_the_shared_versions_but_only_the_chair_shares(client, meeting):
    worker = meeting.young_person.case_team.get().user
    client.force_login(worker)
    html = client.get(reverse("meetings:information", args=[meeting.pk])).content.decode()
    assert "Share this version" not in html
    assert _share(client, meeting).status_code == 405
    assert not InformationPack.objects.exists()


@pytest.mark.parametrize(("text", "easy"), [("", "Easy"), ("Text", ""), ("x" * 10_001, "Easy")])
def test_empty_or_over_long_information_is_refused(client, meeting, text, easy):
    client.force_login(meeting.chair)
    assert _share(client, meeting, text, easy).status_code == 400
    assert not InformationPack.objects.exists()


def test_information_that_blames_the_young_person_is_refused_with_the_words_to_change(
    client, meeting
):
    client.force_login(meeting.chair)
    response = _share(client, meeting, "We worry you keep putting yourself at risk.")
    assert response.status_code == 400
    assert "change “putting yourself at risk”" in response.content.decode()
    assert not InformationPack.objects.exists()


def test_information_is_not_shared_after_the_meeting(client, meeting):
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.HELD)
    client.force_login(meeting.chair)
    response = _share(client, meeting)
    assert response.status_code == 400
    assert "before the meeting" in response.content.decode()


def test_chair_invites_an_agency_by_role_and_the_information_lists_it(client, meeting):
    school = OrganisationFactory(name="Northshire Academy", kind="education")
    client.force_login(meeting.chair)
    url = reverse("meetings:invite", args=[meeting.pk])
    assert client.post(url, {"organisation": "", "role": ""}).status_code == 400
    assert client.post(url, {"organisation": str(school.pk), "role": "x" * 121}).status_code == 400
    client.post(url, {"organisation": str(school.pk), "role": "School nurse"})
    page = client.get(reverse("meetings:meeting", args=[meeting.pk])).content.decode()
    assert "School nurse, Northshire Academy" in page
    text, _easy = information_pack_draft(meeting=meeting)
    assert "School nurse from Northshire Academy" in text


def test_only_the_chair_invites_agencies(client, meeting):
    client.force_login(meeting.young_person.case_team.get().user)
    response = client.post(
        reverse("meetings:invite", args=[meeting.pk]),
        {"organisation": str(OrganisationFactory().pk), "role": "Nurse"},
    )
    assert response.status_code == 404
    assert not meeting.invitations.exists()


def test_generated_information_has_real_line_breaks_and_renders_none_as_backslashes(
    client, meeting
):
    text, easy_read = information_pack_draft(meeting=meeting)
    assert "\\" not in text + easy_read
    assert "\n\nWhy it is happening\n" in text
    client.force_login(meeting.chair)
    _share(client, meeting, text, easy_read)
    client.force_login(_portal_account(meeting))
    page = client.get(reverse("portal:information", args=[meeting.pk])).content.decode()
    assert "\\n" not in page and "\\" not in page.split("<main")[1].split("</main>")[0]
    assert "<p>Why it is happening<br>" in page


def _portal_account(meeting):
    from tests.factories import YoungPersonAccountFactory

    young_person = meeting.young_person
    young_person.portal_user = YoungPersonAccountFactory()
    young_person.save(update_fields=["portal_user"])
    return young_person.portal_user


def test_generated_information_names_the_chair_offers_to_meet_and_says_what_comes_after(
    meeting,
):
    ChairIntroduction.objects.create(
        chair=meeting.chair, first_name="Lee", about="I make sure everyone listens to you."
    )
    text, easy_read = information_pack_draft(meeting=meeting)
    assert "Lee runs the meeting. I make sure everyone listens to you." in text
    assert "You can meet Lee before the meeting, if you want to: ask in Your say" in text
    assert "You can meet Lee first." in easy_read
    assert meeting.chair.full_name not in text + easy_read
    # The plain sentence for the part held without them, and why, with no blame.
    assert "- Part of it is about other people." in text
    assert "It is not because of something you did." in text
    assert "Some parts are without you." in easy_read
    assert "The chair and the people who work with you will read what you write" in text
    assert "you will be told what was decided, and why" in text
    assert "you can complain" in text
    assert blaming_words(text + easy_read) == []


def test_information_with_nothing_held_without_them_says_nothing_about_it(meeting):
    AgendaItem.objects.filter(meeting=meeting, visibility="professionals_only").delete()
    text, easy_read = information_pack_draft(meeting=meeting)
    assert "held without you" not in text.lower() and "without you" not in easy_read


def test_a_chair_writes_their_introduction_and_the_portal_shows_it_not_their_full_name(
    client, meeting
):
    client.force_login(meeting.chair)
    url = reverse("meetings:chair-introduction")
    assert client.post(url, {"first_name": "", "about": "Hi"}).status_code == 400
    assert client.post(url, {"first_name": "Lee", "about": "x" * 601}).status_code == 400
    assert not ChairIntroduction.objects.exists()
    saved = client.post(url, {"first_name": " Lee ", "about": "I run the meeting and listen."})
    assert saved.status_code == 302
    client.force_login(_portal_account(meeting))
    page = client.get(reverse("portal:meeting", args=[meeting.pk])).content.decode()
    assert "Lee<br>I run the meeting and listen." in page
    assert meeting.chair.full_name not in page


def test_only_a_cse_lead_writes_a_chairs_introduction(client):
    client.force_login(StaffFactory())
    assert client.get(reverse("meetings:chair-introduction")).status_code == 404


def _information_page(client, meeting):
    return client.get(reverse("meetings:information", args=[meeting.pk])).content.decode()


def test_after_the_agenda_changes_the_chair_sees_what_changed_and_shares_it_in_one_step(
    client, meeting
):
    client.force_login(meeting.chair)
    text, easy_read = information_pack_draft(meeting=meeting)
    edited = text.replace(PACK_WHY, "My own words about why.").replace("\n", "\r\n")
    _share(client, meeting, edited, easy_read)
    page = _information_page(client, meeting)
    assert "has changed since you shared" not in page
    meeting_page = reverse("meetings:meeting", args=[meeting.pk])
    assert "See what changed" not in client.get(meeting_page).content.decode()

    AgendaItemFactory(meeting=meeting, title="Football on Saturdays")
    AgendaItem.objects.filter(title="Going back to school").delete()
    assert "See what changed" in client.get(meeting_page).content.decode()
    page = _information_page(client, meeting)
    assert "The meeting has changed since you shared version 1." in page
    assert "<del>Going back to school</del>" in page
    assert "<ins>Football on Saturdays</ins>" in page
    assert "<ins>Football on Saturdays (easy read)</ins>" in page
    assert "Share version 2 with the young person" in page

    # One step: the form already holds the new version; the chair's own words stay.
    form = page[page.index('name="text"') :]
    shared_now = html.unescape(form[form.index(">") + 1 : form.index("</textarea>")])
    easy = page[page.index('name="easy_read_text"') :]
    easy_now = html.unescape(easy[easy.index(">") + 1 : easy.index("</textarea>")])
    _share(client, meeting, shared_now, easy_now)
    latest = InformationPack.objects.get(meeting=meeting, version=2)
    assert "My own words about why." in latest.text and "\r" not in latest.text
    assert "Football on Saturdays" in latest.text and "Going back to school" not in latest.text
    assert "Football on Saturdays" in latest.easy_read_text
    assert "has changed since you shared" not in _information_page(client, meeting)


def test_a_section_that_is_new_since_sharing_is_added_where_it_belongs(client, meeting):
    AgendaItem.objects.filter(visibility="professionals_only").delete()
    client.force_login(meeting.chair)
    _share(client, meeting, *information_pack_draft(meeting=meeting))
    AgendaItemFactory(
        meeting=meeting,
        title="Police intelligence",
        visibility="professionals_only",
        explanation_for_young_person="Part of it is about other people.",
    )
    update = information_pack_update(meeting=meeting, last=InformationPack.objects.get())
    assert update is not None
    sections = [block.split("\n")[0] for block in update.text.split("\n\n")]
    talk = sections.index("What we will talk about")
    assert sections[talk + 1] == "Parts held without you"
    assert "Police intelligence" not in update.text + update.easy_read_text
    assert "Some parts are without you." in update.easy_read_text


def test_once_the_meeting_has_happened_nothing_asks_for_a_new_version(client, meeting):
    client.force_login(meeting.chair)
    _share(client, meeting, *information_pack_draft(meeting=meeting))
    AgendaItemFactory(meeting=meeting, title="Football on Saturdays")
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.HELD)
    assert "has changed since you shared" not in _information_page(client, meeting)
