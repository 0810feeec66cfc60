"""The roadmap API: published roadmaps, versions, diffs and facilitators' editing."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from roadmaps.enums import VersionStatus
from roadmaps.models import Clause, RoadmapVersion
from tests.roadmaps.factories import RoadmapFactory, version_with_clauses
from tests.roadmaps.helpers import ROLES, user_for
from wsis.models import ActionLine

pytestmark = pytest.mark.django_db

BASE = "/api/v1/roadmaps/"


@pytest.fixture
def api() -> APIClient:
    return APIClient()


def as_role(api: APIClient, role: str):
    user = user_for(role)
    if user.is_authenticated:
        api.force_authenticate(user)
    return user


def test_list_shows_action_lines_with_their_published_version(api) -> None:
    version = version_with_clauses(number=4)
    version_with_clauses(status=VersionStatus.DRAFT, number=5, roadmap=version.roadmap)

    response = api.get(BASE, {"page_size": 3})

    assert response.status_code == 200
    assert response.data["count"] == 18
    first = response.data["results"][1]
    assert (first["code"], first["published_version"]["number"]) == ("C2", 4)
    assert response.data["results"][0]["published_version"] is None


def test_list_query_count_is_the_same_for_1_and_4_roadmaps(api) -> None:
    def count_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert api.get(BASE).status_code == 200
        return len(queries)

    version_with_clauses()
    one = count_queries()
    for code in ("C4", "C5", "C6"):
        version_with_clauses(roadmap=RoadmapFactory(action_line=ActionLine.objects.get(code=code)))

    assert count_queries() == one


def test_detail_gives_the_published_version_with_clauses(api) -> None:
    version = version_with_clauses(clauses=2, number=1)

    response = api.get(f"{BASE}c2/")

    assert response.status_code == 200
    assert (response.data["action_line"], response.data["number"]) == ("C2", 1)
    assert [
        (c["label"], c["sdg_numbers"], c["lock_version"])
        for c in response.data["groups"][0]["clauses"]
    ] == [("A", [9], 0), ("B", [9], 0)]
    assert response.data["groups"][0]["clauses"][0]["outcome_text"] == (
        version.clauses.get(label="A").outcome_text
    )


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("state", VersionStatus.values)
def test_detail_of_another_version_per_role_and_state(api, role: str, state: str) -> None:
    version_with_clauses(status=state, number=7)
    as_role(api, role)

    response = api.get(f"{BASE}c2/", {"version": 7})

    readers = ("facilitator_here", "secretariat")
    public = state in (VersionStatus.PUBLISHED, VersionStatus.SUPERSEDED)
    assert response.status_code == (200 if public or role in readers else 404)


def test_versions_and_diff(api) -> None:
    old = version_with_clauses(status=VersionStatus.SUPERSEDED, number=1, clauses=2)
    version_with_clauses(number=2, roadmap=old.roadmap, clauses=1)

    versions = api.get(f"{BASE}c2/versions/")
    diff = api.get(f"{BASE}c2/diff/", {"from": 1, "to": 2})

    # Paginated as the schema says (issue 13, item 11).
    assert (versions.data["count"], versions.data["next"], versions.data["previous"]) == (
        2,
        None,
        None,
    )
    assert [(v["number"], v["status"]) for v in versions.data["results"]] == [
        (2, "published"),
        (1, "superseded"),
    ]
    assert [(c["kind"], c["label"]) for c in diff.data["changes"]] == [
        ("changed", "A"),
        ("removed", "B"),
    ]
    assert api.get(f"{BASE}c2/diff/", {"from": "x", "to": 2}).status_code == 400


EDIT_EXPECTED = {
    "anonymous": 401,
    "facilitator_here": 200,
    "facilitator_other": 404,
    "secretariat": 200,
}


@pytest.mark.parametrize("role", ROLES)
def test_clause_patch_per_role_on_a_draft(api, role: str) -> None:
    draft = version_with_clauses(status=VersionStatus.DRAFT)
    clause = draft.clauses.get()
    as_role(api, role)

    response = api.patch(
        f"{BASE}clauses/{clause.pk}/",
        {"proposed_timing": "2040", "lock_version": 0},
        format="json",
    )

    assert response.status_code == EDIT_EXPECTED[role]
    clause.refresh_from_db()
    assert clause.proposed_timing == ("2040" if EDIT_EXPECTED[role] == 200 else "2025-2030")


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", 401),
        ("facilitator_here", 403),
        ("facilitator_other", 403),
        ("secretariat", 403),
    ],
)
def test_clause_patch_of_a_published_version_is_refused(api, role: str, expected: int) -> None:
    clause = version_with_clauses().clauses.get()
    as_role(api, role)

    response = api.patch(
        f"{BASE}clauses/{clause.pk}/", {"label": "Z", "lock_version": 0}, format="json"
    )

    assert response.status_code == expected


def test_stale_clause_patch_is_a_409_with_both_versions(api) -> None:
    clause = version_with_clauses(status=VersionStatus.DRAFT).clauses.get()
    as_role(api, "facilitator_here")
    api.patch(
        f"{BASE}clauses/{clause.pk}/", {"proposed_timing": "2026", "lock_version": 0}, format="json"
    )

    response = api.patch(
        f"{BASE}clauses/{clause.pk}/", {"proposed_timing": "2031", "lock_version": 0}, format="json"
    )

    assert response.status_code == 409
    error = response.data["error"]
    assert (
        error["code"],
        error["current"]["proposed_timing"],
        error["current"]["lock_version"],
    ) == (
        "conflict",
        "2026",
        1,
    )
    assert error["attempted"]["proposed_timing"] == "2031"


def test_patch_without_lock_version_is_a_400(api) -> None:
    clause = version_with_clauses(status=VersionStatus.DRAFT).clauses.get()
    as_role(api, "secretariat")

    response = api.patch(f"{BASE}clauses/{clause.pk}/", {"label": "Z"}, format="json")

    assert response.status_code == 400
    assert list(response.data["error"]["fields"]) == ["lock_version"]


def test_facilitator_journey_through_the_api(api) -> None:
    published = version_with_clauses(number=1)
    facilitator = as_role(api, "facilitator_here")

    started = api.post(f"{BASE}c2/drafts/")
    group_id = RoadmapVersion.objects.get(number=2).groups.get().pk
    added = api.post(
        f"{BASE}c2/versions/2/clauses/",
        {"group": group_id, "label": "B", "outcome_text": "<p onclick='x'>New</p>"},
        format="json",
    )
    removed = api.delete(
        f"{BASE}clauses/{Clause.objects.get(version__number=2, label='A').pk}/?lock_version=0"
    )
    submitted = api.post(f"{BASE}c2/versions/2/transition/", {"to": "submitted"}, format="json")
    approve_by_facilitator = api.post(
        f"{BASE}c2/versions/2/transition/", {"to": "published"}, format="json"
    )
    as_role(api, "secretariat")
    no_reason = api.post(f"{BASE}c2/versions/2/transition/", {"to": "returned"}, format="json")
    approved = api.post(f"{BASE}c2/versions/2/transition/", {"to": "published"}, format="json")

    assert [
        started.status_code,
        added.status_code,
        removed.status_code,
        submitted.status_code,
        approve_by_facilitator.status_code,
        no_reason.status_code,
        approved.status_code,
    ] == [201, 201, 204, 200, 403, 400, 200]
    assert added.data["outcome_text"] == "<p>New</p>"
    published.refresh_from_db()
    assert published.status == VersionStatus.SUPERSEDED
    current = api.get(f"{BASE}c2/")
    assert (current.data["number"], [c["label"] for c in current.data["groups"][0]["clauses"]]) == (
        2,
        ["B"],
    )
    assert RoadmapVersion.objects.get(number=2).author == facilitator
