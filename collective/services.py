from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from participation.models import YoungPerson

from .models import Involvement, Opportunity
from .powers import opportunity_create_allowed, opportunity_offer_allowed

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
    if involvement.young_person.portal_user_id != actor.pk:
        raise ValidationError("Only the young person can answer this, in the portal")
    if answer not in Involvement.Answer.values:
        raise ValidationError({"answer": "Choose yes or no"})
    involvement.answer = answer
    involvement.reason = reason.strip()
    involvement.answered_at = timezone.now()
    involvement.full_clean()
    involvement.save(update_fields=["answer", "reason", "answered_at"])
    return involvement
