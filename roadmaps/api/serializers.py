"""Serializers of the roadmap API: Action Lines with their published version, versions with
clauses, diffs, and the writable clause."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from roadmaps.enums import CLAUSE_TEXT_FIELDS, VersionStatus
from roadmaps.models import Clause, ClauseCitation, RoadmapVersion, SourceGroup
from wsis.api.fields import StrictCharField
from wsis.models import ActionLine

TEXT_FIELDS = tuple(name for name, _heading in CLAUSE_TEXT_FIELDS)


class CitationSerializer(serializers.ModelSerializer):
    """A piece of evidence cited by a clause's results: `id` is the cited item's id in its own
    API (stocktaking entries, outcome documents, sessions); `url` its public page."""

    id = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()

    class Meta:
        model = ClauseCitation
        fields = ("kind", "id", "title", "url")

    @extend_schema_field({"type": "integer", "nullable": True})
    def get_id(self, citation: ClauseCitation) -> int | None:
        return citation.target_id

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True})
    def get_url(self, citation: ClauseCitation) -> str | None:
        target = citation.target
        if target is None:
            return None
        path = target.get_absolute_url()
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path


class ClauseSerializer(serializers.ModelSerializer):
    sdg_numbers = serializers.SerializerMethodField()
    gdc_objective_numbers = serializers.SerializerMethodField()
    citations = CitationSerializer(many=True, read_only=True)
    source = StrictCharField(source="group.title", read_only=True)

    class Meta:
        model = Clause
        fields = (
            "id",
            "source",
            "position",
            "label",
            *TEXT_FIELDS,
            "sdg_numbers",
            "gdc_objective_numbers",
            "citations",
            "lock_version",
        )

    def get_sdg_numbers(self, clause: Clause) -> list[int]:
        return [sdg.number for sdg in clause.sdgs.all()]

    def get_gdc_objective_numbers(self, clause: Clause) -> list[int]:
        return [goal.number for goal in clause.gdc_objectives.all()]


class SourceGroupSerializer(serializers.ModelSerializer):
    clauses = ClauseSerializer(many=True, read_only=True)

    class Meta:
        model = SourceGroup
        fields = ("id", "title", "position", "clauses")


class VersionSummarySerializer(serializers.ModelSerializer):
    class Meta:
        model = RoadmapVersion
        fields = ("number", "status", "as_of", "change_summary", "published_at")


class VersionDetailSerializer(serializers.ModelSerializer):
    action_line = StrictCharField(source="roadmap.action_line.code", read_only=True)
    groups = SourceGroupSerializer(many=True, read_only=True)

    class Meta:
        model = RoadmapVersion
        fields = (
            "action_line",
            "number",
            "status",
            "as_of",
            "change_summary",
            "notes",
            "published_at",
            "groups",
        )


class ActionLineRoadmapSerializer(serializers.ModelSerializer):
    published_version = serializers.SerializerMethodField()

    class Meta:
        model = ActionLine
        fields = ("code", "slug", "name", "published_version")

    def get_published_version(self, action_line: ActionLine) -> dict | None:
        roadmap = getattr(action_line, "roadmap", None)
        versions = getattr(roadmap, "published_versions", []) if roadmap else []
        return VersionSummarySerializer(versions[0]).data if versions else None


class ClauseWriteSerializer(serializers.Serializer):
    label = StrictCharField(max_length=10, required=False, allow_blank=True)
    lock_version = serializers.IntegerField(min_value=0, required=False)

    def get_fields(self):
        fields = super().get_fields()
        for name in TEXT_FIELDS:
            fields[name] = StrictCharField(required=False, allow_blank=True)
        return fields


class ClauseCreateSerializer(ClauseWriteSerializer):
    group = serializers.IntegerField(help_text="The id of the source group.")


class TransitionSerializer(serializers.Serializer):
    to = serializers.ChoiceField(
        choices=[VersionStatus.SUBMITTED, VersionStatus.RETURNED, VersionStatus.PUBLISHED]
    )
    reason = StrictCharField(required=False, allow_blank=True, default="")


class WordSegmentSerializer(serializers.Serializer):
    kind = StrictCharField()
    text = StrictCharField()


class ColumnChangeSerializer(serializers.Serializer):
    field = StrictCharField()
    heading = StrictCharField()
    old_text = StrictCharField()
    new_text = StrictCharField()
    segments = WordSegmentSerializer(many=True)


class ClauseChangeSerializer(serializers.Serializer):
    kind = StrictCharField(source="kind.value")
    source = StrictCharField(source="group_title")
    label = StrictCharField()
    columns = ColumnChangeSerializer(many=True)


class VersionDiffSerializer(serializers.Serializer):
    """What changed from version `from` to version `to`."""

    def get_fields(self):
        return {
            "from": serializers.IntegerField(),
            "to": serializers.IntegerField(),
            "changes": ClauseChangeSerializer(many=True),
        }
