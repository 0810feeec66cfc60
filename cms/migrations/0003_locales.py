from django.db import migrations

from cms.setup import cms_defaults_ensure


class Migration(migrations.Migration):
    """The locales of the six languages and the translators' permission, for databases made
    before pages were translated."""

    dependencies = [
        ("cms", "0002_defaults"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [migrations.RunPython(cms_defaults_ensure, migrations.RunPython.noop)]
