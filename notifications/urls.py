from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("notices/<uuid:notification_id>/read/", views.notice_read, name="notice-read"),
    path("notifications/", views.outbox, name="outbox"),
    path("notifications/<uuid:notification_id>/retry/", views.retry, name="retry"),
]
