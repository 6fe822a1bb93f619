from django.urls import path

from . import views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("sign-in/", views.sign_in, name="sign-in"),
    path("exit/", views.exit_page, name="exit"),
    path("who-has-looked/", views.who_has_looked, name="who-has-looked"),
]
