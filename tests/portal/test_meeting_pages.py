"""The young person's own meeting in the portal: what they can do, and what they never see."""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from advocacy.selectors import preparation_checklist
from meetings import services as meeting_services
from meetings.models import (
    AgendaItem,
    Decision,
    Feedback,
    Meeting,
    PreparationRecord,
    PreparationStep,
    YoungPersonViews,
)
from tests.factories import (
    AgendaItemFactory,
    CaseTeamMembershipFactory,
    MeetingFactory,
    YoungPersonAccountFactory,
    YoungPersonFactory,
)

pytestmark = pytest.mark.django_db

LEGAL_NAME = "Legalnamemarker Lq"
RESTRICTED = "Professionalsonlymarker Pq"
REASON = "Professionalreasonmarker Rq"
OTHERS = "Otheryoungpersonmarker Oq"
NEVER_SEEN = [LEGAL_NAME, RESTRICTED, REASON, OTHERS]


@pytest.fixture
def robin():
    """Robin in the portal, an upcoming and a held meeting; another young person beside them."""
    account = YoungPersonAccountFactory(username="robin")
    young_person = YoungPersonFactory(
        preferred_name="Robin", legal_name=LEGAL_NAME, portal_user=account
    )
    worker = CaseTeamMembershipFactory(young_person=young_person).user
    upcoming = MeetingFactory(young_person=young_person)
    AgendaItemFactory(meeting=upcoming, title="School and college")
    AgendaItemFactory(
        meeting=upcoming,
        title=RESTRICTED,
        details=RESTRICTED,
        visibility=AgendaItem.Visibility.PROFESSIONALS_ONLY,
        explanation_for_young_person="Part of the meeting is about other people's information.",
    )
    meeting_services.information_pack_share(
        actor=upcoming.chair,
        meeting=upcoming,
        text="The meeting is about how to help you.",
        easy_read_text="A meeting to help you.",
    )
    held = MeetingFactory(
        young_person=young_person,
        status=Meeting.Status.OUTCOMES_SHARED,
        scheduled_at=timezone.now() - timedelta(days=2),
    )
    decision = Decision.objects.create(
        meeting=held,
        decision=REASON,
        reason=REASON,
        explanation_for_young_person="You can stay at your nan's at weekends.",
        recorded_by=held.chair,
    )
    other = YoungPersonFactory(preferred_name=OTHERS, legal_name=OTHERS)
    others_meeting = MeetingFactory(young_person=other, venue=OTHERS)
    AgendaItemFactory(meeting=others_meeting, title=OTHERS)
    YoungPersonViews.objects.create(
        meeting=others_meeting, text=OTHERS, source="spoken", recorded_by=others_meeting.chair
    )
    return account, worker, upcoming, held, decision, others_meeting


def _portal_urls(upcoming, held, decision):
    urls = [reverse(f"portal:{name}") for name in ("home", "who-has-looked", "choices", "advocate")]
    for meeting in (upcoming, held):
        urls += [
            reverse(f"portal:{name}", args=[meeting.pk])
            for name in ("meeting", "information", "agenda-add", "taking-part", "views")
        ]
    urls.append(reverse("portal:feedback", args=[held.pk]))
    urls.append(reverse("portal:decision-response", args=[held.pk, decision.pk]))
    return urls


def test_nothing_the_young_person_must_never_see_reaches_any_portal_page(client, robin):
    account, _, upcoming, held, decision, others_meeting = robin
    client.force_login(account)
    urls = _portal_urls(upcoming, held, decision)
    # And every page of the other young person's meeting, which must look missing.
    urls += [
        reverse(f"portal:{name}", args=[others_meeting.pk])
        for name in ("meeting", "information", "agenda-add", "taking-part", "views", "feedback")
    ]
    for url in urls:
        for method in ("get", "post"):
            response = getattr(client, method)(url)
            body = response.content.decode()
            for marker in NEVER_SEEN:
                assert marker not in body, f"{marker} on {method} {url}"
            assert "no-store" in response["Cache-Control"], url
            if str(others_meeting.pk) in url:
                assert response.status_code == 404, url


def test_every_portal_page_shows_exit_this_page_and_a_neutral_title(client, robin):
    account, _, upcoming, held, decision, _ = robin
    client.force_login(account)
    jargon = re.compile(r"exploitation|abuse|police|social care|safeguarding|\bCSE\b", re.I)
    for url in _portal_urls(upcoming, held, decision):
        html = client.get(url).content.decode()
        assert "govuk-exit-this-page" in html, url
        title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
        headings = " ".join(re.findall(r"<h1[^>]*>(.*?)</h1>", html, re.S))
        assert title.strip().endswith(settings.PORTAL_SERVICE_NAME), url
        assert not jargon.search(title + headings + url), url


def test_the_portals_own_words_use_no_jargon():
    """Templates only: agenda items and information are written by people, and checked there."""
    banned = re.compile(
        r"\bCSE\b|strategy meeting|safeguarding|exploitation|abuse|police|social care|"
        r"social worker|multi-agency|risk assessment",
        re.I,
    )
    templates = Path(settings.BASE_DIR, "templates")
    files = [*templates.glob("portal/*.html"), templates / "layouts" / "portal.html"]
    assert len(files) >= 8
    for path in files:
        text = re.sub(r"{%.*?%}|{{.*?}}", "", path.read_text())
        assert not banned.search(text), f"{path.name}: {banned.search(text).group(0)}"


def test_the_meeting_page_shows_the_shared_agenda_and_only_the_plain_explanation(client, robin):
    account, _, upcoming, *_ = robin
    client.force_login(account)
    html = client.get(reverse("portal:meeting", args=[upcoming.pk])).content.decode()
    assert "School and college" in html
    assert "Part of the meeting is about other people&#x27;s information." in html
    assert "It is not because of something you did." in html
    assert upcoming.venue in html


def test_a_cancelled_meeting_says_so_in_plain_words(client, robin):
    account, _, upcoming, *_ = robin
    meeting_services.meeting_cancel(
        actor=upcoming.chair, meeting=upcoming, reason_for_young_person="Your worker is ill."
    )
    client.force_login(account)
    html = client.get(reverse("portal:meeting", args=[upcoming.pk])).content.decode()
    assert "This meeting has been cancelled. Your worker is ill." in html


def test_with_nothing_shared_the_choices_page_says_plainly_that_nothing_has_been(client, robin):
    account, *_ = robin
    client.force_login(account)
    html = client.get(reverse("portal:choices")).content.decode()
    assert "Nothing has been shared." in html


def test_reading_the_information_marks_it_read_once(client, robin):
    account, _, upcoming, *_ = robin
    client.force_login(account)
    url = reverse("portal:information", args=[upcoming.pk])
    assert "The meeting is about how to help you." in client.get(url).content.decode()
    client.get(url)
    records = PreparationRecord.objects.filter(
        meeting=upcoming, step=PreparationStep.INFORMATION, recorded_by=account
    )
    assert [r.state for r in records] == ["read"]
    assert records.get().recorded_by == account
    row = next(r for r in preparation_checklist(meeting=upcoming) if r.step == "information")
    assert row.done and row.recorded_by == "the young person, in the portal"


def test_opening_information_that_is_not_shared_yet_marks_nothing(client, robin):
    account, _, upcoming, *_ = robin
    upcoming.information_packs.all().delete()
    client.force_login(account)
    html = client.get(reverse("portal:information", args=[upcoming.pk])).content.decode()
    assert "has not shared this yet" in html
    assert not PreparationRecord.objects.filter(
        meeting=upcoming, step=PreparationStep.INFORMATION, state="read"
    ).exists()


def test_young_person_adds_a_shared_item_that_is_shown_as_theirs(client, robin):
    account, _, upcoming, *_ = robin
    client.force_login(account)
    response = client.post(
        reverse("portal:agenda-add", args=[upcoming.pk]),
        {"title": "  Going back to football  ", "details": "On Saturdays"},
    )
    assert response.status_code == 302
    item = AgendaItem.objects.get(meeting=upcoming, title="Going back to football")
    assert item.proposed_by == AgendaItem.ProposedBy.YOUNG_PERSON
    assert item.visibility == AgendaItem.Visibility.SHARED
    html = client.get(response.url).content.decode()
    assert "Going back to football" in html and "You added this" in html


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"title": ""}, "Write what you want to talk about"),
        ({"title": "x" * 201}, "Keep it to 200 characters or fewer"),
        ({"title": "Fine", "details": "x" * 2001}, "Keep it to 2,000 characters or fewer"),
    ],
)
def test_bad_agenda_items_get_a_kind_message_and_add_nothing(client, robin, data, message):
    account, _, upcoming, *_ = robin
    client.force_login(account)
    before = AgendaItem.objects.count()
    response = client.post(reverse("portal:agenda-add", args=[upcoming.pk]), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert AgendaItem.objects.count() == before


def test_after_the_meeting_starts_the_agenda_views_and_choices_are_closed(client, robin):
    account, _, _, held, *_ = robin
    client.force_login(account)
    before = (AgendaItem.objects.count(), PreparationRecord.objects.count())
    for name, data, message in [
        ("agenda-add", {"title": "Late"}, "You can add to the agenda until the meeting starts"),
        ("taking-part", {"how": "attend"}, "You can change this until the meeting starts"),
        ("views", {"text": "Late words"}, "Views can be changed only until the meeting starts"),
    ]:
        response = client.post(reverse(f"portal:{name}", args=[held.pk]), data)
        assert response.status_code == 400, name
        assert message in response.content.decode(), name
    assert (AgendaItem.objects.count(), PreparationRecord.objects.count()) == before
    assert not YoungPersonViews.objects.filter(meeting=held).exists()


def test_young_person_chooses_how_to_take_part_and_what_would_help(client, robin):
    account, _, upcoming, *_ = robin
    client.force_login(account)
    url = reverse("portal:taking-part", args=[upcoming.pk])
    response = client.post(
        url, {"how": "attend_with_someone", "what_would_help": "A break halfway"}
    )
    assert response.status_code == 302
    rows = {r.step: r for r in preparation_checklist(meeting=upcoming)}
    assert rows["taking_part"].state == "Will attend with someone"
    assert rows["respected"].done
    html = client.get(reverse("portal:meeting", args=[upcoming.pk])).content.decode()
    assert "I will come with someone I trust" in html and "A break halfway" in html
    chosen = re.search(
        r'<input[^>]*value="attend_with_someone"[^>]*>', client.get(url).content.decode()
    )
    assert "checked" in chosen.group(0)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Choose how you want to take part"),
        ({"how": "not_yet"}, "Choose how you want to take part"),
        ({"how": "attend", "what_would_help": "x" * 1001}, "Keep it to 1,000 characters"),
    ],
)
def test_bad_taking_part_choices_get_a_message_and_record_nothing(client, robin, data, message):
    account, _, upcoming, *_ = robin
    client.force_login(account)
    response = client.post(reverse("portal:taking-part", args=[upcoming.pk]), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not PreparationRecord.objects.filter(
        meeting=upcoming, step__in=[PreparationStep.TAKING_PART, PreparationStep.RESPECTED]
    ).exists()


def test_taking_part_words_cover_every_way_of_taking_part():
    from meetings.models import STEP_STATES
    from portal.forms import TAKING_PART_IN_MY_WORDS

    states = {state for state, _ in STEP_STATES[PreparationStep.TAKING_PART]} - {"not_yet"}
    assert set(TAKING_PART_IN_MY_WORDS) == states


def test_young_person_writes_their_views_and_changes_them_until_the_meeting(client, robin):
    account, _, upcoming, *_ = robin
    client.force_login(account)
    url = reverse("portal:views", args=[upcoming.pk])
    assert client.post(url, {"text": "I want to go home", "version": ""}).status_code == 302
    assert client.post(url, {"text": "I want to stay", "version": "1"}).status_code == 302
    views = YoungPersonViews.objects.get(meeting=upcoming)
    assert (views.text, views.source, views.recorded_by) == ("I want to stay", "written", account)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"text": ""}, "Write what you want the meeting to know"),
        ({"text": "x" * 5001}, "Keep it to 5,000 characters or fewer"),
    ],
)
def test_bad_views_get_a_message_and_save_nothing(client, robin, data, message):
    account, _, upcoming, *_ = robin
    client.force_login(account)
    response = client.post(reverse("portal:views", args=[upcoming.pk]), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not YoungPersonViews.objects.filter(meeting=upcoming).exists()


def test_a_views_save_from_an_old_version_is_refused_and_shows_what_is_saved(client, robin):
    account, worker, upcoming, *_ = robin
    client.force_login(account)
    url = reverse("portal:views", args=[upcoming.pk])
    client.post(url, {"text": "First", "version": ""})
    meeting_services.young_person_views_save(
        actor=worker,
        meeting=upcoming,
        text="Said to my worker",
        source="spoken",
        expected_version=1,
        reason="They told me this instead",
    )
    response = client.post(url, {"text": "Mine, from the old page", "version": "1"})
    assert response.status_code == 400
    assert "Said to my worker" in response.content.decode()
    assert YoungPersonViews.objects.get(meeting=upcoming).text == "Said to my worker"


def test_young_person_sees_the_explanation_and_answers_a_decision(client, robin):
    account, _, _, held, decision, _ = robin
    client.force_login(account)
    html = client.get(reverse("portal:meeting", args=[held.pk])).content.decode()
    assert "You can stay at your nan&#x27;s at weekends." in html
    url = reverse("portal:decision-response", args=[held.pk, decision.pk])
    assert client.post(url, {}).status_code == 400
    response = client.post(url, {"response": "talk", "in_their_words": "Which weekends?"})
    assert response.status_code == 302
    decision.refresh_from_db()
    assert (decision.young_person_response, decision.response_in_their_words) == (
        "talk",
        "Which weekends?",
    )
    assert "I want to talk about it" in client.get(response.url).content.decode()


def test_young_person_gives_feedback_once_after_the_meeting(client, robin):
    account, _, upcoming, held, *_ = robin
    client.force_login(account)
    url = reverse("portal:feedback", args=[held.pk])
    answers = {
        "felt_listened_to": "yes",
        "understood_decisions": "partly",
        "had_a_say": "no",
        "what_would_make_it_better": "Fewer people",
    }
    bad = client.post(url, {**answers, "had_a_say": "maybe"})
    assert bad.status_code == 400 and "Choose if you had a say" in bad.content.decode()
    assert client.post(url, answers).status_code == 302
    assert Feedback.objects.get(meeting=held).recorded_by == account
    again = client.get(url)
    assert again.status_code == 302
    assert Feedback.objects.filter(meeting=held).count() == 1
    early = client.post(reverse("portal:feedback", args=[upcoming.pk]), answers)
    assert early.status_code == 400
    assert not Feedback.objects.filter(meeting=upcoming).exists()


def test_a_young_persons_session_ends_after_fifteen_idle_minutes(client, robin):
    account, *_ = robin
    client.force_login(account)
    assert client.get(reverse("portal:home")).status_code == 200
    assert client.session.get_expiry_age() == settings.PORTAL_IDLE_SECONDS == 15 * 60
    session = Session.objects.get(session_key=client.session.session_key)
    session.expire_date = timezone.now() - timedelta(seconds=1)
    session.save()
    response = client.get(reverse("portal:home"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("portal:sign-in"))


def test_staff_sessions_keep_their_own_longer_idle_time(client):
    from tests.factories import StaffFactory

    client.force_login(StaffFactory())
    client.get(reverse("home"))
    assert client.session.get_expiry_age() == settings.STAFF_IDLE_SECONDS == 30 * 60


def test_repeated_wrong_passwords_are_slowed_down_for_the_portal(client, robin, password):
    url = reverse("portal:sign-in")
    for _ in range(5):
        client.post(url, {"username": "robin", "password": "wrong"})
    response = client.post(url, {"username": "Robin", "password": password})
    assert response.status_code == 400
    assert "You have tried too many times" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_chair_sees_what_the_young_person_wrote_in_the_portal_as_theirs(client, robin):
    account, _, upcoming, *_ = robin
    client.force_login(account)
    client.post(reverse("portal:views", args=[upcoming.pk]), {"text": "I want to stay"})
    client.post(reverse("portal:taking-part", args=[upcoming.pk]), {"how": "attend_part"})
    client.force_login(upcoming.chair)
    html = client.get(reverse("meetings:meeting", args=[upcoming.pk])).content.decode()
    assert "I want to stay" in html
    assert "Recorded by the young person, in the portal" in html
    assert "Will attend part" in html


def test_portal_meeting_page_runs_the_same_queries_for_a_short_and_a_long_meeting(client, robin):
    account, _, upcoming, held, *_ = robin
    client.force_login(account)

    def count(meeting):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("portal:meeting", args=[meeting.pk])).status_code == 200
        return len(queries)

    before = (count(upcoming), count(held))
    for n in range(20):
        AgendaItemFactory(meeting=upcoming, title=f"Item {n}", proposed_by="young_person")
        Decision.objects.create(
            meeting=held,
            decision="d",
            reason="r",
            explanation_for_young_person=f"Explained {n}",
            recorded_by=held.chair,
        )
    assert (count(upcoming), count(held)) == before


def test_nothing_decided_reaches_the_portal_until_the_chair_shares_the_outcomes(client, robin):
    account, _, _, held, decision, _ = robin
    Meeting.objects.filter(pk=held.pk).update(status=Meeting.Status.HELD)
    client.force_login(account)
    html = client.get(reverse("portal:meeting", args=[held.pk])).content.decode()
    assert "nan&#x27;s" not in html
    assert "will share what was decided with you here soon" in html
    url = reverse("portal:decision-response", args=[held.pk, decision.pk])
    assert client.get(url).status_code == 404
    Meeting.objects.filter(pk=held.pk).update(status=Meeting.Status.OUTCOMES_SHARED)
    assert "nan&#x27;s" in client.get(reverse("portal:meeting", args=[held.pk])).content.decode()


def test_you_said_we_did_shows_their_items_outcomes_and_who_will_do_what_by_when(client, robin):
    from meetings.models import Action

    account, worker, _, held, decision, _ = robin
    mine = AgendaItemFactory(
        meeting=held,
        title="Seeing my brother",
        proposed_by=AgendaItem.ProposedBy.YOUNG_PERSON,
        outcome=AgendaItem.Outcome.CARRIED_FORWARD,
    )
    Action.objects.create(
        decision=decision,
        description="ask your nan which weekends suit",
        owner=worker,
        due_on=timezone.localdate() + timedelta(days=7),
    )
    Action.objects.create(
        decision=decision,
        description="tell your worker how the first weekend went",
        owner=account,
        due_on=timezone.localdate() + timedelta(days=14),
    )
    client.force_login(account)
    html = client.get(reverse("portal:meeting", args=[held.pk])).content.decode()
    assert "You said, we did" in html
    assert mine.title in html and "We will come back to it next time." in html
    first_name = worker.full_name.split()[0]
    assert f"{first_name} will ask your nan which weekends suit, by" in html
    assert "You will tell your worker how the first weekend went, by" in html


def _what_they_see(html):
    card = html[html.index('id="what-they-see"') :]
    return card[: card.index('<h2 class="govuk-heading-m">Their feedback')]


def test_the_staff_meeting_page_shows_what_the_young_person_sees_and_no_more(client, robin):
    from meetings.models import Action

    account, worker, _, held, decision, _ = robin
    Meeting.objects.filter(pk=held.pk).update(status=Meeting.Status.HELD)
    AgendaItemFactory(
        meeting=held,
        title="Seeing my brother",
        proposed_by=AgendaItem.ProposedBy.YOUNG_PERSON,
        outcome=AgendaItem.Outcome.DISCUSSED,
    )
    AgendaItemFactory(  # theirs, but since held without them: not in their view
        meeting=held,
        title="Kept back",
        proposed_by=AgendaItem.ProposedBy.ADVOCATE,
        visibility=AgendaItem.Visibility.PROFESSIONALS_ONLY,
        explanation_for_young_person="Part is about other people.",
    )
    Action.objects.create(
        decision=decision,
        description="tell your worker how the first weekend went",
        owner=account,
        due_on=timezone.localdate() + timedelta(days=14),
    )
    client.force_login(worker)
    url = reverse("meetings:meeting", args=[held.pk])
    before = _what_they_see(client.get(url).content.decode())
    assert "Nothing about the outcomes yet" in before and "nan&#x27;s" not in before

    Meeting.objects.filter(pk=held.pk).update(status=Meeting.Status.OUTCOMES_SHARED)
    staff_view = _what_they_see(client.get(url).content.decode())
    client.force_login(account)
    portal = client.get(reverse("portal:meeting", args=[held.pk])).content.decode()
    for words in (
        "Seeing my brother",
        "We talked about this.",
        "You can stay at your nan&#x27;s at weekends.",
        "You will tell your worker how the first weekend went, by",
    ):
        assert words in staff_view and words in portal
    assert "Kept back" not in staff_view and "Kept back" not in portal
    assert reverse("portal:decision-response", args=[held.pk, decision.pk]) not in staff_view
