"""Public pages of the roadmaps, the facilitators' editor and the secretariat's review."""

from __future__ import annotations

import json
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from roadmaps import exports, selectors, services
from roadmaps.api.serializers import VersionDetailSerializer
from roadmaps.diffing import version_diff
from roadmaps.enums import CLAUSE_COLUMNS, CLAUSE_TEXT_FIELDS, VersionStatus
from roadmaps.forms import (
    CitationSearchForm,
    ClauseForm,
    ReturnForm,
    SourceGroupForm,
    VersionDetailsForm,
)
from roadmaps.models import Clause, ClauseCitation, Roadmap, RoadmapVersion, SourceGroup
from roadmaps.rules import is_roadmap_editor
from roadmaps.workflow import VERSION_WORKFLOW
from wsis.access import role_required
from wsis.caching import cache_public_page
from wsis.form_holds import write_allowed, write_hold
from wsis.kept_forms import keeps_typed_across_sign_in
from wsis.locking import StaleVersion
from wsis.models import ActionLine, Sdg
from wsis.rules import is_secretariat
from wsis.views import stale_version_page

SECTION = {"section": "roadmaps"}
# A clause's citations are shown while what they cite is public (stocktaking, events), and its
# outcome documents once published (events).
ROADMAP_NAMESPACES = ("roadmaps", "stocktaking", "events")
DOWNLOADS = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
}


def _version_url(version: RoadmapVersion, name: str = "version_detail") -> str:
    return reverse(
        f"roadmaps:{name}",
        kwargs={"slug": version.roadmap.action_line.slug, "number": version.number},
    )


def _editable_version(request: HttpRequest, slug: str, number: int) -> RoadmapVersion:
    """The version with its clauses if the user may read it (else 404) and edit it (else 403)."""
    roadmap = selectors.roadmap_for_action_line(slug=slug)
    version = selectors.version_with_clauses(roadmap=roadmap, user=request.user, number=number)
    if not request.user.has_perm("roadmaps.edit_version", version):
        raise PermissionDenied(_("This version cannot be edited by you."))
    return version


def _editable_clause(request: HttpRequest, pk: int) -> Clause:
    clause = get_object_or_404(
        Clause.objects.select_related("group", "version__roadmap__action_line"), pk=pk
    )
    if not request.user.has_perm("roadmaps.view_version", clause.version):
        raise Http404("No such clause.")
    if not request.user.has_perm("roadmaps.edit_version", clause.version):
        raise PermissionDenied(_("This version cannot be edited by you."))
    return clause


# --- public pages ----------------------------------------------------------------------------


@require_GET
@cache_public_page(*ROADMAP_NAMESPACES)
def roadmap_index(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "roadmaps/roadmap_index.html",
        {
            **SECTION,
            "action_lines": selectors.action_lines_with_published_roadmap(),
            "sdgs": Sdg.objects.order_by("number"),
        },
    )


def _render_version(
    request: HttpRequest, roadmap: Roadmap, version: RoadmapVersion, template: str
) -> HttpResponse:
    editor = is_roadmap_editor(request.user, roadmap)
    return render(
        request,
        template,
        {
            **SECTION,
            "roadmap": roadmap,
            "version": version,
            "columns": CLAUSE_COLUMNS,
            "is_editor": editor,
            "can_edit": request.user.has_perm("roadmaps.edit_version", version),
            "open_version": selectors.open_version(roadmap=roadmap) if editor else None,
            "moves": VERSION_WORKFLOW.allowed_moves(version, request.user) if editor else [],
            "return_form": ReturnForm(),
            "VersionStatus": VersionStatus,
        },
    )


@require_GET
@cache_public_page(*ROADMAP_NAMESPACES)
def roadmap_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """The published roadmap of one Action Line."""
    action_line = get_object_or_404(ActionLine, slug=slug)
    roadmap = Roadmap.objects.filter(action_line=action_line).first()
    if roadmap is None:
        if not is_roadmap_editor(request.user, action_line):
            raise Http404("No roadmap for this Action Line.")
        return render(
            request, "roadmaps/roadmap_unpublished.html", {**SECTION, "action_line": action_line}
        )
    roadmap = selectors.roadmap_for_action_line(slug=slug)
    try:
        version = selectors.version_with_clauses(roadmap=roadmap, user=request.user)
    except Http404:
        if not is_roadmap_editor(request.user, roadmap):
            raise
        open_version = selectors.open_version(roadmap=roadmap)
        if open_version is None:
            return render(
                request,
                "roadmaps/roadmap_unpublished.html",
                {**SECTION, "action_line": roadmap.action_line},
            )
        return redirect(_version_url(open_version))
    return _render_version(request, roadmap, version, "roadmaps/version_detail.html")


@require_GET
@cache_public_page(*ROADMAP_NAMESPACES)
def version_detail(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    roadmap = selectors.roadmap_for_action_line(slug=slug)
    version = selectors.version_with_clauses(roadmap=roadmap, user=request.user, number=number)
    return _render_version(request, roadmap, version, "roadmaps/version_detail.html")


@require_GET
@cache_public_page(*ROADMAP_NAMESPACES)
def version_print(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    roadmap = selectors.roadmap_for_action_line(slug=slug)
    version = selectors.version_with_clauses(roadmap=roadmap, user=request.user, number=number)
    return render(
        request,
        "roadmaps/version_print.html",
        {**SECTION, "roadmap": roadmap, "version": version, "columns": CLAUSE_COLUMNS},
    )


@require_GET
@cache_public_page(*ROADMAP_NAMESPACES)
def version_list(request: HttpRequest, slug: str) -> HttpResponse:
    roadmap = selectors.roadmap_for_action_line(slug=slug)
    versions = list(selectors.versions_visible_to(roadmap=roadmap, user=request.user))
    if not versions:
        raise Http404("No version to show.")
    return render(
        request,
        "roadmaps/version_list.html",
        {**SECTION, "roadmap": roadmap, "versions": versions},
    )


@require_GET
@cache_public_page(*ROADMAP_NAMESPACES)
def version_download(request: HttpRequest, slug: str, number: int, fmt: str) -> HttpResponse:
    if fmt not in DOWNLOADS:
        raise Http404("Unknown format.")
    roadmap = selectors.roadmap_for_action_line(slug=slug)
    version = selectors.version_with_clauses(roadmap=roadmap, user=request.user, number=number)
    if fmt == "docx":
        content: bytes | str = exports.version_docx(version)
    elif fmt == "pdf":
        content = exports.version_pdf(version)
    elif fmt == "csv":
        content = exports.version_csv(version)
    else:
        content = json.dumps(
            VersionDetailSerializer(version, context={"request": request}).data,
            cls=DjangoJSONEncoder,
            ensure_ascii=False,
        )
    response = HttpResponse(content, content_type=DOWNLOADS[fmt])
    filename = f"roadmap-{roadmap.action_line.slug}-v{version.number}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _number_param(request: HttpRequest, name: str) -> int | None:
    value = request.GET.get(name, "")
    if not value:
        return None
    if not value.isdigit():
        raise Http404("Version numbers are whole numbers.")
    return int(value)


@require_GET
@cache_public_page(*ROADMAP_NAMESPACES)
def version_compare(request: HttpRequest, slug: str) -> HttpResponse:
    """Differences between two versions (`?from=N&to=M`; by default the last two visible), with
    a picker of any two; without parameters and fewer than two versions, the picker alone."""
    roadmap = selectors.roadmap_for_action_line(slug=slug)
    versions = list(selectors.versions_visible_to(roadmap=roadmap, user=request.user))
    numbers = [version.number for version in versions]
    new_number = _number_param(request, "to") or (numbers[0] if numbers else None)
    old_number = _number_param(request, "from") or next(
        (number for number in numbers if new_number is not None and number < new_number), None
    )
    if new_number is None or old_number is None:
        if "from" in request.GET or "to" in request.GET:
            raise Http404("There are not two versions to compare.")
        # Without parameters: the page to pick two versions, even when there is one so far.
        return render(
            request,
            "roadmaps/version_compare_pick.html",
            {**SECTION, "roadmap": roadmap, "versions": versions},
        )
    old, new = selectors.versions_with_clauses(
        roadmap=roadmap, user=request.user, numbers=(old_number, new_number)
    )
    return render(
        request,
        "roadmaps/version_compare.html",
        {
            **SECTION,
            "roadmap": roadmap,
            "versions": versions,
            "old": old,
            "new": new,
            "changes": version_diff(old, new),
        },
    )


@require_GET
@cache_public_page(*ROADMAP_NAMESPACES)
def sdg_detail(request: HttpRequest, number: int) -> HttpResponse:
    """Which clauses of which Action Lines' published roadmaps link to one SDG."""
    sdg = get_object_or_404(Sdg, number=number)
    return render(
        request,
        "roadmaps/sdg_detail.html",
        {
            **SECTION,
            "sdg": sdg,
            "sdgs": Sdg.objects.order_by("number"),
            "clauses": selectors.clauses_for_sdg(number=number),
        },
    )


# --- editing ---------------------------------------------------------------------------------


@role_required()
@require_POST
def draft_start(request: HttpRequest, slug: str) -> HttpResponse:
    action_line = get_object_or_404(ActionLine, slug=slug)
    if not request.user.has_perm("roadmaps.start_draft", action_line):
        raise PermissionDenied(_("Only the facilitators of this Action Line and the secretariat."))
    roadmap = services.roadmap_get_or_create(action_line=action_line)
    try:
        draft = services.roadmap_draft_start(roadmap=roadmap, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("roadmaps:roadmap_detail", slug=slug)
    messages.success(request, _("Version %(number)s was started.") % {"number": draft.number})
    return redirect(_version_url(draft, "version_edit"))


@role_required()
@require_http_methods(["GET", "POST"])
def version_edit(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    """The table-like editor: every clause with its actions, the version's details, new groups."""
    version = _editable_version(request, slug, number)
    details_form = VersionDetailsForm(
        request.POST if request.POST.get("form") == "details" else None,
        initial={
            "as_of": version.as_of,
            "change_summary": version.change_summary,
            "notes": version.notes,
        },
    )
    group_form = SourceGroupForm(request.POST if request.POST.get("form") == "group" else None)
    if request.method == "POST":
        try:
            if details_form.is_bound and details_form.is_valid():
                services.roadmap_version_update(
                    version=version, by=request.user, **details_form.cleaned_data
                )
                messages.success(request, _("The details of the version were saved."))
                return redirect(_version_url(version, "version_edit"))
            if group_form.is_bound and group_form.is_valid():
                services.source_group_add(
                    version=version, title=group_form.cleaned_data["title"], by=request.user
                )
                messages.success(request, _("The source was added."))
                return redirect(_version_url(version, "version_edit"))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    return render(
        request,
        "roadmaps/version_edit.html",
        {
            **SECTION,
            "roadmap": version.roadmap,
            "version": version,
            "columns": CLAUSE_COLUMNS,
            "details_form": details_form,
            "group_form": group_form,
            "moves": VERSION_WORKFLOW.allowed_moves(version, request.user),
        },
        status=400 if request.method == "POST" else 200,
    )


@role_required()
@require_http_methods(["GET", "POST"])
def clause_add(request: HttpRequest, slug: str, number: int, group_id: int) -> HttpResponse:
    version = _editable_version(request, slug, number)
    group = get_object_or_404(SourceGroup, pk=group_id, version=version)
    form = ClauseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        clause = services.clause_add(
            group=group,
            by=request.user,
            values=form.clause_values(),
            gdc_objectives=form.cleaned_data["gdc_objectives"],
        )
        messages.success(request, _("Clause %(label)s was added.") % {"label": clause.label})
        return redirect(f"{_version_url(version, 'version_edit')}#clause-{clause.pk}")
    return render(
        request,
        "roadmaps/clause_form.html",
        {**SECTION, "version": version, "group": group, "form": form, "clause": None},
        status=400 if request.method == "POST" else 200,
    )


@keeps_typed_across_sign_in
@role_required()
@require_http_methods(["GET", "POST"])
def clause_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Edits one clause; a stale save is refused (409) and shows both versions side by side."""
    clause = _editable_clause(request, pk)
    initial = {
        "lock_version": clause.lock_version,
        "gdc_objectives": list(clause.gdc_objectives.all()),
        **{name: getattr(clause, name) for name in services.CLAUSE_FIELDS},
    }
    form = ClauseForm(request.POST or None, initial=initial)
    context = {
        **SECTION,
        "version": clause.version,
        "group": clause.group,
        "clause": clause,
        "citation_count": clause.citations.count(),
    }
    if request.method == "POST" and form.is_valid() and write_allowed(request, form):
        try:
            services.clause_update(
                clause=clause,
                by=request.user,
                expected_lock_version=form.cleaned_data["lock_version"],
                values=form.clause_values(),
                gdc_objectives=form.cleaned_data["gdc_objectives"],
            )
        except StaleVersion as stale:
            # The editor keeps their text and may save it again knowingly over the new version.
            form = ClauseForm(
                data={
                    **{name: request.POST.get(name, "") for name in services.CLAUSE_FIELDS},
                    "gdc_objectives": request.POST.getlist("gdc_objectives"),
                    "lock_version": stale.current.lock_version,
                }
            )
            form.is_valid()
            return stale_version_page(
                request,
                "roadmaps/clause_form.html",
                {
                    **context,
                    "form": form,
                    "conflict": stale,
                    "conflict_rows": _conflict_rows(stale),
                },
                form=form,
                stale=stale,
            )
        else:
            messages.success(request, _("Clause %(label)s was saved.") % {"label": clause.label})
            return redirect(f"{_version_url(clause.version, 'version_edit')}#clause-{clause.pk}")
    status = 400 if request.method == "POST" and write_hold(request) is None else 200
    return render(request, "roadmaps/clause_form.html", {**context, "form": form}, status=status)


@role_required()
@require_GET
def clause_citations(request: HttpRequest, pk: int) -> HttpResponse:
    """The evidence a clause's results cite, and the search to cite more (without JavaScript:
    the search is a GET form, each result a small POST form)."""
    clause = _editable_clause(request, pk)
    search = CitationSearchForm(request.GET or None)
    candidates = []
    if search.is_bound and search.is_valid():
        candidates = selectors.citation_candidates(
            kind=search.cleaned_data["kind"], text=search.cleaned_data["q"]
        )
    citations = selectors.clause_citations(clause)
    cited = {(citation.kind, citation.target_id) for citation in citations}
    return render(
        request,
        "roadmaps/clause_citations.html",
        {
            **SECTION,
            "clause": clause,
            "version": clause.version,
            "citations": citations,
            "search": search,
            "searched": search.is_bound and search.is_valid(),
            "candidates": [
                (candidate, (candidate.kind, candidate.pk) in cited) for candidate in candidates
            ],
        },
        status=400 if search.is_bound and not search.is_valid() else 200,
    )


def _citations_url(clause: Clause, request: HttpRequest) -> str:
    """Back to the clause's citations, with the search the facilitator came from."""
    url = reverse("roadmaps:clause_citations", kwargs={"pk": clause.pk})
    search = CitationSearchForm({"kind": request.POST.get("kind"), "q": request.POST.get("q")})
    if search.is_valid() and search.cleaned_data["q"]:
        url += "?" + urlencode(search.cleaned_data)
    return url


@role_required()
@require_POST
def clause_cite(request: HttpRequest, pk: int) -> HttpResponse:
    clause = _editable_clause(request, pk)
    target = request.POST.get("target", "")
    if not target.isascii() or not target.isdigit() or len(target) > 12:
        raise Http404("Name the item to cite.")
    try:
        citation = services.clause_citation_add(
            clause=clause, by=request.user, kind=request.POST.get("kind", ""), target_id=int(target)
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("“%(title)s” is cited.") % {"title": citation.title})
    return redirect(_citations_url(clause, request))


@role_required()
@require_POST
def clause_uncite(request: HttpRequest, pk: int, citation_id: int) -> HttpResponse:
    clause = _editable_clause(request, pk)
    citation = get_object_or_404(ClauseCitation, pk=citation_id, clause=clause)
    citation.clause = clause
    services.clause_citation_remove(citation=citation, by=request.user)
    messages.success(request, _("“%(title)s” is no longer cited.") % {"title": citation.title})
    return redirect(_citations_url(clause, request))


def _conflict_rows(conflict: StaleVersion) -> list[tuple[str, str, str]]:
    return [
        (str(heading), conflict.attempted.get(name, ""), getattr(conflict.current, name))
        for name, heading in (("label", _("Label")), *CLAUSE_TEXT_FIELDS)
    ]


def _lock_version(request: HttpRequest) -> int:
    value = request.POST.get("lock_version", "")
    if not value.isdigit():
        raise Http404("A lock version is required.")
    return int(value)


@role_required()
@require_POST
def clause_remove(request: HttpRequest, pk: int) -> HttpResponse:
    """Removes a clause of a draft once the editor has confirmed it on the page this answers
    first (showing the clause), since a removed clause's text is gone from the draft."""
    clause = _editable_clause(request, pk)
    if request.POST.get("confirm") != "yes":
        return render(
            request,
            "roadmaps/clause_remove_confirm.html",
            {
                **SECTION,
                "clause": clause,
                "lock_version": _lock_version(request),
                "back": _version_url(clause.version, "version_edit"),
            },
        )
    try:
        services.clause_remove(
            clause=clause, by=request.user, expected_lock_version=_lock_version(request)
        )
    except StaleVersion:
        messages.error(
            request, _("The clause was changed by someone else meanwhile; it was not removed.")
        )
    else:
        messages.success(request, _("Clause %(label)s was removed.") % {"label": clause.label})
    return redirect(_version_url(clause.version, "version_edit"))


@role_required()
@require_POST
def clause_move(request: HttpRequest, pk: int) -> HttpResponse:
    clause = _editable_clause(request, pk)
    offset = {"up": -1, "down": 1}.get(request.POST.get("direction", ""))
    if offset is None:
        raise Http404("Move up or down.")
    services.clause_move(clause=clause, by=request.user, offset=offset)
    return redirect(f"{_version_url(clause.version, 'version_edit')}#clause-{clause.pk}")


@role_required()
@require_POST
def version_transition(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    """Submit (facilitators), return with comments or approve (secretariat)."""
    roadmap = selectors.roadmap_for_action_line(slug=slug)
    version = get_object_or_404(
        selectors.versions_visible_to(roadmap=roadmap, user=request.user), number=number
    )
    version.roadmap = roadmap
    target = request.POST.get("to", "")
    if target not in VersionStatus.values:
        raise Http404("Unknown state.")
    try:
        services.roadmap_version_transition(
            version=version, to=target, by=request.user, reason=request.POST.get("reason", "")
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(_version_url(version))
    messages.success(
        request,
        _("Version %(number)s is now “%(status)s”.")
        % {"number": version.number, "status": version.get_status_display()},
    )
    return redirect(_version_url(version))


@role_required()
@require_GET
def review_queue(request: HttpRequest) -> HttpResponse:
    if not is_secretariat(request.user):
        raise PermissionDenied(_("Only the secretariat reviews roadmap versions."))
    return render(
        request,
        "roadmaps/review_queue.html",
        {**SECTION, "versions": selectors.versions_awaiting_review()},
    )
