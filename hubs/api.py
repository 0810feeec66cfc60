"""The hubs in the API: the list of every hub, and one hub's counts and latest items (commitments
with their answers too), as the pages show them (the same selectors and subject look-up, so the
same bounded number of queries)."""

from __future__ import annotations

from django.urls import reverse
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response

from hubs import selectors
from hubs.views import action_line_subject, gdc_subject, sdg_subject
from wsis.api.fields import StrictCharField
from wsis.caching.reference import reference_lists

URI = {"type": "string", "format": "uri"}


class HubSummarySerializer(serializers.Serializer):
    kind = StrictCharField(help_text="action_line, sdg or gdc")
    key = StrictCharField(help_text="The Action Line's slug, the SDG's or GDC objective's number")
    name = StrictCharField()
    url = serializers.URLField(help_text="The hub's page")
    api_url = serializers.URLField()


class HubItemSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = StrictCharField()
    url = serializers.URLField()


class HubClauseSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    action_line = StrictCharField()
    version = serializers.IntegerField()
    label = StrictCharField()
    url = serializers.URLField()


class HubResultSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = StrictCharField()
    organisation = StrictCharField()
    year = serializers.IntegerField()
    status = StrictCharField()
    url = serializers.URLField()


class HubCommitmentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    text = StrictCharField()
    status = StrictCharField(help_text="not_answered, in_progress, done or dropped")
    answer = StrictCharField(help_text="The organisers' latest sentence on where it stands")
    answer_link = StrictCharField()
    answered_at = serializers.DateTimeField(allow_null=True)
    withdrawn = serializers.BooleanField(help_text="A later version of the document removed it")
    url = serializers.URLField()


class CountSerializer(serializers.Serializer):
    value = StrictCharField()
    count = serializers.IntegerField()


class HubSerializer(serializers.Serializer):
    kind = StrictCharField()
    key = StrictCharField()
    name = StrictCharField()
    url = serializers.URLField()
    entries_list_url = serializers.URLField(help_text="The stocktaking list filtered by it")
    entries_total = serializers.IntegerField()
    entries_by_region = CountSerializer(many=True)
    entries_by_year = CountSerializer(many=True)
    latest_entries = HubItemSerializer(many=True)
    clauses_total = serializers.IntegerField()
    clauses = HubClauseSerializer(many=True)
    results = HubResultSerializer(many=True)
    sessions_total = serializers.IntegerField()
    sessions = HubItemSerializer(many=True)
    outcomes_total = serializers.IntegerField()
    outcomes = HubItemSerializer(many=True)
    commitments_list_url = serializers.URLField(help_text="The commitments list filtered by it")
    commitments_total = serializers.IntegerField()
    commitments_answered = serializers.IntegerField()
    commitments = HubCommitmentSerializer(many=True)
    facilitators = serializers.ListField(child=StrictCharField())


def _key(kind: str, subject) -> str:
    return subject.slug if kind == "action_line" else str(subject.number)


def _page_url(kind: str, subject) -> str:
    names = {"action_line": "hubs:action_line", "sdg": "hubs:sdg", "gdc": "hubs:gdc"}
    return reverse(names[kind], args=[_key(kind, subject)])


def _api_url(kind: str, subject) -> str:
    names = {"action_line": "hub-api-action-line", "sdg": "hub-api-sdg", "gdc": "hub-api-gdc"}
    return reverse(names[kind], args=[_key(kind, subject)])


def hub_representation(request: Request, hub: selectors.Hub) -> dict:
    absolute = request.build_absolute_uri
    return {
        "kind": hub.kind,
        "key": _key(hub.kind, hub.subject),
        "name": str(hub.subject),
        "url": absolute(_page_url(hub.kind, hub.subject)),
        "entries_list_url": absolute(f"{reverse('stocktaking:list')}?{hub.filter_query}"),
        "entries_total": hub.entries_total,
        "entries_by_region": [
            {"value": region, "count": n} for region, n in sorted(hub.entries_by_region.items())
            if region and region != "None"
        ],
        "entries_by_year": [{"value": year, "count": n} for year, n in hub.entries_by_year],
        "latest_entries": [
            {"id": e.pk, "title": e.title, "url": absolute(e.get_absolute_url())}
            for e in hub.latest_entries
        ],
        "clauses_total": hub.clauses_total,
        "clauses": [
            {
                "id": c.pk,
                "action_line": c.version.roadmap.action_line.code,
                "version": c.version.number,
                "label": c.label,
                "url": absolute(
                    reverse(
                        "roadmaps:version_detail",
                        args=[c.version.roadmap.action_line.slug, c.version.number],
                    )
                    + f"#clause-{c.pk}"
                ),
            }
            for c in hub.clauses
        ],
        "results": [
            {
                "id": r.pk,
                "title": r.title,
                "organisation": r.organisation.name,
                "year": r.contest.year,
                "status": r.status,
                "url": absolute(r.get_absolute_url()),
            }
            for r in hub.results
        ],
        "sessions_total": hub.sessions_total,
        "sessions": [
            {"id": s.pk, "title": s.title, "url": absolute(s.get_absolute_url())}
            for s in hub.sessions
        ],
        "outcomes_total": hub.outcomes_total,
        "outcomes": [
            {"id": o.pk, "title": o.session.title, "url": absolute(o.get_absolute_url())}
            for o in hub.outcomes
        ],
        "commitments_list_url": absolute(
            f"{reverse('events:commitment_list')}?{hub.commitments_query}"
        ),
        "commitments_total": hub.commitments_total,
        "commitments_answered": hub.commitments_answered,
        "commitments": [
            {
                "id": c.pk,
                "text": c.text,
                "status": c.status,
                "answer": c.answer,
                "answer_link": c.answer_link,
                "answered_at": c.answered_at,
                "withdrawn": c.withdrawn_at is not None,
                "url": absolute(c.get_absolute_url()),
            }
            for c in hub.commitments
        ],
        "facilitators": [organisation.name for organisation in hub.facilitators],
    }  # fmt: skip


class HubViewSet(viewsets.GenericViewSet):
    """Every Action Line, SDG and GDC objective hub, and one hub's content."""

    permission_classes = [AllowAny]
    serializer_class = HubSummarySerializer
    filter_backends: list = []

    def list(self, request: Request) -> Response:
        reference = reference_lists()
        subjects = [
            *(("action_line", line) for line in reference.action_lines),
            *(("sdg", sdg) for sdg in reference.sdgs),
            *(("gdc", goal) for goal in reference.gdc_objectives),
        ]
        rows = [
            {
                "kind": kind,
                "key": _key(kind, subject),
                "name": str(subject),
                "url": request.build_absolute_uri(_page_url(kind, subject)),
                "api_url": request.build_absolute_uri(_api_url(kind, subject)),
            }
            for kind, subject in subjects
        ]
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(HubSummarySerializer(page, many=True).data)

    @extend_schema(responses=HubSerializer)
    @action(
        detail=False,
        methods=["get"],
        url_path=r"action-lines/(?P<slug>[a-z0-9-]+)",
        url_name="action-line",
    )
    def action_line(self, request: Request, slug: str) -> Response:
        """An Action Line's hub: its roadmap clauses, entries, winners, sessions, outcomes."""
        subject = action_line_subject(slug)
        return Response(hub_representation(request, selectors.hub_for_action_line(subject)))

    @extend_schema(responses=HubSerializer)
    @action(detail=False, methods=["get"], url_path=r"sdgs/(?P<number>[0-9]{1,2})", url_name="sdg")
    def sdg(self, request: Request, number: str) -> Response:
        """An SDG's hub."""
        subject = sdg_subject(int(number))
        return Response(hub_representation(request, selectors.hub_for_sdg(subject)))

    @extend_schema(responses=HubSerializer)
    @action(detail=False, methods=["get"], url_path=r"gdc/(?P<number>[0-9]{1,2})", url_name="gdc")
    def gdc(self, request: Request, number: str) -> Response:
        """A GDC objective's hub."""
        subject = gdc_subject(int(number))
        return Response(hub_representation(request, selectors.hub_for_gdc_objective(subject)))
