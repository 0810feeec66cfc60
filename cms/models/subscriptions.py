"""People who asked to receive the portal's news by e-mail, with the consent they gave."""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def _token() -> str:
    return secrets.token_urlsafe(32)


class NewsSubscription(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="news_subscription",
        verbose_name=_("person"),
    )
    # The consent as it was given: when, and the very words the person agreed to.
    consented_at = models.DateTimeField(_("consent given"))
    consent_text = models.TextField(_("consent wording"))
    unsubscribed_at = models.DateTimeField(_("unsubscribed"), null=True, blank=True)
    # The secret of the unsubscribe link in every mail (no sign-in needed to leave).
    token = models.CharField(_("token"), max_length=64, unique=True, default=_token)

    class Meta:
        verbose_name = _("news subscription")
        verbose_name_plural = _("news subscriptions")

    def __str__(self) -> str:
        return str(self.user)

    @property
    def is_active(self) -> bool:
        return self.unsubscribed_at is None
