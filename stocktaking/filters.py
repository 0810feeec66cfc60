"""The filters of the public database, shared by the list page, its exports and the API."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from stocktaking import selectors
from stocktaking.enums import ActivityStatus, EntryKind
from wsis.selectors import country_choices, reference_lists

SORTS = {
    "relevance": (_("Relevance"), None),
    "newest": (_("Newest first"), ("-approved_at", "-id")),
    "oldest": (_("Oldest first"), ("approved_at", "id")),
    "title": (_("Title A–Z"), ("title", "id")),
    "start": (_("Start date, latest first"), ("-start_date", "-id")),
}


class EntryFilter(django_filters.FilterSet):
    """Combinable filters; values within one filter are alternatives (OR), filters combine (AND)."""

    q = django_filters.CharFilter(label=_("Search"), method="filter_search", max_length=200)
    # Choices (from the cached reference lists) rather than model fields: validating a value costs
    # no query, and an absurd value in the URL is simply not a choice.
    action_line = django_filters.MultipleChoiceFilter(
        label=_("Action Line"), field_name="action_lines__slug", choices=()
    )
    # An absurd number is not a choice either (a model field would send it to the database,
    # which may not hold such an integer).
    sdg = django_filters.MultipleChoiceFilter(label=_("SDG"), field_name="sdgs__number", choices=())
    country = django_filters.MultipleChoiceFilter(
        label=_("Country"), field_name="countries__country", choices=()
    )
    region = django_filters.MultipleChoiceFilter(
        label=_("ITU region"), field_name="regions__code", choices=()
    )
    stakeholder_type = django_filters.MultipleChoiceFilter(
        label=_("Stakeholder type"), field_name="organisation__stakeholder_type__code", choices=()
    )
    kind = django_filters.MultipleChoiceFilter(label=_("Kind"), choices=EntryKind.choices)
    status = django_filters.ChoiceFilter(
        label=_("Status"), field_name="activity_status", choices=ActivityStatus.choices
    )
    year = django_filters.NumberFilter(
        label=_("Start year"),
        field_name="start_date__year",
        min_value=1990,
        max_value=2100,
    )
    sort = django_filters.ChoiceFilter(
        label=_("Sort"),
        choices=[(key, label) for key, (label, _ordering) in SORTS.items()],
        method="filter_sort",
        empty_label=None,
    )

    class Meta:
        model = selectors.Entry
        fields: list[str] = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The 193 member states (ISO 3166 alpha-2 codes), from the cached reference lists.
        reference = reference_lists()
        choices = {
            "country": country_choices(),
            "sdg": [(str(row.number), str(row)) for row in reference.sdgs],
            "action_line": [(row.slug, str(row)) for row in reference.action_lines],
            "region": [(row.code, row.name) for row in reference.regions],
            "stakeholder_type": [(row.code, row.name) for row in reference.stakeholder_types],
        }
        for name, values in choices.items():
            self.filters[name].extra["choices"] = values
            # A form field built before (e.g. by the schema generator) would keep empty choices.
            self.filters[name].__dict__.pop("_field", None)

    def filter_search(self, queryset, name, value):
        # Searching happens in `qs` so that sorting can follow the ranking.
        return queryset

    def filter_sort(self, queryset, name, value):
        return queryset

    @property
    def qs(self):
        queryset = super().qs
        if any(
            self.form.cleaned_data.get(name) for name in ("action_line", "sdg", "country", "region")
        ):
            queryset = queryset.distinct()
        text = self.form.cleaned_data.get("q") or ""
        sort = self.form.cleaned_data.get("sort") or ("relevance" if text else "newest")
        if text:
            queryset = selectors.entries_search(queryset, text)
        ordering = SORTS.get(sort, SORTS["newest"])[1]
        if ordering is None and not text:
            ordering = SORTS["newest"][1]
        if ordering is not None:
            queryset = queryset.order_by(*ordering)
        return queryset


# The parameters that decide which entries a result holds (not how they are sorted).
RESULT_FILTERS = frozenset(EntryFilter.base_filters) - {"sort"}


def without_invalid(data, form: forms.Form):
    """The query parameters minus those the form refused (to still show a useful result)."""
    cleaned = data.copy()
    for name in form.errors:
        cleaned.pop(name, None)
    return cleaned
