"""Charts drawn on the server: `{% bar_chart rows caption value_heading %}` is the one bar chart
of the portal (the map page, the outcome list, the forum's outcome and the stocktaking report).
It is a table (screen readers read the figures; the bars are SVG attributes, no inline style,
so the CSP holds; mirrored in Arabic by the stylesheet)."""

from __future__ import annotations

from django import template

from wsis.charts import bars

register = template.Library()


@register.inclusion_tag("includes/bar_chart.html")
def bar_chart(
    rows,
    caption: str = "",
    value_heading: str = "",
    label_heading: str = "",
    *,
    share: bool = True,
    region: str = "",
    empty_text: str = "",
) -> dict:
    """`rows`: (label, value) or (label, value, link) rows, in the order drawn. `caption` names
    the table (else the section's heading does, and `region` is that heading's id: the table's
    scrolling box becomes a labelled, focusable region); `share` adds each row's share of the
    total."""
    return {
        "bars": bars(rows),
        "caption": caption,
        "value_heading": value_heading,
        "label_heading": label_heading or caption,
        "share": share,
        "region": region,
        "empty_text": empty_text,
    }
