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
]
