from django.urls import path

from . import views

app_name = "consent"

urlpatterns = [
    path("young-people/<uuid:young_person_id>/consent/", views.overview, name="overview"),
    path(
        "young-people/<uuid:young_person_id>/consent/naming/",
        views.identity_record,
        name="identity-record",
    ),
    path(
        "young-people/<uuid:young_person_id>/consent/sharing/",
        views.sharing_record,
        name="sharing-record",
    ),
]
