from django.urls import path

from . import views

app_name = "figures"

urlpatterns = [
    path("service/figures/", views.figures_page, name="page"),
    path("service/figures/meetings/", views.figure_meetings, name="meetings"),
    path("service/figures.csv", views.figures_csv, name="csv"),
    path("service/you-said-we-did/new/", views.service_change_add, name="change-add"),
]
