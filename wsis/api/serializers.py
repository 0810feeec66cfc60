from rest_framework import serializers

from wsis.models import ActionLine, CountryRegion, GdcObjective, ItuRegion, Sdg, StakeholderType


class ActionLineSerializer(serializers.ModelSerializer):
    class Meta:
        model = ActionLine
        fields = ("code", "slug", "name", "position")


class SdgSerializer(serializers.ModelSerializer):
    class Meta:
        model = Sdg
        fields = ("number", "name")


class GdcObjectiveSerializer(serializers.ModelSerializer):
    class Meta:
        model = GdcObjective
        fields = ("number", "name")


class StakeholderTypeSerializer(serializers.ModelSerializer):
    class Meta:
        model = StakeholderType
        fields = ("code", "name")


class ItuRegionSerializer(serializers.ModelSerializer):
    class Meta:
        model = ItuRegion
        fields = ("code", "name")


class CountrySerializer(serializers.ModelSerializer):
    code = serializers.CharField(source="country.code")
    name = serializers.CharField(source="country.name")
    region = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = CountryRegion
        fields = ("code", "name", "region")
