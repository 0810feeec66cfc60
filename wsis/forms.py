from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.forms.models import ModelChoiceIterator
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from django_countries.fields import LazyTypedChoiceField

from wsis.caching.reference import reference_rows
from wsis.models import Organisation, StakeholderType, User

# What a database integer key can hold: SQLite cannot even compare a number beyond it.
DATABASE_INTEGER_RANGE = range(-(2**63), 2**63)


class SharedChoicesMixin:
    """For a choice field whose choices never change once its form is built (a filter's reference
    lists): each form's copy shares them, where Django copies them deeply for every form (the 193
    countries on every request of the public list)."""

    def __deepcopy__(self, memo):
        result = forms.Field.__deepcopy__(self, memo)
        result._choices = self._choices
        return result


def word_limit_attrs(limit: int) -> dict[str, str]:
    """Attributes of a text field with a word limit: static/js/portal.js shows a live count
    under it, in the visitor's language."""
    return {
        "data-word-limit": str(limit),
        "data-word-count-template": _("%(count)s of %(limit)s words"),
        "data-word-over-template": _("%(count)s words: %(over)s too many"),
    }


def rich_text_attrs() -> dict[str, str]:
    """Attributes of a textarea of HTML that becomes the rich-text editor (static/js/editor.js,
    on pages that include templates/includes/rich_text_head.html): its toolbar's words in the
    visitor's language. Without JavaScript it stays a textarea of HTML."""
    return {
        "data-rich-text": "",
        "data-rich-text-toolbar": _("Formatting"),
        "data-rich-text-bold": _("Bold"),
        "data-rich-text-italic": _("Italic"),
        "data-rich-text-link": _("Link"),
        "data-rich-text-bullets": _("Bulleted list"),
        "data-rich-text-numbers": _("Numbered list"),
        "data-rich-text-outdent": _("Decrease indent"),
        "data-rich-text-indent": _("Increase indent"),
        "data-rich-text-undo": _("Undo"),
        "data-rich-text-redo": _("Redo"),
        "data-rich-text-url": _("Address of the link"),
        "data-rich-text-link-apply": _("Add the link"),
        "data-rich-text-link-remove": _("Remove the link"),
    }


def bullet_limit_attrs(minimum: int, maximum: int) -> dict[str, str]:
    """Attributes of a field of bullets, one per line (the outcome template's sections):
    static/js/portal.js counts the lines as they are typed, against the section's range."""
    return {
        "data-bullet-min": str(minimum),
        "data-bullet-max": str(maximum),
        "data-bullet-count-template": _("%(count)s bullets (%(minimum)s to %(maximum)s)"),
        "data-bullet-under-template": _(
            "%(count)s bullets: at least %(minimum)s are needed to submit"
        ),
        "data-bullet-over-template": _("%(count)s bullets: at most %(maximum)s may be submitted"),
    }


class BoundedModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """A choice of several rows where a number no key can hold is an invalid choice, as any other
    unknown key is (on SQLite Django's lookup raised OverflowError: a 500)."""

    def _check_values(self, value):
        for key in value:
            text = str(key)
            if text.lstrip("-").isdigit() and int(text) not in DATABASE_INTEGER_RANGE:
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": key},
                )
        return super()._check_values(value)


class _ReferenceChoiceIterator(ModelChoiceIterator):
    """The choices of a reference field, from its cached rows: no query, not even to count."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for row in self.field.reference_rows():
            yield self.choice(row)

    def __len__(self) -> int:
        return len(self.field.reference_rows()) + (self.field.empty_label is not None)

    def __bool__(self) -> bool:
        return self.field.empty_label is not None or bool(self.field.reference_rows())


class _ReferenceRowsMixin:
    """A choice among the rows of a reference model (Action Lines, SDGs, GDC objectives, ITU
    regions, stakeholder types, countries) taken from the lists cached per "core" generation
    (`wsis.caching.reference`), so building, rendering and validating the form costs no query
    where Django's model choice fields query the table for each (the entry form has six). The
    field's queryset names the model only; it is never evaluated. A cleaned value holds the
    cached instances (a list for several), which the services write as they would the rows."""

    iterator = _ReferenceChoiceIterator

    def reference_rows(self) -> list:
        return reference_rows(self.queryset.model)

    def _rows_by_key(self) -> dict[str, Model]:
        key = self.to_field_name or "pk"
        return {str(getattr(row, key)): row for row in self.reference_rows()}

    def _invalid(self, value) -> ValidationError:
        return ValidationError(
            self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
        )


class ReferenceChoiceField(_ReferenceRowsMixin, forms.ModelChoiceField):
    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, Model):
            value = getattr(value, self.to_field_name or "pk")
        row = self._rows_by_key().get(str(value))
        if row is None:
            raise self._invalid(value)
        return row


class ReferenceMultipleChoiceField(_ReferenceRowsMixin, forms.ModelMultipleChoiceField):
    def _check_values(self, value):
        if isinstance(value, str | bytes) or not hasattr(value, "__iter__"):
            raise ValidationError(self.error_messages["invalid_list"], code="invalid_list")
        rows = self._rows_by_key()
        chosen = {}
        for key in value:
            row = rows.get(str(key))
            if row is None:
                raise self._invalid(key)
            chosen[row.pk] = row
        return list(chosen.values())


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ("full_name", "job_title", "preferred_language")


class OrganisationForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=255)
    country = LazyTypedChoiceField(label=_("Country"), choices=countries)
    stakeholder_type = forms.ModelChoiceField(
        label=_("Stakeholder type"), queryset=StakeholderType.objects.all()
    )
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")

    def clean(self):
        cleaned = super().clean()
        name, country = cleaned.get("name"), cleaned.get("country")
        if (
            name
            and country
            and Organisation.objects.filter(name__iexact=name, country=country).exists()
        ):
            raise forms.ValidationError(
                _(
                    "An organisation with this name already exists in this country. "
                    "Ask its contact person to add you as a member."
                )
            )
        return cleaned


class MemberInviteForm(forms.Form):
    """An address to invite. Nobody is looked up: the answer is the same for every address."""

    email = forms.EmailField(
        label=_("E-mail address of the person to invite"),
        help_text=_(
            "They get an invitation by e-mail and join once they accept it, signed in with "
            "this address."
        ),
    )


class TextTranslationForm(forms.Form):
    """A translation of a text written by people into another of the portal's languages (the
    original's own language is not offered)."""

    language = forms.ChoiceField(label=_("Language of the translation"))
    title = forms.CharField(label=_("Title"), max_length=255)
    summary = forms.CharField(label=_("Summary"), widget=forms.Textarea(attrs={"rows": 5}))
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 10})
    )
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
        for name in ("title", "summary", "description"):
            if name in self.fields:
                self.fields[name].widget.attrs["dir"] = "auto"
