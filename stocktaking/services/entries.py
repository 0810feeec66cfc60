"""The owners' writes of a stocktaking entry: create (or import) a draft, edit it under the
optimistic lock, open a revision of a published entry, add and remove attachments."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Count, Sum
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from stocktaking.enums import (
    EDITABLE_STATES,
    OPEN_STATES,
    EntryStatus,
)
from stocktaking.models import Entry, EntryAttachment
from stocktaking.rules import is_entry_member
from stocktaking.services.content import (
    SCALAR_FIELDS,
    entry_content_clean,
    entry_content_of,
    entry_content_validate,
    entry_diff,
    entry_relations_set,
    entry_search_vector_refresh,
    entry_snapshot,
)
from stocktaking.uploads import image_clean, pdf_check
from stocktaking.workflow import STALE_MESSAGE
from wsis.locking import versioned_update
from wsis.models import Organisation, User
from wsis.services import audit_record


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
    content = entry_content_clean(content)
    cleaned_image = image_clean(image) if image else None
    with transaction.atomic():
        for name in SCALAR_FIELDS:
            if name in content:
                setattr(entry, name, content[name])
        entry.slug = slugify(entry.title)[:80] or "entry"
        if cleaned_image is not None:
            entry.image.save(cleaned_image.name, cleaned_image, save=False)
        entry.save()
        entry_relations_set(entry, content)
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
    other_links: Iterable[str] = (),
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
            other_links=list(other_links),
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

    Guarantees: a writer who loaded version `lock_version` is refused with
    `wsis.locking.StaleVersion` when anybody changed the entry meanwhile (compare-and-increment
    in the UPDATE itself); the audit
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
    merged = entry_content_clean({**entry_content_of(stored), **content})
    entry_content_validate(merged)
    cleaned_image = image_clean(image) if image else None
    with transaction.atomic():
        before = entry_snapshot(stored)
        scalars = {name: merged[name] for name in SCALAR_FIELDS}
        scalars["primary_action_line_id"] = scalars.pop("primary_action_line").pk
        versioned_update(
            entry,
            expected=lock_version,
            where={"status__in": EDITABLE_STATES},
            values={
                **scalars,
                "slug": slugify(merged["title"])[:80] or "entry",
                "updated_at": timezone.now(),
            },
            message=STALE_MESSAGE,
        )
        entry.refresh_from_db()
        if cleaned_image is not None:
            entry.image.save(cleaned_image.name, cleaned_image, save=False)
            entry.save(update_fields=["image"])
        entry_relations_set(entry, merged)
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
        entry_relations_set(revision, content)
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
