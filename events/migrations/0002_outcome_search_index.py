"""The GIN index of the outcome documents' full-text search, on PostgreSQL only (SQLite searches
with LIKE). Its expression is the one `events.selectors.outcomes_search` queries with."""

from django.db import migrations

INDEX = "events_outcome_search_gin"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON events_outcomedocument USING gin "
            "(to_tsvector('english'::regconfig, COALESCE(search_text, '')))"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("events", "0001_initial")]

    operations = [migrations.RunPython(create_index, drop_index)]
