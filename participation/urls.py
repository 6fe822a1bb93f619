from django.urls import path

from . import views

app_name = "participation"

urlpatterns = [
    path("young-people/", views.my_young_people, name="my-young-people"),
    path("young-people/new/", views.young_person_register, name="register"),
    path("young-people/find/", views.young_people_find, name="find"),
    path(
        "young-people/<uuid:young_person_id>/details/",
        views.young_person_edit,
        name="details-edit",
    ),
    path(
        "young-people/<uuid:young_person_id>/ask-for-access/",
        views.access_request_create,
        name="access-request",
    ),
    path(
        "young-people/<uuid:young_person_id>/access-requests/<uuid:request_id>/",
        views.access_request_answer,
        name="access-answer",
    ),
    path(
        "young-people/<uuid:young_person_id>/people/new/",
        views.person_who_matters,
        name="person-add",
    ),
    path(
        "young-people/<uuid:young_person_id>/people/<uuid:person_id>/",
        views.person_who_matters,
        name="person-edit",
    ),
    path("access-requests/", views.access_requests_mine_page, name="access-requests-mine"),
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
        "young-people/<uuid:young_person_id>/goals/new/",
        views.goal_add,
        name="goal-add",
    ),
    path("goals/<uuid:goal_id>/steps/new/", views.goal_step_add, name="goal-step-add"),
    path(
        "goals/<uuid:goal_id>/steps/<uuid:step_id>/done/",
        views.goal_step_done,
        name="goal-step-done",
    ),
    path(
        "young-people/<uuid:young_person_id>/legal-hold/",
        views.legal_hold,
        name="legal-hold",
    ),
    path(
        "young-people/<uuid:young_person_id>/break-glass/",
        views.break_glass,
        name="break-glass",
    ),
    path("break-glass/", views.break_glass_review, name="break-glass-review"),
    path(
        "break-glass/<uuid:grant_id>/reviewed/",
        views.break_glass_reviewed,
        name="break-glass-reviewed",
    ),
]
