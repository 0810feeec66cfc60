"""Outcome documents in more than one language: the declared language of the text, the
translations, and trigram indexes for the search for Chinese (PostgreSQL only)."""

import django.contrib.postgres.indexes
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from wsis.migration_operations import AddIndexOnPostgresql, TrigramExtension


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0008_questionnaire_answers"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        # pg_trgm (a contrib extension shipped with PostgreSQL): the search for Chinese, which
        # has no word boundaries to stem, matches substrings through trigram indexes.
        TrigramExtension(),
        migrations.CreateModel(
            name="OutcomeTranslation",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "language",
                    models.CharField(
                        choices=[
                            ("ar", "Arabic"),
                            ("zh-hans", "Chinese"),
                            ("en", "English"),
                            ("fr", "French"),
                            ("ru", "Russian"),
                            ("es", "Spanish"),
                        ],
                        max_length=10,
                        verbose_name="language",
                    ),
                ),
                (
                    "translator",
                    models.CharField(
                        help_text="Who translated it: a person or a service.",
                        max_length=200,
                        verbose_name="translator",
                    ),
                ),
                ("translated_at", models.DateTimeField(verbose_name="translated on")),
                ("title", models.CharField(max_length=400, verbose_name="title")),
                (
                    "key_issues",
                    models.JSONField(blank=True, default=list, verbose_name="key issues discussed"),
                ),
                (
                    "views_wsis20",
                    models.JSONField(
                        blank=True, default=list, verbose_name="views towards WSIS+20"
                    ),
                ),
                (
                    "tangible_outcomes",
                    models.JSONField(blank=True, default=list, verbose_name="tangible outcomes"),
                ),
                (
                    "action_plan",
                    models.JSONField(
                        blank=True,
                        default=list,
                        verbose_name="actionable plan and key recommendations",
                    ),
                ),
                (
                    "thematic_suggestions",
                    models.TextField(blank=True, verbose_name="thematic suggestions"),
                ),
                (
                    "search_text",
                    models.TextField(blank=True, editable=False, verbose_name="search text"),
                ),
            ],
            options={
                "verbose_name": "translation of an outcome document",
                "verbose_name_plural": "translations of outcome documents",
                "ordering": ("language",),
                "abstract": False,
            },
        ),
        migrations.AddField(
            model_name="outcomedocument",
            name="text_language",
            field=models.CharField(
                choices=[
                    ("ar", "Arabic"),
                    ("zh-hans", "Chinese"),
                    ("en", "English"),
                    ("fr", "French"),
                    ("ru", "Russian"),
                    ("es", "Spanish"),
                ],
                default="en",
                help_text="The language the outcome document is written in.",
                max_length=10,
                verbose_name="language of the text",
            ),
        ),
        AddIndexOnPostgresql(
            model_name="outcomedocument",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["search_text"], name="events_outcome_text_trgm", opclasses=("gin_trgm_ops",)
            ),
        ),
        migrations.AddField(
            model_name="outcometranslation",
            name="added_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="added by",
            ),
        ),
        migrations.AddField(
            model_name="outcometranslation",
            name="outcome",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="translations",
                to="events.outcomedocument",
                verbose_name="outcome document",
            ),
        ),
        AddIndexOnPostgresql(
            model_name="outcometranslation",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["search_text"],
                name="events_outcome_tr_text_trgm",
                opclasses=("gin_trgm_ops",),
            ),
        ),
        migrations.AddConstraint(
            model_name="outcometranslation",
            constraint=models.UniqueConstraint(
                fields=("outcome", "language"), name="outcome_translation_unique"
            ),
        ),
    ]
