"""Kinds, types and states of events, sessions and outcome documents."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class EventKind(models.TextChoices):
    FORUM = "forum", _("WSIS Forum edition")
    HIGH_LEVEL = "high_level", _("High-level event")
    CONFERENCE = "conference", _("Conference")
    WEBINAR_SERIES = "webinar_series", _("Webinar series")
    OTHER = "other", _("Other")


class LocationMode(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    VIRTUAL = "virtual", _("Virtual")
    HYBRID = "hybrid", _("Hybrid")


class SessionType(models.TextChoices):
    """The session types of the WSIS Forum (see the domain description)."""

    HIGH_LEVEL_POLICY = "high_level_policy", _("High-level policy session")
    MINISTERIAL_ROUNDTABLE = "ministerial_roundtable", _("Ministerial roundtable")
    THEMATIC_WORKSHOP = "thematic_workshop", _("Thematic workshop")
    COUNTRY_WORKSHOP = "country_workshop", _("Country workshop")
    ACTION_LINE_FACILITATION = "action_line_facilitation", _("Action Line facilitation meeting")
    KNOWLEDGE_CAFE = "knowledge_cafe", _("Knowledge café")
    ROUNDTABLE = "roundtable", _("Roundtable")
    OPEN_SPACE_TALK = "open_space_talk", _("Open space talk")
    TALKX = "talkx", _("WSIS TalkX")
    HACKATHON = "hackathon", _("Hackathon")
    PRIZE_CEREMONY = "prize_ceremony", _("Prize ceremony")


# The Forum's two tracks, as the Forum Outcome Document groups its sessions: the high-level
# track (policy statements, ministerial roundtables, the prize ceremony) and the forum track.
HIGH_LEVEL_TRACK_TYPES = (
    SessionType.HIGH_LEVEL_POLICY,
    SessionType.MINISTERIAL_ROUNDTABLE,
    SessionType.PRIZE_CEREMONY,
)
SESSION_TRACKS = (
    ("high_level", _("High-level track"), HIGH_LEVEL_TRACK_TYPES),
    (
        "forum",
        _("Forum track"),
        tuple(t for t in SessionType if t not in HIGH_LEVEL_TRACK_TYPES),
    ),
)


class ParticipationMode(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    REMOTE = "remote", _("Remote")
    HYBRID = "hybrid", _("Hybrid")


class SpeakerRole(models.TextChoices):
    MODERATOR = "moderator", _("Moderator")
    SPEAKER = "speaker", _("Speaker")
    KEYNOTE = "keynote", _("Keynote speaker")
    PANELLIST = "panellist", _("Panellist")
    RAPPORTEUR = "rapporteur", _("Rapporteur")


class OutcomeStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    RESUBMITTED = "resubmitted", _("Resubmitted")
    PUBLISHED = "published", _("Published")


# Everybody may read an outcome document in one of these states.
OUTCOME_PUBLIC_STATES = (OutcomeStatus.PUBLISHED,)
# The organisers may still edit the text in these states.
OUTCOME_EDITABLE_STATES = (OutcomeStatus.DRAFT, OutcomeStatus.CHANGES_REQUESTED)
# The secretariat has to act on these.
OUTCOME_WAITING_STATES = (OutcomeStatus.SUBMITTED, OutcomeStatus.RESUBMITTED)
# Counts as "submitted" for reminders: the organisers have done their part.
OUTCOME_HANDED_IN_STATES = (*OUTCOME_WAITING_STATES, OutcomeStatus.PUBLISHED)


class CommitmentStatus(models.TextChoices):
    """Where a commitment of a published outcome document stands, as its organisers last said."""

    NOT_ANSWERED = "not_answered", _("Not answered yet")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


# The answers an organiser may give (a commitment is never set back to "not answered").
COMMITMENT_ANSWERS = (CommitmentStatus.IN_PROGRESS, CommitmentStatus.DONE, CommitmentStatus.DROPPED)
# Settled: the yearly follow-up no longer asks about them.
COMMITMENT_SETTLED = (CommitmentStatus.DONE, CommitmentStatus.DROPPED)
# The outcome document's sections whose bullets are commitments.
COMMITMENT_SECTIONS = ("tangible_outcomes", "action_plan")
