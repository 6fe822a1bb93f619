from django.urls import path

from . import views

app_name = "participation"

urlpatterns = [
    path("young-people/", views.my_young_people, name="my-young-people"),
    path("young-people/<uuid:young_person_id>/", views.young_person_detail, name="young-person"),
    path(
        "young-people/<uuid:young_person_id>/case-team/add/",
        views.case_team_add,
        name="case-team-add",
    ),
    path(
        "young-people/<uuid:young_person_id>/case-team/<uuid:membership_id>/end/",
        views.case_team_end,
        name="case-team-end",
    ),
    path("case-teams/reassign/", views.caseload_reassign, name="caseload-reassign"),
    path(
        "young-people/<uuid:young_person_id>/grants/new/",
        views.grant_create,
        name="grant-create",
    ),
    path(
        "young-people/<uuid:young_person_id>/break-glass/",
        views.break_glass,
        name="break-glass",
    ),
    path("break-glass/", views.break_glass_review, name="break-glass-review"),
    path("service/figures/", views.service_figures_page, name="service-figures"),
    path(
        "break-glass/<uuid:grant_id>/reviewed/",
        views.break_glass_reviewed,
        name="break-glass-reviewed",
    ),
]
