"""The test suite. Uses DATABASE_URL and REDIS_URL when they are set (CI does)."""

from .local import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-not-a-secret"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Tests run tasks in-process; the Celery round-trip test switches to the real broker.
CELERY_TASK_ALWAYS_EAGER = True
