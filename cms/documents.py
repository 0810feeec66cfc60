"""The PDF download of a policy document (fpdf2, through the portal's small writer)."""

import html
import re

from cms.models import PolicyDocumentPage
from wsis.pdf import PdfWriter

_TAG_RE = re.compile(r"<[^<>]*>")
_ITEM_RE = re.compile(r"<li\b[^>]*>", re.IGNORECASE)
_BREAK_RE = re.compile(r"</li>|</p>|<br\s*/?>", re.IGNORECASE)


def _plain(fragment: str) -> str:
    text = _ITEM_RE.sub("\u2022 ", fragment)
    text = _BREAK_RE.sub("\n", text)
    text = html.unescape(_TAG_RE.sub("", text))
    return "\n".join(" ".join(line.split()) for line in text.splitlines() if line.strip())


def policy_document_pdf(page: PolicyDocumentPage) -> bytes:
    """The document as A4 pages: title, summary, then its headings, annexes and paragraphs in
    order (numbers as printed), and the footnotes at the end."""
    writer = PdfWriter(title=page.title)
    writer.write(page.title, 16, bold=True)
    if page.summary:
        writer.space(2)
        writer.write(page.summary, 10)
    for block in page.body:
        value = block.value
        if block.block_type == "annex":
            writer.space(6)
            writer.write(f"Annex {value['number']}: {value['title']}", 14, bold=True)
        elif block.block_type == "heading":
            writer.space(4)
            number = f"{value['number']} " if value.get("number") else ""
            writer.write(number + value["text"], 13 if value["level"] == "2" else 11, bold=True)
        else:
            writer.space(2)
            number = f"{value['number']}. " if value.get("number") else ""
            writer.write(number + _plain(value["text"].source), 10)
    footnotes = list(page.footnotes.all())
    if footnotes:
        writer.space(6)
        writer.write("Notes", 12, bold=True)
        for note in footnotes:
            writer.write(f"{note.number} {note.text}", 9)
    return writer.output()
