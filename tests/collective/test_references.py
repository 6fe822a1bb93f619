"""A reference letter: the young person asks for one, in the portal, for something they took
part in; those who run it are told and write it; the young person reads and prints it,
naming them only as their decision for that kind of work says."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from collective import services
from collective.models import Involvement
from consent.selectors import _initials
from notifications.models import Kind, Notification
from tests.collective.conftest import choose, took_a_session

pytestmark = pytest.mark.django_db


def test_a_reference_is_asked_for_only_after_taking_part_and_only_once(client, took_part):
    robin, participation, _opportunity, involvement = took_part
    url = reverse("portal:reference", args=[involvement.pk])
    client.force_login(robin.portal_user)
    assert client.get(url).status_code == 404  # nothing taken part in yet
    with pytest.raises(ValidationError):
        services.reference_ask(actor=robin.portal_user, involvement=involvement)
    took_a_session(participation, involvement)
    assert "Ask for a reference letter</button>" in client.get(url).content.decode()

    assert client.post(url).status_code == 302
    involvement.refresh_from_db()
    assert involvement.reference_asked_at is not None
    told = Notification.objects.filter(kind=Kind.REFERENCE_ASKED)
    assert {n.recipient for n in told} == {participation}
    page = client.get(url).content.decode()
    assert "You asked for one on" in page and "</button>" not in page.split("You asked")[1]

    again = client.post(url)
    assert again.status_code == 400
    assert "You have already asked" in again.content.decode()
    assert told.count() == len({n.channel for n in told})  # one notice, per channel


def test_nobody_but_the_young_person_asks_for_their_reference(took_part, north):
    _robin, participation, _opportunity, involvement = took_part
    _r, worker, _p = north
    took_a_session(participation, involvement)
    for actor in (worker, participation):
        with pytest.raises(ValidationError):
            services.reference_ask(actor=actor, involvement=involvement)
    assert not Involvement.objects.filter(reference_asked_at__isnull=False).exists()


def test_only_those_who_run_it_write_the_letter_once_asked_and_an_empty_one_saves_nothing(
    client, took_part, north
):
    robin, participation, _opportunity, involvement = took_part
    _r, worker, _p = north
    took_a_session(participation, involvement)
    url = reverse("collective:reference", args=[involvement.pk])
    client.force_login(participation)
    not_asked = client.post(url, {"letter": "Robin was thoughtful."})
    assert not_asked.status_code == 400
    assert "They have not asked for a reference letter" in not_asked.content.decode()

    services.reference_ask(actor=robin.portal_user, involvement=involvement)
    empty = client.post(url, {"letter": "  "})
    assert empty.status_code == 400
    assert "Write their reference letter" in empty.content.decode()
    too_long = client.post(url, {"letter": "x" * 3001})
    assert "Keep this to 3,000 characters or fewer" in too_long.content.decode()
    client.force_login(worker)  # their case team, not running it
    assert client.get(url).status_code == 404
    with pytest.raises(ValidationError):
        services.reference_write(actor=worker, involvement=involvement, letter="Kind words")
    involvement.refresh_from_db()
    assert involvement.reference_letter == ""
    assert not Notification.objects.filter(kind=Kind.REFERENCE_READY).exists()


def test_robin_reads_and_prints_the_letter_naming_them_only_as_they_chose(client, took_part):
    robin, participation, _opportunity, involvement = took_part
    took_a_session(participation, involvement)
    services.reference_ask(actor=robin.portal_user, involvement=involvement)
    client.force_login(participation)
    response = client.post(
        reverse("collective:reference", args=[involvement.pk]),
        {"letter": "They listened to others and\nspoke up for younger ones."},
    )
    assert response.status_code == 302
    assert Notification.objects.filter(
        kind=Kind.REFERENCE_READY, recipient=robin.portal_user
    ).exists()

    client.force_login(robin.portal_user)
    url = reverse("portal:reference", args=[involvement.pk])
    page = client.get(url).content.decode()
    assert "They listened to others and<br>spoke up for younger ones." in page
    assert "The young person who holds this letter took part in" in page
    assert robin.preferred_name not in page  # no decision yet: not named in training work
    choose(robin, "initials")
    page = client.get(url).content.decode()
    assert f"{_initials(robin)} took part in" in page
    assert robin.preferred_name not in page
    part_of = client.get(reverse("portal:opportunities")).content.decode()
    assert "Your reference letter, to print" in part_of
