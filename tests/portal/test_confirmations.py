"""A final step is asked before what cannot be undone: a prize vote, removing a roadmap clause."""

import pytest
from django.urls import reverse
from django.utils import timezone

from roadmaps.enums import VersionStatus
from stocktaking.prizes.enums import Phase, PrizeEntryStatus
from stocktaking.prizes.models import Vote
from tests.factories import UserFactory
from tests.prizes.factories import ContestFactory, PrizeEntryFactory
from tests.roadmaps.factories import version_with_clauses
from tests.roadmaps.helpers import user_for

pytestmark = pytest.mark.django_db


def test_a_final_vote_is_confirmed_before_it_is_cast(client):
    contest = ContestFactory(in_phase=Phase.VOTING_OPEN, at=timezone.now())
    nominee = PrizeEntryFactory(
        contest=contest,
        category=contest.categories.get(number=1),
        status=PrizeEntryStatus.NOMINEE,
        title="Mesh for all",
    )
    client.force_login(UserFactory(verified=True, password=None))
    url = reverse("prizes:vote_cast", args=[contest.year, nominee.pk])

    asked = client.post(url)
    assert asked.status_code == 200
    page = asked.content.decode()
    assert "<h1>Confirm your vote</h1>" in page
    assert "You are voting for “Mesh for all”" in page
    assert '<input type="hidden" name="confirm" value="yes">' in page
    assert Vote.objects.count() == 0

    cast = client.post(url, {"confirm": "yes"})
    assert cast.status_code == 302
    assert list(Vote.objects.values_list("entry_id", flat=True)) == [nominee.pk]


def test_removing_a_clause_is_confirmed_first(client):
    draft = version_with_clauses(status=VersionStatus.DRAFT, clauses=2)
    clause = draft.groups.get().clauses.get(label="A")
    client.force_login(user_for("facilitator_here"))
    url = reverse("roadmaps:clause_remove", args=[clause.pk])

    asked = client.post(url, {"lock_version": "0"})
    assert asked.status_code == 200
    assert "<h1>Remove clause A?</h1>" in asked.content.decode()
    assert draft.clauses.filter(label="A").count() == 1

    removed = client.post(url, {"lock_version": "0", "confirm": "yes"})
    assert removed.status_code == 302
    assert list(draft.clauses.values_list("label", flat=True)) == ["B"]
