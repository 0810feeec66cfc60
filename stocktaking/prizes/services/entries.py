"""Prize entries: created, edited (optimistic locking), submitted and decided through the prize
entry workflow."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from stocktaking.models import Entry
from stocktaking.prizes.enums import (
    CONTENT_FIELDS,
    DESCRIPTION_MAX_WORDS,
    DESCRIPTION_MIN_WORDS,
    EDITABLE_STATES,
    ENGLISH_FIELDS,
    WINNING_STATES,
    Phase,
    PrizeEntryStatus,
)
from stocktaking.prizes.language import english_errors
from stocktaking.prizes.models import (
    Category,
    Contest,
    PrizeEntry,
    PrizeEntryTranslation,
)
from stocktaking.prizes.services.contests import entries_closed_message, phase_require
from stocktaking.prizes.workflow import PRIZE_ENTRY_WORKFLOW, STALE_MESSAGE
from wsis.locking import versioned_update
from wsis.models import Organisation, User
from wsis.rich_text import long_text_clean, long_text_plain, long_text_words
from wsis.rules import is_organisation_member, is_secretariat, is_verified
from wsis.services import audit_record, text_translation_save
from wsis.workflow import workflow_transition

# Stocktaking entries in these states cannot be entered for a prize.
_CLOSED_STOCKTAKING_STATES = ("rejected", "withdrawn", "archived")


# --- Prize entries ---


def _content_clean(content: dict[str, Any]) -> dict[str, Any]:
    """`content` with its description as stored: the editor's HTML through the portal's
    allow-list, plain text as written (`wsis.rich_text.long_text_clean`)."""
    if "description" not in content:
        return content
    return {**content, "description": long_text_clean(str(content["description"] or ""))}


def _content_texts(content: dict[str, Any]) -> dict[str, str]:
    """The text of each content field as the rules read it: the description's plain text
    whether it was written with the editor (HTML) or without."""
    texts = {field: str(content.get(field) or "") for field in CONTENT_FIELDS}
    texts["description"] = long_text_plain(texts["description"])
    return texts


def _content_errors(content: dict[str, Any]) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    texts = _content_texts(content)
    # The words of the text, never of the editor's tags: an editor left empty has none.
    words = long_text_words(str(content.get("description") or ""))
    for field in CONTENT_FIELDS:
        if not texts[field].strip() or (field == "description" and not words):
            errors[field] = [_("This field is required.")]
    if not content.get("sdgs"):
        errors["sdgs"] = [_("Choose at least one SDG.")]
    if "description" not in errors and not (
        DESCRIPTION_MIN_WORDS <= words <= DESCRIPTION_MAX_WORDS
    ):
        errors["description"] = [
            _("The description must have %(min)d to %(max)d words; it has %(count)d.")
            % {"min": DESCRIPTION_MIN_WORDS, "max": DESCRIPTION_MAX_WORDS, "count": words}
        ]
    for field, messages in english_errors(
        {
            field: (str(PrizeEntry._meta.get_field(field).verbose_name), texts[field])
            for field in ENGLISH_FIELDS
            if texts[field].strip()
        }
    ).items():
        errors.setdefault(field, []).extend(messages)
    return errors


def _rule_errors(
    *,
    contest: Contest,
    organisation: Organisation,
    category: Category,
    stocktaking_entry: Entry,
    exclude_pk: int | None = None,
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if category.contest_id != contest.pk:
        errors["category"] = [_("Choose a category of the %(contest)s.") % {"contest": contest}]
    elif (
        PrizeEntry.objects.filter(contest=contest, category=category, organisation=organisation)
        .exclude(pk=exclude_pk)
        .exists()
    ):
        errors["category"] = [_duplicate_message(category)]
    if (
        stocktaking_entry.organisation_id != organisation.pk
        or stocktaking_entry.revision_of_id is not None
        or stocktaking_entry.status in _CLOSED_STOCKTAKING_STATES
    ):
        errors["stocktaking_entry"] = [
            _("Choose one of %(organisation)s's stocktaking entries.")
            % {"organisation": organisation.name}
        ]
    else:
        past_win = (
            PrizeEntry.objects.filter(
                stocktaking_entry=stocktaking_entry,
                status__in=WINNING_STATES,
                contest__year__lt=contest.year,
            )
            .select_related("contest")
            .order_by("contest__year")
            .first()
        )
        if past_win is not None:
            errors["stocktaking_entry"] = [
                _("“%(title)s” won a WSIS Prize in %(year)d: past winners are not eligible.")
                % {"title": stocktaking_entry.title, "year": past_win.contest.year}
            ]
    return errors


def _duplicate_message(category: Category) -> str:
    return _(
        "Your organisation already has an entry in the category “%(category)s” of this contest."
    ) % {"category": category.name}


def _require_member(user: User, organisation: Organisation) -> None:
    if not is_verified(user):
        raise PermissionDenied(_("Confirm your e-mail address before entering a prize."))
    if not is_organisation_member(user, organisation):
        raise PermissionDenied(_("You are not a member of this organisation."))


def prize_entry_create(
    *,
    by: User,
    contest: Contest,
    organisation: Organisation,
    category: Category,
    stocktaking_entry: Entry,
    content: dict[str, Any],
    now: datetime,
) -> PrizeEntry:
    """Saves a new draft entry after checking, at `now`, that entries are open, that `by`
    belongs to the organisation and every rule (one entry per organisation and category, the
    word limits, required fields, past winners). The unique constraint backs the first rule
    against a concurrent create. Audited."""
    _require_member(by, organisation)
    phase_require(contest, now, Phase.ENTRIES_OPEN, message=entries_closed_message(contest, now))
    content = _content_clean(content)
    errors = _rule_errors(
        contest=contest,
        organisation=organisation,
        category=category,
        stocktaking_entry=stocktaking_entry,
    )
    errors.update(_content_errors(content))
    if errors:
        raise ValidationError(errors)
    entry = PrizeEntry(
        contest=contest,
        category=category,
        organisation=organisation,
        stocktaking_entry=stocktaking_entry,
        created_by=by,
        **{field: content[field].strip() for field in CONTENT_FIELDS},
    )
    try:
        with transaction.atomic():
            entry.save()
            entry.sdgs.set(content["sdgs"])
            entry.gdc_objectives.set(content.get("gdc_objectives") or [])
            audit_record(
                actor=by,
                action="prize_entry.create",
                obj=entry,
                after={"category": category.slug, "organisation": organisation.slug},
            )
    except IntegrityError as exc:
        raise ValidationError({"category": [_duplicate_message(category)]}) from exc
    return entry


def prize_entry_update(
    *,
    entry: PrizeEntry,
    by: User,
    lock_version: int,
    category: Category,
    stocktaking_entry: Entry,
    content: dict[str, Any],
    now: datetime,
) -> PrizeEntry:
    """Changes a draft entry if nobody changed it since `lock_version` (compare-and-increment in
    the UPDATE: a stale editor gets `wsis.locking.StaleVersion`, never overwrites). Same checks
    as creation."""
    _require_member(by, entry.organisation)
    phase_require(
        entry.contest, now, Phase.ENTRIES_OPEN, message=entries_closed_message(entry.contest, now)
    )
    if entry.status not in EDITABLE_STATES:
        raise ValidationError(_("A submitted entry can no longer be changed."), code="not_draft")
    content = _content_clean(content)
    errors = _rule_errors(
        contest=entry.contest,
        organisation=entry.organisation,
        category=category,
        stocktaking_entry=stocktaking_entry,
        exclude_pk=entry.pk,
    )
    errors.update(_content_errors(content))
    if errors:
        raise ValidationError(errors)
    values = {field: content[field].strip() for field in CONTENT_FIELDS}
    try:
        with transaction.atomic():
            versioned_update(
                entry,
                expected=lock_version,
                where={"status__in": EDITABLE_STATES},
                values={
                    "category": category,
                    "stocktaking_entry": stocktaking_entry,
                    "updated_at": now,
                    **values,
                },
                message=STALE_MESSAGE,
            )
            entry.sdgs.set(content["sdgs"])
            entry.gdc_objectives.set(content.get("gdc_objectives") or [])
            audit_record(actor=by, action="prize_entry.update", obj=entry, after=values)
    except IntegrityError as exc:
        raise ValidationError({"category": [_duplicate_message(category)]}) from exc
    entry.refresh_from_db()
    return entry


def prize_entry_submit(*, entry: PrizeEntry, by: User, now: datetime) -> PrizeEntry:
    """Submits a draft before the deadline (checked at `now`). The workflow locks the row, so of
    many concurrent submissions exactly one succeeds; the others get TransitionNotAllowed. The
    organisation's members and the secretariat are told after commit."""
    _require_member(by, entry.organisation)
    phase_require(
        entry.contest, now, Phase.ENTRIES_OPEN, message=entries_closed_message(entry.contest, now)
    )
    errors = _rule_errors(
        contest=entry.contest,
        organisation=entry.organisation,
        category=entry.category,
        stocktaking_entry=entry.stocktaking_entry,
        exclude_pk=entry.pk,
    )
    content = {field: getattr(entry, field) for field in CONTENT_FIELDS}
    content["sdgs"] = list(entry.sdgs.values_list("pk", flat=True))
    errors.update(_content_errors(content))
    if errors:
        raise ValidationError(errors)
    entry.submitted_at = now
    workflow_transition(
        workflow=PRIZE_ENTRY_WORKFLOW,
        obj=entry,
        to=PrizeEntryStatus.SUBMITTED,
        by=by,
        update_fields=("submitted_at",),
    )
    return entry


def prize_entry_decide(
    *, entry: PrizeEntry, eligible: bool, by: User, reason: str = ""
) -> PrizeEntry:
    """The secretariat's eligibility decision; a refusal needs a reason, shown to the submitter.
    Audited; the organisation's members are told after commit."""
    entry.decision_reason = "" if eligible else (reason or "").strip()
    workflow_transition(
        workflow=PRIZE_ENTRY_WORKFLOW,
        obj=entry,
        to=PrizeEntryStatus.ELIGIBLE if eligible else PrizeEntryStatus.INELIGIBLE,
        by=by,
        reason=reason,
        update_fields=("decision_reason",),
    )
    return entry


# --- Translations of a prize entry (for readers; the contest judges the English text) ---


def _may_translate(by: User, entry: PrizeEntry) -> None:
    if not (is_secretariat(by) or entry.organisation.memberships.filter(user=by).exists()):
        raise PermissionDenied(_("Only the organisation's members or the secretariat may do this."))


def prize_entry_translation_save(
    *, entry: PrizeEntry, language: str, title: str, description: str, translator: str, by: User
) -> PrizeEntryTranslation:
    """Adds or replaces the translation of the entry's title and description into `language`
    (a member of its organisation or the secretariat may; never into English, the contest's
    language), dated and audited; the public pages show it at once (prizes/caching.py). The
    English text stays the one the contest judges and voters are shown first."""
    _may_translate(by, entry)
    with transaction.atomic():
        translation, _created = text_translation_save(
            translations=entry.translations,
            language=language,
            original_language=entry.text_language,
            values={"title": title, "description": description},
            required=("title", "description"),
            translator=translator,
            by=by,
            obj=entry,
            action="prize_entry.translation",
        )
    return translation


def prize_entry_translation_remove(*, entry: PrizeEntry, language: str, by: User) -> None:
    """Removes the entry's translation into `language`, audited."""
    _may_translate(by, entry)
    with transaction.atomic():
        deleted, _rows = entry.translations.filter(language=language).delete()
        if deleted:
            audit_record(
                actor=by,
                action="prize_entry.translation_remove",
                obj=entry,
                before={"language": language},
            )
