from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StocktakingConfig(AppConfig):
    name = "stocktaking"
    verbose_name = _("WSIS Stocktaking")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Imported once the models are ready: connects the receivers that invalidate the cache.
        import stocktaking.caching  # noqa: F401
        from stocktaking import receivers

        receivers.connect()

        # The tasks need the models, which are not ready while apps.py is imported.
        from stocktaking.tasks import schedule_public_summary_warm
        from wsis.caching import public_cache_warm_on_bump
        from wsis.enums import CacheNamespace

        # The first visitor after a publication would otherwise wait for the facet counts.
        public_cache_warm_on_bump(CacheNamespace.STOCKTAKING, schedule_public_summary_warm)
