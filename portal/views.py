"""Every page a young person sees. Neutral words only: their phone may be watched.

PortalSafetyMiddleware makes every response here no-store; accounts.middleware keeps the idle
time-out.
"""

from datetime import timedelta
from functools import wraps
from typing import Any
from uuid import UUID

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.core.exceptions import ValidationError
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    HttpResponseNotAllowed,
)
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache

from accounts.access import (
    SignedInRequest,
    View,
    public_view,
    reauthenticate_first,
    reauthenticated,
    staff_view,
    young_person_view,
)
from accounts.models import User
from accounts.services import sessions_end
from advocacy import services as advocacy_services
from advocacy.forms import AdvocacyAnswerForm, PeerSupportAskForm
from advocacy.models import NEXT_ADVOCACY_STATES, AdvocacyEvent
from advocacy.selectors import (
    advocacy_latest,
    peer_support_asked,
    peer_supporter_in_force,
    representation_get,
    representations_for,
)
from audit.selectors import organisations_that_looked
from audit.services import Action
from collective import services as collective_services
from collective.forms import AnswerForm, CreditNameForm, QuestionForm, ReferenceAskForm
from collective.models import Involvement
from collective.selectors import (
    credit_name_of,
    involvement_open,
    naming_context_for,
    participation_account_of,
    participation_account_open_to,
    portal_offers,
    things_i_have_been_part_of,
)
from config.forms import add_service_errors, saved_by_service
from config.qr import qr_code_svg
from consent import services as consent_services
from consent.forms import MyNameForm
from consent.models import NamingContext
from consent.selectors import NOT_NAMED, identity_decisions_in_force
from figures.selectors import service_changes_recent
from meetings import services as meeting_services
from meetings.models import (
    Meeting,
    PreparationStep,
    YoungPersonRequest,
    YoungPersonViews,
)
from meetings.selectors import (
    PACK_HELD_WITHOUT_WHY,
    agenda_for,
    chair_as_introduced,
    decision_get_for_user,
    decisions_for,
    feedback_for,
    goals_item_offered,
    goals_with_latest_review,
    meeting_open,
    meeting_open_for_their_say,
    their_choices,
    their_words_changes,
    you_said_we_did,
    young_person_views_for,
    young_persons_agenda,
)
from meetings.services import HAPPENED_STATUSES
from notifications import selectors as notification_selectors
from notifications import services as notification_services
from participation import services as participation_services
from participation.forms import GoalForm
from participation.powers import portal_access_change_allowed
from participation.selectors import (
    case_closure_in_force,
    goal_open,
    goal_step_of,
    young_person_open,
)
from signin.services import (
    CODE_DOOR,
    THROTTLED_MESSAGE,
    sign_in_complete,
    sign_in_failure_record,
    sign_in_throttled,
)
from signin.views import sign_in_page

from . import selectors, services
from .forms import (
    TAKING_PART_IN_MY_WORDS,
    AboutMeForm,
    AgendaProposeForm,
    DecisionResponseForm,
    FeedbackForm,
    InvitationRedeemForm,
    MeetChairForm,
    SafeContactForm,
    TakingPartForm,
    ViewsForm,
    YoungPersonSignInForm,
)
from .selectors import PLACES_IN_MY_WORDS


def portal_view(view: View) -> View:
    """A page of the young person's own. Once their case is closed the portal is read-only:
    they can read everything, and every change is refused with plain words, until the
    account is switched off (cases.services.closed_case_portals_switch_off)."""

    @wraps(view)
    def read_only_once_closed(
        request: SignedInRequest, *args: Any, **kwargs: Any
    ) -> HttpResponseBase:
        if request.method == "POST":
            young_person = selectors.portal_young_person(user=request.user)
            if young_person and case_closure_in_force(young_person_id=young_person.pk):
                return render(request, "portal/read_only.html", status=403)
        return view(request, *args, **kwargs)

    return young_person_view(read_only_once_closed)


@public_view
def sign_in(request: HttpRequest) -> HttpResponse:
    return sign_in_page(
        request,
        form_class=YoungPersonSignInForm,
        template="portal/sign_in.html",
        already_in=request.user.is_authenticated and request.user.is_young_person,
        destination="portal:home",
    )


@public_view
def start(request: HttpRequest) -> HttpResponse:
    """Use a code from a worker to choose a username and passphrase, then go in."""
    form = InvitationRedeemForm(
        request.POST if request.method == "POST" else None,
        initial={"code": request.GET.get("code", "")},
    )
    if request.method == "POST" and form.is_valid():
        if sign_in_throttled(request=request, door=CODE_DOOR):
            form.add_error(None, THROTTLED_MESSAGE)
        else:
            try:
                account = services.portal_invitation_redeem(
                    code=form.cleaned_data["code"],
                    username=form.cleaned_data["username"],
                    passphrase=form.cleaned_data["passphrase"],
                )
            except ValidationError as error:
                if "code" in getattr(error, "error_dict", {}):
                    sign_in_failure_record(request=request, door=CODE_DOOR)
                add_service_errors(form, error)
            else:
                sign_in_complete(request=request, user=account, device=None)
                messages.success(request, "You are in. Next time, sign in with your username.")
                return redirect("portal:home")
    return render(request, "portal/start.html", {"form": form}, status=400 if form.errors else 200)


@public_view
def exit_page(request: HttpRequest) -> HttpResponse:
    """'Exit this page' lands here: end the session at once (and any other of theirs), then leave
    for a neutral site."""
    user = request.user
    logout(request)
    if isinstance(user, User):
        sessions_end(user=user)
    return redirect(settings.PORTAL_EXIT_URL)


@portal_view
def who_has_looked(request: SignedInRequest) -> HttpResponse:
    young_person = selectors.portal_young_person(user=request.user)
    looked = organisations_that_looked(young_person_id=young_person.pk) if young_person else []
    return render(request, "portal/who_has_looked.html", {"looked": looked})


@portal_view
def home(request: SignedInRequest) -> HttpResponse:
    user = request.user
    if participation_account_of(user=user) is not None:
        return redirect("portal:opportunities")  # a participation-only account: all there is
    young_person = selectors.portal_young_person(user=user)
    closure = case_closure_in_force(young_person_id=young_person.pk) if young_person else None
    return render(
        request,
        "portal/home.html",
        {
            "young_person": young_person,
            "closure": closure,
            "read_until": closure.closed_at + timedelta(days=settings.PORTAL_READ_ONLY_DAYS)
            if closure
            else None,
            "meetings": selectors.portal_meetings_upcoming(user=user),
            "past_meetings": selectors.portal_meetings_past(user=user),
            "service_changes": service_changes_recent(),
            "new_messages": notification_selectors.notices_unread_count(user=user),
            "asked": selectors.portal_requests(young_person=young_person) if young_person else [],
        },
    )


@portal_view
def messages_page(request: SignedInRequest) -> HttpResponse:
    """Their messages: what is new about their meetings. "Mark as read" clears them."""
    if request.method == "POST":
        notification_services.notices_mark_read(actor=request.user)
        return redirect("portal:messages")
    return render(
        request,
        "portal/messages.html",
        {
            "notices": notification_selectors.notices_recent(user=request.user),
            "contact": notification_selectors.safe_contact_for(user=request.user),
        },
    )


@portal_view
def safe_contact(request: SignedInRequest) -> HttpResponse:
    """Where a short "you have a new message" may reach them: only places nobody else reads."""
    contact = notification_selectors.safe_contact_for(user=request.user)
    form = SafeContactForm(
        request.POST if request.method == "POST" else None,
        initial=(
            {
                "email": contact.email,
                "email_is_safe": contact.email_is_safe,
                "mobile": contact.mobile,
                "mobile_is_safe": contact.mobile_is_safe,
            }
            if contact
            else {}
        ),
    )
    saved = saved_by_service(
        request,
        form,
        lambda: notification_services.safe_contact_save(actor=request.user, **form.contacts()),
    )
    if saved is not None:
        messages.success(request, "Saved.")
        return redirect("portal:messages")
    return render(
        request,
        "portal/safe_contact.html",
        {"form": form, "offers_texts": settings.TEXT_MESSAGES_OFFERED},
        status=400 if form.errors else 200,
    )


@portal_view
def meeting(request: SignedInRequest, meeting_id: UUID) -> HttpResponse:
    user = request.user
    found = meeting_open(
        request=request, meeting_id=meeting_id, what="their meeting, in the portal"
    )
    has_happened = found.status in HAPPENED_STATUSES
    choices = their_choices(meeting=found)
    taking_part_now = choices.get(PreparationStep.TAKING_PART)
    chair_name, chair_about = chair_as_introduced(meeting=found)
    agenda = agenda_for(user=user, meeting=found)
    asked = [
        mine
        for mine in selectors.portal_requests(young_person=found.young_person)
        if mine.meeting_id == found.pk
    ]
    return render(
        request,
        "portal/meeting.html",
        {
            "meeting": found,
            "chair_name": chair_name,
            "chair_about": chair_about,
            "agenda": agenda,
            "held_without_them": young_persons_agenda(meeting=found)["held_without_them"],
            "held_without_why": PACK_HELD_WITHOUT_WHY,
            "change": selectors.portal_latest_change(meeting=found),
            "information": selectors.portal_information(meeting=found),
            "taking_part_now": TAKING_PART_IN_MY_WORDS.get(taking_part_now.state, "")
            if taking_part_now
            else "",
            "what_would_help": choices.get(PreparationStep.RESPECTED),
            "views": young_person_views_for(user=user, meeting=found),
            "open_for_their_say": meeting_open_for_their_say(meeting=found),
            "goals_item_offered": goals_item_offered(meeting=found),
            "has_happened": has_happened,
            "outcomes": you_said_we_did(
                meeting=found,
                agenda=agenda,
                decisions=decisions_for(user=user, meeting=found) if has_happened else [],
            ),
            "feedback": feedback_for(user=user, meeting=found),
            "representations": representations_for(user=user, meeting=found),
            "asked": asked,
            "words_changes": their_words_changes(meeting=found),
            "asked_to_meet_chair": any(
                mine.kind == YoungPersonRequest.Kind.MEET_CHAIR for mine in asked
            ),
        },
    )


def _meeting_form(
    request: SignedInRequest,
    meeting: Meeting,
    form: object,
    heading: str,
    intro: str = "",
    **extra: object,
) -> HttpResponse:
    errors = getattr(form, "errors", None)
    return render(
        request,
        "portal/meeting_form.html",
        {"form": form, "meeting": meeting, "heading": heading, "intro": intro, **extra},
        status=400 if errors else 200,
    )


def _back_to(meeting: Meeting, message: str, request: HttpRequest) -> HttpResponse:
    messages.success(request, message)
    return redirect("portal:meeting", meeting_id=meeting.pk)


@portal_view
def agenda_goals(request: SignedInRequest, meeting_id: UUID) -> HttpResponse:
    """Put "Your goals" on their meeting's agenda (a POST from their meeting page)."""
    found = meeting_open(request=request, meeting_id=meeting_id, what="agenda, in the portal")
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        meeting_services.goals_agenda_item_add(actor=request.user, meeting=found)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("portal:meeting", meeting_id=found.pk)
    return _back_to(found, "Your goals are on the agenda.", request)


@portal_view
def information(request: SignedInRequest, meeting_id: UUID) -> HttpResponse:
    found = meeting_open(
        request=request, meeting_id=meeting_id, what="meeting information, in the portal"
    )
    pack = selectors.portal_information(meeting=found)
    if pack is not None:
        meeting_services.information_mark_read(actor=request.user, meeting=found)
    return render(request, "portal/information.html", {"meeting": found, "pack": pack})


@portal_view
def agenda_add(request: SignedInRequest, meeting_id: UUID) -> HttpResponse:
    found = meeting_open(request=request, meeting_id=meeting_id, what="agenda, in the portal")
    form = AgendaProposeForm(request.POST if request.method == "POST" else None)
    saved = saved_by_service(
        request,
        form,
        lambda: meeting_services.agenda_item_propose(
            actor=request.user,
            meeting=found,
            title=form.cleaned_data["title"],
            details=form.cleaned_data["details"],
        ),
    )
    if saved is not None:
        return _back_to(found, "Added to the agenda.", request)
    return _meeting_form(
        request,
        found,
        form,
        "Add something to talk about",
        "Everyone at the meeting will see what you add.",
    )


@portal_view
def meet_chair(request: SignedInRequest, meeting_id: UUID) -> HttpResponse:
    found = meeting_open(request=request, meeting_id=meeting_id, what="meeting the chair")
    chair_name, _about = chair_as_introduced(meeting=found)
    form = MeetChairForm(request.POST if request.method == "POST" else None)
    asked = saved_by_service(
        request,
        form,
        lambda: meeting_services.chair_meeting_ask(
            actor=request.user, meeting=found, **form.cleaned_data
        ),
    )
    if asked is not None:
        return _back_to(found, f"{chair_name} will reply by {asked.reply_by:%A %-d %B}.", request)
    return _meeting_form(
        request,
        found,
        form,
        f"Meet {chair_name} before the meeting",
        f"{chair_name} runs your meeting. Meeting them first can make the meeting feel "
        "less strange. It is up to you.",
    )


@portal_view
def taking_part(request: SignedInRequest, meeting_id: UUID) -> HttpResponse:
    found = meeting_open(
        request=request, meeting_id=meeting_id, what="how they take part, in the portal"
    )
    latest = their_choices(meeting=found)
    initial = {}
    if PreparationStep.TAKING_PART in latest:
        initial["how"] = latest[PreparationStep.TAKING_PART].state
    if PreparationStep.RESPECTED in latest:
        initial["what_would_help"] = latest[PreparationStep.RESPECTED].note
    form = TakingPartForm(request.POST if request.method == "POST" else None, initial=initial)
    saved = saved_by_service(
        request,
        form,
        lambda: meeting_services.taking_part_choose(
            actor=request.user,
            meeting=found,
            how=form.cleaned_data["how"],
            what_would_help=form.cleaned_data["what_would_help"],
        ),
    )
    if saved is not None:
        return _back_to(found, "Saved. Your worker and the chair will see your choice.", request)
    return _meeting_form(
        request,
        found,
        form,
        "How you take part",
        "It is your choice. You can change your mind until the meeting starts.",
    )


@portal_view
def views(request: SignedInRequest, meeting_id: UUID) -> HttpResponse:
    found = meeting_open(request=request, meeting_id=meeting_id, what="their views, in the portal")
    existing = young_person_views_for(user=request.user, meeting=found)
    form = ViewsForm(
        request.POST if request.method == "POST" else None,
        initial={
            "text": existing.text,
            "version": existing.version,
            "shared_with_advocate": existing.shared_with_advocate,
        }
        if existing
        else {},
    )
    saved = saved_by_service(
        request,
        form,
        lambda: meeting_services.young_person_views_save(
            actor=request.user,
            meeting=found,
            text=form.cleaned_data["text"],
            source=YoungPersonViews.Source.WRITTEN,
            expected_version=form.cleaned_data["version"] or 0,
            shared_with_advocate=form.cleaned_data["shared_with_advocate"],
        ),
    )
    if saved is not None:
        return _back_to(found, "Saved. The meeting will read what you wrote.", request)
    return _meeting_form(
        request,
        found,
        form,
        "What you want the meeting to know",
        "You can change it until the meeting starts.",
        saved_views=existing if form.errors else None,
    )


@portal_view
def decision_response(
    request: SignedInRequest, meeting_id: UUID, decision_id: UUID
) -> HttpResponse:
    found = meeting_open(request=request, meeting_id=meeting_id, what="a decision, in the portal")
    decision = decision_get_for_user(user=request.user, meeting=found, decision_id=decision_id)
    form = DecisionResponseForm(
        request.POST if request.method == "POST" else None,
        initial={
            "response": decision.young_person_response or None,
            "in_their_words": decision.response_in_their_words,
        },
    )
    saved = saved_by_service(
        request,
        form,
        lambda: meeting_services.decision_response_record(
            actor=request.user,
            decision=decision,
            response=form.cleaned_data["response"],
            in_their_words=form.cleaned_data["in_their_words"],
        ),
        fields={"response": "response"},
    )
    if saved is not None:
        return _back_to(found, "Thank you. Your worker will see what you think.", request)
    return _meeting_form(request, found, form, "What do you think?", decision=decision)


@portal_view
def feedback(request: SignedInRequest, meeting_id: UUID) -> HttpResponse:
    found = meeting_open(request=request, meeting_id=meeting_id, what="feedback, in the portal")
    if feedback_for(user=request.user, meeting=found) is not None:
        return _back_to(found, "You have already told us about this meeting. Thank you.", request)
    form = FeedbackForm(request.POST if request.method == "POST" else None)
    saved = saved_by_service(
        request,
        form,
        lambda: meeting_services.feedback_record(
            actor=request.user,
            meeting=found,
            felt_listened_to=form.cleaned_data["felt_listened_to"],
            understood_decisions=form.cleaned_data["understood_decisions"],
            had_a_say=form.cleaned_data["had_a_say"],
            what_would_make_it_better=form.cleaned_data["what_would_make_it_better"],
        ),
    )
    if saved is not None:
        return _back_to(found, "Thank you for telling us. It helps us do better.", request)
    return _meeting_form(
        request, found, form, "How was the meeting?", "Your answers help us do better next time."
    )


@portal_view
def about_me(request: SignedInRequest) -> HttpResponse:
    """Their strengths and interests, in their own words: theirs to change. The case team
    sees each change as theirs."""
    young_person = selectors.portal_young_person(user=request.user)
    if young_person is None:
        raise Http404
    form = AboutMeForm(
        request.POST if request.method == "POST" else None,
        initial={
            "version": young_person.version,
            "strengths_and_interests": young_person.strengths_and_interests,
        },
    )
    saved = saved_by_service(
        request,
        form,
        lambda: participation_services.young_person_update(
            actor=request.user,
            young_person=young_person,
            version=form.cleaned_data["version"],
            details={"strengths_and_interests": form.cleaned_data["strengths_and_interests"]},
        ),
    )
    if saved is not None:
        messages.success(request, "Saved. Thank you for telling us.")
        return redirect("portal:home")
    return render(
        request, "portal/about_me.html", {"form": form}, status=400 if form.errors else 200
    )


@portal_view
def choices(request: SignedInRequest) -> HttpResponse:
    """How they are named in each place, and who their information is shared with."""
    young_person = selectors.portal_young_person(user=request.user)
    if young_person is None:
        raise Http404
    return render(
        request,
        "portal/choices.html",
        {
            "naming": selectors.portal_naming(young_person=young_person),
            "sharing": selectors.portal_sharing(young_person=young_person),
        },
    )


@portal_view
def naming_change(request: SignedInRequest, context: str) -> HttpResponse:
    young_person = selectors.portal_young_person(user=request.user)
    if young_person is None or context not in PLACES_IN_MY_WORDS:
        raise Http404
    in_force = identity_decisions_in_force(young_person=young_person).get(context)
    form = MyNameForm(
        request.POST if request.method == "POST" else None,
        initial={"choice": in_force.choice, "pseudonym": in_force.pseudonym} if in_force else {},
    )
    saved = saved_by_service(
        request,
        form,
        lambda: consent_services.identity_decision_record(
            actor=request.user,
            young_person=young_person,
            context=context,
            choice=form.cleaned_data["choice"],
            pseudonym=form.cleaned_data["pseudonym"],
            their_words=form.cleaned_data["their_words"],
            made_by="",
            review_on=None,
        ),
    )
    if saved is not None:
        messages.success(request, "Saved. This is used from now on.")
        return redirect("portal:choices")
    return render(
        request,
        "portal/naming_form.html",
        {"form": form, "place": PLACES_IN_MY_WORDS[NamingContext(context)]},
        status=400 if form.errors else 200,
    )


@portal_view
def advocate(request: SignedInRequest) -> HttpResponse:
    """Ask for an advocate or a peer supporter, or answer an offer of an advocate."""
    young_person = selectors.portal_young_person(user=request.user)
    if young_person is None:
        raise Http404
    latest = advocacy_latest(young_person=young_person)
    next_states = NEXT_ADVOCACY_STATES[latest.state if latest else None]
    can_answer = AdvocacyEvent.State.ACCEPTED in next_states
    can_ask = AdvocacyEvent.State.ASKED in next_states
    peer = request.method == "POST" and "peer" in request.POST
    form = AdvocacyAnswerForm(
        request.POST if request.method == "POST" and can_answer and not peer else None
    )
    peer_form = PeerSupportAskForm(request.POST if peer else None)
    asked = saved_by_service(
        request,
        peer_form,
        lambda: advocacy_services.peer_supporter_ask(
            actor=request.user,
            young_person=young_person,
            what_would_help=peer_form.cleaned_data["what_would_help"],
        ),
    )
    if asked is not None:
        messages.success(request, "Thank you. Your worker will reply to you about it.")
        return redirect("portal:advocate")
    if request.method == "POST" and can_ask and "ask" in request.POST:
        advocacy_services.advocacy_event_record(
            actor=request.user, young_person=young_person, state=AdvocacyEvent.State.ASKED
        )
        messages.success(request, "Thank you. Your worker will reply to you about it.")
        return redirect("portal:advocate")
    saved = saved_by_service(
        request,
        form,
        lambda: advocacy_services.advocacy_event_record(
            actor=request.user,
            young_person=young_person,
            state=form.cleaned_data["state"],
            in_their_words=form.cleaned_data["in_their_words"],
        ),
    )
    if saved is not None:
        messages.success(request, "Thank you. Your worker will see your answer.")
        return redirect("portal:advocate")
    return render(
        request,
        "portal/advocate.html",
        {
            "latest": latest,
            "form": form if can_answer else None,
            "can_ask": can_ask,
            "peer_form": peer_form,
            "peer_asked": peer_support_asked(young_person=young_person),
            "peer_supporter": peer_supporter_in_force(young_person=young_person),
        },
        status=400 if form.errors or peer_form.errors else 200,
    )


@portal_view
def representation_agree(
    request: SignedInRequest, meeting_id: UUID, representation_id: UUID
) -> HttpResponse:
    """The young person agrees how their advocate put their views."""
    found = meeting_open(
        request=request, meeting_id=meeting_id, what="views presented by an advocate, in the portal"
    )
    representation = representation_get(
        user=request.user, meeting=found, representation_id=representation_id
    )
    if request.method != "POST":  # checked after access, so others get the same 404
        return HttpResponseNotAllowed(["POST"])
    advocacy_services.representation_agree(actor=request.user, representation=representation)
    return _back_to(found, "Thank you. Everyone will see that you agreed the wording.", request)


# The case team's side of the portal: handing over a code, or switching an account off.


@staff_view
@never_cache  # the page may show a one-time code: never keep it in a browser's cache
def staff_access(request: SignedInRequest, young_person_id: UUID) -> HttpResponse:
    """The case team hands the young person a one-time code, or switches their account off."""
    young_person = young_person_open(
        request=request,
        young_person_id=young_person_id,
        action=Action.CHANGE if request.method == "POST" else Action.VIEW,
        what="portal access",
    )
    code, qr_svg, error = "", "", ""
    if request.method == "POST":
        action = request.POST.get("action")
        can_change = portal_access_change_allowed(actor=request.user, young_person=young_person)
        if action == "code" and can_change and not reauthenticated(request):
            return reauthenticate_first(request)
        try:
            if action == "code":
                code = services.portal_invitation_issue(
                    actor=request.user, young_person=young_person
                )
                start = request.build_absolute_uri(reverse("portal:start"))
                qr_svg = qr_code_svg(f"{start}?code={code}")
            elif action == "off":
                services.portal_account_switch_off(actor=request.user, young_person=young_person)
                messages.success(request, "The account is switched off. Open codes no longer work.")
                return redirect("portal-staff:access", young_person_id=young_person.pk)
            else:
                error = "Choose what to do: make a code, or switch the account off"
        except ValidationError as refused:
            error = " ".join(refused.messages)
    return render(
        request,
        "portal/staff_access.html",
        {
            "young_person": young_person,
            "access": selectors.portal_access_for(young_person=young_person),
            "can_change": portal_access_change_allowed(
                actor=request.user, young_person=young_person
            ),
            "code": code,
            "qr_svg": qr_svg,
            "error": error,
        },
        status=400 if error else 200,
    )


@portal_view
def goals(request: SignedInRequest) -> HttpResponse:
    """My goals: what they are working towards, in their words, with the small steps."""
    young_person = selectors.portal_young_person(user=request.user)
    if young_person is None:
        raise Http404
    all_goals = goals_with_latest_review(young_person=young_person)
    return render(
        request,
        "portal/goals.html",
        {
            "active": [goal for goal in all_goals if goal.archived_at is None],
            "archived": [goal for goal in all_goals if goal.archived_at is not None],
        },
    )


@portal_view
def goal_step_done(request: SignedInRequest, goal_id: UUID, step_id: UUID) -> HttpResponse:
    """Tick a small step off (or back on): a POST from My goals."""
    goal = goal_open(request=request, goal_id=goal_id, action=Action.CHANGE)
    step = goal_step_of(goal=goal, step_id=step_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        done = participation_services.goal_step_done(actor=request.user, step=step)
        ticked = "Well done. Step ticked off." if done.done_at else "Step not done yet."
        messages.success(request, ticked)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("portal:goals")


@portal_view
def goal_add(request: SignedInRequest) -> HttpResponse:
    young_person = selectors.portal_young_person(user=request.user)
    if young_person is None:
        raise Http404
    form = GoalForm(request.POST if request.method == "POST" else None, for_young_person=True)
    saved = saved_by_service(
        request,
        form,
        lambda: participation_services.goal_add(
            actor=request.user,
            young_person=young_person,
            in_their_words=form.cleaned_data["in_their_words"],
            who_helps=form.cleaned_data["who_helps"],
        ),
    )
    if saved is not None:
        messages.success(request, "Your goal is saved. Your worker can see it.")
        return redirect("portal:goals")
    return render(
        request,
        "portal/goal_form.html",
        {"form": form, "heading": "Add a goal"},
        status=400 if form.errors else 200,
    )


@portal_view
def goal_edit(request: SignedInRequest, goal_id: UUID) -> HttpResponse:
    """Change a goal's words, or archive it: it is kept, with what changed."""
    goal = goal_open(
        request=request,
        goal_id=goal_id,
        action=Action.CHANGE if request.method == "POST" else Action.VIEW,
    )
    if request.method == "POST" and "archive" in request.POST:
        participation_services.goal_archive(actor=request.user, goal=goal)
        messages.success(request, "Put away. You can still see it under Goals you have put away.")
        return redirect("portal:goals")
    form = GoalForm(
        request.POST if request.method == "POST" else None,
        for_young_person=True,
        initial={
            "in_their_words": goal.in_their_words,
            "who_helps": goal.who_helps,
            "version": goal.version,
        },
    )
    saved = saved_by_service(
        request,
        form,
        lambda: participation_services.goal_update(
            actor=request.user,
            goal=goal,
            version=form.cleaned_data["version"] or 0,
            in_their_words=form.cleaned_data["in_their_words"],
            who_helps=form.cleaned_data["who_helps"],
        ),
    )
    if saved is not None:
        messages.success(request, "Your goal is saved.")
        return redirect("portal:goals")
    return render(
        request,
        "portal/goal_form.html",
        {"form": form, "heading": "Change your goal", "goal": goal},
        status=400 if form.errors else 200,
    )


@portal_view
def opportunities(request: SignedInRequest) -> HttpResponse:
    """Things they could take part in with other young people, offered by their case team,
    and what they have been part of; with a participation-only account, all there is."""
    young_person = selectors.portal_young_person(user=request.user)
    account = participation_account_of(user=request.user)
    if young_person is None and account is None:
        raise Http404
    return render(
        request,
        "portal/opportunities.html",
        {
            "involvements": portal_offers(user=request.user),
            "part_of": things_i_have_been_part_of(user=request.user),
            "account": account,
            "may_keep": young_person is not None
            and participation_account_open_to(young_person=young_person),
        },
    )


@young_person_view  # not read-only once closed: the one change a closed case still allows
def keep_taking_part(request: SignedInRequest) -> HttpResponse:
    """Keep a participation-only account (after 18, or once their case closes), or, holding
    one, say how they want to be credited."""
    account = participation_account_of(user=request.user)
    young_person = selectors.portal_young_person(user=request.user)
    if account is None and young_person is None:
        raise Http404
    form = CreditNameForm(
        request.POST if request.method == "POST" else None,
        initial={"credit_name": account.credit_name if account else ""},
        keeping=account is None,
    )
    saved = saved_by_service(
        request,
        form,
        lambda: (
            collective_services.participation_account_credit_change(
                actor=request.user, account=account, credit_name=form.cleaned_data["credit_name"]
            )
            if account is not None
            else collective_services.participation_account_keep(
                actor=request.user, credit_name=form.cleaned_data["credit_name"]
            )
        ),
    )
    if saved is not None:
        messages.success(
            request,
            "Saved. This account is now just for the things you take part in."
            if account is None
            else "Saved. Everything you take part in credits you this way from now on.",
        )
        return redirect("portal:opportunities")
    return render(
        request,
        "portal/keep_taking_part.html",
        {
            "form": form,
            "account": account,
            "open_to_them": account is not None
            or (
                young_person is not None
                and participation_account_open_to(young_person=young_person)
            ),
        },
        status=400 if form.errors else 200,
    )


@portal_view
def certificate(request: SignedInRequest, involvement_id: UUID) -> HttpResponse:
    """A certificate to print for something they took part in, naming them only as they
    chose for that kind of work."""
    involvement = _taken_part(request, involvement_id)
    return render(request, "portal/certificate.html", _credited(involvement))


def _taken_part(request: SignedInRequest, involvement_id: UUID) -> Involvement:
    """Their own involvement in something they have taken part in; 404 otherwise."""
    involvement = involvement_open(request=request, involvement_id=involvement_id)
    if involvement.answer != "yes" or not involvement.contributions.exists():
        raise Http404
    return involvement


def _credited(involvement: Involvement) -> dict[str, Any]:
    """What a certificate or a reference letter shows: naming them only as they chose."""
    name = credit_name_of(involvement)
    return {
        "involvement": involvement,
        "opportunity": involvement.opportunity,
        "name": name,
        "not_named": name == NOT_NAMED,
        "sessions": involvement.contributions.all(),
        # Where they change how it names them: their decision for that kind of work, or
        # their participation-only account's credit.
        "change_naming": reverse("portal:keep-taking-part")
        if involvement.account_id
        else reverse("portal:naming-change", args=[naming_context_for(involvement.opportunity)]),
    }


@portal_view
def reference(request: SignedInRequest, involvement_id: UUID) -> HttpResponse:
    """Ask for a reference letter for something they took part in; once it is written, read
    it and print it, naming them only as they chose."""
    involvement = _taken_part(request, involvement_id)
    form = ReferenceAskForm(request.POST if request.method == "POST" else None)
    saved = saved_by_service(
        request,
        form,
        lambda: collective_services.reference_ask(actor=request.user, involvement=involvement),
    )
    if saved is not None:
        messages.success(request, "Thank you. We will tell you when your letter is ready.")
        return redirect("portal:reference", involvement_id=involvement.pk)
    return render(
        request,
        "portal/reference.html",
        {**_credited(involvement), "form": form},
        status=400 if form.errors else 200,
    )


@portal_view
def opportunity_answer(request: SignedInRequest, involvement_id: UUID) -> HttpResponse:
    """What an opportunity involves, and their yes or no, with a reason if they want."""
    involvement = involvement_open(request=request, involvement_id=involvement_id)
    asking = request.method == "POST" and "ask" in request.POST
    question_form = QuestionForm(request.POST if asking else None)
    asked = saved_by_service(
        request,
        question_form,
        lambda: collective_services.question_ask(
            actor=request.user,
            involvement=involvement,
            in_their_words=question_form.cleaned_data["in_their_words"],
        ),
    )
    if asked is not None:
        messages.success(request, "Thank you. We will tell you when there is an answer.")
        return redirect("portal:opportunity-answer", involvement_id=involvement.pk)
    form = AnswerForm(
        request.POST if request.method == "POST" and not asking else None,
        initial={"answer": involvement.answer, "reason": involvement.reason},
    )
    saved = saved_by_service(
        request,
        form,
        lambda: collective_services.involvement_answer(
            actor=request.user, involvement=involvement, **form.cleaned_data
        ),
    )
    if saved is not None:
        messages.success(
            request,
            "Thank you. We will be in touch about it."
            if saved.answer == "yes"
            else "Thank you for letting us know.",
        )
        return redirect("portal:opportunities")
    return render(
        request,
        "portal/opportunity.html",
        {
            "involvement": involvement,
            "opportunity": involvement.opportunity,
            "form": form,
            "question_form": question_form,
            "questions": involvement.questions.select_related("answered_by"),
        },
        status=400 if form.errors or question_form.errors else 200,
    )
