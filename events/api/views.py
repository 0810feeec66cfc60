"""The events API: events, their sessions, published outcome documents and the organisers'
outcome submission (same permissions as the pages)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from events import caching, selectors, services
from events.api import serializers
from events.enums import SessionType
from events.filters import CommitmentFilter, OutcomeFilter, SessionFilter, outcome_result_key
from events.models import OutcomeDocument
from events.rules import is_session_organiser
from wsis.api.filters import filters_without_value
from wsis.locking import StaleVersion
from wsis.throttling import SubmissionThrottledMixin


class EventViewSet(viewsets.ReadOnlyModelViewSet):
    """Events: WSIS Forum editions and other events."""

    queryset = selectors.events_public().order_by("-start_date", "name")
    serializer_class = serializers.EventSerializer
    lookup_value_regex = r"\d+"
    # The agenda's filters, whose accepted values the schema lists (wsis/api/schema.py).
    schema_filterset_class = SessionFilter

    @extend_schema(
        operation_id="v1_events_agenda",
        responses=serializers.SessionSerializer(many=True),
        parameters=[
            OpenApiParameter("session_type", str, enum=SessionType.values),
            OpenApiParameter("action_line", str, description="Action Line code, e.g. C2"),
            OpenApiParameter("sdg", int, description="SDG number"),
            OpenApiParameter("organiser", str, description="organisation slug"),
        ],
    )
    @action(detail=True, methods=["get"])
    def sessions(self, request, pk=None):
        """The event's agenda; filter by session_type, action_line, sdg, organiser."""
        event = self.get_object()
        filters_without_value(SessionFilter, request.query_params)
        agenda = SessionFilter(
            request.query_params, queryset=selectors.sessions_api().filter(event=event)
        )
        if not agenda.is_valid():
            raise exceptions.ValidationError(agenda.errors)
        sessions = agenda.qs
        page = self.paginate_queryset(sessions)
        return self.get_paginated_response(serializers.SessionSerializer(page, many=True).data)

    def get_serializer_class(self):
        if self.action == "sessions":
            return serializers.SessionSerializer
        return super().get_serializer_class()


class SessionViewSet(SubmissionThrottledMixin, viewsets.ReadOnlyModelViewSet):
    """Sessions of every event; filter by session_type, action_line, sdg, organiser."""

    submission_actions = ("outcome",)
    queryset = selectors.sessions_api()
    serializer_class = serializers.SessionSerializer
    filterset_class = SessionFilter

    @extend_schema(
        methods=["PUT"],
        request=serializers.OutcomeWriteSerializer,
        responses=serializers.OutcomeSerializer,
    )
    @extend_schema(methods=["GET"], responses=serializers.OutcomeSerializer)
    @action(
        detail=True,
        methods=["get", "put"],
        permission_classes=[IsAuthenticated],
    )
    def outcome(self, request, pk=None):
        """The session's outcome document for its organisers and the secretariat. PUT saves a
        draft, or hands it in with `"submit": true`; `lock_version` must be the one read (409
        when somebody saved meanwhile)."""
        session = self.get_object()
        outcome = selectors.outcome_for_session(session)
        if request.method == "GET":
            if outcome is None or not request.user.has_perm("events.view_outcomedocument", outcome):
                raise Http404
            return Response(serializers.OutcomeSerializer(outcome).data)
        allowed = (
            request.user.has_perm("events.add_outcomedocument", session)
            if outcome is None
            else request.user.has_perm("events.change_outcomedocument", outcome)
        )
        if not allowed:
            if is_session_organiser(request.user, session):
                raise exceptions.PermissionDenied(
                    "The outcome document can be written after the session has ended and "
                    "until it is submitted; only the secretariat may change it afterwards."
                )
            raise Http404
        body = serializers.OutcomeWriteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        submit = data.pop("submit", False)
        lock_version = data.pop("lock_version", None)
        text_language = data.pop("text_language", None)
        try:
            if submit:
                outcome = services.outcome_submit(
                    session=session,
                    by=request.user,
                    content=data,
                    lock_version=lock_version,
                    text_language=text_language,
                )
            else:
                outcome = services.outcome_save(
                    session=session,
                    by=request.user,
                    content=data,
                    lock_version=lock_version,
                    text_language=text_language,
                )
        except StaleVersion:
            raise  # the API's one 409 (wsis.api.errors), before the 400 of other ValidationErrors
        except ValidationError as exc:
            raise exceptions.ValidationError(exc.message_dict) from exc
        except PermissionDenied as exc:
            raise exceptions.PermissionDenied(str(exc)) from exc
        return Response(serializers.OutcomeSerializer(outcome).data)


class OutcomeViewSet(viewsets.ReadOnlyModelViewSet):
    """Published session outcome documents; `q` searches the full text."""

    # The serializer shows the session and event only: no organisers, Action Lines or SDGs.
    queryset = selectors.outcomes_published().prefetch_related("gdc_objectives")
    serializer_class = serializers.OutcomeSerializer
    filterset_class = OutcomeFilter

    def get_queryset(self):
        if self.action == "retrieve":
            return OutcomeDocument.objects.filter(pk__in=selectors.outcomes_public().values("pk"))
        return super().get_queryset()

    def result_count(self, queryset) -> int:
        """The list's total, counted once per events generation and filter combination (the
        pagination then fetches a search's pages by bounded ranking, as the page does)."""
        return caching.outcomes_count(queryset, key=outcome_result_key(self.request.query_params))


class CommitmentViewSet(viewsets.ReadOnlyModelViewSet):
    """Commitments of published outcome documents (their "tangible outcomes" and "actionable
    plan" bullets) and where their organisers last said each stands; filter by event,
    action_line (e.g. C5), sdg, gdc and status. A commitment whose bullet a later version of
    the document removed stays, marked `withdrawn`."""

    queryset = selectors.commitments_public()
    serializer_class = serializers.CommitmentSerializer
    lookup_value_regex = r"\d+"
    filterset_class = CommitmentFilter
