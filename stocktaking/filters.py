"""The filters of the public database, shared by the list page, its exports and the API."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries.fields import Country
from drf_spectacular.utils import extend_schema_field

from stocktaking import selectors
from stocktaking.enums import ActivityStatus, EntryKind
from wsis.models import ActionLine, ItuRegion, StakeholderType
from wsis.selectors import reference_lists


@extend_schema_field({"type": "array", "items": {"type": "string"}})
class CodeMultipleChoiceFilter(django_filters.ModelMultipleChoiceFilter):
    """Reference rows chosen by their code or slug in the URL (`?action_line=c2&region=africa`)."""


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
    action_line = CodeMultipleChoiceFilter(
        label=_("Action Line"),
        field_name="action_lines__slug",
        to_field_name="slug",
        queryset=ActionLine.objects.order_by("position"),
    )
    # Choices rather than a model field: an absurd number in the URL is simply not a choice
    # (a model field would send it to the database, which may not hold such an integer).
    sdg = django_filters.MultipleChoiceFilter(label=_("SDG"), field_name="sdgs__number", choices=())
    country = django_filters.MultipleChoiceFilter(
        label=_("Country"), field_name="countries__country", choices=()
    )
    region = CodeMultipleChoiceFilter(
        label=_("ITU region"),
        field_name="regions__code",
        to_field_name="code",
        queryset=ItuRegion.objects.all(),
    )
    stakeholder_type = CodeMultipleChoiceFilter(
        label=_("Stakeholder type"),
        field_name="organisation__stakeholder_type__code",
        to_field_name="code",
        queryset=StakeholderType.objects.all(),
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
        country = self.filters["country"]
        country.extra["choices"] = [(code, Country(code).name) for code in reference.country_codes]
        sdg = self.filters["sdg"]
        sdg.extra["choices"] = [(str(row.number), str(row)) for row in reference.sdgs]
        # A form field built before (e.g. by the schema generator) would keep empty choices.
        country.__dict__.pop("_field", None)
        sdg.__dict__.pop("_field", None)

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


def without_invalid(data, form: forms.Form):
    """The query parameters minus those the form refused (to still show a useful result)."""
    cleaned = data.copy()
    for name in form.errors:
        cleaned.pop(name, None)
    return cleaned
