"""Migration operations for what exists on PostgreSQL only (the local default is SQLite)."""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

__all__ = ["AddIndexOnPostgresql", "TrigramExtension"]


class AddIndexOnPostgresql(migrations.AddIndex):
    """Records the index in the migration state everywhere, creates it on PostgreSQL only (GIN
    indexes of search vectors and trigrams; SQLite searches by substring without them)."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)
