from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvidenceConfig(AppConfig):
    """One body of evidence: the links between the parts of the portal (an outcome document's
    entries and roadmap clauses, the sessions where an entry was presented) and the ITU-D
    study-group Questions that entries and prize entries inform. It sits above the domain apps
    whose records it links."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "evidence"
    verbose_name = _("Evidence and study groups")

    def ready(self) -> None:
        from evidence import caching  # noqa: F401 - connects the cache invalidation
