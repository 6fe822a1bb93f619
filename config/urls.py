from django.contrib import admin
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest
from django.urls import include, path

from accounts.access import staff_signed_in

from .health import healthz

# The admin site signs in through the service's own sign-in page (one door for staff), and
# lets nobody in who has not passed both steps: a password alone reaches none of it.
admin.site.login = login_required(admin.site.login)  # type: ignore[method-assign]


def _admin_permission(request: HttpRequest) -> bool:
    return staff_signed_in(request) and request.user.is_active and request.user.is_staff


admin.site.has_permission = _admin_permission  # type: ignore[method-assign]
admin.site.site_header = "Partners administration"
admin.site.site_title = "Partners administration"

handler500 = "config.errors.server_error"

urlpatterns = [
    path("", include("home.urls")),
    path("", include("signin.urls")),
    path("", include("participation.urls")),
    path("", include("cases.urls")),
    path("", include("figures.urls")),
    path("", include("collective.urls")),
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
