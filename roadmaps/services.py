"""Every write of the Action Line Roadmaps: drafts, clause editing, the workflow and the import."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from roadmaps.enums import (
    CLAUSE_TEXT_FIELDS,
    EDITABLE_STATES,
    OPEN_STATES,
    CitationKind,
    VersionStatus,
)
from roadmaps.importers.roadmap_text import (
    ParsedActionLine,
    ParsedClause,
    RoadmapFormatError,
    extract_sdg_numbers,
    parse_roadmap_document,
)
from roadmaps.models import Clause, ClauseCitation, Roadmap, RoadmapVersion, SourceGroup
from roadmaps.rules import is_roadmap_editor, is_roadmap_reviewer
from roadmaps.selectors import citation_target_public
from roadmaps.workflow import VERSION_WORKFLOW
from wsis.locking import StaleVersion, versioned_update
from wsis.models import ActionLine, FacilitatorAssignment, GdcObjective, Sdg, User
from wsis.rich_text import sanitise_html
from wsis.services import audit_record
from wsis.workflow import workflow_transition

CLAUSE_FIELD_NAMES = tuple(name for name, _heading in CLAUSE_TEXT_FIELDS)
CLAUSE_FIELDS = ("label", *CLAUSE_FIELD_NAMES)


# --- roadmaps and drafts ---------------------------------------------------------------------


def roadmap_get_or_create(*, action_line: ActionLine) -> Roadmap:
    """The roadmap of `action_line`, created with its facilitators' organisation if missing."""
    organisation_id = (
        FacilitatorAssignment.objects.filter(action_line=action_line, organisation__isnull=False)
        .order_by("pk")
        .values_list("organisation_id", flat=True)
        .first()
    )
    roadmap, _created = Roadmap.objects.get_or_create(
        action_line=action_line, defaults={"facilitator_organisation_id": organisation_id}
    )
    return roadmap


def _next_number(roadmap: Roadmap) -> int:
    return (roadmap.versions.aggregate(number=Max("number"))["number"] or 0) + 1


def _check_editor(user: User, obj: Any) -> None:
    if not is_roadmap_editor(user, obj):
        raise PermissionDenied(_("Only the facilitators of this Action Line and the secretariat."))


def _check_editable(version: RoadmapVersion) -> None:
    if version.status not in EDITABLE_STATES:
        raise ValidationError(
            _("Version %(number)s is “%(status)s” and can no longer be edited.")
            % {"number": version.number, "status": version.get_status_display()},
            code="not_editable",
        )


def roadmap_draft_start(*, roadmap: Roadmap, by: User) -> RoadmapVersion:
    """Starts a new draft as a copy of the latest published version (or an empty one).

    Refused when the roadmap already has an open version (draft, submitted or returned), so
    there is one place where the next version is prepared. Audited.
    """
    _check_editor(by, roadmap)
    with transaction.atomic():
        Roadmap.objects.select_for_update().get(pk=roadmap.pk)
        if roadmap.versions.filter(status__in=OPEN_STATES).exists():
            raise ValidationError(
                _("This roadmap already has a version in preparation."), code="open_version"
            )
        published = roadmap.versions.filter(status=VersionStatus.PUBLISHED).first()
        draft = RoadmapVersion.objects.create(
            roadmap=roadmap,
            number=_next_number(roadmap),
            status=VersionStatus.DRAFT,
            as_of=timezone.localdate(),
            notes=published.notes if published else "",
            based_on=published,
            author=by,
        )
        if published is not None:
            _copy_clauses(source=published, target=draft)
        audit_record(
            actor=by,
            action="roadmap_version.start_draft",
            obj=draft,
            after={"number": draft.number, "based_on": published.number if published else None},
        )
    return draft


CITATION_COPIED_FIELDS = ("kind", "entry_id", "outcome_id", "session_id", "title", "position")


def _copy_clauses(*, source: RoadmapVersion, target: RoadmapVersion) -> None:
    """Copies the groups and clauses of `source` into `target` with everything that belongs to
    a clause: its SDGs, GDC objectives and citations (a fixed number of queries per group)."""
    sdg_links, gdc_links, citations = [], [], []
    for group in source.groups.prefetch_related(
        "clauses__sdgs", "clauses__gdc_objectives", "clauses__citations"
    ):
        new_group = SourceGroup.objects.create(
            version=target, title=group.title, position=group.position
        )
        for clause in group.clauses.all():
            new_clause = Clause.objects.create(
                version=target,
                group=new_group,
                position=clause.position,
                **{name: getattr(clause, name) for name in CLAUSE_FIELDS},
            )
            sdg_links += [
                Clause.sdgs.through(clause_id=new_clause.pk, sdg_id=sdg.pk)
                for sdg in clause.sdgs.all()
            ]
            gdc_links += [
                Clause.gdc_objectives.through(clause_id=new_clause.pk, gdcobjective_id=goal.pk)
                for goal in clause.gdc_objectives.all()
            ]
            citations += [
                ClauseCitation(
                    clause=new_clause,
                    **{name: getattr(citation, name) for name in CITATION_COPIED_FIELDS},
                )
                for citation in clause.citations.all()
            ]
    Clause.sdgs.through.objects.bulk_create(sdg_links)
    Clause.gdc_objectives.through.objects.bulk_create(gdc_links)
    ClauseCitation.objects.bulk_create(citations)


def roadmap_version_update(
    *,
    version: RoadmapVersion,
    by: User,
    as_of: date | None,
    change_summary: str,
    notes: str,
) -> RoadmapVersion:
    """Changes the date, change summary and notes of an editable version (audited)."""
    _check_editor(by, version)
    _check_editable(version)
    before = {"as_of": str(version.as_of), "change_summary": version.change_summary}
    with transaction.atomic():
        version.as_of = as_of
        version.change_summary = change_summary.strip()
        version.notes = notes.strip()
        version.save(update_fields=["as_of", "change_summary", "notes"])
        audit_record(
            actor=by,
            action="roadmap_version.update",
            obj=version,
            before=before,
            after={"as_of": str(as_of), "change_summary": version.change_summary},
        )
    return version


# --- clauses ---------------------------------------------------------------------------------


def _clean_texts(values: dict[str, str]) -> dict[str, str]:
    cleaned = {name: sanitise_html(values.get(name, "")) for name in CLAUSE_FIELD_NAMES}
    cleaned["label"] = " ".join((values.get("label") or "").split())[:10]
    return cleaned


def _set_sdgs(clause: Clause) -> None:
    numbers = extract_sdg_numbers(clause.sdg_linkages_text)
    clause.sdgs.set(Sdg.objects.filter(number__in=numbers))


def source_group_add(*, version: RoadmapVersion, title: str, by: User) -> SourceGroup:
    """Adds a source group (e.g. a new outcome document) after the others (audited)."""
    _check_editor(by, version)
    _check_editable(version)
    title = " ".join(title.split())
    if not title:
        raise ValidationError({"title": _("Name the source text.")})
    with transaction.atomic():
        position = (version.groups.aggregate(p=Max("position"))["p"] or 0) + 1
        group = SourceGroup.objects.create(version=version, title=title, position=position)
        audit_record(actor=by, action="roadmap_group.add", obj=group, after={"title": title})
    return group


def _set_gdc_objectives(clause: Clause, objectives: Iterable[GdcObjective] | None) -> dict:
    """Sets the clause's GDC objectives (None: leaves them); their numbers before and after."""
    before = sorted(clause.gdc_objectives.values_list("number", flat=True))
    if objectives is None:
        return {}
    clause.gdc_objectives.set(list(objectives))
    after = sorted(goal.number for goal in objectives)
    return {} if before == after else {"before": before, "after": after}


def clause_add(
    *,
    group: SourceGroup,
    by: User,
    values: dict[str, str],
    gdc_objectives: Iterable[GdcObjective] | None = None,
) -> Clause:
    """Adds a clause at the end of `group`, its HTML sanitised, its SDGs read and its GDC
    objectives set (audited)."""
    version = group.version
    _check_editor(by, version)
    _check_editable(version)
    cleaned = _clean_texts(values)
    with transaction.atomic():
        position = (group.clauses.aggregate(p=Max("position"))["p"] or 0) + 1
        clause = Clause.objects.create(version=version, group=group, position=position, **cleaned)
        _set_sdgs(clause)
        goals = _set_gdc_objectives(clause, gdc_objectives)
        audit_record(
            actor=by,
            action="roadmap_clause.add",
            obj=clause,
            after={**cleaned, "gdc_objectives": goals.get("after", [])},
        )
    return clause


def clause_update(
    *,
    clause: Clause,
    by: User,
    expected_lock_version: int,
    values: dict[str, str],
    gdc_objectives: Iterable[GdcObjective] | None = None,
) -> Clause:
    """Saves the label and columns of a clause if nobody saved it since `expected_lock_version`.

    Guarantees: the compare-and-increment of `lock_version` is one UPDATE, so of two editors
    who read the same version only the first save lands; the second raises
    `wsis.locking.StaleVersion` with the stored clause and its own values, and changes nothing.
    Sanitises every column, re-reads the SDG numbers, sets the GDC objectives (unless None) and
    writes an audit entry with the columns before and after.
    """
    _check_editor(by, clause.version)
    _check_editable(clause.version)
    cleaned = _clean_texts(values)
    with transaction.atomic():
        before = {name: getattr(clause, name) for name in CLAUSE_FIELDS}
        versioned_update(
            clause,
            expected=expected_lock_version,
            values=cleaned,
            message=_("This clause was changed by someone else meanwhile."),
        )
        clause.refresh_from_db()
        _set_sdgs(clause)
        goals = _set_gdc_objectives(clause, gdc_objectives)
        changed_before = {k: v for k, v in before.items() if cleaned[k] != v}
        changed_after = {k: v for k, v in cleaned.items() if before[k] != v}
        if goals:
            changed_before["gdc_objectives"] = goals["before"]
            changed_after["gdc_objectives"] = goals["after"]
        audit_record(
            actor=by,
            action="roadmap_clause.update",
            obj=clause,
            before=changed_before,
            after=changed_after,
        )
    return clause


def clause_remove(*, clause: Clause, by: User, expected_lock_version: int) -> None:
    """Removes a clause unless someone saved it meanwhile (`wsis.locking.StaleVersion`);
    audited."""
    _check_editor(by, clause.version)
    _check_editable(clause.version)
    with transaction.atomic():
        deleted, _rows = Clause.objects.filter(
            pk=clause.pk, lock_version=expected_lock_version
        ).delete()
        if deleted == 0:
            current = Clause.objects.filter(pk=clause.pk).first()
            if current is None:
                return
            raise StaleVersion(
                _("This clause was changed by someone else meanwhile."), current=current
            )
        audit_record(
            actor=by,
            action="roadmap_clause.remove",
            obj=clause,
            before={name: getattr(clause, name) for name in CLAUSE_FIELDS},
        )


def clause_move(*, clause: Clause, by: User, offset: int) -> Clause:
    """Moves a clause `offset` places up (negative) or down within its source group (audited).

    Positions are renumbered 1..n in one transaction, through a shifted range first so that the
    unique (group, position) constraint holds after every statement.
    """
    _check_editor(by, clause.version)
    _check_editable(clause.version)
    with transaction.atomic():
        SourceGroup.objects.select_for_update().get(pk=clause.group_id)
        ordered = list(clause.group.clauses.order_by("position").values_list("pk", flat=True))
        index = ordered.index(clause.pk)
        target = min(max(index + offset, 0), len(ordered) - 1)
        if target == index:
            return clause
        ordered.insert(target, ordered.pop(index))
        highest = clause.group.clauses.aggregate(p=Max("position"))["p"]
        clause.group.clauses.update(position=F("position") + highest + len(ordered))
        for position, pk in enumerate(ordered, start=1):
            Clause.objects.filter(pk=pk).update(position=position)
        clause.refresh_from_db()
        audit_record(
            actor=by,
            action="roadmap_clause.move",
            obj=clause,
            before={"position": index + 1},
            after={"position": target + 1},
        )
    return clause


# --- citations ------------------------------------------------------------------------------


def clause_citation_add(*, clause: Clause, by: User, kind: str, target_id: int) -> ClauseCitation:
    """Cites a public stocktaking entry, outcome document or session in the results of a clause
    of an editable version (its facilitators and the secretariat only); audited.

    Refuses (ValidationError naming `target`) an item that does not exist or is not public, so a
    draft entry or an unpublished outcome can never be cited. Citing the same item twice keeps
    one citation. The citation keeps the item's title of today.
    """
    _check_editor(by, clause.version)
    _check_editable(clause.version)
    if kind not in CitationKind.values:
        raise ValidationError({"kind": _("Cite a stocktaking entry, an outcome or a session.")})
    target = citation_target_public(kind=kind, pk=target_id)
    if target is None:
        raise ValidationError(
            {"target": _("Only a published entry, outcome document or session can be cited.")}
        )
    with transaction.atomic():
        Clause.objects.select_for_update().get(pk=clause.pk)
        existing = clause.citations.filter(**{kind: target}).first()
        if existing is not None:
            return existing
        position = (clause.citations.aggregate(p=Max("position"))["p"] or 0) + 1
        citation = ClauseCitation.objects.create(
            clause=clause,
            kind=kind,
            title=str(target.title if kind != CitationKind.OUTCOME else target.session.title)[:400],
            position=position,
            **{kind: target},
        )
        audit_record(
            actor=by,
            action="roadmap_clause.cite",
            obj=clause,
            after={"kind": kind, "id": target.pk, "title": citation.title},
        )
    return citation


def clause_citation_remove(*, citation: ClauseCitation, by: User) -> None:
    """Removes a citation from a clause of an editable version (audited)."""
    clause = citation.clause
    _check_editor(by, clause.version)
    _check_editable(clause.version)
    with transaction.atomic():
        citation.delete()
        audit_record(
            actor=by,
            action="roadmap_clause.uncite",
            obj=clause,
            before={"kind": citation.kind, "id": citation.target_id, "title": citation.title},
        )


# --- the workflow ----------------------------------------------------------------------------


def roadmap_version_transition(
    *, version: RoadmapVersion, to: str, by: User, reason: str = ""
) -> RoadmapVersion:
    """Moves a version along VERSION_WORKFLOW (submit, return with comments, approve).

    Approving publishes the version and supersedes the previously published one in the same
    transaction, so a roadmap always shows exactly one published version. Every move is audited
    and notified (mails leave after commit); raises TransitionNotAllowed, ReasonRequired or
    PermissionDenied and then changes nothing.
    """
    # The reason comes straight from a request; PostgreSQL cannot store a NUL byte in text.
    ProhibitNullCharactersValidator()(reason or "")
    update_fields: list[str] = []
    with transaction.atomic():
        if to == VersionStatus.SUBMITTED:
            version.review_round += 1
            version.submitted_at = timezone.now()
            update_fields = ["review_round", "submitted_at"]
        elif to == VersionStatus.RETURNED:
            version.review_comments = (reason or "").strip()
            update_fields = ["review_comments"]
        elif to == VersionStatus.PUBLISHED:
            previous = (
                RoadmapVersion.objects.select_for_update()
                .filter(roadmap_id=version.roadmap_id, status=VersionStatus.PUBLISHED)
                .exclude(pk=version.pk)
                .first()
            )
            if previous is not None and version.status == VersionStatus.SUBMITTED:
                if not is_roadmap_reviewer(by, version):
                    raise PermissionDenied(_("Only the secretariat approves roadmap versions."))
                workflow_transition(
                    workflow=VERSION_WORKFLOW,
                    obj=previous,
                    to=VersionStatus.SUPERSEDED,
                    by=by,
                    reason=_("Superseded by version %(number)s") % {"number": version.number},
                    check_permission=False,
                )
            version.approver = by if by is not None and by.is_authenticated else None
            version.published_at = timezone.now()
            if version.as_of is None:
                version.as_of = timezone.localdate()
            update_fields = ["approver", "published_at", "as_of"]
        workflow_transition(
            workflow=VERSION_WORKFLOW,
            obj=version,
            to=to,
            by=by,
            reason=reason,
            update_fields=update_fields,
        )
    return version


# --- import ----------------------------------------------------------------------------------


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
