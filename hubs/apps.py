from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HubsConfig(AppConfig):
    """Public hubs: one page per Action Line, SDG and GDC objective, gathering what every part of
    the portal holds about it. Reads only (no models): it sits above the domain apps."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "hubs"
    verbose_name = _("Hubs")
