"""Settings for the real Celery workers that `test_celery_worker.py` starts.

The suite's settings, with the changes a worker under test needs:

- mail is written to files under `PARTNERS_TEST_MAIL_DIR`, so the test can count
  every message that left the system by its Message-ID;
- tasks are published for real: the suite runs them in-process, but a worker's embedded
  beat, or a sweep it runs, must hand them to the broker like production does;
- each test has its own queue (`PARTNERS_TEST_QUEUE`), so tests running side by side
  (pytest -n) on one shared Redis never consume each other's messages;
- with `PARTNERS_TEST_PAUSE_DIR`, it stops still after handing a message to its channel and
  before the row commits (`tests/notifications/pause.py`), to be killed in that window.

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
# A worker started with a pause directory stops still after handing a message over.
if os.environ.get("PARTNERS_TEST_PAUSE_DIR"):
    NOTIFICATIONS_AFTER_HAND_OVER = "tests.notifications.pause.hold"
