"""A page of the outcome search ranks only its newest OUTCOME_RANKED_CANDIDATES matches (session
title matches first), then lists every other match newest first: each match on exactly one page,
on the page and in the API alike. Counts, filter choices and snippets are computed once per events
generation, so a warm page queries its own rows only."""

import datetime as dt

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from events import selectors, services
from events.enums import OutcomeStatus
from tests.events.factories import (
    EventFactory,
    OutcomeDocumentFactory,
    SessionFactory,
    complete_content,
    secretariat,
)
from tests.factories import OrganisationFactory
from wsis.caching import public_cache_bump_now
from wsis.pagination import KnownCountPaginator

pytestmark = pytest.mark.django_db
postgresql_only = pytest.mark.skipif(
    not settings.IS_POSTGRESQL, reason="the bounded ranking works on PostgreSQL's search vector"
)

# (session title, thematic suggestions) from the newest session to the oldest; "solar" is in the
# title of 2, 4, 5 and 7 only.
OUTCOMES = [
    ("Rural clinics", "Solar power for clinics."),
    ("Solar kiosks", "Kiosks for villages."),
    ("Village schools", "Solar lamps for pupils."),
    ("Solar schools", "Panels on schools."),
    ("Solar farms", "Farmers share panels."),
    ("Water pumps", "Solar pumps for farmers."),
    ("Solar roads", "Roads that light up."),
    ("Market stalls", "Solar fridges for markets."),
]
# With 4 candidates: the newest four matches, title matches first, then the other four newest
# first (title matches among them too: they are past the bounded set).
EXPECTED = [
    "Solar kiosks",
    "Solar schools",
    "Rural clinics",
    "Village schools",
    "Solar farms",
    "Water pumps",
    "Solar roads",
    "Market stalls",
]


def _session(event, title, *, days_ago):
    starts = timezone.now() - dt.timedelta(days=days_ago)
    return SessionFactory(
        event=event, title=title, starts_at=starts, ends_at=starts + dt.timedelta(hours=1)
    )


@pytest.fixture
def solar_outcomes():
    event = EventFactory(slug="forum-2026", name="WSIS Forum 2026", start_date=dt.date(2026, 5, 27))
    for age, (title, suggestions) in enumerate(OUTCOMES):
        OutcomeDocumentFactory(
            status=OutcomeStatus.PUBLISHED,
            session=_session(event, title, days_ago=age + 1),
            thematic_suggestions=suggestions,
        )
    OutcomeDocumentFactory(
        status=OutcomeStatus.PUBLISHED, session=_session(event, "Fibre cables", days_ago=30)
    )
    OutcomeDocumentFactory(
        status=OutcomeStatus.DRAFT, session=_session(event, "Solar draft", days_ago=31)
    )


def _titles(outcomes) -> list[str]:
    return [outcome.session.title for outcome in outcomes]


def _searched(text):
    return selectors.outcomes_search(selectors.outcomes_public_listed(), text)


@postgresql_only
@pytest.mark.parametrize("per_page", [1, 2, 3, 4, 5, 8])
def test_pages_rank_the_newest_candidates_then_list_the_rest_each_once(
    solar_outcomes, monkeypatch, per_page
):
    monkeypatch.setattr(selectors, "OUTCOME_RANKED_CANDIDATES", 4)
    paginator = KnownCountPaginator(_searched("solar"), per_page, count=len(EXPECTED))
    titles = [
        title
        for number in paginator.page_range
        for title in _titles(paginator.page(number).object_list)
    ]
    assert titles == EXPECTED
    assert paginator.num_pages == -(-len(EXPECTED) // per_page)


@postgresql_only
def test_with_every_match_a_candidate_title_matches_come_first(solar_outcomes):
    paginator = KnownCountPaginator(_searched("solar"), 20, count=len(EXPECTED))
    assert _titles(paginator.page(1).object_list) == [
        "Solar kiosks",
        "Solar schools",
        "Solar farms",
        "Solar roads",
        "Rural clinics",
        "Village schools",
        "Water pumps",
        "Market stalls",
    ]


@postgresql_only
def test_the_page_and_the_api_follow_the_same_order_and_count(client, solar_outcomes, monkeypatch):
    monkeypatch.setattr(selectors, "OUTCOME_RANKED_CANDIDATES", 4)
    api_titles = []
    for number in (1, 2, 3):
        response = client.get("/api/v1/outcomes/", {"q": "solar", "page_size": 3, "page": number})
        assert response.status_code == 200
        assert response.json()["count"] == 8
        api_titles += [row["session_title"] for row in response.json()["results"]]
    assert api_titles == EXPECTED
    response = client.get(reverse("events:outcome_list"), {"q": "solar"})
    page = response.context["page"]
    assert _titles(page) == EXPECTED
    assert page.paginator.count == 8


def test_the_plain_list_is_newest_session_first_each_once(client, solar_outcomes, monkeypatch):
    monkeypatch.setattr("events.views.PAGE_SIZE", 3)
    url = reverse("events:outcome_list")
    pages = [client.get(url, {"page": number}).context["page"] for number in (1, 2, 3)]
    assert [_titles(page) for page in pages] == [
        ["Rural clinics", "Solar kiosks", "Village schools"],
        ["Solar schools", "Solar farms", "Water pumps"],
        ["Solar roads", "Market stalls", "Fibre cables"],
    ]
    assert pages[0].paginator.count == 9


def _counts(queries) -> list[str]:
    # The totals only: the chart of outcomes per Action Line counts too (COUNT(DISTINCT ...)),
    # once per generation, whatever the filters.
    return [query["sql"] for query in queries if "COUNT(*)" in query["sql"]]


def test_the_total_is_counted_once_per_generation_and_filter_combination(
    client, solar_outcomes, django_capture_on_commit_callbacks
):
    url = reverse("events:outcome_list")

    def total(params):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url, params)
        return len(_counts(queries)), response.context["page"].paginator.count

    assert total({"q": "pumps", "visit": "1"}) == (1, 1)
    # Another page of the same result, or an unknown parameter: the page cache does not answer,
    # the counted total does.
    assert total({"q": "pumps", "visit": "2", "page": "1"}) == (0, 1)
    assert total({"visit": "1"}) == (1, 9)
    assert total({"visit": "2"}) == (0, 9)
    assert total({"event": "forum-2026"}) == (1, 9)
    waiting = OutcomeDocumentFactory(
        status=OutcomeStatus.SUBMITTED,
        session=SessionFactory(title="Solar boats", event__slug="forum-2026-side"),
        **complete_content(thematic_suggestions="Pumps on boats."),
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.outcome_publish(outcome=waiting, by=secretariat())
    assert total({"q": "pumps", "visit": "3"}) == (1, 2)
    assert total({"visit": "3"}) == (1, 10)
    assert total({"event": "forum-2026", "visit": "3"}) == (1, 9)


def test_a_warm_page_queries_its_rows_only(client, solar_outcomes, django_assert_num_queries):
    url = reverse("events:outcome_list")
    client.get(url, {"visit": "1"})
    client.get(url, {"q": "solar", "visit": "1"})
    # The page only: its rows are rendered already (no organisers, Action Lines or SDGs of its
    # sessions fetched), no count, no filter choices (nor their rendering), no snippet computed
    # again.
    with django_assert_num_queries(1):
        assert client.get(url, {"visit": "2"}).status_code == 200
    with django_assert_num_queries(1):
        assert client.get(url, {"q": "solar", "visit": "2"}).status_code == 200


def test_the_filter_choices_follow_the_events_generation(client, solar_outcomes):
    url = reverse("events:outcome_list")
    kenya = OrganisationFactory(slug="kenya-ict", name="Kenya ICT Authority")
    assert client.get(url, {"organiser": "kenya-ict"}).context["filter"].errors == {
        "organiser": [
            "Select a valid choice. kenya-ict is not one of the available choices.",
        ]
    }
    OutcomeDocumentFactory(
        status=OutcomeStatus.PUBLISHED,
        session=SessionFactory(
            event=EventFactory(
                slug="summit", start_date=dt.date(2027, 1, 10), end_date=dt.date(2027, 1, 11)
            ),
            organisers=[kenya],
        ),
    )
    # Sessions and organisers change through the services and the admin, which move the events
    # generation on (the factories above do not).
    public_cache_bump_now("events")
    response = client.get(url, {"organiser": "kenya-ict", "event": "summit"})
    assert response.context["filter"].errors == {}
    assert len(response.context["page"]) == 1
    form = response.context["filter"].form
    assert [value for value, _label in form.fields["event"].choices] == [
        "",
        "summit",
        "forum-2026",
    ]
    assert ("kenya-ict", "Kenya ICT Authority") in form.fields["organiser"].choices
    content = response.content.decode()
    assert '<option value="kenya-ict" selected>Kenya ICT Authority</option>' in content
    assert '<option value="summit" selected>' in content


def test_the_cached_filter_form_shows_each_combination_with_its_own_values(client, solar_outcomes):
    url = reverse("events:outcome_list")
    first = client.get(url, {"q": "solar"}).content.decode()
    second = client.get(url, {"q": "pumps"}).content.decode()
    wrong = client.get(url, {"q": "pumps", "action_line": "C99"}).content.decode()
    assert 'name="q" value="solar"' in first
    assert 'name="q" value="pumps"' in second
    assert 'name="q" value="solar"' not in second
    assert "Select a valid choice. C99 is not one of the available choices." in wrong
    assert "Select a valid choice" not in second
