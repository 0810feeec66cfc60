"""FilterSets of the evidence API (the public lists of citations, links and Questions)."""

import django_filters
from django.utils.translation import gettext_lazy as _

from evidence.models import (
    EntrySessionLink,
    OutcomeClauseLink,
    OutcomeEntryLink,
    StudyGroupQuestion,
)
from roadmaps.enums import CitationKind
from roadmaps.models import ClauseCitation

# A database id: anything larger is no row, and would overflow the column's type.
ID = {"min_value": 1, "max_value": 2**31 - 1}


class QuestionFilter(django_filters.FilterSet):
    study_period = django_filters.CharFilter(
        label=_("Study period"), max_length=9, help_text="Years as 2022-2025."
    )
    study_group = django_filters.TypedChoiceFilter(
        label=_("Study group"), choices=[(1, "1"), (2, "2")], coerce=int
    )

    class Meta:
        model = StudyGroupQuestion
        fields = ("study_period", "study_group")


class CitationFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=CitationKind.choices)
    entry = django_filters.NumberFilter(field_name="entry_id", **ID)
    outcome = django_filters.NumberFilter(field_name="outcome_id", **ID)
    session = django_filters.NumberFilter(field_name="session_id", **ID)
    action_line = django_filters.CharFilter(
        field_name="clause__version__roadmap__action_line__code",
        lookup_expr="iexact",
        max_length=10,
        help_text="Action Line code, e.g. C5.",
    )

    class Meta:
        model = ClauseCitation
        fields = ("kind", "entry", "outcome", "session", "action_line")


class EntrySessionLinkFilter(django_filters.FilterSet):
    entry = django_filters.NumberFilter(field_name="entry_id", **ID)
    session = django_filters.NumberFilter(field_name="session_id", **ID)

    class Meta:
        model = EntrySessionLink
        fields = ("entry", "session")


class OutcomeEntryLinkFilter(django_filters.FilterSet):
    outcome = django_filters.NumberFilter(field_name="outcome_id", **ID)
    entry = django_filters.NumberFilter(field_name="entry_id", **ID)

    class Meta:
        model = OutcomeEntryLink
        fields = ("outcome", "entry")


class OutcomeClauseLinkFilter(django_filters.FilterSet):
    outcome = django_filters.NumberFilter(field_name="outcome_id", **ID)
    clause = django_filters.NumberFilter(field_name="clause_id", **ID)
    action_line = django_filters.CharFilter(
        field_name="clause__version__roadmap__action_line__code",
        lookup_expr="iexact",
        max_length=10,
    )

    class Meta:
        model = OutcomeClauseLink
        fields = ("outcome", "clause", "action_line")
