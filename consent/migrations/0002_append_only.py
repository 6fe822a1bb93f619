"""The database itself refuses to change or delete a consent decision, whatever the caller.

As for access events (audit 0002): PostgreSQL refuses UPDATE and DELETE; the embedded SQLite
database refuses UPDATE only, because SQLite's test runner empties tables with DELETE.
"""

from django.db import migrations

TABLES = ["consent_identitydecision", "consent_sharingdecision"]

POSTGRESQL = [
    """
    CREATE FUNCTION consent_refuse_change() RETURNS trigger AS $$
    BEGIN
        RAISE EXCEPTION 'consent decisions are append-only';
    END;
    $$ LANGUAGE plpgsql;
    """,
    *(
        f"""
        CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table}
        FOR EACH ROW EXECUTE FUNCTION consent_refuse_change();
        """
        for table in TABLES
    ),
]
POSTGRESQL_REVERSE = [
    *(f"DROP TRIGGER {table}_append_only ON {table};" for table in TABLES),
    "DROP FUNCTION consent_refuse_change();",
]
SQLITE = [
    f"""
    CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table}
    BEGIN SELECT RAISE(ABORT, 'consent decisions are append-only'); END;
    """
    for table in TABLES
]
SQLITE_REVERSE = [f"DROP TRIGGER {table}_no_update;" for table in TABLES]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("consent", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": POSTGRESQL, "sqlite": SQLITE}),
            _run({"postgresql": POSTGRESQL_REVERSE, "sqlite": SQLITE_REVERSE}),
        )
    ]
