"""The filters of the public database, shared by the list page, its exports and the API."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from stocktaking import selectors
from stocktaking.enums import ActivityStatus, EntryKind
from wsis.caching.reference import country_choices, reference_lists
from wsis.forms import SharedChoicesMixin
from wsis.search import result_key

SORTS = {
    "relevance": (_("Relevance"), None),
    "newest": (_("Newest first"), ("-approved_at", "-id")),
    "oldest": (_("Oldest first"), ("approved_at", "id")),
    "title": (_("Title A–Z"), ("title", "id")),
    "start": (_("Start date, latest first"), ("-start_date", "-id")),
}


class ReferenceChoicesField(SharedChoicesMixin, django_filters.fields.MultipleChoiceField):
    pass


class ReferenceChoicesFilter(django_filters.MultipleChoiceFilter):
    """Alternatives among reference rows, whose choices every request's form shares."""

    field_class = ReferenceChoicesField


class EntryFilter(django_filters.FilterSet):
    """Combinable filters; values within one filter are alternatives (OR), filters combine (AND)."""

    q = django_filters.CharFilter(label=_("Search"), method="filter_search", max_length=200)
    # Choices (from the cached reference lists) rather than model fields: validating a value costs
    # no query, and an absurd value in the URL is simply not a choice.
    # The many-to-many filters select by a semi-join (see `filter_related`).
    action_line = ReferenceChoicesFilter(
        label=_("Action Line"),
        field_name="action_lines__slug",
        choices=(),
        method="filter_related",
    )
    # An absurd number is not a choice either (a model field would send it to the database,
    # which may not hold such an integer).
    sdg = ReferenceChoicesFilter(
        label=_("SDG"), field_name="sdgs__number", choices=(), method="filter_related"
    )
    gdc = ReferenceChoicesFilter(
        label=_("GDC objective"),
        field_name="gdc_objectives__number",
        choices=(),
        method="filter_related",
    )
    country = ReferenceChoicesFilter(
        label=_("Country"), field_name="countries__country", choices=(), method="filter_related"
    )
    region = ReferenceChoicesFilter(
        label=_("ITU region"), field_name="regions__code", choices=(), method="filter_related"
    )
    # A many-to-one path and a column: one row per entry, so no DISTINCT (django-filter's
    # MultipleChoiceFilter adds one by default, which sorted whole rows).
    stakeholder_type = ReferenceChoicesFilter(
        label=_("Stakeholder type"),
        field_name="organisation__stakeholder_type__code",
        choices=(),
        distinct=False,
    )
    # An organisation's entries (its name in a list is a link here); by slug, no query to check.
    organisation = django_filters.CharFilter(
        label=_("Organisation"), field_name="organisation__slug", max_length=120
    )
    kind = django_filters.MultipleChoiceFilter(
        label=_("Kind"), choices=EntryKind.choices, distinct=False
    )
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
            "gdc": [(str(row.number), str(row)) for row in reference.gdc_objectives],
            "action_line": [(row.slug, str(row)) for row in reference.action_lines],
            "region": [(row.code, row.name) for row in reference.regions],
            "stakeholder_type": [(row.code, row.name) for row in reference.stakeholder_types],
        }
        # Relation → {a choice's value: the id of its row}, for `filter_related`.
        self.reference_ids = {
            "action_lines": {row.slug: row.pk for row in reference.action_lines},
            "sdgs": {str(row.number): row.pk for row in reference.sdgs},
            "gdc_objectives": {str(row.number): row.pk for row in reference.gdc_objectives},
            "regions": {row.code: row.pk for row in reference.regions},
        }
        # Codes as printed (the API shows "C5", "C7.1", "KE") or as in the URLs ("c5", "c7-1",
        # "ke"), in any case: each names its choice.
        aliases = {
            "action_line": {
                **{row.code.casefold(): row.slug for row in reference.action_lines},
                **{row.slug.casefold(): row.slug for row in reference.action_lines},
            },
            "country": {code.casefold(): code for code, _name in choices["country"]},
            "region": {row.code.casefold(): row.code for row in reference.regions},
            "stakeholder_type": {
                row.code.casefold(): row.code for row in reference.stakeholder_types
            },
        }
        if self.data and any(name in self.data for name in aliases):
            data = self.data.copy()
            for name, known in aliases.items():
                if name in data:
                    data.setlist(
                        name, [known.get(value.casefold(), value) for value in data.getlist(name)]
                    )
            self.data = data
        for name, values in choices.items():
            self.filters[name].extra["choices"] = values
            # A form field built before (e.g. by the schema generator) would keep empty choices.
            self.filters[name].__dict__.pop("_field", None)

    def filter_related(self, queryset, name, value):
        """Entries related to any of the values through the many-to-many relation that `name`
        starts with ("action_lines__slug"), by a semi-join (`selectors.entries_related`). Action
        Lines, SDGs and regions are named by their ids (from the cached reference lists), which
        lets the planner estimate how many entries match and, for common values, walk the sort
        index instead of fetching every match; countries are selective, so they join by code."""
        relation, _sep, lookup = name.partition("__")
        target = selectors.Entry._meta.get_field(relation).m2m_reverse_field_name()
        ids = self.reference_ids.get(relation)
        if ids is not None:
            condition = {f"{target}_id__in": sorted({ids[code] for code in value})}
        else:
            condition = {f"{target}__{lookup}__in": value}
        return selectors.entries_related(queryset, relation, **condition)

    def filter_search(self, queryset, name, value):
        # Searching happens in `qs` so that sorting can follow the ranking.
        return queryset

    def filter_sort(self, queryset, name, value):
        return queryset

    @property
    def qs(self):
        queryset = super().qs
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


def entries_result_key(params) -> str:
    """A stable text naming the result of these query parameters (a QueryDict): only the filters
    count (sort, page and unknown parameters do not change which entries a result holds), and
    repeated values in any order. Two different filter combinations never share a key; the same
    one always does, so its counts can be cached."""
    return result_key(params, RESULT_FILTERS)


def without_invalid(data, form: forms.Form):
    """The query parameters minus those the form refused (to still show a useful result)."""
    cleaned = data.copy()
    for name in form.errors:
        cleaned.pop(name, None)
    return cleaned
