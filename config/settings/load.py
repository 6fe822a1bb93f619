"""Production settings over plain HTTP on loopback: for the load test (`make load`) only.

Everything else is production's, including its refusal to start without its secrets."""

from .production import *  # noqa: F403

SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
