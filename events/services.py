"""Every write of the events app: outcome documents and their moves (the table is in
`events.workflow`), the compiled Forum Outcome Document and the reminders. The session CSV
import is in `events.importers.sessions_csv`."""

from __future__ import annotations

import calendar
import datetime as dt
import difflib
import hashlib
import re
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from events.enums import (
    COMMITMENT_ANSWERS,
    COMMITMENT_SECTIONS,
    COMMITMENT_SETTLED,
    OUTCOME_EDITABLE_STATES,
    OUTCOME_HANDED_IN_STATES,
    OUTCOME_PUBLIC_STATES,
    OUTCOME_WAITING_STATES,
    SESSION_TRACKS,
    OutcomeStatus,
    SessionType,
)
from events.models import (
    OUTCOME_CONTENT_FIELDS,
    OUTCOME_SECTIONS,
    Commitment,
    CommitmentMailOptOut,
    Event,
    ForumOutcomeVersion,
    OutcomeDocument,
    OutcomeRevision,
    OutcomeTranslation,
    Session,
)
from events.rules import is_outcome_author, is_session_organiser
from events.selectors import forum_participation, outcomes_public
from events.workflow import OUTCOME_WORKFLOW, STALE_MESSAGE, organiser_emails
from wsis.caching import public_cache_bump
from wsis.enums import CacheNamespace
from wsis.i18n import SEARCH_CONFIGS
from wsis.locking import version_check, versioned_update
from wsis.models import ActionLine, GdcObjective
from wsis.rules import is_secretariat, is_verified
from wsis.services import audit_record, notification_queue, text_translation_save
from wsis.workflow import workflow_transition

User = get_user_model()

# Days after a session's end before its organisers are reminded of a missing outcome document.
DEFAULT_REMINDER_DAYS = 3
# Days before an event's outcome deadline when the last reminder goes out.
DEFAULT_DEADLINE_REMINDER_DAYS = 7
COMMITMENT_UNSUBSCRIBE_SALT = "events.commitment-followup-unsubscribe"


# --- Outcome documents: content and limits ---


def outcome_clean_content(content: dict[str, Any]) -> dict[str, Any]:
    """Bullets as lists of stripped non-empty strings (a string is one bullet per line)."""
    cleaned: dict[str, Any] = {}
    for section in OUTCOME_SECTIONS:
        value = content.get(section.key, "" if section.minimum is None else [])
        if section.minimum is None:
            cleaned[section.key] = " ".join(str(value or "").split())
            continue
        if isinstance(value, str):
            value = value.splitlines()
        bullets = []
        for line in value or ():
            text = " ".join(str(line).split()).lstrip("-•*–· ").strip()
            if text:
                bullets.append(text)
        cleaned[section.key] = bullets
    return cleaned


def outcome_limit_errors(content: dict[str, Any], *, complete: bool) -> dict[str, list[str]]:
    """The template's limits that `content` (cleaned) breaks, by field, as clear messages.

    A draft (`complete=False`) may be saved incomplete or over-long, so nothing is checked then.
    """
    errors: dict[str, list[str]] = {}
    if not complete:
        return errors
    for section in OUTCOME_SECTIONS:
        value = content.get(section.key)
        if section.minimum is None:
            if not value:
                errors[section.key] = [_("Write one paragraph.")]
            continue
        count = len(value or [])
        if count < section.minimum:
            errors[section.key] = [
                ngettext(
                    "%(count)d bullet given; at least %(minimum)d are needed (%(minimum)d-"
                    "%(maximum)d).",
                    "%(count)d bullets given; at least %(minimum)d are needed (%(minimum)d-"
                    "%(maximum)d).",
                    count,
                )
                % {"count": count, "minimum": section.minimum, "maximum": section.maximum}
            ]
        elif section.maximum is not None and count > section.maximum:
            errors[section.key] = [
                _(
                    "%(count)d bullets given; at most %(maximum)d are allowed (%(minimum)d-"
                    "%(maximum)d)."
                )
                % {"count": count, "minimum": section.minimum, "maximum": section.maximum}
            ]
    return errors


def outcome_limit_report(content: dict[str, Any]) -> list[str]:
    """The broken limits as sentences naming the section (for importers and drafts)."""
    labels = {section.key: section.label for section in OUTCOME_SECTIONS}
    return [
        f"{labels[key]}: {message}"
        for key, messages in outcome_limit_errors(content, complete=True).items()
        for message in messages
    ]


def _search_text(session: Session, content: dict[str, Any]) -> str:
    return _search_text_of(session.title, content)


def _search_text_of(title: str, content: dict[str, Any]) -> str:
    parts = [title]
    for key in OUTCOME_CONTENT_FIELDS:
        value = content.get(key)
        parts.extend(value if isinstance(value, list) else [value or ""])
    return "\n".join(part for part in parts if part)


def _config_sql(column: str) -> str:
    """The text-search configuration of the language in `column`, as SQL (wsis.i18n)."""
    cases = " ".join(f"WHEN '{code}' THEN '{config}'" for code, config in SEARCH_CONFIGS.items())
    return f"(CASE {column} {cases} ELSE 'english' END)::regconfig"


# The weighting of `OutcomeDocument.search_vector`: the session title A; the key issues, tangible
# outcomes and action plan B; the views towards WSIS+20 and the thematic suggestions C; each in
# its language's configuration, the document in its own, each translation in its own (merged
# through tsvector's text form: PostgreSQL has no tsvector aggregate). The JSON lists go through
# `to_tsvector(regconfig, jsonb)`, which reads their strings only.
_OUTCOME_TEXT_VECTOR = """
    setweight(to_tsvector({config}, COALESCE({title}, '')), 'A')
    || setweight(to_tsvector({config}, COALESCE({row}.key_issues, '[]'::jsonb)), 'B')
    || setweight(to_tsvector({config}, COALESCE({row}.tangible_outcomes, '[]'::jsonb)), 'B')
    || setweight(to_tsvector({config}, COALESCE({row}.action_plan, '[]'::jsonb)), 'B')
    || setweight(to_tsvector({config}, COALESCE({row}.views_wsis20, '[]'::jsonb)), 'C')
    || setweight(to_tsvector({config}, COALESCE({row}.thematic_suggestions, '')), 'C')"""
# Built from constants only (column names and the configurations' names); `{where}` is filled by
# the callers with fixed conditions, the values go as parameters.
OUTCOME_SEARCH_VECTOR_SQL = (
    "UPDATE events_outcomedocument AS o SET search_vector = "  # noqa: S608 - constants only
    + _OUTCOME_TEXT_VECTOR.format(config=_config_sql("o.text_language"), title="s.title", row="o")
    + """
    || COALESCE((SELECT string_agg(("""
    + _OUTCOME_TEXT_VECTOR.format(config=_config_sql("t.language"), title="t.title", row="t")
    + """)::text, ' ')::tsvector
        FROM events_outcometranslation AS t WHERE t.outcome_id = o.id), ''::tsvector)
FROM events_session AS s
WHERE s.id = o.session_id AND {where}
"""
)


def outcome_search_vectors_refresh(
    *, outcome_ids: list[int] | None = None, session_ids: list[int] | None = None
) -> int:
    """Recomputes the stored search vector of the given outcome documents, or of the given
    sessions' (their title is weighted A), in one statement; returns how many. PostgreSQL only
    (SQLite searches `search_text` with icontains)."""
    if not settings.IS_POSTGRESQL:
        return 0
    if outcome_ids is not None:
        where, ids = "o.id = ANY(%s)", list(outcome_ids)
    else:
        where, ids = "o.session_id = ANY(%s)", list(session_ids or ())
    if not ids:
        return 0
    with connection.cursor() as cursor:
        cursor.execute(OUTCOME_SEARCH_VECTOR_SQL.format(where=where), [ids])
        return cursor.rowcount


def _set_gdc_objectives(
    outcome: OutcomeDocument, objectives: Iterable[GdcObjective] | None
) -> None:
    if objectives is not None:
        outcome.gdc_objectives.set(list(objectives))


def outcome_save(
    *,
    session: Session,
    by: Any,
    content: dict[str, Any],
    lock_version: int | None,
    check_permission: bool = True,
    text_language: str | None = None,
    gdc_objectives: Iterable[GdcObjective] | None = None,
) -> OutcomeDocument:
    """Saves the organisers' text of `session`'s outcome document, creating it as a draft; with
    `text_language`, the language they declare it is written in (English by default); and its
    GDC objectives (unless None).

    Guarantees: limits are not checked (a draft may be incomplete); the organisers may write only
    after the session has ended and while the document is a draft or has changes requested, the
    secretariat always; a stale `lock_version` (somebody saved meanwhile) raises
    `wsis.locking.StaleVersion` and changes nothing; `lock_version` grows by one on every save.
    Audited.
    """
    content = outcome_clean_content(content)
    language = {}
    if text_language:
        if text_language not in dict(settings.LANGUAGES):
            raise ValidationError({"text_language": _("Choose one of the portal's languages.")})
        language = {"text_language": text_language}
    with transaction.atomic():
        outcome = OutcomeDocument.objects.select_for_update().filter(session=session).first()
        if outcome is None:
            if check_permission and not (is_outcome_author(by, session) or is_secretariat(by)):
                raise PermissionDenied(_("You may not write this session's outcome document."))
            # Nothing stored yet: a writer who read a saved version was overtaken by a removal.
            version_check(expected=lock_version, stored=0, message=STALE_MESSAGE)
            outcome = OutcomeDocument.objects.create(
                session=session,
                created_by=by if getattr(by, "is_authenticated", False) else None,
                search_text=_search_text(session, content),
                **content,
                **language,
            )
            outcome_search_vectors_refresh(outcome_ids=[outcome.pk])
            _set_gdc_objectives(outcome, gdc_objectives)
            audit_record(actor=by, action="events_outcome.create", obj=outcome, after=content)
            return outcome
        if check_permission and not (
            is_secretariat(by)
            or (is_outcome_author(by, session) and outcome.status in OUTCOME_EDITABLE_STATES)
        ):
            raise PermissionDenied(_("This outcome document cannot be changed any more."))
        before = outcome.content()
        # The row is locked: a writer who read nothing writes over the stored version.
        versioned_update(
            outcome,
            expected=outcome.lock_version if lock_version is None else lock_version,
            values={
                **content,
                **language,
                "search_text": _search_text(session, content),
                "updated_at": timezone.now(),
            },
            message=STALE_MESSAGE,
        )
        outcome_search_vectors_refresh(outcome_ids=[outcome.pk])
        outcome.refresh_from_db()
        _set_gdc_objectives(outcome, gdc_objectives)
        audit_record(
            actor=by, action="events_outcome.edit", obj=outcome, before=before, after=content
        )
        if outcome.status in OUTCOME_PUBLIC_STATES:
            # The secretariat corrected a published text: the public pages show it at once (the
            # text is written by an `update()`, which no signal sees).
            public_cache_bump(CacheNamespace.EVENTS)
            commitments_sync(outcome=outcome)
    return outcome


def outcome_submit(
    *,
    session: Session,
    by: Any,
    content: dict[str, Any] | None = None,
    lock_version: int | None = None,
    text_language: str | None = None,
    gdc_objectives: Iterable[GdcObjective] | None = None,
) -> OutcomeDocument:
    """Saves `content` (when given) and hands the outcome document in to the secretariat.

    Guarantees: the template's limits hold or ValidationError names each broken section and
    nothing is saved; a draft becomes "submitted", a document with changes requested
    "resubmitted"; the text handed in is kept as a revision (the secretariat's diff). Sends the
    secretariat a mail after commit; audited.
    """
    with transaction.atomic():
        if content is not None:
            cleaned = outcome_clean_content(content)
            errors = outcome_limit_errors(cleaned, complete=True)
            if errors:
                raise ValidationError(errors)
            outcome = outcome_save(
                session=session,
                by=by,
                content=cleaned,
                lock_version=lock_version,
                text_language=text_language,
                gdc_objectives=gdc_objectives,
            )
            lock_version = outcome.lock_version
        else:
            outcome = OutcomeDocument.objects.get(session=session)
            errors = outcome_limit_errors(outcome.content(), complete=True)
            if errors:
                raise ValidationError(errors)
        target = (
            OutcomeStatus.RESUBMITTED
            if outcome.status == OutcomeStatus.CHANGES_REQUESTED
            else OutcomeStatus.SUBMITTED
        )
        outcome.submitted_at = timezone.now()
        workflow_transition(
            workflow=OUTCOME_WORKFLOW,
            obj=outcome,
            to=target,
            by=by,
            expected_version=lock_version,
            update_fields=("updated_at", "submitted_at"),
        )
        last = outcome.revisions.order_by("-number").values_list("number", flat=True).first()
        OutcomeRevision.objects.create(
            outcome=outcome,
            number=(last or 0) + 1,
            content=outcome.content(),
            created_by=by if getattr(by, "is_authenticated", False) else None,
        )
    return outcome


def outcome_publish(
    *, outcome: OutcomeDocument, by: Any, lock_version: int | None = None
) -> OutcomeDocument:
    """Publishes a handed-in outcome document (secretariat only): public from now on, and a
    mail to its organisers after commit. Audited."""
    outcome.published_at = timezone.now()
    outcome.change_reason = ""
    with transaction.atomic():
        _publish(outcome=outcome, by=by, lock_version=lock_version)
    return outcome


def _publish(*, outcome: OutcomeDocument, by: Any, lock_version: int | None) -> None:
    workflow_transition(
        workflow=OUTCOME_WORKFLOW,
        obj=outcome,
        to=OutcomeStatus.PUBLISHED,
        by=by,
        expected_version=lock_version,
        update_fields=("updated_at", "published_at", "change_reason"),
    )
    commitments_sync(outcome=outcome)


def outcome_request_changes(
    *, outcome: OutcomeDocument, by: Any, reason: str, lock_version: int | None = None
) -> OutcomeDocument:
    """Sends a handed-in outcome document back to its organisers with `reason` (required), who
    get it by mail after commit and may edit again. Audited."""
    outcome.change_reason = (reason or "").strip()
    workflow_transition(
        workflow=OUTCOME_WORKFLOW,
        obj=outcome,
        to=OutcomeStatus.CHANGES_REQUESTED,
        by=by,
        reason=reason,
        expected_version=lock_version,
        update_fields=("updated_at", "change_reason"),
    )
    return outcome


def outcome_revision_diff(outcome: OutcomeDocument) -> list[tuple[str, str, list[str]]]:
    """(section label, kind, unified diff lines) between the last two texts handed in; the
    first revision is compared with an empty document."""
    revisions = list(outcome.revisions.order_by("-number")[:2])
    if not revisions:
        return []
    current = revisions[0].content
    previous = revisions[1].content if len(revisions) > 1 else {}
    result = []
    for section in OUTCOME_SECTIONS:

        def lines(value):
            return value if isinstance(value, list) else [value] if value else []

        old, new = lines(previous.get(section.key)), lines(current.get(section.key))
        diff = [
            line
            for line in list(difflib.unified_diff(old, new, lineterm="", n=100))[2:]
            if not line.startswith("@@")
        ]
        result.append((str(section.label), "changed" if diff else "same", diff))
    return result


# --- The compiled Forum Outcome Document ---


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


# --- Reminders and the secretariat's digest ---


def _reminder_days() -> int:
    return getattr(settings, "EVENTS_OUTCOME_REMINDER_DAYS", DEFAULT_REMINDER_DAYS)


def _deadline_reminder_days() -> int:
    return getattr(
        settings, "EVENTS_OUTCOME_DEADLINE_REMINDER_DAYS", DEFAULT_DEADLINE_REMINDER_DAYS
    )


def _sessions_missing_outcome(*, ended_before: dt.datetime, today: dt.date):
    """Ended sessions whose outcome is not handed in, of events still collecting outcomes."""
    return (
        Session.objects.filter(ends_at__lte=ended_before)
        .filter(Q(event__outcome_deadline__isnull=True) | Q(event__outcome_deadline__gte=today))
        .exclude(outcome__status__in=OUTCOME_HANDED_IN_STATES)
        .select_related("event")
        .prefetch_related("organisers")
        .order_by("event__name", "number")
    )


def outcome_reminders_send(*, now: dt.datetime | None = None) -> int:
    """Reminds the organisers of every ended session without a handed-in outcome document:
    once N days (EVENTS_OUTCOME_REMINDER_DAYS, default 3) after the session, and once
    EVENTS_OUTCOME_DEADLINE_REMINDER_DAYS (default 7) days before the event's outcome deadline.

    Idempotent: each (session, due date, person) has one idempotency key, so running twice on the
    same day (or every day) mails each person once per due date. Returns the messages queued
    (existing ones included).
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    queued = 0
    after = _sessions_missing_outcome(
        ended_before=now - dt.timedelta(days=_reminder_days()), today=today
    )
    for session in after:
        due = timezone.localdate(session.ends_at + dt.timedelta(days=_reminder_days()))
        for email in organiser_emails(session):
            notification_queue(
                recipient=email,
                template="events_outcome_reminder",
                context=_reminder_context(session),
                idempotency_key=f"events-outcome-reminder-{session.pk}-{due:%Y%m%d}-{email}",
            )
            queued += 1
    window = today + dt.timedelta(days=_deadline_reminder_days())
    before_deadline = _sessions_missing_outcome(ended_before=now, today=today).filter(
        event__outcome_deadline__lte=window
    )
    for session in before_deadline:
        deadline = session.event.outcome_deadline
        for email in organiser_emails(session):
            notification_queue(
                recipient=email,
                template="events_outcome_deadline",
                context=_reminder_context(session),
                idempotency_key=f"events-outcome-deadline-{session.pk}-{deadline:%Y%m%d}-{email}",
            )
            queued += 1
    return queued


def _reminder_context(session: Session) -> dict[str, Any]:
    deadline = session.event.outcome_deadline
    return {
        "event": session.event.name,
        "session_number": session.number,
        "session_title": session.title,
        "deadline": deadline.isoformat() if deadline else "",
        "edit_path": f"/events/{session.event.slug}/sessions/{session.number}/outcome/",
    }


def outcome_digest_send(*, now: dt.datetime | None = None):
    """Mails settings.SECRETARIAT_EMAIL the day's digest: overdue outcomes (ended more than N
    days ago, not handed in) and outcomes waiting for moderation. Nothing when both are empty;
    at most one digest per day (idempotency key of the date). Returns the notification or None.
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    overdue = [
        {"event": s.event.name, "number": s.number, "title": s.title}
        for s in _sessions_missing_outcome(
            ended_before=now - dt.timedelta(days=_reminder_days()), today=today
        )
    ]
    waiting = [
        {
            "event": o.session.event.name,
            "number": o.session.number,
            "title": o.session.title,
            "status": o.get_status_display(),
        }
        for o in OutcomeDocument.objects.filter(status__in=OUTCOME_WAITING_STATES)
        .select_related("session__event")
        .order_by("session__event__name", "session__number")
    ]
    if not overdue and not waiting:
        return None
    return notification_queue(
        recipient=settings.SECRETARIAT_EMAIL,
        template="events_outcome_digest",
        context={"date": today.isoformat(), "overdue": overdue, "waiting": waiting},
        idempotency_key=f"events-outcome-digest-{today:%Y%m%d}",
    )


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


# --- Commitments: the bullets of a published outcome document, followed up yearly ---

# Days a published outcome document waits before its commitments are first asked after.
DEFAULT_COMMITMENT_MIN_AGE_DAYS = 90
_MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): number for number, name in enumerate(calendar.month_abbr) if name})
_TARGET_DATE = re.compile(
    r"\b(?:by|until|before|in|end of|by the end of)\s+"
    r"(?:(?P<day>\d{1,2})\s+)?(?:(?P<month>[A-Za-z]{3,9})\.?\s+)?(?P<year>20\d\d)\b",
    re.IGNORECASE,
)


def commitment_target_date(text: str) -> dt.date | None:
    """The date a bullet promises, when one is written: "by 2027" → 31 December 2027, "by June
    2027" → 30 June 2027, "by 15 March 2026" → that day. The last of the month or year: the
    promise holds until then. None when no date is written (or the month is not a month)."""
    match = _TARGET_DATE.search(text)
    if match is None:
        return None
    year = int(match["year"])
    if match["month"] is None:
        return dt.date(year, 12, 31)
    month = _MONTHS.get(match["month"].lower())
    if month is None:
        return None
    last = calendar.monthrange(year, month)[1]
    day = int(match["day"]) if match["day"] else last
    return dt.date(year, month, min(max(day, 1), last))


def _commitment_key(text: str) -> str:
    return hashlib.sha256(" ".join(text.split()).casefold().encode()).hexdigest()


def commitments_sync(*, outcome: OutcomeDocument) -> dict[str, int]:
    """Makes the commitments of a published outcome document match its "tangible outcomes" and
    "actionable plan" bullets.

    Guarantees: idempotent (a bullet is known by its normalised text, so re-publishing or an
    unchanged correction creates nothing); a new bullet becomes a commitment with the target
    date written in it; a bullet removed by a later version is deleted when nobody answered it
    yet, and kept as withdrawn (its answer public, no longer asked) when somebody did; a bullet
    that comes back is un-withdrawn. Nothing happens for a document that is not public.
    Returns the counts created, withdrawn, deleted."""
    counts = {"created": 0, "withdrawn": 0, "deleted": 0}
    if outcome.status not in OUTCOME_PUBLIC_STATES:
        return counts
    with transaction.atomic():
        existing = {
            c.key: c for c in Commitment.objects.select_for_update().filter(outcome=outcome)
        }
        seen: set[str] = set()
        for section in COMMITMENT_SECTIONS:
            for position, text in enumerate(getattr(outcome, section) or []):
                text = " ".join(str(text).split())
                key = _commitment_key(text)
                if not text or key in seen:
                    continue
                seen.add(key)
                commitment = existing.get(key)
                if commitment is None:
                    Commitment.objects.create(
                        outcome=outcome,
                        section=section,
                        position=position,
                        text=text,
                        key=key,
                        target_date=commitment_target_date(text),
                    )
                    counts["created"] += 1
                elif (commitment.section, commitment.position, commitment.withdrawn_at) != (
                    section,
                    position,
                    None,
                ):
                    commitment.section, commitment.position = section, position
                    commitment.withdrawn_at = None
                    commitment.save(update_fields=["section", "position", "withdrawn_at"])
        now = timezone.now()
        for key, commitment in existing.items():
            if key in seen:
                continue
            if commitment.answered_at is None:
                commitment.delete()
                counts["deleted"] += 1
            elif commitment.withdrawn_at is None:
                commitment.withdrawn_at = now
                commitment.save(update_fields=["withdrawn_at"])
                counts["withdrawn"] += 1
        if any(counts.values()):
            public_cache_bump(CacheNamespace.EVENTS)
    return counts


def commitment_answer(
    *, commitment: Commitment, by: Any, status: str, answer: str, link: str = ""
) -> Commitment:
    """Records an organiser's (or the secretariat's) answer on where a commitment stands.

    Guarantees: only a member of one of the session's organisers or the secretariat
    (PermissionDenied otherwise); the status is one of done, in progress, dropped and the
    sentence is not empty (ValidationError naming the field, nothing saved); the answer
    replaces the previous one, which stays in the audit log; public at once."""
    if not may_answer_commitment(by, commitment):
        raise PermissionDenied(_("You may not answer for this commitment."))
    answer = (answer or "").strip()
    errors: dict[str, list[str]] = {}
    if status not in COMMITMENT_ANSWERS:
        errors["status"] = [_("Choose done, in progress or dropped.")]
    if not answer:
        errors["answer"] = [_("Say in a sentence where the commitment stands.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        before = {
            "status": commitment.status,
            "answer": commitment.answer,
            "answer_link": commitment.answer_link,
        }
        commitment.status = status
        commitment.answer = answer
        commitment.answer_link = (link or "").strip()
        commitment.answered_at = timezone.now()
        commitment.answered_by = by
        commitment.save(
            update_fields=["status", "answer", "answer_link", "answered_at", "answered_by"]
        )
        audit_record(
            actor=by,
            action="events_commitment.answer",
            obj=commitment,
            before=before,
            after={"status": status, "answer": answer, "answer_link": commitment.answer_link},
        )
        public_cache_bump(CacheNamespace.EVENTS)
    return commitment


def may_answer_commitment(user: Any, commitment: Commitment) -> bool:
    """The secretariat, or a verified member of one of the session's organisers."""
    return bool(
        getattr(user, "is_authenticated", False)
        and (
            is_secretariat(user)
            or (is_verified(user) and is_session_organiser(user, commitment.outcome.session))
        )
    )


def commitment_unsubscribe_token(user: Any) -> str:
    return signing.dumps(user.pk, salt=COMMITMENT_UNSUBSCRIBE_SALT)


def commitment_unsubscribe(*, token: str) -> Any:
    """Stops the yearly follow-up mails to the person named by a signed unsubscribe `token`
    (no sign-in needed; idempotent). Returns the person, or None for a token that is not ours."""
    try:
        user_id = signing.loads(token, salt=COMMITMENT_UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    user = User.objects.filter(pk=user_id).first()
    if user is None:
        return None
    with transaction.atomic():
        _, created = CommitmentMailOptOut.objects.get_or_create(user=user)
        if created:
            audit_record(actor=None, action="events_commitment.unsubscribe", obj=user)
    return user


def _commitment_min_age_days() -> int:
    return getattr(settings, "EVENTS_COMMITMENT_MIN_AGE_DAYS", DEFAULT_COMMITMENT_MIN_AGE_DAYS)


def commitment_followups_send(*, now: dt.datetime | None = None) -> int:
    """The yearly follow-up: mails every active member of an organisation with open commitments
    (published at least EVENTS_COMMITMENT_MIN_AGE_DAYS ago, not done, dropped or withdrawn) one
    message in their language listing them, with the page where they answer and a link to
    unsubscribe.

    Guarantees (the outbox's): one message per person and year, however many organisations or
    commitments and however often it runs (idempotency key of year and person); nobody who
    unsubscribed is mailed; an inactive account is never mailed. Returns the messages queued
    (existing ones included)."""
    now = now or timezone.now()
    year = timezone.localdate(now).year
    open_commitments = (
        Commitment.objects.filter(
            withdrawn_at__isnull=True,
            outcome__status__in=OUTCOME_PUBLIC_STATES,
            outcome__published_at__lte=now - dt.timedelta(days=_commitment_min_age_days()),
        )
        .exclude(status__in=COMMITMENT_SETTLED)
        .select_related("outcome__session__event")
        .order_by("outcome__session__starts_at", "outcome__session__number", "position")
    )
    by_session: dict[int, list[Commitment]] = {}
    for commitment in open_commitments:
        by_session.setdefault(commitment.outcome.session_id, []).append(commitment)
    if not by_session:
        return 0
    opted_out = set(CommitmentMailOptOut.objects.values_list("user_id", flat=True))
    members = (
        User.objects.filter(
            is_active=True,
            memberships__organisation__organised_sessions__in=list(by_session),
        )
        .exclude(pk__in=opted_out)
        .values_list("pk", "email", "memberships__organisation__organised_sessions")
        .distinct()
    )
    per_person: dict[tuple[int, str], list[Commitment]] = {}
    for user_id, email, session_id in members:
        if session_id in by_session:
            per_person.setdefault((user_id, email), []).extend(by_session[session_id])
    queued = 0
    for (user_id, email), commitments in sorted(per_person.items(), key=lambda item: item[0][1]):
        seen: set[int] = set()
        items = []
        for c in commitments:
            if c.pk in seen:
                continue
            seen.add(c.pk)
            items.append(
                {
                    "event": c.outcome.session.event.name,
                    "session_title": c.outcome.session.title,
                    "text": c.text,
                    "status": c.status,
                }
            )
        notification_queue(
            recipient=email,
            template="events_commitment_followup",
            context={
                "year": year,
                "commitments": items,
                "answer_path": reverse("events:commitment_mine"),
                "unsubscribe_path": reverse(
                    "events:commitment_unsubscribe",
                    kwargs={"token": commitment_unsubscribe_token(User(pk=user_id))},
                ),
            },
            idempotency_key=f"events-commitment-followup-{year}-{user_id}",
        )
        queued += 1
    return queued


# --- Outcome documents in other languages ---


def _may_translate_outcome(by: Any, outcome: OutcomeDocument) -> None:
    if not (is_secretariat(by) or (is_verified(by) and is_session_organiser(by, outcome))):
        raise PermissionDenied(_("Only the session's organisers or the secretariat may do this."))


def outcome_translation_save(
    *,
    outcome: OutcomeDocument,
    language: str,
    title: str,
    content: dict[str, Any],
    translator: str,
    by: Any,
) -> OutcomeTranslation:
    """Adds or replaces the translation of `outcome` into `language`: the session's title and
    the sections (bullets one per line; a section left empty is shown in the original). The
    session's organisers or the secretariat may, in any state; never into the document's own
    language. Dated, audited, searchable at once; a published document's pages show it at once
    (events/caching.py)."""
    _may_translate_outcome(by, outcome)
    cleaned = outcome_clean_content(content)
    with transaction.atomic():
        translation, _created = text_translation_save(
            translations=outcome.translations,
            language=language,
            original_language=outcome.text_language,
            values={
                "title": title,
                **cleaned,
                "search_text": _search_text_of(title, cleaned),
            },
            required=("title",),
            translator=translator,
            by=by,
            obj=outcome,
            action="events_outcome.translation",
        )
        outcome_search_vectors_refresh(outcome_ids=[outcome.pk])
    return translation


def outcome_translation_remove(*, outcome: OutcomeDocument, language: str, by: Any) -> None:
    """Removes the outcome document's translation into `language`, audited."""
    _may_translate_outcome(by, outcome)
    with transaction.atomic():
        deleted, _rows = outcome.translations.filter(language=language).delete()
        if deleted:
            audit_record(
                actor=by,
                action="events_outcome.translation_remove",
                obj=outcome,
                before={"language": language},
            )
            outcome_search_vectors_refresh(outcome_ids=[outcome.pk])
