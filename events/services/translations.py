"""An outcome document in other languages: added, replaced and removed by the session's
organisers or the secretariat, searchable at once."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from events.models import OutcomeDocument, OutcomeTranslation
from events.rules import is_session_organiser
from events.services.content import (
    _search_text_of,
    outcome_clean_content,
    outcome_search_vectors_refresh,
)
from wsis.rules import is_secretariat, is_verified
from wsis.services import audit_record, text_translation_save


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
