"""The demo content is idempotent: last year's contest with results, this year's in voting."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from stocktaking.prizes import demo
from stocktaking.prizes.enums import Phase
from stocktaking.prizes.models import Contest, ExpertAssignment, PrizeEntry, Vote
from stocktaking.prizes.selectors import phase_at
from tests.prizes.factories import StocktakingEntryFactory
from wsis.models import ActionLine, Organisation

pytestmark = pytest.mark.django_db


def test_seed_demo_is_idempotent_with_whatever_stocktaking_demo_exists():
    call_command("seed_demo", stdout=StringIO())
    counts = (PrizeEntry.objects.count(), Vote.objects.count())
    call_command("seed_demo", stdout=StringIO())
    assert (PrizeEntry.objects.count(), Vote.objects.count()) == counts
    year = timezone.localtime().year
    current, past = Contest.objects.get(year=year), Contest.objects.get(year=year - 1)
    assert (phase_at(current, timezone.now()), current.phase) == (Phase.VOTING_OPEN,) * 2
    assert past.phase == Phase.WINNERS_ANNOUNCED
    assert current.categories.count() == 18
    assert list(
        ExpertAssignment.objects.values_list("expert__email", "category__number").order_by(
            "category__number"
        )
    ) == [("expert@demo.wsis.test", number) for number in range(1, 7)]
    past_winners = set(
        past.entries.filter(status="winner").values_list("stocktaking_entry", flat=True)
    )
    assert not past_winners & set(current.entries.values_list("stocktaking_entry", flat=True))


def test_seed_demo_content_with_and_without_stocktaking_entries(monkeypatch):
    monkeypatch.setattr("wsis.management.commands.seed_demo.DEMO_CONTENT_APPS", ())
    call_command("seed_demo", stdout=StringIO())
    out = StringIO()
    demo.seed_demo_content(out)
    year = timezone.localtime().year
    assert out.getvalue() == (
        f"Prizes demo: {year - 1} contest finished and {year} contest in its voting phase, "
        "without entries: there are no approved demo stocktaking entries yet."
    )
    # Alternate entries go to last year's contest (odd) and this year's (even).
    for slug, position in (
        ("ministry-digital-kenya", 1),
        ("open-schools-network", 1),
        ("andes-connect", 2),
        ("open-schools-network", 2),
    ):
        StocktakingEntryFactory(
            organisation=Organisation.objects.get(slug=slug),
            primary_action_line=ActionLine.objects.get(position=position),
        )
    out = StringIO()
    demo.seed_demo_content(out)
    demo.seed_demo_content(StringIO())
    assert out.getvalue() == (
        f"Prizes demo: {year - 1} contest with 2 winners and champions; {year} contest in its "
        "voting phase with 2 nominees."
    )
    statuses = sorted(PrizeEntry.objects.values_list("contest__year", "category__number", "status"))
    assert statuses == [
        (year - 1, 1, "winner"),
        (year - 1, 2, "winner"),
        (year, 1, "nominee"),
        (year, 2, "nominee"),
    ]
