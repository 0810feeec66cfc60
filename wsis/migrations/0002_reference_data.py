"""Loads the reference lists of wsis.reference_data; editable in the admin afterwards."""

from django.db import migrations

from wsis.reference_loader import load_reference_data


class Migration(migrations.Migration):
    dependencies = [("wsis", "0001_initial")]

    operations = [migrations.RunPython(load_reference_data, migrations.RunPython.noop)]
