"""Groups, cache namespace and block choices of the portal's content management."""

from django.db import models
from django.utils.translation import gettext_lazy as _

# The cache namespace of every page served by Wagtail (see cms/caching.py).
CMS_NAMESPACE = "cms"


# The renditions of library images the portal's templates show (`{% image ... <spec> %}` in
# cms/templates/cms/blocks/), and the Wagtail admin's thumbnails: made when an image is saved and
# when a page showing it is published (cms/receivers.py), never by a GET (tests/cms/test_images.py
# checks the templates use no other).
PUBLIC_RENDITION_SPECS = ("width-1200", "width-1000", "width-400")
ADMIN_RENDITION_SPECS = ("max-165x165", "max-800x600")


class CmsGroup(models.TextChoices):
    """Wagtail's own groups, created by its migrations: editors draft and submit for moderation,
    moderators approve and publish (the "Moderators approval" workflow)."""

    EDITORS = "Editors", _("Editors")
    MODERATORS = "Moderators", _("Moderators")


class CallToActionKind(models.TextChoices):
    """What a live call to action follows in the portal's state."""

    PRIZE_ENTRIES_OPEN = "prize_entries_open", _("WSIS Prizes: entries open")
    PRIZE_VOTING_OPEN = "prize_voting_open", _("WSIS Prizes: public voting open")
    PRIZE_RESULTS = "prize_results", _("WSIS Prizes: winners announced")
    OUTCOMES_DUE = "outcomes_due", _("Events: outcome documents due")


class DocumentBlockKind(models.TextChoices):
    """The parts a policy document is made of (the StreamField block names)."""

    HEADING = "heading", _("Heading")
    PARAGRAPH = "paragraph", _("Paragraph")
    ANNEX = "annex", _("Annex")
