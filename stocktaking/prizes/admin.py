"""The secretariat's admin of the WSIS Prizes. Statuses are read-only here: they change only
through the workflow (the portal's pages or the admin actions below, which call services)."""

import copy

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from stocktaking.prizes import services
from stocktaking.prizes.models import (
    Category,
    ConflictOfInterest,
    Contest,
    ExpertAssignment,
    PrizeEntry,
    PrizeEntryTranslation,
    Review,
    Vote,
)
from wsis.rich_text import long_text_clean, long_text_html, long_text_plain
from wsis.services import audit_record


class CategoryInline(admin.TabularInline):
    model = Category
    extra = 0
    fields = ("number", "name", "slug", "action_line", "is_special", "special_rules")


class ContestAdminForm(forms.ModelForm):
    class Meta:
        model = Contest
        fields = (
            "year",
            "title",
            "entries_open_at",
            "entries_close_at",
            "review_starts_at",
            "nominees_published_at",
            "voting_opens_at",
            "voting_closes_at",
            "finalists_at",
            "winners_announced_at",
            "min_reviews",
        )

    def clean(self):
        """Dates out of order are a form error on the page, not a server error."""
        cleaned = super().clean()
        candidate = copy.copy(self.instance)
        for name, value in cleaned.items():
            setattr(candidate, name, value)
        try:
            services.contest_dates_check(candidate)
        except ValidationError as error:
            self.add_error(None, error)
        return cleaned


@admin.register(Contest)
class ContestAdmin(admin.ModelAdmin):
    form = ContestAdminForm
    list_display = (
        "year",
        "title",
        "phase",
        "phase_recorded_at",
        "voting_opens_at",
        "voting_closes_at",
    )
    readonly_fields = ("phase", "phase_recorded_at", "created_at")
    inlines = (CategoryInline,)
    actions = ("record_phase_now",)

    def save_model(self, request, obj, form, change):
        # The form has checked the dates' order; creation adds the 18 Action Line categories.
        super().save_model(request, obj, form, change)
        if not change:
            services.contest_categories_create(contest=obj)
        audit_record(
            actor=request.user,
            action="prize_contest.change" if change else "prize_contest.create",
            obj=obj,
            after={name: str(form.cleaned_data.get(name)) for name in form.changed_data},
        )

    @admin.action(description=_("Record the phase the dates give now"))
    def record_phase_now(self, request, queryset):
        now = timezone.now()
        changed = sum(
            services.contest_phase_record(contest=c, now=now, by=request.user) for c in queryset
        )
        self.message_user(request, _("%(count)d contests changed phase.") % {"count": changed})


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ("contest", "number", "name", "is_special")
    list_filter = ("contest", "is_special")


class PrizeEntryTranslationInline(admin.StackedInline):
    """The entry's title and description for readers of other languages; each one is saved
    through `services.prize_entry_translation_save` (dated, audited)."""

    model = PrizeEntryTranslation
    extra = 0
    can_delete = False
    fields = ("language", "title", "description", "translator", "translated_at")
    readonly_fields = ("translated_at",)


@admin.register(PrizeEntry)
class PrizeEntryAdmin(admin.ModelAdmin):
    list_display = ("title", "organisation", "category", "contest", "status", "submitted_at")
    inlines = (PrizeEntryTranslationInline,)
    list_filter = ("contest", "status", "category__number")
    search_fields = ("title", "organisation__name")
    list_select_related = ("organisation", "category", "contest")
    readonly_fields = (
        "status",
        "lock_version",
        "submitted_at",
        "created_at",
        "updated_at",
        "description_text",
    )
    raw_id_fields = ("stocktaking_entry", "organisation", "created_by")
    actions = ("declare_eligible",)

    @admin.display(description=_("description as text"))
    def description_text(self, obj):
        """The description's plain text (the editor's HTML is stored in the field above)."""
        return long_text_html(long_text_plain(obj.description)) if obj.pk else ""

    def save_model(self, request, obj, form, change):
        # The description as the services store it: the editor's HTML through the portal's
        # allow-list, plain text as written.
        obj.description = long_text_clean(obj.description)
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        if formset.model is not PrizeEntryTranslation:
            return super().save_formset(request, form, formset, change)
        for translation_form in formset.forms:
            if translation_form.has_changed():
                data = translation_form.cleaned_data
                services.prize_entry_translation_save(
                    entry=form.instance,
                    language=data["language"],
                    title=data["title"],
                    description=data["description"],
                    translator=data["translator"],
                    by=request.user,
                )
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        return None

    @admin.action(description=_("Declare the selected submitted entries eligible"))
    def declare_eligible(self, request, queryset):
        done = 0
        for entry in queryset:
            try:
                services.prize_entry_decide(entry=entry, eligible=True, by=request.user)
            except ValidationError as error:
                self.message_user(request, f"{entry}: {' '.join(error.messages)}", messages.WARNING)
            else:
                done += 1
        self.message_user(request, _("%(count)d entries declared eligible.") % {"count": done})


@admin.register(ExpertAssignment)
class ExpertAssignmentAdmin(admin.ModelAdmin):
    list_display = ("expert", "category")
    list_filter = ("category__contest",)
    raw_id_fields = ("expert",)

    def save_model(self, request, obj, form, change):
        try:
            services.expert_assign(category=obj.category, expert=obj.expert, by=request.user)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)


@admin.register(ConflictOfInterest)
class ConflictOfInterestAdmin(admin.ModelAdmin):
    list_display = ("expert", "organisation", "contest", "created_at")
    list_filter = ("contest",)
    raw_id_fields = ("expert", "organisation")


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    list_display = ("entry", "expert", "created_at")
    list_filter = ("entry__contest",)
    list_select_related = ("entry", "expert")

    def has_change_permission(self, request, obj=None) -> bool:
        return False  # a review is final


@admin.register(Vote)
class VoteAdmin(admin.ModelAdmin):
    """Votes are never deleted: suspect ones are quarantined (audited) and still shown."""

    list_display = (
        "created_at",
        "contest",
        "category",
        "entry",
        "account_age_days",
        "network_hash",
        "quarantined",
    )
    list_filter = ("contest", "quarantined")
    list_select_related = ("contest", "category", "entry")
    readonly_fields = [f.name for f in Vote._meta.fields]
    actions = ("quarantine",)
    show_full_result_count = False

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    @admin.action(description=_("Quarantine the selected votes"))
    def quarantine(self, request, queryset):
        count = services.votes_quarantine(
            votes=queryset,
            reason=_("Quarantined by the secretariat in the admin."),
            by=request.user,
        )
        self.message_user(request, _("%(count)d votes quarantined.") % {"count": count})
