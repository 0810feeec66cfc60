from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from wsis import services
from wsis.models import (
    ActionLine,
    AuditEntry,
    CountryRegion,
    FacilitatorAssignment,
    GdcObjective,
    ItuRegion,
    Membership,
    Notification,
    Organisation,
    Sdg,
    StakeholderType,
    User,
)

# Web addresses typed without a scheme are https, as on the portal's own forms (and as Django 6
# will assume); said once for every admin with a URLField.
URL_FIELDS_ASSUME_HTTPS = {models.URLField: {"assume_scheme": "https"}}


NAME_TRANSLATIONS = ("name_ar", "name_zh_hans", "name_fr", "name_ru", "name_es")


def _with_translations(*fields: str) -> tuple:
    """The reference row's own fields, then its name in the other five UN languages."""
    return (
        (None, {"fields": fields}),
        (
            _("The name in the other languages"),
            {
                "fields": NAME_TRANSLATIONS,
                "description": _(
                    "As UN documents write it in each language. An empty one shows the English "
                    "name."
                ),
            },
        ),
    )


@admin.register(ActionLine)
class ActionLineAdmin(admin.ModelAdmin):
    list_display = ("position", "code", "name")
    list_display_links = ("code",)
    ordering = ("position",)
    fieldsets = _with_translations("code", "slug", "name", "position")


@admin.register(Sdg, GdcObjective)
class NumberedReferenceAdmin(admin.ModelAdmin):
    list_display = ("number", "name")
    fieldsets = _with_translations("number", "name")


@admin.register(StakeholderType)
class StakeholderTypeAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "position")
    fieldsets = _with_translations("code", "name", "position")


@admin.register(ItuRegion)
class ItuRegionAdmin(admin.ModelAdmin):
    list_display = ("name", "code")
    fieldsets = _with_translations("code", "name")


@admin.register(CountryRegion)
class CountryRegionAdmin(admin.ModelAdmin):
    list_display = ("country", "region")
    list_filter = ("region",)
    list_select_related = ("region",)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ("user",)


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "country", "stakeholder_type", "created_at")
    list_filter = ("stakeholder_type", "country")
    list_select_related = ("stakeholder_type",)
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}
    inlines = (MembershipInline,)
    formfield_overrides = URL_FIELDS_ASSUME_HTTPS


@admin.register(FacilitatorAssignment)
class FacilitatorAssignmentAdmin(admin.ModelAdmin):
    list_display = ("user", "action_line", "organisation")
    list_filter = ("action_line",)
    list_select_related = ("user", "action_line", "organisation")
    autocomplete_fields = ("user", "organisation")


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ("email",)
    list_display = ("email", "full_name", "is_staff", "is_active", "date_joined")
    search_fields = ("email", "full_name")
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Person"), {"fields": ("full_name", "job_title", "preferred_language")}),
        (
            _("Roles and permissions"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("created_at", "recipient", "subject", "status", "attempts", "sent_at")
    list_filter = ("status", "template")
    search_fields = ("recipient", "subject", "idempotency_key")
    date_hierarchy = "created_at"
    actions = ("send_again",)
    readonly_fields = [field.name for field in Notification._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    @admin.action(description=_("Send the selected unsent notifications again"))
    def send_again(self, request, queryset):
        count = services.notification_requeue(
            notification_ids=list(queryset.values_list("pk", flat=True))
        )
        self.message_user(
            request,
            ngettext("%d notification scheduled.", "%d notifications scheduled.", count) % count,
            messages.SUCCESS,
        )


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = (
        "created_at",
        "actor",
        "client_address",
        "action",
        "content_type",
        "object_repr",
    )
    list_filter = ("action", "content_type")
    list_select_related = ("actor", "content_type")
    search_fields = ("object_repr", "reason", "actor__email")
    date_hierarchy = "created_at"
    readonly_fields = [field.name for field in AuditEntry._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
