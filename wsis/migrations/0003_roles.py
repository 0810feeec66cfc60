"""Creates one group per role (see wsis.enums.Role); wsis.apps gives the Secretariat group its
model permissions after each migrate. Object-level rules live in each app's rules.py."""

from django.db import migrations

from wsis.reference_loader import create_roles


class Migration(migrations.Migration):
    dependencies = [
        ("wsis", "0002_reference_data"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
