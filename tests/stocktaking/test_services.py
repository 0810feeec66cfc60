"""The entry services: workflow, revisions, optimistic locking, uploads, notifications."""

import io

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from stocktaking import services, uploads
from stocktaking.enums import EntryStatus
from stocktaking.models import Entry
from tests.factories import MembershipFactory, secretariat_user
from tests.stocktaking.factories import EntryFactory
from wsis.locking import StaleVersion
from wsis.models import ActionLine, AuditEntry, CountryRegion, Sdg
from wsis.workflow import ReasonRequired, TransitionNotAllowed

pytestmark = pytest.mark.django_db


def content(**overrides):
    c2 = ActionLine.objects.get(code="C2")
    values = {
        "kind": "project",
        "title": "Digital skills for rural women",
        "summary": "Trains rural women in digital skills.",
        "description": "Long text.",
        "coverage": "national",
        "countries": [CountryRegion.objects.get(country="KE")],
        "regions": [],
        "action_lines": [c2],
        "primary_action_line": c2,
        "sdgs": [Sdg.objects.get(number=5)],
        "gdc_objectives": [],
        "activity_status": "ongoing",
        "website": "https://example.org/",
        "other_links": [],
    }
    values.update(overrides)
    return values


@pytest.fixture
def member():
    return MembershipFactory().user


def test_entry_create_sets_regions_and_audits(member):
    organisation = member.memberships.get().organisation
    entry = services.entry_create(organisation=organisation, by=member, content=content())
    assert entry.status == EntryStatus.DRAFT
    assert [r.code for r in entry.regions.all()] == ["africa"]
    assert AuditEntry.objects.filter(action="stocktaking_entry.create").count() == 1


def test_entry_create_by_non_member_is_refused(member):
    other = MembershipFactory().user
    organisation = member.memberships.get().organisation
    with pytest.raises(PermissionDenied):
        services.entry_create(organisation=organisation, by=other, content=content())


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"action_lines": []}, "action_lines"),
        ({"summary": "word " * 151}, "summary"),
        ({"sdgs": []}, "sdgs"),
        ({"primary_action_line": None}, "primary_action_line"),
        ({"countries": []}, "countries"),
        ({"website": ""}, "website"),
        ({"activity_status": "completed", "end_date": None}, "end_date"),
    ],
)
def test_entry_create_bad_content_names_the_field(member, overrides, field):
    organisation = member.memberships.get().organisation
    with pytest.raises(ValidationError) as error:
        services.entry_create(organisation=organisation, by=member, content=content(**overrides))
    assert list(error.value.message_dict) == [field]
    assert Entry.objects.count() == 0


def test_summary_of_151_words_message(member):
    organisation = member.memberships.get().organisation
    with pytest.raises(ValidationError) as error:
        services.entry_create(
            organisation=organisation, by=member, content=content(summary="word " * 151)
        )
    assert error.value.message_dict["summary"] == [
        "The summary has 151 words; at most 150 are allowed."
    ]


def test_full_cycle_with_reasons_and_mails(member, django_capture_on_commit_callbacks):
    organisation = member.memberships.get().organisation
    secretariat = secretariat_user()
    entry = services.entry_create(organisation=organisation, by=member, content=content())
    with django_capture_on_commit_callbacks(execute=True):
        services.entry_submit(entry=entry, by=member)
        assert entry.status == EntryStatus.SUBMITTED
        with pytest.raises(ReasonRequired):
            services.entry_request_changes(entry=entry, by=secretariat, reason="  ")
        services.entry_request_changes(entry=entry, by=secretariat, reason="Add the partners.")
    assert entry.status == EntryStatus.CHANGES_REQUESTED
    assert entry.decision_reason == "Add the partners."
    # The receipt of the submission, then the secretariat's request.
    assert [m.to for m in mail.outbox] == [[member.email], [member.email]]
    assert mail.outbox[0].subject == f"[WSIS] We received your stocktaking entry: “{entry.title}”"
    assert "Add the partners." in mail.outbox[1].body
    entry.refresh_from_db()
    services.entry_update(
        entry=entry,
        by=member,
        content={"partners": "UNESCO"},
        lock_version=entry.lock_version,
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.entry_submit(entry=entry, by=member)
        assert entry.status == EntryStatus.RESUBMITTED
        services.entry_approve(entry=entry, by=secretariat)
    entry.refresh_from_db()
    assert entry.status == EntryStatus.APPROVED
    assert entry.approved_at is not None
    assert len(mail.outbox) == 4
    actions = list(
        AuditEntry.objects.filter(object_id=str(entry.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == [
        "stocktaking_entry.create",
        "stocktaking_entry.submit",
        "stocktaking_entry.request_changes",
        "stocktaking_entry.update",
        "stocktaking_entry.resubmit",
        "stocktaking_entry.approve",
    ]


def test_stale_edit_is_refused(member):
    entry = EntryFactory(organisation=member.memberships.get().organisation)
    loaded = entry.lock_version
    services.entry_update(entry=entry, by=member, content={"title": "First"}, lock_version=loaded)
    with pytest.raises(StaleVersion):
        services.entry_update(
            entry=entry, by=member, content={"title": "Second"}, lock_version=loaded
        )
    entry.refresh_from_db()
    assert entry.title == "First"


def test_decision_from_draft_is_not_allowed(member):
    entry = EntryFactory(organisation=member.memberships.get().organisation)
    with pytest.raises(TransitionNotAllowed):
        services.entry_approve(entry=entry, by=secretariat_user())


def test_member_cannot_approve(member):
    entry = EntryFactory(
        organisation=member.memberships.get().organisation, status=EntryStatus.SUBMITTED
    )
    with pytest.raises(PermissionDenied):
        services.entry_approve(entry=entry, by=member)


def test_revision_keeps_published_version_until_approved(member):
    secretariat = secretariat_user()
    published = EntryFactory(
        organisation=member.memberships.get().organisation,
        status=EntryStatus.APPROVED,
        title="Old title",
    )
    revision = services.entry_revision_start(entry=published, by=member)
    assert services.entry_revision_start(entry=published, by=member) == revision
    services.entry_update(entry=revision, by=member, content={"title": "New title"}, lock_version=1)
    services.entry_submit(entry=revision, by=member)
    published.refresh_from_db()
    assert published.title == "Old title"
    assert published.status == EntryStatus.APPROVED
    services.entry_approve(entry=revision, by=secretariat)
    published.refresh_from_db()
    assert published.title == "New title"
    assert list(Entry.objects.filter(revision_of=published).values_list("status", flat=True)) == [
        EntryStatus.APPROVED
    ]
    audit = AuditEntry.objects.get(action="stocktaking_entry.revision_apply")
    assert audit.before == {"title": "Old title"}
    assert audit.after == {"title": "New title"}


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (10, 10), "red").save(buffer, format="PNG")
    return buffer.getvalue()


def test_png_renamed_pdf_is_refused(member):
    entry = EntryFactory(organisation=member.memberships.get().organisation)
    upload = SimpleUploadedFile("report.pdf", png_bytes(), content_type="application/pdf")
    with pytest.raises(ValidationError) as error:
        services.entry_attachment_add(entry=entry, by=member, upload=upload)
    assert error.value.message_dict == {
        "file": ["The file is not a PDF (its content is image/png)."]
    }


def test_50_mb_upload_is_refused(member):
    entry = EntryFactory(organisation=member.memberships.get().organisation)
    upload = SimpleUploadedFile("big.pdf", b"%PDF-1.4\n" + b"0" * (50 * 1024 * 1024))
    with pytest.raises(ValidationError) as error:
        services.entry_attachment_add(entry=entry, by=member, upload=upload)
    assert error.value.message_dict == {"file": ["The file is 50.0 MB; at most 10 MB are allowed."]}


def test_pdf_is_stored_under_server_name(member, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    entry = EntryFactory(organisation=member.memberships.get().organisation)
    upload = SimpleUploadedFile("../../etc/passwd.pdf", b"%PDF-1.4\n1 0 obj\n%%EOF\n")
    attachment = services.entry_attachment_add(entry=entry, by=member, upload=upload)
    assert attachment.file.name.startswith("stocktaking/attachments/")
    assert "passwd" not in attachment.file.name


def test_image_is_reencoded(member):
    upload = SimpleUploadedFile("logo.gif", png_bytes())
    cleaned = uploads.image_clean(upload)
    assert cleaned.name.endswith(".jpg")
    assert Image.open(io.BytesIO(cleaned.read())).format == "JPEG"


def test_text_renamed_png_is_not_an_image():
    with pytest.raises(ValidationError) as error:
        uploads.image_clean(SimpleUploadedFile("logo.png", b"hello"))
    assert error.value.message_dict == {
        "image": ["The file is not a PNG, JPEG, GIF or WebP image."]
    }


def _import_draft(organisation, **overrides):
    values = {
        "organisation": organisation,
        "kind": "resource",
        "title": "Guide to Affordable Rural Access",
        "summary": "A practical guide.",
        "description": "A practical guide to licensing and financing rural networks.",
        "website": "https://example.org/guide/",
        "sdgs": [Sdg.objects.get(number=9)],
        "by": None,
    }
    values.update(overrides)
    return services.entry_import_draft(**values)


def test_entry_import_draft_without_action_lines_is_audited_and_idempotent(member):
    organisation = member.memberships.get().organisation
    entry, created = _import_draft(organisation)
    again, created_again = _import_draft(organisation, summary="Other summary.")
    assert (created, created_again, again.pk) == (True, False, entry.pk)
    assert (entry.status, entry.kind, entry.created_by) == (EntryStatus.DRAFT, "resource", None)
    assert [sdg.number for sdg in entry.sdgs.all()] == [9]
    assert list(entry.action_lines.all()) == []
    assert Entry.objects.get(pk=entry.pk).summary == "A practical guide."
    assert AuditEntry.objects.filter(action="stocktaking_entry.import").count() == 1
    _other_kind, created_other = _import_draft(organisation, kind="initiative")
    assert created_other is True


def test_submitting_an_imported_draft_without_action_lines_is_refused(member):
    entry, _created = _import_draft(member.memberships.get().organisation)
    with pytest.raises(ValidationError) as caught:
        services.entry_submit(entry=entry, by=member)
    assert caught.value.message_dict["action_lines"] == ["Choose at least one Action Line."]
    assert caught.value.message_dict["primary_action_line"] == ["Choose the primary Action Line."]
    entry.refresh_from_db()
    assert entry.status == EntryStatus.DRAFT


def test_the_content_fields_are_listed_once_and_every_writer_follows_them():
    from stocktaking.admin import EntryAdmin
    from stocktaking.api.serializers import API_FIELD_NAMES, EntrySerializer, EntryWriteSerializer
    from stocktaking.enums import ENTRY_CONTENT_FIELDS
    from stocktaking.forms import EntryForm

    assert set(services.CONTENT_FIELDS) == set(ENTRY_CONTENT_FIELDS)
    assert len(services.CONTENT_FIELDS) == len(ENTRY_CONTENT_FIELDS) == 22  # text_language too
    assert tuple(EntryForm._meta.fields) == ENTRY_CONTENT_FIELDS
    assert EntryAdmin.fieldsets[1][1]["fields"] == (*ENTRY_CONTENT_FIELDS, "image")
    api_names = [API_FIELD_NAMES.get(name, name) for name in ENTRY_CONTENT_FIELDS]
    assert set(EntryWriteSerializer().fields) == {*api_names, "organisation", "lock_version"}
    # The public representation: every content field but the contact's address.
    read = EntrySerializer.Meta.fields
    assert [name for name in read if name in api_names] == [
        name for name in api_names if name != "contact_email"
    ]
    assert read[:7] == ("id", "url", "kind", "title", "summary", "description", "organisation")


def test_a_description_from_the_editor_is_sanitised_and_plain_text_kept(member):
    organisation = member.memberships.get().organisation
    entry = services.entry_create(
        organisation=organisation,
        by=member,
        content=content(description='<div>Hi <em>all</em><img src=x onerror="y()"></div>'),
    )
    assert entry.description == "<p>Hi <em>all</em></p>"
    services.entry_update(
        entry=entry,
        by=member,
        content={"description": "<ul><li>One<script>z()</script></li></ul>"},
        lock_version=entry.lock_version,
    )
    entry.refresh_from_db()
    assert entry.description == "<ul><li>One</li></ul>"
    services.entry_update(
        entry=entry,
        by=member,
        content={"description": "Plain <b>text</b>\nas typed"},
        lock_version=entry.lock_version,
    )
    entry.refresh_from_db()
    assert entry.description == "Plain <b>text</b>\nas typed"
