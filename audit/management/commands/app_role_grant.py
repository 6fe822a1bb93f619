"""Run by the database's owner role after every `migrate`: give the app's own role what the
app needs and no more (docs/data-protection.md, "Two database roles")."""

import os
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

# Written once and never changed or removed: the app's role may only read and add rows.
APPEND_ONLY_TABLES = ["audit_accessevent", "consent_identitydecision", "consent_sharingdecision"]


class Command(BaseCommand):
    help = (
        "As the owner role, after migrate: let the app's role read, add, change and delete "
        "rows (only read and add, on the append-only tables), and nothing else: it owns "
        "no table, so it cannot alter, drop or truncate one, nor drop a trigger."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("role", help="the app's database role, for example partners_app")

    def handle(self, *args: Any, role: str, **options: Any) -> None:
        if connection.vendor != "postgresql":
            raise CommandError("Two database roles need PostgreSQL")
        name = connection.ops.quote_name(role)
        with connection.cursor() as cursor:
            cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = %s", [role])
            found = cursor.fetchone()
            if found is None:
                password = os.environ.get("PARTNERS_APP_DB_PASSWORD", "")
                if not password:
                    raise CommandError(
                        f"The role {role} does not exist: set PARTNERS_APP_DB_PASSWORD to make it"
                    )
                cursor.execute(f"CREATE ROLE {name} LOGIN PASSWORD %s", [password])
            elif found[0]:
                raise CommandError(f"{role} is a superuser: the app's role must not be")
            database = connection.ops.quote_name(connection.settings_dict["NAME"])
            for statement in (
                f"GRANT CONNECT ON DATABASE {database} TO {name}",
                f"GRANT USAGE ON SCHEMA public TO {name}",
                f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {name}",
                f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {name}",
                *(
                    f"REVOKE UPDATE, DELETE, TRUNCATE ON {table} FROM {name}"
                    for table in APPEND_ONLY_TABLES
                ),
            ):
                cursor.execute(statement)
        self.stdout.write(f"{role} may read and write rows, and may not change the schema.")
