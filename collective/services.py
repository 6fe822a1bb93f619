from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from notifications import services as notifications
from notifications.models import Kind
from participation.models import YoungPerson

from .models import (
    Contribution,
    Involvement,
    Opportunity,
    Output,
    ParticipationAccount,
    Question,
)
from .powers import (
    opportunity_create_allowed,
    opportunity_manage_allowed,
    opportunity_offer_allowed,
)
from .selectors import (
    credit_line,
    is_theirs,
    participation_account_open_to,
    portal_user_of,
)

CREATE_REFUSED = "Only a participation worker or a CSE lead can create an opportunity."
OFFER_REFUSED = "Only someone on their case team can offer them an opportunity."


@transaction.atomic
def opportunity_create(*, actor: User, **fields: str) -> Opportunity:
    if not opportunity_create_allowed(actor=actor):
        raise ValidationError(CREATE_REFUSED)
    opportunity = Opportunity(
        organisation=actor.organisation,
        created_by=actor,
        **{name: value.strip() for name, value in fields.items()},
    )
    opportunity.full_clean()
    opportunity.save()
    return opportunity


@transaction.atomic
def opportunity_offer(
    *, actor: User, opportunity: Opportunity, young_person: YoungPerson
) -> Involvement:
    """Offer one opportunity to one young person, once."""
    if not opportunity_offer_allowed(actor=actor, young_person=young_person):
        raise ValidationError(OFFER_REFUSED)
    if Involvement.objects.filter(opportunity=opportunity, young_person=young_person).exists():
        raise ValidationError({"opportunity": "They have already been offered this"})
    return Involvement.objects.create(
        opportunity=opportunity, young_person=young_person, offered_by=actor
    )


@transaction.atomic
def involvement_answer(
    *, actor: User, involvement: Involvement, answer: str, reason: str
) -> Involvement:
    """The young person says yes or no, with a reason if they want to give one; they may
    change their mind."""
    if not (actor.is_young_person and is_theirs(involvement, actor)):
        raise ValidationError("Only the young person can answer this, in the portal")
    if answer not in Involvement.Answer.values:
        raise ValidationError({"answer": "Choose yes or no"})
    involvement.answer = answer
    involvement.reason = reason.strip()
    involvement.answered_at = timezone.now()
    involvement.full_clean()
    involvement.save(update_fields=["answer", "reason", "answered_at"])
    return involvement


MANAGE_REFUSED = (
    "Only a participation worker or CSE lead of the organisation running it can do this."
)


@transaction.atomic
def contribution_record(
    *,
    actor: User,
    involvement: Involvement,
    session_on: date,
    in_their_words: str,
    support_given: str,
) -> Contribution:
    if not opportunity_manage_allowed(actor=actor, opportunity=involvement.opportunity):
        raise ValidationError(MANAGE_REFUSED)
    if involvement.answer != Involvement.Answer.YES:
        raise ValidationError("They have not said yes to this")
    if session_on > timezone.localdate():
        raise ValidationError({"session_on": "The session's date must be today or earlier"})
    contribution = Contribution(
        involvement=involvement,
        session_on=session_on,
        in_their_words=in_their_words.strip(),
        support_given=support_given.strip(),
        recorded_by=actor,
    )
    contribution.full_clean()
    contribution.save()
    return contribution


@transaction.atomic
def output_add(*, actor: User, opportunity: Opportunity, kind: str, title: str) -> Output:
    if not opportunity_manage_allowed(actor=actor, opportunity=opportunity):
        raise ValidationError(MANAGE_REFUSED)
    output = Output(opportunity=opportunity, kind=kind, title=title.strip(), created_by=actor)
    output.full_clean()
    output.save()
    return output


@transaction.atomic
def output_publish(*, actor: User, output: Output) -> Output:
    """Mark an output published, keeping the credit it went out with: later changes to
    anyone's naming choice are then listed against it for the worker to act on."""
    if not opportunity_manage_allowed(actor=actor, opportunity=output.opportunity):
        raise ValidationError(MANAGE_REFUSED)
    output.published_at = timezone.now()
    output.credit_when_published = credit_line(opportunity=output.opportunity)
    output.save(update_fields=["published_at", "credit_when_published"])
    return output


@transaction.atomic
def involvement_preparation_save(
    *,
    actor: User,
    involvement: Involvement,
    what_others_may_know: str,
    risks_and_benefits_talked_through: bool,
    clumsy_questions_talked_through: bool,
    group_statement: str,
) -> Involvement:
    """The checklist for public or political work, kept on their involvement."""
    if not opportunity_manage_allowed(actor=actor, opportunity=involvement.opportunity):
        raise ValidationError(MANAGE_REFUSED)
    involvement.what_others_may_know = what_others_may_know.strip()
    involvement.risks_and_benefits_talked_through = risks_and_benefits_talked_through
    involvement.clumsy_questions_talked_through = clumsy_questions_talked_through
    involvement.group_statement = group_statement.strip()
    involvement.full_clean()
    involvement.save(
        update_fields=[
            "what_others_may_know",
            "risks_and_benefits_talked_through",
            "clumsy_questions_talked_through",
            "group_statement",
        ]
    )
    return involvement


@transaction.atomic
def reference_ask(*, actor: User, involvement: Involvement) -> Involvement:
    """The young person asks for a reference letter for something they took part in; the
    one who runs it is told (a notice that names nobody)."""
    if not (actor.is_young_person and is_theirs(involvement, actor)):
        raise ValidationError("Only the young person can ask for their reference letter")
    involvement = Involvement.objects.select_for_update().get(pk=involvement.pk)
    if involvement.answer != Involvement.Answer.YES or not involvement.contributions.exists():
        raise ValidationError("You can ask once you have taken part in a session")
    if involvement.reference_asked_at is not None:
        raise ValidationError("You have already asked. We will tell you when it is ready.")
    involvement.reference_asked_at = timezone.now()
    involvement.save(update_fields=["reference_asked_at"])
    notifications.notify(
        kind=Kind.REFERENCE_ASKED,
        recipients=[involvement.opportunity.created_by],
        key=f"{Kind.REFERENCE_ASKED}:{involvement.pk}",
    )
    return involvement


@transaction.atomic
def reference_write(*, actor: User, involvement: Involvement, letter: str) -> Involvement:
    """Those who run the opportunity write the reference letter the young person asked for
    (and may put it right later); the young person is told it is ready the first time."""
    if not opportunity_manage_allowed(actor=actor, opportunity=involvement.opportunity):
        raise ValidationError(MANAGE_REFUSED)
    if involvement.reference_asked_at is None:
        raise ValidationError("They have not asked for a reference letter")
    letter = letter.strip()
    if not letter:
        raise ValidationError({"letter": "Write their reference letter"})
    first = not involvement.reference_letter
    involvement.reference_letter = letter
    involvement.reference_written_by = actor
    involvement.reference_written_at = timezone.now()
    involvement.full_clean()
    involvement.save(
        update_fields=["reference_letter", "reference_written_by", "reference_written_at"]
    )
    portal_user = portal_user_of(involvement)
    if first and portal_user is not None:
        notifications.notify(
            kind=Kind.REFERENCE_READY,
            recipients=[portal_user],
            key=f"{Kind.REFERENCE_READY}:{involvement.pk}",
        )
    return involvement


CREDIT_NAME_LIMIT = 120


def _credit_name_clean(credit_name: str) -> str:
    credit_name = credit_name.strip()
    if len(credit_name) > CREDIT_NAME_LIMIT:
        raise ValidationError({"credit_name": "Keep this to 120 characters or fewer"})
    return credit_name


@transaction.atomic
def participation_account_keep(*, actor: User, credit_name: str) -> ParticipationAccount:
    """The young person keeps taking part after 18, or after their case closes: their portal
    account moves away from their case record to a participation-only account, with every
    opportunity they were offered. The record no longer names the account, and the moved
    involvements are no longer the record's, so nobody on a case team sees them."""
    young_person = (
        YoungPerson.objects.select_for_update()
        .filter(portal_user=actor, portal_user__is_active=True)
        .first()
        if actor.is_young_person
        else None
    )
    if young_person is None:
        raise ValidationError("Only a young person signed in to their own portal can do this")
    if not participation_account_open_to(young_person=young_person):
        raise ValidationError("You can do this when you turn 18, or when your case closes")
    account = ParticipationAccount(user=actor, credit_name=_credit_name_clean(credit_name))
    account.full_clean()
    account.save()
    Involvement.objects.filter(young_person=young_person).update(young_person=None, account=account)
    young_person.portal_user = None
    young_person.save(update_fields=["portal_user"])
    return account


@transaction.atomic
def participation_account_credit_change(
    *, actor: User, account: ParticipationAccount, credit_name: str
) -> ParticipationAccount:
    """How they want to be credited, from now on, in everything they take part in (outputs
    not yet published follow it; published ones are listed for the worker)."""
    if account.user_id != actor.pk:
        raise ValidationError("Only the account's holder can change this")
    account.credit_name = _credit_name_clean(credit_name)
    account.save(update_fields=["credit_name"])
    return account


@transaction.atomic
def question_ask(*, actor: User, involvement: Involvement, in_their_words: str) -> Question:
    """The young person asks about an opportunity offered to them. Those who run it are told
    (a notice that names nobody) and read it without the young person's name."""
    if not (actor.is_young_person and is_theirs(involvement, actor)):
        raise ValidationError("Only the young person can ask about this, in the portal")
    question = Question(involvement=involvement, in_their_words=in_their_words.strip())
    if not question.in_their_words:
        raise ValidationError({"in_their_words": "Write your question"})
    question.full_clean()
    question.save()
    notifications.notify(
        kind=Kind.OPPORTUNITY_QUESTION,
        recipients=[involvement.opportunity.created_by],
        key=f"{Kind.OPPORTUNITY_QUESTION}:{question.pk}",
    )
    return question


@transaction.atomic
def question_answer(*, actor: User, question: Question, answer: str) -> Question:
    """Those who run the opportunity answer, once; the young person is told in the portal."""
    if not opportunity_manage_allowed(actor=actor, opportunity=question.involvement.opportunity):
        raise ValidationError(MANAGE_REFUSED)
    question = (
        Question.objects.select_for_update().select_related("involvement").get(pk=question.pk)
    )
    if question.answered_at is not None:
        raise ValidationError("This has already been answered")
    question.answer = answer.strip()
    if not question.answer:
        raise ValidationError({"answer": "Write your answer"})
    question.answered_by = actor
    question.answered_at = timezone.now()
    question.full_clean()
    question.save(update_fields=["answer", "answered_by", "answered_at"])
    portal_user = portal_user_of(question.involvement)
    if portal_user is not None:
        notifications.notify(
            kind=Kind.OPPORTUNITY_ANSWER,
            recipients=[portal_user],
            key=f"{Kind.OPPORTUNITY_ANSWER}:{question.pk}",
        )
    return question
