"""Forms of the WSIS Prizes pages. They collect input; the services enforce the rules."""

from django import forms
from django.utils.translation import gettext_lazy as _

from stocktaking.models import Entry
from stocktaking.prizes.enums import (
    CONTENT_FIELDS,
    CRITERIA,
    DESCRIPTION_MAX_WORDS,
    DESCRIPTION_MIN_WORDS,
    PHASE_ORDER,
    SCORE_MAX,
    SCORE_MIN,
    Phase,
)
from stocktaking.prizes.models import Category, PrizeEntry, Review
from wsis.forms import (
    BoundedModelMultipleChoiceField,
    TextTranslationForm,
    rich_text_attrs,
    word_limit_attrs,
)
from wsis.models import Organisation


class PrizeEntryForm(forms.ModelForm):
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), label=_("Organisation")
    )

    class Meta:
        model = PrizeEntry
        fields = (
            "organisation",
            "category",
            "stocktaking_entry",
            *CONTENT_FIELDS,
            "sdgs",
            "gdc_objectives",
        )
        field_classes = dict.fromkeys(("sdgs", "gdc_objectives"), BoundedModelMultipleChoiceField)
        widgets = {
            # The editor with JavaScript (static/js/editor.js), plain text without; the word
            # counter (static/js/portal.js) counts the editor's text, never its tags.
            "description": forms.Textarea(attrs=rich_text_attrs()),
            "sdgs": forms.CheckboxSelectMultiple,
            "gdc_objectives": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "description": _("%(min)d to %(max)d words, in English: the text voters see.")
            % {"min": DESCRIPTION_MIN_WORDS, "max": DESCRIPTION_MAX_WORDS},
        }

    def __init__(self, *args, contest, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["description"].widget.attrs.update(word_limit_attrs(DESCRIPTION_MAX_WORDS))
        self.fields["organisation"].queryset = organisations
        self.fields["category"].queryset = Category.objects.filter(contest=contest).order_by(
            "number"
        )
        self.fields["stocktaking_entry"].queryset = (
            Entry.objects.filter(organisation__in=organisations, revision_of__isnull=True)
            .select_related("organisation")
            .order_by("title")
        )
        if self.instance.pk:
            self.fields["organisation"].disabled = True
            self.fields["organisation"].initial = self.instance.organisation_id
        elif organisations.count() == 1:
            self.fields["organisation"].initial = organisations.first().pk
        self.fields["lock_version"] = forms.IntegerField(
            widget=forms.HiddenInput, initial=self.instance.lock_version, required=False
        )

    def content(self) -> dict:
        values = {field: self.cleaned_data[field] for field in CONTENT_FIELDS}
        values["sdgs"] = list(self.cleaned_data["sdgs"])
        values["gdc_objectives"] = list(self.cleaned_data["gdc_objectives"])
        return values

    def _post_clean(self):
        # The services validate and save; the model's unique checks would duplicate their messages.
        pass


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=(("eligible", _("Eligible")), ("ineligible", _("Not eligible"))),
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason (shown to the submitter)"), widget=forms.Textarea, required=False
    )


class ReviewForm(forms.ModelForm):
    class Meta:
        model = Review
        fields = (*CRITERIA, "comment")
        widgets = {
            name: forms.NumberInput(attrs={"min": SCORE_MIN, "max": SCORE_MAX}) for name in CRITERIA
        }

    def _post_clean(self):
        pass


class ConflictForm(forms.Form):
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.order_by("name"), label=_("Organisation")
    )
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea)


class PhaseMoveForm(forms.Form):
    phase = forms.ChoiceField(
        label=_("Move to phase"), choices=[(p, Phase(p).label) for p in PHASE_ORDER]
    )
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea)


class NomineeSelectionForm(forms.Form):
    entries = BoundedModelMultipleChoiceField(
        queryset=PrizeEntry.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        label=_("Nominees"),
    )

    def __init__(self, *args, category, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entries"].queryset = category.entries.filter(status="eligible").select_related(
            "organisation"
        )


class WinnersForm(forms.Form):
    winners = BoundedModelMultipleChoiceField(
        queryset=PrizeEntry.objects.none(), widget=forms.CheckboxSelectMultiple, label=_("Winners")
    )
    champions = BoundedModelMultipleChoiceField(
        queryset=PrizeEntry.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        label=_("Champions"),
        required=False,
    )

    def __init__(self, *args, category, **kwargs):
        super().__init__(*args, **kwargs)
        finalists = category.entries.filter(status="finalist").select_related("organisation")
        self.fields["winners"].queryset = finalists
        self.fields["champions"].queryset = finalists


class PrizeEntryTranslationForm(TextTranslationForm):
    """A translation of a prize entry's title and description, for readers of another language."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["summary"]
        self.fields["description"].required = True
