"""Open web basics for events and outcome documents, as the stocktaking database has them: Atom
feeds of new outcome documents and of events, and CSV and JSON exports of the outcome documents
(the same filters as their list page)."""

import json

from django.contrib.syndication.views import Feed
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from events.filters import OutcomeFilter
from events.models import OUTCOME_SECTIONS
from events.selectors import events_public, outcomes_public
from wsis.csv_files import csv_response

EXPORT_LIMIT = 5000


class LatestOutcomesFeed(Feed):
    """Atom feed of the 50 outcome documents most recently published."""

    feed_type = Atom1Feed
    title = gettext_lazy("WSIS Forum: newly published outcome documents")
    subtitle = gettext_lazy("Session outcome documents most recently published.")

    def link(self):
        return reverse("events:outcome_list")

    def items(self):
        return outcomes_public().order_by("-published_at", "-id")[:50]

    def item_title(self, item):
        return str(item.session)

    def item_description(self, item):
        return " · ".join(item.key_issues[:3]) if item.key_issues else ""

    def item_link(self, item):
        return item.get_absolute_url()

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return "; ".join(organisation.name for organisation in item.session.organisers.all())


class EventsFeed(Feed):
    """Atom feed of the events (WSIS Forum editions and others), newest first."""

    feed_type = Atom1Feed
    title = gettext_lazy("WSIS events")
    subtitle = gettext_lazy("WSIS Forum editions and other events of the WSIS process.")

    def link(self):
        return reverse("events:event_list")

    def items(self):
        return events_public().order_by("-created_at", "-id")[:50]

    def item_title(self, item):
        return item.name

    def item_description(self, item):
        return " · ".join(
            part
            for part in (item.dates_text or str(item.start_date or ""), item.location_display)
            if part
        )

    def item_pubdate(self, item):
        return item.created_at


def _outcome_rows(request: HttpRequest) -> list[dict]:
    outcomes = OutcomeFilter(request.GET or None, queryset=outcomes_public()).qs
    rows = []
    for outcome in outcomes.order_by("-published_at", "-id")[:EXPORT_LIMIT]:
        session = outcome.session
        rows.append(
            {
                "id": outcome.pk,
                "url": request.build_absolute_uri(outcome.get_absolute_url()),
                "event": session.event.name,
                "session_number": session.number,
                "session_title": session.title,
                "session_type": session.get_session_type_display(),
                "starts_at": session.starts_at.isoformat(),
                "organisers": [o.name for o in session.organisers.all()],
                "action_lines": [line.code for line in session.action_lines.all()],
                "sdgs": [sdg.number for sdg in session.sdgs.all()],
                "published_at": outcome.published_at.isoformat() if outcome.published_at else "",
                **{section.key: getattr(outcome, section.key) for section in OUTCOME_SECTIONS},
            }
        )
    return rows


@require_safe
def outcomes_export_json(request: HttpRequest) -> HttpResponse:
    """The published outcome documents of the list's filters, as JSON (at most 5,000)."""
    response = HttpResponse(
        json.dumps({"results": _outcome_rows(request)}, ensure_ascii=False, indent=1),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="wsis-outcome-documents.json"'
    return response


@require_safe
def outcomes_export_csv(request: HttpRequest) -> HttpResponse:
    """The same as CSV: one row per outcome document, lists joined with " | "."""
    rows = _outcome_rows(request)
    header = [
        "id",
        "url",
        "event",
        "session_number",
        "session_title",
        "session_type",
        "starts_at",
        "organisers",
        "action_lines",
        "sdgs",
        "published_at",
        *(section.key for section in OUTCOME_SECTIONS),
    ]
    # The portal's one CSV writer makes every cell formula-safe (wsis/csv_files.py).
    return csv_response(
        "wsis-outcome-documents.csv",
        header,
        (
            [
                " | ".join(map(str, row[key])) if isinstance(row[key], list) else row[key]
                for key in header
            ]
            for row in rows
        ),
    )
