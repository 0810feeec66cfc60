"""The stocktaking API: public read of approved entries, owners' drafts and revisions, moves."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from stocktaking import caching, selectors, services
from stocktaking.api.serializers import (
    EntryOwnerSerializer,
    EntrySerializer,
    EntryWriteSerializer,
    ReasonSerializer,
)
from stocktaking.enums import EntryStatus
from stocktaking.filters import EntryFilter, entries_result_key
from stocktaking.rules import is_entry_member, is_moderator
from wsis.api.caching import PublicCachedListMixin
from wsis.api.errors import Conflict
from wsis.caching.reference import reference_lists
from wsis.locking import StaleVersion
from wsis.throttling import SubmissionThrottledMixin
from wsis.workflow import TransitionNotAllowed


def _run(call):
    """Runs a service; its refusals become the API's error bodies (400, 403 or 409)."""
    try:
        return call()
    except StaleVersion:
        raise  # the API's one 409 (wsis.api.errors), before the 400 of other ValidationErrors
    except TransitionNotAllowed as error:
        raise Conflict(error.messages[0], code="transition_not_allowed") from error
    except DjangoValidationError as error:
        detail = error.message_dict if hasattr(error, "error_dict") else error.messages
        if isinstance(detail, dict):
            detail = {
                ("status" if key == "activity_status" else key): value
                for key, value in detail.items()
            }
        raise exceptions.ValidationError(detail) from error
    except DjangoPermissionDenied as error:
        raise exceptions.PermissionDenied(str(error) or None) from error


# Without `organisation`: the draft then belongs to the person's first organisation, so the
# example works for every stakeholder (an id here would name somebody else's organisation).
ENTRY_EXAMPLE = {
    "kind": "project",
    "title": "Digital skills for rural women",
    "summary": "Trains 5,000 women in rural Kenya in basic digital skills.",
    "coverage": "national",
    "countries": ["KE"],
    "action_lines": ["C4", "C7.3"],
    "primary_action_line": "C4",
    "sdgs": [4, 5],
    "status": "ongoing",
    "start_date": "2025-03-01",
    "website": "https://example.org/digital-skills",
}
ERROR_EXAMPLE = OpenApiExample(
    "Stale edit",
    value={
        "error": {
            "status": 409,
            "code": "conflict",
            "message": "Somebody else changed this entry while you were editing it. …",
        }
    },
    response_only=True,
    status_codes=["409"],
)
REASON_EXAMPLE = OpenApiExample(
    "Reason", value={"reason": "Please add the partners and a working website."}
)


@extend_schema_view(
    list=extend_schema(
        summary="Search and filter approved entries",
        description=(
            "Approved (public) entries. Filters combine (AND); repeat a filter for alternatives "
            "(`?sdg=4&sdg=5`). `q` searches titles, summaries, descriptions, organisations and "
            "partners (title matches first). Unknown filter values give 400 naming the filter."
        ),
    ),
    retrieve=extend_schema(
        summary="One entry",
        description=(
            "Public for approved entries (the public fields); drafts only for members of the "
            "organisation. Members and the secretariat also receive the moderation fields "
            "(`moderation_status`, `revision_of`, `lock_version`, `decision_reason`)."
        ),
    ),
)
class EntryViewSet(
    SubmissionThrottledMixin,
    PublicCachedListMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = EntrySerializer
    submission_actions = ("create", "submit")
    filterset_class = EntryFilter
    permission_classes = (permissions.IsAuthenticatedOrReadOnly,)
    ordering_fields: tuple = ()
    # Anonymous lists are cached whole (the entries and their prize results).
    public_cache_namespaces = ("stocktaking", "prizes")

    def get_queryset(self):
        # Their relations are fetched by the serializer, for the entries it has to serialise.
        return selectors.entries_public_unfetched()

    def result_count(self, queryset) -> int:
        """The total of the filtered list, counted once per stocktaking generation."""
        return caching.entries_count(queryset, key=entries_result_key(self.request.query_params))

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        # One query for the page's prize results, whatever its length; a cached list expires
        # when the next contest's winners are announced, so new results show at that moment.
        entries = list(page if page is not None else queryset)
        self.prize_results = caching.entries_prize_results(
            self.request._request, [entry.pk for entry in entries]
        )
        return page

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if getattr(self, "prize_results", None) is not None:
            context["prize_results"] = self.prize_results
            # Anonymous clients share representations (signed-in ones always get fresh ones).
            context["cache_representations"] = not self.request.user.is_authenticated
        return context

    def get_object(self):
        entry = (
            selectors.entry_for_owner(self.kwargs["pk"], reference_lists())
            if self.kwargs["pk"].isascii() and self.kwargs["pk"].isdigit()
            else None
        )
        if entry is None or not self.request.user.has_perm("stocktaking.see_entry", entry):
            raise exceptions.NotFound(_("No such entry."))
        return entry

    def retrieve(self, request, *args, **kwargs):
        entry = self.get_object()
        serializer_class = (
            EntryOwnerSerializer
            if request.user.has_perm("stocktaking.see_entry_moderation", entry)
            else EntrySerializer
        )
        return Response(serializer_class(entry, context=self.get_serializer_context()).data)

    def _owned(self):
        entry = self.get_object()
        if not is_entry_member(self.request.user, entry):
            raise exceptions.PermissionDenied(
                _("Only members of the owning organisation may do this.")
            )
        return entry

    def _moderated(self):
        entry = self.get_object()
        if not is_moderator(self.request.user, entry):
            raise exceptions.PermissionDenied(_("Only the secretariat may moderate entries."))
        return entry

    def _respond(self, entry, code=status.HTTP_200_OK):
        entry = selectors.entry_for_owner(entry.pk, reference_lists())
        return Response(
            EntryOwnerSerializer(entry, context={"request": self.request}).data, status=code
        )

    @extend_schema(
        summary="Create a draft",
        request=EntryWriteSerializer,
        responses={201: EntryOwnerSerializer, 400: OpenApiResponse(description="Invalid fields")},
        examples=[OpenApiExample("New draft", value=ENTRY_EXAMPLE, request_only=True)],
    )
    def create(self, request):
        serializer = EntryWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        content = dict(serializer.validated_data)
        organisation = content.pop("organisation", None)
        content.pop("lock_version", None)
        if organisation is None:
            organisation = selectors.organisations_for_entries(request.user).first()
            if organisation is None:
                raise exceptions.PermissionDenied(_("You are not a member of any organisation."))
        entry = _run(
            lambda: services.entry_create(
                organisation=organisation, by=request.user, content=content
            )
        )
        return self._respond(entry, status.HTTP_201_CREATED)

    @extend_schema(
        summary="Change a draft or revision",
        description=(
            "Only drafts and entries whose changes were requested. Send the `lock_version` you "
            "read; if somebody changed the entry since, the answer is 409 and nothing changes. "
            "To change a published entry, open a revision first (`POST …/revise/`)."
        ),
        request=EntryWriteSerializer,
        responses={
            200: EntryOwnerSerializer,
            409: OpenApiResponse(description="Stale lock_version"),
        },
        examples=[
            OpenApiExample(
                "Fix the summary",
                value={"summary": "A shorter summary.", "lock_version": 3},
                request_only=True,
            ),
            ERROR_EXAMPLE,
        ],
    )
    def partial_update(self, request, pk=None):
        entry = self._owned()
        serializer = EntryWriteSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        content = dict(serializer.validated_data)
        content.pop("organisation", None)
        if "lock_version" not in content:
            raise exceptions.ValidationError(
                {"lock_version": [_("Send the lock_version of the entry you read.")]}
            )
        lock_version = content.pop("lock_version")
        entry = _run(
            lambda: services.entry_update(
                entry=entry, by=request.user, content=content, lock_version=lock_version
            )
        )
        return self._respond(entry)

    @extend_schema(
        summary="Submit for moderation", request=None, responses={200: EntryOwnerSerializer}
    )
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        entry = self._owned()
        return self._respond(_run(lambda: services.entry_submit(entry=entry, by=request.user)))

    @extend_schema(summary="Withdraw", request=None, responses={200: EntryOwnerSerializer})
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        entry = self._owned()
        return self._respond(_run(lambda: services.entry_withdraw(entry=entry, by=request.user)))

    @extend_schema(
        summary="Open a revision of a published entry",
        description="Returns the revision (a draft); the published entry stays public meanwhile.",
        request=None,
        responses={201: EntryOwnerSerializer},
    )
    @action(detail=True, methods=["post"])
    def revise(self, request, pk=None):
        entry = self._owned()
        revision = _run(lambda: services.entry_revision_start(entry=entry, by=request.user))
        return self._respond(revision, status.HTTP_201_CREATED)

    def _decide(self, request, target):
        entry = self._moderated()
        serializer = ReasonSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        reason = serializer.validated_data["reason"]
        result = _run(
            lambda: services.entry_decide(entry=entry, to=target, by=request.user, reason=reason)
        )
        return self._respond(result)

    @extend_schema(
        summary="Approve (secretariat)",
        request=ReasonSerializer,
        responses={200: EntryOwnerSerializer},
        examples=[REASON_EXAMPLE],
    )
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        return self._decide(request, EntryStatus.APPROVED)

    @extend_schema(
        summary="Request changes (secretariat; reason required)",
        request=ReasonSerializer,
        responses={200: EntryOwnerSerializer},
        examples=[REASON_EXAMPLE],
    )
    @action(detail=True, methods=["post"], url_path="request-changes")
    def request_changes(self, request, pk=None):
        return self._decide(request, EntryStatus.CHANGES_REQUESTED)

    @extend_schema(
        summary="Reject (secretariat; reason required)",
        request=ReasonSerializer,
        responses={200: EntryOwnerSerializer},
        examples=[REASON_EXAMPLE],
    )
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        return self._decide(request, EntryStatus.REJECTED)
