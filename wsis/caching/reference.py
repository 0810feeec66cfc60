"""The core's own caching: the reference lists every public page shows or filters by, kept once
per "core" generation, and what moves that generation on (saving or deleting reference data or
an organisation, which every public page may show: it bumps every namespace)."""

from __future__ import annotations

import time

from django.core.cache import cache
from django.utils.translation import get_language
from django_countries.fields import Country

from wsis.caching.generations import (
    PUBLIC_NAMESPACES,
    public_cache_bump_on_save,
    public_cache_generations,
)
from wsis.collation import collated
from wsis.enums import CacheNamespace
from wsis.models import (
    ActionLine,
    CountryRegion,
    GdcObjective,
    ItuRegion,
    Organisation,
    Sdg,
    StakeholderType,
)
from wsis.selectors import ReferenceLists, country_sort_key, reference_lists_read

for _model in (
    ActionLine,
    Sdg,
    GdcObjective,
    StakeholderType,
    ItuRegion,
    CountryRegion,
    Organisation,
):
    public_cache_bump_on_save(_model, *PUBLIC_NAMESPACES)

# The reference lists are also kept in the process for a minute (only the current generation's),
# so that the several readers of a request unpickle them once; the minute bounds what a process
# could keep should the cache lose its generations (a restart counts them from 1 again).
REFERENCE_MEMO_SECONDS = 60
_reference_memo: dict[str, tuple[float, ReferenceLists]] = {}


def reference_lists() -> ReferenceLists:
    """The reference lists, read from the database once per "core" generation and then from the
    cache (names of countries are translated by the caller, so only their codes are kept)."""
    # The "3": the lists gained the countries' rows; a copy of an older shape is never read.
    key = f"reference-lists-3:{public_cache_generations([CacheNamespace.CORE])}"
    memo = _reference_memo.get(key)
    lists = memo[1] if memo and memo[0] > time.monotonic() else None
    if lists is None:
        lists = cache.get(key)
    if lists is None:
        lists = reference_lists_read()
        cache.set(key, lists, timeout=None)
    if memo is None or memo[1] is not lists:
        _reference_memo.clear()
        _reference_memo[key] = (time.monotonic() + REFERENCE_MEMO_SECONDS, lists)
    return lists


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


def reference_rows(model: type) -> list:
    """The cached rows of one reference model (ActionLine, Sdg, GdcObjective, ItuRegion,
    StakeholderType, CountryRegion), in their lists' order: the choices of the forms' reference
    fields (`wsis.forms.ReferenceChoiceField`)."""
    lists = reference_lists()
    rows = {
        ActionLine: lists.action_lines,
        Sdg: lists.sdgs,
        GdcObjective: lists.gdc_objectives,
        ItuRegion: lists.regions,
        StakeholderType: lists.stakeholder_types,
        CountryRegion: lists.countries,
    }
    return rows[model]


_country_form_choices_memo: dict[tuple, list[tuple[int, str]]] = {}


def country_form_choices() -> list[tuple[int, str]]:
    """(row id, name in the active language) of the member states, as the entry form offers
    them: sorted without accents and case (`country_sort_key`), named once per process,
    language and list of countries."""
    rows = reference_lists().countries
    memo_key = (tuple(row.pk for row in rows), get_language())
    choices = _country_form_choices_memo.get(memo_key)
    if choices is None:
        choices = sorted(
            ((row.pk, row.country.name) for row in rows),
            key=lambda choice: country_sort_key(str(choice[1])),
        )
        if len(_country_form_choices_memo) > 20:
            _country_form_choices_memo.clear()
        _country_form_choices_memo[memo_key] = choices
    return choices
