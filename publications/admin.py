"""The secretariat's side of the publications: write a report or a Success Stories book, feature
entries, compile versions (Celery tasks), preview, compare and publish one; write the combined
roadmaps document's introduction and compile it. Every change goes through the services."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from publications import services
from publications.models import (
    FeaturedEntry,
    OpenDataArchive,
    ReportVersion,
    RoadmapsDocument,
    RoadmapsDocumentVersion,
    StocktakingReport,
    SuccessStoriesBook,
    SuccessStoriesVersion,
)
from publications.tasks import (
    task_open_data_build,
    task_report_compile,
    task_roadmaps_document_compile,
    task_success_stories_compile,
)


@admin.register(StocktakingReport)
class StocktakingReportAdmin(admin.ModelAdmin):
    list_display = ("title", "year", "period_start", "period_end")
    actions = ("compile_version",)

    @admin.action(description=_("Compile a new version from the approved entries"))
    def compile_version(self, request, queryset):
        for report in queryset:
            task_report_compile.delay(report.pk, request.user.pk)
        self.message_user(
            request,
            _("Compiling %(count)d report(s); the new versions appear under Report versions.")
            % {"count": queryset.count()},
            messages.SUCCESS,
        )


@admin.register(FeaturedEntry)
class FeaturedEntryAdmin(admin.ModelAdmin):
    list_display = ("entry", "report", "featured_by", "featured_at")
    list_filter = ("report",)
    raw_id_fields = ("entry",)
    fields = ("report", "entry", "reason")

    def save_model(self, request, obj, form, change):
        try:
            services.featured_entry_set(
                report=obj.report, entry=obj.entry, reason=obj.reason, by=request.user
            )
        except ValidationError as error:
            self.message_user(request, "; ".join(error.messages), messages.ERROR)

    def delete_model(self, request, obj):
        services.featured_entry_remove(featured=obj, by=request.user)

    def delete_queryset(self, request, queryset):
        for featured in queryset:
            services.featured_entry_remove(featured=featured, by=request.user)


@admin.register(ReportVersion)
class ReportVersionAdmin(admin.ModelAdmin):
    list_display = ("report", "number", "status", "entry_count", "created_at", "preview")
    list_filter = ("status", "report")
    readonly_fields = ("report", "number", "status", "entry_count", "created_by", "created_at",
                       "published_at")  # fmt: skip
    exclude = ("content",)
    actions = ("publish",)

    def has_add_permission(self, request):
        return False  # versions are compiled, never typed

    @admin.display(description=_("preview"))
    def preview(self, obj):
        url = reverse("publications:report_version", args=[obj.report.year, obj.number])
        return format_html('<a href="{}">{}</a>', url, _("Read"))

    @admin.action(description=_("Publish the selected version"))
    def publish(self, request, queryset):
        for version in queryset:
            try:
                services.report_version_publish(version=version, by=request.user)
            except ValidationError as error:
                self.message_user(request, "; ".join(error.messages), messages.ERROR)
                return
        self.message_user(request, _("Published."), messages.SUCCESS)


@admin.register(SuccessStoriesBook)
class SuccessStoriesBookAdmin(admin.ModelAdmin):
    list_display = ("title", "year", "contest")
    actions = ("compile_version",)

    @admin.action(description=_("Compile a new version from the winners and champions"))
    def compile_version(self, request, queryset):
        for book in queryset:
            task_success_stories_compile.delay(book.pk, request.user.pk)
        self.message_user(
            request,
            _("Compiling %(count)d book(s); the new versions appear under Success Stories "
              "versions.") % {"count": queryset.count()},
            messages.SUCCESS,
        )  # fmt: skip


@admin.register(SuccessStoriesVersion)
class SuccessStoriesVersionAdmin(admin.ModelAdmin):
    list_display = ("book", "number", "status", "story_count", "created_at", "preview")
    list_filter = ("status", "book")
    readonly_fields = ("book", "number", "status", "story_count", "created_by", "created_at",
                       "published_at")  # fmt: skip
    exclude = ("content",)
    actions = ("publish",)

    def has_add_permission(self, request):
        return False  # versions are compiled, never typed

    @admin.display(description=_("preview"))
    def preview(self, obj):
        url = reverse("publications:stories_version", args=[obj.book.year, obj.number])
        return format_html('<a href="{}">{}</a>', url, _("Read"))

    @admin.action(description=_("Publish the selected version"))
    def publish(self, request, queryset):
        for version in queryset:
            try:
                services.success_stories_version_publish(version=version, by=request.user)
            except ValidationError as error:
                self.message_user(request, "; ".join(error.messages), messages.ERROR)
                return
        self.message_user(request, _("Published."), messages.SUCCESS)


@admin.register(RoadmapsDocument)
class RoadmapsDocumentAdmin(admin.ModelAdmin):
    list_display = ("title",)
    actions = ("compile_version",)

    @admin.action(description=_("Compile from the published roadmaps"))
    def compile_version(self, request, queryset):
        for document in queryset:
            task_roadmaps_document_compile.delay(document.pk, request.user.pk)
        self.message_user(
            request,
            _("Compiling; a new version appears only if a roadmap or the introduction changed."),
            messages.SUCCESS,
        )


@admin.register(RoadmapsDocumentVersion)
class RoadmapsDocumentVersionAdmin(admin.ModelAdmin):
    list_display = ("document", "number", "created_at", "read")
    readonly_fields = ("document", "number", "fingerprint", "created_by", "created_at")
    exclude = ("content", "roadmap_versions")

    def has_add_permission(self, request):
        return False  # versions are compiled, never typed

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("read"))
    def read(self, obj):
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), _("Read"))


@admin.register(OpenDataArchive)
class OpenDataArchiveAdmin(admin.ModelAdmin):
    """The yearly open-data archives: read only; "Build this year's archive now" queues the
    Celery task (the beat schedule builds it on 31 December by itself)."""

    list_display = ("year", "made_at", "file_name", "size", "sha256")
    readonly_fields = ("year", "file_name", "size", "sha256", "record_counts", "made_at", "made_by")
    change_list_template = "admin/publications/opendataarchive/change_list.html"

    # Nobody edits or deletes one here. Who sees this admin follows the publications' other
    # pages: whoever holds the model's view permission (see wsis.apps.SECRETARIAT_APPS).
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def get_urls(self):
        build = self.admin_site.admin_view(self.build_view)
        return [
            path("build/", build, name="publications_opendataarchive_build"),
            *super().get_urls(),
        ]

    def build_view(self, request):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.has_view_permission(request):
            raise PermissionDenied
        task_open_data_build.delay(request.user.pk)
        self.message_user(
            request,
            _("Building this year's open-data archive; it appears here when it is ready."),
            messages.SUCCESS,
        )
        return redirect("admin:publications_opendataarchive_changelist")
