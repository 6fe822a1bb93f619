"""Production: refuses to start without its secrets; every deploy check passes."""

from typing import Any

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env

DEBUG = False


def _required(name: str) -> str:
    value = env(name, default="")
    if not value:
        raise ImproperlyConfigured(f"Set {name} in the environment: production needs it.")
    return value


SECRET_KEY = _required("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = [host.strip() for host in _required("DJANGO_ALLOWED_HOSTS").split(",")]
DATABASES = {"default": env.db_url_config(_required("DATABASE_URL"))}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default=60)

# Static files are served by the web processes themselves, compressed and cache-busted.
MIDDLEWARE = [
    MIDDLEWARE[0],  # noqa: F405 - SecurityMiddleware stays first
    "whitenoise.middleware.WhiteNoiseMiddleware",
    *MIDDLEWARE[1:],  # noqa: F405
]

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Mail by SMTP, or by GOV.UK Notify. Staff mail and a young person's messages are kept
# apart: the young people's Notify service has a neutral name and no branding, and their
# messages come from PARTNERS_PORTAL_FROM_EMAIL. Texts only through that service.
_SMTP = {
    "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
    "OPTIONS": {
        "host": env("DJANGO_EMAIL_HOST", default="localhost"),
        "port": env.int("DJANGO_EMAIL_PORT", default=587),
        "username": env("DJANGO_EMAIL_USER", default=""),
        "password": env("DJANGO_EMAIL_PASSWORD", default=""),
        "use_tls": env.bool("DJANGO_EMAIL_USE_TLS", default=True),
        "timeout": 10,
    },
}


def _mailer(api_key: str, template_id: str) -> dict[str, Any]:
    if not api_key:
        return _SMTP
    return {
        "BACKEND": "notifications.channels.NotifyEmailBackend",
        "OPTIONS": {"api_key": api_key, "template_id": _required(template_id)},
    }


MAILERS = {
    "default": _mailer(env("NOTIFY_API_KEY", default=""), "NOTIFY_EMAIL_TEMPLATE_ID"),
    "portal": _mailer(NOTIFY_PORTAL_API_KEY, "NOTIFY_PORTAL_EMAIL_TEMPLATE_ID"),  # noqa: F405
}
PORTAL_FROM_EMAIL = _required("PARTNERS_PORTAL_FROM_EMAIL")
TEXT_MESSAGES_OFFERED = bool(NOTIFY_PORTAL_API_KEY)  # noqa: F405
if TEXT_MESSAGES_OFFERED:
    _required("NOTIFY_PORTAL_TEXT_TEMPLATE_ID")
    TEXT_MESSAGE_BACKEND = "notifications.channels.NotifyTexts"

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_AGE = 60 * 30
