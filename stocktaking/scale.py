"""Scale data of WSIS Stocktaking (seed_scale): the plan's entries spread over the scale
organisations (a few large organisations with hundreds of entries, most with a handful), with
Action Lines (one primary), SDGs, countries and regions, kinds, years and states: mostly approved,
some drafts, submissions waiting in the queue, changes requested and rejections.

Loaded with COPY; the stored search vectors are then computed in one UPDATE with the same
weighting as `services.entry_search_vector_refresh` (title A, summary B, description, partners
and the organisation's name C)."""

from __future__ import annotations

import random
from datetime import date, timedelta

from django.db import connection, transaction

from stocktaking.enums import ActivityStatus, Coverage, EntryKind, EntryStatus
from stocktaking.models import Entry
from wsis import scale
from wsis.models import ActionLine, CountryRegion, GdcObjective, Organisation, Sdg, User

ENTRY_FIELDS = (
    "organisation_id", "created_by_id", "submitted_by_id", "status", "lock_version",
    "decision_reason", "kind", "title", "slug", "summary", "description", "coverage",
    "start_date", "end_date", "activity_status", "partners", "target_beneficiaries", "languages",
    "website", "other_links", "contact_name", "contact_email", "image", "created_at",
    "updated_at", "submitted_at", "approved_at", "text_language",
)  # fmt: skip
STATES = (
    (0.90, EntryStatus.APPROVED),
    (0.94, EntryStatus.SUBMITTED),
    (0.98, EntryStatus.DRAFT),
    (0.99, EntryStatus.CHANGES_REQUESTED),
    (1.00, EntryStatus.REJECTED),
)
KINDS = (EntryKind.PROJECT,) * 4 + (
    EntryKind.PROGRAMME,
    EntryKind.INITIATIVE,
    EntryKind.INITIATIVE,
    EntryKind.RESOURCE,
    EntryKind.WEBSITE,
    EntryKind.OTHER,
)
LANGUAGES = ("English", "English, French", "Spanish", "Arabic, English", "Russian", "Chinese")


def organisation_index(entry_index: int, plan: scale.Plan) -> int:
    """The 0-based organisation of the 0-based entry: a skewed, non-decreasing spread in which
    every organisation gets at least one entry (the first a few hundred, the last about seven)."""
    return min(
        int(plan.organisations * (entry_index / plan.entries) ** 1.5), plan.organisations - 1
    )


def _status(rng: random.Random) -> str:
    draw = rng.random()
    return next(status for limit, status in STATES if draw < limit)


class _Reference:
    def __init__(self) -> None:
        self.action_lines = list(
            ActionLine.objects.order_by("position").values_list("pk", flat=True)
        )
        self.sdgs = list(Sdg.objects.order_by("number").values_list("pk", flat=True))
        self.gdc = list(GdcObjective.objects.order_by("number").values_list("pk", flat=True))
        self.countries = list(
            CountryRegion.objects.order_by("country").values_list("pk", "region_id")
        )
        self.regions = sorted({region for _pk, region in self.countries})


def _entry(index: int, organisation_id: int, member_id: int, ref: _Reference):
    """One entry's row and its many-to-many choices, decided by a generator seeded with its
    index alone (so a top-up adds exactly the rows a full run would have added)."""
    rng = random.Random(f"entry-{index}")  # noqa: S311 - scale data, not secrets
    status = _status(rng)
    text = scale.title(rng)
    start_year = rng.randint(2005, 2026)
    start = date(start_year, rng.randint(1, 12), rng.randint(1, 28))
    completed = start_year < 2024 and rng.random() < 0.4
    created = scale.EPOCH - timedelta(days=rng.randint(30, 3650), minutes=index % 1440)
    submitted = (
        created + timedelta(days=rng.randint(1, 20)) if status != EntryStatus.DRAFT else None
    )
    approved = (
        submitted + timedelta(days=rng.randint(1, 25)) if status == EntryStatus.APPROVED else None
    )
    draw = rng.random()
    coverage = (
        Coverage.NATIONAL if draw < 0.75 else Coverage.REGIONAL if draw < 0.9 else Coverage.GLOBAL
    )
    countries = (
        rng.sample(ref.countries, k=rng.randint(1, 3)) if coverage == Coverage.NATIONAL else []
    )
    regions = {region for _pk, region in countries}
    if coverage == Coverage.REGIONAL:
        regions |= set(rng.sample(ref.regions, k=rng.randint(1, 2)))
    action_lines = rng.sample(ref.action_lines, k=rng.choice((1, 1, 2, 2, 3)))
    reason = ""
    if status in (EntryStatus.CHANGES_REQUESTED, EntryStatus.REJECTED):
        reason = "Please describe the results more precisely and add the partners' roles."
    row = (
        organisation_id, member_id, member_id if submitted else None, status, 1, reason,
        rng.choice(KINDS), text, scale.slug_of(text), scale.paragraph(rng, 50, 130),
        scale.paragraph(rng, 30, 110), coverage, start,
        date(start_year + rng.randint(1, 4), 12, 31) if completed else None,
        ActivityStatus.COMPLETED if completed else ActivityStatus.ONGOING,
        ", ".join(rng.sample(scale.OBJECTS, k=2)), ", ".join(rng.sample(scale.BENEFICIARIES, k=2)),
        rng.choice(LANGUAGES), f"https://scale.example.org/entries/{index + 1}", "[]",
        f"Contact {index + 1}", f"contact{index + 1}@scale.example.org", "",
        created, approved or submitted or created, submitted, approved, "en",
    )  # fmt: skip
    return row, {
        "action_lines": action_lines,
        "primary": action_lines[0],
        "sdgs": rng.sample(ref.sdgs, k=rng.randint(1, 4)),
        "countries": [pk for pk, _region in countries],
        "regions": sorted(regions),
        "gdc": rng.sample(ref.gdc, k=rng.randint(0, 2)) if ref.gdc else [],
    }


def _entries_add(plan: scale.Plan) -> int:
    organisations = dict(
        Organisation.objects.filter(slug__startswith=f"{scale.MARKER}org-").values_list(
            "slug", "pk"
        )
    )
    members = dict(
        User.objects.filter(email__startswith=f"{scale.MARKER}member-").values_list("email", "pk")
    )
    with_entries = set(
        Entry.objects.filter(organisation_id__in=organisations.values())
        .values_list("organisation_id", flat=True)
        .distinct()
    )
    ref = _Reference()
    rows, links = [], []
    for index in range(plan.entries):
        number = organisation_index(index, plan) + 1
        organisation_id = organisations[scale.organisation_slug(number)]
        if organisation_id in with_entries:
            continue
        row, link = _entry(index, organisation_id, members[scale.email_of("member", number)], ref)
        rows.append(row)
        links.append(link)
    if not rows:
        return 0
    before = scale.max_id(Entry)
    scale.copy_rows(Entry, ENTRY_FIELDS, rows)
    ids = scale.new_ids(Entry, before)
    through = Entry._meta
    for name, key, right in (
        ("action_lines", "action_lines", "actionline"),
        ("sdgs", "sdgs", "sdg"),
        ("countries", "countries", "countryregion"),
        ("regions", "regions", "ituregion"),
        ("gdc_objectives", "gdc", "gdcobjective"),
    ):
        model = through.get_field(name).remote_field.through
        scale.copy_through(
            model,
            "entry",
            right,
            (
                (entry_id, value)
                for entry_id, link in zip(ids, links, strict=True)
                for value in link[key]
            ),
        )
    # The primary Action Line, set in one statement from the ids just written.
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE stocktaking_entry AS e SET primary_action_line_id = v.line "
            "FROM unnest(%s::bigint[], %s::bigint[]) AS v(id, line) WHERE e.id = v.id",
            [ids, [link["primary"] for link in links]],
        )
    return len(ids)


SEARCH_VECTOR_SQL = """
UPDATE stocktaking_entry AS e SET search_vector =
    setweight(to_tsvector('english'::regconfig, COALESCE(e.title, '')), 'A')
    || setweight(to_tsvector('english'::regconfig, COALESCE(e.summary, '')), 'B')
    || setweight(to_tsvector('english'::regconfig, COALESCE(e.description, '')), 'C')
    || setweight(to_tsvector('english'::regconfig, COALESCE(e.partners, '')), 'C')
    || setweight(to_tsvector('english'::regconfig, COALESCE(o.name, '')), 'C')
FROM wsis_organisation AS o
WHERE o.id = e.organisation_id AND e.search_vector IS NULL AND o.slug LIKE %s
"""


def _search_vectors_fill() -> int:
    with connection.cursor() as cursor:
        cursor.execute(SEARCH_VECTOR_SQL, [f"{scale.MARKER}org-%"])
        return cursor.rowcount


def seed_scale_content(plan: scale.Plan, stdout) -> None:
    tables = (
        Entry,
        Entry.action_lines.through,
        Entry.sdgs.through,
        Entry.countries.through,
        Entry.regions.through,
        Entry.gdc_objectives.through,
    )
    label = f"stocktaking entries ({plan.entries:,}) and search vectors"
    present = Entry.objects.filter(organisation__slug__startswith=f"{scale.MARKER}org-").count()
    loading = present < plan.entries
    with (
        scale.timed(stdout, label),
        transaction.atomic(),
        scale.bulk_load(*tables, enabled=loading),
    ):
        _entries_add(plan)
        _search_vectors_fill()
    scale.analyse(*tables)
