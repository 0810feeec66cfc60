"""A roadmap version returned with comments is the portal's "request_changes" move: its audit rows
and queued mails are renamed."""

from django.db import migrations

from wsis.vocabulary import actions_rename

RENAMES = {"return": "request_changes"}


def forwards(apps, schema_editor) -> None:
    actions_rename(
        apps, workflow="roadmap_version", renames=RENAMES, mail_prefix="roadmaps_version_"
    )


def backwards(apps, schema_editor) -> None:
    actions_rename(
        apps,
        workflow="roadmap_version",
        renames={new: old for old, new in RENAMES.items()},
        mail_prefix="roadmaps_version_",
    )


class Migration(migrations.Migration):
    dependencies = [
        ("roadmaps", "0001_initial"),
        ("wsis", "0003_roles"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
