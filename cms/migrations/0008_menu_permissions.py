from django.db import migrations

from cms.setup import cms_defaults_ensure


class Migration(migrations.Migration):
    """The moderators and the secretariat edit the menu and footer (a snippet since 0007)."""

    dependencies = [("cms", "0007_translatable_footnotes_and_menu")]

    operations = [migrations.RunPython(cms_defaults_ensure, migrations.RunPython.noop)]
