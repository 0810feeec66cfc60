"""Every write of WSIS Stocktaking: entries, their revisions, uploads and moderation decisions."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.contrib.postgres.search import SearchVector
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Count, F, Sum, Value
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from stocktaking.enums import (
    EDITABLE_STATES,
    ENTRY_CONTENT_FIELDS,
    ENTRY_RELATION_FIELDS,
    OPEN_STATES,
    SUMMARY_MAX_WORDS,
    ActivityStatus,
    Coverage,
    EntryStatus,
)
from stocktaking.models import Entry, EntryAttachment, EntryTranslation
from stocktaking.rules import is_entry_member, is_moderator
from stocktaking.selectors import moderation_queue_summary
from stocktaking.uploads import image_clean, pdf_check
from stocktaking.workflow import DECISIONS, ENTRY_WORKFLOW
from wsis.i18n import search_config
from wsis.models import Organisation, User
from wsis.services import audit_record, notification_queue
from wsis.workflow import workflow_transition

# The content of an entry (`ENTRY_CONTENT_FIELDS`), split as the services write it: the fields
# saved with the row, then the relations set after it.
SCALAR_FIELDS = tuple(name for name in ENTRY_CONTENT_FIELDS if name not in ENTRY_RELATION_FIELDS)
M2M_FIELDS = ENTRY_RELATION_FIELDS
CONTENT_FIELDS = SCALAR_FIELDS + M2M_FIELDS


class EntryConflict(ValidationError):
    """Somebody else changed the entry since it was loaded (optimistic locking)."""


def word_count(text: str) -> int:
    return len((text or "").split())


def entry_content_validate(content: dict[str, Any]) -> None:
    """Checks the rules a form or serializer cannot see field by field.

    Raises one ValidationError whose dict names every offending field.
    """
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    words = word_count(content.get("summary", ""))
    if words > SUMMARY_MAX_WORDS:
        add(
            "summary",
            _("The summary has %(count)d words; at most %(max)d are allowed.")
            % {"count": words, "max": SUMMARY_MAX_WORDS},
        )
    action_lines = list(content.get("action_lines") or [])
    if not action_lines:
        add("action_lines", _("Choose at least one Action Line."))
    primary = content.get("primary_action_line")
    if primary is None:
        add("primary_action_line", _("Choose the primary Action Line."))
    elif action_lines and primary not in action_lines:
        add("primary_action_line", _("The primary Action Line must be one of the Action Lines."))
    if not list(content.get("sdgs") or []):
        add("sdgs", _("Choose at least one SDG."))
    coverage = content.get("coverage")
    if coverage == Coverage.NATIONAL and not list(content.get("countries") or []):
        add("countries", _("Choose at least one country, or choose regional or global coverage."))
    if coverage == Coverage.REGIONAL and not list(content.get("regions") or []):
        add("regions", _("Choose at least one ITU region for a regional entry."))
    start, end = content.get("start_date"), content.get("end_date")
    if start and end and end < start:
        add("end_date", _("The end date is before the start date."))
    if content.get("activity_status") == ActivityStatus.COMPLETED and not end:
        add("end_date", _("A completed activity needs its end date."))
    if not content.get("website"):
        add("website", _("Give the website of the activity."))
    if errors:
        raise ValidationError(errors)


def _regions_of(content: dict[str, Any]) -> list:
    """The regions stored for an entry: chosen ones (regional) plus those of its countries."""
    regions = {region.pk: region for region in content.get("regions") or []}
    if content.get("coverage") == Coverage.GLOBAL:
        return []
    for country in content.get("countries") or []:
        regions.setdefault(country.region_id, country.region)
    return list(regions.values())


def _set_relations(entry: Entry, content: dict[str, Any]) -> None:
    countries = [] if content.get("coverage") != Coverage.NATIONAL else content.get("countries")
    entry.countries.set(countries or [])
    entry.regions.set(_regions_of({**content, "countries": countries or []}))
    entry.action_lines.set(content.get("action_lines") or [])
    entry.sdgs.set(content.get("sdgs") or [])
    entry.gdc_objectives.set(content.get("gdc_objectives") or [])


def entry_snapshot(entry: Entry) -> dict[str, Any]:
    """The entry's content as JSON-able values (for the audit log and the admin's diff)."""
    snapshot: dict[str, Any] = {}
    for name in SCALAR_FIELDS:
        value = getattr(entry, name)
        if name == "primary_action_line":
            value = entry.primary_action_line.code if entry.primary_action_line_id else None
        elif hasattr(value, "isoformat"):
            value = value.isoformat()
        snapshot[name] = value
    snapshot["countries"] = sorted(c.country.code for c in entry.countries.all())
    snapshot["regions"] = sorted(r.code for r in entry.regions.all())
    snapshot["action_lines"] = [a.code for a in entry.action_lines.all()]
    snapshot["sdgs"] = sorted(s.number for s in entry.sdgs.all())
    snapshot["gdc_objectives"] = sorted(g.number for g in entry.gdc_objectives.all())
    snapshot["image"] = entry.image.name or ""
    snapshot["attachments"] = [a.title for a in entry.attachments.all()]
    return snapshot


def entry_diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The fields whose values differ: {field: {"before": …, "after": …}}."""
    return {
        key: {"before": before.get(key), "after": after.get(key)}
        for key in after
        if before.get(key) != after.get(key)
    }


def entry_search_vector_refresh(*, entry_ids: Iterable[int]) -> None:
    """Recomputes the stored search vector (PostgreSQL only; SQLite searches with icontains).

    Weights: title A, summary B, description, organisation and partners C.
    The entry's own text is stemmed in its language, each translation in its own, with the same
    weights, so that a search finds an entry by its translations too.
    """
    if not settings.IS_POSTGRESQL:
        return
    ids = list(entry_ids)
    translations: dict[int, list[EntryTranslation]] = {}
    for translation in EntryTranslation.objects.filter(entry_id__in=ids):
        translations.setdefault(translation.entry_id, []).append(translation)
    for entry_id, organisation_name, language in Entry.objects.filter(pk__in=ids).values_list(
        "pk", "organisation__name", "text_language"
    ):
        config = search_config(language)
        vector = (
            SearchVector("title", weight="A", config=config)
            + SearchVector("summary", weight="B", config=config)
            + SearchVector("description", weight="C", config=config)
            + SearchVector("partners", weight="C", config=config)
            + SearchVector(Value(organisation_name), weight="C", config=config)
        )
        for translation in translations.get(entry_id, ()):
            other = search_config(translation.language)
            vector = (
                vector
                + SearchVector(Value(translation.title), weight="A", config=other)
                + SearchVector(Value(translation.summary), weight="B", config=other)
                + SearchVector(Value(translation.description), weight="C", config=other)
            )
        Entry.objects.filter(pk=entry_id).update(search_vector=vector)


def entry_create(
    *,
    organisation: Organisation,
    by: User,
    content: dict[str, Any],
    image: UploadedFile | None = None,
) -> Entry:
    """Creates a draft of `organisation` (the creator must be a verified member).

    Guarantees: the content is validated (see `entry_content_validate`), the image is checked and
    re-encoded, everything is written in one transaction with an audit row; no mail.
    """
    entry = Entry(organisation=organisation, created_by=by, status=EntryStatus.DRAFT)
    if not is_entry_member(by, entry):
        raise PermissionDenied(_("Only verified members of the organisation may add entries."))
    entry_content_validate(content)
    cleaned_image = image_clean(image) if image else None
    with transaction.atomic():
        for name in SCALAR_FIELDS:
            if name in content:
                setattr(entry, name, content[name])
        entry.slug = slugify(entry.title)[:80] or "entry"
        if cleaned_image is not None:
            entry.image.save(cleaned_image.name, cleaned_image, save=False)
        entry.save()
        _set_relations(entry, content)
        audit_record(
            actor=by,
            action="stocktaking_entry.create",
            obj=entry,
            after=entry_snapshot(entry),
        )
    entry_search_vector_refresh(entry_ids=[entry.pk])
    return entry


def entry_import_draft(
    *,
    organisation: Organisation,
    kind: str,
    title: str,
    summary: str,
    description: str = "",
    website: str = "",
    sdgs: Iterable[Any] = (),
    partners: str = "",
    beneficiaries: str = "",
    languages: str = "",
    by: User | None = None,
) -> tuple[Entry, bool]:
    """Creates a draft of `organisation` from an imported document (e.g. the UN DESA
    questionnaire) with what the document gives; returns (entry, created).

    Unlike `entry_create`, the content is not validated: an imported draft may lack Action
    Lines, coverage or website, and `entry_submit` refuses it until the owner completes them.
    Idempotent: a non-revision entry of the same organisation, kind and title is returned as it
    is (created False). Runs in the caller's transaction (a savepoint) with one audit row; no
    mail. Values longer than their fields are cut to fit.
    """
    title = title.strip()[: Entry._meta.get_field("title").max_length]
    with transaction.atomic():
        existing = (
            Entry.objects.select_for_update()
            .filter(organisation=organisation, kind=kind, title=title, revision_of__isnull=True)
            .first()
        )
        if existing is not None:
            return existing, False
        entry = Entry.objects.create(
            organisation=organisation,
            created_by=by if getattr(by, "is_authenticated", False) else None,
            status=EntryStatus.DRAFT,
            kind=kind,
            title=title,
            slug=slugify(title)[:80] or "entry",
            summary=summary,
            description=description,
            website=website[: Entry._meta.get_field("website").max_length],
            partners=partners,
            target_beneficiaries=beneficiaries,
            languages=languages[: Entry._meta.get_field("languages").max_length],
        )
        entry.sdgs.set(list(sdgs))
        audit_record(
            actor=by,
            action="stocktaking_entry.import",
            obj=entry,
            after=entry_snapshot(entry),
        )
        entry_search_vector_refresh(entry_ids=[entry.pk])
    return entry, True


def entry_update(
    *,
    entry: Entry,
    by: User,
    content: dict[str, Any],
    lock_version: int,
    image: UploadedFile | None = None,
) -> Entry:
    """Changes the content of a draft or of an entry whose changes were requested.

    Guarantees: a writer who loaded version `lock_version` is refused with EntryConflict when
    anybody changed the entry meanwhile (compare-and-increment in the UPDATE itself); the audit
    row holds the changed fields before and after; all or nothing.
    """
    if not is_entry_member(by, entry):
        raise PermissionDenied(_("Only members of the owning organisation may edit this entry."))
    if entry.status not in EDITABLE_STATES:
        raise ValidationError(
            _("This entry is “%(status)s” and cannot be edited now.")
            % {"status": entry.get_status_display()},
            code="not_editable",
        )
    stored = Entry.objects.get(pk=entry.pk)
    merged = {**entry_content_of(stored), **content}
    entry_content_validate(merged)
    cleaned_image = image_clean(image) if image else None
    with transaction.atomic():
        before = entry_snapshot(stored)
        scalars = {name: merged[name] for name in SCALAR_FIELDS}
        scalars["primary_action_line_id"] = scalars.pop("primary_action_line").pk
        updated = Entry.objects.filter(
            pk=entry.pk, lock_version=lock_version, status__in=EDITABLE_STATES
        ).update(
            **scalars,
            slug=slugify(merged["title"])[:80] or "entry",
            lock_version=F("lock_version") + 1,
            updated_at=timezone.now(),
        )
        if updated != 1:
            raise EntryConflict(
                _(
                    "Somebody else changed this entry while you were editing it. "
                    "Reload it to see their changes, then apply yours again."
                ),
                code="conflict",
            )
        entry.refresh_from_db()
        if cleaned_image is not None:
            entry.image.save(cleaned_image.name, cleaned_image, save=False)
            entry.save(update_fields=["image"])
        _set_relations(entry, merged)
        after = entry_snapshot(entry)
        changes = entry_diff(before, after)
        audit_record(
            actor=by,
            action="stocktaking_entry.update",
            obj=entry,
            before={key: change["before"] for key, change in changes.items()},
            after={key: change["after"] for key, change in changes.items()},
        )
    entry_search_vector_refresh(entry_ids=[entry.pk])
    return entry


def entry_content_of(entry: Entry) -> dict[str, Any]:
    """The entry's content in the shape `entry_create`/`entry_update` take."""
    content: dict[str, Any] = {name: getattr(entry, name) for name in SCALAR_FIELDS}
    for name in M2M_FIELDS:
        content[name] = list(getattr(entry, name).all())
    return content


def entry_revision_start(*, entry: Entry, by: User) -> Entry:
    """Opens a revision (a draft copy) of a published entry, or returns the one already open.

    The published entry stays public and unchanged until the revision is approved.
    """
    if not is_entry_member(by, entry):
        raise PermissionDenied(_("Only members of the owning organisation may edit this entry."))
    if entry.status != EntryStatus.APPROVED or entry.revision_of_id is not None:
        raise ValidationError(_("Only a published entry can be revised."), code="not_published")
    with transaction.atomic():
        Entry.objects.select_for_update().filter(pk=entry.pk).first()
        existing = entry.revisions.filter(status__in=OPEN_STATES).first()
        if existing is not None:
            return existing
        content = entry_content_of(entry)
        revision = Entry(
            organisation=entry.organisation,
            created_by=by,
            revision_of=entry,
            status=EntryStatus.DRAFT,
            slug=entry.slug,
            image=entry.image.name,
        )
        for name in SCALAR_FIELDS:
            setattr(revision, name, content[name])
        revision.save()
        _set_relations(revision, content)
        EntryAttachment.objects.bulk_create(
            EntryAttachment(entry=revision, title=a.title, file=a.file.name, size=a.size)
            for a in entry.attachments.all()
        )
        audit_record(
            actor=by,
            action="stocktaking_entry.revision_start",
            obj=entry,
            after={"revision": revision.pk},
        )
    return revision


def entry_submit(*, entry: Entry, by: User) -> Entry:
    """Sends a draft (or an entry whose changes were requested) to the secretariat's queue.

    Audited; the secretariat learns of it in the daily digest, not by one mail per entry.
    """
    target = (
        EntryStatus.RESUBMITTED
        if entry.status == EntryStatus.CHANGES_REQUESTED
        else EntryStatus.SUBMITTED
    )
    entry_content_validate(entry_content_of(entry))
    entry.submitted_at = timezone.now()
    entry.submitted_by = by
    entry.decision_reason = ""
    _transition(
        entry,
        to=target,
        by=by,
        update_fields=("submitted_at", "submitted_by", "decision_reason"),
    )
    return entry


def _transition(
    entry: Entry, *, to: str, by: User, reason: str = "", update_fields: Iterable[str] = ()
) -> None:
    # A state change also makes open edit forms stale: lock_version is incremented in the UPDATE.
    entry.lock_version = F("lock_version") + 1
    try:
        workflow_transition(
            workflow=ENTRY_WORKFLOW,
            obj=entry,
            to=to,
            by=by,
            reason=reason,
            update_fields=(*update_fields, "lock_version"),
        )
    finally:
        entry.refresh_from_db(fields=["lock_version", "status"])


def entry_withdraw(*, entry: Entry, by: User, reason: str = "") -> Entry:
    """The owner takes the entry (or revision) out of moderation for good. Audited; no mail."""
    _transition(entry, to=EntryStatus.WITHDRAWN, by=by, reason=reason)
    return entry


def entry_decide(*, entry: Entry, to: str, by: User, reason: str = "") -> Entry:
    """The secretariat's decision on an entry in the queue: approve, request changes or reject.

    Guarantees: only from submitted/resubmitted and only by the secretariat; a reason is required
    to request changes or reject and is stored for the submitter; the submitter is mailed after
    commit (with the reason). Approving a revision copies it into the published entry in the same
    transaction (see `entry_revision_apply`).
    """
    if to not in DECISIONS:
        raise ValidationError(_("Not a moderation decision."), code="not_a_decision")
    with transaction.atomic():
        entry.decision_reason = (reason or "").strip()
        update_fields = ["decision_reason"]
        if to == EntryStatus.APPROVED:
            entry.approved_at = timezone.now()
            update_fields.append("approved_at")
        _transition(entry, to=to, by=by, reason=reason, update_fields=update_fields)
        if to == EntryStatus.APPROVED and entry.revision_of_id is not None:
            return entry_revision_apply(revision=entry, by=by)
    if to == EntryStatus.APPROVED:
        entry_search_vector_refresh(entry_ids=[entry.pk])
    return entry


def entry_approve(*, entry: Entry, by: User, reason: str = "") -> Entry:
    return entry_decide(entry=entry, to=EntryStatus.APPROVED, by=by, reason=reason)


def entry_request_changes(*, entry: Entry, by: User, reason: str) -> Entry:
    return entry_decide(entry=entry, to=EntryStatus.CHANGES_REQUESTED, by=by, reason=reason)


def entry_reject(*, entry: Entry, by: User, reason: str) -> Entry:
    return entry_decide(entry=entry, to=EntryStatus.REJECTED, by=by, reason=reason)


def entry_archive(*, entry: Entry, by: User, reason: str = "") -> Entry:
    """Takes a published entry off the public database (secretariat). Audited; submitter mailed."""
    _transition(entry, to=EntryStatus.ARCHIVED, by=by, reason=reason)
    return entry


def entry_revision_apply(*, revision: Entry, by: User) -> Entry:
    """Copies an approved revision into its published entry.

    The revision itself stays, approved, as the record of what was published (never public: it
    has `revision_of`).

    Runs inside the caller's transaction: the public entry changes all at once or not at all; the
    audit row on the published entry holds the changed fields before and after.
    """
    published = Entry.objects.select_for_update().get(pk=revision.revision_of_id)
    before = entry_snapshot(published)
    content = entry_content_of(revision)
    for name in SCALAR_FIELDS:
        setattr(published, name, content[name])
    published.slug = slugify(published.title)[:80] or "entry"
    published.image = revision.image.name
    published.lock_version += 1
    published.updated_at = timezone.now()
    published.save()
    _set_relations(published, content)
    published.attachments.all().delete()
    EntryAttachment.objects.bulk_create(
        EntryAttachment(entry=published, title=a.title, file=a.file.name, size=a.size)
        for a in revision.attachments.all()
    )
    after = entry_snapshot(published)
    changes = entry_diff(before, after)
    audit_record(
        actor=by,
        action="stocktaking_entry.revision_apply",
        obj=published,
        before={key: change["before"] for key, change in changes.items()},
        after={key: change["after"] for key, change in changes.items()},
        reason=_("Revision %(id)s approved.") % {"id": revision.pk},
    )
    entry_search_vector_refresh(entry_ids=[published.pk])
    return published


def entry_attachment_add(
    *, entry: Entry, by: User, upload: UploadedFile, title: str = ""
) -> EntryAttachment:
    """Attaches a checked PDF to an editable entry under a server-generated name (audited).
    The entry's attachments stay within STOCKTAKING_ATTACHMENTS_MAX_COUNT and
    STOCKTAKING_ATTACHMENTS_MAX_TOTAL_MB, also against concurrent uploads (the entry's row is
    locked while they are counted)."""
    if not is_entry_member(by, entry):
        raise PermissionDenied(_("Only members of the owning organisation may edit this entry."))
    if entry.status not in EDITABLE_STATES:
        raise ValidationError(_("This entry cannot be edited now."), code="not_editable")
    pdf_check(upload)
    with transaction.atomic():
        Entry.objects.select_for_update().filter(pk=entry.pk).first()
        _attachments_within_limits(entry, upload.size)
        attachment = EntryAttachment(
            entry=entry,
            title=(title or upload.name or "attachment")[:200],
            size=upload.size,
        )
        attachment.file.save("attachment.pdf", upload, save=False)
        attachment.save()
        audit_record(
            actor=by,
            action="stocktaking_entry.attachment_add",
            obj=entry,
            after={"attachment": attachment.title, "size": attachment.size},
        )
    return attachment


def _attachments_within_limits(entry: Entry, size: int) -> None:
    attached = EntryAttachment.objects.filter(entry=entry).aggregate(
        count=Count("pk"), total=Sum("size")
    )
    most = settings.STOCKTAKING_ATTACHMENTS_MAX_COUNT
    if attached["count"] >= most:
        raise ValidationError(
            _("An entry has at most %(max)s attachments: remove one first.") % {"max": most},
            code="too_many_attachments",
        )
    total_mb = settings.STOCKTAKING_ATTACHMENTS_MAX_TOTAL_MB
    if (attached["total"] or 0) + size > total_mb * 1024**2:
        raise ValidationError(
            _(
                "The attachments of an entry take at most %(max)s MB together; with this file "
                "they would take %(size)s MB."
            )
            % {"max": total_mb, "size": round(((attached["total"] or 0) + size) / 1024**2, 1)},
            code="attachments_too_large",
        )


def entry_attachment_remove(*, attachment: EntryAttachment, by: User) -> None:
    """Removes an attachment of an editable entry (audited); its file is deleted from the
    storage once the removal is committed."""
    entry = attachment.entry
    if not is_entry_member(by, entry):
        raise PermissionDenied(_("Only members of the owning organisation may edit this entry."))
    if entry.status not in EDITABLE_STATES:
        raise ValidationError(_("This entry cannot be edited now."), code="not_editable")
    with transaction.atomic():
        audit_record(
            actor=by,
            action="stocktaking_entry.attachment_remove",
            obj=entry,
            before={"attachment": attachment.title},
        )
        storage, name = attachment.file.storage, attachment.file.name
        attachment.delete()
        transaction.on_commit(lambda: storage.delete(name))


# --- The secretariat's daily digest ---


def moderation_digest_send(*, now=None) -> bool:
    """Queues one mail to SECRETARIAT_EMAIL listing what waits in the moderation queue and for
    how long (at most one per day: the date is the idempotency key). Nothing is sent when the
    queue is empty. Returns whether a digest was queued."""
    now = now or timezone.now()
    summary = moderation_queue_summary(now=now)
    if summary.total == 0:
        return False
    notification_queue(
        recipient=settings.SECRETARIAT_EMAIL,
        template="stocktaking_moderation_digest",
        context={
            "total": summary.total,
            "older_than_week": summary.older_than_week,
            "entries": [
                {
                    "id": entry.pk,
                    "title": entry.title,
                    "organisation": entry.organisation.name,
                    "state": str(entry.get_status_display()),
                    "is_revision": entry.revision_of_id is not None,
                    "days": (now - entry.submitted_at).days if entry.submitted_at else 0,
                }
                for entry in summary.oldest
            ],
        },
        idempotency_key=f"stocktaking-digest-{timezone.localdate(now).isoformat()}",
    )
    return True


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
