"""FilterSets shared by the pages and the API."""

import datetime as dt
import hashlib

import django_filters
from django.db.models import Q
from django.utils.formats import date_format
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from events.caching import outcome_filter_choices
from events.enums import CommitmentStatus, SessionType
from events.models import Commitment, OutcomeDocument, Session
from events.selectors import event_days_and_rooms, outcomes_search
from wsis.caching.reference import reference_lists
from wsis.models import ActionLine, Organisation
from wsis.search import result_key


def _action_line_codes_upper(data):
    """Action Line codes as printed ("C5"), in any case ("c5"): the filters hold them upper-case."""
    if data and "action_line" in data and hasattr(data, "getlist"):
        data = data.copy()
        data.setlist("action_line", [value.upper() for value in data.getlist("action_line")])
    return data


def _sdg_label(number: int) -> str:
    return gettext("SDG %(number)d") % {"number": number}


# The 17 goals are fixed; a choice list (not a query) also refuses out-of-range numbers cleanly.
# Lazy labels: translated in each visitor's language when drawn, not once at import.
SDG_CHOICES = [(number, lazy(_sdg_label, str)(number)) for number in range(1, 18)]
# A TypedChoiceField (unlike django-filter's ChoiceField) adds no empty option of its own: without
# this one the form's <select> always sent `sdg=1`.
SDG_FORM_CHOICES = [("", _("Any SDG")), *SDG_CHOICES]


def _gdc_choices() -> list[tuple[int | str, str]]:
    """The GDC objectives from the cached reference lists (no query), after an empty option as
    the SDGs' (else the form's <select> would always send `gdc=1`)."""
    return [
        ("", _("Any GDC objective")),
        *((goal.number, str(goal)) for goal in reference_lists().gdc_objectives),
    ]


class SessionFilter(django_filters.FilterSet):
    session_type = django_filters.ChoiceFilter(label=_("Session type"), choices=SessionType.choices)
    action_line = django_filters.ModelChoiceFilter(
        label=_("Action Line"),
        field_name="action_lines",
        to_field_name="code",
        queryset=ActionLine.objects.all(),
    )
    sdg = django_filters.TypedChoiceFilter(
        label=_("SDG"), field_name="sdgs__number", choices=SDG_FORM_CHOICES, coerce=int
    )
    gdc = django_filters.TypedChoiceFilter(
        label=_("Global Digital Compact objective"),
        field_name="gdc_objectives__number",
        choices=(),
        coerce=int,
    )
    organiser = django_filters.ModelChoiceFilter(
        label=_("Organiser"),
        field_name="organisers",
        to_field_name="slug",
        queryset=Organisation.objects.filter(organised_sessions__isnull=False).distinct(),
    )

    class Meta:
        model = Session
        fields = ("session_type", "action_line", "sdg", "gdc", "organiser")

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(_action_line_codes_upper(data), *args, **kwargs)
        self.filters["gdc"].extra["choices"] = _gdc_choices()
        self.filters["gdc"].__dict__.pop("_field", None)


class AgendaFilter(SessionFilter):
    """The agenda page's filters: the API's, and the event's days and rooms (their choices come
    from the event, one query)."""

    day = django_filters.ChoiceFilter(label=_("Day"), choices=(), method="filter_day")
    room = django_filters.ChoiceFilter(label=_("Room"), field_name="room", choices=())
    # The Action Lines from the cached reference lists (no query; the API's filter reads them).
    action_line = django_filters.ChoiceFilter(
        label=_("Action Line"), field_name="action_lines__code", choices=()
    )

    class Meta:
        model = Session
        fields = ("day", "room", "session_type", "action_line", "sdg", "organiser")

    def __init__(self, data=None, *args, event, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.event = event
        days, rooms = event_days_and_rooms(event)
        self.filters["day"].extra["choices"] = [
            (day.isoformat(), date_format(day, "DATE_FORMAT")) for day in days
        ]
        self.filters["room"].extra["choices"] = [(room, room) for room in rooms]
        self.filters["action_line"].extra["choices"] = [
            (line.code, str(line)) for line in reference_lists().action_lines
        ]

    def filter_day(self, queryset, name, value):
        day = dt.date.fromisoformat(value)
        start = dt.datetime.combine(day, dt.time(), tzinfo=self.event.zone)
        return queryset.filter(starts_at__gte=start, starts_at__lt=start + dt.timedelta(days=1))


class OutcomeFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_search")
    # Choices (from the cached lists of `outcome_filter_choices` and the reference lists) rather
    # than model fields: the page builds and validates them without a query.
    event = django_filters.ChoiceFilter(
        label=_("Event"), field_name="session__event__slug", choices=()
    )
    session_type = django_filters.ChoiceFilter(
        label=_("Session type"), field_name="session__session_type", choices=SessionType.choices
    )
    action_line = django_filters.ChoiceFilter(
        label=_("Action Line"), field_name="session__action_lines__code", choices=()
    )
    sdg = django_filters.TypedChoiceFilter(
        label=_("SDG"), field_name="session__sdgs__number", choices=SDG_FORM_CHOICES, coerce=int
    )
    gdc = django_filters.TypedChoiceFilter(
        label=_("Global Digital Compact objective"),
        field_name="gdc_objectives__number",
        method="filter_gdc",
        choices=(),
        coerce=int,
    )
    organiser = django_filters.ChoiceFilter(
        label=_("Organiser"), field_name="session__organisers__slug", choices=()
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
            "gdc",
            "organiser",
            "country",
            "year",
        )

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(_action_line_codes_upper(data), *args, **kwargs)
        listed = outcome_filter_choices()
        choices = {
            "event": listed.events,
            "organiser": listed.organisers,
            "action_line": [(row.code, str(row)) for row in reference_lists().action_lines],
            "gdc": _gdc_choices(),
        }
        for name, values in choices.items():
            self.filters[name].extra["choices"] = values
            # A form field built before (e.g. by the schema generator) would keep empty choices.
            self.filters[name].__dict__.pop("_field", None)

    def filter_search(self, queryset, name, value):
        return outcomes_search(queryset, value)

    def filter_gdc(self, queryset, name, value):
        """Outcome documents tagged with the objective, or whose session is."""
        ids = OutcomeDocument.objects.filter(
            Q(gdc_objectives__number=value) | Q(session__gdc_objectives__number=value)
        ).values("pk")
        return queryset.filter(pk__in=ids)

    def filter_country(self, queryset, name, value):
        ids = OutcomeDocument.objects.filter(Q(session__organisers__country=value.upper())).values(
            "pk"
        )
        return queryset.filter(pk__in=ids)


# The parameters that decide which outcome documents a result holds (not the page, nor unknown
# parameters): what its cached count is keyed by.
OUTCOME_RESULT_FILTERS = frozenset(OutcomeFilter.base_filters)


def outcome_result_key(params) -> str:
    """The name of the result of these query parameters (see `wsis.search.result_key`)."""
    return result_key(params, OUTCOME_RESULT_FILTERS)


def outcome_form_digest(params) -> str:
    """Names the outcome filter form as these query parameters render it (the page caches that
    HTML, see `events.caching.outcome_form_key`: its 500 organisers took most of the page's
    rendering): every raw value of its fields, refused ones too (their messages show)."""
    parts = [
        (name, params.getlist(name)) for name in sorted(params) if name in OUTCOME_RESULT_FILTERS
    ]
    digest = hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()
    return digest


class CommitmentFilter(django_filters.FilterSet):
    """The public commitments list and `/api/v1/commitments/`: by Forum, the session's Action
    Line, SDG or GDC objective (as the hubs gather them) and status, validated without a query
    (the choices are the outcome list's cached ones and the reference lists)."""

    event = django_filters.ChoiceFilter(
        label=_("Forum"), field_name="outcome__session__event__slug", choices=()
    )
    action_line = django_filters.ChoiceFilter(
        label=_("Action Line"), field_name="outcome__session__action_lines__code", choices=()
    )
    sdg = django_filters.TypedChoiceFilter(
        label=_("SDG"),
        field_name="outcome__session__sdgs__number",
        choices=SDG_FORM_CHOICES,
        coerce=int,
    )
    gdc = django_filters.TypedChoiceFilter(
        label=_("Global Digital Compact objective"),
        field_name="outcome__gdc_objectives__number",
        method="filter_gdc",
        choices=(),
        coerce=int,
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=CommitmentStatus.choices)

    class Meta:
        model = Commitment
        fields = ("event", "action_line", "sdg", "gdc", "status")

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(_action_line_codes_upper(data), *args, **kwargs)
        choices = {
            "event": outcome_filter_choices().events,
            "action_line": [(row.code, str(row)) for row in reference_lists().action_lines],
            "gdc": _gdc_choices(),
        }
        for name, values in choices.items():
            self.filters[name].extra["choices"] = values
            self.filters[name].__dict__.pop("_field", None)

    def filter_gdc(self, queryset, name, value):
        """Commitments of outcome documents tagged with the objective, or whose session is (the
        outcome list's and the GDC hub's rule)."""
        ids = Commitment.objects.filter(
            Q(outcome__gdc_objectives__number=value)
            | Q(outcome__session__gdc_objectives__number=value)
        ).values("pk")
        return queryset.filter(pk__in=ids)
