"""After 18, or once their case closes, a young person may keep a participation-only
account: their portal account moves away from their case record, with what they were
offered and took part in, and is credited as they write it there. Nobody on the case team
sees it, and it shows nothing of the case."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from collective import services
from collective.models import Involvement, ParticipationAccount
from collective.selectors import credit_line, involvement_get_for_portal
from participation.models import CaseClosure, YoungPerson
from tests.collective.conftest import took_a_session
from tests.factories import MeetingFactory, YoungPersonAccountFactory, YoungPersonFactory
from tests.test_url_access import PLAIN_PATTERNS

pytestmark = pytest.mark.django_db

KEEP = reverse("portal:keep-taking-part")


def _eighteen(robin) -> None:
    today = timezone.localdate()
    YoungPerson.objects.filter(pk=robin.pk).update(
        date_of_birth=date(today.year - 18, today.month, 1) - timedelta(days=1)
    )


def test_under_18_with_an_open_case_they_cannot_keep_one_yet(client, took_part):
    robin, _participation, _opportunity, _involvement = took_part
    client.force_login(robin.portal_user)
    assert "Keep taking part" not in client.get(reverse("portal:opportunities")).content.decode()
    page = client.get(KEEP).content.decode()
    assert "You can choose this when you turn 18" in page and "<form" not in page.split("<main")[1]
    refused = client.post(KEEP, {"credit_name": "R"})
    assert refused.status_code == 400
    assert "You can do this when you turn 18, or when your case closes" in refused.content.decode()
    with pytest.raises(ValidationError):
        services.participation_account_keep(actor=robin.portal_user, credit_name="R")
    assert not ParticipationAccount.objects.exists()


def test_once_their_case_closes_they_may_keep_one_even_though_the_portal_is_read_only(
    client, took_part, north
):
    robin, _participation, _opportunity, _involvement = took_part
    _r, worker, _p = north
    CaseClosure.objects.create(young_person=robin, reason="other", details="x", closed_by=worker)
    client.force_login(robin.portal_user)
    assert "Keep taking part" in client.get(reverse("portal:opportunities")).content.decode()
    assert client.post(KEEP, {"credit_name": "R.M."}).status_code == 302
    assert ParticipationAccount.objects.get().user == robin.portal_user


def test_keeping_one_moves_their_involvements_off_the_record_and_the_case_team_sees_none_of_it(
    client, took_part, north
):
    robin, participation, opportunity, involvement = took_part
    _r, worker, _p = north
    took_a_session(participation, involvement)
    _eighteen(robin)
    account_user = robin.portal_user
    client.force_login(account_user)
    assert client.post(KEEP, {"credit_name": "R.M."}).status_code == 302

    involvement.refresh_from_db()
    robin.refresh_from_db()
    account = ParticipationAccount.objects.get(user=account_user)
    assert (involvement.young_person, involvement.account) == (None, account)
    assert robin.portal_user is None  # the record no longer names the account
    assert not Involvement.objects.filter(young_person=robin).exists()

    client.force_login(worker)
    record = client.get(reverse("participation:young-person", args=[robin.pk])).content.decode()
    assert opportunity.title not in record
    assert "R.M." not in record

    # Those who run it still see the contribution, credited as the account says.
    client.force_login(participation)
    page = client.get(reverse("collective:opportunity", args=[opportunity.pk])).content.decode()
    assert "R.M." in page
    assert robin.preferred_name not in page
    assert credit_line(opportunity=opportunity) == "Made with R.M."


def test_the_account_shows_what_they_take_part_in_and_nothing_of_their_case(client, took_part):
    robin, participation, _opportunity, involvement = took_part
    took_a_session(participation, involvement)
    meeting = MeetingFactory(young_person=robin, venue="Casevenue Zq")
    _eighteen(robin)
    account_user = robin.portal_user
    client.force_login(account_user)
    client.post(KEEP, {"credit_name": "R.M."})

    home = client.get(reverse("portal:home"))
    assert home.status_code == 302 and home.url == reverse("portal:opportunities")
    taking = client.get(reverse("portal:opportunities")).content.decode()
    assert "I said what helps" in taking and "You are credited as “R.M.”." in taking
    certificate = client.get(reverse("portal:certificate", args=[involvement.pk])).content.decode()
    assert "R.M." in certificate and robin.preferred_name not in certificate
    assert client.get(reverse("portal:meeting", args=[meeting.pk])).status_code == 404
    for _route, name, _pattern in PLAIN_PATTERNS:
        if not name.startswith("portal:") or name in ("portal:exit", "portal:sign-in"):
            continue
        response = client.get(reverse(name))
        assert response.status_code in (200, 302, 404), name
        body = response.content.decode()
        assert robin.preferred_name not in body, name
        assert "Casevenue Zq" not in body, name


def test_they_change_how_they_are_credited_and_unpublished_credits_follow(client, took_part):
    robin, participation, opportunity, involvement = took_part
    took_a_session(participation, involvement)
    _eighteen(robin)
    client.force_login(robin.portal_user)
    client.post(KEEP, {"credit_name": "R.M."})
    too_long = client.post(KEEP, {"credit_name": "x" * 121})
    assert too_long.status_code == 400
    assert "Keep this to 120 characters or fewer" in too_long.content.decode()
    assert ParticipationAccount.objects.get().credit_name == "R.M."
    client.post(KEEP, {"credit_name": ""})
    assert credit_line(opportunity=opportunity) == (
        "Made with 1 young person who chose not to be named."
    )


def test_a_bad_credit_name_when_keeping_one_moves_nothing(client, took_part):
    robin, _participation, _opportunity, involvement = took_part
    _eighteen(robin)
    client.force_login(robin.portal_user)
    response = client.post(KEEP, {"credit_name": "x" * 121})
    assert response.status_code == 400
    involvement.refresh_from_db()
    assert involvement.young_person == robin and involvement.account is None
    assert not ParticipationAccount.objects.exists()


def test_nobody_else_changes_an_account_holders_credit(took_part, north):
    robin, participation, _opportunity, _involvement = took_part
    _eighteen(robin)
    account = services.participation_account_keep(actor=robin.portal_user, credit_name="R.M.")
    _r, worker, _p = north
    for actor in (worker, participation):
        with pytest.raises(ValidationError):
            services.participation_account_credit_change(
                actor=actor, account=account, credit_name="Someone else"
            )
    account.refresh_from_db()
    assert account.credit_name == "R.M."


def test_only_the_young_person_signed_in_reaches_their_offer_never_staff_or_a_switched_off_one(
    took_part, north
):
    robin, participation, _opportunity, involvement = took_part
    _r, worker, _p = north
    assert involvement_get_for_portal(user=robin.portal_user, involvement_id=involvement.pk)
    robin.portal_user.is_active = False
    robin.portal_user.save()
    for user in (worker, participation, robin.portal_user):
        with pytest.raises(Http404):
            involvement_get_for_portal(user=user, involvement_id=involvement.pk)


def test_nobody_else_answers_or_asks_about_an_account_holders_offer(took_part):
    robin, _participation, _opportunity, involvement = took_part
    _eighteen(robin)
    account_user = robin.portal_user
    services.participation_account_keep(actor=account_user, credit_name="R.M.")
    involvement.refresh_from_db()
    someone = YoungPersonFactory(portal_user=YoungPersonAccountFactory()).portal_user
    with pytest.raises(ValidationError):
        services.involvement_answer(actor=someone, involvement=involvement, answer="no", reason="")
    with pytest.raises(ValidationError):
        services.question_ask(actor=someone, involvement=involvement, in_their_words="Hm?")
    services.involvement_answer(actor=account_user, involvement=involvement, answer="no", reason="")
    involvement.refresh_from_db()
    assert involvement.answer == "no"
