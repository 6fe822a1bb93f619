from django.urls import path

from . import views

app_name = "cases"

urlpatterns = [
    path("young-people/<uuid:young_person_id>/close/", views.case_close, name="close"),
    path(
        "young-people/<uuid:young_person_id>/transfer-summary/",
        views.transfer_summary_page,
        name="transfer-summary",
    ),
    path(
        "young-people/<uuid:young_person_id>/subject-access/",
        views.subject_access,
        name="subject-access",
    ),
    path("closed-cases/", views.closed_cases, name="closed"),
    path("service/retention/", views.retention, name="retention"),
    path("closed-cases/<uuid:closure_id>/reopen/", views.case_reopen, name="reopen"),
]
