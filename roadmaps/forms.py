"""Forms of the roadmap pages and of the admin's import."""

from django import forms
from django.utils.translation import gettext_lazy as _

from roadmaps.enums import CLAUSE_COLUMNS, CitationKind
from wsis.forms import BoundedModelMultipleChoiceField, rich_text_attrs
from wsis.models import GdcObjective
from wsis.text_import import TextEncodingError, decode_text_file

MAX_IMPORT_BYTES = 5 * 1024 * 1024


class ClauseForm(forms.Form):
    """One clause's label and columns; `lock_version` is the version the editor read."""

    label = forms.CharField(label=_("Label"), max_length=10, required=False)
    outcome_text = forms.CharField(
        label=_("WSIS outcome"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, **rich_text_attrs()}),
        help_text=_("HTML allowed: paragraphs, lists, emphasis and links."),
    )
    lock_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, initial=0)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name, heading in CLAUSE_COLUMNS:
            self.fields[name] = forms.CharField(
                label=heading,
                required=False,
                widget=forms.Textarea(attrs={"rows": 3, **rich_text_attrs()}),
            )

        self.fields["gdc_objectives"] = BoundedModelMultipleChoiceField(
            label=_("Global Digital Compact objectives"),
            queryset=GdcObjective.objects.order_by("number"),
            required=False,
            widget=forms.CheckboxSelectMultiple,
            help_text=_("The objectives of the Global Digital Compact this clause serves."),
        )

    def clause_values(self) -> dict[str, str]:
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if name not in ("lock_version", "gdc_objectives")
        }


class CitationSearchForm(forms.Form):
    """The facilitator's search for evidence to cite (a GET form)."""

    kind = forms.ChoiceField(
        label=_("Cite"), choices=CitationKind.choices, initial=CitationKind.ENTRY
    )
    q = forms.CharField(
        label=_("Words of the title"),
        max_length=200,
        required=False,
        help_text=_(
            "Published stocktaking entries (title or organisation), published outcome "
            "documents and sessions (title or number)."
        ),
    )


class VersionDetailsForm(forms.Form):
    as_of = forms.DateField(
        label=_("As of"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    change_summary = forms.CharField(
        label=_("Change summary"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class SourceGroupForm(forms.Form):
    title = forms.CharField(label=_("Source text"), max_length=300)


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=_("Comments for the facilitators"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Required: the facilitators read them to revise the version."),
    )


class RoadmapImportForm(forms.Form):
    document = forms.FileField(
        label=_("Roadmap document"),
        help_text=_("The text export of the roadmap document (UTF-8, tab-separated tables)."),
    )
    as_of = forms.DateField(
        label=_("As of"),
        required=False,
        help_text=_("Overrides the document's own “Draft as of” date."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    dry_run = forms.BooleanField(
        label=_("Dry run: only report, write nothing"), required=False, initial=True
    )

    def clean_document(self) -> str:
        upload = self.cleaned_data["document"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        try:
            return decode_text_file(upload.read())
        except TextEncodingError as error:
            raise forms.ValidationError(error.message) from error
