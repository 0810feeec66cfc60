"""The public pages of the publications, cached whole; the secretariat's preview of a draft."""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from publications import documents, selectors
from publications.models import ReportVersion
from wsis.access import role_required
from wsis.caching import cache_public_page
from wsis.rules import is_secretariat

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@require_safe
@cache_public_page("stocktaking")
def report_list(request: HttpRequest) -> HttpResponse:
    versions = list(selectors.report_versions_published())
    return render(request, "publications/report_list.html", {"versions": versions})


def _published(year: int) -> ReportVersion:
    version = selectors.report_version_published(year)
    if version is None:
        raise Http404
    return version


@require_safe
@cache_public_page("stocktaking")
def report_detail(request: HttpRequest, year: int) -> HttpResponse:
    version = _published(year)
    return render(
        request, "publications/report_detail.html", {"version": version, "c": version.content}
    )


def _download(version: ReportVersion, kind: str) -> HttpResponse:
    if kind == "docx":
        response = HttpResponse(documents.report_docx(version), content_type=DOCX)
    else:
        response = HttpResponse(documents.report_pdf(version), content_type="application/pdf")
    name = f"wsis-stocktaking-report-{version.report.year}-v{version.number}.{kind}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_safe
@cache_public_page("stocktaking")
def report_docx(request: HttpRequest, year: int) -> HttpResponse:
    return _download(_published(year), "docx")


@require_safe
@cache_public_page("stocktaking")
def report_pdf(request: HttpRequest, year: int) -> HttpResponse:
    return _download(_published(year), "pdf")


@require_safe
@role_required()
def report_version_preview(request: HttpRequest, year: int, number: int) -> HttpResponse:
    """Any version, drafts included, for the secretariat to review before publishing."""
    if not is_secretariat(request.user):
        raise PermissionDenied
    version = get_object_or_404(
        ReportVersion.objects.select_related("report"), report__year=year, number=number
    )
    return render(
        request,
        "publications/report_detail.html",
        {"version": version, "c": version.content, "preview": True},
    )
