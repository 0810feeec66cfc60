"""The Wagtail admin's additions: a way back to the secretariat's Django admin, the upload form
of `import_document`, and the menu and footer (a snippet in each language, under Settings)."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from cms.forms import DocumentImportForm
from cms.importers.policy_text import PolicyTextError
from cms.models import Navigation
from cms.services import policy_document_import


@hooks.register("register_admin_menu_item")
def secretariat_admin_menu_item():
    return MenuItem(
        _("Secretariat admin (moderation)"),
        reverse("admin:index"),
        icon_name="cog",
        order=10000,
        name="secretariat-admin",
    )


def can_add_pages(user) -> bool:
    return PagePermissionPolicy().user_has_permission(user, "add")


@require_http_methods(["GET", "POST"])
def document_import(request):
    """Upload of a plain-text policy document: the report of what was read, and the draft page
    (or the line where the file went wrong). For those who may add pages."""
    if not can_add_pages(request.user):
        raise PermissionDenied
    form = DocumentImportForm(request.POST or None, request.FILES or None)
    report = error = None
    if request.method == "POST" and form.is_valid():
        try:
            report = policy_document_import(
                text=form.cleaned_data["file"],
                library=form.cleaned_data["library"],
                by=request.user,
                dry_run=form.cleaned_data["dry_run"],
            )
        except PolicyTextError as failure:
            error = str(failure)
    return render(
        request, "cms/admin/document_import.html", {"form": form, "report": report, "error": error}
    )


@hooks.register("register_admin_urls")
def document_import_urls():
    return [path("import-document/", document_import, name="cms_document_import")]


class DocumentImportMenuItem(MenuItem):
    def is_shown(self, request):
        return can_add_pages(request.user)


@hooks.register("register_admin_menu_item")
def document_import_menu_item():
    return DocumentImportMenuItem(
        _("Import a policy document"),
        reverse("cms_document_import"),
        icon_name="doc-full-inverse",
        order=900,
        name="import-document",
    )


class NavigationViewSet(SnippetViewSet):
    """The menu and footer: the default language's is edited here, its translations through
    wagtail-localize's "Translate" action like a page's."""

    model = Navigation
    icon = "list-ul"
    add_to_settings_menu = True
    menu_label = _("Menu and footer")
    menu_name = "navigation"
    list_display = ["__str__", "locale"]


register_snippet(NavigationViewSet)
