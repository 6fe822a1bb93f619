from uuid import UUID

from django.db.models import Count, Q, QuerySet
from django.http import Http404, HttpRequest

from accounts.models import User
from audit.services import Action, opened
from participation.models import YoungPerson

from .models import Involvement, Opportunity


def opportunities_for_staff(*, user: User) -> QuerySet[Opportunity]:
    """Opportunities hold nobody's information, so any member of staff may read them (to
    offer one to a young person they work with), with how many were offered and said yes."""
    if not user.is_active or not user.is_staff_member:
        return Opportunity.objects.none()
    return Opportunity.objects.select_related("organisation").annotate(
        offered=Count("involvements"),
        said_yes=Count("involvements", filter=Q(involvements__answer=Involvement.Answer.YES)),
    )


def opportunity_get_for_user(*, user: User, opportunity_id: UUID) -> Opportunity:
    try:
        return opportunities_for_staff(user=user).get(pk=opportunity_id)
    except Opportunity.DoesNotExist:
        raise Http404 from None


def involvements_for(*, young_person: YoungPerson) -> list[Involvement]:
    """What a young person has been offered, newest first: their record and their portal."""
    return list(
        Involvement.objects.filter(young_person=young_person).select_related(
            "opportunity", "offered_by"
        )
    )


def involvement_get_for_portal(*, user: User, involvement_id: UUID) -> Involvement:
    """An offer to the young person signed in; 404 alike for missing and someone else's."""
    try:
        return Involvement.objects.select_related("opportunity", "offered_by").get(
            pk=involvement_id,
            young_person__portal_user=user,
            young_person__portal_user__is_active=True,
        )
    except Involvement.DoesNotExist:
        raise Http404 from None


def involvement_open(*, request: HttpRequest, involvement_id: UUID) -> Involvement:
    """The young person's own offer, with its access event: a change on POST."""
    assert isinstance(request.user, User)  # noqa: S101 - portal views reach here signed in
    user = request.user
    return opened(
        request=request,
        load=lambda: involvement_get_for_portal(user=user, involvement_id=involvement_id),
        young_person_of=lambda involvement: involvement.young_person_id,
        requested_id=involvement_id,
        action=Action.CHANGE if request.method == "POST" else Action.VIEW,
        what="an opportunity offered, in the portal",
    )
