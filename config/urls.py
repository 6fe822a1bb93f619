from django.contrib import admin
from django.contrib.auth.decorators import login_required
from django.urls import include, path

from .health import healthz

# The admin site signs in through the service's own sign-in page (one door for staff).
admin.site.login = login_required(admin.site.login)  # type: ignore[method-assign]
admin.site.site_header = "Partners administration"
admin.site.site_title = "Partners administration"

urlpatterns = [
    path("", include("home.urls")),
    path("", include("accounts.urls")),
    path("", include("participation.urls")),
    path("", include("meetings.urls")),
    path("", include("audit.urls")),
    path("", include("consent.urls")),
    path("", include("advocacy.urls")),
    path("", include("notifications.urls")),
    path("portal/", include("portal.urls")),
    path("", include("portal.staff_urls")),
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
]
