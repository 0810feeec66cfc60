"""`seed_demo` makes two thematic repositories with a few accepted entries each and one proposal
waiting for the secretariat, idempotently."""

import pytest
from django.core.management import call_command

from evidence.models import RepositoryProposal, ThematicRepository


@pytest.mark.django_db
def test_seed_demo_makes_two_repositories_with_entries_and_one_waiting_proposal():
    call_command("seed_demo", stdout=None)
    call_command("seed_demo", stdout=None)
    repositories = ThematicRepository.objects.order_by("slug")
    assert [r.slug for r in repositories] == ["emergency-telecommunications", "women-in-ict"]
    accepted = {r.slug: r.proposals.filter(status="accepted").count() for r in repositories}
    assert accepted == {"emergency-telecommunications": 3, "women-in-ict": 3}
    waiting = RepositoryProposal.objects.get(status="pending")
    assert waiting.entry.organisation.slug == "ministry-digital-kenya"
    assert waiting.proposed_by.email == "stakeholder@demo.wsis.test"
