"""The secretariat's moderation of stocktaking entries in the Django admin."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import admin, messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from stocktaking import selectors, services
from stocktaking.enums import ENTRY_CONTENT_FIELDS, MODERATION_STATES, EntryStatus
from stocktaking.exports import EXPORT_COLUMNS, entry_export_row
from stocktaking.forms import ReasonForm
from stocktaking.models import Entry, EntryAttachment
from wsis.caching.reference import reference_lists
from wsis.csv_files import csv_response
from wsis.models import AuditEntry
from wsis.pagination import KnownCountPaginator, estimated_row_count


class AgeFilter(admin.SimpleListFilter):
    title = gettext_lazy("waiting since")
    parameter_name = "age"

    def lookups(self, request, model_admin):
        return (
            ("week", gettext_lazy("less than a week")),
            ("month", gettext_lazy("one to four weeks")),
            ("older", gettext_lazy("more than four weeks")),
        )

    def queryset(self, request, queryset):
        now = timezone.now()
        week, month = now - timedelta(days=7), now - timedelta(days=28)
        if self.value() == "week":
            return queryset.filter(submitted_at__gte=week)
        if self.value() == "month":
            return queryset.filter(submitted_at__lt=week, submitted_at__gte=month)
        if self.value() == "older":
            return queryset.filter(submitted_at__lt=month)
        return queryset


class QueueFilter(admin.SimpleListFilter):
    """The moderation queue by default: what waits for a decision."""

    title = gettext_lazy("moderation state")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return (
            ("queue", gettext_lazy("Waiting (submitted or resubmitted)")),
            *EntryStatus.choices,
            ("all", gettext_lazy("All states")),
        )

    def choices(self, changelist):
        value = self.value() or "queue"
        for lookup, title in self.lookup_choices:
            yield {
                "selected": value == str(lookup),
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }

    def queryset(self, request, queryset):
        value = self.value() or "queue"
        if value == "queue":
            return queryset.filter(status__in=MODERATION_STATES)
        if value == "all":
            return queryset
        if value in EntryStatus.values:
            return queryset.filter(status=value)
        return queryset.none()


class ReferenceFilter(admin.SimpleListFilter):
    """A filter by a reference row (Action Line, region, stakeholder type) whose choices come
    from the cached reference lists, so showing it costs no query. The parameter names and values
    (row ids) are those of the admin's own related-field filters they replace."""

    reference: str  # the attribute of `ReferenceLists`
    relation = ""  # the entries' many-to-many relation to those rows, if it is one

    def lookups(self, request, model_admin):
        return [(str(row.pk), str(row)) for row in getattr(reference_lists(), self.reference)]

    def queryset(self, request, queryset):
        value = self.value()
        if value is None:
            return queryset
        if value not in {str(row.pk) for row in getattr(reference_lists(), self.reference)}:
            return queryset.none()
        return self.selected(queryset, int(value))

    def selected(self, queryset, pk: int):
        # A semi-join: one row per entry, no DISTINCT.
        target = Entry._meta.get_field(self.relation).m2m_reverse_field_name()
        return selectors.entries_related(queryset, self.relation, **{f"{target}_id": pk})


class ActionLineFilter(ReferenceFilter):
    title = gettext_lazy("Action Lines")
    parameter_name = "action_lines__id__exact"
    reference = relation = "action_lines"


class RegionFilter(ReferenceFilter):
    title = gettext_lazy("ITU regions")
    parameter_name = "regions__id__exact"
    reference = relation = "regions"


class StakeholderTypeFilter(ReferenceFilter):
    title = gettext_lazy("stakeholder type")
    parameter_name = "organisation__stakeholder_type__id__exact"
    reference = "stakeholder_types"

    def selected(self, queryset, pk):
        return queryset.filter(organisation__stakeholder_type_id=pk)


class AttachmentInline(admin.TabularInline):
    model = EntryAttachment
    extra = 0
    fields = ("title", "file", "size", "created_at")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Entry)
class EntryAdmin(admin.ModelAdmin):
    """Moderation only: the content belongs to the stakeholders, every change goes through the
    services (approve, request changes, reject), one entry or many at once."""

    change_list_template = "admin/stocktaking/entry/change_list.html"
    list_display = (
        "title",
        "organisation",
        "status",
        "is_revision_display",
        "primary_action_line",
        "stakeholder_type",
        "submitted_at",
        "waiting",
    )
    # Each page of the queue costs the same few queries whatever its length (pinned by
    # tests/stocktaking/test_admin.py): the filters' choices come from the cached reference
    # lists, the rows with what the columns show in one query, no count of the whole table.
    list_filter = (
        QueueFilter,
        ActionLineFilter,
        RegionFilter,
        StakeholderTypeFilter,
        AgeFilter,
    )
    list_select_related = ("organisation__stakeholder_type", "primary_action_line")
    # Counting every value of every filter would scan the table on each request.
    show_facets = admin.ShowFacets.NEVER
    show_full_result_count = False
    search_fields = ("title", "organisation__name")
    # The queue's partial index (`stocktaking_moderation_queue`) serves this order.
    ordering = ("submitted_at", "id")
    date_hierarchy = None
    inlines = (AttachmentInline,)
    actions = (
        "approve_selected",
        "request_changes_selected",
        "reject_selected",
        "archive_selected",
    )
    readonly_fields = (
        "status",
        "decision_reason",
        "organisation",
        "revision_of",
        "submitted_by",
        "submitted_at",
        "approved_at",
        "revision_diff",
        "audit_history",
        *ENTRY_CONTENT_FIELDS,
        "image",
    )
    fieldsets = (
        (
            gettext_lazy("Moderation"),
            {
                "fields": (
                    "status",
                    "decision_reason",
                    "organisation",
                    "revision_of",
                    "submitted_by",
                    "submitted_at",
                    "approved_at",
                    "revision_diff",
                )
            },
        ),
        (
            gettext_lazy("Content"),
            {"fields": readonly_fields[9:]},
        ),
        (gettext_lazy("History"), {"fields": ("audit_history",)}),
    )

    def get_paginator(self, request, queryset, per_page, orphans=0, allow_empty_first_page=True):
        """The list of every entry in every state (no filter, no search) is not counted: the
        database's estimate of the table's size is shown instead, marked as such."""
        estimate = None if queryset.query.where else estimated_row_count(Entry)
        if estimate is None:
            return super().get_paginator(
                request, queryset, per_page, orphans, allow_empty_first_page
            )
        paginator = KnownCountPaginator(
            queryset,
            per_page,
            orphans=orphans,
            allow_empty_first_page=allow_empty_first_page,
            count=estimate,
        )
        paginator.estimated = True
        return paginator

    def action_checkbox(self, obj):
        """Django's selection checkbox of a row, written directly: rendering a form widget's
        template for each row took a fifth of the queue's time."""
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" aria-label="{}">',
            admin.helpers.ACTION_CHECKBOX_NAME,
            obj.pk,
            format_html(_("Select this object for an action - {}"), str(obj)),
        )

    def lookup_allowed(self, lookup, value, request):
        # The reference filters read their parameters themselves (Django checks every parameter
        # before the filters take theirs).
        if lookup in {
            f.parameter_name for f in (ActionLineFilter, RegionFilter, StakeholderTypeFilter)
        }:
            return True
        return super().lookup_allowed(lookup, value, request)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=gettext_lazy("kind of submission"))
    def is_revision_display(self, obj):
        # Words, not a ✔/✖ icon: the queue is read at a glance.
        if obj.revision_of_id is not None:
            return gettext_lazy("Changes to a published entry")
        return gettext_lazy("New entry")

    @admin.display(
        description=gettext_lazy("stakeholder type"),
        ordering="organisation__stakeholder_type__position",
    )
    def stakeholder_type(self, obj):
        return obj.organisation.stakeholder_type

    @admin.display(description=gettext_lazy("waiting (days)"), ordering="submitted_at")
    def waiting(self, obj):
        if obj.status not in MODERATION_STATES or obj.submitted_at is None:
            return "–"
        return (timezone.now() - obj.submitted_at).days

    @admin.display(description=gettext_lazy("changes against the published version"))
    def revision_diff(self, obj):
        if obj is None or obj.revision_of_id is None:
            return _("This is not a revision of a published entry.")
        changes = services.entry_diff(
            services.entry_snapshot(obj.revision_of), services.entry_snapshot(obj)
        )
        if not changes:
            return _("No change.")
        rows = format_html_join(
            "",
            "<tr><th scope='row'>{}</th><td><del>{}</del></td><td><ins>{}</ins></td></tr>",
            ((field, change["before"], change["after"]) for field, change in changes.items()),
        )
        return format_html(
            "<table><caption>{}</caption><thead><tr><th scope='col'>{}</th><th scope='col'>{}"
            "</th><th scope='col'>{}</th></tr></thead><tbody>{}</tbody></table>",
            _("Fields changed by the revision"),
            _("Field"),
            _("Published"),
            _("Revision"),
            rows,
        )

    @admin.display(description=gettext_lazy("audit history"))
    def audit_history(self, obj):
        if obj is None:
            return "–"
        entries = (
            AuditEntry.objects.filter(
                content_type=ContentType.objects.get_for_model(Entry), object_id=str(obj.pk)
            )
            .select_related("actor")
            .order_by("created_at", "id")
        )
        rows = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            (
                (
                    timezone.localtime(e.created_at).strftime("%Y-%m-%d %H:%M"),
                    e.actor or "–",
                    e.action,
                    e.before or "",
                    e.after or "",
                    e.reason,
                )
                for e in entries
            ),
        )
        return format_html(
            "<table><thead><tr><th scope='col'>{}</th><th scope='col'>{}</th><th scope='col'>{}"
            "</th><th scope='col'>{}</th><th scope='col'>{}</th><th scope='col'>{}</th></tr>"
            "</thead><tbody>{}</tbody></table>",
            _("When"),
            _("Who"),
            _("Action"),
            _("Before"),
            _("After"),
            _("Reason"),
            rows,
        )

    # --- Decisions, one entry or many: an intermediate page asks the reason and shows what
    # will change before anything is done ---

    def _decide(self, request, queryset, target: str, title: str):
        form = ReasonForm(request.POST if "confirm" in request.POST else None)
        entries = list(queryset.select_related("organisation", "revision_of"))
        if "confirm" in request.POST and form.is_valid():
            if target != EntryStatus.APPROVED and not form.cleaned_data["reason"].strip():
                form.add_error("reason", _("A reason is required: the submitter will see it."))
            else:
                self._apply_decision(request, entries, target, form.cleaned_data["reason"])
                return None
        changes = []
        for entry in entries:
            allowed = entry.status in MODERATION_STATES
            diff = (
                services.entry_diff(
                    services.entry_snapshot(entry.revision_of), services.entry_snapshot(entry)
                )
                if entry.revision_of_id and target == EntryStatus.APPROVED
                else {}
            )
            changes.append({"entry": entry, "allowed": allowed, "diff": diff})
        return TemplateResponse(
            request,
            "admin/stocktaking/entry/decide.html",
            {
                **self.admin_site.each_context(request),
                "title": title,
                "opts": self.model._meta,
                "changes": changes,
                "form": form,
                "target": EntryStatus(target),
                "reason_required": target != EntryStatus.APPROVED,
                "action": request.POST.get("action"),
                "selected": request.POST.getlist(admin.helpers.ACTION_CHECKBOX_NAME),
            },
        )

    def _apply_decision(self, request, entries, target: str, reason: str) -> None:
        done, failed = 0, []
        # An entry that may not move is skipped and named; a fault in the middle undoes the batch.
        with transaction.atomic():
            for entry in entries:
                try:
                    services.entry_decide(entry=entry, to=target, by=request.user, reason=reason)
                except (ValidationError, PermissionDenied) as error:
                    failed.append(f"{entry}: {' '.join(getattr(error, 'messages', [str(error)]))}")
                else:
                    done += 1
        if done:
            self.message_user(
                request,
                ngettext(
                    "%(count)d entry is now “%(state)s”.",
                    "%(count)d entries are now “%(state)s”.",
                    done,
                )
                % {"count": done, "state": EntryStatus(target).label},
                messages.SUCCESS,
            )
        for failure in failed:
            self.message_user(request, failure, messages.ERROR)

    @admin.action(description=gettext_lazy("Approve the selected entries"))
    def approve_selected(self, request, queryset):
        return self._decide(request, queryset, EntryStatus.APPROVED, _("Approve entries"))

    @admin.action(description=gettext_lazy("Request changes to the selected entries"))
    def request_changes_selected(self, request, queryset):
        return self._decide(request, queryset, EntryStatus.CHANGES_REQUESTED, _("Request changes"))

    @admin.action(description=gettext_lazy("Reject the selected entries"))
    def reject_selected(self, request, queryset):
        return self._decide(request, queryset, EntryStatus.REJECTED, _("Reject entries"))

    @admin.action(description=gettext_lazy("Archive the selected published entries"))
    def archive_selected(self, request, queryset):
        done, failed = 0, []
        for entry in queryset:
            try:
                services.entry_archive(entry=entry, by=request.user)
            except (ValidationError, PermissionDenied) as error:
                failed.append(f"{entry}: {' '.join(getattr(error, 'messages', [str(error)]))}")
            else:
                done += 1
        if done:
            self.message_user(
                request,
                ngettext("%(count)d entry archived.", "%(count)d entries archived.", done)
                % {"count": done},
                messages.SUCCESS,
            )
        for failure in failed:
            self.message_user(request, failure, messages.ERROR)

    # --- CSV export of the filtered list ---

    def get_urls(self):
        return [
            path(
                "export-csv/",
                self.admin_site.admin_view(self.export_csv),
                name="stocktaking_entry_export_csv",
            ),
            *super().get_urls(),
        ]

    def export_csv(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        changelist = self.get_changelist_instance(request)
        queryset = changelist.get_queryset(request).prefetch_related(
            "countries", "regions", "action_lines", "sdgs"
        )
        return csv_response(
            "stocktaking-moderation.csv",
            [*(c for c, _getter in EXPORT_COLUMNS), "moderation_status", "submitted_at"],
            (
                [*entry_export_row(entry).values(), entry.status, entry.submitted_at]
                for entry in queryset
            ),
        )

    def changelist_view(self, request, extra_context=None):
        extra_context = extra_context or {}
        extra_context["export_url"] = reverse("admin:stocktaking_entry_export_csv")
        return super().changelist_view(request, extra_context)
