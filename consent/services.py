"""Every write about consent and identity. Decisions are only ever added, never changed."""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts.models import Organisation, User
from participation.models import YoungPerson
from participation.selectors import is_on_case_team

from .models import IdentityDecision, MadeBy, NamingContext, SharingDecision
from .selectors import consent_can_record

# A choice made in the portal is looked at again with the young person after six months.
PORTAL_REVIEW_AFTER = timedelta(days=182)


def _review_date_check(review_on: date) -> None:
    if review_on <= timezone.localdate():
        raise ValidationError({"review_on": "The review date must be in the future"})


def _made_by(actor: User, made_by: str) -> str:
    """A decision made in the portal is the young person's own; staff say whose it was."""
    if actor.is_young_person:
        return MadeBy.IN_PORTAL
    if made_by not in (MadeBy.WITH_WORKER, MadeBy.PROFESSIONAL):
        raise ValidationError({"made_by": "Select whose decision this is"})
    return made_by


def _is_their_real_name(young_person: YoungPerson, pseudonym: str) -> bool:
    chosen = pseudonym.strip().casefold()
    names = {young_person.preferred_name, young_person.legal_name}
    parts = {part for name in names for part in name.split()}
    return chosen in {n.strip().casefold() for n in names | parts}


def identity_decision_record(
    *,
    actor: User,
    young_person: YoungPerson,
    context: str,
    choice: str,
    pseudonym: str,
    their_words: str,
    made_by: str,
    review_on: date | None,
) -> IdentityDecision:
    """How the young person wants to be named in one context, from now on."""
    if not consent_can_record(user=actor, young_person=young_person):
        raise ValidationError("Only the case team can record how a young person is named")
    if context not in NamingContext.values:
        raise ValidationError({"context": "Select where the name is used"})
    if choice not in IdentityDecision.Choice.values:
        raise ValidationError({"choice": "Select how they want to be named"})
    pseudonym = pseudonym.strip() if choice == IdentityDecision.Choice.PSEUDONYM else ""
    if choice == IdentityDecision.Choice.PSEUDONYM:
        if not pseudonym:
            raise ValidationError({"pseudonym": "Enter the name they chose"})
        if _is_their_real_name(young_person, pseudonym):
            raise ValidationError(
                {"pseudonym": "A chosen name must be different from their real name"}
            )
    if actor.is_young_person:
        review_on = timezone.localdate() + PORTAL_REVIEW_AFTER
    if review_on is None:
        raise ValidationError({"review_on": "Enter a review date"})
    _review_date_check(review_on)
    decision = IdentityDecision(
        young_person=young_person,
        context=context,
        choice=choice,
        pseudonym=pseudonym,
        their_words=their_words.strip(),
        made_by=_made_by(actor, made_by),
        review_on=review_on,
        recorded_by=actor,
    )
    decision.full_clean()
    decision.save()
    return decision


def sharing_decision_record(
    *,
    actor: User,
    young_person: YoungPerson,
    organisation: Organisation,
    purpose: str,
    share: bool,
    basis: str,
    rationale: str,
    their_words: str,
    made_by: str,
    review_on: date,
) -> SharingDecision:
    """A decision to share, or not to share, information with an organisation for a purpose."""
    if not is_on_case_team(user=actor, young_person=young_person):
        raise ValidationError("Only the case team can record a sharing decision")
    made_by = _made_by(actor, made_by)
    if share and basis not in SharingDecision.Basis.values:
        raise ValidationError({"basis": "Select the lawful basis for sharing"})
    if share and basis == SharingDecision.Basis.CONSENT and made_by == MadeBy.PROFESSIONAL:
        raise ValidationError(
            {
                "basis": (
                    "Consent is the young person's to give: record the decision as made "
                    "with them, or choose another basis"
                )
            }
        )
    _review_date_check(review_on)
    decision = SharingDecision(
        young_person=young_person,
        organisation=organisation,
        purpose=purpose.strip(),
        share=share,
        basis=basis if share else "",
        rationale=rationale.strip(),
        their_words=their_words.strip(),
        made_by=made_by,
        review_on=review_on,
        recorded_by=actor,
    )
    decision.full_clean()
    decision.save()
    return decision
