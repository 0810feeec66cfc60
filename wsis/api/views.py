"""Read-only API of the reference lists every other resource points to."""

from rest_framework import viewsets

from wsis import selectors
from wsis.api import serializers
from wsis.models import GdcObjective, ItuRegion, Sdg, StakeholderType


class ReferenceViewSet(viewsets.ReadOnlyModelViewSet):
    pagination_class = None
    filter_backends: list = []


class ActionLineViewSet(ReferenceViewSet):
    """The 18 Action Lines (C1-C11 with C7's eight sub-lines), in prize-category order."""

    queryset = selectors.action_lines_all()
    serializer_class = serializers.ActionLineSerializer
    lookup_field = "slug"


class SdgViewSet(ReferenceViewSet):
    """The 17 Sustainable Development Goals."""

    queryset = Sdg.objects.all()
    serializer_class = serializers.SdgSerializer
    # Keeps absurd numbers out of the database query: they are simply not found.
    lookup_value_regex = r"[0-9]{1,3}"


class GdcObjectiveViewSet(ReferenceViewSet):
    """The objectives of the Global Digital Compact."""

    queryset = GdcObjective.objects.all()
    serializer_class = serializers.GdcObjectiveSerializer
    lookup_value_regex = r"[0-9]{1,3}"


class StakeholderTypeViewSet(ReferenceViewSet):
    queryset = StakeholderType.objects.all()
    serializer_class = serializers.StakeholderTypeSerializer
    lookup_field = "code"


class ItuRegionViewSet(ReferenceViewSet):
    """The six ITU regions."""

    queryset = ItuRegion.objects.all()
    serializer_class = serializers.ItuRegionSerializer
    lookup_field = "code"


class CountryViewSet(ReferenceViewSet):
    """Countries (ISO 3166-1 alpha-2) with their ITU region."""

    queryset = selectors.countries_with_regions()
    serializer_class = serializers.CountrySerializer
    lookup_field = "country"
    lookup_url_kwarg = "code"
    lookup_value_regex = r"[A-Z]{2}"
