from django.conf import settings
from rest_framework import serializers

from events.models import (
    OUTCOME_SECTIONS,
    Commitment,
    Event,
    OutcomeDocument,
    Session,
    Speaker,
)
from wsis.api.fields import AbsoluteUrlField, StrictCharField


class EventPlaceSerializer(serializers.Serializer):
    """One city of an event held in several places."""

    city = StrictCharField(read_only=True, allow_blank=True)
    country = StrictCharField(read_only=True, allow_blank=True)  # ISO 3166-1 alpha-2


class EventSerializer(serializers.ModelSerializer):
    sdgs = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    organisers = serializers.SlugRelatedField(many=True, read_only=True, slug_field="slug")
    country = StrictCharField(source="country.code", allow_blank=True, read_only=True)
    # Every city of an event held in several places (`city` and `country` hold the first).
    places = EventPlaceSerializer(many=True, read_only=True)
    # The event's further addresses, after `website`.
    more_websites = serializers.ListField(child=serializers.URLField(), read_only=True)

    class Meta:
        model = Event
        fields = (
            "id",
            "slug",
            "name",
            "kind",
            "dates_text",
            "dates_note",
            "start_date",
            "end_date",
            "is_open_ended",
            "separate_dates",
            "time_zone",
            "location_mode",
            "city",
            "country",
            "location_text",
            "places",
            "sdgs",
            "description",
            "website",
            "more_websites",
            "organisers",
        )


class SpeakerSerializer(serializers.ModelSerializer):
    class Meta:
        model = Speaker
        fields = ("name", "title", "organisation", "role")


class SessionSerializer(serializers.ModelSerializer):
    event = serializers.SlugRelatedField(read_only=True, slug_field="slug")
    organisers = serializers.SlugRelatedField(many=True, read_only=True, slug_field="slug")
    action_lines = serializers.SlugRelatedField(many=True, read_only=True, slug_field="code")
    sdgs = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    gdc_objectives = serializers.SlugRelatedField(
        many=True, read_only=True, slug_field="number", help_text="GDC objective numbers."
    )
    speakers = SpeakerSerializer(many=True, read_only=True)
    time_display = StrictCharField(source="time_range_display", read_only=True)
    has_published_outcome = serializers.BooleanField(read_only=True)

    class Meta:
        model = Session
        fields = (
            "id",
            "event",
            "number",
            "title",
            "session_type",
            "organisers",
            "starts_at",
            "ends_at",
            "time_display",
            "participation_mode",
            "room",
            "action_lines",
            "sdgs",
            "gdc_objectives",
            "description",
            "speakers",
            "links",
            "has_published_outcome",
        )


class OutcomeSerializer(serializers.ModelSerializer):
    session = serializers.PrimaryKeyRelatedField(read_only=True)
    session_number = serializers.IntegerField(source="session.number", read_only=True)
    session_title = StrictCharField(source="session.title", read_only=True)
    event = serializers.SlugRelatedField(source="session.event", read_only=True, slug_field="slug")
    gdc_objectives = serializers.SlugRelatedField(
        many=True, read_only=True, slug_field="number", help_text="GDC objective numbers."
    )
    url = AbsoluteUrlField()

    class Meta:
        model = OutcomeDocument
        fields = (
            "id",
            "session",
            "session_number",
            "session_title",
            "event",
            "status",
            *(section.key for section in OUTCOME_SECTIONS),
            "text_language",
            "gdc_objectives",
            "lock_version",
            "published_at",
            "url",
        )


class CommitmentSerializer(serializers.ModelSerializer):
    """A commitment as the public sees it: the bullet, where its organisers last said it stands,
    and the outcome document, session, event, Action Lines and organisers it carries (the
    session's). Never who answered."""

    url = AbsoluteUrlField()
    withdrawn = serializers.SerializerMethodField(
        help_text="Whether a later version of the outcome document removed the bullet (its "
        "answer stays public; it is no longer asked after)."
    )
    outcome_url = AbsoluteUrlField(
        source="outcome.get_absolute_url", help_text="The outcome document's page."
    )
    session = serializers.IntegerField(source="outcome.session_id", read_only=True)
    session_number = serializers.IntegerField(source="outcome.session.number", read_only=True)
    session_title = StrictCharField(source="outcome.session.title", read_only=True)
    event = serializers.SlugRelatedField(
        source="outcome.session.event", read_only=True, slug_field="slug"
    )
    action_lines = serializers.SlugRelatedField(
        source="outcome.session.action_lines", many=True, read_only=True, slug_field="code"
    )
    organisers = serializers.SlugRelatedField(
        source="outcome.session.organisers", many=True, read_only=True, slug_field="slug"
    )

    class Meta:
        model = Commitment
        fields = (
            "id",
            "url",
            "text",
            "section",
            "target_date",
            "status",
            "answer",
            "answer_link",
            "answered_at",
            "withdrawn",
            "withdrawn_at",
            "outcome",
            "outcome_url",
            "session",
            "session_number",
            "session_title",
            "event",
            "action_lines",
            "organisers",
        )
        extra_kwargs = {
            "section": {"help_text": "tangible_outcomes or action_plan"},
            "status": {"help_text": "not_answered, in_progress, done or dropped"},
            "answer": {"help_text": "The organisers' latest sentence on where it stands."},
            "answer_link": {"help_text": "A link the organisers gave with their answer."},
            "answered_at": {"help_text": "When the organisers last answered."},
            "target_date": {"help_text": "The date the bullet names, if it names one."},
        }

    def get_withdrawn(self, commitment: Commitment) -> bool:
        return commitment.withdrawn_at is not None


class OutcomeWriteSerializer(serializers.Serializer):
    """The organisers' text; `submit` hands it in (limits enforced), otherwise a draft is saved."""

    key_issues = serializers.ListField(child=StrictCharField(), required=False)
    views_wsis20 = serializers.ListField(child=StrictCharField(), required=False)
    tangible_outcomes = serializers.ListField(child=StrictCharField(), required=False)
    action_plan = serializers.ListField(child=StrictCharField(), required=False)
    thematic_suggestions = StrictCharField(required=False, allow_blank=True)
    # The language the text is written in (kept as it is when left out).
    text_language = serializers.ChoiceField(choices=settings.LANGUAGES, required=False)
    lock_version = serializers.IntegerField(required=False, allow_null=True, min_value=0)
    submit = serializers.BooleanField(required=False, default=False)
