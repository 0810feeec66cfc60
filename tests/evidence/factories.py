"""Factories of the thematic repositories and their proposals."""

import factory

from evidence.enums import ProposalStatus
from evidence.models import RepositoryProposal, ThematicRepository
from stocktaking.enums import EntryStatus
from tests.stocktaking.factories import EntryFactory


class ThematicRepositoryFactory(factory.django.DjangoModelFactory):
    """A published repository."""

    class Meta:
        model = ThematicRepository

    title = factory.Sequence(lambda n: f"Women in ICT {n}")
    slug = factory.Sequence(lambda n: f"women-in-ict-{n}")
    summary = "Projects for women and girls."
    criteria = "The activity is aimed mainly at women or girls."


class RepositoryProposalFactory(factory.django.DjangoModelFactory):
    """A pending proposal of an approved entry (written directly: the services are tested on
    their own)."""

    class Meta:
        model = RepositoryProposal

    repository = factory.SubFactory(ThematicRepositoryFactory)
    entry = factory.SubFactory(EntryFactory, status=EntryStatus.APPROVED)
    status = ProposalStatus.PENDING
