"""The outcome document's moves take the portal's one vocabulary of actions (approve,
request_changes): its audit rows and queued mails are renamed."""

from django.db import migrations

from wsis.vocabulary import actions_rename

RENAMES = {"published": "approve", "changes_requested": "request_changes"}


def forwards(apps, schema_editor) -> None:
    actions_rename(apps, workflow="events_outcome", renames=RENAMES, mail_prefix="events_outcome_")


def backwards(apps, schema_editor) -> None:
    actions_rename(
        apps,
        workflow="events_outcome",
        renames={new: old for old, new in RENAMES.items()},
        mail_prefix="events_outcome_",
    )


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0005_session_newest_index"),
        ("wsis", "0003_roles"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
