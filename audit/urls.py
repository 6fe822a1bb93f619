from django.urls import path

from . import views

app_name = "audit"

urlpatterns = [
    path(
        "young-people/<uuid:young_person_id>/access-log/",
        views.young_person_access_log,
        name="young-person-access-log",
    ),
]
