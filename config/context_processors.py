from django.conf import settings
from django.http import HttpRequest


def service(request: HttpRequest) -> dict[str, str]:
    """The service names every layout needs, and which layout an error page takes."""
    in_portal = request.path.startswith("/portal/")
    return {
        "service_name": settings.SERVICE_NAME,
        "portal_service_name": settings.PORTAL_SERVICE_NAME,
        "error_layout": "layouts/portal.html" if in_portal else "layouts/staff.html",
    }
