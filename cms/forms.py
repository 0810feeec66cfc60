from django import forms
from django.utils.translation import gettext_lazy as _

from cms.models import DocumentLibraryPage
from wsis.forms import DATABASE_INTEGER_RANGE
from wsis.text_import import TextEncodingError, decode_text_file

MAX_DOCUMENT_BYTES = 2 * 1024 * 1024


class LibraryChoiceField(forms.ModelChoiceField):
    """A number no key can hold is an invalid choice, as any other unknown key is (on SQLite the
    lookup would raise OverflowError)."""

    def to_python(self, value):
        text = str(value or "")
        if text.lstrip("-").isdigit() and int(text) not in DATABASE_INTEGER_RANGE:
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        return super().to_python(value)


class DocumentImportForm(forms.Form):
    file = forms.FileField(
        label=_("Text file"),
        help_text=_("A plain-text (UTF-8) export of the document, at most 2 MB."),
    )
    library = LibraryChoiceField(
        label=_("Document library"),
        queryset=DocumentLibraryPage.objects.order_by("path"),
        empty_label=None,
    )
    dry_run = forms.BooleanField(label=_("Only check the file (create nothing)"), required=False)

    def clean_file(self) -> str:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_DOCUMENT_BYTES:
            raise forms.ValidationError(_("The file is larger than 2 MB."))
        try:
            return decode_text_file(upload.read())
        except TextEncodingError as error:
            raise forms.ValidationError(error.message) from error
