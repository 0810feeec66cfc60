"""The secretariat's admin pages of the prizes open, and statuses are read-only there."""

import pytest

from stocktaking.prizes.enums import PrizeEntryStatus
from tests.factories import secretariat_user
from tests.prizes.factories import PrizeEntryFactory, ReviewFactory, VoteFactory

pytestmark = pytest.mark.django_db

MODELS = (
    "contest",
    "category",
    "prizeentry",
    "expertassignment",
    "conflictofinterest",
    "review",
    "vote",
)


@pytest.mark.parametrize("model", MODELS)
def test_admin_changelist_and_change_page_open(client, model):
    VoteFactory()
    ReviewFactory()
    client.force_login(secretariat_user(is_superuser=True))
    assert client.get(f"/admin/prizes/{model}/").status_code == 200


def test_admin_action_declares_submitted_entries_eligible(client):
    entry = PrizeEntryFactory(status=PrizeEntryStatus.SUBMITTED)
    client.force_login(secretariat_user(is_superuser=True))
    client.post(
        "/admin/prizes/prizeentry/",
        {"action": "declare_eligible", "_selected_action": [entry.pk]},
    )
    entry.refresh_from_db()
    assert entry.status == "eligible"


def test_votes_cannot_be_deleted_in_the_admin(client):
    vote = VoteFactory()
    client.force_login(secretariat_user(is_superuser=True))
    assert client.get(f"/admin/prizes/vote/{vote.pk}/delete/").status_code == 403
