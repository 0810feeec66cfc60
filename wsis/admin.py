from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import UserChangeForm
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from wsis import services
from wsis.accounts.services import api_token_revoke, user_roles_set
from wsis.enums import SECRETARIAT_ASSIGNABLE_ROLES
from wsis.models import (
    ActionLine,
    ApiToken,
    AuditEntry,
    CountryRegion,
    FacilitatorAssignment,
    GdcObjective,
    ItuRegion,
    Membership,
    MembershipInvitation,
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


class RecordAdminMixin:
    """A record the admin shows and never writes (the services write it): nobody adds or changes
    one here; `deletable` says whether the secretariat may delete one."""

    deletable = True

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return self.deletable and super().has_delete_permission(request, obj)


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
    """Members can be removed or made the contact here, not added: a person joins by accepting
    an invitation (the organisation's page), never without consent."""

    model = Membership
    extra = 0
    autocomplete_fields = ("user",)

    def has_add_permission(self, request, obj=None) -> bool:
        return False


class LooksLikeFilter(admin.SimpleListFilter):
    title = _("name looks like another")
    parameter_name = "looks_like"

    def lookups(self, request, model_admin):
        return (("yes", _("Flagged: check the name")),)

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(looks_like__isnull=False)
        return queryset


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "country", "stakeholder_type", "looks_like", "created_at")
    list_filter = (LooksLikeFilter, "stakeholder_type", "country")
    list_select_related = ("stakeholder_type", "looks_like")
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}
    readonly_fields = ("looks_like",)
    inlines = (MembershipInline,)
    formfield_overrides = URL_FIELDS_ASSUME_HTTPS
    actions = ("clear_looks_like",)

    @admin.action(
        description=_("Clear the look-alike flag (checked: a different organisation)"),
        permissions=["change"],
    )
    def clear_looks_like(self, request, queryset):
        organisations = list(queryset.filter(looks_like__isnull=False))
        for organisation in organisations:
            services.organisation_lookalike_clear(organisation=organisation, by=request.user)
        count = len(organisations)
        self.message_user(
            request,
            ngettext("%d flag cleared.", "%d flags cleared.", count) % count,
            messages.SUCCESS,
        )


@admin.register(MembershipInvitation)
class MembershipInvitationAdmin(RecordAdminMixin, admin.ModelAdmin):
    """Who invited which address where, and the answer: read-only (the workflow answers)."""

    deletable = False

    list_display = ("email", "organisation", "invited_by", "status", "created_at")
    list_filter = ("status",)
    list_select_related = ("organisation", "invited_by")
    search_fields = ("email", "organisation__name")
    readonly_fields = ("email", "organisation", "invited_by", "status", "created_at")
    fields = readonly_fields


@admin.register(FacilitatorAssignment)
class FacilitatorAssignmentAdmin(admin.ModelAdmin):
    list_display = ("user", "action_line", "organisation")
    list_filter = ("action_line",)
    list_select_related = ("user", "action_line", "organisation")
    autocomplete_fields = ("user", "organisation")


class SecretariatUserChangeForm(UserChangeForm):
    """The user form of whoever is not a superuser: the roles they may hand out, nothing else of
    the account's privileges (see `user_roles_set`)."""

    roles = forms.ModelMultipleChoiceField(
        label=_("Roles"),
        queryset=Group.objects.filter(name__in=[str(r) for r in SECRETARIAT_ASSIGNABLE_ROLES]),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Experts review prize entries; facilitators edit their Action Lines' roadmaps. "
            "A session's organisers are named on the session. Other roles, staff status and "
            "permissions are granted by a superuser."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["roles"].initial = list(
                self.instance.groups.filter(pk__in=self.fields["roles"].queryset)
            )


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    """A superuser sees every field. Anyone else (the secretariat) changes only a non-staff
    account's person fields, its active flag and the roles of SECRETARIAT_ASSIGNABLE_ROLES;
    staff and superuser accounts are read-only to them, and no password is changed here."""

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
    # What a non-superuser sees but cannot change on an account they may manage.
    fields_read_only_below_superuser = (
        "email",
        "is_staff",
        "is_superuser",
        "last_login",
        "date_joined",
    )

    @staticmethod
    def _grants(request) -> bool:
        return request.user.has_perm("wsis.grant_privileges")

    def has_change_permission(self, request, obj=None) -> bool:
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or request.user.has_perm("wsis.manage_account", obj))

    def has_delete_permission(self, request, obj=None) -> bool:
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or request.user.has_perm("wsis.manage_account", obj))

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not self._grants(request):
            # The bulk delete asks no per-account question: a staff account could go with it.
            actions.pop("delete_selected", None)
        return actions

    def get_fieldsets(self, request, obj=None):
        if obj is None or self._grants(request):
            return super().get_fieldsets(request, obj)
        roles = "roles" if self.has_change_permission(request, obj) else "groups"
        return (
            (None, {"fields": ("email", "password")}),
            (_("Person"), {"fields": ("full_name", "job_title", "preferred_language")}),
            (_("Roles"), {"fields": ("is_active", roles, "is_staff", "is_superuser")}),
            (_("Dates"), {"fields": ("last_login", "date_joined")}),
        )

    def get_readonly_fields(self, request, obj=None):
        if obj is None or self._grants(request):
            return super().get_readonly_fields(request, obj)
        return self.fields_read_only_below_superuser

    def get_form(self, request, obj=None, **kwargs):
        if (
            obj is not None
            and not self._grants(request)
            and self.has_change_permission(request, obj)
        ):
            kwargs["form"] = SecretariatUserChangeForm
        return super().get_form(request, obj, **kwargs)

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        if "roles" in form.cleaned_data:
            user_roles_set(account=form.instance, roles=form.cleaned_data["roles"], by=request.user)

    def user_change_password(self, request, id, form_url=""):
        # Whoever sets another person's password can sign in as them: a superuser's act only.
        # Everyone else resets their own password by e-mail.
        if not self._grants(request):
            raise PermissionDenied
        return super().user_change_password(request, id, form_url)


@admin.register(Notification)
class NotificationAdmin(RecordAdminMixin, admin.ModelAdmin):
    list_display = ("created_at", "recipient", "subject", "status", "attempts", "sent_at")
    list_filter = ("status", "template")
    search_fields = ("recipient", "subject", "idempotency_key")
    date_hierarchy = "created_at"
    actions = ("send_again",)
    readonly_fields = [field.name for field in Notification._meta.fields]

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
class AuditEntryAdmin(RecordAdminMixin, admin.ModelAdmin):
    deletable = False

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


@admin.register(ApiToken)
class ApiTokenAdmin(RecordAdminMixin, admin.ModelAdmin):
    """Who holds which token until when, for an incident; revoking is the only act. Neither the
    key nor its hash is a field here: the key exists only in its owner's hands."""

    list_display = ("name", "user", "created", "expiry")
    list_select_related = ("user",)
    search_fields = ("name", "user__email")
    date_hierarchy = "created"
    fields = ("name", "user", "created", "expiry")
    readonly_fields = fields
    actions = ("revoke",)

    def get_actions(self, request):
        actions = super().get_actions(request)
        # Deleting goes through the audited service (the `revoke` action, or the delete page).
        actions.pop("delete_selected", None)
        return actions

    def delete_model(self, request, obj) -> None:
        api_token_revoke(token=obj, by=request.user)

    @admin.action(description=_("Revoke the selected API tokens"), permissions=["delete"])
    def revoke(self, request, queryset):
        tokens = list(queryset.select_related("user"))
        for token in tokens:
            api_token_revoke(token=token, by=request.user)
        count = len(tokens)
        self.message_user(
            request,
            ngettext("%d token revoked.", "%d tokens revoked.", count) % count,
            messages.SUCCESS,
        )
