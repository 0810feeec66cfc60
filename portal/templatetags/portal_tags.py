"""Template filters of the design system (docs/design.md)."""

from django import forms, template
from django.conf import settings
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from portal.selectors import session_is_starred

register = template.Library()

# Django's placeholder of an empty choice, which says nothing to a person.
DASHES = ">---------</option>"


@register.filter
def widget(field, empty_label: str = "") -> str:
    """The field's widget as Django renders it, with the empty choice named in words ("Choose
    one" in a form, or `empty_label`, e.g. "Any" in a filter) instead of a row of dashes, and
    its error message tied to it for screen readers."""
    html = str(field)
    label = empty_label or _("Choose one")
    html = html.replace(DASHES, f">{label}</option>")
    if field.errors and "aria-describedby" not in html:
        html = html.replace(
            f'id="{field.auto_id}"',
            f'id="{field.auto_id}" aria-describedby="{field.auto_id}_error"',
            1,
        )
    return mark_safe(html)  # noqa: S308 - Django's own rendering, with a fixed text replaced


@register.filter
def is_multiple_choice(field) -> bool:
    """Whether the field is a group of checkboxes or radios (a fieldset with a legend)."""
    return isinstance(field.field.widget, forms.CheckboxSelectMultiple | forms.RadioSelect)


@register.filter
def absolute(path: str) -> str:
    """A path of the portal as an absolute address (under SITE_URL), for mails and feeds."""
    if not path or "://" in path:
        return path or ""
    return f"{settings.SITE_URL}{path}"


@register.simple_tag(takes_context=True)
def session_starred(context, session) -> bool:
    """Whether the signed-in person starred the session (one query; False for visitors)."""
    request = context.get("request")
    return bool(request) and session_is_starred(request.user, session)
