from django.urls import path

from . import views

app_name = "portal-staff"

# The case team's side of the portal, under the young person's record (not under /portal/).
urlpatterns = [
    path("young-people/<uuid:young_person_id>/portal/", views.staff_access, name="access"),
]
