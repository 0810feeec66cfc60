"""The secretariat's admin: roadmaps and versions (read-only: edits go through the services)
and the upload form of the roadmap import."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from roadmaps import services
from roadmaps.enums import VersionStatus
from roadmaps.forms import RoadmapImportForm
from roadmaps.importers.roadmap_text import RoadmapFormatError
from roadmaps.models import Clause, Roadmap, RoadmapVersion, SourceGroup
from wsis.kept_records import KeptRecordsAdminMixin, kept_record_register


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class VersionInline(ReadOnlyInline):
    model = RoadmapVersion
    fields = ("number", "status", "as_of", "author", "approver")
    readonly_fields = fields


# An admin delete never takes a version that was published (wsis/kept_records.py), nor one the
# audit log speaks of.
kept_record_register(
    RoadmapVersion,
    lambda version: version.status in (VersionStatus.PUBLISHED, VersionStatus.SUPERSEDED),
)


@admin.register(Roadmap)
class RoadmapAdmin(KeptRecordsAdminMixin, admin.ModelAdmin):
    list_display = ("action_line", "facilitator_organisation", "created_at")
    list_select_related = ("action_line", "facilitator_organisation")
    fields = ("action_line", "facilitator_organisation")
    autocomplete_fields = ("facilitator_organisation",)
    inlines = (VersionInline,)

    def get_readonly_fields(self, request, obj=None):
        return ("action_line",) if obj else ()


class GroupInline(ReadOnlyInline):
    model = SourceGroup
    fields = ("position", "title")
    readonly_fields = fields


@admin.register(RoadmapVersion)
class RoadmapVersionAdmin(KeptRecordsAdminMixin, admin.ModelAdmin):
    change_list_template = "admin/roadmaps/roadmapversion/change_list.html"
    list_display = ("__str__", "status", "as_of", "author", "approver", "public_page")
    list_filter = ("status", "roadmap__action_line")
    list_select_related = ("roadmap__action_line", "author", "approver")
    readonly_fields = (
        "roadmap",
        "number",
        "status",
        "as_of",
        "change_summary",
        "notes",
        "based_on",
        "author",
        "approver",
        "review_comments",
        "submitted_at",
        "published_at",
    )
    fields = readonly_fields
    inlines = (GroupInline,)
    actions = ("approve",)

    def has_add_permission(self, request) -> bool:
        return False

    @admin.display(description=_("page"))
    def public_page(self, obj: RoadmapVersion) -> str:
        url = reverse(
            "roadmaps:version_detail",
            kwargs={"slug": obj.roadmap.action_line.slug, "number": obj.number},
        )
        return format_html('<a href="{}">{}</a>', url, _("open"))

    @admin.action(description=_("Approve and publish the selected submitted versions"))
    def approve(self, request: HttpRequest, queryset) -> None:
        published = 0
        # A version that may not move is skipped and named; a fault in the middle undoes all.
        with transaction.atomic():
            for version in queryset.filter(status=VersionStatus.SUBMITTED):
                try:
                    services.roadmap_version_transition(
                        version=version, to=VersionStatus.PUBLISHED, by=request.user
                    )
                except (ValidationError, PermissionDenied) as error:
                    self.message_user(request, f"{version}: {error}", messages.ERROR)
                else:
                    published += 1
        self.message_user(request, _("%(count)s version(s) published.") % {"count": published})

    def get_urls(self):
        return [
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="roadmaps_roadmapversion_import",
            ),
            *super().get_urls(),
        ]

    def import_view(self, request: HttpRequest) -> HttpResponse:
        """Upload a roadmap document: a dry run shows the report, a real run writes drafts."""
        if not request.user.has_perm("roadmaps.add_roadmapversion"):
            raise PermissionDenied
        form = RoadmapImportForm(request.POST or None, request.FILES or None)
        report = None
        status = 200
        if request.method == "POST":
            status = 400
            if form.is_valid():
                try:
                    report = services.roadmap_import(
                        text=form.cleaned_data["document"],
                        by=request.user,
                        as_of=form.cleaned_data["as_of"],
                        dry_run=form.cleaned_data["dry_run"],
                    )
                except RoadmapFormatError as error:
                    form.add_error(
                        "document",
                        _("Line %(line)s: %(message)s. Nothing was imported.")
                        % {"line": error.line_number, "message": error.message},
                    )
                else:
                    status = 200
        return render(
            request,
            "admin/roadmaps/roadmapversion/import.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "title": _("Import a roadmap document"),
                "form": form,
                "report": report,
            },
            status=status,
        )


@admin.register(Clause)
class ClauseAdmin(admin.ModelAdmin):
    list_display = ("label", "group", "version", "lock_version")
    list_select_related = ("group", "version__roadmap__action_line")
    list_filter = ("version__roadmap__action_line",)
    search_fields = ("outcome_text",)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
