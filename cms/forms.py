from django import forms
from django.utils.translation import gettext_lazy as _

from cms.models import DocumentLibraryPage

MAX_DOCUMENT_BYTES = 2 * 1024 * 1024


class DocumentImportForm(forms.Form):
    file = forms.FileField(
        label=_("Text file"),
        help_text=_("A plain-text (UTF-8) export of the document, at most 2 MB."),
    )
    library = forms.ModelChoiceField(
        label=_("Document library"),
        queryset=DocumentLibraryPage.objects.order_by("path"),
        empty_label=None,
    )
    dry_run = forms.BooleanField(label=_("Only check the file (create nothing)"), required=False)

    def clean_file(self) -> str:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_DOCUMENT_BYTES:
            raise forms.ValidationError(_("The file is larger than 2 MB."))
        raw = upload.read()
        try:
            return raw.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            line = raw[: error.start].count(b"\n") + 1
            raise forms.ValidationError(
                _("Line %(line)s: the file is not UTF-8 text."), params={"line": line}
            ) from error
