"""Creates one group per role (see wsis.enums.Role) with the model permissions each needs in the
admin. Object-level rules (whose entry, which Action Line) live in each app's rules.py."""

from django.db import migrations

ROLES = ("Secretariat", "Expert", "Action Line facilitator", "Stakeholder")


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in ROLES:
        Group.objects.get_or_create(name=name)


class Migration(migrations.Migration):
    dependencies = [
        ("wsis", "0002_reference_data"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
