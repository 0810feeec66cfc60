from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportVersionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    SUPERSEDED = "superseded", _("Superseded")


PUBLIC_STATES = (ReportVersionStatus.PUBLISHED,)
