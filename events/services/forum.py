"""The forum itself: a draft event made public, and its compiled Forum Outcome Document
(numbered versions, each a snapshot of the published outcome documents)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from events.enums import SESSION_TRACKS, SessionType
from events.models import Event, ForumOutcomeVersion
from events.selectors import forum_participation, outcomes_public
from wsis.models import ActionLine
from wsis.services import audit_record


def _forum_groupings(sessions: list[dict[str, Any]]) -> dict[str, Any]:
    """The compiled sessions grouped by Action Line (in the Action Lines' order, then those with
    none) and by track and session type; and the digest of their thematic suggestions grouped
    by Action Line (a session under each of its Action Lines)."""
    lines = list(ActionLine.objects.order_by("position"))
    by_line, digest = [], []
    for line in [*lines, None]:
        own = [
            s for s in sessions
            if (line.code in s["action_lines"] if line else not s["action_lines"])
        ]  # fmt: skip
        if not own:
            continue
        heading = {"code": line.code if line else "", "name": line.name if line else ""}
        by_line.append(heading | {"sessions": [s["number"] for s in own]})
        suggestions = [
            {"number": s["number"], "title": s["title"], "text": s["thematic_suggestions"]}
            for s in own
            if s["thematic_suggestions"]
        ]
        if suggestions:
            digest.append(heading | {"suggestions": suggestions})
    by_track = []
    for key, label, types in SESSION_TRACKS:
        groups = [
            {
                "type": str(SessionType(kind).label),
                "sessions": [s["number"] for s in sessions if s["type_code"] == kind],
            }
            for kind in types
        ]
        groups = [group for group in groups if group["sessions"]]
        if groups:
            by_track.append({"track": key, "label": str(label), "types": groups})
    return {"by_action_line": by_line, "by_track": by_track, "suggestions": digest}


def forum_outcome_compile(*, event: Event, by: Any = None) -> ForumOutcomeVersion:
    """Compiles the Forum Outcome Document of `event` into a new version (v1.0 first, then v1.1,
    v1.2 …); older versions are kept unchanged. It holds the front matter the secretariat wrote
    (introduction, the high-level track, disclaimer), the participation figures computed from
    the forum's sessions, every published outcome document ordered by session number, the
    sessions grouped by Action Line and by track, and the digest of the thematic suggestions
    by Action Line.

    The content is a snapshot: later edits of an outcome appear only in the next version. Audited.
    """
    outcomes = outcomes_public().filter(session__event=event).order_by("session__number")
    sessions = []
    for outcome in outcomes:
        session = outcome.session
        sessions.append(
            {
                "outcome_id": outcome.pk,
                "number": session.number,
                "title": session.title,
                "type": session.get_session_type_display(),
                "type_code": session.session_type,
                "time": f"{session.local_starts_at:%d %B %Y}, {session.time_range_display}",
                "organisers": [o.name for o in session.organisers.all()],
                "action_lines": [a.code for a in session.action_lines.all()],
                "sdgs": [s.number for s in session.sdgs.all()],
                "thematic_suggestions": outcome.thematic_suggestions.strip(),
                "sections": [
                    {
                        "label": str(section.label),
                        "value": value,
                        "bullets": isinstance(value, list),
                    }
                    for section, value in outcome.sections()
                ],
            }
        )
    content = {
        "event": event.name,
        "front_matter": {
            "introduction": event.outcome_introduction,
            "high_level_track": event.outcome_high_level_track,
            "disclaimer": event.outcome_disclaimer,
        },
        "participation": forum_participation(event) | {"outcomes": len(sessions)},
        "sessions": sessions,
        **_forum_groupings(sessions),
    }
    with transaction.atomic():
        latest = (
            ForumOutcomeVersion.objects.select_for_update()
            .filter(event=event)
            .order_by("-major", "-minor")
            .first()
        )
        major, minor = (1, 0) if latest is None else (latest.major, latest.minor + 1)
        version = ForumOutcomeVersion.objects.create(
            event=event,
            major=major,
            minor=minor,
            content=content,
            outcome_count=len(sessions),
            created_by=by if getattr(by, "is_authenticated", False) else None,
        )
        audit_record(
            actor=by,
            action="events_forum_outcome.compile",
            obj=version,
            after={"version": version.label, "outcomes": len(sessions)},
        )
    return version


def event_publish(*, event: Event, by: Any) -> Event:
    """Makes a draft event (left incomplete by an import) public.

    Guarantees: ValidationError naming what is missing (name, dates, place, description, SDGs)
    and nothing changed when the event is incomplete; otherwise the draft flag is cleared and the
    change audited; the public pages show the event at once (an Event save bumps the events
    cache generation)."""
    missing = event.missing_required_fields()
    if missing:
        raise ValidationError(
            _("“%(event)s” cannot be published; it lacks: %(missing)s.")
            % {"event": event.name, "missing": ", ".join(missing)}
        )
    if not event.is_draft:
        return event
    event.is_draft = False
    event.save(update_fields=["is_draft"])
    audit_record(
        actor=by, action="events_event.publish", obj=event, before={"is_draft": True},
        after={"is_draft": False},
    )  # fmt: skip
    return event
