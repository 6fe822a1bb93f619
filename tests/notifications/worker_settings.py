"""Settings for the real Celery workers that `test_celery_worker.py` starts.

The suite's settings, with three changes a worker under test needs:

- mail is written to files under `PARTNERS_TEST_MAIL_DIR`, so the test can count
  every message that left the system by its Message-ID;
- tasks are published for real: the suite runs them in-process, but a worker's embedded
  beat, or a sweep it runs, must hand them to the broker like production does;
- each test has its own queue (`PARTNERS_TEST_QUEUE`), so tests running side by side
  (pytest -n) on one shared Redis never consume each other's messages.

Database connections are kept between tasks, as production keeps them (CONN_MAX_AGE).
"""

import os

from config.settings.test import *  # noqa: F403
from config.settings.test import DATABASES

_FILES = {
    "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
    "OPTIONS": {"file_path": os.environ["PARTNERS_TEST_MAIL_DIR"]},
}
MAILERS = {"default": _FILES, "portal": _FILES}
CELERY_TASK_ALWAYS_EAGER = False
CELERY_TASK_DEFAULT_QUEUE = os.environ["PARTNERS_TEST_QUEUE"]
CELERY_WORKER_ENABLE_REMOTE_CONTROL = False
DATABASES["default"]["CONN_MAX_AGE"] = 60
