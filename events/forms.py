"""Forms of the events pages: the outcome document template."""

from django import forms
from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from events.enums import COMMITMENT_ANSWERS
from events.models import OUTCOME_SECTIONS
from wsis.forms import BoundedModelMultipleChoiceField, bullet_limit_attrs
from wsis.models import GdcObjective

MAX_IMPORT_BYTES = 5 * 1024 * 1024


class OutcomeForm(forms.Form):
    """The outcome document template: one bullet per line; the limits are shown with each field
    and enforced by the service when the document is submitted."""

    lock_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    text_language = forms.ChoiceField(
        label=_("Language of the text"),
        choices=settings.LANGUAGES,
        required=False,
        help_text=_("The language the outcome document is written in."),
    )
    # A draft may leave sections empty, but none is optional for submission: not marked so.
    optional_marked = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for section in OUTCOME_SECTIONS:
            if section.minimum is None:
                self.fields[section.key] = forms.CharField(
                    label=section.label,
                    required=False,
                    widget=forms.Textarea(attrs={"rows": 5}),
                    help_text=_("One paragraph."),
                )
            else:
                self.fields[section.key] = forms.CharField(
                    label=section.label,
                    required=False,
                    widget=forms.Textarea(
                        attrs={"rows": 8, **bullet_limit_attrs(section.minimum, section.maximum)}
                    ),
                    help_text=_(
                        "%(minimum)d to %(maximum)d bullets, one per line. A draft may have "
                        "fewer; submitting needs %(minimum)d to %(maximum)d."
                    )
                    % {"minimum": section.minimum, "maximum": section.maximum},
                )
        self.fields["gdc_objectives"] = BoundedModelMultipleChoiceField(
            label=_("Global Digital Compact objectives"),
            queryset=GdcObjective.objects.order_by("number"),
            required=False,
            widget=forms.CheckboxSelectMultiple,
            help_text=_("The objectives of the Global Digital Compact the session served."),
        )

    @staticmethod
    def initial_from(outcome) -> dict:
        if outcome is None:
            return {"lock_version": 0, "text_language": get_language()}
        initial = {
            "lock_version": outcome.lock_version,
            "text_language": outcome.text_language,
            "gdc_objectives": list(outcome.gdc_objectives.all()),
        }
        for section, value in outcome.sections():
            initial[section.key] = "\n".join(value) if isinstance(value, list) else value
        return initial

    def content(self) -> dict:
        return {section.key: self.cleaned_data.get(section.key, "") for section in OUTCOME_SECTIONS}


class OutcomeTranslationForm(forms.Form):
    """A translation of an outcome document: the session's title and each section (one bullet per
    line; a section left empty is shown in the original's language)."""

    language = forms.ChoiceField(label=_("Language of the translation"))
    title = forms.CharField(label=_("Title"), max_length=400)
    translator = forms.CharField(
        label=_("Translator"),
        max_length=200,
        help_text=_("Who translated it: a person or a service."),
    )

    def __init__(self, *args, original_language: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [
            (code, name) for code, name in settings.LANGUAGES if code != original_language
        ]
        self.fields["title"].widget.attrs["dir"] = "auto"
        translator = self.fields.pop("translator")
        for section in OUTCOME_SECTIONS:
            self.fields[section.key] = forms.CharField(
                label=section.label,
                required=False,
                widget=forms.Textarea(
                    attrs={"rows": 5 if section.minimum is None else 8, "dir": "auto"}
                ),
                help_text=_("One paragraph.")
                if section.minimum is None
                else _("One bullet per line."),
            )
        self.fields["translator"] = translator

    @staticmethod
    def initial_from(translation) -> dict:
        initial = {"language": translation.language, "title": translation.title}
        initial["translator"] = translation.translator
        for section in OUTCOME_SECTIONS:
            value = getattr(translation, section.key)
            initial[section.key] = "\n".join(value) if isinstance(value, list) else value
        return initial

    def content(self) -> dict:
        return {section.key: self.cleaned_data.get(section.key, "") for section in OUTCOME_SECTIONS}


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (the organisers will read it)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
    )


class SessionImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "UTF-8 with a header row. Columns: number, title, type, date (YYYY-MM-DD), start and "
            "end (HH:MM in the event's time zone), organisers (organisation slugs), "
            "participation, room, action_lines (codes such as C2), sdgs (numbers), description, "
            "speakers (name|title|organisation|role), links. Lists are separated by “;”."
        ),
    )
    dry_run = forms.BooleanField(label=_("Only check the file"), required=False)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(max)d MB.") % {"max": MAX_IMPORT_BYTES // 1024**2}
            )
        return upload


class CommitmentAnswerForm(forms.Form):
    """Where a commitment stands: a status, a sentence and an optional link."""

    status = forms.ChoiceField(
        label=_("Status"),
        choices=[(s.value, s.label) for s in COMMITMENT_ANSWERS],
        widget=forms.RadioSelect,
    )
    answer = forms.CharField(
        label=_("Where it stands, in a sentence"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Say in a sentence where the commitment stands.")},
    )
    link = forms.URLField(
        label=_("Link"),
        assume_scheme="https",
        required=False,
        max_length=500,
        help_text=_("A page that shows it, such as a report or an announcement (optional)."),
    )
