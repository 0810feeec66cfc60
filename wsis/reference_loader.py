"""Loads the reference lists and role groups. Used by the data migrations, and by the test suite
after a transactional test has emptied the database."""

from django.db import transaction

from wsis import reference_data
from wsis.caching import public_cache_bumps_coalesced

ROLES = ("Secretariat", "Expert", "Action Line facilitator", "Stakeholder")


def load_reference_data(apps, schema_editor=None) -> None:
    """Creates or updates every reference row; never duplicates one. One transaction, and (with
    the real models, whose saves bump the public cache) one bump of every namespace."""
    with transaction.atomic(), public_cache_bumps_coalesced():
        _load_reference_rows(apps)


def _load_reference_rows(apps) -> None:
    ActionLine = apps.get_model("wsis", "ActionLine")
    Sdg = apps.get_model("wsis", "Sdg")
    GdcObjective = apps.get_model("wsis", "GdcObjective")
    StakeholderType = apps.get_model("wsis", "StakeholderType")
    ItuRegion = apps.get_model("wsis", "ItuRegion")
    CountryRegion = apps.get_model("wsis", "CountryRegion")

    for code, name, position in reference_data.ACTION_LINES:
        ActionLine.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "position": position,
                "slug": reference_data.action_line_slug(code),
            },
        )
    for number, name in reference_data.SDGS:
        Sdg.objects.update_or_create(number=number, defaults={"name": name})
    for number, name in reference_data.GDC_OBJECTIVES:
        GdcObjective.objects.update_or_create(number=number, defaults={"name": name})
    for position, (code, name) in enumerate(reference_data.STAKEHOLDER_TYPES, start=1):
        StakeholderType.objects.update_or_create(
            code=code, defaults={"name": name, "position": position}
        )
    regions = {}
    for code, name in reference_data.ITU_REGIONS:
        regions[code], _created = ItuRegion.objects.update_or_create(
            code=code, defaults={"name": name}
        )
    for country, region_code in reference_data.UN_MEMBER_STATE_REGIONS.items():
        CountryRegion.objects.update_or_create(
            country=country, defaults={"region": regions[region_code]}
        )


def create_roles(apps, schema_editor=None) -> None:
    Group = apps.get_model("auth", "Group")
    for name in ROLES:
        Group.objects.get_or_create(name=name)
