"""Reads of the shared core."""

from django.db.models import QuerySet

from wsis.models import ActionLine, CountryRegion, Membership, Organisation, User


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
