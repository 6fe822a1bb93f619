import os
import shutil

import pytest
from django.conf import settings

from tests.factories import PASSWORD

IN_CI = os.environ.get("CI", "").lower() == "true"


def require(available: bool, reason: str) -> None:
    """Skip a test whose real service is missing; under CI a missing service is a failure."""
    if available:
        return
    if IN_CI:
        pytest.fail(f"CI must provide this: {reason}")
    pytest.skip(reason)


@pytest.fixture
def redis_url() -> str:
    require(bool(settings.REDIS_URL), "needs Redis: set REDIS_URL")
    return settings.REDIS_URL


@pytest.fixture
def chromium_path() -> str:
    path = shutil.which("chromium") or "/usr/bin/chromium"
    require(os.path.exists(path), "needs Chromium: apt-get install chromium")
    return path


@pytest.fixture
def password() -> str:
    return PASSWORD
