"""Writes about getting into the portal: invitation codes, and switching an account off."""

import re
import secrets
from datetime import timedelta

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import User
from accounts.services import keyed_digest
from participation.models import YoungPerson
from participation.powers import portal_access_change_allowed

from .models import PortalInvitation

INVITATION_LIFETIME = timedelta(days=7)
# No 0/O, 1/I/L: a code is read aloud, copied from a screen, typed on a phone.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8
PASSPHRASE_MIN_LENGTH = 12

CODE_NOT_RIGHT = "That code is not right. Check it and try again, or ask your worker for a new one."
CODE_USED = "That code has been used already. Ask your worker for a new one."
CODE_RUN_OUT = "That code has run out. Codes last 7 days. Ask your worker for a new one."
USERNAME_TAKEN = "Someone already has that username. Try a different one."
PHRASE_TOO_SHORT = (
    f"Your passphrase needs at least {PASSPHRASE_MIN_LENGTH} characters. "
    "Three or four words you will remember work well."
)
PHRASE_TOO_EASY_TO_GUESS = (
    "That passphrase would be easy for someone to guess. "
    "Try three or four words that mean something to you, but not to other people."
)


def code_normalise(code: str) -> str:
    """What a code means, however it was typed: spaces, dashes and lower case do not matter."""
    return re.sub(r"[^A-Z0-9]", "", code.upper())


def _code_digest(code: str) -> str:
    return keyed_digest(code_normalise(code))


PORTAL_ACCESS_REFUSED = "Only someone on the young person's case team can do this"


def _case_team_only(actor: User, young_person: YoungPerson) -> None:
    if not portal_access_change_allowed(actor=actor, young_person=young_person):
        raise ValidationError(PORTAL_ACCESS_REFUSED)


def _withdraw_open_codes(young_person: YoungPerson) -> None:
    PortalInvitation.objects.filter(
        young_person=young_person, used_at__isnull=True, withdrawn_at__isnull=True
    ).update(withdrawn_at=timezone.now())


@transaction.atomic
def portal_invitation_issue(*, actor: User, young_person: YoungPerson) -> str:
    """Make a new one-time code (any older unused code stops working) and return it.

    The code is returned once, to be shown to the practitioner; only its digest is kept.
    """
    _case_team_only(actor, young_person)
    _withdraw_open_codes(young_person)
    code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    PortalInvitation.objects.create(
        young_person=young_person,
        code_digest=_code_digest(code),
        issued_by=actor,
        expires_at=timezone.now() + INVITATION_LIFETIME,
    )
    return f"{code[:4]}-{code[4:]}"


@transaction.atomic
def portal_account_switch_off(*, actor: User, young_person: YoungPerson) -> None:
    """The account stops working on its next request, and no open code can bring it back."""
    _case_team_only(actor, young_person)
    _withdraw_open_codes(young_person)
    User.objects.filter(young_person=young_person).update(is_active=False)


def _passphrase_check(passphrase: str, account: User) -> None:
    if len(passphrase) < PASSPHRASE_MIN_LENGTH:
        raise ValidationError({"passphrase": PHRASE_TOO_SHORT})
    try:
        validate_password(passphrase, account)
    except ValidationError:
        raise ValidationError({"passphrase": PHRASE_TOO_EASY_TO_GUESS}) from None


@transaction.atomic
def portal_invitation_redeem(*, code: str, username: str, passphrase: str) -> User:
    """The young person uses their code to choose a username and passphrase.

    A first code makes their account; a later code lets them choose again (and switches a
    switched-off account back on). A refusal changes nothing, and the code still works.
    """
    invitation = (
        PortalInvitation.objects.select_for_update(of=("self",))
        .select_related("young_person__portal_user")
        .filter(code_digest=_code_digest(code))
        .first()
    )
    now = timezone.now()
    if invitation is None or invitation.withdrawn_at is not None:
        raise ValidationError({"code": CODE_NOT_RIGHT})
    if invitation.used_at is not None:
        raise ValidationError({"code": CODE_USED})
    if invitation.expires_at <= now:
        raise ValidationError({"code": CODE_RUN_OUT})
    young_person = invitation.young_person
    account = young_person.portal_user or User(kind=User.Kind.YOUNG_PERSON)
    account.username = username.strip()
    if User.objects.filter(username__iexact=account.username).exclude(pk=account.pk).exists():
        raise ValidationError({"username": USERNAME_TAKEN})
    account.full_clean(exclude=["password"], validate_constraints=False)
    _passphrase_check(passphrase, account)
    account.set_password(passphrase)
    account.is_active = True
    try:
        with transaction.atomic():
            account.save()
    except IntegrityError:  # the same username chosen by someone else a moment ago
        raise ValidationError({"username": USERNAME_TAKEN}) from None
    if young_person.portal_user_id != account.pk:
        young_person.portal_user = account
        young_person.save(update_fields=["portal_user"])
    invitation.used_at = now
    invitation.save(update_fields=["used_at"])
    return account
