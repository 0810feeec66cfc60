"""The public hubs: pages cached whole for anonymous visitors like every public list."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from hubs import selectors
from stocktaking import selectors as stocktaking_selectors
from wsis.caching import cache_public_page
from wsis.caching.reference import reference_lists
from wsis.models import ActionLine, GdcObjective, Sdg

# Everything a hub shows: reference data, entries, prizes, sessions, outcomes and their
# commitments, roadmaps.
HUB_NAMESPACES = ("core", "stocktaking", "prizes", "events", "roadmaps")


@require_GET
@cache_public_page(*HUB_NAMESPACES)
def hub_index(request: HttpRequest) -> HttpResponse:
    reference = reference_lists()
    return render(
        request,
        "hubs/index.html",
        {
            "action_lines": reference.action_lines,
            "sdgs": reference.sdgs,
            "gdc_objectives": reference.gdc_objectives,
        },
    )


def _reference_row(rows: list, attribute: str, value):
    """The hub's subject from the cached reference lists (no query); 404 when there is none."""
    for row in rows:
        if getattr(row, attribute) == value:
            return row
    raise Http404


def action_line_subject(slug: str) -> ActionLine:
    return _reference_row(reference_lists().action_lines, "slug", slug)


def sdg_subject(number: int) -> Sdg:
    return _reference_row(reference_lists().sdgs, "number", number)


def gdc_subject(number: int) -> GdcObjective:
    return _reference_row(reference_lists().gdc_objectives, "number", number)


@require_GET
@cache_public_page(*HUB_NAMESPACES)
def action_line_hub(request: HttpRequest, slug: str) -> HttpResponse:
    return _hub_page(request, selectors.hub_for_action_line(action_line_subject(slug)))


@require_GET
@cache_public_page(*HUB_NAMESPACES)
def sdg_hub(request: HttpRequest, number: int) -> HttpResponse:
    return _hub_page(request, selectors.hub_for_sdg(sdg_subject(number)))


@require_GET
@cache_public_page(*HUB_NAMESPACES)
def gdc_hub(request: HttpRequest, number: int) -> HttpResponse:
    return _hub_page(request, selectors.hub_for_gdc_objective(gdc_subject(number)))


def _hub_page(request: HttpRequest, hub: selectors.Hub) -> HttpResponse:
    reference = reference_lists()
    regions = [
        (region.code, region.name, hub.entries_by_region.get(region.code, 0))
        for region in reference.regions
    ]
    if hub.kind == "action_line":
        others = [
            (str(sdg.number), str(sdg), hub.entries_by_other.get(str(sdg.number), 0), "sdg")
            for sdg in reference.sdgs
        ]
    else:
        others = [
            (line.slug, str(line), hub.entries_by_other.get(line.slug, 0), "action_line")
            for line in reference.action_lines
        ]
    return render(
        request,
        "hubs/hub.html",
        {
            "hub": hub,
            "regions": regions,
            "others": [row for row in others if row[2]],
            "most": max((row[2] for row in others), default=0),
        },
    )


@require_GET
@cache_public_page(*HUB_NAMESPACES)
def matrix(request: HttpRequest) -> HttpResponse:
    """Action Lines × SDGs and × GDC objectives: approved entries in each cell, each a link."""
    reference = reference_lists()
    summary = stocktaking_selectors.entries_summary(stocktaking_selectors.entries_public_listed())
    sdg_counts = summary.of(stocktaking_selectors.MATRIX)
    objectives = reference.gdc_objectives
    gdc_counts = selectors.action_lines_by_gdc_objective()
    rows = [
        (
            line,
            [(sdg, sdg_counts.get(f"{line.code}|{sdg.number}", 0)) for sdg in reference.sdgs],
            [(goal, gdc_counts.get((line.pk, goal.number), 0)) for goal in objectives],
        )
        for line in reference.action_lines
    ]
    return render(
        request,
        "hubs/matrix.html",
        {"rows": rows, "sdgs": reference.sdgs, "gdc_objectives": objectives},
    )
