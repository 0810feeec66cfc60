"""The secretariat's admin: the portal's colours and a moderation queue that reads in words."""

import pytest

from stocktaking.enums import EntryStatus
from tests.factories import secretariat_user
from tests.stocktaking.factories import EntryFactory

pytestmark = pytest.mark.django_db


def test_moderation_queue_says_states_and_kinds_in_words(client):
    EntryFactory(status=EntryStatus.SUBMITTED, title="Waiting entry")
    client.force_login(secretariat_user(password=None))
    page = client.get("/admin/stocktaking/entry/").content.decode()
    assert '<td class="field-is_revision_display">New entry</td>' in page
    assert '<td class="field-status">Submitted</td>' in page
    assert "icon-yes.svg" not in page
    assert "icon-no.svg" not in page
    assert '<link rel="stylesheet" href="/static/css/admin.css">' in page
