"""Reads of the shared core."""

import time
from dataclasses import dataclass

from django.core.cache import cache
from django.db import connection
from django.db.models import QuerySet
from django.utils.translation import get_language
from django_countries.fields import Country

from wsis.caching import public_cache_generations
from wsis.collation import collated
from wsis.models import (
    ActionLine,
    CountryRegion,
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
    regions: list[ItuRegion]
    stakeholder_types: list[StakeholderType]
    country_codes: list[str]


def reference_lists() -> ReferenceLists:
    """The reference lists, read from the database once per "core" generation and then from the
    cache (names of countries are translated by the caller, so only their codes are kept)."""
    key = f"reference-lists:{public_cache_generations(['core'])}"
    memo = _reference_memo.get(key)
    lists = memo[1] if memo and memo[0] > time.monotonic() else None
    if lists is None:
        lists = cache.get(key)
    if lists is None:
        lists = ReferenceLists(
            action_lines=list(ActionLine.objects.order_by("position")),
            sdgs=list(Sdg.objects.order_by("number")),
            regions=list(ItuRegion.objects.all()),
            stakeholder_types=list(StakeholderType.objects.all()),
            country_codes=[row.country.code for row in CountryRegion.objects.order_by("country")],
        )
        cache.set(key, lists, timeout=None)
    # Kept in the process too for a minute (only the current generation's), so that the several
    # readers of a request unpickle them once; the minute bounds what a process could keep
    # should the cache lose its generations (a restart counts them from 1 again).
    if memo is None or memo[1] is not lists:
        _reference_memo.clear()
        _reference_memo[key] = (time.monotonic() + REFERENCE_MEMO_SECONDS, lists)
    return lists


REFERENCE_MEMO_SECONDS = 60
_reference_memo: dict[str, tuple[float, ReferenceLists]] = {}


def reference_memo_clear() -> None:
    """Forgets the lists kept in this process (tests empty the cache between them)."""
    _reference_memo.clear()


_country_choices_memo: dict[tuple, list[tuple[str, str]]] = {}


def country_choices() -> list[tuple[str, str]]:
    """(code, name in the active language) of the member states, sorted as that language sorts
    (wsis/collation.py); named once per process, language and list of countries."""
    codes = tuple(reference_lists().country_codes)
    memo_key = (codes, get_language())
    choices = _country_choices_memo.get(memo_key)
    if choices is None:
        choices = collated(
            [(code, Country(code).name) for code in codes], name=lambda choice: choice[1]
        )
        if len(_country_choices_memo) > 20:
            _country_choices_memo.clear()
        _country_choices_memo[memo_key] = choices
    return choices


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
