"""The outcome documents' stored, weighted search vector: the column, filled in one statement on
PostgreSQL (the weighting of `events.services.OUTCOME_SEARCH_VECTOR_SQL`, frozen here), its GIN
index (PostgreSQL only; SQLite searches `search_text` with icontains), and the end of the old
expression index over `search_text` (migration 0002), which no query uses any more."""

import django.contrib.postgres.indexes
import django.contrib.postgres.search
from django.db import migrations

FILL = """
UPDATE events_outcomedocument AS o SET search_vector =
    setweight(to_tsvector('english'::regconfig, COALESCE(s.title, '')), 'A')
    || setweight(to_tsvector('english'::regconfig, COALESCE(o.key_issues, '[]'::jsonb)), 'B')
    || setweight(to_tsvector('english'::regconfig, COALESCE(o.tangible_outcomes, '[]'::jsonb)), 'B')
    || setweight(to_tsvector('english'::regconfig, COALESCE(o.action_plan, '[]'::jsonb)), 'B')
    || setweight(to_tsvector('english'::regconfig, COALESCE(o.views_wsis20, '[]'::jsonb)), 'C')
    || setweight(to_tsvector('english'::regconfig, COALESCE(o.thematic_suggestions, '')), 'C')
FROM events_session AS s
WHERE s.id = o.session_id
"""
OLD_INDEX = "events_outcome_search_gin"


def fill(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FILL)
        schema_editor.execute(f"DROP INDEX IF EXISTS {OLD_INDEX}")


def unfill(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {OLD_INDEX} ON events_outcomedocument USING gin "
            "(to_tsvector('english'::regconfig, COALESCE(search_text, '')))"
        )


class AddIndexOnPostgresql(migrations.AddIndex):
    """Records the index in the migration state everywhere, creates it on PostgreSQL only."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class Migration(migrations.Migration):
    dependencies = [("events", "0003_published_outcome_index")]

    operations = [
        migrations.AddField(
            model_name="outcomedocument",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(fill, unfill),
        AddIndexOnPostgresql(
            model_name="outcomedocument",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["search_vector"], name="events_outcome_vector_gin"
            ),
        ),
    ]
