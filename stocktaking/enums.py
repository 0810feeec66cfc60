"""States and kinds of WSIS Stocktaking entries."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class EntryStatus(models.TextChoices):
    """Moderation state of an entry (the moves are in `stocktaking.workflow.ENTRY_WORKFLOW`)."""

    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    RESUBMITTED = "resubmitted", _("Resubmitted")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    ARCHIVED = "archived", _("Archived")


# Shown to the public (and in the open API).
PUBLIC_STATES = (EntryStatus.APPROVED,)
# Waiting for the secretariat: the moderation queue.
MODERATION_STATES = (EntryStatus.SUBMITTED, EntryStatus.RESUBMITTED)
# The owner may change the content.
EDITABLE_STATES = (EntryStatus.DRAFT, EntryStatus.CHANGES_REQUESTED)
# A revision of a published entry in one of these states blocks a second revision.
OPEN_STATES = (
    EntryStatus.DRAFT,
    EntryStatus.SUBMITTED,
    EntryStatus.CHANGES_REQUESTED,
    EntryStatus.RESUBMITTED,
)
# The owner may withdraw the entry for good.
OWNER_WITHDRAWABLE_STATES = OPEN_STATES


class EntryKind(models.TextChoices):
    PROJECT = "project", _("Project")
    PROGRAMME = "programme", _("Programme")
    INITIATIVE = "initiative", _("Initiative or partnership")
    RESOURCE = "resource", _("Resource or publication (toolkit, guideline, report)")
    WEBSITE = "website", _("Website")
    OTHER = "other", _("Other")


class ActivityStatus(models.TextChoices):
    """Whether the activity described by the entry is still running."""

    ONGOING = "ongoing", _("Ongoing")
    COMPLETED = "completed", _("Completed")


class Coverage(models.TextChoices):
    NATIONAL = "national", _("One or more countries")
    REGIONAL = "regional", _("Regional (ITU regions)")
    GLOBAL = "global", _("Global")


SUMMARY_MAX_WORDS = 150
IMAGE_MAX_BYTES = 5 * 1024 * 1024
ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024


# The content of an entry, in the order its form and the admin show it: what a form or the API
# may set (the rest is workflow bookkeeping). The one list that the services, the form, the admin
# and the API serializers follow.
ENTRY_CONTENT_FIELDS = (
    "kind",
    "title",
    "summary",
    "description",
    "coverage",
    "countries",
    "regions",
    "action_lines",
    "primary_action_line",
    "sdgs",
    "gdc_objectives",
    "start_date",
    "end_date",
    "activity_status",
    "partners",
    "target_beneficiaries",
    "languages",
    "website",
    "other_links",
    "contact_name",
    "contact_email",
)
# Those of them that are many-to-many relations (set after the entry is saved).
ENTRY_RELATION_FIELDS = ("countries", "regions", "action_lines", "sdgs", "gdc_objectives")
