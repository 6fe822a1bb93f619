"""The database itself refuses to change or delete an access event, whatever the caller.

PostgreSQL (production and CI) refuses UPDATE and DELETE. TRUNCATE is left to database
privileges: the test runner empties tables with it between tests. The embedded SQLite
database refuses UPDATE only, because SQLite empties tables between tests with DELETE.
"""

from django.db import migrations

POSTGRESQL = [
    """
    CREATE FUNCTION audit_accessevent_refuse_change() RETURNS trigger AS $$
    BEGIN
        RAISE EXCEPTION 'access events are append-only';
    END;
    $$ LANGUAGE plpgsql;
    """,
    """
    CREATE TRIGGER audit_accessevent_append_only
    BEFORE UPDATE OR DELETE ON audit_accessevent
    FOR EACH ROW EXECUTE FUNCTION audit_accessevent_refuse_change();
    """,
]
POSTGRESQL_REVERSE = [
    "DROP TRIGGER audit_accessevent_append_only ON audit_accessevent;",
    "DROP FUNCTION audit_accessevent_refuse_change();",
]
SQLITE = [
    """
    CREATE TRIGGER audit_accessevent_no_update BEFORE UPDATE ON audit_accessevent
    BEGIN SELECT RAISE(ABORT, 'access events are append-only'); END;
    """,
]
SQLITE_REVERSE = [
    "DROP TRIGGER audit_accessevent_no_update;",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": POSTGRESQL, "sqlite": SQLITE}),
            _run({"postgresql": POSTGRESQL_REVERSE, "sqlite": SQLITE_REVERSE}),
        )
    ]
