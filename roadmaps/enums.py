"""States of a roadmap version and the columns of a roadmap clause."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for approval")
    RETURNED = "returned", _("Returned with comments")
    PUBLISHED = "published", _("Approved and published")
    SUPERSEDED = "superseded", _("Superseded")


class CitationKind(models.TextChoices):
    """What a clause's results may cite."""

    ENTRY = "entry", _("Stocktaking entry")
    OUTCOME = "outcome", _("Outcome document")
    SESSION = "session", _("Session")


# The public reads these versions; the others only the Action Line's facilitators and the
# secretariat.
PUBLIC_STATES = (VersionStatus.PUBLISHED, VersionStatus.SUPERSEDED)
# Clauses of a version in one of these states may be edited.
EDITABLE_STATES = (VersionStatus.DRAFT, VersionStatus.RETURNED)
# A roadmap has at most one version in one of these states: the one being worked on.
OPEN_STATES = (VersionStatus.DRAFT, VersionStatus.SUBMITTED, VersionStatus.RETURNED)

# The six columns of a clause after its outcome text, as (field name, heading), in the order of
# the secretariat's documents.
CLAUSE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("proposed_timing", _("Proposed timing")),
    ("strategic_goals", _("Strategic goals and relevant resolutions")),
    ("sdg_linkages_text", _("Linkages with SDGs")),
    ("current_situation", _("Evidence-based analysis of the current situation")),
    ("results_and_targets", _("Expected and achieved results and targets")),
    ("covid_response", _("COVID-19 response")),
)
# Every rich-text field of a clause: the outcome text first, then the six columns.
CLAUSE_TEXT_FIELDS: tuple[tuple[str, str], ...] = (
    ("outcome_text", _("WSIS outcome")),
    *CLAUSE_COLUMNS,
)
