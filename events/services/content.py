"""An outcome document's content: its bullets cleaned, the template's limits checked, and its
stored search vector (the session title, the sections and every translation, each weighted and
in its own language's configuration)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import connection
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from events.models import OUTCOME_CONTENT_FIELDS, OUTCOME_SECTIONS, Session
from wsis.i18n import SEARCH_CONFIGS


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
