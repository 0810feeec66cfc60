"""The secretariat keeps the study-group Questions (reference data) and sees every link."""

from django.contrib import admin

from evidence.models import (
    EntrySessionLink,
    OutcomeClauseLink,
    OutcomeEntryLink,
    QuestionEntryLink,
    QuestionPrizeEntryLink,
    StudyGroupQuestion,
)


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
