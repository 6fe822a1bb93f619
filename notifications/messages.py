"""The words of every notice, worked out when it is sent.

Inside the service a notice says what it is about (never a young person's name: a
notice is a list anyone glancing at the screen can read). What leaves the system says
less: staff email carries the kind of reminder and a link; a young person's email or
text says only that there is a new message, so a phone someone else picks up gives
nothing away. `tests/notifications/test_messages.py` holds these to banned words.
"""

from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from .models import YOUNG_PERSON_KINDS, Kind, Notification

# Staff notices: {meeting} is the type of meeting, {when} its date and time.
STAFF_NOTICES = {
    Kind.CHAIR_ASKED: "You have been asked to chair the {meeting} on {when}.",
    Kind.INFORMATION_NOT_SHARED: (
        "The information for the {meeting} on {when} has not been shared with the young person yet."
    ),
    Kind.CHAIR_MEETING_NOT_OFFERED: (
        "The young person has not been offered a chance to meet you before the {meeting} on {when}."
    ),
    Kind.NO_YOUNG_PERSON_ITEM: (
        "The agenda for the {meeting} on {when} has no item from the young person yet."
    ),
    Kind.FEEDBACK_NOT_ASKED: (
        "No one has recorded the young person's feedback on the {meeting} on {when}."
    ),
    Kind.ACTION_PAST_DUE: "An action you own from the {meeting} on {when} is past its date.",
    Kind.CONSENT_REVIEW_DUE: (
        "Choices a young person on your case team made about their name or sharing are "
        "due for review."
    ),
    Kind.GRANT_EXPIRING: "Your temporary access to a young person's record ends within a day.",
    Kind.BREAK_GLASS_OPENED: "Someone used break-glass access to open a record. Please review it.",
    Kind.ACCOUNT_LOCKED: (
        "A staff account in your organisation was locked for 15 minutes after 5 wrong passwords "
        "or codes. If it is yours and it was not you, tell your CSE lead."
    ),
    Kind.SECOND_FACTOR_RESET: (
        "The second factor of a staff account in your organisation was reset. If it is yours and "
        "you did not ask for this, tell your CSE lead."
    ),
    Kind.CASELOAD_MOVED: (
        "A caseload was moved between staff in your organisation. Check who is on your case teams."
    ),
    Kind.ROLE_CHANGED: "The roles of a member of staff in your organisation changed.",
    Kind.ROLE_CHANGE_WAITING: (
        "A role change is waiting for a second administrator to approve or refuse it."
    ),
    Kind.ACCESS_REQUESTED: (
        "Someone has asked for access to the record of a young person whose case you lead."
    ),
    Kind.ACCESS_REQUEST_ANSWERED: "Your request for access to a record has been answered.",
    Kind.REQUEST_WAITING: (
        "A young person asked for something, or told us something, that needs your answer."
    ),
    Kind.REQUEST_DUE: "A young person was promised your answer by today.",
    Kind.REQUEST_OVERDUE: (
        "A young person in your organisation is waiting past the date they were promised an answer."
    ),
    Kind.REFERENCE_ASKED: (
        "A young person who took part in an opportunity you run asked for a reference letter."
    ),
    Kind.OPPORTUNITY_QUESTION: "A young person asked a question about an opportunity you run.",
}

# Young people's notices, shown only inside the portal.
PORTAL_NOTICES = {
    Kind.INFORMATION_SHARED: "There is new information about your meeting on {when}.",
    Kind.MEETING_CHANGED: "Your meeting has changed. Have a look to see what is new.",
    Kind.OUTCOMES_SHARED: "You can now see what was decided at your meeting on {when}.",
    Kind.MEETING_SCHEDULED: (
        "A meeting has been planned for {when}. Have a look at what it is for, and what you "
        "can do before it."
    ),
    Kind.MEETING_TOMORROW: "Your meeting is tomorrow, {when}. You can still have your say.",
    Kind.REQUEST_ANSWERED: "You have an answer to something you asked or told us.",
    Kind.WORDS_CHANGED: (
        "Someone on your team changed something you said for your meeting on {when}. "
        "Have a look to see what changed, and why."
    ),
    Kind.REFERENCE_READY: "Your reference letter is ready. You can read it and print it.",
    Kind.OPPORTUNITY_ANSWER: "You have an answer to your question about something you could "
    "take part in.",
}


@dataclass(frozen=True)
class Outbound:
    subject: str
    body: str


def _when(notification: Notification) -> str:
    if notification.meeting is None:
        return ""
    return f"{timezone.localtime(notification.meeting.scheduled_at):%A %-d %B at %H:%M}"


def notice_text(notification: Notification) -> str:
    """What the notice says inside the service (the staff home page, or the portal)."""
    notices = PORTAL_NOTICES if notification.kind in YOUNG_PERSON_KINDS else STAFF_NOTICES
    meeting = notification.meeting
    return notices[Kind(notification.kind)].format(
        meeting=meeting.get_meeting_type_display().lower() if meeting else "",
        when=_when(notification),
    )


def notice_link(notification: Notification) -> str:
    kind, meeting_id = notification.kind, notification.meeting_id
    if kind in (Kind.REFERENCE_READY, Kind.OPPORTUNITY_ANSWER):
        return reverse("portal:opportunities")
    if kind in (Kind.REFERENCE_ASKED, Kind.OPPORTUNITY_QUESTION):
        return reverse("collective:opportunities")
    if kind in YOUNG_PERSON_KINDS:
        return (
            reverse("portal:meeting", args=[meeting_id]) if meeting_id else reverse("portal:home")
        )
    if kind in (Kind.REQUEST_WAITING, Kind.REQUEST_DUE, Kind.REQUEST_OVERDUE):
        return reverse("home")
    if kind == Kind.BREAK_GLASS_OPENED:
        return reverse("participation:break-glass-review")
    if kind in (Kind.ACCOUNT_LOCKED, Kind.SECOND_FACTOR_RESET):
        return reverse("signin:account")
    if kind == Kind.CASELOAD_MOVED:
        return reverse("participation:my-young-people")
    if kind == Kind.ROLE_CHANGED:
        return reverse("home")
    if kind == Kind.ROLE_CHANGE_WAITING:
        return reverse("admin:accounts_rolechange_changelist")
    if kind == Kind.ACCESS_REQUEST_ANSWERED:
        return reverse("participation:access-requests-mine")
    if meeting_id is not None:
        return reverse("meetings:meeting", args=[meeting_id])
    return reverse("participation:young-person", args=[notification.young_person_id])


def outbound(notification: Notification) -> Outbound:
    """What leaves the system by email or text."""
    if notification.kind in YOUNG_PERSON_KINDS:
        return Outbound(
            subject="You have a new message",
            body=f"You have a new message in {settings.PORTAL_SERVICE_NAME}. Sign in to read it.",
        )
    label = Kind(notification.kind).label
    when = f" (meeting on {_when(notification)})" if notification.meeting else ""
    return Outbound(
        subject=f"{settings.SERVICE_NAME}: {label.lower()}",
        body=(
            f"{label}{when}.\n\nSign in to see it: {settings.SITE_URL}{notice_link(notification)}\n"
        ),
    )
