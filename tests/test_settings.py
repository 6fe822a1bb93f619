"""The stack the suite runs on, and the production settings' refusals and deploy checks."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from tests.conftest import IN_CI, require

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "DJANGO_SECRET_KEY": "x" * 64 + "-a-long-random-production-secret-for-the-check",
    "DJANGO_ALLOWED_HOSTS": "partners.example.org",
    "DATABASE_URL": "postgres://partners:partners@127.0.0.1:5432/partners",
    "PARTNERS_PORTAL_FROM_EMAIL": "messages@neutral.example",
}


def _manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.django_db
def test_suite_runs_on_postgresql_when_database_url_is_set():
    if IN_CI:
        assert os.environ.get("DATABASE_URL"), "CI must run the suite on PostgreSQL"
    require(bool(os.environ.get("DATABASE_URL")), "needs PostgreSQL: set DATABASE_URL")
    assert connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version_num")
        assert int(cursor.fetchone()[0]) >= 150000


def test_suite_uses_redis_as_broker_when_redis_url_is_set():
    if IN_CI:
        assert os.environ.get("REDIS_URL"), "CI must give the suite a Redis"
    require(bool(os.environ.get("REDIS_URL")), "needs Redis: set REDIS_URL")
    from config.celery import app

    assert app.conf.broker_url.startswith("redis://")


def test_every_task_in_the_beat_schedule_is_registered_with_the_celery_app():
    from config.celery import app

    app.loader.import_default_modules()
    scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert scheduled, "the beat schedule is empty"
    assert scheduled <= set(app.tasks), scheduled - set(app.tasks)


def test_production_settings_pass_every_deploy_check():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.parametrize(
    "missing",
    ["DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS", "DATABASE_URL", "PARTNERS_PORTAL_FROM_EMAIL"],
)
def test_production_refuses_to_start_without_its_secrets(missing):
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != missing}
    result = _manage("check", env=env)
    assert result.returncode != 0
    assert f"Set {missing} in the environment" in result.stderr


def test_debug_is_off_outside_local_runs():
    assert settings.DEBUG is False


NOTIFY_KEY = "partners-" + "1" * 36 + "-" + "2" * 36
NOTIFY = "notifications.channels.NotifyEmailBackend"
SMTP = "django.core.mail.backends.smtp.EmailBackend"


@pytest.mark.parametrize(
    ("notify", "mailers", "texts"),
    [
        ({}, [SMTP, SMTP], "notifications.channels.ConsoleTexts False"),
        (
            {"NOTIFY_API_KEY": NOTIFY_KEY, "NOTIFY_EMAIL_TEMPLATE_ID": "t1"},
            [NOTIFY, SMTP],
            "notifications.channels.ConsoleTexts False",
        ),
        (
            {
                "NOTIFY_PORTAL_API_KEY": NOTIFY_KEY,
                "NOTIFY_PORTAL_EMAIL_TEMPLATE_ID": "t2",
                "NOTIFY_PORTAL_TEXT_TEMPLATE_ID": "t3",
            },
            [SMTP, NOTIFY],
            "notifications.channels.NotifyTexts True",
        ),
    ],
)
def test_production_sends_through_gov_uk_notify_only_with_its_keys_and_texts_only_then(
    notify, mailers, texts
):
    show = "from django.conf import settings as s; m = s.MAILERS; "
    show += "print(m['default']['BACKEND'], m['portal']['BACKEND'], s.TEXT_MESSAGE_BACKEND, "
    show += "s.TEXT_MESSAGES_OFFERED)"
    result = _manage("shell", "-c", show, env={**PRODUCTION_ENV, **notify})
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-4:] == [*mailers, *texts.split()]


def test_production_refuses_a_notify_key_without_its_template():
    result = _manage("check", env={**PRODUCTION_ENV, "NOTIFY_PORTAL_API_KEY": NOTIFY_KEY})
    assert result.returncode != 0
    assert "Set NOTIFY_PORTAL_EMAIL_TEMPLATE_ID in the environment" in result.stderr
