"""States, kinds and role names of the shared core."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """The portal's roles. Each is a Django group created by a data migration."""

    SECRETARIAT = "Secretariat", _("Secretariat")
    EXPERT = "Expert", _("Expert")
    FACILITATOR = "Action Line facilitator", _("Action Line facilitator")
    STAKEHOLDER = "Stakeholder", _("Stakeholder")


# The roles the secretariat hands out in the user admin. Being an organiser of a session is not a
# role of the person: the secretariat names the organising organisations on the session itself.
# Only a superuser grants the others (Secretariat above all), staff status and raw permissions.
SECRETARIAT_ASSIGNABLE_ROLES = (Role.EXPERT, Role.FACILITATOR)


class NotificationStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RETRYING = "retrying", _("Retrying after a failure")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


# A notification in one of these states may still be sent.
NOTIFICATION_PENDING_STATES = (NotificationStatus.QUEUED, NotificationStatus.RETRYING)


class InvitationStatus(models.TextChoices):
    """An invitation to join an organisation; the moves are in wsis/accounts/workflow.py."""

    PENDING = "pending", _("Waiting for an answer")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class CacheNamespace(models.TextChoices):
    """The namespaces of public content whose generations the caches are keyed by (see
    `wsis.caching`). Every cache function takes these and refuses any other name, so a typo is
    an error rather than a cache that is never invalidated. "core" (the reference data and
    organisations) appears on every public page."""

    CORE = "core", _("Reference data")
    STOCKTAKING = "stocktaking", _("Stocktaking")
    PRIZES = "prizes", _("WSIS Prizes")
    EVENTS = "events", _("Events")
    ROADMAPS = "roadmaps", _("Roadmaps")
    CMS = "cms", _("Pages, news and documents")
    OPEN_DATA = "opendata", _("Open data")


class WorkflowAction(models.TextChoices):
    """The one vocabulary of workflow moves, in every app: the audit log records
    "<workflow>.<action>" and a move's mail template is named after its action. A workflow that
    declares a move with another name is refused when it is defined. (Never shown as such: each
    page words its buttons itself.)"""

    SUBMIT = "submit"
    RESUBMIT = "resubmit"
    APPROVE = "approve"
    REQUEST_CHANGES = "request_changes"
    REJECT = "reject"
    WITHDRAW = "withdraw"
    ARCHIVE = "archive"
    SUPERSEDE = "supersede"
    DECLARE_ELIGIBLE = "declare_eligible"
    DECLARE_INELIGIBLE = "declare_ineligible"
    NOMINATE = "nominate"
    NOT_SHORTLIST = "not_shortlist"
    FINALIST = "finalist"
    WIN = "win"
    CHAMPION = "champion"
    # A membership invitation (wsis/accounts/workflow.py).
    ACCEPT = "accept"
    DECLINE = "decline"
    # The secretariat takes an accepted entry out of a thematic repository (evidence/workflow.py).
    REMOVE = "remove"
