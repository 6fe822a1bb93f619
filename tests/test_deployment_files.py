"""The deployment files: docker-compose.yml parses and names the services production runs.

Checked with Debian's docker-compose 1.29, which validates a file without a Docker engine.
The image itself (Dockerfile) is not built here.
"""

import os
import shutil
import subprocess
from pathlib import Path

from tests.conftest import require

PROJECT_ROOT = Path(__file__).resolve().parent.parent

# Dummy values for the variables docker-compose.yml refuses to interpolate without.
REQUIRED_ENV = {
    "DJANGO_SECRET_KEY": "dummy-secret-key-for-config-validation",
    "POSTGRES_PASSWORD": "dummy-password",
    "PARTNERS_APP_DB_PASSWORD": "dummy-app-password",
    "DJANGO_ALLOWED_HOSTS": "partners.example.org",
    "PARTNERS_SITE_URL": "https://partners.example.org",
    "DJANGO_EMAIL_HOST": "smtp.example.org",
    "PARTNERS_PORTAL_FROM_EMAIL": "messages@neutral.example",
}


def _docker_compose(*args: str) -> subprocess.CompletedProcess[str]:
    executable = shutil.which("docker-compose")
    require(executable is not None, "needs docker-compose: apt-get install docker-compose")
    return subprocess.run(
        [executable, "-f", "docker-compose.yml", *args],
        cwd=PROJECT_ROOT,
        env={**os.environ, **REQUIRED_ENV},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_docker_compose_file_is_valid():
    result = _docker_compose("config", "-q")
    assert result.returncode == 0, result.stderr


def test_docker_compose_runs_web_worker_beat_postgres_redis_and_a_nightly_backup():
    result = _docker_compose("config", "--services")
    assert result.returncode == 0, result.stderr
    services = set(result.stdout.split())
    assert {"postgres", "redis", "web", "worker", "beat", "backup"} <= services, services


def test_only_the_migrations_run_as_the_owner_role_and_the_app_runs_as_its_own():
    result = _docker_compose("config")
    assert result.returncode == 0, result.stderr
    owner = "postgres://partners:dummy-password@"
    app = "postgres://partners_app:dummy-app-password@"
    assert result.stdout.count(owner) == 1  # the migrate service, which grants the app's role
    assert result.stdout.count(app) == 3  # web, worker, beat
    assert "app_role_grant partners_app" in result.stdout
