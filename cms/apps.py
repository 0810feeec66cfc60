from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Content management")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The receivers import the models, which cannot be imported while apps.py is.
        from cms import receivers

        receivers.connect()
