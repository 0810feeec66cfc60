"""Action Line Roadmaps: one roadmap per Action Line, dated versions, source groups, clauses."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from roadmaps.enums import PUBLIC_STATES, CitationKind, VersionStatus
from wsis.models import ActionLine, ChoiceLabels, GdcObjective, Organisation, Sdg


class Roadmap(models.Model):
    """The living document of one Action Line, kept by its facilitator organisation."""

    action_line = models.OneToOneField(
        ActionLine, on_delete=models.PROTECT, related_name="roadmap", verbose_name=_("Action Line")
    )
    facilitator_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="roadmaps",
        verbose_name=_("facilitator organisation"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("roadmap")
        verbose_name_plural = _("roadmaps")
        ordering = ("action_line__position",)

    def __str__(self) -> str:
        return str(_("Roadmap %(code)s") % {"code": self.action_line.code})


class RoadmapVersion(ChoiceLabels, models.Model):
    """One numbered version of a roadmap; only `roadmap_version_transition` changes `status`."""

    roadmap = models.ForeignKey(
        Roadmap, on_delete=models.CASCADE, related_name="versions", verbose_name=_("roadmap")
    )
    number = models.PositiveIntegerField(_("version"))
    status = models.CharField(
        _("status"), max_length=20, choices=VersionStatus.choices, default=VersionStatus.DRAFT
    )
    as_of = models.DateField(_("as of"), null=True, blank=True)
    change_summary = models.TextField(_("change summary"), blank=True)
    notes = models.TextField(
        _("notes"), blank=True, help_text=_("Free notes printed under the table.")
    )
    based_on = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("based on"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="authored_roadmap_versions",
        verbose_name=_("author"),
    )
    approver = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="approved_roadmap_versions",
        verbose_name=_("approver"),
    )
    review_comments = models.TextField(_("comments of the secretariat"), blank=True)
    # Counts submissions, so that each one gets notification keys of its own.
    review_round = models.PositiveSmallIntegerField(_("review round"), default=0)
    # A hash of the imported content of this Action Line: importing it again finds this version.
    import_fingerprint = models.CharField(_("import fingerprint"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    class Meta:
        verbose_name = _("roadmap version")
        verbose_name_plural = _("roadmap versions")
        ordering = ("roadmap", "-number")
        constraints = [
            models.UniqueConstraint(
                fields=("roadmap", "number"), name="roadmap_version_number_unique"
            ),
            models.UniqueConstraint(
                fields=("roadmap",),
                condition=Q(status=VersionStatus.PUBLISHED),
                name="roadmap_one_published_version",
            ),
            models.UniqueConstraint(
                fields=("roadmap", "import_fingerprint"),
                condition=~Q(import_fingerprint=""),
                name="roadmap_version_import_unique",
            ),
        ]
        indexes = [models.Index(fields=("roadmap", "status"), name="roadmap_version_status_idx")]

    def __str__(self) -> str:
        return f"{self.roadmap.action_line.code} v{self.number} ({self.get_status_display()})"

    @property
    def is_public(self) -> bool:
        return self.status in PUBLIC_STATES


class SourceGroup(models.Model):
    """The clauses of one source text (Geneva Plan of Action and Tunis Agenda, WSIS+10, ...)."""

    version = models.ForeignKey(
        RoadmapVersion,
        on_delete=models.CASCADE,
        related_name="groups",
        verbose_name=_("roadmap version"),
    )
    title = models.CharField(_("source"), max_length=300)
    position = models.PositiveIntegerField(_("position"))

    class Meta:
        verbose_name = _("source group")
        verbose_name_plural = _("source groups")
        ordering = ("version", "position")
        constraints = [
            models.UniqueConstraint(
                fields=("version", "position"), name="roadmap_group_position_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Clause(models.Model):
    """One row of a roadmap: a clause of a WSIS outcome text and its six columns.

    Rich-text fields hold HTML sanitised by `roadmaps.sanitising.sanitise_html`. `lock_version` is
    compared and incremented by every update, so two stale editors cannot overwrite each other.
    """

    version = models.ForeignKey(
        RoadmapVersion,
        on_delete=models.CASCADE,
        related_name="clauses",
        verbose_name=_("roadmap version"),
    )
    group = models.ForeignKey(
        SourceGroup, on_delete=models.CASCADE, related_name="clauses", verbose_name=_("source")
    )
    position = models.PositiveIntegerField(_("position"))
    label = models.CharField(_("label"), max_length=10, blank=True)
    printed_label = models.CharField(
        _("label as printed"),
        max_length=10,
        blank=True,
        help_text=_(
            "The label as the imported document printed it, when the alphabetical run required "
            "another one (an “I” read where the run needs “l”)."
        ),
    )
    outcome_text = models.TextField(_("WSIS outcome"), blank=True)
    proposed_timing = models.TextField(_("proposed timing"), blank=True)
    strategic_goals = models.TextField(_("strategic goals and relevant resolutions"), blank=True)
    sdg_linkages_text = models.TextField(_("linkages with SDGs"), blank=True)
    sdgs = models.ManyToManyField(
        Sdg, blank=True, related_name="roadmap_clauses", verbose_name=_("SDGs")
    )
    gdc_objectives = models.ManyToManyField(
        GdcObjective,
        blank=True,
        related_name="roadmap_clauses",
        verbose_name=_("Global Digital Compact objectives"),
    )
    current_situation = models.TextField(
        _("evidence-based analysis of the current situation"), blank=True
    )
    results_and_targets = models.TextField(
        _("expected and achieved results and targets"), blank=True
    )
    covid_response = models.TextField(_("COVID-19 response"), blank=True)
    lock_version = models.PositiveIntegerField(_("lock version"), default=0)

    class Meta:
        verbose_name = _("clause")
        verbose_name_plural = _("clauses")
        ordering = ("group__position", "position")
        constraints = [
            models.UniqueConstraint(
                fields=("group", "position"),
                name="roadmap_clause_position_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.label or '–'} ({self.group})"


class ClauseCitation(models.Model):
    """Evidence a clause's "expected and achieved results" cite: a stocktaking entry, an outcome
    document or a session, chosen by a facilitator. Part of the clause's version: copied with the
    clause into the next draft, diffed and exported with its text. `title` keeps the cited item's
    title as it was cited, so the version reads the same if the item is later removed."""

    clause = models.ForeignKey(
        Clause, on_delete=models.CASCADE, related_name="citations", verbose_name=_("clause")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=CitationKind.choices)
    entry = models.ForeignKey(
        "stocktaking.Entry",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="roadmap_citations",
        verbose_name=_("stocktaking entry"),
    )
    outcome = models.ForeignKey(
        "events.OutcomeDocument",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="roadmap_citations",
        verbose_name=_("outcome document"),
    )
    session = models.ForeignKey(
        "events.Session",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="roadmap_citations",
        verbose_name=_("session"),
    )
    title = models.CharField(_("title"), max_length=400)
    position = models.PositiveIntegerField(_("position"), default=0)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("citation")
        verbose_name_plural = _("citations")
        ordering = ("clause", "position", "id")
        constraints = [
            models.CheckConstraint(
                condition=(Q(entry__isnull=True) | Q(outcome__isnull=True, session__isnull=True))
                & (Q(outcome__isnull=True) | Q(session__isnull=True)),
                name="roadmap_citation_one_target",
            ),
            models.UniqueConstraint(
                fields=("clause", "entry"),
                condition=Q(entry__isnull=False),
                name="roadmap_citation_entry_once",
            ),
            models.UniqueConstraint(
                fields=("clause", "outcome"),
                condition=Q(outcome__isnull=False),
                name="roadmap_citation_outcome_once",
            ),
            models.UniqueConstraint(
                fields=("clause", "session"),
                condition=Q(session__isnull=False),
                name="roadmap_citation_session_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.title}"

    @property
    def target(self):
        return self.entry or self.outcome or self.session

    @property
    def target_id(self) -> int | None:
        return self.entry_id or self.outcome_id or self.session_id
