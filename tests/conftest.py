import os
import shutil

import pytest
from django.conf import settings
from django.test import Client

from tests.factories import PASSWORD
from tests.signin.phone import second_step_done

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


@pytest.fixture(autouse=True)
def _force_login_is_a_finished_sign_in(monkeypatch: pytest.MonkeyPatch) -> None:
    """`client.force_login(user)` stands for a sign-in that is finished: for a member of staff,
    both steps (password, then a code from their authenticator). The steps themselves, and
    that a password alone reaches nothing, are tested through the real pages in
    tests/signin/."""
    plain_login = Client._login

    def finished_login(self: Client, user, backend=None) -> None:  # type: ignore[no-untyped-def]
        plain_login(self, user, backend)
        if user.is_staff_member:
            second_step_done(self, user)

    monkeypatch.setattr(Client, "_login", finished_login)
