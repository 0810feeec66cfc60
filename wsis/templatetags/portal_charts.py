"""Charts drawn on the server: `{% bar_chart rows caption value_heading %}` renders a bar chart
that is a table (screen readers read the figures; the bars are SVG attributes, no inline
style, so the CSP holds; mirrored in Arabic by the stylesheet)."""

from __future__ import annotations

from django import template

register = template.Library()


@register.inclusion_tag("includes/bar_chart.html")
def bar_chart(rows, caption: str, value_heading: str, label_heading: str = "") -> dict:
    """`rows`: (label, value) pairs, as a publication's snapshot keeps them."""
    rows = [(str(label), int(value)) for label, value in rows]
    largest = max((value for _label, value in rows), default=0) or 1
    total = sum(value for _label, value in rows)
    return {
        "caption": caption,
        "value_heading": value_heading,
        "label_heading": label_heading or caption,
        "bars": [
            {
                "label": label,
                "value": value,
                "width": f"{100 * value / largest:.1f}",
                "share": round(100 * value / total) if total else 0,
            }
            for label, value in rows
        ],
    }
