from django.urls import path

from . import views

app_name = "portal"

# Nothing personal in a portal address: ids only, and words that give nothing away.
urlpatterns = [
    path("", views.home, name="home"),
    path("sign-in/", views.sign_in, name="sign-in"),
    path("start/", views.start, name="start"),
    path("exit/", views.exit_page, name="exit"),
    path("who-has-looked/", views.who_has_looked, name="who-has-looked"),
    path("your-choices/", views.choices, name="choices"),
    path("about-me/", views.about_me, name="about-me"),
    path("goals/", views.goals, name="goals"),
    path("goals/new/", views.goal_add, name="goal-add"),
    path("goals/<uuid:goal_id>/", views.goal_edit, name="goal-edit"),
    path(
        "goals/<uuid:goal_id>/steps/<uuid:step_id>/done/",
        views.goal_step_done,
        name="goal-step-done",
    ),
    path("advocate/", views.advocate, name="advocate"),
    path("taking-part/", views.opportunities, name="opportunities"),
    path("taking-part/keep/", views.keep_taking_part, name="keep-taking-part"),
    path("taking-part/<uuid:involvement_id>/", views.opportunity_answer, name="opportunity-answer"),
    path(
        "taking-part/<uuid:involvement_id>/certificate/",
        views.certificate,
        name="certificate",
    ),
    path(
        "taking-part/<uuid:involvement_id>/reference/",
        views.reference,
        name="reference",
    ),
    path("messages/", views.messages_page, name="messages"),
    path("messages/how-we-tell-you/", views.safe_contact, name="safe-contact"),
    path("your-choices/<slug:context>/", views.naming_change, name="naming-change"),
    path("meetings/<uuid:meeting_id>/", views.meeting, name="meeting"),
    path("meetings/<uuid:meeting_id>/information/", views.information, name="information"),
    path("meetings/<uuid:meeting_id>/add/", views.agenda_add, name="agenda-add"),
    path("meetings/<uuid:meeting_id>/add-goals/", views.agenda_goals, name="agenda-goals"),
    path("meetings/<uuid:meeting_id>/taking-part/", views.taking_part, name="taking-part"),
    path("meetings/<uuid:meeting_id>/meet-the-chair/", views.meet_chair, name="meet-chair"),
    path("meetings/<uuid:meeting_id>/my-views/", views.views, name="views"),
    path(
        "meetings/<uuid:meeting_id>/decisions/<uuid:decision_id>/",
        views.decision_response,
        name="decision-response",
    ),
    path("meetings/<uuid:meeting_id>/feedback/", views.feedback, name="feedback"),
    path(
        "meetings/<uuid:meeting_id>/advocate-wording/<uuid:representation_id>/",
        views.representation_agree,
        name="representation-agree",
    ),
]
