"""A small writer over fpdf2 shared by the PDF downloads (roadmap versions, Forum Outcome Document).

It embeds a Unicode TrueType font when the system has one (Debian's fonts-dejavu-core); otherwise
it falls back to a core font and replaces characters outside Latin-1 (see `latin1`).
"""

from __future__ import annotations

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
        else:
            self.family, self.style_bold, self.text = "Helvetica", "B", latin1
        self.pdf.add_page()

    def write(self, content: str, size: int, *, bold: bool = False, indent: float = 0) -> None:
        pdf = self.pdf
        pdf.set_font(self.family, self.style_bold if bold else "", size)
        pdf.set_x(pdf.l_margin + indent)
        pdf.multi_cell(
            w=pdf.epw - indent,
            h=size * 0.5,
            text=self.text(content),
            new_x="LMARGIN",
            new_y="NEXT",
        )

    def space(self, height: float) -> None:
        self.pdf.ln(height)

    def output(self) -> bytes:
        return bytes(self.pdf.output())
