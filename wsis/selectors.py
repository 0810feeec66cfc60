"""Reads of the shared core."""

from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import QuerySet

from wsis.caching import public_cache_generations
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
    return lists
