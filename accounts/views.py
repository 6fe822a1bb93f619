from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from .access import public_view, staff_view
from .forms import (
    GovukPasswordChangeForm,
    GovukSetPasswordForm,
    SignInForm,
    StaffPasswordResetForm,
    StaffSignInForm,
)


def safe_next(request: HttpRequest, default: str) -> str:
    """The `next` address posted or asked for, if it is on this site; else `default`."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def sign_in_page(
    request: HttpRequest,
    *,
    form_class: type[SignInForm],
    template: str,
    already_in: bool,
    destination: str,
) -> HttpResponse:
    """Both doors: show the form, sign in on valid credentials, or say what is wrong."""
    if already_in:
        return redirect(destination)
    form = form_class(request.POST if request.method == "POST" else None, request=request)
    if request.method == "POST" and form.is_valid():
        assert form.user is not None  # noqa: S101 - is_valid() guarantees it
        login(request, form.user)
        return redirect(destination)
    return render(
        request,
        template,
        {"form": form, "next": request.GET.get("next", "")},
        status=400 if form.errors else 200,
    )


@public_view
@never_cache
def sign_in(request: HttpRequest) -> HttpResponse:
    return sign_in_page(
        request,
        form_class=StaffSignInForm,
        template="accounts/sign_in.html",
        already_in=request.user.is_authenticated and request.user.is_staff_member,
        destination=safe_next(request, "home"),
    )


@public_view
@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("accounts:signed-out")


@public_view
def signed_out(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/signed_out.html")


# Passwords: nobody sets another person's. A member of staff asks for a link (or an
# administrator sends them one), which works once, for an hour (PASSWORD_RESET_TIMEOUT), and
# a signed-in member of staff can change their own.
password_link_ask = public_view(
    auth_views.PasswordResetView.as_view(
        form_class=StaffPasswordResetForm,
        template_name="accounts/password_link_ask.html",
        success_url=reverse_lazy("accounts:password-link-sent"),
        **StaffPasswordResetForm.EMAIL,
    )
)
password_link_sent = public_view(
    auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_link_sent.html")
)
password_set = public_view(
    auth_views.PasswordResetConfirmView.as_view(
        form_class=GovukSetPasswordForm,
        template_name="accounts/password_set.html",
        success_url=reverse_lazy("accounts:password-set-done"),
    )
)
password_set_done = public_view(
    auth_views.PasswordResetCompleteView.as_view(template_name="accounts/password_set_done.html")
)
password_change = staff_view(
    auth_views.PasswordChangeView.as_view(
        form_class=GovukPasswordChangeForm,
        template_name="accounts/password_change.html",
        success_url=reverse_lazy("accounts:password-changed"),
    )
)
password_changed = staff_view(
    auth_views.PasswordChangeDoneView.as_view(template_name="accounts/password_changed.html")
)
