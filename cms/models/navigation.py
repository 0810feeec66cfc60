"""The site-wide menu and footer, edited by the secretariat: one per language (a translatable
snippet, translated with wagtail-localize like the pages; a language without its own shows the
default language's, each page named by its title there when it is translated)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Locale, TranslatableMixin

from cms.blocks import LinkBlock


class Navigation(TranslatableMixin, models.Model):
    menu = StreamField(
        [("link", LinkBlock())],
        blank=True,
        verbose_name=_("main menu"),
        help_text=_("Shown in the header of every page, after the portal's own sections."),
    )
    footer_links = StreamField([("link", LinkBlock())], blank=True, verbose_name=_("footer links"))
    footer_text = models.CharField(_("footer text"), max_length=300, blank=True)

    panels = [FieldPanel("menu"), FieldPanel("footer_links"), FieldPanel("footer_text")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("menu and footer")
        verbose_name_plural = _("menus and footers")
        constraints = [
            models.UniqueConstraint(fields=("locale",), name="cms_navigation_one_per_language")
        ]

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} ({self.locale.get_display_name()})"

    @classmethod
    def load(cls) -> "Navigation":
        """The menu and footer of the default language (the source of their translations),
        created empty when there is none yet."""
        locale = Locale.objects.get(language_code=settings.LANGUAGE_CODE)
        navigation, _created = cls.objects.get_or_create(locale=locale)
        return navigation

    def clean(self) -> None:
        super().clean()
        others = Navigation.objects.exclude(pk=self.pk)
        if self.locale_id and others.filter(locale_id=self.locale_id).exists():
            raise ValidationError(
                _("This language has its menu and footer already: edit that one.")
            )
