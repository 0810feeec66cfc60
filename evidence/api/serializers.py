"""Public representations of the study-group Questions, the citations, the links and the
thematic repositories."""

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from evidence.models import (
    EntrySessionLink,
    OutcomeClauseLink,
    OutcomeEntryLink,
    StudyGroupQuestion,
    ThematicRepository,
)
from roadmaps.models import Clause, ClauseCitation
from wsis.api.fields import AbsoluteUrlField, StrictCharField

URI = {"type": "string", "format": "uri"}


def _absolute(serializer: serializers.Serializer, path: str) -> str:
    request = serializer.context.get("request")
    return request.build_absolute_uri(path) if request is not None else path


class LinkedEntrySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = StrictCharField()
    organisation = StrictCharField(source="organisation.name")
    url = AbsoluteUrlField()


class LinkedResultSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = StrictCharField()
    organisation = StrictCharField(source="organisation.name")
    year = serializers.IntegerField(source="contest.year")
    status = StrictCharField()
    category = serializers.IntegerField(source="category.number")
    url = AbsoluteUrlField()


class StudyGroupQuestionSerializer(serializers.ModelSerializer):
    """A Question with its approved entries and its announced winners and champions."""

    label = StrictCharField(read_only=True)
    entries = LinkedEntrySerializer(source="public_entries", many=True, read_only=True)
    results = LinkedResultSerializer(source="public_results", many=True, read_only=True)
    url = AbsoluteUrlField()

    class Meta:
        model = StudyGroupQuestion
        fields = (
            "id",
            "label",
            "study_period",
            "study_group",
            "number",
            "title",
            "rapporteur_group",
            "is_active",
            "entries",
            "results",
            "url",
        )


def _clause_path(clause: Clause) -> str:
    version = clause.version
    path = reverse(
        "roadmaps:version_detail",
        kwargs={"slug": version.roadmap.action_line.slug, "number": version.number},
    )
    return f"{path}#clause-{clause.pk}"


class PublicCitationSerializer(serializers.ModelSerializer):
    """A citation of a published roadmap version: which clause cites what."""

    action_line = StrictCharField(source="clause.version.roadmap.action_line.code")
    version = serializers.IntegerField(source="clause.version.number")
    clause = serializers.IntegerField(source="clause_id")
    clause_label = StrictCharField(source="clause.label")
    source = StrictCharField(source="clause.group.title")
    target = serializers.SerializerMethodField()
    target_url = serializers.SerializerMethodField()
    clause_url = serializers.SerializerMethodField()

    class Meta:
        model = ClauseCitation
        fields = (
            "id",
            "action_line",
            "version",
            "clause",
            "clause_label",
            "source",
            "kind",
            "target",
            "title",
            "target_url",
            "clause_url",
        )

    def get_target(self, citation: ClauseCitation) -> int:
        return citation.target_id

    @extend_schema_field(URI)
    def get_target_url(self, citation: ClauseCitation) -> str:
        return _absolute(self, citation.target.get_absolute_url())

    @extend_schema_field(URI)
    def get_clause_url(self, citation: ClauseCitation) -> str:
        return _absolute(self, _clause_path(citation.clause))


class EntrySessionLinkSerializer(serializers.ModelSerializer):
    entry = serializers.IntegerField(source="entry_id")
    entry_title = StrictCharField(source="entry.title")
    session = serializers.IntegerField(source="session_id")
    session_title = StrictCharField(source="session.title")
    entry_url = AbsoluteUrlField(source="entry.get_absolute_url")
    session_url = AbsoluteUrlField(source="session.get_absolute_url")

    class Meta:
        model = EntrySessionLink
        fields = (
            "id",
            "entry",
            "entry_title",
            "entry_url",
            "session",
            "session_title",
            "session_url",
        )


class OutcomeEntryLinkSerializer(serializers.ModelSerializer):
    outcome = serializers.IntegerField(source="outcome_id")
    outcome_title = StrictCharField(source="outcome.session.title")
    entry = serializers.IntegerField(source="entry_id")
    entry_title = StrictCharField(source="entry.title")
    outcome_url = AbsoluteUrlField(source="outcome.get_absolute_url")
    entry_url = AbsoluteUrlField(source="entry.get_absolute_url")

    class Meta:
        model = OutcomeEntryLink
        fields = (
            "id",
            "outcome",
            "outcome_title",
            "outcome_url",
            "entry",
            "entry_title",
            "entry_url",
        )


class OutcomeClauseLinkSerializer(serializers.ModelSerializer):
    outcome = serializers.IntegerField(source="outcome_id")
    outcome_title = StrictCharField(source="outcome.session.title")
    outcome_url = AbsoluteUrlField(source="outcome.get_absolute_url")
    clause = serializers.IntegerField(source="clause_id")
    action_line = StrictCharField(source="clause.version.roadmap.action_line.code")
    version = serializers.IntegerField(source="clause.version.number")
    clause_label = StrictCharField(source="clause.label")
    clause_url = serializers.SerializerMethodField()

    class Meta:
        model = OutcomeClauseLink
        fields = (
            "id",
            "outcome",
            "outcome_title",
            "outcome_url",
            "clause",
            "action_line",
            "version",
            "clause_label",
            "clause_url",
        )

    @extend_schema_field(URI)
    def get_clause_url(self, link: OutcomeClauseLink) -> str:
        return _absolute(self, _clause_path(link.clause))


class RepositoryEntrySerializer(serializers.Serializer):
    """An entry of a repository (from its accepted proposal): public fields only."""

    id = serializers.IntegerField(source="entry.id")
    title = StrictCharField(source="entry.title")
    organisation = StrictCharField(source="entry.organisation.name")
    url = AbsoluteUrlField(source="entry.get_absolute_url")


class ThematicRepositorySerializer(serializers.ModelSerializer):
    """A published thematic repository with its approved entries accepted by the secretariat."""

    entry_count = serializers.IntegerField(read_only=True)
    entries = RepositoryEntrySerializer(source="public_proposals", many=True, read_only=True)
    url = AbsoluteUrlField()

    class Meta:
        model = ThematicRepository
        fields = ("id", "slug", "title", "summary", "criteria", "entry_count", "entries", "url")
