"""Filters in use, shown as removable chips above a list's results.

Each chip names a filter and its value in words ("Action Line: C2 Information and communication
infrastructure") and links to the same list without that one value, every other filter (and
the search words) kept; the page number is dropped, since the result changes. Values a form
does not know (already reported by the page) get no chip.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import QueryDict

# Parameters that are not filters: the page of the result and its order.
NOT_FILTERS = frozenset({"page", "sort"})


@dataclass(frozen=True)
class FilterChip:
    label: str
    value: str
    remove_url: str


def _choice_labels(field) -> dict[str, str]:
    labels: dict[str, str] = {}
    for value, label in getattr(field, "choices", ()):
        if isinstance(label, list | tuple):  # a group of choices
            labels.update({str(inner): str(text) for inner, text in label})
        else:
            labels[str(value)] = str(label)
    return labels


def filter_chips(
    params: QueryDict, form, path: str, value_labels: dict[str, dict[str, str]] | None = None
) -> list[FilterChip]:
    """The chips of the filters in `params` that `form` knows, in the form's order of fields;
    `value_labels` names the values of a filter without choices (an organisation's slug)."""
    chips: list[FilterChip] = []
    for name, field in form.fields.items():
        if name in NOT_FILTERS:
            continue
        values = [value for value in params.getlist(name) if value.strip()]
        if not values:
            continue
        labels = _choice_labels(field) if hasattr(field, "choices") else {}
        labels = labels or (value_labels or {}).get(name, {})
        for value in values:
            if labels:
                shown = labels.get(value) or labels.get(value.strip())
                if shown is None:
                    continue
            else:
                shown = value.strip()
            remaining = params.copy()
            remaining.setlist(name, [other for other in params.getlist(name) if other != value])
            for dropped in ("page",):
                remaining.pop(dropped, None)
            query = remaining.urlencode()
            chips.append(
                FilterChip(
                    label=str(field.label or name),
                    value=str(shown),
                    remove_url=f"{path}?{query}" if query else path,
                )
            )
    return chips


def query_with(params: QueryDict, **values: str) -> str:
    """`params` as a query string with `values` set (an empty value removes the parameter) and
    the page dropped: a link that changes one filter and keeps the others."""
    changed = params.copy()
    changed.pop("page", None)
    for name, value in values.items():
        if value in ("", None):
            changed.pop(name, None)
        else:
            changed.setlist(name, [str(value)])
    return changed.urlencode()
