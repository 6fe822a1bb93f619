"""Two database roles: the owner migrates; the app's role, given its rights by
`app_role_grant`, saves what the app saves and cannot change the schema, drop the trail's
guard, or empty the trail."""

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from audit.models import AccessEvent
from meetings.models import Meeting
from tests.conftest import require

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[2]

# Run as the app's role, in a process of its own: what the app does, then what it must not.
AS_THE_APP = """
import json
from django.db import connection, transaction
from audit.models import AccessEvent
from tests.factories import MeetingFactory

MeetingFactory(venue="Saved by the app's role")
AccessEvent.objects.create(
    actor_kind="anonymous", action="view", outcome="allowed", what="role test", path="/"
)
answers = {}
for name, statement in {
    "drop the trail's guard": "DROP TRIGGER audit_accessevent_append_only ON audit_accessevent",
    "empty the trail": "TRUNCATE audit_accessevent",
    "delete from the trail": "DELETE FROM audit_accessevent",
    "change a naming decision": "UPDATE consent_identitydecision SET pseudonym = 'x'",
    "alter a table": "ALTER TABLE meetings_meeting ADD COLUMN extra integer",
    "drop a table": "DROP TABLE meetings_agendaitem",
}.items():
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(statement)
        answers[name] = "done"
    except Exception as error:
        answers[name] = str(error).splitlines()[0]
print(json.dumps(answers))
"""


def test_the_apps_role_saves_rows_and_cannot_touch_the_schema_or_the_trail(monkeypatch):
    require(connection.vendor == "postgresql", "needs PostgreSQL: set DATABASE_URL")
    role = f"partners_app_{uuid.uuid4().hex[:8]}"
    monkeypatch.setenv("PARTNERS_APP_DB_PASSWORD", "app-role-test-only")
    call_command("app_role_grant", role)
    db = connection.settings_dict
    url = f"postgres://{role}:app-role-test-only@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    try:
        done = subprocess.run(
            [sys.executable, "manage.py", "shell", "-c", AS_THE_APP],
            cwd=ROOT,
            env={**os.environ, "DATABASE_URL": url},
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert done.returncode == 0, done.stderr[-2000:]
        answers = json.loads(done.stdout.strip().splitlines()[-1])
    finally:
        with connection.cursor() as cursor:
            name = connection.ops.quote_name(role)
            cursor.execute(f"DROP OWNED BY {name}")
            cursor.execute(f"DROP ROLE {name}")
    assert Meeting.objects.filter(venue="Saved by the app's role").exists()
    assert AccessEvent.objects.filter(what="role test").count() == 1
    for attempt, answer in answers.items():
        assert "permission denied" in answer or "must be owner" in answer, (attempt, answer)


def test_the_apps_role_must_not_be_a_superuser():
    require(connection.vendor == "postgresql", "needs PostgreSQL: set DATABASE_URL")
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="superuser"):
        call_command("app_role_grant", connection.settings_dict["USER"])
