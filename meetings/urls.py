from django.urls import path

from . import views

app_name = "meetings"

urlpatterns = [
    path(
        "young-people/<uuid:young_person_id>/meetings/schedule/",
        views.meeting_schedule,
        name="schedule",
    ),
]
