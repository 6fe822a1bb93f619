"""Signing in and out, the second factor, confirming it is you, sessions, and passwords.

Staff sign in in two steps: a password, then a code from their authenticator app (set up on
their first sign-in). Until both are done the session holds only who is part-way through, for
5 minutes: a password alone reaches no staff page and not /admin/.
"""

from base64 import b32encode
from typing import Any

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.access import (
    REAUTH_AT,
    SignedInRequest,
    public_view,
    reauthenticate_first,
    reauthenticated,
    safe_next,
    staff_signed_in,
    staff_view,
)
from accounts.forms import GovukPasswordChangeForm, GovukSetPasswordForm, StaffPasswordResetForm
from accounts.models import SignedInSession, User
from accounts.powers import second_factor_reset_allowed, second_factor_resettable
from accounts.roles import Role
from accounts.services import session_register, sessions_end
from audit.services import Outcome, account_event_record
from config.forms import add_service_errors
from config.qr import qr_code_svg

from . import selectors, services
from .forms import (
    ConfirmForm,
    SecondFactorResetForm,
    SecondStepForm,
    SetUpForm,
    SignInForm,
    StaffSignInForm,
)

PENDING = "signin_pending"
PENDING_SECONDS = 5 * 60
RECOVERY_CODES_ONCE = "recovery_codes_once"


def sign_in_page(
    request: HttpRequest,
    *,
    form_class: type[SignInForm],
    template: str,
    already_in: bool,
    destination: str,
) -> HttpResponse:
    """The portal's one-step door: show the form, sign in on a right username and passphrase,
    or say what is wrong. (Young people have no second factor: their safety needs no device
    trail.)"""
    if already_in:
        return redirect(destination)
    form = form_class(request.POST if request.method == "POST" else None, request=request)
    if request.method == "POST" and form.is_valid():
        assert form.user is not None  # noqa: S101 - is_valid() guarantees it
        services.sign_in_complete(request=request, user=form.user, device=None)
        return redirect(destination)
    return render(request, template, {"form": form}, status=400 if form.errors else 200)


@public_view
@never_cache
def sign_in(request: HttpRequest) -> HttpResponse:
    """Step 1 of 2: email address and password."""
    if staff_signed_in(request):
        return redirect(safe_next(request, "home"))
    form = StaffSignInForm(request.POST if request.method == "POST" else None, request=request)
    if request.method == "POST" and form.is_valid():
        assert form.user is not None  # noqa: S101 - is_valid() guarantees it
        request.session.cycle_key()
        request.session[PENDING] = {
            "user": str(form.user.pk),
            "at": timezone.now().timestamp(),
            "next": safe_next(request),
        }
        if services.second_factor(form.user) is None:
            return redirect("signin:set-up")
        return redirect("signin:code")
    return render(
        request,
        "signin/sign_in.html",
        {"form": form, "next": safe_next(request)},
        status=400 if form.errors else 200,
    )


def _pending(request: HttpRequest) -> User | None:
    """Who passed step 1 in this session, in the last 5 minutes."""
    pending = request.session.get(PENDING)
    if not isinstance(pending, dict):
        return None
    if timezone.now().timestamp() - pending.get("at", 0) > PENDING_SECONDS:
        return None
    who = str(pending.get("user", ""))
    return User.objects.filter(pk=who, kind=User.Kind.STAFF, is_active=True).first()


def _finish(request: HttpRequest, user: User, device: Any) -> str:
    """Both steps done: sign in, and say where to go."""
    destination = request.session.pop(PENDING, {}).get("next") or reverse("home")
    services.sign_in_complete(request=request, user=user, device=device)
    return destination


STEP_EXPIRED = "Sign in again: it has been more than 5 minutes since you entered your password."


@public_view
@never_cache
def sign_in_code(request: HttpRequest) -> HttpResponse:
    """Step 2 of 2: a code from the authenticator app, or a recovery code."""
    user = _pending(request)
    if user is None:
        messages.info(request, STEP_EXPIRED)
        return redirect("signin:sign-in")
    if services.second_factor(user) is None:
        return redirect("signin:set-up")
    form = SecondStepForm(
        request.POST if request.method == "POST" else None, request=request, user=user
    )
    if request.method == "POST" and form.is_valid():
        destination = _finish(request, user, form.device)
        if form.device is not None and not isinstance(form.device, TOTPDevice):
            left = services.recovery_codes_left(user)
            messages.warning(
                request,
                f"You used a recovery code. You have {left} left. "
                "Set up your authenticator again from Your account.",
            )
        return redirect(destination)
    return render(request, "signin/code.html", {"form": form}, status=400 if form.errors else 200)


def _secret_for_typing(device: TOTPDevice) -> str:
    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def _set_up_page(request: HttpRequest, *, user: User, after: str, first_time: bool) -> HttpResponse:
    """Show a new authenticator's QR code and secret, and confirm it with its first code. It
    comes with ten recovery codes, shown once on the next page."""
    device = services.second_factor_start(user=user)
    form = SetUpForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        codes = services.second_factor_confirm(
            request=request, user=user, device=device, code=form.cleaned_data["code"]
        )
        if codes is None:
            form.add_error("code", "The code is not right. Enter the code the app shows now")
        else:
            device.refresh_from_db()
            if first_time:
                after = _finish(request, user, device)
            else:
                otp_login(request, device)
                ended = sessions_end(user=user, keep=request.session.session_key)
                if ended:
                    messages.info(request, f"Your {ended} other sessions have been signed out.")
            request.session[RECOVERY_CODES_ONCE] = {"codes": codes, "then": after}
            return redirect("signin:recovery-codes")
    return render(
        request,
        "signin/set_up.html",
        {
            "form": form,
            "first_time": first_time,
            "qr_svg": qr_code_svg(device.config_url),
            "secret": _secret_for_typing(device),
        },
        status=400 if form.errors else 200,
    )


@public_view
@never_cache
def sign_in_set_up(request: HttpRequest) -> HttpResponse:
    """Step 2 on a first sign-in (or after a reset): set up the authenticator app."""
    user = _pending(request)
    if user is None:
        messages.info(request, STEP_EXPIRED)
        return redirect("signin:sign-in")
    if services.second_factor(user) is not None:
        return redirect("signin:code")
    return _set_up_page(request, user=user, after="", first_time=True)


@staff_view
@never_cache
def second_factor_change(request: SignedInRequest) -> HttpResponse:
    """Move to a new phone: confirm it is you, then set up the new authenticator."""
    if not reauthenticated(request):
        return reauthenticate_first(request)
    return _set_up_page(
        request, user=request.user, after=reverse("signin:account"), first_time=False
    )


@staff_view
@never_cache
def recovery_codes(request: SignedInRequest) -> HttpResponse:
    """The ten recovery codes, shown once: after this page they are gone from the session."""
    once = request.session.pop(RECOVERY_CODES_ONCE, None)
    if not once:
        return redirect("signin:account")
    return render(
        request,
        "signin/recovery_codes.html",
        {"codes": once["codes"], "then": once["then"] or reverse("home")},
    )


@staff_view
@never_cache
def confirm(request: SignedInRequest) -> HttpResponse:
    """Confirm it is you (password and a current code) before a sensitive action; it holds for
    5 minutes."""
    form = ConfirmForm(
        request.POST if request.method == "POST" else None,
        request=request,
        user=request.user,
        recovery=False,
    )
    if request.method == "POST" and form.is_valid():
        request.session[REAUTH_AT] = timezone.now().timestamp()
        account_event_record(
            request=request, what=services.CONFIRMED, outcome=Outcome.ALLOWED, account=request.user
        )
        return redirect(safe_next(request, "home"))
    if request.method == "POST" and services.account_locked(user=request.user):
        # The lockout has ended every session, this one too.
        logout(request)
        messages.info(request, services.THROTTLED_MESSAGE)
        return redirect("signin:sign-in")
    return render(
        request,
        "signin/confirm.html",
        {"form": form, "next": safe_next(request)},
        status=400 if form.errors else 200,
    )


@public_view
@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    """Sign out here, and everywhere else this person is signed in."""
    user = request.user
    logout(request)
    if isinstance(user, User):
        sessions_end(user=user)
    return redirect("signin:signed-out")


@public_view
def signed_out(request: HttpRequest) -> HttpResponse:
    return render(request, "signin/signed_out.html")


@staff_view
def account(request: SignedInRequest) -> HttpResponse:
    """Your account: where you are signed in, your second factor, your password."""
    user = request.user
    return render(
        request,
        "signin/account.html",
        {
            "sessions": SignedInSession.objects.filter(user=user),
            "this_session": request.session.session_key,
            "device": services.second_factor(user),
            "recovery_codes_left": services.recovery_codes_left(user),
            "can_reset": second_factor_reset_allowed(actor=user),
            "can_see_events": user.has_role(Role.CSE_LEAD),
        },
    )


@staff_view
@require_POST
def sessions_end_page(request: SignedInRequest) -> HttpResponse:
    """End one of your other sessions, or all of them."""
    current = request.session.session_key
    which = request.POST.get("session", "")
    if which == "others":
        ended = sessions_end(user=request.user, keep=current)
    else:
        row = SignedInSession.objects.filter(
            user=request.user, pk__in=[which] if which.isdigit() else []
        ).first()
        if row is None or row.session_key == current:
            raise Http404
        ended = sessions_end(user=request.user, only=row.session_key)
    messages.success(request, f"Signed out of {ended} other session{'s' if ended != 1 else ''}.")
    return redirect("signin:account")


@staff_view
def second_factor_reset(request: SignedInRequest) -> HttpResponse:
    """A CSE lead or administrator resets the second factor of someone in their organisation
    who has lost their device."""
    if not second_factor_reset_allowed(actor=request.user):
        raise Http404
    form = SecondFactorResetForm(
        request.POST if request.method == "POST" else None,
        people=second_factor_resettable(actor=request.user),
    )
    if request.method == "POST" and form.is_valid():
        person = form.cleaned_data["user"]
        try:
            services.second_factor_reset(request=request, actor=request.user, user=person)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                f"{person.full_name}'s second factor is reset and they are signed out everywhere. "
                "They will set up their authenticator again the next time they sign in.",
            )
            return redirect("signin:account")
    return render(
        request,
        "signin/second_factor_reset.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


@staff_view
def sign_in_events(request: SignedInRequest) -> HttpResponse:
    """Signing in, lockouts and second-factor changes for the accounts of a CSE lead's own
    organisation."""
    events = selectors.sign_in_events_for(user=request.user)
    if events is None:
        raise Http404
    return render(request, "signin/sign_in_events.html", {"events": events})


# Passwords: nobody sets another person's. A member of staff asks for a link (or an
# administrator sends them one), which works once, for an hour (PASSWORD_RESET_TIMEOUT), and
# a signed-in member of staff can change their own. Either way, every other session ends.


class PasswordSetView(auth_views.PasswordResetConfirmView):
    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        sessions_end(user=form.user)
        return response


class PasswordChangeView(auth_views.PasswordChangeView):
    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)  # keeps this session, under a new key
        sessions_end(user=form.user)
        session_register(request=self.request, user=form.user)
        return response


password_link_ask = public_view(
    auth_views.PasswordResetView.as_view(
        form_class=StaffPasswordResetForm,
        template_name="signin/password_link_ask.html",
        success_url=reverse_lazy("signin:password-link-sent"),
        **StaffPasswordResetForm.EMAIL,
    )
)
password_link_sent = public_view(
    auth_views.PasswordResetDoneView.as_view(template_name="signin/password_link_sent.html")
)
password_set = public_view(
    PasswordSetView.as_view(
        form_class=GovukSetPasswordForm,
        template_name="signin/password_set.html",
        success_url=reverse_lazy("signin:password-set-done"),
    )
)
password_set_done = public_view(
    auth_views.PasswordResetCompleteView.as_view(template_name="signin/password_set_done.html")
)
password_change = staff_view(
    PasswordChangeView.as_view(
        form_class=GovukPasswordChangeForm,
        template_name="signin/password_change.html",
        success_url=reverse_lazy("signin:password-changed"),
    )
)
password_changed = staff_view(
    auth_views.PasswordChangeDoneView.as_view(template_name="signin/password_changed.html")
)
