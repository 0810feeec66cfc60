"""The secretariat's admin: events, sessions (with CSV import), outcome documents (moderation with
bulk actions and a diff against the previous submission) and the compiled versions."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from events import services
from events.enums import OUTCOME_WAITING_STATES, OutcomeStatus
from events.forms import ReasonForm, SessionImportForm
from events.importers.sessions_csv import SessionImportError, sessions_import_csv
from events.models import (
    OUTCOME_SECTIONS,
    Event,
    ForumOutcomeVersion,
    OutcomeDocument,
    OutcomeRevision,
    QuestionnaireAnswer,
    QuestionnaireSection,
    Session,
    Speaker,
)
from events.questionnaires import questionnaire_diff, questionnaire_docx, questionnaire_export
from events.selectors import questionnaire_answer_previous, questionnaire_answers
from events.tasks import task_compile_forum_outcome
from events.workflow import STALE_MESSAGE
from wsis.admin import URL_FIELDS_ASSUME_HTTPS
from wsis.kept_records import KeptRecordsAdminMixin, kept_record_register
from wsis.locking import StaleVersion, version_check
from wsis.rules import is_secretariat
from wsis.text_import import TextEncodingError, decode_text_file

# An admin delete never takes these with it (wsis/kept_records.py): published outcome documents,
# the Forum Outcome Document's versions, and whatever the audit log speaks of.
kept_record_register(OutcomeDocument, lambda outcome: outcome.status == OutcomeStatus.PUBLISHED)
kept_record_register(ForumOutcomeVersion, lambda version: True)


@admin.register(Event)
class EventAdmin(KeptRecordsAdminMixin, admin.ModelAdmin):
    list_display = (
        "name", "kind", "dates_text", "start_date", "location_mode", "country", "is_draft",
    )  # fmt: skip
    list_filter = ("is_draft", "kind", "location_mode")
    search_fields = ("name", "dates_text", "city")
    prepopulated_fields = {"slug": ("name",)}
    filter_horizontal = ("sdgs",)
    formfield_overrides = URL_FIELDS_ASSUME_HTTPS
    autocomplete_fields = ("organisers",)
    # A draft becomes public only through the action, which checks the required fields.
    readonly_fields = ("is_draft",)
    actions = ("publish_events", "compile_outcome_document")

    @admin.action(description=_("Publish the selected draft events"))
    def publish_events(self, request, queryset):
        published, refused = 0, []
        for event in queryset.filter(is_draft=True):
            try:
                services.event_publish(event=event, by=request.user)
            except ValidationError as error:
                refused += error.messages
            else:
                published += 1
        if published:
            self.message_user(
                request,
                ngettext("%(count)d event published.", "%(count)d events published.", published)
                % {"count": published},
                messages.SUCCESS,
            )
        for message in refused:
            self.message_user(request, message, messages.ERROR)

    @admin.action(description=_("Compile a new version of the Forum Outcome Document"))
    def compile_outcome_document(self, request, queryset):
        for event in queryset:
            # Compiled by a Celery task, never in the request (eager only in local development).
            task_compile_forum_outcome.delay(event.pk, request.user.pk)
        self.message_user(
            request,
            ngettext(
                "The compilation of %(count)d event was started; the version appears when done.",
                "The compilation of %(count)d events was started; the versions appear when done.",
                queryset.count(),
            )
            % {"count": queryset.count()},
            messages.SUCCESS,
        )


class SpeakerInline(admin.TabularInline):
    model = Speaker
    extra = 0


@admin.register(Session)
class SessionAdmin(KeptRecordsAdminMixin, admin.ModelAdmin):
    list_display = ("number", "title", "event", "session_type", "starts_at", "room")
    list_display_links = ("number", "title")
    list_filter = ("event", "session_type", "participation_mode")
    list_select_related = ("event",)
    search_fields = ("title", "=number")
    autocomplete_fields = ("organisers",)
    filter_horizontal = ("action_lines", "sdgs", "gdc_objectives")
    inlines = (SpeakerInline,)
    change_list_template = "events/admin/session_change_list.html"

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # The session title is weighted A in its outcome document's search vector.
        services.outcome_search_vectors_refresh(session_ids=[obj.pk])

    def get_urls(self):
        return [
            path(
                "import-csv/",
                self.admin_site.admin_view(self.import_csv),
                name="events_session_import_csv",
            ),
            *super().get_urls(),
        ]

    def import_csv(self, request):
        if not is_secretariat(request.user):
            raise PermissionDenied
        event_form = forms.Form(request.POST or None)
        event_form.fields["event"] = forms.ModelChoiceField(
            label=_("Event"), queryset=Event.objects.order_by("name")
        )
        upload = SessionImportForm(request.POST or None, request.FILES or None)
        errors: list[str] = []
        if request.method == "POST" and event_form.is_valid() and upload.is_valid():
            try:
                text = decode_text_file(upload.cleaned_data["file"].read())
            except TextEncodingError as error:
                errors = [error.message]
            else:
                try:
                    result = sessions_import_csv(
                        event=event_form.cleaned_data["event"],
                        text=text,
                        by=request.user,
                        dry_run=upload.cleaned_data["dry_run"],
                    )
                except SessionImportError as exc:
                    errors = exc.errors
                else:
                    self.message_user(
                        request,
                        _("%(verb)s: %(created)d created, %(updated)d updated.")
                        % {
                            "verb": _("Checked, nothing written")
                            if result.dry_run
                            else _("Imported"),
                            "created": result.created,
                            "updated": result.updated,
                        },
                        messages.SUCCESS,
                    )
                    return redirect("admin:events_session_changelist")
        return render(
            request,
            "events/admin/session_import.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Import sessions from a CSV file"),
                "event_form": event_form,
                "upload": upload,
                "errors": errors,
                "opts": self.model._meta,
            },
        )


class OutcomeAdminForm(forms.ModelForm):
    """The bullets as one per line; saved through `outcome_save` with the optimistic lock."""

    lock_version_seen = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = OutcomeDocument
        fields = ("thematic_suggestions", "text_language", "gdc_objectives")
        widgets = {"gdc_objectives": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for section in OUTCOME_SECTIONS:
            if section.minimum is None:
                continue
            self.fields[section.key] = forms.CharField(
                label=section.label,
                required=False,
                widget=forms.Textarea(attrs={"rows": 8}),
                help_text=_("%(minimum)d to %(maximum)d bullets, one per line.")
                % {"minimum": section.minimum, "maximum": section.maximum},
                initial="\n".join(getattr(self.instance, section.key) or []),
            )
        self.fields["lock_version_seen"].initial = self.instance.lock_version
        # Left out of a form (an older one), the document keeps its language.
        self.fields["text_language"].required = False

    def clean(self):
        cleaned = super().clean()
        # Refused at once (StaleVersion is a ValidationError); `outcome_save` checks it again.
        version_check(
            expected=cleaned.get("lock_version_seen"),
            stored=self.instance.lock_version,
            message=STALE_MESSAGE,
        )
        return cleaned


class OutcomeRevisionInline(admin.TabularInline):
    model = OutcomeRevision
    extra = 0
    can_delete = False
    fields = ("number", "created_by", "created_at")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(OutcomeDocument)
class OutcomeDocumentAdmin(KeptRecordsAdminMixin, admin.ModelAdmin):
    form = OutcomeAdminForm
    list_display = ("session_number", "session_title", "event", "status", "submitted_at")
    list_filter = ("status", "session__event")
    list_select_related = ("session__event",)
    search_fields = ("session__title", "search_text")
    readonly_fields = (
        "session",
        "status",
        "change_reason",
        "lock_version",
        "diff",
        "translations_page",
    )
    inlines = (OutcomeRevisionInline,)
    actions = ("publish", "request_changes")

    @admin.display(description=_("session"), ordering="session__number")
    def session_number(self, obj):
        return obj.session.number

    @admin.display(description=_("title"))
    def session_title(self, obj):
        return obj.session.title

    @admin.display(description=_("event"), ordering="session__event__name")
    def event(self, obj):
        return obj.session.event

    @admin.display(description=_("Changes since the previous submission"))
    def diff(self, obj):
        rows = services.outcome_revision_diff(obj)
        if not rows:
            return _("Not handed in yet.")
        return format_html_join(
            "",
            '<h4>{}</h4><pre class="diff">{}</pre>',
            (
                (label, "\n".join(lines) if lines else _("(unchanged)"))
                for label, _kind, lines in rows
            ),
        )

    @admin.display(description=_("Translations"))
    def translations_page(self, obj):
        """The document's translations (language, title, translator, date) and the page where
        the secretariat adds or corrects one."""
        url = reverse(
            "events:outcome_translation",
            kwargs={"slug": obj.session.event.slug, "number": obj.session.number},
        )
        rows = format_html_join(
            "",
            '<li><span lang="{}" dir="auto">{}</span> ({}; {}, {})</li>',
            (
                (
                    t.language,
                    t.title,
                    t.get_language_display(),
                    t.translator,
                    date_format(t.translated_at, "DATE_FORMAT"),
                )
                for t in obj.translations.all()
            ),
        )
        return format_html(
            '<ul>{}</ul><a href="{}">{}</a>', rows, url, _("Add or correct a translation")
        )

    def has_add_permission(self, request):
        return False

    def get_fields(self, request, obj=None):
        return (
            "session",
            "status",
            "change_reason",
            "text_language",
            "translations_page",
            *(section.key for section in OUTCOME_SECTIONS),
            "gdc_objectives",
            "lock_version",
            "lock_version_seen",
            "diff",
        )

    def save_model(self, request, obj, form, change):
        content = {section.key: form.cleaned_data.get(section.key) for section in OUTCOME_SECTIONS}
        try:
            services.outcome_save(
                session=obj.session,
                by=request.user,
                content=content,
                lock_version=form.cleaned_data.get("lock_version_seen"),
                text_language=form.cleaned_data.get("text_language") or None,
            )
        except StaleVersion as stale:
            self.message_user(request, str(stale), messages.ERROR)

    def _moderate(self, request, queryset, move, **kwargs) -> None:
        done, refused = 0, []
        # A document that may not move is skipped and named; a fault in the middle undoes all.
        with transaction.atomic():
            for outcome in queryset.select_related("session"):
                try:
                    move(outcome=outcome, by=request.user, **kwargs)
                    done += 1
                except (ValidationError, PermissionDenied) as exc:
                    messages_ = getattr(exc, "messages", [str(exc)])
                    refused.append(f"{outcome.session.number}: {' '.join(messages_)}")
        if done:
            self.message_user(
                request,
                ngettext(
                    "%(count)d outcome document done.", "%(count)d outcome documents done.", done
                )
                % {"count": done},
                messages.SUCCESS,
            )
        for refusal in refused:
            self.message_user(request, refusal, messages.WARNING)

    @admin.action(description=_("Publish the selected outcome documents"))
    def publish(self, request, queryset):
        self._moderate(request, queryset, services.outcome_publish)

    @admin.action(description=_("Request changes (asks for the reason)"))
    def request_changes(self, request, queryset):
        form = ReasonForm(request.POST if "apply" in request.POST else None)
        if form.is_bound and form.is_valid():
            self._moderate(
                request,
                queryset,
                services.outcome_request_changes,
                reason=form.cleaned_data["reason"],
            )
            return None
        return render(
            request,
            "events/admin/request_changes.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Request changes"),
                "form": form,
                "outcomes": queryset.select_related("session"),
                "waiting": OUTCOME_WAITING_STATES,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
                "opts": self.model._meta,
            },
        )


@admin.register(ForumOutcomeVersion)
class ForumOutcomeVersionAdmin(KeptRecordsAdminMixin, admin.ModelAdmin):
    list_display = ("event", "label", "outcome_count", "created_at", "page")
    list_filter = ("event",)
    readonly_fields = ("event", "major", "minor", "outcome_count", "created_by", "created_at")
    exclude = ("content",)

    @admin.display(description=_("page"))
    def page(self, obj):
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), obj.label)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class QuestionnaireSectionInline(admin.StackedInline):
    model = QuestionnaireSection
    extra = 0
    fields = ("number", "question", "body", "closing")


@admin.register(QuestionnaireAnswer)
class QuestionnaireAnswerAdmin(admin.ModelAdmin):
    """The secretariat edits the prose of an answer here; the blocks point at events and
    stocktaking entries, edited where they live. The answer downloads as text or DOCX, with the
    check of every block and the changes since the previous year."""

    list_display = ("organisation", "year", "updated_at")
    list_filter = ("year",)
    list_select_related = ("organisation",)
    search_fields = ("organisation__name",)
    autocomplete_fields = ("organisation",)
    fields = ("organisation", "year", "preamble", "footer", "import_notes", "exports")
    readonly_fields = ("import_notes", "exports")
    inlines = (QuestionnaireSectionInline,)

    @admin.display(description=_("Export"))
    def exports(self, answer: QuestionnaireAnswer):
        if answer.pk is None:
            return "-"
        links = (
            ("admin:events_questionnaireanswer_text", _("Text (questionnaire format)")),
            ("admin:events_questionnaireanswer_docx", _("Word (DOCX)")),
            ("admin:events_questionnaireanswer_report", _("Check and changes since last year")),
        )
        return format_html_join(
            " · ",
            '<a href="{}">{}</a>',
            ((reverse(name, args=[answer.pk]), label) for name, label in links),
        )

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "<int:pk>/export.txt",
                view(self.export_text),
                name="events_questionnaireanswer_text",
            ),
            path(
                "<int:pk>/export.docx",
                view(self.export_docx),
                name="events_questionnaireanswer_docx",
            ),
            path("<int:pk>/report/", view(self.report), name="events_questionnaireanswer_report"),
            *super().get_urls(),
        ]

    def _answer(self, request, pk: int) -> QuestionnaireAnswer:
        if not is_secretariat(request.user):
            raise PermissionDenied
        return get_object_or_404(questionnaire_answers(), pk=pk)

    @staticmethod
    def _filename(answer: QuestionnaireAnswer, extension: str) -> str:
        owner = answer.organisation.slug or answer.organisation.pk
        return f"desa-questionnaire-{owner}-{answer.year}.{extension}"

    def export_text(self, request, pk: int):
        answer = self._answer(request, pk)
        response = HttpResponse(
            questionnaire_export(answer).text, content_type="text/plain; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{self._filename(answer, "txt")}"'
        return response

    def export_docx(self, request, pk: int):
        answer = self._answer(request, pk)
        response = HttpResponse(
            questionnaire_docx(answer),
            content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        )
        response["Content-Disposition"] = f'attachment; filename="{self._filename(answer, "docx")}"'
        return response

    def report(self, request, pk: int):
        answer = self._answer(request, pk)
        export = questionnaire_export(answer)
        previous = questionnaire_answer_previous(answer)
        return render(
            request,
            "events/admin/questionnaire_report.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Check of the answer: %(answer)s") % {"answer": answer},
                "answer": answer,
                "export": export,
                "failing": [check for check in export.checks if check.problems],
                "previous": previous,
                "diff": questionnaire_diff(previous, answer) if previous else [],
                "opts": self.model._meta,
            },
        )
