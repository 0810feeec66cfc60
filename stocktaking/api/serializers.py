"""Serializers of the stocktaking API: one shape to read, one to write (through the services)."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from stocktaking import selectors
from stocktaking.caching import entry_representations
from stocktaking.enums import ENTRY_CONTENT_FIELDS, ActivityStatus, Coverage, EntryKind
from stocktaking.models import Entry, EntryAttachment
from stocktaking.prizes.caching import prize_results_of_stocktaking_entries
from wsis.api.fields import (
    AbsoluteUrlField,
    StrictCharField,
    StrictManyMixin,
    StrictPrimaryKeyRelatedField,
)
from wsis.api.validators import uri_characters
from wsis.models import ActionLine, CountryRegion, GdcObjective, ItuRegion, Organisation, Sdg


class OrganisationSummarySerializer(serializers.ModelSerializer):
    stakeholder_type = serializers.SlugRelatedField(slug_field="code", read_only=True)
    country = StrictCharField(source="country.code", read_only=True)

    class Meta:
        model = Organisation
        fields = ("id", "name", "country", "stakeholder_type")


class AttachmentSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = EntryAttachment
        fields = ("id", "title", "size", "url")

    def get_url(self, obj) -> str:
        return reverse("stocktaking:attachment", kwargs={"pk": obj.pk})


class PrizeResultSerializer(serializers.Serializer):
    """A published WSIS Prize result of the entry."""

    year = serializers.IntegerField(source="contest.year")
    category = serializers.SerializerMethodField()
    result = serializers.ChoiceField(choices=("winner", "champion"), source="status")

    def get_category(self, obj) -> str:
        """The Action Line (e.g. "C4 Capacity building") or the special prize's name."""
        return str(obj.category.action_line or obj.category.name)


class EntryListSerializer(serializers.ListSerializer):
    """A list of entries, whose relations it fetches for the entries it serialises (five
    queries). With `cache_representations` in the context (the API's list sets it for anonymous
    clients), each entry's representation is made once per entry, prize results and generation
    (`stocktaking.caching.entry_representations`): a page serialises, and fetches the relations
    of, only the entries not shown since the last change."""

    def to_representation(self, data):
        entries = list(data.all() if isinstance(data, models.manager.BaseManager) else data)
        if not self.context.get("cache_representations"):
            selectors.entries_api_relations_fetch(entries)
            return [self.child.to_representation(entry) for entry in entries]
        prize_results = self.context.get("prize_results", {})
        request = self.context.get("request")
        return entry_representations(
            entries,
            self.child.to_representation,
            prize_results=prize_results,
            origin=request.build_absolute_uri("/") if request is not None else "",
        )


# The API's names for content fields whose model name says less to a client.
API_FIELD_NAMES = {"activity_status": "status"}


def _public_content_fields() -> tuple[str, ...]:
    """`ENTRY_CONTENT_FIELDS` as the public API reads them: renamed (`API_FIELD_NAMES`), the
    organisation after the description, and without the contact's e-mail address (which is
    never published)."""
    names = []
    for name in ENTRY_CONTENT_FIELDS:
        if name == "contact_email":
            continue
        names.append(API_FIELD_NAMES.get(name, name))
        if name == "description":
            names.append("organisation")
    return tuple(names)


class EntrySerializer(serializers.ModelSerializer):
    """An entry as the public reads it: public fields only (`EntryOwnerSerializer` adds the
    moderation fields for its organisation's members and the secretariat). `prizes`: its
    published WSIS Prize results; a list passes them for the whole page in the context
    (`prize_results`), so they cost one query per page."""

    url = AbsoluteUrlField()
    organisation = OrganisationSummarySerializer(read_only=True)
    countries = serializers.SerializerMethodField()
    regions = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    action_lines = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    # Null for an entry imported without one.
    primary_action_line = serializers.SlugRelatedField(
        slug_field="code", read_only=True, allow_null=True
    )
    sdgs = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    gdc_objectives = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    status = StrictCharField(source="activity_status", read_only=True)
    prizes = serializers.SerializerMethodField()

    class Meta:
        model = Entry
        list_serializer_class = EntryListSerializer
        fields = (
            "id",
            "url",
            *_public_content_fields(),
            "approved_at",
            "prizes",
        )
        read_only_fields = fields

    @extend_schema_field(PrizeResultSerializer(many=True))
    def get_prizes(self, obj) -> list[dict]:
        results = self.context.get("prize_results")
        if results is None:
            results = prize_results_of_stocktaking_entries([obj.pk], now=timezone.now())
        return PrizeResultSerializer(results.get(obj.pk, []), many=True).data

    def get_countries(self, obj) -> list[str]:
        """ISO 3166 alpha-2 codes."""
        return [row.country.code for row in obj.countries.all()]


class EntryOwnerSerializer(EntrySerializer):
    """An entry as its organisation's members and the secretariat read it: the public fields
    with the moderation state, the revised entry, the lock version to send back, and the
    secretariat's reason of the last decision (which may be internal: never public)."""

    moderation_status = StrictCharField(source="status", read_only=True)

    class Meta(EntrySerializer.Meta):
        fields = (
            *EntrySerializer.Meta.fields,
            "moderation_status",
            "revision_of",
            "lock_version",
            "decision_reason",
        )
        read_only_fields = fields


class CodeRelatedField(StrictManyMixin, serializers.SlugRelatedField):
    """A reference row named by its code; a NUL byte, which PostgreSQL cannot compare with text,
    is simply not a code."""

    def to_internal_value(self, data):
        if isinstance(data, str) and "\x00" in data:
            self.fail("does_not_exist", slug_name=self.slug_field, value=data.replace("\x00", ""))
        return super().to_internal_value(data)


class EntryWriteSerializer(serializers.Serializer):
    """The content of a draft or revision. `lock_version` is required to update: the version the
    client read; a stale one is refused with 409."""

    organisation = StrictPrimaryKeyRelatedField(
        queryset=Organisation.objects.all(),
        required=False,
        help_text="The id of one of your organisations; without it, your first one.",
    )
    kind = serializers.ChoiceField(choices=EntryKind.choices)
    title = StrictCharField(max_length=255)
    summary = StrictCharField()
    description = StrictCharField(required=False, allow_blank=True, default="")
    # The language the title, summary and description are written in (one of the portal's).
    text_language = serializers.ChoiceField(
        choices=settings.LANGUAGES, required=False, default="en"
    )
    coverage = serializers.ChoiceField(choices=Coverage.choices)
    countries = CodeRelatedField(
        slug_field="country", many=True, queryset=CountryRegion.objects.all(), required=False
    )
    regions = CodeRelatedField(
        slug_field="code", many=True, queryset=ItuRegion.objects.all(), required=False
    )
    action_lines = CodeRelatedField(slug_field="code", many=True, queryset=ActionLine.objects.all())
    primary_action_line = CodeRelatedField(slug_field="code", queryset=ActionLine.objects.all())
    sdgs = StrictPrimaryKeyRelatedField(many=True, queryset=Sdg.objects.all())
    gdc_objectives = StrictPrimaryKeyRelatedField(
        many=True, queryset=GdcObjective.objects.all(), required=False
    )
    start_date = serializers.DateField(required=False, allow_null=True)
    end_date = serializers.DateField(required=False, allow_null=True)
    status = serializers.ChoiceField(
        choices=ActivityStatus.choices, source="activity_status", required=False
    )
    partners = StrictCharField(required=False, allow_blank=True)
    target_beneficiaries = StrictCharField(required=False, allow_blank=True)
    languages = StrictCharField(required=False, allow_blank=True, max_length=255)
    website = serializers.URLField(max_length=500, validators=[uri_characters])
    other_links = serializers.ListField(
        child=serializers.URLField(max_length=500, validators=[uri_characters]),
        required=False,
        max_length=20,
    )
    contact_name = StrictCharField(required=False, allow_blank=True, max_length=200)
    contact_email = serializers.EmailField(required=False, allow_blank=True)
    lock_version = serializers.IntegerField(required=False, min_value=0)


class ReasonSerializer(serializers.Serializer):
    reason = StrictCharField(required=False, allow_blank=True, max_length=5000, default="")
