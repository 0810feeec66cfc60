"""The columns of the CSV and JSON exports of the public database (one definition for both)."""

from __future__ import annotations

from typing import Any

from stocktaking.models import Entry

EXPORT_COLUMNS: tuple[tuple[str, Any], ...] = (
    ("id", lambda e: e.pk),
    ("title", lambda e: e.title),
    ("kind", lambda e: e.kind),
    ("summary", lambda e: e.summary),
    ("organisation", lambda e: e.organisation.name),
    ("stakeholder_type", lambda e: e.organisation.stakeholder_type.code),
    ("coverage", lambda e: e.coverage),
    ("countries", lambda e: " ".join(c.country.code for c in e.countries.all())),
    ("regions", lambda e: " ".join(r.code for r in e.regions.all())),
    ("primary_action_line", lambda e: e.primary_action_line.code if e.primary_action_line else ""),
    ("action_lines", lambda e: " ".join(a.code for a in e.action_lines.all())),
    ("sdgs", lambda e: " ".join(str(s.number) for s in e.sdgs.all())),
    ("status", lambda e: e.activity_status),
    ("start_date", lambda e: e.start_date.isoformat() if e.start_date else ""),
    ("end_date", lambda e: e.end_date.isoformat() if e.end_date else ""),
    ("website", lambda e: e.website),
    ("approved_at", lambda e: e.approved_at.isoformat() if e.approved_at else ""),
    ("url", lambda e: e.get_absolute_url()),
)


def entry_export_row(entry: Entry) -> dict[str, Any]:
    return {column: getter(entry) for column, getter in EXPORT_COLUMNS}
