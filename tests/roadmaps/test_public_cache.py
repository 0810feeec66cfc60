"""Whole-page caching of the public roadmap pages: anonymous pages come from the cache, signed-in
people always get a fresh page, and a version published through the service shows at once."""

import pytest
from django.urls import reverse

from roadmaps import services
from roadmaps.enums import VersionStatus
from roadmaps.models import Clause
from tests.factories import secretariat_user
from tests.query_counts import MAX_QUERIES, uncached_queries
from tests.roadmaps.factories import ClauseFactory, version_with_clauses
from tests.roadmaps.helpers import user_for

pytestmark = pytest.mark.django_db


def _urls(version) -> list[str]:
    slug = version.roadmap.action_line.slug
    return [
        reverse("roadmaps:roadmap_index"),
        reverse("roadmaps:roadmap_detail", args=[slug]),
        reverse("roadmaps:version_detail", args=[slug, version.number]),
        reverse("roadmaps:version_print", args=[slug, version.number]),
        reverse("roadmaps:version_list", args=[slug]),
        reverse("roadmaps:version_compare", args=[slug]) + "?from=1&to=2",
        reverse("roadmaps:sdg_detail", args=[9]),
        reverse("roadmaps:version_download", args=[slug, version.number, "csv"]),
    ]


@pytest.fixture
def two_versions():
    old = version_with_clauses(status=VersionStatus.SUPERSEDED, number=1, clauses=2)
    new = version_with_clauses(status=VersionStatus.PUBLISHED, number=2, roadmap=old.roadmap)
    return old, new


def test_anonymous_pages_are_served_from_the_cache(client, two_versions, django_assert_num_queries):
    _old, new = two_versions
    for url in _urls(new):
        first = client.get(url)
        assert first.status_code == 200, url
        with django_assert_num_queries(0):
            second = client.get(url)
        assert second.content == first.content
        assert second.get("Content-Disposition") == first.get("Content-Disposition")


def test_signed_in_pages_are_never_cached(client, two_versions):
    _old, new = two_versions
    client.force_login(user_for("facilitator_other"))
    url = reverse("roadmaps:roadmap_detail", args=[new.roadmap.action_line.slug])
    client.get(url)
    Clause.objects.filter(version=new).update(outcome_text="<p>Changed behind the cache</p>")
    response = client.get(url)
    assert "Changed behind the cache" in response.content.decode()
    assert "ETag" not in response


def test_a_published_version_shows_at_once(client, django_capture_on_commit_callbacks):
    published = version_with_clauses(status=VersionStatus.PUBLISHED, number=1)
    submitted = version_with_clauses(
        status=VersionStatus.SUBMITTED, number=2, roadmap=published.roadmap
    )
    Clause.objects.filter(version=submitted).update(outcome_text="<p>The approved new plan</p>")
    url = reverse("roadmaps:roadmap_detail", args=[published.roadmap.action_line.slug])
    index = reverse("roadmaps:roadmap_index")
    assert "The approved new plan" not in client.get(url).content.decode()
    client.get(index)
    with django_capture_on_commit_callbacks(execute=True):
        services.roadmap_version_transition(
            version=submitted, to=VersionStatus.PUBLISHED, by=secretariat_user()
        )
    assert "The approved new plan" in client.get(url).content.decode()
    assert client.get(index).context is not None  # rendered anew, not the stored page


@pytest.mark.parametrize("name", ["version_detail", "version_print", "version_list", "compare"])
def test_query_counts_do_not_grow_with_clauses(client, name):
    old = version_with_clauses(status=VersionStatus.SUPERSEDED, number=1, clauses=1)
    new = version_with_clauses(status=VersionStatus.PUBLISHED, number=2, roadmap=old.roadmap)
    slug = new.roadmap.action_line.slug
    url = {
        "version_detail": reverse("roadmaps:version_detail", args=[slug, 2]),
        "version_print": reverse("roadmaps:version_print", args=[slug, 2]),
        "version_list": reverse("roadmaps:version_list", args=[slug]),
        "compare": reverse("roadmaps:version_compare", args=[slug]),
    }[name]
    client.get(url)
    few = uncached_queries(client, url)
    for index in range(8):
        for version in (old, new):
            ClauseFactory(group=version.groups.get(), position=10 + index, sdg_numbers=[9, 4])
    assert uncached_queries(client, url) == few
    # The comparison reads both versions' rows together (groups, clauses, SDGs, GDC objectives
    # and citations, once for the two).
    assert few <= MAX_QUERIES
