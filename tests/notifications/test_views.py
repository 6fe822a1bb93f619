"""The pages: staff notices, the CSE leads' outbox with retry, the portal's messages."""

import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from notifications import delivery, services
from notifications.models import Channel, Kind, Notification, SafeContact, Status
from tests.factories import (
    MeetingFactory,
    StaffFactory,
    YoungPersonAccountFactory,
    YoungPersonFactory,
)

pytestmark = pytest.mark.django_db


def _sent_notices(recipient, count, kind=Kind.CHAIR_ASKED, **fields):
    for _ in range(count):
        row = {
            "meeting": MeetingFactory(chair=recipient) if recipient.is_staff_member else None,
            "status": Status.SENT,
            "sent_at": timezone.now(),
        }
        Notification.objects.create(
            idempotency_key=str(uuid.uuid4()),
            kind=kind,
            channel=Channel.IN_APP,
            recipient=recipient,
            due_at=timezone.now(),
            **(row | fields),
        )


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_staff_home_lists_unread_notices_with_the_same_queries_for_1_and_15(client):
    lead = StaffFactory(role=Role.CSE_LEAD)
    client.force_login(lead)
    _sent_notices(lead, 1)
    one = _queries(client, reverse("home"))
    _sent_notices(lead, 14)
    assert _queries(client, reverse("home")) == one
    html = client.get(reverse("home")).content.decode()
    assert html.count('class="partners-notices__item"') == 15


def test_marking_a_notice_read_takes_it_off_the_home_page_and_needs_a_post(client):
    lead = StaffFactory(role=Role.CSE_LEAD)
    _sent_notices(lead, 1)
    notice = Notification.objects.get()
    client.force_login(lead)
    url = reverse("notifications:notice-read", args=[notice.pk])
    assert client.get(url).status_code == 405
    assert client.post(url).status_code == 302
    assert "Notices for you" not in client.get(reverse("home")).content.decode()


def test_the_outbox_shows_each_state_with_the_same_queries_for_3_and_63_rows(client):
    lead = StaffFactory(role=Role.CSE_LEAD)
    client.force_login(lead)

    def rows_of_every_state():
        _sent_notices(StaffFactory(), 18)
        _sent_notices(StaffFactory(), 1, status=Status.FAILED, attempts=5, last_error="OSError")
        _sent_notices(StaffFactory(), 1, retried_by=StaffFactory(), retried_at=timezone.now())

    _sent_notices(lead, 1)
    _sent_notices(StaffFactory(), 1, status=Status.FAILED, attempts=5, last_error="OSError")
    _sent_notices(StaffFactory(), 1, retried_by=StaffFactory(), retried_at=timezone.now())
    url = reverse("notifications:outbox")
    few = _queries(client, url)
    for _ in range(3):
        rows_of_every_state()
    assert _queries(client, url) == few
    html = client.get(url).content.decode()
    assert "Sent (59)" in html and "Failed (4)" in html
    assert "Sent again by" in html
    failed = client.get(url, {"status": Status.FAILED}).content.decode()
    assert failed.count("Send again<") == 4


def test_the_outbox_names_staff_but_never_a_young_person(client):
    young_person = YoungPersonFactory(
        preferred_name="Hiddenname", portal_user=YoungPersonAccountFactory(username="hiddenuser")
    )
    _sent_notices(
        young_person.portal_user,
        1,
        kind=Kind.INFORMATION_SHARED,
        meeting=MeetingFactory(young_person=young_person),
    )
    lead = StaffFactory(role=Role.CSE_LEAD)
    client.force_login(lead)
    html = client.get(reverse("notifications:outbox")).content.decode()
    assert "A young person" in html
    assert "Hiddenname" not in html and "hiddenuser" not in html


def test_an_unknown_state_or_page_number_shows_the_first_page_of_everything(client):
    lead = StaffFactory(role=Role.CSE_LEAD)
    _sent_notices(lead, 1)
    client.force_login(lead)
    response = client.get(reverse("notifications:outbox"), {"status": "nonsense", "page": "x"})
    assert response.status_code == 200
    assert "You have been asked to chair a meeting" in response.content.decode()


def test_sending_again_a_row_that_has_not_failed_is_refused_with_a_message(client):
    lead = StaffFactory(role=Role.CSE_LEAD)
    _sent_notices(lead, 1)
    client.force_login(lead)
    notice = Notification.objects.get()
    url = reverse("notifications:retry", args=[notice.pk])
    assert client.get(url).status_code == 405
    response = client.post(url, {"next": "https://elsewhere.example/"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("notifications:outbox")
    assert "Only a failed notification can be sent again" in response.content.decode()


def test_a_young_person_sees_a_new_message_banner_until_they_mark_them_read(client):
    account = YoungPersonAccountFactory()
    robin = YoungPersonFactory(portal_user=account, preferred_name="Robin")
    _sent_notices(account, 2, kind=Kind.OUTCOMES_SHARED, meeting=MeetingFactory(young_person=robin))
    client.force_login(account)
    assert "You have 2 new messages" in client.get(reverse("portal:home")).content.decode()
    messages_page = client.get(reverse("portal:messages")).content.decode()
    assert messages_page.count("You can now see what was decided") == 2
    client.post(reverse("portal:messages"))
    assert "new message" not in client.get(reverse("portal:home")).content.decode()


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"email": "nope"}, "email", "Enter an email address like name@example.com"),
        ({"mobile": "call me"}, "mobile", "Enter a mobile number like 07700 900 982"),
        ({"email": "a@example.test"}, "email_is_safe", "Tick the box to say nobody else reads"),
        ({"mobile": "07700900982"}, "mobile_is_safe", "Tick the box to say nobody else reads"),
    ],
)
def test_a_safe_contact_that_is_not_right_is_refused_with_a_clear_message(
    client, data, field, message
):
    account = YoungPersonAccountFactory()
    YoungPersonFactory(portal_user=account)
    client.force_login(account)
    response = client.post(reverse("portal:safe-contact"), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not SafeContact.objects.exists()


def test_a_young_person_saves_then_clears_their_safe_contacts(client):
    account = YoungPersonAccountFactory()
    YoungPersonFactory(portal_user=account)
    client.force_login(account)
    url = reverse("portal:safe-contact")
    data = {
        "email": "own@example.test",
        "email_is_safe": "on",
        "mobile": "07700 900 982",
        "mobile_is_safe": "on",
    }
    assert client.post(url, data).status_code == 302
    contact = SafeContact.objects.get(user=account)
    assert (contact.safe_email, contact.safe_mobile) == ("own@example.test", "07700900982")
    assert 'value="own@example.test"' in client.get(url).content.decode()
    assert client.post(url, {}).status_code == 302
    contact.refresh_from_db()
    assert (contact.safe_email, contact.safe_mobile) == ("", "")


def test_staff_cannot_open_the_portal_message_pages(client):
    client.force_login(StaffFactory())
    assert client.get(reverse("portal:messages")).status_code == 404
    assert client.get(reverse("portal:safe-contact")).status_code == 404


def test_break_glass_notice_links_to_the_review_page(client):
    lead = StaffFactory(role=Role.CSE_LEAD)
    services.notify(kind=Kind.BREAK_GLASS_OPENED, recipients=[lead], key="bg")
    delivery.deliver(notification_id=str(Notification.objects.get(channel=Channel.IN_APP).pk))
    client.force_login(lead)
    html = client.get(reverse("home")).content.decode()
    assert f'href="{reverse("participation:break-glass-review")}"' in html


def test_without_a_text_service_a_young_person_is_not_offered_texts(client, settings):
    settings.TEXT_MESSAGES_OFFERED = False
    account = YoungPersonAccountFactory()
    YoungPersonFactory(portal_user=account)
    client.force_login(account)
    url = reverse("portal:safe-contact")
    assert 'name="mobile"' not in client.get(url).content.decode()
    posted = {"mobile": "07700900982", "mobile_is_safe": "on"}
    assert client.post(url, posted).status_code == 302
    assert SafeContact.objects.get(user=account).safe_mobile == ""
