from django.core.exceptions import ValidationError
from django.db import transaction

from accounts.models import User
from collective.models import Opportunity
from meetings.models import Feedback

from .models import ServiceChange
from .powers import service_change_allowed
from .selectors import feedback_linkable, opportunities_linkable

SERVICE_CHANGE_REFUSED = "Only a CSE lead can record what their organisation changed."


@transaction.atomic
def service_change_record(
    *,
    actor: User,
    you_said: str,
    we_did: str,
    feedback: list[Feedback],
    opportunity: Opportunity | None = None,
) -> ServiceChange:
    """Record a change made because of what young people said, linked to the feedback it
    answers (feedback on meetings this lead may open) and to the opportunity it came from
    (one their organisation ran)."""
    if not service_change_allowed(actor=actor) or actor.organisation is None:
        raise ValidationError(SERVICE_CHANGE_REFUSED)
    linkable = feedback_linkable(user=actor).filter(pk__in=[f.pk for f in feedback])
    if linkable.count() != len({f.pk for f in feedback}):
        raise ValidationError({"feedback": "Choose feedback from the list"})
    if (
        opportunity is not None
        and not opportunities_linkable(user=actor).filter(pk=opportunity.pk).exists()
    ):
        raise ValidationError({"opportunity": "Choose an opportunity from the list"})
    change = ServiceChange(
        organisation=actor.organisation,
        you_said=you_said.strip(),
        we_did=we_did.strip(),
        opportunity=opportunity,
        recorded_by=actor,
    )
    change.full_clean()
    change.save()
    change.feedback.set(feedback)
    return change
