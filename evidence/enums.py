"""States of a proposal for a thematic repository (the moves are in `evidence.workflow`)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ProposalStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for the secretariat")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


# An entry shows in a repository while its proposal is accepted.
PROPOSAL_PUBLIC_STATES = (ProposalStatus.ACCEPTED,)
# While a proposal is in one of these, the same entry cannot be proposed for the same repository
# again (a declined one may be proposed anew).
PROPOSAL_OPEN_STATES = (ProposalStatus.PENDING, ProposalStatus.ACCEPTED)
