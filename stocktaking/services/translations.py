"""Translations of an entry's text, added by its organisation or the secretariat."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from stocktaking.models import Entry, EntryTranslation
from stocktaking.rules import is_entry_member, is_moderator
from stocktaking.services.content import (
    entry_search_vector_refresh,
)
from wsis.models import User
from wsis.services import audit_record

# --- Translations of an entry ---


def entry_translation_save(
    *,
    entry: Entry,
    language: str,
    title: str,
    summary: str,
    description: str = "",
    translator: str,
    by: User,
) -> EntryTranslation:
    """Adds or replaces the translation of `entry`'s text into `language` (a member of its
    organisation or the secretariat may; never into the entry's own language), dated now and
    audited; the public pages (stocktaking/caching.py) and the search show it at once."""
    if not (is_entry_member(by, entry) or is_moderator(by, entry)):
        raise PermissionDenied(_("Only the organisation's members or the secretariat may do this."))
    if language not in dict(settings.LANGUAGES):
        raise ValidationError({"language": _("Choose one of the portal's languages.")})
    if language == entry.text_language:
        raise ValidationError({"language": _("The entry itself is written in this language.")})
    if not title.strip() or not summary.strip() or not translator.strip():
        raise ValidationError(_("A translation needs a title, a summary and its translator."))
    with transaction.atomic():
        translation, created = EntryTranslation.objects.update_or_create(
            entry=entry,
            language=language,
            defaults={
                "title": title.strip(),
                "summary": summary.strip(),
                "description": description.strip(),
                "translator": translator.strip(),
                "added_by": by,
                "translated_at": timezone.now(),
            },
        )
        audit_record(
            actor=by,
            action="stocktaking_entry.translation_add"
            if created
            else "stocktaking_entry.translation_change",
            obj=entry,
            after={"language": language, "title": translation.title, "translator": translator},
        )
        entry_search_vector_refresh(entry_ids=[entry.pk])
    return translation


def entry_translation_remove(*, entry: Entry, language: str, by: User) -> None:
    """Removes the translation of `entry` into `language` (a member of its organisation or the
    secretariat may), audited; the public pages and the search drop it at once."""
    if not (is_entry_member(by, entry) or is_moderator(by, entry)):
        raise PermissionDenied(_("Only the organisation's members or the secretariat may do this."))
    with transaction.atomic():
        deleted, _rows = EntryTranslation.objects.filter(entry=entry, language=language).delete()
        if not deleted:
            return
        audit_record(
            actor=by,
            action="stocktaking_entry.translation_remove",
            obj=entry,
            before={"language": language},
        )
        entry_search_vector_refresh(entry_ids=[entry.pk])
