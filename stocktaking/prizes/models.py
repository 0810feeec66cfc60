"""WSIS Prizes: yearly contests, their categories, entries, expert reviews and public votes."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from stocktaking.prizes.enums import (
    CRITERIA,
    SCORE_MAX,
    SCORE_MIN,
    Phase,
    PrizeEntryStatus,
)
from wsis.models import ChoiceLabels, TextTranslation


class Contest(ChoiceLabels, models.Model):
    """One year's WSIS Prizes. Each phase starts at its date (stored in UTC, entered and shown
    in Geneva time); a phase without a date is not scheduled yet. `phase` is the phase last
    recorded by `contest_phase_record` (the beat task), kept for auditing and for side effects
    that must run once; what the portal allows is always decided from the dates."""

    # Phase → the field holding its start, in calendar order.
    PHASE_DATE_FIELDS: dict[str, str] = {
        Phase.ENTRIES_OPEN: "entries_open_at",
        Phase.ELIGIBILITY_CHECK: "entries_close_at",
        Phase.EXPERT_REVIEW: "review_starts_at",
        Phase.NOMINEES_PUBLISHED: "nominees_published_at",
        Phase.VOTING_OPEN: "voting_opens_at",
        Phase.VOTING_CLOSED: "voting_closes_at",
        Phase.FINALISTS: "finalists_at",
        Phase.WINNERS_ANNOUNCED: "winners_announced_at",
    }

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    title = models.CharField(_("title"), max_length=200)
    entries_open_at = models.DateTimeField(_("entries open"), null=True, blank=True)
    entries_close_at = models.DateTimeField(
        _("entries close (eligibility check starts)"), null=True, blank=True
    )
    review_starts_at = models.DateTimeField(_("expert review starts"), null=True, blank=True)
    nominees_published_at = models.DateTimeField(_("nominees published"), null=True, blank=True)
    voting_opens_at = models.DateTimeField(_("voting opens"), null=True, blank=True)
    voting_closes_at = models.DateTimeField(_("voting closes"), null=True, blank=True)
    finalists_at = models.DateTimeField(_("finalists announced"), null=True, blank=True)
    winners_announced_at = models.DateTimeField(_("winners announced"), null=True, blank=True)
    phase = models.CharField(
        _("recorded phase"), max_length=20, choices=Phase.choices, default=Phase.UPCOMING
    )
    phase_recorded_at = models.DateTimeField(_("phase recorded"), null=True, blank=True)
    voters_reminded_at = models.DateTimeField(
        _("voters reminded"), null=True, blank=True, editable=False
    )
    min_reviews = models.PositiveSmallIntegerField(
        _("reviews needed per entry"),
        default=3,
        help_text=_("Entries with fewer conflict-free reviews show in the coverage report."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ("-year",)
        verbose_name = _("prize contest")
        verbose_name_plural = _("prize contests")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("prizes:contest", kwargs={"year": self.year})

    def phase_starts(self) -> list[tuple[str, object]]:
        return [(phase, getattr(self, name)) for phase, name in self.PHASE_DATE_FIELDS.items()]


class Category(models.Model):
    """A prize category of one contest: one per Action Line, plus special prizes."""

    contest = models.ForeignKey(
        Contest, on_delete=models.CASCADE, related_name="categories", verbose_name=_("contest")
    )
    action_line = models.ForeignKey(
        "wsis.ActionLine",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="prize_categories",
        verbose_name=_("Action Line"),
    )
    number = models.PositiveSmallIntegerField(_("number"))
    slug = models.SlugField(_("slug"), max_length=60)
    name = models.CharField(_("name"), max_length=200)
    is_special = models.BooleanField(_("special prize"), default=False)
    special_rules = models.TextField(_("rules of the special prize"), blank=True)

    class Meta:
        ordering = ("contest", "number")
        verbose_name = _("prize category")
        verbose_name_plural = _("prize categories")
        constraints = [
            models.UniqueConstraint(fields=("contest", "number"), name="prize_category_number"),
            models.UniqueConstraint(fields=("contest", "slug"), name="prize_category_slug"),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("prizes:category", kwargs={"year": self.contest.year, "slug": self.slug})


class PrizeEntry(ChoiceLabels, models.Model):
    """An organisation's entry of one of its stocktaking entries into one category."""

    contest = models.ForeignKey(
        Contest, on_delete=models.PROTECT, related_name="entries", verbose_name=_("contest")
    )
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="entries", verbose_name=_("category")
    )
    organisation = models.ForeignKey(
        "wsis.Organisation",
        on_delete=models.PROTECT,
        related_name="prize_entries",
        verbose_name=_("organisation"),
    )
    stocktaking_entry = models.ForeignKey(
        "stocktaking.Entry",
        on_delete=models.PROTECT,
        related_name="prize_entries",
        verbose_name=_("stocktaking entry"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=PrizeEntryStatus.choices,
        default=PrizeEntryStatus.DRAFT,
        db_index=True,
    )
    lock_version = models.PositiveIntegerField(_("version"), default=1)
    decision_reason = models.TextField(_("reason of the eligibility decision"), blank=True)

    title = models.CharField(_("project title"), max_length=255)
    description = models.TextField(
        _("description"), help_text=_("150 to 200 words, in English: the text voters see.")
    )
    impact = models.TextField(
        _("impact"),
        help_text=_("Qualitative and quantitative: economic, social and environmental."),
    )
    partnerships = models.TextField(_("partnerships"))
    action_line_link = models.TextField(_("link to the Action Line"))
    sdgs = models.ManyToManyField("wsis.Sdg", related_name="prize_entries", verbose_name=_("SDGs"))
    gdc_objectives = models.ManyToManyField(
        "wsis.GdcObjective",
        blank=True,
        related_name="prize_entries",
        verbose_name=_("Global Digital Compact objectives"),
    )
    challenges = models.TextField(_("challenges"))
    future_plans = models.TextField(_("future plans"))

    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)

    class Meta:
        ordering = ("category__number", "title", "id")
        verbose_name = _("prize entry")
        verbose_name_plural = _("prize entries")
        constraints = [
            models.UniqueConstraint(
                fields=("contest", "category", "organisation"),
                name="prize_entry_one_per_organisation_category",
            ),
        ]
        indexes = [models.Index(fields=("category", "status"), name="prize_entry_cat_status")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("prizes:entry", kwargs={"pk": self.pk})

    # The contest requires English: every prize entry is written in it; translations into the
    # other languages are for readers and voters, never judged (wsis/text_languages.py).
    text_language = "en"
    TRANSLATED_FIELDS = ("title", "description")


class PrizeEntryTranslation(TextTranslation):
    """A prize entry's title and description in another language, for its readers; the entry
    itself stays in English, the language the contest judges."""

    prize_entry = models.ForeignKey(
        PrizeEntry,
        on_delete=models.CASCADE,
        related_name="translations",
        verbose_name=_("prize entry"),
    )
    title = models.CharField(_("project title"), max_length=255)
    description = models.TextField(_("description"))

    class Meta(TextTranslation.Meta):
        verbose_name = _("translation of a prize entry")
        verbose_name_plural = _("translations of prize entries")
        constraints = [
            models.UniqueConstraint(
                fields=("prize_entry", "language"), name="prize_entry_translation_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.prize_entry_id} [{self.language}] {self.title}"


class ExpertAssignment(models.Model):
    """Makes an expert (role Expert) a reviewer of one category."""

    category = models.ForeignKey(
        Category,
        on_delete=models.CASCADE,
        related_name="expert_assignments",
        verbose_name=_("category"),
    )
    expert = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="prize_assignments",
        verbose_name=_("expert"),
    )
    created_at = models.DateTimeField(_("assigned"), auto_now_add=True)

    class Meta:
        ordering = ("category__number", "expert__email")
        verbose_name = _("expert assignment")
        verbose_name_plural = _("expert assignments")
        constraints = [
            models.UniqueConstraint(fields=("category", "expert"), name="prize_assignment_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.expert} – {self.category}"


class ConflictOfInterest(models.Model):
    """An expert's declared conflict with an organisation in one contest. Membership of the
    organisation is a conflict by itself and need not be declared."""

    contest = models.ForeignKey(
        Contest, on_delete=models.CASCADE, related_name="conflicts", verbose_name=_("contest")
    )
    expert = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="prize_conflicts",
        verbose_name=_("expert"),
    )
    organisation = models.ForeignKey(
        "wsis.Organisation",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("organisation"),
    )
    reason = models.TextField(_("reason"), blank=True)
    created_at = models.DateTimeField(_("declared"), auto_now_add=True)

    class Meta:
        verbose_name = _("conflict of interest")
        verbose_name_plural = _("conflicts of interest")
        constraints = [
            models.UniqueConstraint(
                fields=("contest", "expert", "organisation"), name="prize_conflict_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.expert} ⟂ {self.organisation}"


def _score_field(label):
    return models.PositiveSmallIntegerField(label)


class Review(models.Model):
    """One expert's scores of one entry, 0-10 on each published criterion, final once saved."""

    entry = models.ForeignKey(
        PrizeEntry, on_delete=models.CASCADE, related_name="reviews", verbose_name=_("entry")
    )
    expert = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="prize_reviews",
        verbose_name=_("expert"),
    )
    relevance = _score_field(_("Relevance to the Action Line"))
    impact = _score_field(_("Results and impact"))
    empowerment = _score_field(_("Community empowerment"))
    sdg_relevance = _score_field(_("SDG relevance"))
    replicability = _score_field(_("Replicability"))
    sustainability = _score_field(_("Sustainability"))
    partnerships = _score_field(_("Partnerships"))
    wsis_values = _score_field(_("WSIS values"))
    comment = models.TextField(_("comment"))
    created_at = models.DateTimeField(_("submitted"), auto_now_add=True)

    class Meta:
        ordering = ("entry", "created_at")
        verbose_name = _("expert review")
        verbose_name_plural = _("expert reviews")
        constraints = [
            models.UniqueConstraint(fields=("entry", "expert"), name="prize_review_unique"),
            *(
                models.CheckConstraint(
                    condition=models.Q(**{f"{name}__gte": SCORE_MIN, f"{name}__lte": SCORE_MAX}),
                    name=f"prize_review_{name}_range",
                )
                for name in CRITERIA
            ),
        ]

    def __str__(self) -> str:
        return f"{self.expert} → {self.entry}"

    @property
    def total(self) -> int:
        return sum(getattr(self, name) for name in CRITERIA)


class Vote(models.Model):
    """One public vote: final, one per person per category (a database constraint).

    Written by a single INSERT (no counter row to update), so thousands of voters never
    contend for the same row; tallies are aggregates over the (entry, quarantined) index.
    """

    contest = models.ForeignKey(
        Contest, on_delete=models.PROTECT, related_name="votes", verbose_name=_("contest")
    )
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="votes", verbose_name=_("category")
    )
    entry = models.ForeignKey(
        PrizeEntry, on_delete=models.PROTECT, related_name="votes", verbose_name=_("nominee")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="prize_votes",
        verbose_name=_("voter"),
    )
    created_at = models.DateTimeField(_("cast"), db_index=True)
    ip_hash = models.CharField(_("IP address hash"), max_length=64)
    network_hash = models.CharField(_("network hash"), max_length=64)
    account_age_days = models.PositiveIntegerField(_("account age in days at voting"))
    quarantined = models.BooleanField(_("quarantined"), default=False)
    quarantine_reason = models.TextField(_("quarantine reason"), blank=True)

    class Meta:
        ordering = ("-created_at",)
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [
            models.UniqueConstraint(
                fields=("contest", "category", "user"), name="prize_vote_one_per_category"
            ),
        ]
        indexes = [
            models.Index(fields=("entry", "quarantined"), name="prize_vote_tally"),
            models.Index(fields=("contest", "user"), name="prize_vote_progress"),
            models.Index(fields=("contest", "network_hash"), name="prize_vote_network"),
            # Counted votes only (what tallies, finalists and the integrity report read): per
            # nominee, and per contest for the report's groupings.
            models.Index(
                fields=("entry",), condition=models.Q(quarantined=False), name="prize_vote_counted"
            ),
            models.Index(
                fields=("contest", "entry"),
                condition=models.Q(quarantined=False),
                name="prize_vote_contest_counted",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.entry_id}"
