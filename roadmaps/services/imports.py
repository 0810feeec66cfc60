"""The import of the secretariat's roadmap document: one draft version per Action Line found,
all or nothing, idempotent, with a report of what was read."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from roadmaps.enums import (
    VersionStatus,
)
from roadmaps.importers.roadmap_text import (
    ParsedActionLine,
    ParsedClause,
    RoadmapFormatError,
    extract_sdg_numbers,
    parse_roadmap_document,
)
from roadmaps.models import Clause, RoadmapVersion, SourceGroup
from roadmaps.services.common import CLAUSE_FIELDS, _clean_texts, _next_number
from roadmaps.services.versions import roadmap_get_or_create
from wsis.models import ActionLine, Sdg, User
from wsis.services import audit_record


@dataclass
class GroupReport:
    title: str
    labels: list[str]

    @property
    def clause_count(self) -> int:
        return len(self.labels)


@dataclass
class ActionLineReport:
    code: str
    title: str
    groups: list[GroupReport]
    warnings: list[str] = field(default_factory=list)
    version_number: int | None = None
    # "created", "unchanged" (the same content was imported before) or "dry run".
    outcome: str = ""


@dataclass
class ImportReport:
    as_of: date | None
    action_lines: list[ActionLineReport]
    warnings: list[str]
    dry_run: bool

    def lines(self) -> list[str]:
        """The report as printed by `import_roadmap` and shown in the admin."""
        out = [
            _("As of: %(date)s") % {"date": self.as_of or _("unknown")},
        ]
        for line in self.action_lines:
            out.append(
                _("Action Line %(code)s (%(title)s): %(outcome)s")
                % {"code": line.code, "title": line.title, "outcome": line.outcome}
            )
            for group in line.groups:
                out.append(
                    _("  %(title)s: %(count)s clauses: %(labels)s")
                    % {
                        "title": group.title,
                        "count": group.clause_count,
                        "labels": " ".join(group.labels) or "–",
                    }
                )
            out += [_("  warning: %(text)s") % {"text": text} for text in line.warnings]
        out += [_("warning: %(text)s") % {"text": text} for text in self.warnings]
        return out


def _fingerprint(sections: list[ParsedActionLine], as_of: date | None) -> str:
    content = {
        "as_of": str(as_of),
        "notes": [note for section in sections for note in section.notes],
        "groups": [
            [group.title, [[getattr(c, name) for name in CLAUSE_FIELDS] for c in group.clauses]]
            for section in sections
            for group in section.groups
        ],
    }
    return hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest()


def _reported_label(clause: ParsedClause) -> str:
    if clause.printed_label:
        return _("%(label)s (printed “%(printed)s”)") % {
            "label": clause.label,
            "printed": clause.printed_label,
        }
    return clause.label


def _section_of(line_number: int, sections: list[ParsedActionLine]) -> ParsedActionLine | None:
    starts = [section for section in sections if section.line_number <= line_number]
    return max(starts, key=lambda section: section.line_number) if starts else None


def roadmap_import(
    *, text: str, by: User | None, as_of: date | None = None, dry_run: bool = False
) -> ImportReport:
    """Imports a roadmap document: one draft version per Action Line found.

    Guarantees: all or nothing (one transaction; a RoadmapFormatError or an unknown Action Line
    raises before anything is written, naming the line); every cell sanitised; importing the
    same content again creates nothing (each version keeps a fingerprint of its content) and
    reports "unchanged". `as_of` overrides the document's own date. `dry_run` parses and
    reports without writing. Audited per created version; sends no mail.
    """
    document = parse_roadmap_document(text)
    as_of = as_of or document.as_of
    sections_by_code: dict[str, list[ParsedActionLine]] = {}
    for section in document.action_lines:
        sections_by_code.setdefault(section.code, []).append(section)
    action_lines = {
        line.code: line for line in ActionLine.objects.filter(code__in=sections_by_code)
    }
    for code, sections in sections_by_code.items():
        if code not in action_lines:
            known = ActionLine.objects.order_by("position").values_list("code", flat=True)
            raise RoadmapFormatError(
                sections[0].line_number,
                f"unknown Action Line {code}; expected one of the Action Lines of the portal "
                f"({', '.join(known)})",
            )
    reports = []
    general_warnings = []
    for warning in document.warnings:
        if _section_of(warning.line_number, document.action_lines) is None:
            general_warnings.append(f"line {warning.line_number}: {warning.message}")
    with transaction.atomic():
        for code, sections in sections_by_code.items():
            report = ActionLineReport(
                code=code,
                title=sections[0].title,
                groups=[
                    GroupReport(group.title, [_reported_label(clause) for clause in group.clauses])
                    for section in sections
                    for group in section.groups
                ],
                warnings=[
                    f"line {warning.line_number}: {warning.message}"
                    for warning in document.warnings
                    if _section_of(warning.line_number, document.action_lines) in sections
                ],
            )
            reports.append(report)
            if dry_run:
                report.outcome = _("dry run, nothing written")
                continue
            _import_action_line(
                action_line=action_lines[code],
                sections=sections,
                as_of=as_of,
                by=by,
                report=report,
            )
    return ImportReport(
        as_of=as_of, action_lines=reports, warnings=general_warnings, dry_run=dry_run
    )


def _import_action_line(
    *,
    action_line: ActionLine,
    sections: list[ParsedActionLine],
    as_of: date | None,
    by: User | None,
    report: ActionLineReport,
) -> None:
    roadmap = roadmap_get_or_create(action_line=action_line)
    fingerprint = _fingerprint(sections, as_of)
    existing = roadmap.versions.filter(import_fingerprint=fingerprint).first()
    if existing is not None:
        report.version_number = existing.number
        report.outcome = _("unchanged: already imported as version %(number)s") % {
            "number": existing.number
        }
        return
    version = RoadmapVersion.objects.create(
        roadmap=roadmap,
        number=_next_number(roadmap),
        status=VersionStatus.DRAFT,
        as_of=as_of,
        notes="\n".join(note for section in sections for note in section.notes),
        change_summary=_("Imported from the secretariat's document."),
        author=by,
        import_fingerprint=fingerprint,
    )
    sdgs = {sdg.number: sdg for sdg in Sdg.objects.all()}
    position = 0
    for section in sections:
        for parsed_group in section.groups:
            position += 1
            group = SourceGroup.objects.create(
                version=version, title=parsed_group.title[:300], position=position
            )
            clauses = Clause.objects.bulk_create(
                Clause(
                    version=version,
                    group=group,
                    position=index,
                    printed_label=parsed.printed_label,
                    **_clean_texts({name: getattr(parsed, name) for name in CLAUSE_FIELDS}),
                )
                for index, parsed in enumerate(parsed_group.clauses, start=1)
            )
            _link_sdgs(clauses, sdgs)
    report.version_number = version.number
    report.outcome = _("created draft version %(number)s") % {"number": version.number}
    audit_record(
        actor=by,
        action="roadmap_version.import",
        obj=version,
        after={"number": version.number, "clauses": sum(len(g.labels) for g in report.groups)},
    )


def _link_sdgs(clauses: Iterable[Clause], sdgs: dict[int, Sdg]) -> None:
    Clause.sdgs.through.objects.bulk_create(
        Clause.sdgs.through(clause_id=clause.pk, sdg_id=number)
        for clause in clauses
        for number in extract_sdg_numbers(clause.sdg_linkages_text)
        if number in sdgs
    )
