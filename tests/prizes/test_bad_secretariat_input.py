"""Malformed input from the secretariat's own pages gets a clear answer, never a 500."""

from datetime import timedelta

import pytest

from stocktaking.prizes.models import Contest
from tests.factories import secretariat_user
from tests.prizes.factories import ContestFactory

pytestmark = pytest.mark.django_db


def test_admin_contest_dates_out_of_order_is_a_form_error(client):
    contest = ContestFactory()
    client.force_login(secretariat_user())
    start = contest.entries_open_at or contest.voting_opens_at
    response = client.post(
        f"/admin/prizes/contest/{contest.pk}/change/",
        {
            "year": contest.year,
            "title": contest.title,
            "min_reviews": 3,
            "entries_open_at_0": (start + timedelta(days=10)).strftime("%Y-%m-%d"),
            "entries_open_at_1": "09:00:00",
            "entries_close_at_0": start.strftime("%Y-%m-%d"),
            "entries_close_at_1": "09:00:00",
            "categories-TOTAL_FORMS": "0",
            "categories-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert errors["entries_close_at"] == [
        "“Entries closed: eligibility check” cannot start before “Entries open”."
    ]
    assert Contest.objects.get(pk=contest.pk).entries_close_at == contest.entries_close_at


def test_vote_integrity_with_non_numeric_entry_is_not_found(client):
    contest = ContestFactory()
    client.force_login(secretariat_user())
    response = client.post(f"/prizes/{contest.year}/manage/votes/", {"entry": "abc"})
    assert response.status_code == 404
