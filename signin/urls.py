from django.urls import path

from . import views

app_name = "signin"

urlpatterns = [
    path("sign-in/", views.sign_in, name="sign-in"),
    path("sign-in/code/", views.sign_in_code, name="code"),
    path("sign-in/set-up/", views.sign_in_set_up, name="set-up"),
    path("sign-in/recovery-codes/", views.recovery_codes, name="recovery-codes"),
    path("confirm-it-is-you/", views.confirm, name="confirm"),
    path("sign-out/", views.sign_out, name="sign-out"),
    path("signed-out/", views.signed_out, name="signed-out"),
    path("account/", views.account, name="account"),
    path("account/sessions/end/", views.sessions_end_page, name="sessions-end"),
    path("account/second-factor/", views.second_factor_change, name="second-factor"),
    path("account/second-factor/reset/", views.second_factor_reset, name="second-factor-reset"),
    path("account/sign-in-events/", views.sign_in_events, name="sign-in-events"),
    path("password/link/", views.password_link_ask, name="password-link"),
    path("password/link/sent/", views.password_link_sent, name="password-link-sent"),
    path("password/set/<uidb64>/<token>/", views.password_set, name="password-set"),
    path("password/set/done/", views.password_set_done, name="password-set-done"),
    path("password/change/", views.password_change, name="password-change"),
    path("password/changed/", views.password_changed, name="password-changed"),
]
