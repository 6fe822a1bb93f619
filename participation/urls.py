from django.urls import path

from . import views

app_name = "participation"

urlpatterns = [
    path("young-people/", views.my_young_people, name="my-young-people"),
    path("young-people/<uuid:young_person_id>/", views.young_person_detail, name="young-person"),
]
