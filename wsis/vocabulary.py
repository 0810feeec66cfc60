"""Renames of workflow actions into the one vocabulary (`wsis.enums.WorkflowAction`), for the data
migrations of the apps whose audit rows and queued mails still carry the old names."""


def actions_rename(apps, *, workflow: str, renames: dict[str, str], mail_prefix: str) -> None:
    """Rewrites the audit rows "<workflow>.<old>" as "<workflow>.<new>" and the notifications'
    template "<mail_prefix><old>" as "<mail_prefix><new>" (so a queued mail is still sent)."""
    AuditEntry = apps.get_model("wsis", "AuditEntry")
    Notification = apps.get_model("wsis", "Notification")
    for old, new in renames.items():
        AuditEntry.objects.filter(action=f"{workflow}.{old}").update(action=f"{workflow}.{new}")
        Notification.objects.filter(template=f"{mail_prefix}{old}").update(
            template=f"{mail_prefix}{new}"
        )
