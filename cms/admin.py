from django.contrib import admin

from cms.models import NewsSubscription


@admin.register(NewsSubscription)
class NewsSubscriptionAdmin(admin.ModelAdmin):
    """Read-only: people subscribe and unsubscribe themselves; the consent is their record."""

    list_display = ("user", "consented_at", "unsubscribed_at")
    list_filter = ("unsubscribed_at",)
    search_fields = ("user__email",)
    readonly_fields = ("user", "consented_at", "consent_text", "unsubscribed_at")
    exclude = ("token",)

    def has_add_permission(self, request):
        return False
