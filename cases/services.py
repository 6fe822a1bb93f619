from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Greatest
from django.utils import timezone

from accounts.models import User
from advocacy.services import advocate_assignments_end_on_closing
from meetings.services import meetings_cancel_on_closing
from participation.models import (
    AccessRequest,
    CaseClosure,
    CaseTeamMembership,
    YoungPerson,
    YoungPersonUserObjectPermission,
)
from participation.powers import case_close_allowed, case_reopen_allowed
from participation.selectors import case_closure_in_force, holding_organisation_id
from participation.services import LONGEST_TEXT, TOO_LONG, access_request_close

CLOSE_REFUSED = (
    "Only the young person's lead professional, or a CSE lead who works with them, can close "
    "their case."
)
CASE_CLOSED_ANSWER = "The case was closed, so access is not needed now."
REOPEN_REFUSED = "Only a CSE lead of the organisation that held the case can reopen it."


@transaction.atomic
def case_close(*, actor: User, young_person: YoungPerson, reason: str, details: str) -> CaseClosure:
    """Close a case. Every case-team membership, advocate assignment and grant ends now;
    meetings not yet held are cancelled (the young person is told in plain words); their
    portal stays readable for PORTAL_READ_ONLY_DAYS, then is switched off
    (`closed_case_portals_switch_off`). The closure's date starts the retention clock."""
    if not case_close_allowed(actor=actor, young_person=young_person):
        raise ValidationError(CLOSE_REFUSED)
    YoungPerson.objects.select_for_update().get(pk=young_person.pk)
    if case_closure_in_force(young_person_id=young_person.pk):
        raise ValidationError("This case is already closed")
    details = details.strip()
    if reason == CaseClosure.Reason.OTHER and not details:
        raise ValidationError({"details": "Say why the case is closing"})
    if len(details) > LONGEST_TEXT:
        raise ValidationError({"details": TOO_LONG})
    closure = CaseClosure(
        young_person=young_person,
        organisation_id=holding_organisation_id(young_person=young_person) or actor.organisation_id,
        reason=reason,
        details=details,
        closed_by=actor,
    )
    closure.full_clean()
    closure.save()
    today, now = timezone.localdate(), timezone.now()
    CaseTeamMembership.objects.in_force(today).filter(young_person=young_person).update(
        ends_on=Greatest(F("starts_on"), Value(today))
    )
    # Memberships due to start later never start.
    CaseTeamMembership.objects.filter(
        young_person=young_person, ends_on__isnull=True, starts_on__gt=today
    ).update(ends_on=F("starts_on"))
    YoungPersonUserObjectPermission.objects.filter(
        content_object=young_person, expires_at__gt=now
    ).update(expires_at=now)
    advocate_assignments_end_on_closing(young_person=young_person)
    meetings_cancel_on_closing(actor=actor, young_person=young_person)
    for waiting in young_person.access_requests.filter(status=AccessRequest.Status.WAITING):
        access_request_close(actor=actor, request=waiting, reason=CASE_CLOSED_ANSWER)
    return closure


@transaction.atomic
def case_reopen(*, actor: User, closure: CaseClosure, reason: str) -> CaseClosure:
    """A CSE lead of the organisation that held the case reopens it, and becomes its lead
    professional (the team is built again from there). The closure is kept, with who
    reopened it, when and why."""
    if not case_reopen_allowed(actor=actor, closure=closure):
        raise ValidationError(REOPEN_REFUSED)
    closure = CaseClosure.objects.select_for_update().get(pk=closure.pk)
    if closure.reopened_at is not None:
        raise ValidationError("This case has already been reopened")
    if len(reason.strip()) < 10:
        raise ValidationError({"reason": "Explain in a sentence why the case is reopening"})
    if len(reason) > LONGEST_TEXT:
        raise ValidationError({"reason": TOO_LONG})
    closure.reopened_at = timezone.now()
    closure.reopened_by = actor
    closure.reopen_reason = reason.strip()
    closure.save(update_fields=["reopened_at", "reopened_by", "reopen_reason"])
    CaseTeamMembership.objects.create(
        young_person=closure.young_person,
        user=actor,
        role=CaseTeamMembership.Role.LEAD_PROFESSIONAL,
        starts_on=timezone.localdate(),
    )
    return closure


def closed_case_portals_switch_off() -> int:
    """Switch off the portal accounts of cases closed more than PORTAL_READ_ONLY_DAYS ago
    (and not reopened). Idempotent: run by the beat schedule."""
    since = timezone.now() - timedelta(days=settings.PORTAL_READ_ONLY_DAYS)
    closed = CaseClosure.objects.filter(reopened_at__isnull=True, closed_at__lte=since)
    return User.objects.filter(
        young_person__closures__in=closed, is_active=True, kind=User.Kind.YOUNG_PERSON
    ).update(is_active=False)
