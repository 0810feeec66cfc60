"""The evidence API: study-group Questions, roadmap citations, the links between entries,
sessions, outcome documents and clauses, and the thematic repositories. Public, read only,
paginated and filtered; each list is cached whole for anonymous clients under the namespaces it
shows."""

from rest_framework import mixins, viewsets
from rest_framework.permissions import AllowAny

from evidence import filters, selectors
from evidence.api import serializers
from wsis.api.caching import PublicCachedListMixin


class StudyGroupQuestionViewSet(PublicCachedListMixin, viewsets.ReadOnlyModelViewSet):
    """ITU-D study-group Questions with their approved entries and announced winners and
    champions; filter by study_period and study_group."""

    permission_classes = [AllowAny]
    serializer_class = serializers.StudyGroupQuestionSerializer
    filterset_class = filters.QuestionFilter
    public_cache_namespaces = ("core", "stocktaking", "prizes")
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        return selectors.questions_public()


class CitationViewSet(PublicCachedListMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """The evidence cited by the clauses of each roadmap's published version; filter by kind,
    entry, outcome, session and action_line."""

    permission_classes = [AllowAny]
    serializer_class = serializers.PublicCitationSerializer
    filterset_class = filters.CitationFilter
    public_cache_namespaces = ("roadmaps", "stocktaking", "events")

    def get_queryset(self):
        return selectors.citations_public_published()


class EntrySessionLinkViewSet(
    PublicCachedListMixin, mixins.ListModelMixin, viewsets.GenericViewSet
):
    """Sessions where approved stocktaking entries were presented; filter by entry, session."""

    permission_classes = [AllowAny]
    serializer_class = serializers.EntrySessionLinkSerializer
    filterset_class = filters.EntrySessionLinkFilter
    public_cache_namespaces = ("stocktaking", "events")

    def get_queryset(self):
        return selectors.entry_session_links_public()


class OutcomeEntryLinkViewSet(
    PublicCachedListMixin, mixins.ListModelMixin, viewsets.GenericViewSet
):
    """Approved stocktaking entries that published outcome documents relate to."""

    permission_classes = [AllowAny]
    serializer_class = serializers.OutcomeEntryLinkSerializer
    filterset_class = filters.OutcomeEntryLinkFilter
    public_cache_namespaces = ("stocktaking", "events")

    def get_queryset(self):
        return selectors.outcome_entry_links_public()


class OutcomeClauseLinkViewSet(
    PublicCachedListMixin, mixins.ListModelMixin, viewsets.GenericViewSet
):
    """Clauses of public roadmap versions that published outcome documents relate to."""

    permission_classes = [AllowAny]
    serializer_class = serializers.OutcomeClauseLinkSerializer
    filterset_class = filters.OutcomeClauseLinkFilter
    public_cache_namespaces = ("roadmaps", "events")

    def get_queryset(self):
        return selectors.outcome_clause_links_public()


class ThematicRepositoryViewSet(PublicCachedListMixin, viewsets.ReadOnlyModelViewSet):
    """Thematic repositories curated by the WSIS secretariat, each with its approved stocktaking
    entries; filter by entry and organisation (repositories holding their entries)."""

    permission_classes = [AllowAny]
    serializer_class = serializers.ThematicRepositorySerializer
    filterset_class = filters.RepositoryFilter
    public_cache_namespaces = ("core", "stocktaking")
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        return selectors.repositories_public_with_entries()
