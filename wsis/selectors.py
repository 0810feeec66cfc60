"""Reads of the shared core."""

import unicodedata
from dataclasses import dataclass

from django.db import connection
from django.db.models import QuerySet

from wsis.models import (
    ActionLine,
    CountryRegion,
    GdcObjective,
    ItuRegion,
    Membership,
    Organisation,
    Sdg,
    StakeholderType,
    User,
)


def action_lines_all() -> QuerySet[ActionLine]:
    return ActionLine.objects.order_by("position")


def countries_with_regions() -> QuerySet[CountryRegion]:
    return CountryRegion.objects.select_related("region").order_by("country")


def organisations_of_user(user: User) -> QuerySet[Organisation]:
    return (
        Organisation.objects.filter(memberships__user=user)
        .select_related("stakeholder_type")
        .order_by("name")
    )


def memberships_of_user(user: User) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(user=user)
        .select_related("organisation__stakeholder_type")
        .order_by("organisation__name")
    )


def members_of_organisation(organisation: Organisation) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(organisation=organisation)
        .select_related("user")
        .order_by("-is_contact", "user__email")
    )


@dataclass(frozen=True)
class ReferenceLists:
    """The reference rows every public list shows or filters by (a few hundred rows at most)."""

    action_lines: list[ActionLine]
    sdgs: list[Sdg]
    gdc_objectives: list[GdcObjective]
    regions: list[ItuRegion]
    stakeholder_types: list[StakeholderType]
    country_codes: list[str]
    # The member states with their ITU regions: the choices of the entry form's countries.
    countries: list[CountryRegion]


def reference_lists_read() -> ReferenceLists:
    """The reference lists, read from the database (see `wsis.caching.reference` for the copy
    every public page shares)."""
    countries = list(CountryRegion.objects.select_related("region").order_by("country"))
    return ReferenceLists(
        action_lines=list(ActionLine.objects.order_by("position")),
        sdgs=list(Sdg.objects.order_by("number")),
        gdc_objectives=list(GdcObjective.objects.order_by("number")),
        regions=list(ItuRegion.objects.all()),
        stakeholder_types=list(StakeholderType.objects.all()),
        country_codes=[row.country.code for row in countries],
        countries=countries,
    )


def reference_relations_fetch(instances: list, reference: ReferenceLists, names: tuple) -> None:
    """Fills the many-to-many relations `names` of `instances` (all of one model), each to a
    reference model (Action Lines, SDGs, GDC objectives, ITU regions, countries), as
    `prefetch_related` would, in one query: the pairs of their through tables (UNION ALL),
    matched to the reference rows the caller passes (cached per "core" generation), in the
    reference lists' order. Prefetching reads each relation's rows again: a query per relation
    (five for an entry), and the same rows for every entry."""
    if not instances:
        return
    model = type(instances[0])
    rows_of = {
        ActionLine: reference.action_lines,
        Sdg: reference.sdgs,
        GdcObjective: reference.gdc_objectives,
        ItuRegion: reference.regions,
        StakeholderType: reference.stakeholder_types,
        CountryRegion: reference.countries,
    }
    quote = connection.ops.quote_name
    ids = [instance.pk for instance in instances]
    marks = ", ".join(["%s"] * len(ids))
    parts, params, fields = [], [], []
    for index, name in enumerate(names):
        field = model._meta.get_field(name)
        table = quote(field.remote_field.through._meta.db_table)
        source, target = quote(field.m2m_column_name()), quote(field.m2m_reverse_name())
        parts.append(
            f"SELECT {index}, {source}, {target} FROM {table} "  # noqa: S608 - names, not values
            f"WHERE {source} IN ({marks})"
        )
        params += ids
        fields.append(field)
    chosen: dict[tuple[int, int], set[int]] = {}
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        for index, source_id, target_id in cursor.fetchall():
            chosen.setdefault((index, source_id), set()).add(target_id)
    for index, field in enumerate(fields):
        rows = rows_of[field.related_model]
        for instance in instances:
            keys = chosen.get((index, instance.pk), ())
            related = getattr(instance, field.name).all()
            related._result_cache = [row for row in rows if row.pk in keys]
            related._prefetch_done = True
            if not hasattr(instance, "_prefetched_objects_cache"):
                instance._prefetched_objects_cache = {}
            instance._prefetched_objects_cache[field.name] = related


def country_sort_key(name: str) -> str:
    """A name as sorted in a list people scan: without accents, case-folded."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


class HandWrittenRead:
    """Model instances read by one hand-written SELECT, converted as the ORM converts them (each
    backend's converters, then `Model.from_db`), for the few reads on a hot path whose ORM query
    costs more to compose than the database takes to answer (votes: 300 a second).

    `parts` are (model, field names, table alias); `select` is the column list for them, in
    order, and `instances(row)` turns one fetched row back into one instance per part (fields
    not named are deferred)."""

    def __init__(self, *parts: tuple[type, tuple[str, ...], str]):
        # In the model's field order, as `from_db` expects the values of a partial row.
        self.parts = [
            (model, [f for f in model._meta.concrete_fields if f.name in names], alias)
            for model, names, alias in parts
        ]
        for (model, names, _alias), (_model, fields, _same) in zip(parts, self.parts, strict=True):
            if len(fields) != len(set(names)):
                raise ValueError(f"{model.__name__} has no stored field among some of {names}.")

    def select(self) -> str:
        quote = connection.ops.quote_name
        return ", ".join(
            f"{quote(alias)}.{quote(field.column)}"
            for _model, fields, alias in self.parts
            for field in fields
        )

    def instances(self, row) -> list:
        values = iter(row)
        made = []
        for model, fields, alias in self.parts:
            converted = []
            for field in fields:
                value = next(values)
                column = field.get_col(alias)
                for convert in (
                    *connection.ops.get_db_converters(column),
                    *column.get_db_converters(connection),
                ):
                    value = convert(value, column, connection)
                converted.append(value)
            made.append(model.from_db(connection.alias, [f.attname for f in fields], converted))
        return made


def organisation_names(slugs: list[str]) -> dict[str, str]:
    """{slug: name} of the organisations with these slugs (one query; none without slugs)."""
    if not slugs:
        return {}
    return dict(Organisation.objects.filter(slug__in=slugs).values_list("slug", "name"))
