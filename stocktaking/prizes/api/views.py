"""Public read of contests, categories, nominees and results; authenticated voting."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, mixins, permissions, status, viewsets
from rest_framework.response import Response

from stocktaking.prizes import selectors, services
from stocktaking.prizes.api import serializers
from stocktaking.prizes.models import Category, Contest, PrizeEntry
from stocktaking.prizes.services import AlreadyVoted
from stocktaking.prizes.throttling import VoteIpThrottle, VoteUserThrottle
from wsis.api.errors import Conflict
from wsis.network import client_address
from wsis.throttling import OneTripThrottlesMixin


class ContestViewSet(viewsets.ReadOnlyModelViewSet):
    """The yearly contests with their phase dates (ISO 8601, UTC)."""

    queryset = Contest.objects.order_by("-year")
    serializer_class = serializers.ContestSerializer
    lookup_field = "year"
    filter_backends: list = []


class _ContestChildViewSet(viewsets.ReadOnlyModelViewSet):
    filter_backends: list = []
    model = PrizeEntry

    def contest(self) -> Contest:
        return get_object_or_404(Contest, year=self.kwargs["contest_year"])

    def get_queryset(self):
        # The schema generator calls this without a contest in the URL.
        if getattr(self, "swagger_fake_view", False):
            return self.model.objects.none()
        return self.contest_queryset()


class CategoryViewSet(_ContestChildViewSet):
    """The categories of a contest: the 18 Action Lines and any special prizes."""

    serializer_class = serializers.CategorySerializer
    lookup_field = "slug"
    model = Category

    def contest_queryset(self):
        return selectors.categories_of_contest(self.contest())


@extend_schema(
    parameters=[OpenApiParameter("category", str, description="Only this category (its slug).")]
)
class NomineeViewSet(_ContestChildViewSet):
    """The public entries of a contest (nominees, then finalists, winners and champions)."""

    serializer_class = serializers.NomineeSerializer

    def contest_queryset(self):
        queryset = selectors.nominees_of_contest(self.contest())
        category = self.request.query_params.get("category")
        if category:
            queryset = queryset.filter(category__slug=category)
        return queryset


class ResultViewSet(_ContestChildViewSet):
    """Finalists, winners and champions of a contest."""

    serializer_class = serializers.NomineeSerializer

    def contest_queryset(self):
        return selectors.results_of_contest(self.contest())


class VoteViewSet(OneTripThrottlesMixin, mixins.CreateModelMixin, viewsets.GenericViewSet):
    """Casts one final vote for a nominee. Needs a verified e-mail address; one vote per person
    per category (409 on a second one); only while voting is open (400 otherwise)."""

    # Up to 300 votes a second: three statements a vote (the token with its person and whether
    # the address is confirmed, read by the API's VerifiedTokenAuthentication; the nominee with
    # its contest and category; the INSERT) and one Redis round trip for both throttles.
    serializer_class = serializers.VoteSerializer
    permission_classes = (permissions.IsAuthenticated,)
    throttle_classes = (VoteUserThrottle, VoteIpThrottle)

    @extend_schema(responses={201: serializers.VoteSerializer})
    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            vote, category_slug = services.vote_cast_for_nominee(
                user=request.user,
                entry_id=serializer.validated_data["nominee"],
                ip=client_address(request),
                now=timezone.now(),
            )
        except PrizeEntry.DoesNotExist as error:
            raise exceptions.NotFound() from error
        except PermissionDenied as error:
            raise exceptions.PermissionDenied(str(error)) from error
        except AlreadyVoted as error:
            raise Conflict(" ".join(error.messages)) from error
        except ValidationError as error:
            raise exceptions.ValidationError({"nominee": error.messages}) from error
        body = {"nominee": vote.entry_id, "category": category_slug, "created_at": vote.created_at}
        return Response(serializers.VoteSerializer(body).data, status=status.HTTP_201_CREATED)
