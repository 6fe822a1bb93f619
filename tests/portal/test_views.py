from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from meetings import services as meeting_services
from tests.factories import (
    MeetingFactory,
    StaffFactory,
    YoungPersonAccountFactory,
    YoungPersonFactory,
)

pytestmark = pytest.mark.django_db

# Words the portal's own chrome must never show: the phone may be watched.
GIVEAWAY_WORDS = ["exploitation", "abuse", "police", "social care", "safeguarding", "CSE"]


@pytest.fixture
def robin():
    account = YoungPersonAccountFactory(username="robin")
    young_person = YoungPersonFactory(preferred_name="Robin", portal_user=account)
    return account, young_person


def test_young_person_signs_in_with_username_and_no_email(client, robin, password):
    account, _ = robin
    response = client.post(reverse("portal:sign-in"), {"username": "Robin", "password": password})
    assert response.url == reverse("portal:home")
    assert client.session["_auth_user_id"] == str(account.pk)


def test_staff_member_cannot_sign_in_at_the_portal_door(client, password):
    StaffFactory(email="sam@example.test")
    response = client.post(
        reverse("portal:sign-in"), {"username": "sam@example.test", "password": password}
    )
    assert response.status_code == 400
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"username": "", "password": "x"}, "Enter your username"),
        ({"username": "robin", "password": ""}, "Enter your password"),
        ({"username": "robin", "password": "wrong"}, "Your username or password is not right"),
    ],
)
def test_bad_portal_sign_in_gets_a_plain_error(client, robin, data, message):
    response = client.post(reverse("portal:sign-in"), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_portal_home_shows_only_the_young_persons_own_meetings(client, robin):
    account, young_person = robin
    own = MeetingFactory(young_person=young_person, venue="Own venue")
    MeetingFactory(venue="Someone else's venue")
    MeetingFactory(
        young_person=young_person,
        venue="Past venue",
        scheduled_at=timezone.now() - timedelta(days=3),
    )
    client.force_login(account)
    html = client.get(reverse("portal:home")).content.decode()
    assert own.venue in html
    assert "Someone else" not in html
    assert "Past venue" not in html


def test_every_portal_page_has_exit_this_page_and_is_never_cached(client, robin):
    account, _ = robin
    pages = [client.get(reverse("portal:sign-in"))]
    client.force_login(account)
    for name in ("portal:home", "portal:messages", "portal:safe-contact"):
        pages.append(client.get(reverse(name)))
    for response in pages:
        assert "govuk-exit-this-page" in response.content.decode()
        assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("name", ["portal:home", "portal:messages", "portal:safe-contact"])
def test_portal_uses_the_neutral_name_and_no_giveaway_words(
    client, robin, name, django_capture_on_commit_callbacks
):
    account, young_person = robin
    meeting = MeetingFactory(young_person=young_person)
    with django_capture_on_commit_callbacks(execute=True):  # their message is sent
        meeting_services.meeting_cancel(
            actor=meeting.chair, meeting=meeting, reason_for_young_person="The chair is ill."
        )
    client.force_login(account)
    html = client.get(reverse(name)).content.decode()
    if name == "portal:messages":
        assert "Your meeting has changed" in html
    assert settings.PORTAL_SERVICE_NAME in html
    assert settings.SERVICE_NAME not in html
    lowered = html.lower()
    for word in GIVEAWAY_WORDS:
        assert word.lower() not in lowered, word


def test_exit_this_page_ends_the_session_and_leaves_for_a_neutral_site(client, robin):
    account, _ = robin
    client.force_login(account)
    response = client.get(reverse("portal:exit"))
    assert response.status_code == 302
    assert response.url == settings.PORTAL_EXIT_URL
    assert "no-store" in response["Cache-Control"]
    assert "_auth_user_id" not in client.session
    after = client.get(reverse("portal:home"))
    assert after.status_code == 302
    assert after.url.startswith(reverse("portal:sign-in"))


def test_portal_not_found_page_keeps_the_neutral_layout(client, robin):
    account, _ = robin
    client.force_login(account)
    response = client.get("/portal/no-such-page/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "govuk-exit-this-page" in html
    assert settings.SERVICE_NAME not in html
    assert "no-store" in response["Cache-Control"]


def test_a_portal_not_found_page_is_no_store_signed_out_too(client):
    response = client.get("/portal/no-such-page/")
    assert response.status_code == 404
    assert "no-store" in response["Cache-Control"]
