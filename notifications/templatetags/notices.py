from django import template

from notifications import messages
from notifications.models import Notification

register = template.Library()


@register.filter
def notice_text(notification: Notification) -> str:
    return messages.notice_text(notification)


@register.filter
def notice_link(notification: Notification) -> str:
    return messages.notice_link(notification)
