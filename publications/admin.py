"""The secretariat's side of the publications: write a report, feature entries, compile
versions (a Celery task), preview and publish one. Every change goes through the services."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from publications import services
from publications.models import FeaturedEntry, ReportVersion, StocktakingReport
from publications.tasks import task_report_compile


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
