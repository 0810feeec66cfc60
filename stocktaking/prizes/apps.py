from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrizesConfig(AppConfig):
    """WSIS Prizes: a sub-app of stocktaking, since every prize entry is a stocktaking entry of the
    same organisation entered into a yearly contest."""

    name = "stocktaking.prizes"
    label = "prizes"
    verbose_name = _("WSIS Prizes")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Connects the receivers that invalidate this app's public cache (see its caching.py).
        import stocktaking.prizes.caching  # noqa: F401
