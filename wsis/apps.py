from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.utils.translation import gettext_lazy as _

# The secretariat administers every model of these apps in the Django admin.
SECRETARIAT_APPS = (
    "wsis",
    "stocktaking",
    "prizes",
    "roadmaps",
    "events",
    "django_celery_beat",
    "cms",
    # What the secretariat publishes (reports, Success Stories, the roadmaps document, open
    # data) and the evidence links and study-group Questions it curates.
    "publications",
    "evidence",
)


def grant_secretariat_permissions(sender, using="default", **kwargs) -> None:
    """Gives the Secretariat group every model permission of SECRETARIAT_APPS.

    Runs after each migrate, once Django has created the permissions of new models, so a model
    added by a later issue is administrable by the secretariat without another step.
    """
    # Models cannot be imported while apps.py is (the app registry is not ready yet).
    from django.contrib.auth.models import Group, Permission

    from wsis.enums import Role

    group = Group.objects.using(using).filter(name=Role.SECRETARIAT).first()
    if group is None:
        return
    permissions = Permission.objects.using(using).filter(
        content_type__app_label__in=SECRETARIAT_APPS
    )
    group.permissions.add(*permissions)


def _email_claims_drop(sender, request, email_address, **kwargs) -> None:
    # Models cannot be imported while apps.py is (the services import them).
    from wsis.accounts.services import email_address_claims_drop

    email_address_claims_drop(email_address=email_address)


class WsisConfig(AppConfig):
    name = "wsis"
    verbose_name = _("WSIS core")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        post_migrate.connect(grant_secretariat_permissions, dispatch_uid="wsis_secretariat_perms")
        # Models cannot be imported while apps.py is (the app registry is not ready yet).
        from allauth.account.models import EmailAddress
        from allauth.account.signals import email_confirmed, password_reset
        from django.contrib.auth import get_user_model

        from wsis.lockout import lockout_end_on_password_reset
        from wsis.models import FacilitatorAssignment, Membership
        from wsis.rules import role_names_forget, standing_forget

        password_reset.connect(lockout_end_on_password_reset, dispatch_uid="wsis_lockout_end")
        email_confirmed.connect(_email_claims_drop, dispatch_uid="wsis_email_claims_drop")
        m2m_changed.connect(
            role_names_forget,
            sender=get_user_model().groups.through,
            dispatch_uid="wsis_role_names_forget",
        )
        for model in (Membership, FacilitatorAssignment, EmailAddress):
            for signal in (post_save, post_delete):
                signal.connect(
                    standing_forget,
                    sender=model,
                    dispatch_uid=f"wsis_standing_{model._meta.model_name}_{signal is post_save}",
                )
        # Connects the receivers that invalidate the public cache when reference data changes.
        import wsis.caching.reference  # noqa: F401
