"""Signing in: the three doors, their lockout, the second factor, and what each records.

Three doors are counted apart: the staff sign-in (`email`), the portal sign-in (`username`)
and invitation-code entry (`code`). Within each, failures count against the account tried
and against the client address:

- An account (a person, known or made up) is locked after THROTTLE_LIMIT_PER_PERSON failures
  in THROTTLE_WINDOW, from any address. For staff, a wrong second-factor code counts too.
- An address's failures at a sign-in door are counted and recorded when they pass their
  limit, but never lock the door: one scanner behind an office's address must not lock out
  everyone else there. At the code door, where there is no account to count against, the
  address is what locks.

Every sign-in, failure, lockout and second-factor change is an access event about the
account, with the client address and browser.
"""

from datetime import timedelta

from django.contrib.auth import login
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django_otp import login as otp_login
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.access import SIGNED_IN_AT
from accounts.models import SignInFailure, User
from accounts.powers import second_factor_reset_allowed
from accounts.roles import Role
from accounts.selectors import staff_in_role
from accounts.services import client_address, keyed_digest, session_register, sessions_end
from audit.services import Outcome, account_event_record
from notifications import services as notifications
from notifications.models import Kind

THROTTLE_WINDOW = timedelta(minutes=15)
THROTTLE_LIMIT_PER_PERSON = 5
THROTTLE_LIMIT_PER_ADDRESS = 20
THROTTLED_MESSAGE = "You have tried too many times. Wait 15 minutes, then try again."

STAFF_DOOR = "email"
PORTAL_DOOR = "username"
CODE_DOOR = "code"
# Doors with accounts: the address is counted, and never locks.
ACCOUNT_DOORS = {STAFF_DOOR, PORTAL_DOOR}

# What the access events about signing in say (`what`), as CSE leads read them.
SIGNED_IN = "sign-in"
SIGN_IN_FAILED = "sign-in refused"
LOCKED = "account locked"
ADDRESS_OVER_LIMIT = "many failures from one address"
SECOND_FACTOR_SET_UP = "second factor set up"
SECOND_FACTOR_RESET = "second factor reset"
RECOVERY_CODE_USED = "recovery code used"
CONFIRMED = "confirmed it is them"
SIGN_IN_EVENTS = [
    SIGNED_IN,
    SIGN_IN_FAILED,
    LOCKED,
    ADDRESS_OVER_LIMIT,
    SECOND_FACTOR_SET_UP,
    SECOND_FACTOR_RESET,
    RECOVERY_CODE_USED,
    CONFIRMED,
]


def _account_key(door: str, who: str) -> str:
    return keyed_digest(f"who:{door}:{who.strip().lower()}")


def _address_key(door: str, request: HttpRequest) -> str:
    return keyed_digest(f"address:{door}:{client_address(request)}")


def _failures(keys: list[str]) -> dict[str, int]:
    return dict(
        SignInFailure.objects.filter(key__in=keys, at__gte=timezone.now() - THROTTLE_WINDOW)
        .values("key")
        .annotate(failures=Count("id"))
        .values_list("key", "failures")
    )


def _at_limit(key: str, limit: int) -> bool:
    return _failures([key]).get(key, 0) >= limit


def sign_in_throttled(*, request: HttpRequest, door: str, who: str = "") -> bool:
    """True while this door is shut to this attempt: the account tried has failed too often,
    or, at the code door, this address has."""
    if door in ACCOUNT_DOORS:
        return _at_limit(_account_key(door, who), THROTTLE_LIMIT_PER_PERSON)
    return _at_limit(_address_key(door, request), THROTTLE_LIMIT_PER_ADDRESS)


def account_locked(*, user: User) -> bool:
    """A member of staff's account is locked (wrong passwords or codes, from anywhere)."""
    return _at_limit(_account_key(STAFF_DOOR, user.email or ""), THROTTLE_LIMIT_PER_PERSON)


def sign_in_failure_record(
    *, request: HttpRequest, door: str, who: str = "", account: User | None = None
) -> bool:
    """Count one failure against the account and the address; record it, and the lockout it
    causes. True if this failure locked the account."""
    keys = [_address_key(door, request)]
    if door in ACCOUNT_DOORS:
        keys.append(_account_key(door, who))
    SignInFailure.objects.bulk_create(SignInFailure(key=key) for key in keys)
    SignInFailure.objects.filter(at__lt=timezone.now() - THROTTLE_WINDOW).delete()
    counts = _failures(keys)
    if door not in ACCOUNT_DOORS:
        return False
    account_event_record(
        request=request, what=SIGN_IN_FAILED, outcome=Outcome.DENIED, account=account
    )
    if counts.get(keys[0], 0) == THROTTLE_LIMIT_PER_ADDRESS:
        account_event_record(request=request, what=ADDRESS_OVER_LIMIT, outcome=Outcome.DENIED)
    if counts.get(keys[1], 0) != THROTTLE_LIMIT_PER_PERSON:
        return False
    account_event_record(request=request, what=LOCKED, outcome=Outcome.DENIED, account=account)
    if account is not None and account.is_staff_member:
        sessions_end(user=account)
        notifications.notify(
            kind=Kind.ACCOUNT_LOCKED,
            recipients=[account, *_organisation_cse_leads(account)],
            key=f"{Kind.ACCOUNT_LOCKED}:{account.pk}:{timezone.now():%Y%m%d%H%M%S}",
        )
    return True


def _organisation_cse_leads(user: User) -> QuerySet[User]:
    return staff_in_role(role=Role.CSE_LEAD, organisation_id=user.organisation_id).exclude(
        pk=user.pk
    )


# The second factor: an authenticator app (TOTP) and ten single-use recovery codes.

RECOVERY_CODES = 10
RESET_REFUSED = (
    "Only a CSE lead or an administrator of the same organisation can reset someone's second "
    "factor, and nobody can reset their own."
)


def second_factor(user: User) -> TOTPDevice | None:
    """The member of staff's confirmed authenticator, if they have set one up."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def second_factor_start(*, user: User) -> TOTPDevice:
    """A new authenticator to set up (the one being set up, if there is one already): it
    counts for nothing until a code from it is entered."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="Authenticator", confirmed=False)


def _recovery_codes_make(user: User) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="Recovery codes")
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def second_factor_confirm(
    *, request: HttpRequest, user: User, device: TOTPDevice, code: str
) -> list[str] | None:
    """Confirm a new authenticator with a code from it. It replaces any other, and comes
    with ten new recovery codes (returned, to be shown once). None if the code is wrong."""
    with transaction.atomic():
        locked = TOTPDevice.objects.select_for_update().get(pk=device.pk, user=user)
        if not locked.verify_token(_digits(code)):
            return None
        TOTPDevice.objects.filter(user=user).exclude(pk=locked.pk).delete()
        locked.confirmed = True
        locked.save(update_fields=["confirmed"])
        codes = _recovery_codes_make(user)
    account_event_record(
        request=request, what=SECOND_FACTOR_SET_UP, outcome=Outcome.ALLOWED, account=user
    )
    return codes


def _digits(code: str) -> str:
    return "".join(code.split()).replace("-", "")


def second_factor_verify(*, request: HttpRequest, user: User, code: str) -> Device | None:
    """The device that accepts this code: the authenticator (6 digits, each code once), or a
    recovery code (used up as it is used). None if neither does."""
    code = _digits(code).lower()
    candidates: list[Device] = []
    if code.isdigit():
        candidates.extend(TOTPDevice.objects.filter(user=user, confirmed=True))
    else:
        candidates.extend(StaticDevice.objects.filter(user=user, confirmed=True))
    for candidate in candidates:
        with transaction.atomic():
            device = type(candidate).objects.select_for_update().get(pk=candidate.pk)
            if device.verify_token(code):
                if isinstance(device, StaticDevice):
                    account_event_record(
                        request=request,
                        what=RECOVERY_CODE_USED,
                        outcome=Outcome.ALLOWED,
                        account=user,
                    )
                return device
    return None


def recovery_codes_left(user: User) -> int:
    return StaticToken.objects.filter(device__user=user).count()


def sign_in_complete(*, request: HttpRequest, user: User, device: Device | None) -> None:
    """Both steps done (or, for a young person, the one): a new session key, the session
    listed, the second factor kept in it, and the sign-in recorded."""
    login(request, user, backend="accounts.backends.SignInBackend")
    if device is not None:
        otp_login(request, device)
    request.session[SIGNED_IN_AT] = timezone.now().timestamp()
    session_register(request=request, user=user)
    account_event_record(request=request, what=SIGNED_IN, outcome=Outcome.ALLOWED, account=user)


def second_factor_reset(*, request: HttpRequest, actor: User, user: User) -> None:
    """A second person clears a member of staff's lost authenticator and recovery codes. Every
    session of theirs ends; they set up a new one at their next sign-in. They and their
    organisation's CSE leads are told."""
    if not second_factor_reset_allowed(actor=actor, user=user):
        raise ValidationError(RESET_REFUSED)
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
        notifications.notify(
            kind=Kind.SECOND_FACTOR_RESET,
            recipients=[user, *_organisation_cse_leads(user).exclude(pk=actor.pk)],
            key=f"{Kind.SECOND_FACTOR_RESET}:{user.pk}:{timezone.now():%Y%m%d%H%M%S}",
        )
        account_event_record(
            request=request, what=SECOND_FACTOR_RESET, outcome=Outcome.ALLOWED, account=user
        )
    sessions_end(user=user)
