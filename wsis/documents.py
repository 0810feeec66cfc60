"""The portal's one document toolkit: a publication is written once as a flow of blocks
(headings, paragraphs, bullets, tables, bar charts, images, page breaks) and rendered from that
same flow as Word (DOCX, python-docx) or PDF (fpdf2, through `wsis.pdf.PdfWriter`), so both
downloads hold the same parts in the same order.

    document = Document(title="WSIS Stocktaking Report 2026")
    document.heading("Introduction", 1)
    document.paragraph(report.introduction)
    document.bar_chart("Entries by ITU region", [("Africa", 12), ("Europe", 9)], "Entries")
    return document.docx()  # or document.pdf()

A bar chart is a table in Word (label, figure, share) and drawn bars beside the figures in the
PDF; an image that cannot be read is left out, never a broken file.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any

from wsis.pdf import PdfWriter

# Points of the PDF font for each heading level (0 = the document's title).
_PDF_HEADING_SIZES = {0: 18, 1: 14, 2: 12, 3: 11}
_PDF_TEXT_SIZE = 10
_PDF_SMALL_SIZE = 8.5


@dataclass(frozen=True)
class Heading:
    text: str
    level: int


@dataclass(frozen=True)
class Paragraph:
    text: str
    small: bool = False


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    # Relative widths of the columns (equal when empty).
    widths: tuple[float, ...] = ()


@dataclass(frozen=True)
class BarChart:
    caption: str
    rows: tuple[tuple[str, int], ...]
    value_heading: str


@dataclass(frozen=True)
class Image:
    content: bytes
    description: str
    width_mm: float = 70


@dataclass(frozen=True)
class PageBreak:
    pass


Block = Heading | Paragraph | Bullets | Table | BarChart | Image | PageBreak


@dataclass
class Document:
    """A publication as an ordered flow of blocks; `docx()` and `pdf()` render it."""

    title: str
    landscape: bool = False
    blocks: list[Block] = field(default_factory=list)

    def heading(self, text: str, level: int = 1) -> None:
        self.blocks.append(Heading(str(text), level))

    def paragraph(self, text: str, *, small: bool = False) -> None:
        """A paragraph; blank lines in `text` start new paragraphs, empty text adds nothing."""
        for part in str(text or "").replace("\r\n", "\n").split("\n\n"):
            if part.strip():
                self.blocks.append(Paragraph(part.strip(), small))

    def bullets(self, items: Any) -> None:
        items = tuple(str(item) for item in items if str(item).strip())
        if items:
            self.blocks.append(Bullets(items))

    def table(self, headers: Any, rows: Any, *, widths: Any = ()) -> None:
        self.blocks.append(
            Table(
                tuple(str(h) for h in headers),
                tuple(tuple(str(cell) for cell in row) for row in rows),
                tuple(widths),
            )
        )

    def bar_chart(self, caption: str, rows: Any, value_heading: str) -> None:
        rows = tuple((str(label), int(value)) for label, value in rows)
        if rows:
            self.blocks.append(BarChart(str(caption), rows, str(value_heading)))

    def image(self, content: bytes | None, *, description: str, width_mm: float = 70) -> None:
        if content:
            self.blocks.append(Image(content, str(description), width_mm))

    def page_break(self) -> None:
        self.blocks.append(PageBreak())

    def docx(self) -> bytes:
        return _render_docx(self)

    def pdf(self) -> bytes:
        return _render_pdf(self)


def _share(value: int, total: int) -> str:
    return f"{round(100 * value / total)} %" if total else "0 %"


def _docx_picture(word: Any, content: bytes, width: Any) -> bool:
    """Adds a picture; False (and nothing added) when python-docx cannot read the image."""
    try:
        word.add_picture(io.BytesIO(content), width=width)
    except Exception:  # noqa: BLE001 - an unreadable image is left out, never a broken file
        return False
    return True


def _render_docx(document: Document) -> bytes:
    # python-docx (and lxml) load only when a document is exported, not in every process.
    from docx import Document as WordDocument
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm

    word = WordDocument()
    word.core_properties.title = document.title
    if document.landscape:
        section = word.sections[0]
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width

    def add_table(headers: tuple[str, ...], rows: tuple[tuple[str, ...], ...]) -> None:
        table = word.add_table(rows=1, cols=len(headers))
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, headers, strict=True):
            cell.text = text
            for run in cell.paragraphs[0].runs:
                run.bold = True
        for row in rows:
            for cell, text in zip(table.add_row().cells, row, strict=True):
                cell.text = text

    for block in document.blocks:
        if isinstance(block, Heading):
            word.add_heading(block.text, min(block.level, 9))
        elif isinstance(block, Paragraph):
            paragraph = word.add_paragraph(block.text)
            if block.small:
                for run in paragraph.runs:
                    run.font.size = Mm(3)
        elif isinstance(block, Bullets):
            for item in block.items:
                word.add_paragraph(item, style="List Bullet")
        elif isinstance(block, Table):
            add_table(block.headers, block.rows)
        elif isinstance(block, BarChart):
            word.add_paragraph(block.caption, style="Caption")
            total = sum(value for _label, value in block.rows)
            add_table(
                (block.caption, block.value_heading, "%"),
                tuple((label, str(value), _share(value, total)) for label, value in block.rows),
            )
        elif isinstance(block, Image):
            if _docx_picture(word, block.content, Mm(block.width_mm)):
                word.add_paragraph(block.description, style="Caption")
        elif isinstance(block, PageBreak):
            word.add_page_break()
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def _render_pdf(document: Document) -> bytes:
    writer = PdfWriter(title=document.title, orientation="L" if document.landscape else "P")
    first = True
    for block in document.blocks:
        if isinstance(block, Heading):
            if not first:
                writer.space(5 if block.level <= 1 else 3)
            writer.write(block.text, _PDF_HEADING_SIZES.get(block.level, 11), bold=True)
        elif isinstance(block, Paragraph):
            writer.write(block.text, _PDF_SMALL_SIZE if block.small else _PDF_TEXT_SIZE)
            writer.space(1)
        elif isinstance(block, Bullets):
            for item in block.items:
                writer.write(f"- {item}", _PDF_TEXT_SIZE, indent=4)
            writer.space(1)
        elif isinstance(block, Table):
            writer.table(block.headers, block.rows, widths=block.widths)
        elif isinstance(block, BarChart):
            writer.write(block.caption, _PDF_TEXT_SIZE, bold=True)
            writer.bars(block.rows)
        elif isinstance(block, Image):
            if writer.image(block.content, width_mm=block.width_mm):
                writer.write(block.description, _PDF_SMALL_SIZE)
        elif isinstance(block, PageBreak):
            writer.page_break()
        first = False
    return writer.output()
