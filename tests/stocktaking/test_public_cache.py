"""Whole-page caching of the public database: anonymous pages come from the cache, signed-in
people always get a fresh page, and what the services publish or change shows at once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.functional import empty

from stocktaking import services
from stocktaking.enums import EntryStatus
from tests.query_counts import MAX_QUERIES, uncached_queries
from tests.stocktaking.factories import EntryFactory, approve_revision

pytestmark = pytest.mark.django_db

S = EntryStatus
LIST = reverse("stocktaking:list")


def _public_urls(entry) -> list[str]:
    return [
        LIST,
        f"{LIST}?sdg=9&kind=project&sort=title",
        f"{LIST}?q=broadband",
        entry.get_absolute_url(),
        reverse("stocktaking:feed"),
    ]


def test_anonymous_pages_are_served_from_the_cache(client, django_assert_num_queries):
    entry = EntryFactory(status=S.APPROVED)
    for url in _public_urls(entry):
        first = client.get(url)
        assert first.status_code == 200
        with django_assert_num_queries(0):
            second = client.get(url)
        assert second.content == first.content
        assert second["ETag"] == first["ETag"]
        assert client.get(url, headers={"If-None-Match": first["ETag"]}).status_code == 304


def test_signed_in_pages_are_never_cached(client, people):
    entry = EntryFactory(status=S.APPROVED, title="Before the change")
    client.force_login(people["other_org"])
    for url in _public_urls(entry)[:4]:
        client.get(url)
    # Not through a service, so nothing is invalidated: only a fresh page can show it.
    EntryFactory._meta.model.objects.filter(pk=entry.pk).update(title="Broadband after")
    for url in _public_urls(entry)[:4]:
        response = client.get(url)
        assert "Broadband after" in response.content.decode(), url
        assert "ETag" not in response


def test_approval_shows_at_once_in_list_counts_and_detail(
    client, people, django_capture_on_commit_callbacks
):
    EntryFactory(status=S.APPROVED, title="Already public")
    waiting = EntryFactory(status=S.SUBMITTED, title="Freshly approved")
    before = client.get(LIST)
    assert before.context["page_obj"].paginator.count == 1
    assert "Freshly approved" not in before.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        services.entry_approve(entry=waiting, by=people["secretariat"])
    after = client.get(LIST)
    assert after.context["page_obj"].paginator.count == 2
    assert {f.value: f.count for f in after.context["facets"]["sdg"]}["9"] == 2
    assert "Freshly approved" in after.content.decode()
    waiting.refresh_from_db()
    assert client.get(waiting.get_absolute_url()).status_code == 200


def test_archiving_removes_the_entry_at_once(client, people, django_capture_on_commit_callbacks):
    entry = EntryFactory(status=S.APPROVED, title="Soon archived")
    assert "Soon archived" in client.get(LIST).content.decode()
    assert client.get(entry.get_absolute_url()).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        services.entry_archive(entry=entry, by=people["secretariat"])
    assert "Soon archived" not in client.get(LIST).content.decode()
    assert client.get(entry.get_absolute_url()).status_code == 404


def test_approved_revision_replaces_the_cached_detail(
    client, people, organisation, django_capture_on_commit_callbacks
):
    member = people["member"]
    published = EntryFactory(organisation=organisation, status=S.APPROVED, title="Old title")
    assert "Old title" in client.get(published.get_absolute_url(), follow=True).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        approve_revision(
            published,
            member=member,
            secretariat=people["secretariat"],
            content={"title": "New title"},
        )
    published.refresh_from_db()
    page = client.get(published.get_absolute_url()).content.decode()
    assert "New title" in page
    assert "Old title" not in page


# --- Query counts of the uncached pages: the same for 1 row as for a full page, at most 10 ---


@pytest.mark.parametrize(
    "url_of",
    [
        lambda entry: entry.get_absolute_url(),
        lambda entry: reverse("stocktaking:feed"),
        lambda entry: f"{LIST}?region=africa&action_line=c2",
        lambda entry: f"{LIST}?page=2&sort=title",
        lambda entry: "/api/v1/stocktaking/entries/?sdg=9&country=KE&q=broadband",
        lambda entry: "/api/v1/stocktaking/entries/?page=2&page_size=5",
    ],
    ids=["detail", "feed", "list-filters", "list-page-2", "api-filters", "api-page-2"],
)
def test_query_counts_do_not_grow_with_rows(client, url_of):
    entries = [EntryFactory(status=S.APPROVED, relations__country="KE") for _ in range(6)]
    client.get(url_of(entries[0]))  # the reference lists are read once, then cached
    few = uncached_queries(client, url_of(entries[0]))
    for _ in range(24):
        EntryFactory(status=S.APPROVED, relations__country="KE")
    assert uncached_queries(client, url_of(entries[0])) == few
    assert few <= MAX_QUERIES


# --- The filter panel, matrix and regions: rendered once per result and generation ---


def _sdg9_facet_count(html: str) -> str:
    panel = html.split('value="9"', 1)[1]
    return panel.split('<span class="facet-count">', 1)[1].split("<", 1)[0]


def test_filter_panel_is_drawn_once_per_result_and_redrawn_after_approval(
    client, people, django_capture_on_commit_callbacks
):
    EntryFactory(status=S.APPROVED)
    waiting = EntryFactory(status=S.SUBMITTED)
    client.force_login(people["other_org"])  # never served whole from the page cache
    first = client.get(f"{LIST}?kind=project&sdg=9")
    assert _sdg9_facet_count(first.content.decode()) == "1"
    # The same result (another order, a blank and an unread parameter): the panel comes from the
    # fragment cache, so its counts are not even computed.
    again = client.get(f"{LIST}?sdg=9&kind=project&year=&unread=1")
    assert again.context["facets"]._wrapped is empty
    assert again.context["matrix_rows"]._wrapped is empty
    assert _sdg9_facet_count(again.content.decode()) == "1"
    assert 'value="9" checked' in again.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        services.entry_approve(entry=waiting, by=people["secretariat"])
    after = client.get(f"{LIST}?sdg=9&kind=project&year=&unread=1")
    assert _sdg9_facet_count(after.content.decode()) == "2"
    # Another result draws its own panel.
    other = client.get(f"{LIST}?kind=project")
    assert other.context["facets"]._wrapped is not empty


# --- The list's rows: rendered once per entry and generation for anonymous visitors ---


def test_rows_are_rendered_once_then_taken_from_the_cache(client):
    for _ in range(3):
        EntryFactory(status=S.APPROVED, relations__country="KE")
    first = client.get(f"{LIST}?kind=project")
    with CaptureQueriesContext(connection) as queries:
        again = client.get(f"{LIST}?kind=project&unread=1")
    rows = first.context["rows"]
    assert len(rows) == 3
    assert list(again.context["rows"]) == list(rows)
    # The page query only: no prize badges to read (none of them has one), no Action Lines,
    # SDGs or countries fetched.
    assert len(queries) == 1
    assert all("stocktaking_entry_sdgs" not in query["sql"] for query in queries.captured_queries)


def test_rows_show_an_approved_revision_at_once(
    client, people, organisation, django_capture_on_commit_callbacks
):
    member = people["member"]
    published = EntryFactory(organisation=organisation, status=S.APPROVED, title="Old title")
    assert "Old title" in client.get(f"{LIST}?unread=1").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        approve_revision(
            published,
            member=member,
            secretariat=people["secretariat"],
            content={"title": "New title"},
        )
    page = client.get(f"{LIST}?unread=2").content.decode()
    assert "New title" in page
    assert "Old title" not in page


def test_rows_are_never_shared_with_signed_in_people(client, people):
    entry = EntryFactory(status=S.APPROVED, title="Before the change")
    client.get(f"{LIST}?unread=1")
    EntryFactory._meta.model.objects.filter(pk=entry.pk).update(title="After the change")
    client.force_login(people["other_org"])
    assert "After the change" in client.get(f"{LIST}?unread=1").content.decode()
