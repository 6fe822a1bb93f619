"""Who may *do* what to a young person's case: one function per power, beside `visible_to`.

Seeing a record and managing it are different questions (docs/access.md has the table):
- powers come only from facts that were given: being on the case team, in the role each
  rule names, or chairing an open meeting about the young person. A temporary grant or
  break-glass lets someone read, and carries no power at all;
- nobody adds themselves to a case team, grants to themselves or reviews their own use;
- a CSE lead's powers over staff stop at their own organisation: multi-agency work happens
  through case teams.
Views call these to decide what to offer; services call them again before writing.
"""

from django.db.models import Q, QuerySet
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role

from .models import (
    CaseClosure,
    CaseTeamMembership,
    YoungPerson,
    YoungPersonUserObjectPermission,
    chair_in_window,
)


def _on_case_team(user: User, young_person: YoungPerson, *, roles: list[str] | None = None) -> bool:
    memberships = CaseTeamMembership.objects.in_force(timezone.localdate()).filter(
        user=user, young_person=young_person
    )
    if roles is not None:
        memberships = memberships.filter(role__in=roles)
    return memberships.exists()


def _chairs_open_meeting(user: User, young_person: YoungPerson) -> bool:
    """An open meeting: neither closed nor cancelled. The window after it gives sight only."""
    return YoungPerson.objects.filter(
        pk=young_person.pk, meetings__chair=user, meetings__ended_at__isnull=True
    ).exists()


def _in_force_staff(user: User) -> bool:
    return user.is_authenticated and user.is_active and user.is_staff_member


def _leads_the_case(user: User, young_person: YoungPerson) -> bool:
    """The lead professional on their case team, or the chair of an open meeting about them."""
    return _in_force_staff(user) and (
        _on_case_team(user, young_person, roles=[CaseTeamMembership.Role.LEAD_PROFESSIONAL])
        or _chairs_open_meeting(user, young_person)
    )


def case_team_change_allowed(
    *, actor: User, young_person: YoungPerson, member: User | None = None
) -> bool:
    """Add someone to the case team, or end a membership: the lead professional or the chair
    of an open meeting. `member` is who would be added: nobody adds themselves."""
    if member is not None and member.pk == actor.pk:
        return False
    return _leads_the_case(actor, young_person)


def grant_allowed(*, actor: User, young_person: YoungPerson, grantee: User | None = None) -> bool:
    """Give someone temporary access: a CSE lead who chairs an open meeting about the young
    person or is their lead professional; never to themselves."""
    if grantee is not None and grantee.pk == actor.pk:
        return False
    return actor.has_role(Role.CSE_LEAD) and _leads_the_case(actor, young_person)


def portal_access_change_allowed(*, actor: User, young_person: YoungPerson) -> bool:
    """Make a portal invitation code, or switch the account off (a new code switches it back
    on): anyone on the case team, in any role, since they hand the code over in person."""
    return _in_force_staff(actor) and _on_case_team(actor, young_person)


def meeting_schedule_allowed(
    *, actor: User, young_person: YoungPerson, chair: User | None = None
) -> bool:
    """Schedule a meeting about the young person: anyone on the case team, with someone else
    as the chair (chairing gives access and powers, so nobody names themselves)."""
    if chair is not None and chair.pk == actor.pk:
        return False
    return _in_force_staff(actor) and _on_case_team(actor, young_person)


def caseload_move_allowed(
    *, actor: User, leaver: User | None = None, successor: User | None = None
) -> bool:
    """Move a leaver's whole caseload: a CSE lead, between staff of their own organisation,
    and never to themselves (that would be adding themselves to every case team)."""
    if not (_in_force_staff(actor) and actor.has_role(Role.CSE_LEAD) and actor.organisation_id):
        return False
    people = [person for person in (leaver, successor) if person is not None]
    if successor is not None and successor.pk == actor.pk:
        return False
    return all(person.organisation_id == actor.organisation_id for person in people)


def break_glass_reviewable(*, actor: User) -> QuerySet[YoungPersonUserObjectPermission]:
    """The break-glass uses a CSE lead may review: on young people whose meetings they chair
    (within the chair's window), or made by staff of their own organisation; never their own.
    One rule for the list and for each use (`break_glass_review_allowed`)."""
    uses = YoungPersonUserObjectPermission.objects.filter(
        kind=YoungPersonUserObjectPermission.Kind.BREAK_GLASS
    )
    if not (_in_force_staff(actor) and actor.has_role(Role.CSE_LEAD)):
        return uses.none()
    chaired = YoungPerson.objects.filter(chair_in_window(), meetings__chair=actor).values("pk")
    own_organisation = (
        Q(user__organisation_id=actor.organisation_id) if actor.organisation_id else Q(pk=None)
    )
    return uses.filter(own_organisation | Q(content_object__in=chaired)).exclude(user=actor)


def break_glass_review_allowed(*, actor: User, grant: YoungPersonUserObjectPermission) -> bool:
    return break_glass_reviewable(actor=actor).filter(pk=grant.pk).exists()


def break_glass_reviewers(*, user: User, young_person: YoungPerson) -> QuerySet[User]:
    """Who is told when `user` uses break-glass on `young_person` (or is locked out trying):
    exactly the CSE leads who may review such a use."""
    reviewers = Q(
        chair_in_window(via="chaired_meetings__"),
        chaired_meetings__young_person_id=young_person.pk,
    )
    if user.organisation_id:
        reviewers |= Q(organisation_id=user.organisation_id)
    return (
        User.objects.filter(reviewers, is_active=True, kind=User.Kind.STAFF)
        .filter(groups__name=Role.CSE_LEAD.value)
        .exclude(pk=user.pk)
        .distinct()
    )


def young_person_register_allowed(*, actor: User) -> bool:
    """Record a new young person (and so lead their case): a practitioner or a CSE lead."""
    return _in_force_staff(actor) and bool(
        actor.role_names & {Role.PRACTITIONER.value, Role.CSE_LEAD.value}
    )


def record_edit_allowed(*, actor: User, young_person: YoungPerson) -> bool:
    """Correct or add to the details on the record: anyone on the case team. A grant or
    break-glass reads, and changes nothing."""
    return _in_force_staff(actor) and _on_case_team(actor, young_person)


def access_request_answer_allowed(
    *, actor: User, young_person: YoungPerson, requester: User | None = None
) -> bool:
    """Answer a request for access: the lead professional, or the chair of an open meeting;
    never a request of their own."""
    if requester is not None and requester.pk == actor.pk:
        return False
    return _leads_the_case(actor, young_person)


def _lead_professional_or_their_cse_lead(actor: User, young_person: YoungPerson) -> bool:
    """The lead professional, or a CSE lead on the case team or chairing an open meeting
    about them; never access that was derived (a grant, break-glass)."""
    if not _in_force_staff(actor):
        return False
    if _on_case_team(actor, young_person, roles=[CaseTeamMembership.Role.LEAD_PROFESSIONAL]):
        return True
    return actor.has_role(Role.CSE_LEAD) and (
        _on_case_team(actor, young_person) or _chairs_open_meeting(actor, young_person)
    )


def case_close_allowed(*, actor: User, young_person: YoungPerson) -> bool:
    """Close a case."""
    return _lead_professional_or_their_cse_lead(actor, young_person)


def legal_hold_allowed(*, actor: User, young_person: YoungPerson) -> bool:
    """Set or lift a legal hold: a CSE lead on the case team or chairing an open meeting
    about them."""
    return (
        _in_force_staff(actor)
        and actor.has_role(Role.CSE_LEAD)
        and (_on_case_team(actor, young_person) or _chairs_open_meeting(actor, young_person))
    )


def subject_access_export_allowed(*, actor: User, young_person: YoungPerson) -> bool:
    """Export everything held about a young person, for their subject access request (UK
    GDPR Article 15). The view asks the actor to confirm who they are first."""
    return _lead_professional_or_their_cse_lead(actor, young_person)


def closed_cases_reopenable(*, actor: User) -> QuerySet[CaseClosure]:
    """The closed cases a CSE lead may reopen: those their own organisation held. One rule
    for the list and for each case (`case_reopen_allowed`)."""
    closures = CaseClosure.objects.filter(reopened_at__isnull=True)
    if not (_in_force_staff(actor) and actor.has_role(Role.CSE_LEAD) and actor.organisation_id):
        return closures.none()
    return closures.filter(organisation_id=actor.organisation_id)


def case_reopen_allowed(*, actor: User, closure: CaseClosure) -> bool:
    return closed_cases_reopenable(actor=actor).filter(pk=closure.pk).exists()


def request_answer_allowed(*, actor: User, owner: User) -> bool:
    """Answer something a young person asked (to meet the chair, about a decision, for an
    advocate, ...): the person it was given to, while they are active staff."""
    return _in_force_staff(actor) and actor.pk == owner.pk


def goal_change_allowed(*, actor: User, young_person: YoungPerson) -> bool:
    """Add to or change a young person's goals: the young person, in their own portal, or
    anyone on their case team, with them. A grant or break-glass reads, and changes nothing."""
    if actor.is_active and actor.is_young_person:
        return young_person.portal_user_id == actor.pk
    return _in_force_staff(actor) and _on_case_team(actor, young_person)
