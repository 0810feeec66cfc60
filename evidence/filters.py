"""FilterSets of the evidence API (the public lists of citations, links, Questions and thematic
repositories)."""

import django_filters
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from evidence.enums import PROPOSAL_PUBLIC_STATES
from evidence.models import (
    EntrySessionLink,
    OutcomeClauseLink,
    OutcomeEntryLink,
    RepositoryProposal,
    StudyGroupQuestion,
    ThematicRepository,
)
from evidence.selectors import ENTRY_PUBLIC, study_periods
from roadmaps.enums import CitationKind
from roadmaps.models import ClauseCitation
from wsis.caching.reference import reference_lists


def _set_choices(filterset, name: str, choices: list[tuple[str, str]]) -> None:
    """Choices read when the filter set is made (the schema lists them as the accepted values)."""
    filterset.filters[name].extra["choices"] = choices
    # A form field built before (e.g. by the schema generator) would keep empty choices.
    filterset.filters[name].__dict__.pop("_field", None)


def _action_line_codes() -> list[tuple[str, str]]:
    return [(line.code, str(line)) for line in reference_lists().action_lines]


# A database id: anything larger is no row, and would overflow the column's type.
ID = {"min_value": 1, "max_value": 2**31 - 1}


class QuestionFilter(django_filters.FilterSet):
    study_period = django_filters.ChoiceFilter(label=_("Study period"), choices=())
    study_group = django_filters.TypedChoiceFilter(
        label=_("Study group"), choices=[(1, "1"), (2, "2")], coerce=int
    )

    class Meta:
        model = StudyGroupQuestion
        fields = ("study_period", "study_group")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _set_choices(self, "study_period", [(p, p) for p in study_periods()])


class CitationFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=CitationKind.choices)
    entry = django_filters.NumberFilter(field_name="entry_id", **ID)
    outcome = django_filters.NumberFilter(field_name="outcome_id", **ID)
    session = django_filters.NumberFilter(field_name="session_id", **ID)
    action_line = django_filters.ChoiceFilter(
        field_name="clause__version__roadmap__action_line__code",
        choices=(),
        help_text="Action Line code, e.g. C5.",
    )

    class Meta:
        model = ClauseCitation
        fields = ("kind", "entry", "outcome", "session", "action_line")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _set_choices(self, "action_line", _action_line_codes())


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
    action_line = django_filters.ChoiceFilter(
        field_name="clause__version__roadmap__action_line__code", choices=()
    )

    class Meta:
        model = OutcomeClauseLink
        fields = ("outcome", "clause", "action_line")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _set_choices(self, "action_line", _action_line_codes())


def _holding(**entry_condition):
    """Repositories holding an accepted, public entry that meets `entry_condition`."""
    return Exists(
        RepositoryProposal.objects.filter(
            repository=OuterRef("pk"),
            status__in=PROPOSAL_PUBLIC_STATES,
            **{f"entry__{key}": value for key, value in ENTRY_PUBLIC.items()},
            **{f"entry__{key}": value for key, value in entry_condition.items()},
        )
    )


class RepositoryFilter(django_filters.FilterSet):
    entry = django_filters.NumberFilter(
        method="filter_entry", help_text="Repositories holding this stocktaking entry (id).", **ID
    )
    organisation = django_filters.NumberFilter(
        method="filter_organisation",
        help_text="Repositories holding an entry of this organisation (id).",
        **ID,
    )

    class Meta:
        model = ThematicRepository
        fields = ("entry", "organisation")

    def filter_entry(self, queryset, name, value):
        return queryset.filter(_holding(pk=value))

    def filter_organisation(self, queryset, name, value):
        return queryset.filter(_holding(organisation_id=value))
