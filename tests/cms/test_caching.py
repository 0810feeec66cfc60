"""CMS pages come from the whole-page cache for anonymous visitors; publishing, unpublishing,
scheduled publication and the menu show at once; the home page with its live blocks makes at
most 10 queries on a miss, however many rows its blocks read."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from cms.models import HomePage, Navigation
from cms.tasks import task_publish_scheduled
from events.enums import OutcomeStatus
from stocktaking.enums import EntryStatus
from tests.cms.builders import home_page, news_index, news_page, publish, standard_page
from tests.events.factories import OutcomeDocumentFactory, SessionFactory
from tests.query_counts import MAX_QUERIES, uncached_queries
from tests.stocktaking.factories import EntryFactory

pytestmark = pytest.mark.django_db

LIVE_BLOCKS = [
    {"type": "hero", "value": {"heading": "WSIS", "text": "", "image": None, "links": []}},
    {"type": "calls_to_action", "value": {"heading": "Now"}},
    {"type": "figures", "value": {"heading": "Figures"}},
    {"type": "latest_entries", "value": {"heading": "Entries", "count": 4}},
    {"type": "upcoming_sessions", "value": {"heading": "Sessions", "count": 4}},
    {"type": "latest_outcomes", "value": {"heading": "Outcomes", "count": 4}},
    {"type": "latest_news", "value": {"heading": "News", "count": 4}},
]


def test_anonymous_cms_pages_are_served_from_the_cache(client, django_assert_num_queries):
    page = standard_page(title="About WSIS")
    assert client.get(page.url).status_code == 200
    with django_assert_num_queries(0):
        again = client.get(page.url)
    assert "<h1>About WSIS</h1>" in again.content.decode()


def test_publishing_and_unpublishing_show_at_once(django_capture_on_commit_callbacks):
    page = standard_page(title="About WSIS")
    client = Client()
    assert "<h1>About WSIS</h1>" in client.get(page.url).content.decode()
    page.title = "About the WSIS process"
    with django_capture_on_commit_callbacks(execute=True):
        publish(page)
    assert "<h1>About the WSIS process</h1>" in client.get(page.url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    assert client.get(page.url).status_code == 404


def test_a_draft_change_does_not_show_before_it_is_published():
    page = standard_page(title="About WSIS")
    client = Client()
    client.get(page.url)
    page.title = "Draft title"
    page.save_revision()
    assert "<h1>About WSIS</h1>" in client.get(page.url).content.decode()


def test_scheduled_publication_shows_at_once_after_the_beat_task(
    django_capture_on_commit_callbacks,
):
    index = news_index()
    client = Client()
    assert "No news yet." in client.get(index.url).content.decode()
    item = news_page(index, title="Forum dates announced", live=False)
    item.go_live_at = timezone.now() + dt.timedelta(minutes=5)
    item.save_revision().publish()
    item.refresh_from_db()
    assert item.live is False
    call_command("publish_scheduled")
    assert "No news yet." in client.get(index.url).content.decode()

    # Five minutes later, as far as the schedule can tell.
    revision = item.get_latest_revision()
    passed = timezone.now() - dt.timedelta(seconds=1)
    revision.approved_go_live_at = passed
    revision.content["go_live_at"] = passed.isoformat()
    revision.save(update_fields=["approved_go_live_at", "content"])
    with django_capture_on_commit_callbacks(execute=True):
        task_publish_scheduled.delay()
    assert "Forum dates announced" in client.get(index.url).content.decode()


def test_scheduled_expiry_unpublishes_at_once(django_capture_on_commit_callbacks):
    index = news_index()
    item = news_page(index, title="Old call")
    client = Client()
    assert client.get(item.url).status_code == 200
    item.expire_at = timezone.now() - dt.timedelta(seconds=1)
    item.save(update_fields=["expire_at"])
    with django_capture_on_commit_callbacks(execute=True):
        task_publish_scheduled.delay()
    assert client.get(item.url).status_code == 404


def test_the_menu_and_footer_show_on_every_page_at_once(django_capture_on_commit_callbacks):
    about = standard_page(title="About WSIS")
    client = Client()
    assert 'href="/about/">About</a>' not in client.get("/stocktaking/").content.decode()
    navigation = Navigation.load()
    navigation.menu = [{"type": "link", "value": {"label": "About", "page": about.pk, "url": ""}}]
    navigation.footer_links = [
        {"type": "link", "value": {"label": "Contact", "page": None, "url": "/contact/"}}
    ]
    navigation.footer_text = "The WSIS secretariat, Geneva."
    with django_capture_on_commit_callbacks(execute=True):
        navigation.save()
    listing = client.get("/stocktaking/").content.decode()
    assert '<li><a href="/about/" >About</a></li>' in listing
    assert '<li><a href="/contact/">Contact</a></li>' in listing
    assert "<p>The WSIS secretariat, Geneva.</p>" in listing


def test_the_layout_reads_no_table_for_the_menu(django_assert_num_queries):
    from cms.context_processors import navigation

    with django_assert_num_queries(0):
        assert navigation(None)["cms_navigation"].menu == ()


def _home_with_live_blocks() -> HomePage:
    home = home_page()
    home.body = LIVE_BLOCKS
    publish(home)
    return home


def _rows(count: int, index) -> None:
    for number in range(count):
        EntryFactory(status=EntryStatus.APPROVED)
        session = SessionFactory(starts_at=timezone.now() + dt.timedelta(days=number + 1))
        OutcomeDocumentFactory(status=OutcomeStatus.PUBLISHED)
        news_page(index, title=f"News {number} {session.pk}")


def test_home_page_with_live_blocks_makes_at_most_10_queries_on_a_miss(client):
    _home_with_live_blocks()
    index = news_index()
    _rows(1, index)
    client.get("/")  # the route and the reference lists are read once, then cached
    few = uncached_queries(client, "/")
    _rows(4, index)
    assert uncached_queries(client, "/") == few
    assert few <= MAX_QUERIES


@pytest.mark.parametrize("language", ["en", "fr"])
def test_news_list_makes_at_most_10_queries_on_a_miss_whatever_the_number_of_items(
    client, language
):
    index = news_index()
    prefix = "" if language == "en" else f"/{language}"
    news_page(index, title="News 0")
    client.get(f"{prefix}/news/")  # the route is remembered, as on a running site
    few = uncached_queries(client, f"{prefix}/news/")
    for number in range(1, 8):
        item = news_page(index, title=f"News {number}")
        item.topics.add(f"Topic {number}")
        publish(item)
    assert uncached_queries(client, f"{prefix}/news/") == few
    assert few <= MAX_QUERIES


def test_home_page_in_another_language_makes_at_most_10_queries_on_a_miss(client):
    from tests.cms.builders import translate

    home = _home_with_live_blocks()
    translate(home, "ar", {"WSIS": "القمة"})
    index = news_index()
    _rows(1, index)
    client.get("/ar/")
    few = uncached_queries(client, "/ar/")
    _rows(4, index)
    assert uncached_queries(client, "/ar/") == few
    assert few <= MAX_QUERIES
