"""States of a proposal for a thematic repository (the moves are in `evidence.workflow`)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ProposalStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for the secretariat")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    # The proposer took it back while it waited.
    WITHDRAWN = "withdrawn", _("Withdrawn")
    # The secretariat took an accepted entry out of the repository again (with a reason).
    REMOVED = "removed", _("Removed from the repository")


# An entry shows in a repository while its proposal is accepted.
PROPOSAL_PUBLIC_STATES = (ProposalStatus.ACCEPTED,)
# While a proposal is in one of these, the same entry cannot be proposed for the same repository
# again (a declined, withdrawn or removed one may be proposed anew).
PROPOSAL_OPEN_STATES = (ProposalStatus.PENDING, ProposalStatus.ACCEPTED)
