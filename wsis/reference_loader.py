"""Loads the reference lists and role groups. Used by the data migrations, and by the test suite
after a transactional test has emptied the database."""

from django.db import transaction

from wsis import reference_data, reference_translations
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
    # Migration 0002 runs before the translation columns exist (0006 then loads them).
    if any(field.name == "name_fr" for field in ActionLine._meta.get_fields()):
        load_reference_translations(apps)


def _names(translations: dict[str, str]) -> dict[str, str]:
    return {f"name_{language.replace('-', '_')}": name for language, name in translations.items()}


def load_reference_translations(apps, schema_editor=None, *, overwrite: bool = True) -> None:
    """Writes the reference rows' names in the other five languages (`reference_translations`);
    with `overwrite=False` only where the secretariat has not written one yet."""
    tables = (
        ("ActionLine", "code", reference_translations.ACTION_LINE_NAMES),
        ("Sdg", "number", reference_translations.SDG_NAMES),
        ("GdcObjective", "number", reference_translations.GDC_OBJECTIVE_NAMES),
        ("StakeholderType", "code", reference_translations.STAKEHOLDER_TYPE_NAMES),
        ("ItuRegion", "code", reference_translations.ITU_REGION_NAMES),
    )
    for model_name, key, rows in tables:
        Model = apps.get_model("wsis", model_name)
        for row in Model.objects.filter(**{f"{key}__in": list(rows)}):
            names = _names(rows[getattr(row, key)])
            if not overwrite:
                names = {field: name for field, name in names.items() if not getattr(row, field)}
            if names:
                Model.objects.filter(pk=row.pk).update(**names)


def create_roles(apps, schema_editor=None) -> None:
    Group = apps.get_model("auth", "Group")
    for name in ROLES:
        Group.objects.get_or_create(name=name)
