from uuid import UUID

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse

from accounts.access import SignedInRequest, safe_next, staff_view

from . import selectors, services
from .models import Status


@staff_view
def notice_read(request: SignedInRequest, notification_id: UUID) -> HttpResponse:
    notification = selectors.notice_get_for_user(user=request.user, notification_id=notification_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    services.notice_mark_read(actor=request.user, notification=notification)
    return redirect("home")


@staff_view
def outbox(request: SignedInRequest) -> HttpResponse:
    """CSE leads: every notification and its state, with retry for the failed ones."""
    status = request.GET.get("status", "")
    counts = selectors.outbox_counts(user=request.user)
    page = selectors.outbox_page(
        user=request.user, status=status, page_number=request.GET.get("page")
    )
    return render(
        request,
        "notifications/outbox.html",
        {
            "page": page,
            "status": status if status in Status.values else "",
            "filters": [(value, label, counts[value]) for value, label in Status.choices],
            "max_attempts": settings.NOTIFICATIONS_MAX_ATTEMPTS,
        },
    )


@staff_view
def retry(request: SignedInRequest, notification_id: UUID) -> HttpResponse:
    notification = selectors.outbox_get_for_lead(user=request.user, notification_id=notification_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        services.notification_retry(actor=request.user, notification=notification)
        messages.success(request, "It will be sent again in the next minute.")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(safe_next(request, reverse("notifications:outbox")))
