"""An entry's content as the services read, check and write it: the field lists, the checks a form
cannot see field by field, snapshots and diffs for the audit log, the search vector."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.contrib.postgres.search import SearchVector
from django.core.exceptions import ValidationError
from django.db.models import Value
from django.utils.translation import gettext as _

from stocktaking.enums import (
    ENTRY_CONTENT_FIELDS,
    ENTRY_RELATION_FIELDS,
    SUMMARY_MAX_WORDS,
    ActivityStatus,
    Coverage,
)
from stocktaking.models import Entry, EntryTranslation
from wsis.i18n import search_config
from wsis.rich_text import long_text_clean

# The content of an entry (`ENTRY_CONTENT_FIELDS`), split as the services write it: the fields
# saved with the row, then the relations set after it.
SCALAR_FIELDS = tuple(name for name in ENTRY_CONTENT_FIELDS if name not in ENTRY_RELATION_FIELDS)
M2M_FIELDS = ENTRY_RELATION_FIELDS
CONTENT_FIELDS = SCALAR_FIELDS + M2M_FIELDS


def word_count(text: str) -> int:
    return len((text or "").split())


def entry_content_validate(content: dict[str, Any]) -> None:
    """Checks the rules a form or serializer cannot see field by field.

    Raises one ValidationError whose dict names every offending field.
    """
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    words = word_count(content.get("summary", ""))
    if words > SUMMARY_MAX_WORDS:
        add(
            "summary",
            _("The summary has %(count)d words; at most %(max)d are allowed.")
            % {"count": words, "max": SUMMARY_MAX_WORDS},
        )
    action_lines = list(content.get("action_lines") or [])
    if not action_lines:
        add("action_lines", _("Choose at least one Action Line."))
    primary = content.get("primary_action_line")
    if primary is None:
        add("primary_action_line", _("Choose the primary Action Line."))
    elif action_lines and primary not in action_lines:
        add("primary_action_line", _("The primary Action Line must be one of the Action Lines."))
    if not list(content.get("sdgs") or []):
        add("sdgs", _("Choose at least one SDG."))
    coverage = content.get("coverage")
    if coverage == Coverage.NATIONAL and not list(content.get("countries") or []):
        add("countries", _("Choose at least one country, or choose regional or global coverage."))
    if coverage == Coverage.REGIONAL and not list(content.get("regions") or []):
        add("regions", _("Choose at least one ITU region for a regional entry."))
    start, end = content.get("start_date"), content.get("end_date")
    if start and end and end < start:
        add("end_date", _("The end date is before the start date."))
    if content.get("activity_status") == ActivityStatus.COMPLETED and not end:
        add("end_date", _("A completed activity needs its end date."))
    if not content.get("website"):
        add("website", _("Give the website of the activity."))
    if errors:
        raise ValidationError(errors)


def entry_content_clean(content: dict[str, Any]) -> dict[str, Any]:
    """`content` with its description as stored: the editor's HTML through the portal's
    allow-list, plain text as written (`wsis.rich_text.long_text_clean`)."""
    if "description" not in content:
        return content
    return {**content, "description": long_text_clean(content["description"])}


def _regions_of(content: dict[str, Any]) -> list:
    """The regions stored for an entry: chosen ones (regional) plus those of its countries."""
    regions = {region.pk: region for region in content.get("regions") or []}
    if content.get("coverage") == Coverage.GLOBAL:
        return []
    for country in content.get("countries") or []:
        regions.setdefault(country.region_id, country.region)
    return list(regions.values())


def entry_relations_set(entry: Entry, content: dict[str, Any]) -> None:
    countries = [] if content.get("coverage") != Coverage.NATIONAL else content.get("countries")
    entry.countries.set(countries or [])
    entry.regions.set(_regions_of({**content, "countries": countries or []}))
    entry.action_lines.set(content.get("action_lines") or [])
    entry.sdgs.set(content.get("sdgs") or [])
    entry.gdc_objectives.set(content.get("gdc_objectives") or [])


def entry_snapshot(entry: Entry) -> dict[str, Any]:
    """The entry's content as JSON-able values (for the audit log and the admin's diff)."""
    snapshot: dict[str, Any] = {}
    for name in SCALAR_FIELDS:
        value = getattr(entry, name)
        if name == "primary_action_line":
            value = entry.primary_action_line.code if entry.primary_action_line_id else None
        elif hasattr(value, "isoformat"):
            value = value.isoformat()
        snapshot[name] = value
    snapshot["countries"] = sorted(c.country.code for c in entry.countries.all())
    snapshot["regions"] = sorted(r.code for r in entry.regions.all())
    snapshot["action_lines"] = [a.code for a in entry.action_lines.all()]
    snapshot["sdgs"] = sorted(s.number for s in entry.sdgs.all())
    snapshot["gdc_objectives"] = sorted(g.number for g in entry.gdc_objectives.all())
    snapshot["image"] = entry.image.name or ""
    snapshot["attachments"] = [a.title for a in entry.attachments.all()]
    return snapshot


def entry_diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The fields whose values differ: {field: {"before": …, "after": …}}."""
    return {
        key: {"before": before.get(key), "after": after.get(key)}
        for key in after
        if before.get(key) != after.get(key)
    }


def entry_search_vector_refresh(*, entry_ids: Iterable[int]) -> None:
    """Recomputes the stored search vector (PostgreSQL only; SQLite searches with icontains).

    Weights: title A, summary B, description, organisation and partners C.
    The entry's own text is stemmed in its language, each translation in its own, with the same
    weights, so that a search finds an entry by its translations too.
    """
    if not settings.IS_POSTGRESQL:
        return
    ids = list(entry_ids)
    translations: dict[int, list[EntryTranslation]] = {}
    for translation in EntryTranslation.objects.filter(entry_id__in=ids):
        translations.setdefault(translation.entry_id, []).append(translation)
    for entry_id, organisation_name, language in Entry.objects.filter(pk__in=ids).values_list(
        "pk", "organisation__name", "text_language"
    ):
        config = search_config(language)
        vector = (
            SearchVector("title", weight="A", config=config)
            + SearchVector("summary", weight="B", config=config)
            + SearchVector("description", weight="C", config=config)
            + SearchVector("partners", weight="C", config=config)
            + SearchVector(Value(organisation_name), weight="C", config=config)
        )
        for translation in translations.get(entry_id, ()):
            other = search_config(translation.language)
            vector = (
                vector
                + SearchVector(Value(translation.title), weight="A", config=other)
                + SearchVector(Value(translation.summary), weight="B", config=other)
                + SearchVector(Value(translation.description), weight="C", config=other)
            )
        Entry.objects.filter(pk=entry_id).update(search_vector=vector)


def entry_content_of(entry: Entry) -> dict[str, Any]:
    """The entry's content in the shape `entry_create`/`entry_update` take."""
    content: dict[str, Any] = {name: getattr(entry, name) for name in SCALAR_FIELDS}
    for name in M2M_FIELDS:
        content[name] = list(getattr(entry, name).all())
    return content
