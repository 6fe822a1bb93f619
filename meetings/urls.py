from django.urls import path

from . import views

app_name = "meetings"

urlpatterns = [
    path("requests/<uuid:asked_id>/", views.request_answer, name="request-answer"),
    path("meetings/your-introduction/", views.chair_introduction, name="chair-introduction"),
    path(
        "young-people/<uuid:young_person_id>/meetings/schedule/",
        views.meeting_schedule,
        name="schedule",
    ),
    path("meetings/<uuid:meeting_id>/", views.meeting_detail, name="meeting"),
    path("meetings/<uuid:meeting_id>/status/", views.meeting_advance, name="advance"),
    path("meetings/<uuid:meeting_id>/move/", views.meeting_move, name="move"),
    path("meetings/<uuid:meeting_id>/cancel/", views.meeting_cancel, name="cancel"),
    path("meetings/<uuid:meeting_id>/decisions/add/", views.decision_add, name="decision-add"),
    path("meetings/<uuid:meeting_id>/feedback/", views.feedback_add, name="feedback"),
    path("meetings/<uuid:meeting_id>/invite/", views.invitation_add, name="invite"),
    path("meetings/<uuid:meeting_id>/information/", views.information_pack, name="information"),
    path(
        "meetings/<uuid:meeting_id>/print/their-agenda/",
        views.print_young_persons_agenda,
        name="print-young-persons-agenda",
    ),
    path(
        "meetings/<uuid:meeting_id>/print/pack/",
        views.print_professionals_pack,
        name="print-pack",
    ),
    path(
        "meetings/<uuid:meeting_id>/agenda/<uuid:item_id>/up/",
        views.agenda_item_move_up,
        name="agenda-up",
    ),
    path(
        "meetings/<uuid:meeting_id>/agenda/<uuid:item_id>/outcome/",
        views.agenda_item_outcome,
        name="agenda-outcome",
    ),
    path(
        "meetings/<uuid:meeting_id>/decisions/<uuid:decision_id>/response/",
        views.decision_response,
        name="decision-response",
    ),
    path(
        "meetings/<uuid:meeting_id>/their-views/",
        views.young_person_views_edit,
        name="young-person-views",
    ),
    path("meetings/<uuid:meeting_id>/agenda/add/", views.agenda_item_add, name="agenda-add"),
    path(
        "meetings/<uuid:meeting_id>/agenda/your-goals/",
        views.goals_agenda_item_add,
        name="agenda-goals",
    ),
    path("meetings/<uuid:meeting_id>/goals/review/", views.goal_review, name="goal-review"),
    path(
        "meetings/<uuid:meeting_id>/preparation/<slug:step>/",
        views.preparation_update,
        name="preparation",
    ),
    path(
        "meetings/<uuid:meeting_id>/agenda/<uuid:item_id>/edit/",
        views.agenda_item_edit,
        name="agenda-edit",
    ),
]
