"""The form renderer: Django's own widget templates, except the two that render every option of
a choice through a chain of includes (a `<select>`'s options; checkboxes and radio buttons).

Django renders each option by including its template, which includes the input's template,
which includes the attributes' template: four template renders per checkbox, one or two per
`<option>`. The entry form has about 300 options (193 countries, 22 Action Lines, 17 SDGs, …),
and those includes were more than half of the edit page's time. The templates in
`wsis/form_templates/` write an option inline when it uses Django's own option template, and
include it as before otherwise, so the HTML is byte for byte Django's (pinned by
`tests/wsis/test_form_rendering.py`).
"""

from pathlib import Path

import django.forms
from django.forms.renderers import DjangoTemplates
from django.utils.functional import cached_property

FORM_TEMPLATES = Path(__file__).resolve().parent / "form_templates"


class PortalFormRenderer(DjangoTemplates):
    @cached_property
    def engine(self):
        return self.backend(
            {
                "APP_DIRS": True,
                "DIRS": [FORM_TEMPLATES, Path(django.forms.__file__).parent / "templates"],
                "NAME": "portalforms",
                "OPTIONS": {},
            }
        )
