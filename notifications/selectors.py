"""Reading notifications: each person their own notices; CSE leads, the whole outbox."""

from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, QuerySet
from django.http import Http404

from accounts.models import User
from accounts.roles import Role

from .models import Channel, Notification, SafeContact, Status

NOTICES_SHOWN = 20
PAGE_SIZE = 50


def notices_for(*, user: User) -> QuerySet[Notification]:
    """The signed-in person's notices in the service, newest first."""
    return Notification.objects.filter(
        recipient=user, channel=Channel.IN_APP, status=Status.SENT
    ).select_related("meeting")


def notices_unread(*, user: User) -> list[Notification]:
    return list(notices_for(user=user).filter(read_at__isnull=True)[:NOTICES_SHOWN])


def notices_recent(*, user: User) -> list[Notification]:
    return list(notices_for(user=user)[:NOTICES_SHOWN])


def notices_unread_count(*, user: User) -> int:
    return notices_for(user=user).filter(read_at__isnull=True).count()


def notice_get_for_user(*, user: User, notification_id: Any) -> Notification:
    """One of the person's own notices; 404 alike for missing and someone else's."""
    try:
        return notices_for(user=user).get(pk=notification_id)
    except Notification.DoesNotExist:
        raise Http404 from None


def _refuse_unless_cse_lead(user: User) -> None:
    if not user.has_role(Role.CSE_LEAD):
        raise Http404


def outbox_page(*, user: User, status: str, page_number: Any) -> Page[Notification]:
    """The outbox for a CSE lead, by state, newest first: a constant number of queries."""
    _refuse_unless_cse_lead(user)
    # A switched-off recipient is named by their organisation: joined, not one query a row.
    rows = Notification.objects.select_related(
        "recipient__organisation", "meeting", "retried_by__organisation"
    ).order_by("-created_at", "pk")
    if status in Status.values:
        rows = rows.filter(status=status)
    return Paginator(rows, PAGE_SIZE).get_page(page_number)


def outbox_counts(*, user: User) -> dict[str, int]:
    _refuse_unless_cse_lead(user)
    counts = dict.fromkeys(Status.values, 0)
    for row in Notification.objects.order_by().values("status").annotate(n=Count("pk")):
        counts[row["status"]] = row["n"]
    return counts


def outbox_get_for_lead(*, user: User, notification_id: Any) -> Notification:
    _refuse_unless_cse_lead(user)
    try:
        return Notification.objects.get(pk=notification_id)
    except Notification.DoesNotExist:
        raise Http404 from None


def safe_contact_for(*, user: User) -> SafeContact | None:
    return SafeContact.objects.filter(user=user).first()
