from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_migrate
from django.utils.translation import gettext_lazy as _

# The secretariat administers every model of these apps in the Django admin.
SECRETARIAT_APPS = (
    "wsis",
    "stocktaking",
    "prizes",
    "roadmaps",
    "events",
    "django_celery_beat",
    "authtoken",
)


def grant_secretariat_permissions(sender, using="default", **kwargs) -> None:
    """Gives the Secretariat group every model permission of SECRETARIAT_APPS.

    Runs after each migrate, once Django has created the permissions of new models, so a model
    added by a later issue is administrable by the secretariat without another step.
    """
    from django.contrib.auth.models import Group, Permission

    from wsis.enums import Role

    group = Group.objects.using(using).filter(name=Role.SECRETARIAT).first()
    if group is None:
        return
    permissions = Permission.objects.using(using).filter(
        content_type__app_label__in=SECRETARIAT_APPS
    )
    group.permissions.add(*permissions)


class WsisConfig(AppConfig):
    name = "wsis"
    verbose_name = _("WSIS core")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        post_migrate.connect(grant_secretariat_permissions, dispatch_uid="wsis_secretariat_perms")
        from django.contrib.auth import get_user_model

        from wsis.rules import role_names_forget

        m2m_changed.connect(
            role_names_forget,
            sender=get_user_model().groups.through,
            dispatch_uid="wsis_role_names_forget",
        )
        # Connects the receivers that invalidate the public cache when reference data changes.
        import wsis.caching.reference  # noqa: F401
