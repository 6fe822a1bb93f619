"""Local development: `make run`. Never used in production."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DJANGO_DEBUG", default=True)
SECRET_KEY = env("DJANGO_SECRET_KEY", default="local-development-only-not-a-secret")

# The embedded SQLite database lives under var/.
(BASE_DIR / "var").mkdir(exist_ok=True)  # noqa: F405
