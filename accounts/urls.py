from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("sign-in/", views.sign_in, name="sign-in"),
    path("sign-out/", views.sign_out, name="sign-out"),
    path("signed-out/", views.signed_out, name="signed-out"),
    path("password/link/", views.password_link_ask, name="password-link"),
    path("password/link/sent/", views.password_link_sent, name="password-link-sent"),
    path("password/set/<uidb64>/<token>/", views.password_set, name="password-set"),
    path("password/set/done/", views.password_set_done, name="password-set-done"),
    path("password/change/", views.password_change, name="password-change"),
    path("password/changed/", views.password_changed, name="password-changed"),
]
