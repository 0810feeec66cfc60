"""A version's source groups and clauses (added, edited under the optimistic lock, removed,
moved) and the citations of public items in a clause's results."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils.translation import gettext as _

from roadmaps.enums import (
    CitationKind,
)
from roadmaps.importers.roadmap_text import (
    extract_sdg_numbers,
)
from roadmaps.models import Clause, ClauseCitation, RoadmapVersion, SourceGroup
from roadmaps.selectors import citation_target_public
from roadmaps.services.common import CLAUSE_FIELDS, _check_editable, _check_editor, _clean_texts
from wsis.locking import versioned_delete, versioned_update
from wsis.models import GdcObjective, Sdg, User
from wsis.services import audit_record


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
        if not versioned_delete(
            clause,
            expected=expected_lock_version,
            message=_("This clause was changed by someone else meanwhile."),
        ):
            return
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
