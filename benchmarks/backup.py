"""Benchmark: backing up and restoring the database at the `seed_scale` size.

    DATABASE_URL=postgres://... .venv/bin/python benchmarks/backup.py

Builds a throwaway test database filled by `seed_scale` (20,000 young people, 2,000
practitioners, 100,000 meetings, 500,000 agenda items; BENCH_YOUNG_PEOPLE to change it),
then times `make backup` and `make restore` into a fresh database, as an operator would run
them, and checks every table's row count came back. Each is timed once (a restore is what
an operator waits for); compare the restore with the backup, in the same run.
"""

import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django

django.setup()

import psycopg  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import (  # noqa: E402
    setup_databases,
    setup_test_environment,
    teardown_databases,
)

ROOT = Path(__file__).resolve().parent.parent
YOUNG_PEOPLE = int(os.environ.get("BENCH_YOUNG_PEOPLE", "20000"))


def url(name: str) -> str:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT']}/{name}"


def timed_make(target: str, **variables: str) -> float:
    started = time.monotonic()
    subprocess.run(  # noqa: S603
        ["make", "--no-print-directory", target, *(f"{k}={v}" for k, v in variables.items())],  # noqa: S607
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    return time.monotonic() - started


def row_counts(database_url: str) -> dict[str, int]:
    with psycopg.connect(database_url) as db:
        tables = [
            row[0]
            for row in db.execute(
                "SELECT table_name FROM information_schema.tables "
                "WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"
            )
        ]
        counts = {}
        for table in tables:
            row = db.execute(f'SELECT count(*) FROM "{table}"').fetchone()  # noqa: S608
            counts[table] = row[0] if row else 0
        return counts


def main() -> None:
    from demo.management.commands.seed_scale import build_scale

    setup_test_environment()
    old_config = setup_databases(verbosity=0, interactive=False)
    fresh = f"restore_{uuid.uuid4().hex[:8]}"
    try:
        started = time.monotonic()
        counts = build_scale(young_people=YOUNG_PEOPLE, practitioners=YOUNG_PEOPLE // 10)
        print(
            f"{counts['young people']:,} young people, {counts['meetings']:,} meetings, "
            f"built in {time.monotonic() - started:.0f} s"
        )
        source = url(connection.settings_dict["NAME"])
        with connection.cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{fresh}"')
        with tempfile.TemporaryDirectory() as folder:
            backup = Path(folder) / "partners.dump"
            backed_up = timed_make("backup", BACKUP=str(backup), DATABASE_URL=source)
            size = backup.stat().st_size
            restored = timed_make("restore", BACKUP=str(backup), DATABASE_URL=url(fresh))
        same = row_counts(source) == row_counts(url(fresh))
        print(f"make backup:  {backed_up:.1f} s, {size / 1e6:.0f} MB (custom format, compressed)")
        print(f"make restore: {restored:.1f} s ({restored / backed_up:.1f}x the backup)")
        print(f"every table's row count the same after restoring: {same}")
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{fresh}" WITH (FORCE)')
        teardown_databases(old_config, verbosity=0)


if __name__ == "__main__":
    main()
