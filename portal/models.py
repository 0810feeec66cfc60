"""What the portal keeps for a person beyond the domain apps: the sessions they starred."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class StarredSession(models.Model):
    """A session in a person's own agenda (My WSIS, and their private iCalendar feed)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="starred_sessions",
        verbose_name=_("person"),
    )
    session = models.ForeignKey(
        "events.Session",
        on_delete=models.CASCADE,
        related_name="stars",
        verbose_name=_("session"),
    )
    created_at = models.DateTimeField(_("starred"), auto_now_add=True)

    class Meta:
        verbose_name = _("starred session")
        verbose_name_plural = _("starred sessions")
        constraints = [
            models.UniqueConstraint(fields=("user", "session"), name="starred_session_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} ★ {self.session_id}"
