"""The GIN index of the stored search vector: PostgreSQL only (SQLite has no GIN)."""

import django.contrib.postgres.indexes
from django.db import migrations


class AddIndexOnPostgresql(migrations.AddIndex):
    """Records the index in the migration state everywhere, creates it on PostgreSQL only."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class Migration(migrations.Migration):
    dependencies = [
        ("stocktaking", "0001_initial"),
    ]

    operations = [
        AddIndexOnPostgresql(
            model_name="entry",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["search_vector"], name="stocktaking_search_gin"
            ),
        ),
    ]
