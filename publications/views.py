"""The public pages of the publications, cached whole; the secretariat's preview of a draft and
comparison of two versions; the certificates of winners and champions for their organisations."""

from django.core.exceptions import PermissionDenied
from django.core.files.storage import storages
from django.db.models import Model
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.views.decorators.http import require_safe

from publications import documents, selectors
from publications.diffing import (
    REPORT_FIGURES,
    report_versions_diff,
    roadmaps_document_versions_diff,
    stories_versions_diff,
)
from publications.models import ReportVersion, SuccessStoriesVersion
from publications.rules import may_download_certificate
from stocktaking.prizes.enums import RESULT_STATES
from stocktaking.prizes.models import PrizeEntry
from wsis.access import role_required
from wsis.caching import cache_public_page
from wsis.rules import is_secretariat

DOCX = documents.DOCX
SECTION = {"section": "publications"}


def _attachment(content: bytes, kind: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=DOCX if kind == "docx" else "application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}.{kind}"'
    return response


# --- The WSIS Stocktaking Report ---


@require_safe
@cache_public_page("stocktaking")
def report_list(request: HttpRequest) -> HttpResponse:
    versions = list(selectors.report_versions_published())
    return render(request, "publications/report_list.html", {"versions": versions, **SECTION})


def _published(year: int) -> ReportVersion:
    version = selectors.report_version_published(year)
    if version is None:
        raise Http404
    return version


def _report_page(request: HttpRequest, version: ReportVersion, **extra) -> HttpResponse:
    return render(
        request,
        "publications/report_detail.html",
        {
            "version": version,
            "c": version.content,
            "figures": [(title, version.content["figures"][key]) for key, title in REPORT_FIGURES],
            **SECTION,
            **extra,
        },
    )


@require_safe
@cache_public_page("stocktaking")
def report_detail(request: HttpRequest, year: int) -> HttpResponse:
    return _report_page(request, _published(year))


@require_safe
@cache_public_page("stocktaking")
def report_docx(request: HttpRequest, year: int) -> HttpResponse:
    version = _published(year)
    name = f"wsis-stocktaking-report-{year}-v{version.number}"
    return _attachment(documents.report_docx(version), "docx", name)


@require_safe
@cache_public_page("stocktaking")
def report_pdf(request: HttpRequest, year: int) -> HttpResponse:
    version = _published(year)
    name = f"wsis-stocktaking-report-{year}-v{version.number}"
    return _attachment(documents.report_pdf(version), "pdf", name)


@require_safe
@role_required(is_secretariat)
def report_version_preview(request: HttpRequest, year: int, number: int) -> HttpResponse:
    """Any version, drafts included, for the secretariat to review before publishing."""
    version = get_object_or_404(
        ReportVersion.objects.select_related("report"), report__year=year, number=number
    )
    versions = ReportVersion.objects.filter(report=version.report_id).defer("content")
    return _report_page(request, version, preview=True, versions=versions)


def _two(model: type[Model], parent: str, year: int, old: int, new: int) -> tuple:
    found = {
        v.number: v
        for v in model.objects.filter(**{f"{parent}__year": year, "number__in": (old, new)})
    }
    if old not in found or new not in found:
        raise Http404
    return found[old], found[new]


@require_safe
@role_required(is_secretariat)
def report_version_compare(request: HttpRequest, year: int, old: int, new: int) -> HttpResponse:
    """What changed from version `old` to version `new` of a year's report."""
    first, second = _two(ReportVersion, "report", year, old, new)
    return render(
        request,
        "wsis/version_compare.html",
        {
            "diff": report_versions_diff(first, second),
            "title": first.content["title"],
            "back_url": reverse("publications:report_version", args=[year, new]),
            **SECTION,
        },
    )


# --- The WSIS Prizes Success Stories ---


@require_safe
@cache_public_page("prizes")
def stories_list(request: HttpRequest) -> HttpResponse:
    versions = list(selectors.stories_versions_published())
    return render(request, "publications/stories_list.html", {"versions": versions, **SECTION})


def _stories_published(year: int) -> SuccessStoriesVersion:
    version = selectors.stories_version_published(year)
    if version is None:
        raise Http404
    return version


def _stories_page(request: HttpRequest, version: SuccessStoriesVersion, **extra) -> HttpResponse:
    return render(
        request,
        "publications/stories_detail.html",
        {"version": version, "c": version.content, **SECTION, **extra},
    )


@require_safe
@cache_public_page("prizes")
def stories_detail(request: HttpRequest, year: int) -> HttpResponse:
    return _stories_page(request, _stories_published(year))


@require_safe
@cache_public_page("prizes")
def stories_docx(request: HttpRequest, year: int) -> HttpResponse:
    version = _stories_published(year)
    name = f"wsis-prizes-success-stories-{year}-v{version.number}"
    return _attachment(documents.stories_docx(version), "docx", name)


@require_safe
@cache_public_page("prizes")
def stories_pdf(request: HttpRequest, year: int) -> HttpResponse:
    version = _stories_published(year)
    name = f"wsis-prizes-success-stories-{year}-v{version.number}"
    return _attachment(documents.stories_pdf(version), "pdf", name)


@require_safe
@role_required(is_secretariat)
def stories_version_preview(request: HttpRequest, year: int, number: int) -> HttpResponse:
    version = get_object_or_404(
        SuccessStoriesVersion.objects.select_related("book"), book__year=year, number=number
    )
    versions = SuccessStoriesVersion.objects.filter(book=version.book_id).defer("content")
    return _stories_page(request, version, preview=True, versions=versions)


@require_safe
@role_required(is_secretariat)
def stories_version_compare(request: HttpRequest, year: int, old: int, new: int) -> HttpResponse:
    first, second = _two(SuccessStoriesVersion, "book", year, old, new)
    return render(
        request,
        "wsis/version_compare.html",
        {
            "diff": stories_versions_diff(first, second),
            "title": first.content["title"],
            "back_url": reverse("publications:stories_version", args=[year, new]),
            **SECTION,
        },
    )


@require_safe
def stories_image(request: HttpRequest, year: int, number: int, story: int) -> HttpResponse:
    """A story's image as the version keeps it: public for a published version (with caching
    headers: the image of a version never changes), the secretariat's for a draft, 404 for
    everyone else."""
    version = get_object_or_404(SuccessStoriesVersion, book__year=year, number=number)
    if not (version.is_public or is_secretariat(request.user)):
        raise Http404
    image = next(
        (
            s["image"]
            for category in version.content["categories"]
            for s in category["stories"]
            if s["id"] == story and s["image"]
        ),
        None,
    )
    content = documents.story_image_bytes(image)
    if content is None:
        raise Http404
    response = HttpResponse(content, content_type=image["type"])
    if version.is_public:
        patch_cache_control(response, public=True, max_age=24 * 3600)
    else:
        patch_cache_control(response, private=True, no_cache=True, max_age=0)
        patch_vary_headers(response, ("Cookie",))
    return response


# --- Certificates of the winners and champions ---


@require_safe
@role_required()
def certificate_list(request: HttpRequest) -> HttpResponse:
    """The certificates the signed-in person may download: those of their organisations."""
    return render(
        request,
        "publications/certificate_list.html",
        {"certificates": list(selectors.certificates_for(request.user)), **SECTION},
    )


@require_safe
@role_required()
def certificate_download(request: HttpRequest, pk: int) -> HttpResponse:
    """A winner's or champion's certificate: its organisation's members (with a confirmed
    address) and the secretariat; 403 for anyone else, 404 for an entry that did not win."""
    prize_entry = get_object_or_404(
        PrizeEntry.objects.select_related("contest", "category", "organisation"),
        pk=pk,
        status__in=RESULT_STATES,
    )
    if not may_download_certificate(request.user, prize_entry):
        raise PermissionDenied
    name = f"wsis-prizes-{prize_entry.contest.year}-certificate-{prize_entry.pk}"
    response = _attachment(documents.certificate_pdf(prize_entry), "pdf", name)
    patch_cache_control(response, private=True, no_store=True)
    return response


# --- The Action Line Roadmaps as one document ---


def _roadmaps_version(number: int | None):
    version = selectors.roadmaps_document_version(number)
    if version is None:
        raise Http404
    return version


@require_safe
@cache_public_page("roadmaps")
def roadmaps_detail(request: HttpRequest, number: int | None = None) -> HttpResponse:
    version = _roadmaps_version(number)
    for chapter in version.content["chapters"]:
        for group in chapter["groups"]:
            for clause in group["clauses"]:
                clause["filled"] = documents.clause_columns(clause)
    versions = list(selectors.roadmaps_document_versions())
    return render(
        request,
        "publications/roadmaps_detail.html",
        {
            "version": version,
            "c": version.content,
            # Each version with the one before it (None for the first): "compare with previous".
            "history": list(zip(versions, [*versions[1:], None], strict=True)),
            "previous": next((v for v in versions if v.number < version.number), None),
            **SECTION,
        },
    )


@require_safe
@cache_public_page("roadmaps")
def roadmaps_compare(request: HttpRequest, old: int, new: int) -> HttpResponse:
    """What changed from version `old` to version `new` of the combined roadmaps document (public,
    as every version is)."""
    first, second = (
        selectors.roadmaps_document_version(old),
        selectors.roadmaps_document_version(new),
    )
    if first is None or second is None:
        raise Http404
    return render(
        request,
        "wsis/version_compare.html",
        {
            "diff": roadmaps_document_versions_diff(first, second),
            "title": second.content["title"],
            "back_url": second.get_absolute_url(),
            **SECTION,
        },
    )


@require_safe
@cache_public_page("roadmaps")
def roadmaps_docx(request: HttpRequest, number: int) -> HttpResponse:
    version = _roadmaps_version(number)
    return _attachment(documents.roadmaps_docx(version), "docx", f"wsis-roadmaps-v{number}")


@require_safe
@cache_public_page("roadmaps")
def roadmaps_pdf(request: HttpRequest, number: int) -> HttpResponse:
    version = _roadmaps_version(number)
    return _attachment(documents.roadmaps_pdf(version), "pdf", f"wsis-roadmaps-v{number}")


# --- The open-data archives ---


@require_safe
@cache_public_page("opendata")
def open_data(request: HttpRequest) -> HttpResponse:
    """The yearly open-data archives (every public record as JSON Lines and CSV), newest first,
    each with its size, date, number of records and SHA-256 checksum."""
    storage = storages["public"]
    archives = [
        (archive, storage.url(archive.file_name)) for archive in selectors.open_data_archives()
    ]
    return render(request, "publications/open_data.html", {"archives": archives, **SECTION})
