"""The form renderer: Django's own widget templates, except the two that render every option of
a choice through a chain of includes (a `<select>`'s options; checkboxes and radio buttons).

Django renders each option by including its template, which includes the input's template,
which includes the attributes' template: four template renders per checkbox, one or two per
`<option>`. The entry form has about 300 options (193 countries, 22 Action Lines, 17 SDGs, …),
and those includes were more than half of the edit page's time. The templates in
`wsis/form_templates/` write an option inline when it uses Django's own option template, and
include it as before otherwise; the renderer writes those three widgets (`<select>`, checkboxes,
radio buttons) in Python when their options use Django's own templates. Either way the HTML is
byte for byte Django's (pinned by `tests/wsis/test_form_rendering.py`).
"""

from pathlib import Path

import django.forms
from django.forms.renderers import DjangoTemplates
from django.template.base import render_value_in_context
from django.template.context import Context
from django.utils.functional import cached_property
from django.utils.html import escape
from django.utils.safestring import SafeData

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

    def render(self, template_name, context, request=None):
        writer = _WRITERS.get(template_name)
        written = writer(context["widget"]) if writer is not None else None
        if written is not None:
            return written.strip()
        return super().render(template_name, context, request=request)


# --- The options written in Python ---
#
# The same HTML as the templates above (and so as Django's), written without the template
# engine: resolving each option's variables and attributes through it was most of what was left
# of the edit form's time. Values are rendered as the engine renders them
# (`render_value_in_context`: localised, then escaped unless safe) and `stringformat:'s'` is
# applied as the filter does (a safe value stays unescaped). A widget whose options use another
# template than Django's own is left to the templates.

_CONTEXT = Context(autoescape=True)
_SELECT_OPTION = "django/forms/widgets/select_option.html"
_INPUT_OPTIONS = (
    "django/forms/widgets/checkbox_option.html",
    "django/forms/widgets/radio_option.html",
)


def _value(value) -> str:
    return render_value_in_context(value, _CONTEXT)


def _formatted(value) -> str:
    """`{{ value|stringformat:'s' }}`."""
    return value if isinstance(value, SafeData) else escape("%s" % value)  # noqa: UP031


def _attrs(attrs: dict) -> str:
    """django/forms/widgets/attrs.html."""
    written = []
    for name, value in attrs.items():
        if value is not False:
            written.append(" " + _value(name))
            if value is not True:
                written.append(f'="{_formatted(value)}"')
    return "".join(written)


def _select(widget: dict) -> str | None:
    parts = [f'<select name="{_value(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{_value(group_name)}">')
        for option in options:
            if option["template_name"] != _SELECT_OPTION:
                return None
            parts.append(
                f'\n  <option value="{_formatted(option["value"])}"{_attrs(option["attrs"])}>'
                f"{_value(option['label'])}</option>\n"
            )
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


def _multiple_input(widget: dict) -> str | None:
    attrs = widget["attrs"]
    parts = ["<div"]
    if attrs.get("id"):
        parts.append(f' id="{_value(attrs["id"])}"')
    if attrs.get("class"):
        parts.append(f' class="{_value(attrs["class"])}"')
    parts.append(">")
    for group, options, _index in widget["optgroups"]:
        if group:
            parts.append(f"\n  <div><label>{_value(group)}</label>")
        for option in options:
            if option["template_name"] not in _INPUT_OPTIONS:
                return None
            label = ""
            if option["wrap_label"]:
                option_id = option["attrs"].get("id")
                label = f'<label for="{_value(option_id)}">' if option_id else "<label>"
            value = option["value"]
            parts.append(
                f'<div>\n    {label}<input type="{_value(option["type"])}" '
                f'name="{_value(option["name"])}"'
                + (f' value="{_formatted(value)}"' if value is not None else "")
                + f"{_attrs(option['attrs'])}>\n"
            )
            if option["wrap_label"]:
                parts.append(f" {_value(option['label'])}</label>")
            parts.append("\n\n</div>")
        if group:
            parts.append("\n  </div>")
    parts.append("\n</div>")
    return "".join(parts)


_WRITERS = {
    "django/forms/widgets/select.html": _select,
    "django/forms/widgets/checkbox_select.html": _multiple_input,
    "django/forms/widgets/radio.html": _multiple_input,
}
