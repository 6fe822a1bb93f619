from django.urls import path

from . import views

app_name = "collective"

urlpatterns = [
    path("opportunities/", views.opportunities, name="opportunities"),
    path("opportunities/new/", views.opportunity_add, name="opportunity-add"),
    path("opportunities/<uuid:opportunity_id>/", views.opportunity_detail, name="opportunity"),
    path(
        "young-people/<uuid:young_person_id>/opportunities/offer/",
        views.offer,
        name="offer",
    ),
]
