from contextlib import suppress

from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token

PLAIN = "<!doctype html><title>Sorry</title><h1>Sorry, there is a problem. Try again later.</h1>"


@requires_csrf_token
def server_error(request: HttpRequest) -> HttpResponse:
    """The 500 page in the layout of the side of the service it happened on: the portal's
    neutral name and layout for a young person, the staff layout otherwise. If even that
    cannot be drawn, a plain page that names nothing."""
    html: str = PLAIN
    with suppress(Exception):  # the error page itself must never fail
        html = loader.render_to_string("500.html", request=request)
    return HttpResponseServerError(html)
