import hmac
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db.models import Count
from django.http import HttpRequest
from django.utils import timezone

from .models import SignInFailure, User
from .roles import Role

# Administrators manage users and organisations through the admin site, and nothing else.
ADMINISTRATOR_PERMISSIONS = [
    "add_user",
    "change_user",
    "view_user",
    "add_organisation",
    "change_organisation",
    "view_organisation",
]


def roles_ensure() -> None:
    """Create the role groups and the administrator's model permissions (idempotent)."""
    for role in Role:
        Group.objects.get_or_create(name=role.value)
    administrators = Group.objects.get(name=Role.ADMINISTRATOR.value)
    administrators.permissions.set(
        Permission.objects.filter(
            content_type__app_label="accounts", codename__in=ADMINISTRATOR_PERMISSIONS
        )
    )


# Repeated failures to get in are slowed down: per person tried, and per network address.
THROTTLE_WINDOW = timedelta(minutes=15)
THROTTLE_LIMIT_PER_PERSON = 5
THROTTLE_LIMIT_PER_ADDRESS = 20
THROTTLED_MESSAGE = "You have tried too many times. Wait 15 minutes, then try again."


def keyed_digest(text: str) -> str:
    """A digest only this deployment can make: what is stored in place of a secret or a name."""
    return hmac.new(settings.SECRET_KEY.encode(), text.encode(), "sha256").hexdigest()


def _person_key(door: str, who: str) -> str:
    return keyed_digest(f"who:{door}:{who.strip().lower()}")


def _throttle_keys(*, request: HttpRequest, door: str, who: str) -> dict[str, int]:
    """Digests of what an attempt counts against, each with the failures it may have."""
    address = request.META.get("REMOTE_ADDR", "")
    keys = {keyed_digest(f"address:{address}"): THROTTLE_LIMIT_PER_ADDRESS}
    if who.strip():
        keys[_person_key(door, who)] = THROTTLE_LIMIT_PER_PERSON
    return keys


def _failures(keys: dict[str, int]) -> dict[str, int]:
    return dict(
        SignInFailure.objects.filter(key__in=keys, at__gte=timezone.now() - THROTTLE_WINDOW)
        .values("key")
        .annotate(failures=Count("id"))
        .values_list("key", "failures")
    )


def sign_in_throttled(*, request: HttpRequest, door: str, who: str = "") -> bool:
    """True while this person, or this address, has failed too often in the last while."""
    keys = _throttle_keys(request=request, door=door, who=who)
    counts = _failures(keys)
    return any(counts.get(key, 0) >= limit for key, limit in keys.items())


# A signed-in member of staff asked for their password again (break-glass) counts against the
# same limit as the staff sign-in page: five wrong answers lock both for 15 minutes.
STAFF_DOOR = "email"


def _staff_account_key(user: User) -> dict[str, int]:
    return {_person_key(STAFF_DOOR, user.email or ""): THROTTLE_LIMIT_PER_PERSON}


def staff_account_locked(*, user: User) -> bool:
    keys = _staff_account_key(user)
    return any(count >= THROTTLE_LIMIT_PER_PERSON for count in _failures(keys).values())


def staff_account_failure_record(*, user: User) -> bool:
    """Count one wrong password against the account; True if this one reached the limit."""
    keys = _staff_account_key(user)
    SignInFailure.objects.bulk_create(SignInFailure(key=key) for key in keys)
    return any(count == THROTTLE_LIMIT_PER_PERSON for count in _failures(keys).values())


def sign_in_failure_record(*, request: HttpRequest, door: str, who: str = "") -> None:
    keys = _throttle_keys(request=request, door=door, who=who)
    SignInFailure.objects.bulk_create(SignInFailure(key=key) for key in keys)
    SignInFailure.objects.filter(at__lt=timezone.now() - THROTTLE_WINDOW).delete()
