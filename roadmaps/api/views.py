"""The roadmap API: read published roadmaps, versions and diffs; facilitators edit drafts.

Every action checks the same rules as the pages (roadmaps/rules.py): a draft is a 404 for whoever
may not read it, and a stale clause save is a 409 with the stored clause.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response

from roadmaps import selectors, services
from roadmaps.api import serializers
from roadmaps.diffing import version_diff
from roadmaps.models import Clause, RoadmapVersion, SourceGroup
from wsis.api.errors import Conflict
from wsis.locking import StaleVersion
from wsis.models import ActionLine
from wsis.workflow import ReasonRequired, TransitionNotAllowed

VERSION_NUMBER = {"type": "integer", "minimum": 0}
VERSION_PARAMETER = OpenApiParameter(
    "version", VERSION_NUMBER, description="A version number instead of the published version."
)


def _validation_error(error: ValidationError) -> exceptions.ValidationError:
    if hasattr(error, "error_dict"):
        return exceptions.ValidationError(error.message_dict)
    return exceptions.ValidationError({"non_field_errors": error.messages})


def _conflict(stale: StaleVersion) -> Conflict:
    """The API's one 409, with the stored clause beside the refused values."""
    return Conflict(
        str(stale),
        extra={
            "current": serializers.ClauseSerializer(stale.current).data,
            "attempted": stale.attempted,
        },
    )


class RoadmapViewSet(viewsets.GenericViewSet):
    """Action Lines with their published roadmap version; `{slug}` is the Action Line's slug."""

    permission_classes = [AllowAny]
    lookup_field = "slug"
    lookup_value_regex = "[a-z0-9-]+"
    filter_backends: list = []
    serializer_class = serializers.ActionLineRoadmapSerializer

    def get_queryset(self) -> QuerySet[ActionLine]:
        return selectors.action_lines_with_published_roadmap()

    def _version(self, slug: str, number: int | None) -> RoadmapVersion:
        roadmap = selectors.roadmap_for_action_line(slug=slug)
        return selectors.version_with_clauses(
            roadmap=roadmap, user=self.request.user, number=number
        )

    def _number(self, name: str) -> int | None:
        value = self.request.query_params.get(name)
        if value is None:
            return None
        if not (value.isascii() and value.isdigit()):
            raise exceptions.ValidationError({name: ["A version number is a whole number."]})
        return int(value)

    def list(self, request: Request) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(parameters=[VERSION_PARAMETER], responses=serializers.VersionDetailSerializer)
    def retrieve(self, request: Request, slug: str) -> Response:
        version = self._version(slug, self._number("version"))
        return Response(
            serializers.VersionDetailSerializer(version, context={"request": request}).data
        )

    @extend_schema(responses=serializers.VersionSummarySerializer(many=True))
    @action(detail=True, methods=["get"])
    def versions(self, request: Request, slug: str) -> Response:
        """The versions the caller may read, newest first, paginated like every list."""
        roadmap = selectors.roadmap_for_action_line(slug=slug)
        versions = selectors.versions_visible_to(roadmap=roadmap, user=request.user)
        page = self.paginate_queryset(versions)
        return self.get_paginated_response(
            serializers.VersionSummarySerializer(page, many=True).data
        )

    @extend_schema(
        parameters=[
            OpenApiParameter("from", VERSION_NUMBER, required=True),
            OpenApiParameter("to", VERSION_NUMBER, required=True),
        ],
        responses=serializers.VersionDiffSerializer,
    )
    @action(detail=True, methods=["get"])
    def diff(self, request: Request, slug: str) -> Response:
        """Clauses added, removed and changed (word by word) from `?from=N` to `?to=M`."""
        old_number, new_number = self._number("from"), self._number("to")
        if old_number is None or new_number is None:
            raise exceptions.ValidationError({"from": ["Give ?from=N&to=M."]})
        old, new = self._version(slug, old_number), self._version(slug, new_number)
        changes = version_diff(old, new)
        return Response(
            {
                "from": old.number,
                "to": new.number,
                "changes": serializers.ClauseChangeSerializer(changes, many=True).data,
            }
        )

    @extend_schema(request=None, responses={201: serializers.VersionSummarySerializer})
    @action(detail=True, methods=["post"])
    def drafts(self, request: Request, slug: str) -> Response:
        """Starts a new draft from the published version (facilitators, secretariat)."""
        self._require_login()
        roadmap = selectors.roadmap_for_action_line(slug=slug)
        if not request.user.has_perm("roadmaps.start_draft", roadmap):
            raise exceptions.PermissionDenied()
        try:
            draft = services.roadmap_draft_start(roadmap=roadmap, by=request.user)
        except ValidationError as error:
            raise _validation_error(error) from error
        return Response(
            serializers.VersionSummarySerializer(draft).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(
        request=serializers.TransitionSerializer, responses=serializers.VersionSummarySerializer
    )
    @action(detail=True, methods=["post"], url_path=r"versions/(?P<number>\d+)/transition")
    def transition(self, request: Request, slug: str, number: str) -> Response:
        """Submit (facilitators), return with a reason or approve (secretariat)."""
        self._require_login()
        version = self._version(slug, int(number))
        body = serializers.TransitionSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            services.roadmap_version_transition(
                version=version,
                to=body.validated_data["to"],
                by=request.user,
                reason=body.validated_data["reason"],
            )
        except (TransitionNotAllowed, ReasonRequired) as error:
            raise _validation_error(error) from error
        return Response(serializers.VersionSummarySerializer(version).data)

    @extend_schema(
        request=serializers.ClauseCreateSerializer,
        responses={201: serializers.ClauseSerializer},
    )
    @action(detail=True, methods=["post"], url_path=r"versions/(?P<number>\d+)/clauses")
    def clauses(self, request: Request, slug: str, number: str) -> Response:
        """Adds a clause at the end of a source group of an editable version."""
        self._require_login()
        version = self._version(slug, int(number))
        body = serializers.ClauseCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        values = dict(body.validated_data)
        group = get_object_or_404(SourceGroup, pk=values.pop("group"), version=version)
        values.pop("lock_version", None)
        try:
            clause = services.clause_add(group=group, by=request.user, values=values)
        except ValidationError as error:
            raise _validation_error(error) from error
        return Response(serializers.ClauseSerializer(clause).data, status=status.HTTP_201_CREATED)

    def _require_login(self) -> None:
        if not self.request.user.is_authenticated:
            raise exceptions.NotAuthenticated()


class ClauseViewSet(mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """One clause of a version the caller may read; PATCH and DELETE need `lock_version`."""

    serializer_class = serializers.ClauseSerializer
    permission_classes = [AllowAny]
    filter_backends: list = []

    def get_queryset(self) -> QuerySet[Clause]:
        return Clause.objects.select_related("group", "version__roadmap").prefetch_related(
            "sdgs",
            "gdc_objectives",
            Prefetch("citations", queryset=selectors.citations_public()),
        )

    def get_object(self) -> Clause:
        clause = super().get_object()
        if not self.request.user.has_perm("roadmaps.view_version", clause.version):
            raise Http404("No such clause.")
        return clause

    def _editable(self) -> Clause:
        if not self.request.user.is_authenticated:
            raise exceptions.NotAuthenticated()
        clause = self.get_object()
        if not self.request.user.has_perm("roadmaps.edit_version", clause.version):
            raise PermissionDenied()
        return clause

    def _lock_version(self, data) -> int:
        value = data.get("lock_version")
        if value is None:
            raise exceptions.ValidationError(
                {"lock_version": ["Send the lock_version of the clause you read."]}
            )
        try:
            return int(value)
        except (TypeError, ValueError) as error:
            raise exceptions.ValidationError({"lock_version": ["A whole number."]}) from error

    @extend_schema(
        request=serializers.ClauseWriteSerializer, responses=serializers.ClauseSerializer
    )
    def partial_update(self, request: Request, pk: str) -> Response:
        clause = self._editable()
        body = serializers.ClauseWriteSerializer(data=request.data, partial=True)
        body.is_valid(raise_exception=True)
        expected = self._lock_version(request.data)
        values = {name: getattr(clause, name) for name in services.CLAUSE_FIELDS}
        values.update({k: v for k, v in body.validated_data.items() if k != "lock_version"})
        try:
            clause = services.clause_update(
                clause=clause, by=request.user, expected_lock_version=expected, values=values
            )
        except StaleVersion as stale:
            raise _conflict(stale) from stale
        return Response(serializers.ClauseSerializer(clause).data)

    @extend_schema(
        parameters=[OpenApiParameter("lock_version", int, required=True)], responses={204: None}
    )
    def destroy(self, request: Request, pk: str) -> Response:
        clause = self._editable()
        try:
            services.clause_remove(
                clause=clause,
                by=request.user,
                expected_lock_version=self._lock_version(request.query_params),
            )
        except StaleVersion as stale:
            raise _conflict(stale) from stale
        return Response(status=status.HTTP_204_NO_CONTENT)
