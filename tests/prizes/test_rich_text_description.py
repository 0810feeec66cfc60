"""The prize entry description written in the rich-text editor (HTML through the portal's
allow-list) or without it (plain text): the pages show it sanitised, the "in English" check and
the API read its text, descriptions stored as plain text look as before."""

import pytest
from django.contrib import admin
from django.utils import timezone
from rest_framework.test import APIClient

from stocktaking.prizes import language, selectors
from stocktaking.prizes.admin import PrizeEntryAdmin
from stocktaking.prizes.enums import Phase, PrizeEntryStatus
from stocktaking.prizes.models import PrizeEntry
from tests.factories import secretariat_user
from tests.prizes.factories import ContestFactory, ExpertAssignmentFactory, PrizeEntryFactory
from tests.prizes.texts import FRENCH

pytestmark = pytest.mark.django_db

# As stored by the services: HTML that went through the allow-list. The pages clean it again,
# so a script that got in some other way (an import, a hand-made row) is gone too.
RICH = (
    "<p>Villages <strong>online</strong> &amp; schools<script>alert(1)</script></p>"
    '<ul><li onclick="x()">40 villages</li><li>12 schools</li></ul>'
)
RICH_SHOWN = (
    "<p>Villages <strong>online</strong> &amp; schools</p>"
    "<ul><li>40 villages</li><li>12 schools</li></ul>"
)
PLAIN = "Written <before> the editor\non two lines.\n\nA second paragraph."
PLAIN_SHOWN = (
    "<p>Written &lt;before&gt; the editor<br>on two lines.</p>\n\n<p>A second paragraph.</p>"
)


def _shows(page: str, html: str) -> None:
    assert html in page
    assert "alert(1)" not in page
    assert "onclick" not in page


def test_the_public_and_voting_pages_show_html_sanitised_and_plain_text_as_before(client):
    contest = ContestFactory(in_phase=Phase.VOTING_OPEN, at=timezone.now())
    category = contest.categories.get(number=1)
    rich, plain = (
        PrizeEntryFactory(
            contest=contest, category=category, status=PrizeEntryStatus.NOMINEE, description=text
        )
        for text in (RICH, PLAIN)
    )
    _shows(client.get(rich.get_absolute_url()).content.decode(), RICH_SHOWN)
    _shows(client.get(plain.get_absolute_url()).content.decode(), PLAIN_SHOWN)
    category_page = client.get(f"/prizes/{contest.year}/c1/").content.decode()
    _shows(category_page, RICH_SHOWN)
    _shows(category_page, PLAIN_SHOWN)


def test_the_expert_review_page_shows_html_sanitised_and_plain_text_as_before(client):
    contest = ContestFactory(in_phase=Phase.EXPERT_REVIEW)
    category = contest.categories.first()
    expert = ExpertAssignmentFactory(category=category).expert
    client.force_login(expert)
    for text, shown in ((RICH, RICH_SHOWN), (PLAIN, PLAIN_SHOWN)):
        entry = PrizeEntryFactory(
            contest=contest, category=category, status=PrizeEntryStatus.ELIGIBLE, description=text
        )
        _shows(client.get(f"/prizes/entries/{entry.pk}/review/").content.decode(), shown)


def test_the_api_gives_the_description_as_plain_text_either_way():
    contest = ContestFactory(in_phase=Phase.VOTING_OPEN, at=timezone.now())
    category = contest.categories.get(number=1)
    rich, plain = (
        PrizeEntryFactory(
            contest=contest, category=category, status=PrizeEntryStatus.NOMINEE, description=text
        )
        for text in (RICH, PLAIN)
    )
    rows = APIClient().get(f"/api/v1/prizes/contests/{contest.year}/nominees/").json()["results"]
    assert {row["id"]: row["description"] for row in rows} == {
        rich.pk: "Villages online & schools\n• 40 villages\n• 12 schools",
        plain.pk: PLAIN,
    }


def test_the_english_check_reads_the_text_of_the_editors_html():
    # Five words of text (too short to judge); read with its tags, the identifier would judge it.
    short = " ".join(
        f'<a href="https://example.org/">{word}</a>'
        for word in ("relie", "les", "écoles", "rurales", "partout")
    )
    french = f"<p><em>{FRENCH}</em></p>"
    entry = PrizeEntryFactory(contest=ContestFactory(), description=f"<p>{short}</p>")
    assert language.reading_of(entry.description) is not None
    checks = {c.field: c for c in selectors.entry_language_checks(entry)}
    assert checks["description"].reading is None
    entry.description = french
    checks = {c.field: c for c in selectors.entry_language_checks(entry)}
    assert checks["description"].foreign.language == "fr"


def test_the_admin_stores_the_description_sanitised_and_shows_its_text(client, rf):
    entry = PrizeEntryFactory(contest=ContestFactory(), description=RICH)
    user = secretariat_user(is_superuser=True)
    client.force_login(user)
    page = client.get(f"/admin/prizes/prizeentry/{entry.pk}/change/").content.decode()
    assert "<p>Villages online &amp; schools<br>• 40 villages<br>• 12 schools</p>" in page
    request = rf.post("/admin/")
    request.user = user
    PrizeEntryAdmin(PrizeEntry, admin.site).save_model(request, entry, form=None, change=True)
    entry.refresh_from_db()
    assert entry.description == RICH_SHOWN
