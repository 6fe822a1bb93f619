from django.urls import path

from . import views

app_name = "advocacy"

urlpatterns = [
    path("young-people/<uuid:young_person_id>/advocacy/", views.advocacy, name="advocacy"),
]
