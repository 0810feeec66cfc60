"""The footnotes of policy documents and the menu and footer become translatable
(wagtail-localize): each gets a locale and a translation key. Existing rows are kept: the menu and
footer become the default language's; a footnote takes its page's language, and the copies of a
footnote on the translations of a page share one translation key (matched by position and number),
so wagtail-localize keeps them in step."""

import uuid
from collections import Counter

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def _fill(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    Navigation = apps.get_model("cms", "Navigation")
    Footnote = apps.get_model("cms", "PolicyDocumentFootnote")
    default, _created = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    # A generic setting had one row; should there be more, the first was the one shown.
    rows = list(Navigation.objects.order_by("pk"))
    for extra in rows[1:]:
        extra.delete()
    if rows:
        rows[0].locale = default
        rows[0].translation_key = uuid.uuid4()
        rows[0].save(update_fields=["locale", "translation_key"])
    keys: dict[tuple, uuid.UUID] = {}
    seen: Counter = Counter()
    for footnote in Footnote.objects.select_related("page").order_by("page_id", "sort_order", "pk"):
        page = footnote.page
        place = (page.translation_key, footnote.sort_order, footnote.number)
        occurrence = seen[(page.pk, *place)]
        seen[(page.pk, *place)] += 1
        footnote.locale_id = page.locale_id
        footnote.translation_key = keys.setdefault((*place, occurrence), uuid.uuid4())
        footnote.save(update_fields=["locale", "translation_key"])


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0006_live_blocks_one_mechanism_hub_block"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="navigation",
            options={
                "verbose_name": "menu and footer",
                "verbose_name_plural": "menus and footers",
            },
        ),
        migrations.AddField(
            model_name="navigation",
            name="locale",
            field=models.ForeignKey(
                null=True,
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.AddField(
            model_name="navigation",
            name="translation_key",
            field=models.UUIDField(null=True, editable=False),
        ),
        migrations.AddField(
            model_name="policydocumentfootnote",
            name="locale",
            field=models.ForeignKey(
                null=True,
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.AddField(
            model_name="policydocumentfootnote",
            name="translation_key",
            field=models.UUIDField(null=True, editable=False),
        ),
        migrations.RunPython(_fill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="navigation",
            name="locale",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.AlterField(
            model_name="navigation",
            name="translation_key",
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.AlterField(
            model_name="policydocumentfootnote",
            name="locale",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.AlterField(
            model_name="policydocumentfootnote",
            name="translation_key",
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.AlterUniqueTogether(
            name="navigation",
            unique_together={("translation_key", "locale")},
        ),
        migrations.AlterUniqueTogether(
            name="policydocumentfootnote",
            unique_together={("translation_key", "locale")},
        ),
        migrations.AddConstraint(
            model_name="navigation",
            constraint=models.UniqueConstraint(
                fields=("locale",), name="cms_navigation_one_per_language"
            ),
        ),
    ]
