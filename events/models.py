"""Events, their sessions and speakers, the sessions' outcome documents and the compiled Forum
Outcome Document of an event."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from django_countries.fields import CountryField

from events.enums import (
    OUTCOME_PUBLIC_STATES,
    CommitmentStatus,
    EventKind,
    LocationMode,
    OutcomeStatus,
    ParticipationMode,
    SessionType,
    SpeakerRole,
)
from wsis.models import ActionLine, ChoiceLabels, GdcObjective, Organisation, Sdg, TextTranslation
from wsis.text_import import word_count

MAX_DESCRIPTION_WORDS = 150


def validate_time_zone(value: str) -> None:
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as exc:
        raise ValidationError(
            _("“%(value)s” is not a time zone name such as Europe/Zurich."),
            params={"value": value},
            code="time_zone",
        ) from exc


def validate_description_words(value: str) -> None:
    words = word_count(value)
    if words > MAX_DESCRIPTION_WORDS:
        raise ValidationError(
            _("The description has %(words)d words; at most %(limit)d are allowed."),
            params={"words": words, "limit": MAX_DESCRIPTION_WORDS},
            code="too_many_words",
        )


def utc_offset_label(moment: dt.datetime) -> str:
    """ "UTC+02:00" for an aware datetime (always with sign, hours and minutes)."""
    offset = moment.utcoffset() or dt.timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    hours, minutes = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours:02d}:{minutes:02d}"


class Event(ChoiceLabels, models.Model):
    name = models.CharField(_("name"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices)
    dates_text = models.CharField(
        _("dates as written"),
        max_length=300,
        blank=True,
        help_text=_("Kept as written: “13 to 17 November 2023”, “2021 to present”."),
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(
        _("end date"), null=True, blank=True, help_text=_("Empty for an open-ended event.")
    )
    is_open_ended = models.BooleanField(_("open-ended"), default=False)
    separate_dates = models.JSONField(
        _("separate dates"),
        default=list,
        blank=True,
        help_text=_("ISO dates of an event held on several separate days."),
    )
    time_zone = models.CharField(
        _("time zone"), max_length=64, default="Europe/Zurich", validators=[validate_time_zone]
    )
    location_mode = models.CharField(
        _("location"), max_length=10, choices=LocationMode.choices, default=LocationMode.IN_PERSON
    )
    city = models.CharField(_("city"), max_length=120, blank=True)
    country = CountryField(_("country"), blank=True)
    location_text = models.CharField(_("location as written"), max_length=300, blank=True)
    sdgs = models.ManyToManyField(Sdg, blank=True, related_name="events", verbose_name=_("SDGs"))
    sdgs_text = models.CharField(_("SDGs as written"), max_length=500, blank=True)
    description = models.TextField(
        _("description"),
        blank=True,
        validators=[validate_description_words],
        help_text=_("At most 150 words."),
    )
    website = models.URLField(_("website"), max_length=500, blank=True)
    more_websites = models.JSONField(
        _("more websites"),
        default=list,
        blank=True,
        help_text=_("Further addresses of the event, after the first one."),
    )
    dates_note = models.CharField(
        _("note on the dates"),
        max_length=300,
        blank=True,
        help_text=_("Words written after the dates: “Hybrid Week”, “Virtual workshops in May”."),
    )
    places = models.JSONField(
        _("places"),
        default=list,
        blank=True,
        help_text=_(
            "Every city of an event held in several places, as "
            "[{“city”: “Shanghai”, “country”: “CN”}]; city and country hold the first."
        ),
    )
    is_draft = models.BooleanField(
        _("draft"),
        default=False,
        help_text=_(
            "An imported event that lacks a required field stays a draft, seen only by the "
            "secretariat, until it is completed and published."
        ),
    )
    organisers = models.ManyToManyField(
        Organisation, blank=True, related_name="organised_events", verbose_name=_("organisers")
    )
    organisers_text = models.CharField(_("organisers as written"), max_length=500, blank=True)
    outcome_deadline = models.DateField(
        _("outcome documents due"),
        null=True,
        blank=True,
        help_text=_("Organisers are reminded before this date, when the compilation starts."),
    )
    # The front matter of the compiled Forum Outcome Document, written by the secretariat.
    outcome_introduction = models.TextField(
        _("outcome document: introduction"),
        blank=True,
        help_text=_("Opens the Forum Outcome Document; blank lines start new paragraphs."),
    )
    outcome_high_level_track = models.TextField(
        _("outcome document: the high-level track"),
        blank=True,
        help_text=_("The high-level track's summary, printed after the introduction."),
    )
    outcome_disclaimer = models.TextField(
        _("outcome document: disclaimer"),
        blank=True,
        help_text=_("Printed at the start of the Forum Outcome Document."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ("-start_date", "name")
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(start_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="event_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("events:event_detail", kwargs={"slug": self.slug})

    @property
    def websites(self) -> list[str]:
        return [url for url in (self.website, *self.more_websites) if url]

    def missing_required_fields(self) -> list[str]:
        """The names of what a public event must have and this one lacks (name, dates, a place
        or "virtual", description, SDGs)."""
        missing = []
        if not self.name.strip():
            missing.append("name")
        if self.start_date is None:
            missing.append("dates")
        if self.location_mode != LocationMode.VIRTUAL and not (self.country or self.places):
            missing.append("location")
        if not self.description.strip():
            missing.append("description")
        if self.pk is not None and not self.sdgs.exists():
            missing.append("SDGs")
        return missing

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def location_display(self) -> str:
        place = ", ".join(
            part for part in (self.city, self.country.name if self.country else "") if part
        )
        if len(self.places) > 1:
            place = "; ".join(
                f"{item.get('city', '')}, {countries.name(item.get('country', ''))}".strip(", ")
                for item in self.places
            )
        if self.location_mode == LocationMode.VIRTUAL:
            return str(_("Virtual"))
        if self.location_mode == LocationMode.HYBRID:
            return _("%(place)s and online") % {"place": place} if place else str(_("Hybrid"))
        return place or self.location_text


class Session(ChoiceLabels, models.Model):
    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("event")
    )
    number = models.PositiveIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=400)
    session_type = models.CharField(_("type"), max_length=30, choices=SessionType.choices)
    organisers = models.ManyToManyField(
        Organisation, blank=True, related_name="organised_sessions", verbose_name=_("organisers")
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    participation_mode = models.CharField(
        _("participation"),
        max_length=10,
        choices=ParticipationMode.choices,
        default=ParticipationMode.HYBRID,
    )
    room = models.CharField(_("room"), max_length=120, blank=True)
    action_lines = models.ManyToManyField(
        ActionLine, blank=True, related_name="sessions", verbose_name=_("Action Lines")
    )
    sdgs = models.ManyToManyField(Sdg, blank=True, related_name="sessions", verbose_name=_("SDGs"))
    gdc_objectives = models.ManyToManyField(
        GdcObjective,
        blank=True,
        related_name="sessions",
        verbose_name=_("Global Digital Compact objectives"),
    )
    description = models.TextField(_("description"), blank=True)
    links = models.JSONField(
        _("links"), default=list, blank=True, help_text=_("Addresses of recordings, slides…")
    )

    class Meta:
        ordering = ("event", "starts_at", "number")
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        constraints = [
            models.UniqueConstraint(fields=("event", "number"), name="session_number_unique"),
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="session_ends_after_start",
            ),
        ]
        indexes = [
            models.Index(fields=("event", "starts_at")),
            # The public outcome list and the candidates of an outcome search, newest session
            # first (`events.selectors.OUTCOME_NEWEST_ORDER`): walked in order, joined to the
            # published outcomes by session, so a page stops after its own rows.
            models.Index(fields=("-starts_at", "number", "id"), name="events_session_newest"),
        ]

    def __str__(self) -> str:
        return _("Session %(number)s: %(title)s") % {"number": self.number, "title": self.title}

    def get_absolute_url(self) -> str:
        return reverse(
            "events:session_detail", kwargs={"slug": self.event.slug, "number": self.number}
        )

    @property
    def local_starts_at(self) -> dt.datetime:
        return self.starts_at.astimezone(self.event.zone)

    @property
    def local_ends_at(self) -> dt.datetime:
        return self.ends_at.astimezone(self.event.zone)

    @property
    def time_range_display(self) -> str:
        """ "15:45–16:45 (UTC+02:00)" in the event's time zone."""
        start, end = self.local_starts_at, self.local_ends_at
        return f"{start:%H:%M}–{end:%H:%M} ({utc_offset_label(start)})"

    def has_ended(self, now: dt.datetime | None = None) -> bool:
        return self.ends_at <= (now or timezone.now())


class Speaker(ChoiceLabels, models.Model):
    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="speakers", verbose_name=_("session")
    )
    name = models.CharField(_("name"), max_length=200)
    title = models.CharField(_("title"), max_length=300, blank=True)
    organisation = models.CharField(_("organisation"), max_length=300, blank=True)
    role = models.CharField(
        _("role"), max_length=20, choices=SpeakerRole.choices, default=SpeakerRole.SPEAKER
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ("session", "position", "id")
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True)
class OutcomeSection:
    key: str
    label: str
    minimum: int | None  # None: one paragraph
    maximum: int | None


OUTCOME_SECTIONS: tuple[OutcomeSection, ...] = (
    OutcomeSection("key_issues", _("Key issues discussed"), 5, 8),
    OutcomeSection(
        "views_wsis20",
        _(
            "Towards WSIS+20 and beyond: emerging trends, challenges, achievements and "
            "opportunities"
        ),
        5,
        8,
    ),
    OutcomeSection(
        "tangible_outcomes",
        _(
            "Tangible outcomes: achievements, announcements, launches, agreements, commitments, "
            "figures"
        ),
        3,
        5,
    ),
    OutcomeSection("action_plan", _("Actionable plan and key recommendations"), 2, 5),
    OutcomeSection(
        "thematic_suggestions", _("Suggestions for thematic aspects of the next forum"), None, None
    ),
)
OUTCOME_CONTENT_FIELDS = tuple(section.key for section in OUTCOME_SECTIONS)


class OutcomeDocument(ChoiceLabels, models.Model):
    """A session's outcome document, written by its organisers and published by the secretariat."""

    session = models.OneToOneField(
        Session, on_delete=models.CASCADE, related_name="outcome", verbose_name=_("session")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=OutcomeStatus.choices, default=OutcomeStatus.DRAFT
    )
    key_issues = models.JSONField(_("key issues discussed"), default=list, blank=True)
    views_wsis20 = models.JSONField(_("views towards WSIS+20"), default=list, blank=True)
    tangible_outcomes = models.JSONField(_("tangible outcomes"), default=list, blank=True)
    action_plan = models.JSONField(
        _("actionable plan and key recommendations"), default=list, blank=True
    )
    thematic_suggestions = models.TextField(_("thematic suggestions"), blank=True)
    text_language = models.CharField(
        _("language of the text"),
        max_length=10,
        choices=settings.LANGUAGES,
        default="en",
        help_text=_("The language the outcome document is written in."),
    )
    gdc_objectives = models.ManyToManyField(
        GdcObjective,
        blank=True,
        related_name="outcome_documents",
        verbose_name=_("Global Digital Compact objectives"),
    )
    # Every section's text in one column: SQLite's substring search and the admin's search.
    search_text = models.TextField(_("search text"), blank=True, editable=False)
    # PostgreSQL's stored, weighted full-text vector (session title A, key issues, tangible
    # outcomes and action plan B, the rest C), kept current by `services.outcome_save`, the
    # session import and the scale loader; NULL on SQLite.
    search_vector = SearchVectorField(null=True, editable=False)
    change_reason = models.TextField(_("changes requested"), blank=True)
    lock_version = models.PositiveIntegerField(_("version"), default=0, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    class Meta:
        ordering = ("session__event", "session__number")
        verbose_name = _("outcome document")
        verbose_name_plural = _("outcome documents")
        indexes = [
            models.Index(fields=("status", "published_at")),
            # The public outcome list (published only), newest session first, via the session.
            models.Index(
                fields=("session",),
                condition=models.Q(status="published"),
                name="events_outcome_published",
            ),
            # Created on PostgreSQL only (migration 0004); SQLite searches with icontains.
            GinIndex(fields=("search_vector",), name="events_outcome_vector_gin"),
            # Created on PostgreSQL only (migration 0009): the search for Chinese, by substring.
            GinIndex(
                fields=("search_text",),
                opclasses=("gin_trgm_ops",),
                name="events_outcome_text_trgm",
            ),
        ]

    def __str__(self) -> str:
        return _("Outcome of session %(number)s: %(title)s") % {
            "number": self.session.number,
            "title": self.session.title,
        }

    def get_absolute_url(self) -> str:
        return reverse("events:outcome_detail", kwargs={"pk": self.pk})

    @property
    def is_public(self) -> bool:
        return self.status in OUTCOME_PUBLIC_STATES

    def content(self) -> dict:
        return {key: getattr(self, key) for key in OUTCOME_CONTENT_FIELDS}

    # The fields a translation holds (wsis/text_languages.py): the session's title and every
    # section.
    TRANSLATED_FIELDS = ("title", *OUTCOME_CONTENT_FIELDS)

    @property
    def title(self) -> str:
        """The title of the session the document is the outcome of."""
        return self.session.title

    def sections(self) -> list[tuple[OutcomeSection, list[str] | str]]:
        return [(section, getattr(self, section.key)) for section in OUTCOME_SECTIONS]


class OutcomeTranslation(TextTranslation):
    """An outcome document in another language, added by the session's organisers or the
    secretariat: the session's title and the sections (a section left empty is shown in the
    original's language)."""

    outcome = models.ForeignKey(
        OutcomeDocument,
        on_delete=models.CASCADE,
        related_name="translations",
        verbose_name=_("outcome document"),
    )
    title = models.CharField(_("title"), max_length=400)
    key_issues = models.JSONField(_("key issues discussed"), default=list, blank=True)
    views_wsis20 = models.JSONField(_("views towards WSIS+20"), default=list, blank=True)
    tangible_outcomes = models.JSONField(_("tangible outcomes"), default=list, blank=True)
    action_plan = models.JSONField(
        _("actionable plan and key recommendations"), default=list, blank=True
    )
    thematic_suggestions = models.TextField(_("thematic suggestions"), blank=True)
    # The title and every section in one column: SQLite's search and the search for Chinese.
    search_text = models.TextField(_("search text"), blank=True, editable=False)

    class Meta(TextTranslation.Meta):
        verbose_name = _("translation of an outcome document")
        verbose_name_plural = _("translations of outcome documents")
        constraints = [
            models.UniqueConstraint(
                fields=("outcome", "language"), name="outcome_translation_unique"
            ),
        ]
        indexes = [
            # Created on PostgreSQL only (migration 0009): the search for Chinese, by substring.
            GinIndex(
                fields=("search_text",),
                opclasses=("gin_trgm_ops",),
                name="events_outcome_tr_text_trgm",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.outcome_id} [{self.language}] {self.title}"


class OutcomeRevision(models.Model):
    """The text of an outcome document as handed in: the secretariat diffs against the last one."""

    outcome = models.ForeignKey(OutcomeDocument, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField(_("number"))
    content = models.JSONField(_("content"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("handed in"), auto_now_add=True)

    class Meta:
        ordering = ("outcome", "-number")
        verbose_name = _("outcome revision")
        verbose_name_plural = _("outcome revisions")
        constraints = [
            models.UniqueConstraint(fields=("outcome", "number"), name="outcome_revision_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.outcome_id} r{self.number}"


class ForumOutcomeVersion(models.Model):
    """One version of the compiled Forum Outcome Document of an event; old versions are kept."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="outcome_versions", verbose_name=_("event")
    )
    major = models.PositiveSmallIntegerField(_("major"), default=1)
    minor = models.PositiveSmallIntegerField(_("minor"), default=0)
    content = models.JSONField(_("content"))
    outcome_count = models.PositiveIntegerField(_("outcome documents"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("compiled"), auto_now_add=True)

    class Meta:
        ordering = ("event", "-major", "-minor")
        verbose_name = _("Forum Outcome Document version")
        verbose_name_plural = _("Forum Outcome Document versions")
        constraints = [
            models.UniqueConstraint(
                fields=("event", "major", "minor"), name="forum_outcome_version_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.event} {self.label}"

    def get_absolute_url(self) -> str:
        return reverse(
            "events:forum_outcome_version",
            kwargs={"slug": self.event.slug, "major": self.major, "minor": self.minor},
        )

    @property
    def label(self) -> str:
        return f"v{self.major}.{self.minor}"


class QuestionnaireBlockKind(models.TextChoices):
    EVENT = "event", _("Event")
    RESOURCE = "resource", _("Resource or publication")
    INITIATIVE = "initiative", _("Initiative or partnership")


class QuestionnaireAnswer(models.Model):
    """An organisation's yearly answer to the UN DESA questionnaire on its WSIS-related work: the
    questions with the secretariat's prose, and blocks that point at the events and stocktaking
    entries the answer reports. The answer is exported from these records, so it is always the
    portal's current data."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="questionnaire_answers",
        verbose_name=_("organisation"),
    )
    year = models.PositiveSmallIntegerField(_("year of submission"))
    preamble = models.TextField(
        _("heading"),
        blank=True,
        help_text=_("The lines above the first question: the form's title and the entity's name."),
    )
    footer = models.TextField(
        _("closing lines"),
        blank=True,
        help_text=_("The lines after the last answer (“ECESA Plus Member”, the year)."),
    )
    import_notes = models.JSONField(
        _("import notes"),
        default=list,
        blank=True,
        help_text=_(
            "What the last imported file held that the answer does not: page text, repeats."
        ),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ("-year", "organisation__name")
        verbose_name = _("UN DESA questionnaire answer")
        verbose_name_plural = _("UN DESA questionnaire answers")
        constraints = [
            models.UniqueConstraint(
                fields=("organisation", "year"), name="questionnaire_answer_unique"
            ),
        ]

    def __str__(self) -> str:
        return _("%(organisation)s: UN DESA questionnaire %(year)s") % {
            "organisation": self.organisation,
            "year": self.year,
        }


class QuestionnaireSection(models.Model):
    """One numbered question of an answer: its text as the form asked it, the prose answer
    (governing-body decisions, initiatives, recommendations) and, after its blocks, any prose
    that follows them."""

    answer = models.ForeignKey(
        QuestionnaireAnswer,
        on_delete=models.CASCADE,
        related_name="sections",
        verbose_name=_("answer"),
    )
    number = models.PositiveSmallIntegerField(_("number"))
    question = models.TextField(_("question"))
    body = models.TextField(_("answer"), blank=True)
    closing = models.TextField(
        _("answer after the blocks"),
        blank=True,
        help_text=_("Prose that follows the event, resource or initiative blocks."),
    )

    class Meta:
        ordering = ("answer", "number")
        verbose_name = _("questionnaire section")
        verbose_name_plural = _("questionnaire sections")
        constraints = [
            models.UniqueConstraint(
                fields=("answer", "number"), name="questionnaire_section_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.question[:80]}"


class QuestionnaireBlock(models.Model):
    """An event, resource or initiative block of a section, pointing at the record it reports.

    `written` keeps, per field, the label and value lines as the imported file wrote them and
    `recorded` the record's value at that time: the export writes the file's lines while the
    record still holds that value, and the record's current value once it was edited."""

    section = models.ForeignKey(
        QuestionnaireSection,
        on_delete=models.CASCADE,
        related_name="blocks",
        verbose_name=_("section"),
    )
    position = models.PositiveSmallIntegerField(_("position"))
    kind = models.CharField(_("kind"), max_length=20, choices=QuestionnaireBlockKind.choices)
    event = models.ForeignKey(
        Event,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="questionnaire_blocks",
        verbose_name=_("event"),
    )
    entry = models.ForeignKey(
        "stocktaking.Entry",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="questionnaire_blocks",
        verbose_name=_("stocktaking entry"),
    )
    written = models.JSONField(_("as written"), default=dict, blank=True, editable=False)
    recorded = models.JSONField(_("as recorded"), default=dict, blank=True, editable=False)

    class Meta:
        ordering = ("section", "position")
        verbose_name = _("questionnaire block")
        verbose_name_plural = _("questionnaire blocks")
        constraints = [
            models.UniqueConstraint(
                fields=("section", "position"), name="questionnaire_block_unique"
            ),
        ]

    def __str__(self) -> str:
        record = self.event or self.entry
        return f"{self.get_kind_display()}: {record or '-'}"


class Commitment(models.Model):
    """One bullet of the "tangible outcomes" or "actionable plan" of a published outcome document,
    followed up yearly with its organisers (`events.services.commitments_sync`,
    `commitment_followups_send`). The organisers and Action Lines are the session's."""

    outcome = models.ForeignKey(
        OutcomeDocument,
        on_delete=models.CASCADE,
        related_name="commitments",
        verbose_name=_("outcome document"),
    )
    section = models.CharField(_("section"), max_length=30)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    text = models.TextField(_("text"))
    # The bullet's identity across versions of the document: its text, normalised and hashed.
    key = models.CharField(max_length=64, editable=False)
    target_date = models.DateField(_("target date"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=CommitmentStatus.choices,
        default=CommitmentStatus.NOT_ANSWERED,
    )
    answer = models.TextField(_("latest answer"), blank=True)
    answer_link = models.URLField(_("link"), max_length=500, blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )
    # Set when a later version of the document no longer has the bullet but it had an answer:
    # the answer stays public, the follow-up stops asking.
    withdrawn_at = models.DateTimeField(_("removed from the document"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ("outcome", "section", "position", "id")
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        constraints = [
            models.UniqueConstraint(fields=("outcome", "key"), name="commitment_unique_bullet"),
        ]
        indexes = [models.Index(fields=("status", "answered_at"))]

    def __str__(self) -> str:
        return self.text[:120]

    def get_absolute_url(self) -> str:
        return reverse("events:commitment_detail", kwargs={"pk": self.pk})


class CommitmentMailOptOut(models.Model):
    """A person who asked not to receive the yearly commitment follow-up any more."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("user")
    )
    created_at = models.DateTimeField(_("unsubscribed"), auto_now_add=True)

    class Meta:
        verbose_name = _("commitment follow-up opt-out")
        verbose_name_plural = _("commitment follow-up opt-outs")

    def __str__(self) -> str:
        return str(self.user)
