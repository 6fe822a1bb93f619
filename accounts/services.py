import hmac
import ipaddress
from importlib import import_module

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.http import HttpRequest

from .models import SignedInSession, User
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


def keyed_digest(text: str) -> str:
    """A digest only this deployment can make: what is stored in place of a secret or a name."""
    return hmac.new(settings.SECRET_KEY.encode(), text.encode(), "sha256").hexdigest()


def client_address(request: HttpRequest) -> str:
    """The address the request came from. Behind TRUSTED_PROXY_COUNT proxies (a load balancer
    that appends to X-Forwarded-For), it is the hop the nearest trusted proxy saw; anything
    further left in the header is whatever the client wrote, and is never believed."""
    trusted = settings.TRUSTED_PROXY_COUNT
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    hops = [hop for hop in hops if hop]
    if trusted and len(hops) >= trusted:
        candidate = hops[-trusted]
        try:
            return str(ipaddress.ip_address(candidate))
        except ValueError:
            pass
    return request.META.get("REMOTE_ADDR", "")


def user_agent(request: HttpRequest) -> str:
    return request.META.get("HTTP_USER_AGENT", "")[:200]


# Every signed-in session is listed, so that all of a person's sessions can be ended at once
# (signing out, a new password, a second-factor reset, an account switched off) and a member
# of staff can see and end their own.


def session_register(*, request: HttpRequest, user: User) -> None:
    """Call straight after `login()`: the session it made is this person's."""
    if not request.session.session_key:  # login() after another person's session flushes it
        request.session.save()
    SignedInSession.objects.update_or_create(
        session_key=request.session.session_key,
        defaults={
            "user": user,
            "address": client_address(request) or None,
            "user_agent": user_agent(request),
        },
    )


def sessions_end(*, user: User, keep: str | None = None, only: str | None = None) -> int:
    """End this person's sessions on every device (all, all but `keep`, or just `only`), and
    say how many ended."""
    store = import_module(settings.SESSION_ENGINE).SessionStore
    sessions = SignedInSession.objects.filter(user=user)
    if keep:
        sessions = sessions.exclude(session_key=keep)
    if only:
        sessions = sessions.filter(session_key=only)
    keys = list(sessions.values_list("session_key", flat=True))
    for key in keys:
        store(session_key=key).delete()
    SignedInSession.objects.filter(session_key__in=keys).delete()
    return len(keys)
