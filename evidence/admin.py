"""The secretariat keeps the study-group Questions (reference data), sees every link, curates
the thematic repositories and decides the proposals waiting in their queue."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from evidence import services
from evidence.enums import PROPOSAL_PUBLIC_STATES, ProposalStatus
from evidence.forms import ProposalDecisionForm
from evidence.models import (
    EntrySessionLink,
    OutcomeClauseLink,
    OutcomeEntryLink,
    QuestionEntryLink,
    QuestionPrizeEntryLink,
    RepositoryProposal,
    StudyGroupQuestion,
    ThematicRepository,
)
from evidence.workflow import PROPOSAL_WORKFLOW

LANGUAGE_SUFFIXES = ("ar", "zh_hans", "fr", "ru", "es")


class QuestionEntryInline(admin.TabularInline):
    model = QuestionEntryLink
    extra = 0
    raw_id_fields = ("entry",)
    readonly_fields = ("added_by", "created_at")


class QuestionPrizeEntryInline(admin.TabularInline):
    model = QuestionPrizeEntryLink
    extra = 0
    raw_id_fields = ("prize_entry",)
    readonly_fields = ("added_by", "created_at")


@admin.register(StudyGroupQuestion)
class StudyGroupQuestionAdmin(admin.ModelAdmin):
    list_display = ("label", "study_period", "title", "is_active")
    list_filter = ("study_period", "study_group", "is_active")
    search_fields = ("title", "rapporteur_group")
    fields = ("study_period", "study_group", "number", "title", "rapporteur_group", "is_active")
    inlines = (QuestionEntryInline, QuestionPrizeEntryInline)


class LinkAdmin(admin.ModelAdmin):
    readonly_fields = ("added_by", "created_at")

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(EntrySessionLink)
class EntrySessionLinkAdmin(LinkAdmin):
    list_display = ("entry", "session", "added_by", "created_at")
    raw_id_fields = ("entry", "session")
    list_select_related = ("entry", "session__event")


@admin.register(OutcomeEntryLink)
class OutcomeEntryLinkAdmin(LinkAdmin):
    list_display = ("outcome", "entry", "added_by", "created_at")
    raw_id_fields = ("outcome", "entry")
    list_select_related = ("outcome__session", "entry")


@admin.register(OutcomeClauseLink)
class OutcomeClauseLinkAdmin(LinkAdmin):
    list_display = ("outcome", "clause", "added_by", "created_at")
    raw_id_fields = ("outcome", "clause")
    list_select_related = ("outcome__session", "clause__group")


# --- thematic repositories -------------------------------------------------------------------


@admin.register(ThematicRepository)
class ThematicRepositoryAdmin(admin.ModelAdmin):
    list_display = ("title", "slug", "is_published", "accepted", "pending")
    list_filter = ("is_published",)
    search_fields = ("title", "summary", "criteria")
    prepopulated_fields = {"slug": ("title",)}
    fieldsets = (
        (None, {"fields": ("title", "slug", "summary", "criteria", "is_published")}),
        *(
            (
                label,
                {
                    "fields": tuple(f"{name}_{suffix}" for suffix in LANGUAGE_SUFFIXES),
                    "classes": ("collapse",),
                    "description": gettext_lazy(
                        "As UN documents write it in each language. An empty one shows the "
                        "English text."
                    ),
                },
            )
            for name, label in (
                ("title", gettext_lazy("The title in the other languages")),
                ("summary", gettext_lazy("The summary in the other languages")),
                ("criteria", gettext_lazy("The criteria in the other languages")),
            )
        ),
    )

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                accepted_count=Count(
                    "proposals", filter=Q(proposals__status__in=PROPOSAL_PUBLIC_STATES)
                ),
                pending_count=Count(
                    "proposals", filter=Q(proposals__status=ProposalStatus.PENDING)
                ),
            )
        )

    @admin.display(description=gettext_lazy("accepted entries"), ordering="accepted_count")
    def accepted(self, obj):
        return obj.accepted_count

    @admin.display(description=gettext_lazy("waiting proposals"), ordering="pending_count")
    def pending(self, obj):
        return obj.pending_count


class PendingFirstFilter(admin.SimpleListFilter):
    """The queue opens on the waiting proposals; "All" shows every decision too."""

    title = gettext_lazy("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [*ProposalStatus.choices, ("all", gettext_lazy("All"))]

    def choices(self, changelist):
        value = self.value() or ProposalStatus.PENDING
        for lookup, title in self.lookup_choices:
            yield {
                "selected": value == lookup,
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }

    def queryset(self, request, queryset):
        value = self.value() or ProposalStatus.PENDING
        if value == "all":
            return queryset
        if value not in ProposalStatus.values:
            return queryset.none()
        return queryset.filter(status=value)


@admin.register(RepositoryProposal)
class RepositoryProposalAdmin(admin.ModelAdmin):
    """The queue of proposals: accept or decline the selected ones (declining asks the reason,
    which the proposers read). Proposals are made by the entries' organisations, never here."""

    list_display = ("entry", "organisation", "repository", "status", "proposed_by", "proposed_at")
    list_filter = (PendingFirstFilter, "repository")
    list_select_related = ("entry__organisation", "repository", "proposed_by")
    search_fields = ("entry__title", "entry__organisation__name", "repository__title")
    ordering = ("proposed_at", "id")
    actions = ("accept_selected", "decline_selected", "remove_selected")
    fields = (
        "repository", "entry", "note", "status", "proposed_by", "proposed_at", "decided_by",
        "decided_at", "decision_reason",
    )  # fmt: skip
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=gettext_lazy("organisation"))
    def organisation(self, obj):
        return obj.entry.organisation.name

    def _decide(self, request, queryset, source: str, target: str, title: str):
        """An intermediate page lists the proposals and asks the reason (required to decline
        and to remove) before anything is decided; those not in `source` are skipped."""
        form = ProposalDecisionForm(request.POST if "confirm" in request.POST else None)
        proposals = list(queryset.select_related("entry__organisation", "repository"))
        reason_required = PROPOSAL_WORKFLOW.find(source, target).reason_required
        if form.is_bound and form.is_valid():
            if reason_required and not form.cleaned_data["reason"].strip():
                form.add_error("reason", _("A reason is required: the proposer will read it."))
            else:
                self._apply(request, proposals, target, form.cleaned_data["reason"])
                return None
        return TemplateResponse(
            request,
            "admin/evidence/repositoryproposal/decide.html",
            {
                **self.admin_site.each_context(request),
                "title": title,
                "opts": self.model._meta,
                "proposals": proposals,
                "form": form,
                "source": source,
                "target": ProposalStatus(target),
                "reason_required": reason_required,
                "action": request.POST.get("action"),
                "selected": request.POST.getlist(admin.helpers.ACTION_CHECKBOX_NAME),
            },
            status=400 if form.is_bound else 200,
        )

    def _apply(self, request, proposals, target: str, reason: str) -> None:
        done, failed = 0, []
        for proposal in proposals:
            try:
                services.repository_proposal_transition(
                    proposal=proposal, to=target, by=request.user, reason=reason
                )
            except (ValidationError, PermissionDenied) as error:
                failed.append(f"{proposal}: {' '.join(getattr(error, 'messages', [str(error)]))}")
            else:
                done += 1
        if done:
            self.message_user(
                request,
                ngettext(
                    "%(count)d proposal is now “%(state)s”.",
                    "%(count)d proposals are now “%(state)s”.",
                    done,
                )
                % {"count": done, "state": ProposalStatus(target).label},
                messages.SUCCESS,
            )
        for failure in failed:
            self.message_user(request, failure, messages.ERROR)

    @admin.action(description=gettext_lazy("Accept the selected proposals"))
    def accept_selected(self, request, queryset):
        return self._decide(
            request,
            queryset,
            ProposalStatus.PENDING,
            ProposalStatus.ACCEPTED,
            _("Accept proposals"),
        )

    @admin.action(description=gettext_lazy("Decline the selected proposals (asks the reason)"))
    def decline_selected(self, request, queryset):
        return self._decide(
            request,
            queryset,
            ProposalStatus.PENDING,
            ProposalStatus.DECLINED,
            _("Decline proposals"),
        )

    @admin.action(
        description=gettext_lazy("Remove the selected accepted entries from their repository")
    )
    def remove_selected(self, request, queryset):
        """Takes accepted entries out of their repository again (asks the reason, which the
        proposers are mailed); the public pages change at once."""
        return self._decide(
            request,
            queryset,
            ProposalStatus.ACCEPTED,
            ProposalStatus.REMOVED,
            _("Remove from the repository"),
        )
