"""A small writer over fpdf2 shared by the PDF downloads (the flows of `wsis.documents`, roadmap
versions, policy documents).

It embeds a Unicode TrueType font when the system has one (Debian's fonts-dejavu-core); otherwise
it falls back to a core font and replaces characters outside Latin-1 (see `latin1`).
"""

from __future__ import annotations

import io
import logging
from pathlib import Path

# fontTools logs every step of subsetting the PDF font at INFO.
logging.getLogger("fontTools").setLevel(logging.WARNING)

PDF_FONT_CANDIDATES = (
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf"),
)
_LATIN1_REPLACEMENTS = str.maketrans(
    {
        "\u2013": "-",
        "\u2014": "-",
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2022": "-",
        "\u2026": "...",
    }
)


def latin1(text: str) -> str:
    return text.translate(_LATIN1_REPLACEMENTS).encode("latin-1", "replace").decode("latin-1")


class PdfWriter:
    """An A4 document written as a flow of text blocks, one page after another as needed.

    The font is looked up in `PDF_FONT_CANDIDATES` when the writer is made, so a test can
    replace that tuple to exercise the core-font fallback.
    """

    def __init__(self, *, title: str, orientation: str = "P") -> None:
        # fpdf2 (and its font tools) load only when a PDF is made, not in every process.
        from fpdf import FPDF

        self.pdf = FPDF(orientation=orientation, format="A4")
        self.pdf.set_auto_page_break(auto=True, margin=15)
        self.pdf.set_title(title)
        font = next((path for path in PDF_FONT_CANDIDATES if path.is_file()), None)
        if font is not None:
            self.pdf.add_font("Unicode", "", str(font))
            self.family, self.style_bold, self.text = "Unicode", "", str
            bold = font.with_name(font.stem.removesuffix("-Regular") + "-Bold.ttf")
            if bold.is_file():
                self.pdf.add_font("Unicode", "B", str(bold))
                self.style_bold = "B"
        else:
            self.family, self.style_bold, self.text = "Helvetica", "B", latin1
        self.pdf.add_page()

    def write(
        self, content: str, size: float, *, bold: bool = False, indent: float = 0, align: str = "L"
    ) -> None:
        pdf = self.pdf
        pdf.set_font(self.family, self.style_bold if bold else "", size)
        pdf.set_x(pdf.l_margin + indent)
        pdf.multi_cell(
            w=pdf.epw - indent,
            h=size * 0.5,
            text=self.text(content),
            align=align,
            new_x="LMARGIN",
            new_y="NEXT",
        )

    def space(self, height: float) -> None:
        self.pdf.ln(height)

    def page_break(self) -> None:
        self.pdf.add_page()

    def table(
        self, headers: tuple[str, ...], rows: tuple[tuple[str, ...], ...], *, widths=()
    ) -> None:
        """A grid with a heading row repeated on every page it runs over."""
        # fpdf2 (and its font tools) load only when a PDF is made, not in every process.
        from fpdf.fonts import FontFace

        pdf = self.pdf
        pdf.set_font(self.family, "", 8.5)
        with pdf.table(
            col_widths=tuple(widths) or None,
            text_align="LEFT",
            line_height=4.5,
            headings_style=FontFace(emphasis="BOLD" if self.style_bold else None, fill_color=235),
            repeat_headings=1,
        ) as table:
            for row in (headers, *rows):
                cells = table.row()
                for text in row:
                    cells.cell(self.text(text))
        pdf.ln(2)

    def bars(self, rows: tuple[tuple[str, int], ...]) -> None:
        """A horizontal bar chart: per row its label, a bar scaled to the largest value, the
        value."""
        pdf = self.pdf
        largest = max((value for _label, value in rows), default=0) or 1
        label_width, value_width = pdf.epw * 0.42, 12
        bar_room = pdf.epw - label_width - value_width - 4
        pdf.set_font(self.family, "", 8.5)
        pdf.set_fill_color(10, 79, 140)
        for label, value in rows:
            if pdf.will_page_break(5):
                pdf.add_page()
            y = pdf.get_y()
            pdf.set_x(pdf.l_margin)
            pdf.cell(w=label_width, h=5, text=self.text(label)[:60])
            pdf.rect(pdf.l_margin + label_width + 2, y + 1, bar_room * value / largest, 3, "F")
            pdf.set_xy(pdf.l_margin + label_width + bar_room + 4, y)
            pdf.cell(w=value_width, h=5, text=str(value), align="R", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)

    def image(self, content: bytes, *, width_mm: float) -> bool:
        """Places an image at its width; False (and nothing placed) when it cannot be read."""
        try:
            self.pdf.image(io.BytesIO(content), x=self.pdf.l_margin, w=width_mm)
        except Exception:  # noqa: BLE001 - an unreadable image is left out, never a broken file
            return False
        self.pdf.ln(1)
        return True

    def output(self) -> bytes:
        return bytes(self.pdf.output())
