"""The many-to-many filters of the public database select entries by a semi-join: an entry that
matches several values of a filter is listed once, in the list's order, and counted once, exactly
as the former join with DISTINCT listed it."""

from datetime import timedelta

import pytest
from django.http import QueryDict
from django.utils import timezone

from stocktaking import selectors
from stocktaking.enums import EntryKind, EntryStatus
from stocktaking.filters import EntryFilter
from tests.stocktaking.factories import EntryFactory
from wsis.models import ActionLine, CountryRegion, ItuRegion, Sdg

pytestmark = pytest.mark.django_db

URL = "/api/v1/stocktaking/entries/"

# title → (Action Lines, SDGs, countries, kind), newest first.
ENTRIES = {
    "Schools online": (["C2", "C4"], [4, 9], ["KE", "UG"], EntryKind.PROJECT),
    "Clinic records": (["C7.4"], [3], ["KE"], EntryKind.PROJECT),
    "Farm prices": (["C7.6", "C2"], [2, 9], ["PE", "CL"], EntryKind.INITIATIVE),
    "Digital skills": (["C4", "C5"], [4, 5], ["UG", "PE"], EntryKind.PROJECT),
    "Open data": (["C3"], [16], ["CH"], EntryKind.PROJECT),
}


@pytest.fixture
def entries(db):
    now = timezone.now()
    created = {}
    for age, (title, (action_lines, sdgs, countries, kind)) in enumerate(ENTRIES.items()):
        entry = EntryFactory(
            status=EntryStatus.APPROVED,
            title=title,
            kind=kind,
            approved_at=now - timedelta(days=age),
            primary_action_line=ActionLine.objects.get(code=action_lines[0]),
        )
        rows = CountryRegion.objects.filter(country__in=countries)
        entry.action_lines.set(ActionLine.objects.filter(code__in=action_lines))
        entry.sdgs.set(Sdg.objects.filter(number__in=sdgs))
        entry.countries.set(rows)
        entry.regions.set(ItuRegion.objects.filter(countries__in=rows).distinct())
        created[title] = entry
    EntryFactory(status=EntryStatus.SUBMITTED, title="Not public", relations__country="KE")
    return created


def _filtered(query: str):
    filterset = EntryFilter(QueryDict(query), queryset=selectors.entries_public_listed())
    assert filterset.is_valid(), filterset.errors
    return filterset.qs


def _joined_with_distinct(query: str) -> list[str]:
    """The former way: a join per filter, DISTINCT against the duplicates it makes."""
    params = QueryDict(query)
    queryset = selectors.entries_public_listed()
    lookups = {
        "action_line": "action_lines__slug__in",
        "sdg": "sdgs__number__in",
        "country": "countries__country__in",
        "region": "regions__code__in",
        "kind": "kind__in",
        "stakeholder_type": "organisation__stakeholder_type__code__in",
    }
    for name, lookup in lookups.items():
        if params.getlist(name):
            queryset = queryset.filter(**{lookup: params.getlist(name)})
    return list(queryset.distinct().values_list("title", flat=True))


@pytest.mark.parametrize(
    ("query", "titles"),
    [
        ("action_line=c2&action_line=c4", ["Schools online", "Farm prices", "Digital skills"]),
        ("sdg=4&sdg=9", ["Schools online", "Farm prices", "Digital skills"]),
        (
            "country=KE&country=UG&country=PE",
            ["Schools online", "Clinic records", "Farm prices", "Digital skills"],
        ),
        (
            "region=africa&region=americas",
            ["Schools online", "Clinic records", "Farm prices", "Digital skills"],
        ),
        (
            "action_line=c2&action_line=c4&sdg=4&sdg=9&country=KE&country=UG",
            ["Schools online", "Digital skills"],
        ),
        ("action_line=c2&country=KE&kind=project", ["Schools online"]),
        ("kind=project&kind=initiative&sdg=9", ["Schools online", "Farm prices"]),
        (
            "action_line=c2&action_line=c4&sort=title",
            ["Digital skills", "Farm prices", "Schools online"],
        ),
        ("action_line=c1&sdg=4", []),
    ],
)
def test_many_to_many_filters_list_each_entry_once_in_order(entries, query, titles):
    queryset = _filtered(query)
    assert [entry.title for entry in queryset] == titles
    assert queryset.count() == len(titles)
    assert not queryset.query.distinct
    if "sort" not in query:
        assert _joined_with_distinct(query) == titles


def test_api_lists_and_counts_each_matching_entry_once(entries, client):
    body = client.get(
        URL + "?action_line=c2&action_line=c4&sdg=4&sdg=9&country=KE&country=UG"
    ).json()
    assert [row["title"] for row in body["results"]] == ["Schools online", "Digital skills"]
    assert body["count"] == 2


def test_a_deep_page_of_a_filtered_list_repeats_and_loses_no_entry(entries, client):
    pages = [
        client.get(URL, {"sdg": ["4", "9", "3"], "page_size": 1, "page": number}).json()
        for number in (1, 2, 3, 4)
    ]
    assert [page["results"][0]["title"] for page in pages] == [
        "Schools online",
        "Clinic records",
        "Farm prices",
        "Digital skills",
    ]
    assert [page["count"] for page in pages] == [4, 4, 4, 4]


def test_reference_filters_share_their_choices_with_the_form():
    form = EntryFilter(QueryDict("country=KE&action_line=c2")).form
    for name in ("action_line", "sdg", "country", "region", "stakeholder_type"):
        # Not copied for every request's form (193 countries): the same list, still validating.
        assert form.fields[name]._choices is form.base_fields[name]._choices
    assert form.is_valid(), form.errors
    assert form.cleaned_data["country"] == ["KE"]
    assert len(form.fields["country"].choices) == 193
