from django.urls import path

from . import views

app_name = "collective"

urlpatterns = [
    path("opportunities/", views.opportunities, name="opportunities"),
    path("opportunities/new/", views.opportunity_add, name="opportunity-add"),
    path("opportunities/<uuid:opportunity_id>/", views.opportunity_detail, name="opportunity"),
    path("opportunities/<uuid:opportunity_id>/outputs/new/", views.output_add, name="output-add"),
    path(
        "opportunities/<uuid:opportunity_id>/outputs/<uuid:output_id>/publish/",
        views.output_publish,
        name="output-publish",
    ),
    path(
        "opportunities/taking-part/<uuid:involvement_id>/contribution/",
        views.contribution_add,
        name="contribution-add",
    ),
    path(
        "opportunities/taking-part/<uuid:involvement_id>/preparation/",
        views.preparation,
        name="preparation",
    ),
    path(
        "opportunities/taking-part/<uuid:involvement_id>/reference/",
        views.reference,
        name="reference",
    ),
    path(
        "opportunities/questions/<uuid:question_id>/",
        views.question_answer,
        name="question-answer",
    ),
    path(
        "young-people/<uuid:young_person_id>/opportunities/offer/",
        views.offer,
        name="offer",
    ),
]
