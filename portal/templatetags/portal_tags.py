"""Template filters of the design system (docs/design.md)."""

from django import forms, template
from django.conf import settings
from django.http import QueryDict
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from portal.selectors import session_is_starred
from wsis.filter_chips import query_with

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


@register.simple_tag(takes_context=True)
def autosave(context, stamp="") -> str:
    """Attributes of a form whose typing is kept on the person's device as they type
    (static/js/portal.js): the key names the person and the page, `stamp` the version of the
    stored object the form was built on (its lock version; empty for a new one), so a draft is
    never put back over a version saved after it."""
    request = context["request"]
    messages = {
        "data-autosave": f"{request.user.pk}:{request.path}",
        "data-autosave-stamp": str(stamp if stamp is not None else ""),
        "data-autosave-status": _("What you type is kept on this device until you save it."),
        "data-autosave-kept": _("Kept on this device at %(time)s."),
        "data-autosave-restored": _(
            "Your unsaved changes of %(time)s are back in the form. Save to keep them."
        ),
        "data-autosave-newer": _(
            "Your unsaved changes of %(time)s were not put back: this was saved again since, "
            "and they would overwrite the newer version."
        ),
        "data-autosave-show": _("Show my unsaved changes"),
        "data-autosave-discard": _("Discard my unsaved changes"),
        "data-autosave-discarded": _("Your unsaved changes were discarded."),
    }
    return format_html_join(" ", '{}="{}"', messages.items())


@register.simple_tag
def query_with_param(query: str, name: str, value) -> str:
    """`query` with one filter set to `value` (others kept, page dropped): a tag, a room or an
    Action Line as a link to the filtered list it names."""
    return query_with(QueryDict(query), **{name: str(value)})
