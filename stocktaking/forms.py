"""Forms of the stakeholders' pages; every rule is also enforced by the services."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from stocktaking import services
from stocktaking.enums import ENTRY_CONTENT_FIELDS, SUMMARY_MAX_WORDS
from stocktaking.models import Entry
from wsis.caching.reference import country_form_choices
from wsis.forms import (
    ReferenceChoiceField,
    ReferenceMultipleChoiceField,
    rich_text_attrs,
    word_limit_attrs,
)
from wsis.models import CountryRegion, Organisation


class CountryChoiceField(ReferenceMultipleChoiceField):
    """The member states, sorted as people scan a list in the active language (a choice list
    named and sorted once per process and language, `country_form_choices`)."""

    def label_from_instance(self, obj):
        return obj.country.name


class EntryForm(forms.ModelForm):
    """Create or edit an entry's content. `lock_version` carries the version the form was built
    from, so a stale submission is refused instead of overwriting somebody else's change."""

    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none(), required=True
    )
    countries = CountryChoiceField(
        label=_("Countries"),
        queryset=CountryRegion.objects.all(),
        required=False,
        help_text=_("For national coverage: the countries where the activity takes place."),
    )
    other_links = forms.CharField(
        label=_("Other links"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One web address per line."),
    )
    image_upload = forms.FileField(
        label=_("Image or logo"),
        required=False,
        help_text=_("PNG, JPEG, GIF or WebP, at most 5 MB. It is re-encoded."),
    )
    website = forms.URLField(
        label=_("Website"), required=False, assume_scheme="https", max_length=500
    )
    lock_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Entry
        fields = ENTRY_CONTENT_FIELDS
        field_classes = dict.fromkeys(
            ("regions", "action_lines", "sdgs", "gdc_objectives"), ReferenceMultipleChoiceField
        ) | {"primary_action_line": ReferenceChoiceField}
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 5}),
            # The editor with JavaScript (static/js/editor.js), plain text without.
            "description": forms.Textarea(attrs={"rows": 10, **rich_text_attrs()}),
            "partners": forms.Textarea(attrs={"rows": 3}),
            "target_beneficiaries": forms.Textarea(attrs={"rows": 3}),
            "start_date": forms.DateInput(attrs={"type": "date"}),
            "end_date": forms.DateInput(attrs={"type": "date"}),
            "action_lines": forms.CheckboxSelectMultiple,
            "sdgs": forms.CheckboxSelectMultiple,
            "gdc_objectives": forms.CheckboxSelectMultiple,
            "regions": forms.CheckboxSelectMultiple,
        }
        help_texts = {"summary": _("At most %(max)d words.") % {"max": SUMMARY_MAX_WORDS}}

    def __init__(self, *args, user=None, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["summary"].widget.attrs.update(word_limit_attrs(SUMMARY_MAX_WORDS))
        # 193 countries: sorted by name, and a type-ahead filter with JavaScript (static/js).
        countries = self.fields["countries"]
        countries.choices = country_form_choices()
        countries.widget.attrs.update(
            {
                "data-combobox": "",
                "size": 8,
                "data-filter-label": _("Type to filter the countries"),
                "data-chosen-label": _("Chosen countries"),
                "data-remove-label": _("Remove"),
            }
        )
        if self.instance.pk:
            del self.fields["organisation"]
            self.initial["other_links"] = "\n".join(self.instance.other_links or [])
            self.initial["lock_version"] = self.instance.lock_version
        else:
            self.fields["organisation"].queryset = organisations
            if organisations is not None and len(organisations) == 1:
                self.initial["organisation"] = organisations[0]
        self.fields["primary_action_line"].required = True
        self.fields["action_lines"].required = False
        self.fields["sdgs"].required = False
        # Declared by the writer; an older client that does not send it writes English.
        self.fields["text_language"].required = False
        if not self.instance.pk:
            self.initial.setdefault("text_language", get_language())

    def clean_text_language(self):
        return self.cleaned_data["text_language"] or settings.LANGUAGE_CODE

    def clean_other_links(self):
        links = [line.strip() for line in self.cleaned_data["other_links"].splitlines()]
        links = [link for link in links if link]
        validate = URLValidator(schemes=("http", "https"))
        for number, link in enumerate(links, start=1):
            try:
                validate(link)
            except ValidationError:
                raise ValidationError(
                    _("Line %(line)d is not a web address: %(link)s")
                    % {"line": number, "link": link[:100]}
                ) from None
        return links

    def clean(self):
        cleaned = super().clean()
        if not self.errors:
            try:
                services.entry_content_validate(self.content())
            except ValidationError as error:
                for field, messages in error.message_dict.items():
                    for message in messages:
                        self.add_error(field if field in self.fields else None, message)
        return cleaned

    def content(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in services.CONTENT_FIELDS}


class AttachmentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    file = forms.FileField(label=_("PDF file"), help_text=_("A PDF of at most 10 MB."))


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (the submitter sees it)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=5000,
    )
