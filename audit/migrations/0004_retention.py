"""Retention: a record of each daily run, in counts only; and, on PostgreSQL, the one way an
access event is ever deleted: by `audit_accessevent_prune`, once it is older than the seven
years the schedule keeps it (the app's role has no DELETE on the table, and the guard still
refuses every other change or deletion, from anyone)."""

from django.db import migrations, models

POSTGRESQL = [
    """
    CREATE OR REPLACE FUNCTION audit_accessevent_refuse_change() RETURNS trigger AS $$
    BEGIN
        IF TG_OP = 'DELETE' AND OLD.at < now() - interval '7 years' THEN
            RETURN OLD;
        END IF;
        RAISE EXCEPTION 'access events are append-only';
    END;
    $$ LANGUAGE plpgsql;
    """,
    """
    CREATE FUNCTION audit_accessevent_prune(kept uuid[]) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
    DECLARE
        removed integer;
    BEGIN
        DELETE FROM audit_accessevent
        WHERE at < now() - interval '7 years'
          AND (young_person_id IS NULL OR NOT (young_person_id = ANY (kept)));
        GET DIAGNOSTICS removed = ROW_COUNT;
        RETURN removed;
    END;
    $$;
    """,
]
POSTGRESQL_REVERSE = [
    "DROP FUNCTION audit_accessevent_prune(uuid[]);",
    """
    CREATE OR REPLACE FUNCTION audit_accessevent_refuse_change() RETURNS trigger AS $$
    BEGIN
        RAISE EXCEPTION 'access events are append-only';
    END;
    $$ LANGUAGE plpgsql;
    """,
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("audit", "0003_client_address")]

    operations = [
        migrations.CreateModel(
            name="RetentionRun",
            fields=[
                ("id", models.BigAutoField(primary_key=True, serialize=False)),
                ("ran_at", models.DateTimeField(auto_now_add=True, db_index=True)),
                ("counts", models.JSONField(default=dict)),
            ],
            options={"ordering": ["-ran_at"]},
        ),
        migrations.RunPython(_run(POSTGRESQL), _run(POSTGRESQL_REVERSE)),
    ]
