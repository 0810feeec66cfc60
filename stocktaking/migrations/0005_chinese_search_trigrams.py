"""The search for Chinese, which has no word boundaries to stem: pg_trgm (a contrib extension
shipped with PostgreSQL) and trigram indexes of the titles and summaries of entries and of their
translations, so a substring match does not scan the table. PostgreSQL only; SQLite searches by
substring without them."""

import django.contrib.postgres.indexes
from django.conf import settings
from django.db import migrations

from wsis.migration_operations import AddIndexOnPostgresql, TrigramExtension


class Migration(migrations.Migration):
    dependencies = [
        ("stocktaking", "0004_entry_translations"),
        ("wsis", "0007_merge_20261205_1623"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        TrigramExtension(),
        AddIndexOnPostgresql(
            model_name="entry",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["title"], name="stocktaking_title_trgm", opclasses=("gin_trgm_ops",)
            ),
        ),
        AddIndexOnPostgresql(
            model_name="entry",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["summary"], name="stocktaking_summary_trgm", opclasses=("gin_trgm_ops",)
            ),
        ),
        AddIndexOnPostgresql(
            model_name="entrytranslation",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["title"], name="stocktaking_tr_title_trgm", opclasses=("gin_trgm_ops",)
            ),
        ),
        AddIndexOnPostgresql(
            model_name="entrytranslation",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["summary"], name="stocktaking_tr_summary_trgm", opclasses=("gin_trgm_ops",)
            ),
        ),
    ]
