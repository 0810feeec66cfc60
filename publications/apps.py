from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicationsConfig(AppConfig):
    """What the secretariat publishes from the portal's data: the yearly WSIS Stocktaking Report
    (compiled, versioned, reviewed and published)."""

    name = "publications"
    verbose_name = _("Publications")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Connects the receivers that invalidate this app's public cache (see its caching.py).
        import publications.caching  # noqa: F401
