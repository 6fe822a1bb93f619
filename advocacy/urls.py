from django.urls import path

from . import views

app_name = "advocacy"

urlpatterns = [
    path("young-people/<uuid:young_person_id>/advocacy/", views.advocacy, name="advocacy"),
    path("young-people/<uuid:young_person_id>/advocacy/assign/", views.assign, name="assign"),
    path(
        "young-people/<uuid:young_person_id>/advocacy/<uuid:assignment_id>/end/",
        views.assignment_end,
        name="assignment-end",
    ),
    path(
        "meetings/<uuid:meeting_id>/views-by-advocate/",
        views.representation_add,
        name="representation-add",
    ),
    path(
        "meetings/<uuid:meeting_id>/agenda/on-behalf/",
        views.agenda_on_behalf,
        name="agenda-on-behalf",
    ),
]
