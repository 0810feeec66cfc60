"""Links between the parts of the portal, the ITU-D study-group Questions and the thematic
repositories.

Every link is named by whoever owns its first end (an entry's organisation, an outcome's
organisers) or by the secretariat; a link is public only while both of its ends are."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from evidence.enums import PROPOSAL_OPEN_STATES, ProposalStatus
from wsis.models import TranslatedCharField, TranslatedTextField, clean_translated_fields


class LinkBase(models.Model):
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("added by"),
    )
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        abstract = True


class EntrySessionLink(LinkBase):
    """A session where a stocktaking entry was presented, named by the entry's organisation."""

    entry = models.ForeignKey(
        "stocktaking.Entry",
        on_delete=models.CASCADE,
        related_name="session_links",
        verbose_name=_("stocktaking entry"),
    )
    session = models.ForeignKey(
        "events.Session",
        on_delete=models.CASCADE,
        related_name="entry_links",
        verbose_name=_("session"),
    )

    class Meta:
        verbose_name = _("session where an entry was presented")
        verbose_name_plural = _("sessions where entries were presented")
        ordering = ("entry", "session__starts_at", "id")
        constraints = [
            models.UniqueConstraint(fields=("entry", "session"), name="evidence_entry_session")
        ]

    def __str__(self) -> str:
        return f"{self.entry_id} → {self.session_id}"


class OutcomeEntryLink(LinkBase):
    """A stocktaking entry an outcome document relates to, named by its organisers."""

    outcome = models.ForeignKey(
        "events.OutcomeDocument",
        on_delete=models.CASCADE,
        related_name="entry_links",
        verbose_name=_("outcome document"),
    )
    entry = models.ForeignKey(
        "stocktaking.Entry",
        on_delete=models.CASCADE,
        related_name="outcome_links",
        verbose_name=_("stocktaking entry"),
    )

    class Meta:
        verbose_name = _("entry an outcome relates to")
        verbose_name_plural = _("entries outcomes relate to")
        ordering = ("outcome", "id")
        constraints = [
            models.UniqueConstraint(fields=("outcome", "entry"), name="evidence_outcome_entry")
        ]

    def __str__(self) -> str:
        return f"{self.outcome_id} → {self.entry_id}"


class OutcomeClauseLink(LinkBase):
    """A roadmap clause an outcome document relates to, named by its organisers (a clause of a
    public version: the link names that version's clause)."""

    outcome = models.ForeignKey(
        "events.OutcomeDocument",
        on_delete=models.CASCADE,
        related_name="clause_links",
        verbose_name=_("outcome document"),
    )
    clause = models.ForeignKey(
        "roadmaps.Clause",
        on_delete=models.CASCADE,
        related_name="outcome_links",
        verbose_name=_("clause"),
    )

    class Meta:
        verbose_name = _("roadmap clause an outcome relates to")
        verbose_name_plural = _("roadmap clauses outcomes relate to")
        ordering = ("outcome", "id")
        constraints = [
            models.UniqueConstraint(fields=("outcome", "clause"), name="evidence_outcome_clause")
        ]

    def __str__(self) -> str:
        return f"{self.outcome_id} → {self.clause_id}"


class StudyGroupQuestion(models.Model):
    """A Question of an ITU-D study group in one study period ("Question 5/1": Question 5 of
    Study Group 1), editable reference data kept by the secretariat."""

    study_period = models.CharField(
        _("study period"), max_length=9, help_text=_("Years as “2022-2025”.")
    )
    study_group = models.PositiveSmallIntegerField(
        _("study group"), choices=[(1, _("Study Group 1")), (2, _("Study Group 2"))]
    )
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=400)
    rapporteur_group = models.TextField(
        _("Rapporteurs' group"),
        blank=True,
        help_text=_("The Rapporteur, Co-Rapporteurs and Vice-Rapporteurs of the Question."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    entries = models.ManyToManyField(
        "stocktaking.Entry",
        through="QuestionEntryLink",
        blank=True,
        related_name="study_group_questions",
        verbose_name=_("stocktaking entries"),
    )
    prize_entries = models.ManyToManyField(
        "prizes.PrizeEntry",
        through="QuestionPrizeEntryLink",
        blank=True,
        related_name="study_group_questions",
        verbose_name=_("prize entries"),
    )

    class Meta:
        verbose_name = _("study-group Question")
        verbose_name_plural = _("study-group Questions")
        ordering = ("-study_period", "study_group", "number")
        constraints = [
            models.UniqueConstraint(
                fields=("study_period", "study_group", "number"), name="evidence_question_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(study_period__regex=r"^[0-9]{4}-[0-9]{4}$"),
                name="evidence_question_period_years",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.label} ({self.study_period}): {self.title}"

    def get_absolute_url(self) -> str:
        return reverse(
            "evidence:question_detail",
            kwargs={"period": self.study_period, "group": self.study_group, "number": self.number},
        )

    @property
    def label(self) -> str:
        return f"Q{self.number}/{self.study_group}"

    @property
    def slug(self) -> str:
        return f"q{self.number}-{self.study_group}"


class QuestionEntryLink(LinkBase):
    question = models.ForeignKey(
        StudyGroupQuestion, on_delete=models.CASCADE, verbose_name=_("Question")
    )
    entry = models.ForeignKey(
        "stocktaking.Entry", on_delete=models.CASCADE, verbose_name=_("stocktaking entry")
    )

    class Meta:
        verbose_name = _("entry informing a Question")
        verbose_name_plural = _("entries informing Questions")
        constraints = [
            models.UniqueConstraint(fields=("question", "entry"), name="evidence_question_entry")
        ]

    def __str__(self) -> str:
        return f"{self.question_id} ← {self.entry_id}"


class QuestionPrizeEntryLink(LinkBase):
    question = models.ForeignKey(
        StudyGroupQuestion, on_delete=models.CASCADE, verbose_name=_("Question")
    )
    prize_entry = models.ForeignKey(
        "prizes.PrizeEntry", on_delete=models.CASCADE, verbose_name=_("prize entry")
    )

    class Meta:
        verbose_name = _("prize entry informing a Question")
        verbose_name_plural = _("prize entries informing Questions")
        constraints = [
            models.UniqueConstraint(
                fields=("question", "prize_entry"), name="evidence_question_prize_entry"
            )
        ]

    def __str__(self) -> str:
        return f"{self.question_id} ← {self.prize_entry_id}"


class ThematicRepository(models.Model):
    """A collection of stocktaking entries on one theme ("Women in ICT", an emergency-response
    collection), curated by the secretariat: stakeholders propose their approved entries, the
    secretariat accepts or declines them (`RepositoryProposal`)."""

    title = TranslatedCharField(_("title"), max_length=200)
    slug = models.SlugField(_("address"), max_length=80, unique=True)
    summary = TranslatedCharField(
        _("summary"),
        max_length=300,
        blank=True,
        help_text=_("One or two sentences shown in the list of repositories."),
    )
    criteria = TranslatedTextField(
        _("criteria"),
        help_text=_("What an entry must show to belong to this repository; proposers read it."),
    )
    # The title, summary and criteria in the other five languages of the UN (an empty one shows
    # the English text), read in the reader's language like the reference names (wsis.models).
    title_ar = models.CharField(_("title in Arabic"), max_length=200, blank=True)
    title_zh_hans = models.CharField(_("title in Chinese"), max_length=200, blank=True)
    title_fr = models.CharField(_("title in French"), max_length=200, blank=True)
    title_ru = models.CharField(_("title in Russian"), max_length=200, blank=True)
    title_es = models.CharField(_("title in Spanish"), max_length=200, blank=True)
    summary_ar = models.CharField(_("summary in Arabic"), max_length=300, blank=True)
    summary_zh_hans = models.CharField(_("summary in Chinese"), max_length=300, blank=True)
    summary_fr = models.CharField(_("summary in French"), max_length=300, blank=True)
    summary_ru = models.CharField(_("summary in Russian"), max_length=300, blank=True)
    summary_es = models.CharField(_("summary in Spanish"), max_length=300, blank=True)
    criteria_ar = models.TextField(_("criteria in Arabic"), blank=True)
    criteria_zh_hans = models.TextField(_("criteria in Chinese"), blank=True)
    criteria_fr = models.TextField(_("criteria in French"), blank=True)
    criteria_ru = models.TextField(_("criteria in Russian"), blank=True)
    criteria_es = models.TextField(_("criteria in Spanish"), blank=True)
    is_published = models.BooleanField(
        _("published"),
        default=True,
        help_text=_("A published repository has a public page and takes proposals."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("thematic repository")
        verbose_name_plural = _("thematic repositories")
        ordering = ("title",)

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("evidence:repository_detail", kwargs={"slug": self.slug})

    # Django copies and cleans field values by reading their attributes, which would give the
    # translation; these two work on the English texts themselves (as `NameTranslations`).

    def refresh_from_db(self, *args, **kwargs) -> None:
        with translation.override(None):
            super().refresh_from_db(*args, **kwargs)

    def clean_fields(self, exclude=None) -> None:
        clean_translated_fields(self, TRANSLATED_FIELDS, exclude, super().clean_fields)


TRANSLATED_FIELDS = ("title", "summary", "criteria")


class RepositoryProposal(models.Model):
    """A stocktaking entry proposed for a thematic repository by a member of its organisation
    (or the secretariat); accepted, it is one of the repository's entries. Its state moves only
    through `evidence.services.repository_proposal_transition`."""

    repository = models.ForeignKey(
        ThematicRepository,
        on_delete=models.CASCADE,
        related_name="proposals",
        verbose_name=_("thematic repository"),
    )
    entry = models.ForeignKey(
        "stocktaking.Entry",
        on_delete=models.CASCADE,
        related_name="repository_proposals",
        verbose_name=_("stocktaking entry"),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ProposalStatus.choices,
        default=ProposalStatus.PENDING,
    )
    note = models.TextField(
        _("why it belongs"),
        max_length=500,
        blank=True,
        help_text=_("What the proposer wrote for the secretariat (not public)."),
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("proposed by"),
    )
    proposed_at = models.DateTimeField(_("proposed"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decision_reason = models.TextField(_("reason for the decision"), blank=True)

    class Meta:
        verbose_name = _("proposal for a thematic repository")
        verbose_name_plural = _("proposals for thematic repositories")
        ordering = ("proposed_at", "id")
        constraints = [
            # One open proposal per entry and repository: a pending one waits, an accepted one
            # is there already (a declined one may be proposed again).
            models.UniqueConstraint(
                fields=("repository", "entry"),
                condition=models.Q(status__in=PROPOSAL_OPEN_STATES),
                name="evidence_repository_proposal_open",
            ),
        ]
        indexes = [
            models.Index(fields=("status", "proposed_at"), name="evidence_proposal_queue"),
        ]

    def __str__(self) -> str:
        return f"{self.entry_id} → {self.repository_id} ({self.status})"
