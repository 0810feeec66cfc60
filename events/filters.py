"""FilterSets shared by the pages and the API."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from events.enums import SessionType
from events.models import Event, OutcomeDocument, Session
from events.selectors import outcomes_search
from wsis.models import ActionLine, Organisation

# The 17 goals are fixed; a choice list (not a query) also refuses out-of-range numbers cleanly.
SDG_CHOICES = [(number, _("SDG %(number)d") % {"number": number}) for number in range(1, 18)]


class SessionFilter(django_filters.FilterSet):
    session_type = django_filters.ChoiceFilter(label=_("Session type"), choices=SessionType.choices)
    action_line = django_filters.ModelChoiceFilter(
        label=_("Action Line"),
        field_name="action_lines",
        to_field_name="code",
        queryset=ActionLine.objects.all(),
    )
    sdg = django_filters.TypedChoiceFilter(
        label=_("SDG"), field_name="sdgs__number", choices=SDG_CHOICES, coerce=int
    )
    organiser = django_filters.ModelChoiceFilter(
        label=_("Organiser"),
        field_name="organisers",
        to_field_name="slug",
        queryset=Organisation.objects.filter(organised_sessions__isnull=False).distinct(),
    )

    class Meta:
        model = Session
        fields = ("session_type", "action_line", "sdg", "organiser")


class OutcomeFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_search")
    event = django_filters.ModelChoiceFilter(
        label=_("Event"),
        field_name="session__event",
        to_field_name="slug",
        queryset=Event.objects.filter(sessions__isnull=False).distinct(),
    )
    session_type = django_filters.ChoiceFilter(
        label=_("Session type"), field_name="session__session_type", choices=SessionType.choices
    )
    action_line = django_filters.ModelChoiceFilter(
        label=_("Action Line"),
        field_name="session__action_lines",
        to_field_name="code",
        queryset=ActionLine.objects.all(),
    )
    sdg = django_filters.TypedChoiceFilter(
        label=_("SDG"), field_name="session__sdgs__number", choices=SDG_CHOICES, coerce=int
    )
    organiser = django_filters.ModelChoiceFilter(
        label=_("Organiser"),
        field_name="session__organisers",
        to_field_name="slug",
        queryset=Organisation.objects.filter(organised_sessions__isnull=False).distinct(),
    )
    country = django_filters.CharFilter(
        label=_("Organiser's country"), method="filter_country", max_length=2
    )
    year = django_filters.NumberFilter(
        label=_("Year"), field_name="session__starts_at__year", min_value=1990, max_value=2100
    )

    class Meta:
        model = OutcomeDocument
        fields = (
            "q",
            "event",
            "session_type",
            "action_line",
            "sdg",
            "organiser",
            "country",
            "year",
        )

    def filter_search(self, queryset, name, value):
        return outcomes_search(queryset, value)

    def filter_country(self, queryset, name, value):
        ids = OutcomeDocument.objects.filter(Q(session__organisers__country=value.upper())).values(
            "pk"
        )
        return queryset.filter(pk__in=ids)
