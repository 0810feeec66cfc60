"""The open API (public reads, authenticated votes) and the public pages' constant query counts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from stocktaking.prizes import services
from stocktaking.prizes.enums import Phase, PrizeEntryStatus
from stocktaking.prizes.models import Vote
from tests.factories import UserFactory
from tests.prizes.factories import ContestFactory, PrizeEntryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return APIClient()


def voting_contest():
    return ContestFactory(in_phase=Phase.VOTING_OPEN, at=timezone.now())


def nominees(contest, count, number=1):
    category = contest.categories.get(number=number)
    return PrizeEntryFactory.create_batch(
        count, contest=contest, category=category, status=PrizeEntryStatus.NOMINEE
    )


def test_contests_and_categories_are_public(api):
    contest = voting_contest()
    assert api.get("/api/v1/prizes/contests/").json()["results"][0]["year"] == contest.year
    categories = api.get(f"/api/v1/prizes/contests/{contest.year}/categories/").json()
    assert categories["count"] == 18
    assert categories["results"][6] == {
        "number": 7,
        "slug": "c7-1",
        "name": categories["results"][6]["name"],
        "action_line": "C7.1",
        "is_special": False,
        "special_rules": "",
    }


def test_nominees_list_shows_only_public_entries(api):
    contest = voting_contest()
    PrizeEntryFactory(contest=contest, status=PrizeEntryStatus.ELIGIBLE, title="Hidden")
    (nominee,) = nominees(contest, 1)
    body = api.get(f"/api/v1/prizes/contests/{contest.year}/nominees/").json()
    assert [row["id"] for row in body["results"]] == [nominee.pk]
    assert body["results"][0]["organisation"] == nominee.organisation.name
    filtered = api.get(
        f"/api/v1/prizes/contests/{contest.year}/nominees/", {"category": "c2"}
    ).json()
    assert filtered["count"] == 0


def _count_queries(fetch) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = fetch()
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/prizes/contests/{year}/nominees/",
        "/api/v1/prizes/contests/{year}/results/",
        "/api/v1/prizes/contests/{year}/categories/",
        "/api/v1/prizes/contests/",
        "/prizes/{year}/vote/",
        "/prizes/{year}/c1/",
        "/prizes/{year}/results/",
        "/prizes/",
    ],
)
def test_list_query_counts_do_not_grow_with_rows(client, url):
    one = voting_contest()
    entries = nominees(one, 1)
    many = voting_contest()
    many_entries = nominees(many, 4) + nominees(many, 3, number=2)
    for entry in (*entries, *many_entries[:2], many_entries[5]):
        entry.status = PrizeEntryStatus.FINALIST
        entry.save()
    viewer = UserFactory(verified=True)
    client.force_login(viewer)
    few = _count_queries(lambda: client.get(url.format(year=one.year)))
    lots = _count_queries(lambda: client.get(url.format(year=many.year)))
    assert few == lots


def test_vote_endpoint(api):
    contest = voting_contest()
    first, second = nominees(contest, 2)
    assert api.post("/api/v1/prizes/votes/", {"nominee": first.pk}).status_code == 401
    unverified = UserFactory(verified=False)
    api.force_authenticate(unverified)
    response = api.post("/api/v1/prizes/votes/", {"nominee": first.pk})
    assert response.status_code == 403
    assert response.json()["error"]["message"] == "Confirm your e-mail address before voting."
    voter = UserFactory(verified=True)
    api.force_authenticate(voter)
    response = api.post("/api/v1/prizes/votes/", {"nominee": first.pk})
    assert response.status_code == 201
    assert response.json()["category"] == "c1"
    response = api.post("/api/v1/prizes/votes/", {"nominee": second.pk})
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "conflict"
    assert list(Vote.objects.values_list("user", "entry")) == [(voter.pk, first.pk)]


def test_vote_endpoint_refuses_after_the_close(api):
    contest = ContestFactory(in_phase=Phase.VOTING_CLOSED, at=timezone.now())
    (entry,) = nominees(contest, 1)
    api.force_authenticate(UserFactory(verified=True))
    response = api.post("/api/v1/prizes/votes/", {"nominee": entry.pk})
    assert response.status_code == 400
    assert response.json()["error"]["fields"]["nominee"][0].startswith("Voting is closed: ")


def test_vote_endpoint_is_throttled_per_user(api, settings):
    settings.PRIZES_VOTE_RATE_USER = "2/minute"
    contest = voting_contest()
    entries = [nominees(contest, 1, number=n)[0] for n in (1, 2, 3)]
    api.force_authenticate(UserFactory(verified=True))
    codes = [api.post("/api/v1/prizes/votes/", {"nominee": e.pk}).status_code for e in entries]
    assert codes == [201, 201, 429]


def test_openapi_schema_documents_the_prize_endpoints(api):
    schema = api.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    paths = set(schema["paths"])
    assert {
        "/api/v1/prizes/contests/",
        "/api/v1/prizes/contests/{contest_year}/nominees/",
        "/api/v1/prizes/contests/{contest_year}/results/",
        "/api/v1/prizes/votes/",
    } <= paths


def test_voting_page_shows_progress_and_the_recorded_vote(client):
    contest = voting_contest()
    (entry,) = nominees(contest, 1)
    nominees(contest, 1, number=2)
    voter = UserFactory(verified=True)
    client.force_login(voter)
    response = client.post(
        f"/prizes/{contest.year}/vote/{entry.pk}/", {"confirm": "yes"}, follow=True
    )
    page = response.content.decode()
    assert "You voted in 1 of 18 categories." in page
    assert f"Your vote for “{entry.title}”" in page


def test_voting_page_lists_the_categories_with_the_voters_vote_in_each(client):
    contest = voting_contest()
    chosen, _other = nominees(contest, 2)
    nominees(contest, 3, number=2)
    voter = UserFactory(verified=True)
    services.vote_cast(user=voter, entry=chosen, ip="192.0.2.1", now=timezone.now())
    client.force_login(voter)

    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/prizes/{contest.year}/vote/")

    assert len(queries) == 6
    rows = response.context["categories"]
    assert [(c.slug, c.nominee_count, c.my_vote_id, c.my_vote_title) for c in rows[:3]] == [
        ("c1", 2, chosen.pk, chosen.title),
        ("c2", 3, None, ""),
        ("c3", 0, None, ""),
    ]
    assert len(rows) == 18
    page = response.content.decode()
    assert "You voted in 1 of 18 categories." in page
    assert page.count("Not voted yet") == 17
    assert page.count(f'<a href="/prizes/{contest.year}/c2/">2. ') == 1
    assert page.count('<form method="post" action="/prizes/') == 0


def test_a_voter_votes_on_the_category_page(client):
    contest = voting_contest()
    first, second = nominees(contest, 2)
    client.force_login(UserFactory(verified=True))
    url = f"/prizes/{contest.year}/c1/"

    with CaptureQueriesContext(connection) as queries:
        before = client.get(url).content.decode()
    # Counted now: the next request empties the connection's query log. (The nominees'
    # translations come in one query of their own.)
    assert len(queries) == 7
    response = client.post(f"/prizes/{contest.year}/vote/{second.pk}/", {"confirm": "yes"})
    after = client.get(url).content.decode()

    forms = [f'action="/prizes/{contest.year}/vote/{entry.pk}/"' for entry in (first, second)]
    assert [before.count(form) for form in forms] == [1, 1]
    assert response.headers["Location"] == f"/prizes/{contest.year}/vote/#category-c1"
    assert [after.count(form) for form in forms] == [0, 0]
    assert after.count("You have voted in this category; a vote is final.") == 1
    assert after.count("All categories and your votes") == 1
