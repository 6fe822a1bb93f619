"""Settings shared by every environment; each value can be set from the environment."""

from pathlib import Path
from typing import Any

import environ
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()

DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env("DJANGO_SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])

# The staff service's name, and the neutral name the young person's portal shows
# (their phone may be watched: nothing in it may hint at what the service is for).
SERVICE_NAME = "Partners"
PORTAL_SERVICE_NAME = env("PARTNERS_PORTAL_NAME", default="Your say")
# Where "Exit this page" lands: an everyday site that gives nothing away.
PORTAL_EXIT_URL = env("PARTNERS_PORTAL_EXIT_URL", default="https://www.bbc.co.uk/weather")
# A young person's session ends after this long without a request: someone else may pick up
# the phone.
PORTAL_IDLE_SECONDS = 15 * 60
# A member of staff's session ends after 30 minutes without a request, and 10 hours after
# signing in however busy (a shared office computer).
STAFF_IDLE_SECONDS = 30 * 60
STAFF_SESSION_MAX_SECONDS = 10 * 60 * 60
# How many proxies in front of the app append to X-Forwarded-For (a load balancer: 1). The
# client address is what the nearest of them saw; with 0 it is the connection's address.
TRUSTED_PROXY_COUNT = env.int("PARTNERS_TRUSTED_PROXY_COUNT", default=0)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    # Trigram lookups for finding a young person by name (participation.selectors).
    "django.contrib.postgres",
    "crispy_forms",
    "crispy_forms_gds",
    "guardian",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "accounts",
    "administration",
    "signin",
    "participation",
    "meetings",
    "advocacy",
    "consent",
    "audit",
    "portal",
    "notifications",
    "reminders",
    "home",
    "cases",
    "figures",
    "collective",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "audit.middleware.RequestIdMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.SignedInSessionMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "portal.middleware.PortalSafetyMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "config.middleware.PermissionsPolicyMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "config.context_processors.service",
            ],
        },
    },
]

# With no DATABASE_URL the app runs on SQLite under var/ (the embedded default).
DATABASES: dict[str, dict[str, Any]] = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'var' / 'partners.sqlite3'}")
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "accounts.backends.SignInBackend",
    "guardian.backends.ObjectPermissionBackend",
]
LOGIN_URL = "signin:sign-in"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Chairing a meeting gives access to the young person while it is open, and for this many days
# after it is closed or cancelled (docs/access.md). Powers come only from an open meeting.
CHAIR_ACCESS_DAYS = env.int("CHAIR_ACCESS_DAYS", default=30)
# A password reset link works once, for an hour.
PASSWORD_RESET_TIMEOUT = 60 * 60

# The second factor (django-otp): an authenticator app, named in it as the service, and
# recovery codes. Wrong codes count towards the account's lockout (signin/services.py), so
# django-otp's own per-device delay is off: one rule for how often anyone may try.
OTP_TOTP_ISSUER = SERVICE_NAME
OTP_TOTP_THROTTLE_FACTOR = 0
OTP_STATIC_THROTTLE_FACTOR = 0

# Guardian holds explicit per-object grants only; anonymous users get none.
ANONYMOUS_USER_NAME = None
GUARDIAN_RAISE_403 = False

SESSION_COOKIE_AGE = STAFF_SESSION_MAX_SECONDS
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_SAVE_EVERY_REQUEST = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "staticfiles"
# static/ holds the project's own files and, under build/, the GOV.UK Frontend
# files and the CSS that `make assets` produces.
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

CRISPY_ALLOWED_TEMPLATE_PACKS = ["gds"]
CRISPY_TEMPLATE_PACK = "gds"

# Nothing but the app itself: no fonts, scripts or images from anywhere else.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Browser features the app never uses, switched off (config.middleware).
PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), camera=(), display-capture=(), encrypted-media=(), "
    "fullscreen=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), midi=(), "
    "payment=(), picture-in-picture=(), publickey-credentials-get=(), screen-wake-lock=(), "
    "serial=(), usb=(), xr-spatial-tracking=()"
)

# Mail goes to the console unless a deployment names a real mailer (production.py). A
# young person's messages go through a mailer of their own ("portal"), from a sender and
# with message ids that give nothing away: never the staff service's.
_CONSOLE = {"BACKEND": "django.core.mail.backends.console.EmailBackend"}
MAILERS: dict[str, dict[str, Any]] = {"default": _CONSOLE, "portal": _CONSOLE}
DEFAULT_FROM_EMAIL = env("DJANGO_DEFAULT_FROM_EMAIL", default="partners@example.org")
PORTAL_FROM_EMAIL = env("PARTNERS_PORTAL_FROM_EMAIL", default="messages@example.org")
# Absolute address of the staff service, for links in emails.
SITE_URL = env("PARTNERS_SITE_URL", default="http://127.0.0.1:8000")

# Celery: with no REDIS_URL, tasks run in-process (the embedded default).
REDIS_URL = env("REDIS_URL", default="")
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
# A hung Redis must fail a publish in seconds, never block a page or a save.
CELERY_BROKER_CONNECTION_TIMEOUT = 3
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "socket_timeout": 3,
    "socket_connect_timeout": 3,
    # No retry inside a save: the sweep is the retry.
    "max_retries": 0,
}
# A task running when the broker connection drops finishes and commits its row (its
# message comes back and finds the row sent); cancelling it could send a message twice.
CELERY_WORKER_CANCEL_LONG_RUNNING_TASKS_ON_CONNECTION_LOSS = False
# Publishing fails once and fast: the beat sweep is the retry, not the page being saved.
CELERY_TASK_PUBLISH_RETRY = False
CELERY_BEAT_SCHEDULE = {
    "send-due-notifications": {
        "task": "notifications.tasks.notifications_send_due",
        "schedule": env.float("NOTIFICATIONS_SWEEP_SECONDS", default=60.0),
    },
    "write-reminders": {
        "task": "reminders.tasks.reminders_write",
        "schedule": env.float("NOTIFICATIONS_SCAN_SECONDS", default=3600.0),
    },
    "switch-off-closed-case-portals": {
        "task": "cases.tasks.closed_case_portals_switch_off",
        "schedule": 3600.0,
    },
    "apply-the-retention-schedule": {
        "task": "cases.tasks.retention_apply",
        "schedule": 86400.0,
    },
}
# A young person who asks for something is promised a reply within this many working days.
REQUEST_REPLY_WORKING_DAYS = env.int("PARTNERS_REQUEST_REPLY_WORKING_DAYS", default=3)
# After a case closes, the young person can still read their portal (and change nothing)
# for this many days; then their account is switched off.
PORTAL_READ_ONLY_DAYS = env.int("PARTNERS_PORTAL_READ_ONLY_DAYS", default=30)

# Notifications (the outbox: notifications/). Reminders before a meeting start this many
# days ahead; feedback is chased this many days after it.
NOTIFICATIONS_DAYS_BEFORE_MEETING = env.int("NOTIFICATIONS_DAYS_BEFORE_MEETING", default=5)
NOTIFICATIONS_DAYS_AFTER_MEETING = env.int("NOTIFICATIONS_DAYS_AFTER_MEETING", default=2)
# A failed send waits 60 s, then 120 s, ...; after the last attempt a CSE lead can retry it.
NOTIFICATIONS_MAX_ATTEMPTS = 5
NOTIFICATIONS_RETRY_SECONDS = 60
# A function called after a message is handed to its channel and before its row commits as
# sent: None, except in the tests that kill a worker in that window.
NOTIFICATIONS_AFTER_HAND_OVER: str | None = None
# A row handed to the broker but not sent after this long is handed over again.
NOTIFICATIONS_REQUEUE_SECONDS = env.int("NOTIFICATIONS_REQUEUE_SECONDS", default=600)
# Each message's id (Message-ID, the Notify reference) names the row; the domain differs
# for staff and young people, so neither gives the other away.
SERVICE_MESSAGE_DOMAIN = env("PARTNERS_MESSAGE_DOMAIN", default="partners.invalid")
PORTAL_MESSAGE_DOMAIN = env("PARTNERS_PORTAL_MESSAGE_DOMAIN", default="messages.invalid")
# Texts go only to young people: the log by default; production sends them through the
# young people's own GOV.UK Notify service (neutral name, no branding), and offers them
# only then.
TEXT_MESSAGE_BACKEND = "notifications.channels.ConsoleTexts"
TEXT_MESSAGES_OFFERED = True
NOTIFY_PORTAL_API_KEY = env("NOTIFY_PORTAL_API_KEY", default="")
NOTIFY_PORTAL_TEXT_TEMPLATE_ID = env("NOTIFY_PORTAL_TEXT_TEMPLATE_ID", default="")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="INFO")},
}
