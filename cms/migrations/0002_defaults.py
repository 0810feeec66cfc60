from django.db import migrations

from cms.setup import cms_defaults_ensure


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wsis", "0003_roles"),
    ]

    operations = [migrations.RunPython(cms_defaults_ensure, migrations.RunPython.noop)]
