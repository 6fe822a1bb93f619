"""A backup restores: the demo data, backed up with `make backup` and restored with
`make restore` into a fresh database, has every table's rows the same."""

import subprocess
import uuid
from pathlib import Path

import psycopg
import pytest
from django.core.management import call_command
from django.db import connection

from tests.conftest import require

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[1]


def _url(name: str) -> str:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT']}/{name}"


def _every_table(url: str) -> dict[str, tuple[int, str]]:
    """Each table's row count and a checksum of all its rows, in a fixed order."""
    with psycopg.connect(url) as db:
        tables = [
            row[0]
            for row in db.execute(
                "SELECT table_name FROM information_schema.tables "
                "WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1"
            )
        ]
        found = {}
        for table in tables:
            rows = "string_agg(t::text, chr(10) ORDER BY t::text)"
            query = f"SELECT count(*), md5(coalesce({rows}, '')) FROM \"{table}\" t"  # noqa: S608
            row = db.execute(query).fetchone()
            assert row is not None
            count, checksum = row
            found[table] = (count, checksum)
        return found


def _make(target: str, **variables: str) -> None:
    done = subprocess.run(
        ["make", "--no-print-directory", target, *(f"{k}={v}" for k, v in variables.items())],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-1000:] + done.stderr[-2000:]


def test_a_backup_of_the_demo_data_restores_with_every_table_the_same(tmp_path, settings):
    require(connection.vendor == "postgresql", "needs PostgreSQL: set DATABASE_URL")
    settings.DEBUG = True  # the demo's known passwords are made only with DEBUG on
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    source = _url(connection.settings_dict["NAME"])
    fresh = f"restore_{uuid.uuid4().hex[:8]}"
    backup = tmp_path / "partners.dump"
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{fresh}"')
    try:
        _make("backup", BACKUP=str(backup), DATABASE_URL=source)
        _make("restore", BACKUP=str(backup), DATABASE_URL=_url(fresh))
        before, after = _every_table(source), _every_table(_url(fresh))
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{fresh}" WITH (FORCE)')
    assert before["participation_youngperson"][0] > 0 and before["audit_accessevent"][0] >= 0
    assert before == after
