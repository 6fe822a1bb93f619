"""A young person asks about an opportunity offered to them, in the portal; those who run it
read the question without the young person's name and answer it once; the answer reaches
the young person there."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from collective import services
from collective.models import Question
from notifications.models import Kind, Notification
from tests.collective.conftest import FORM
from tests.factories import YoungPersonAccountFactory, YoungPersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def offered(north):
    """Robin has been offered the opportunity and has not answered yet."""
    robin, worker, participation = north
    opportunity = services.opportunity_create(actor=participation, **FORM)
    involvement = services.opportunity_offer(
        actor=worker, opportunity=opportunity, young_person=robin
    )
    return robin, worker, participation, opportunity, involvement


def test_robin_asks_before_answering_and_those_who_run_it_are_told_without_robins_name(
    client, offered
):
    robin, _worker, participation, opportunity, involvement = offered
    url = reverse("portal:opportunity-answer", args=[involvement.pk])
    client.force_login(robin.portal_user)
    empty = client.post(url, {"ask": "yes", "in_their_words": "  "})
    assert empty.status_code == 400
    assert "Write your question" in empty.content.decode()
    too_long = client.post(url, {"ask": "yes", "in_their_words": "x" * 501})
    assert "Keep this to 500 characters or fewer" in too_long.content.decode()
    assert not Question.objects.exists()

    response = client.post(url, {"ask": "yes", "in_their_words": "Is there lunch?"})
    assert response.status_code == 302
    involvement.refresh_from_db()
    assert involvement.answer == ""  # asking is not answering
    assert Notification.objects.filter(
        kind=Kind.OPPORTUNITY_QUESTION, recipient=participation
    ).exists()
    client.force_login(participation)
    page = client.get(reverse("collective:opportunity", args=[opportunity.pk])).content.decode()
    assert "Is there lunch?" in page
    assert robin.preferred_name not in page


def test_only_those_who_run_it_answer_once_and_robin_reads_the_answer(client, offered):
    robin, worker, participation, _opportunity, involvement = offered
    question = services.question_ask(
        actor=robin.portal_user, involvement=involvement, in_their_words="Is there lunch?"
    )
    url = reverse("collective:question-answer", args=[question.pk])
    client.force_login(worker)  # their case team, not running it
    assert client.get(url).status_code == 404
    with pytest.raises(ValidationError):
        services.question_answer(actor=worker, question=question, answer="Yes")

    client.force_login(participation)
    empty = client.post(url, {"answer": ""})
    assert empty.status_code == 400
    assert "Write your answer" in empty.content.decode()
    assert client.post(url, {"answer": "Yes, sandwiches\nand fruit."}).status_code == 302
    again = client.post(url, {"answer": "Something else"})
    assert again.status_code == 400
    assert "This has already been answered" in again.content.decode()
    question.refresh_from_db()
    assert question.answer == "Yes, sandwiches\nand fruit."
    assert Notification.objects.filter(
        kind=Kind.OPPORTUNITY_ANSWER, recipient=robin.portal_user
    ).exists()

    client.force_login(robin.portal_user)
    page = client.get(reverse("portal:opportunity-answer", args=[involvement.pk])).content.decode()
    assert "Yes, sandwiches<br>and fruit." in page


def test_nobody_else_asks_in_their_name(offered):
    _robin, worker, participation, _opportunity, involvement = offered
    someone = YoungPersonFactory(portal_user=YoungPersonAccountFactory()).portal_user
    for actor in (worker, participation, someone):
        with pytest.raises(ValidationError):
            services.question_ask(actor=actor, involvement=involvement, in_their_words="Hm?")
    assert not Question.objects.exists()
