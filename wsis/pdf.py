"""A small writer over fpdf2 shared by the PDF downloads (the flows of `wsis.documents`, roadmap
versions, policy documents).

It embeds a Unicode TrueType font when the system has one (Debian's fonts-dejavu-core); otherwise
it falls back to a core font and replaces characters outside Latin-1 (see `latin1`). Over the
Unicode font:

- Chinese (and any character the main font lacks) is drawn from a CJK fallback font when the system
  has one (Debian's fonts-wqy-microhei, see `PDF_FALLBACK_FONT_CANDIDATES`); without it those
  characters are left out of the PDF, the rest of the document is unchanged;
- text is shaped by HarfBuzz (the `uharfbuzz` package) when it can be imported: Arabic letters
  joined, Arabic runs laid out right to left, and a paragraph that starts in Arabic aligned to the
  right; without it Arabic comes out as isolated letters in left-to-right order.
"""

from __future__ import annotations

import io
import logging
import unicodedata
from pathlib import Path

# fontTools logs every step of subsetting the PDF font at INFO.
logging.getLogger("fontTools").setLevel(logging.WARNING)

PDF_FONT_CANDIDATES = (
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf"),
)
# Fonts with simplified Chinese, the first found used for the characters the main font lacks:
# WenQuanYi Micro Hei (fonts-wqy-microhei, the one the deployment installs, 1.6 MB) or Droid Sans
# Fallback (fonts-droid-fallback).
PDF_FALLBACK_FONT_CANDIDATES = (
    Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
    Path("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"),
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


def _has_right_to_left(text: str) -> bool:
    """Whether any letter is Arabic (or another right-to-left script): only those need shaping."""
    return any(unicodedata.bidirectional(char) in ("AL", "R") for char in text)


def _right_to_left(text: str) -> bool:
    """Whether the paragraph's first strong letter is right-to-left (Unicode bidi rules P2, P3)."""
    # fpdf2 loads only when a PDF is made, not in every process.
    from fpdf.bidi import auto_detect_base_direction
    from fpdf.enums import TextDirection

    return auto_detect_base_direction(text) == TextDirection.RTL


class PdfWriter:
    """An A4 document written as a flow of text blocks, one page after another as needed.

    The fonts are looked up in `PDF_FONT_CANDIDATES` and `PDF_FALLBACK_FONT_CANDIDATES` when the
    writer is made, so a test can replace those tuples to exercise the fallbacks.
    """

    def __init__(self, *, title: str, orientation: str = "P") -> None:
        # fpdf2 (and its font tools) load only when a PDF is made, not in every process.
        from fpdf import FPDF

        self.pdf = FPDF(orientation=orientation, format="A4")
        self.shaping = self._shaping_on = False
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
            self._add_fallback_font()
            self._shape_text()
        else:
            self.family, self.style_bold, self.text = "Helvetica", "B", latin1
        self.pdf.add_page()

    def _add_fallback_font(self) -> None:
        fallback = next((path for path in PDF_FALLBACK_FONT_CANDIDATES if path.is_file()), None)
        if fallback is None:
            return
        self.pdf.add_font("Fallback", "", str(fallback))
        # One regular face serves bold text too (exact_match=False): a CJK title in a bold heading
        # is drawn regular rather than left out.
        self.pdf.set_fallback_fonts(["Fallback"], exact_match=False)

    def _shape_text(self) -> None:
        try:
            import uharfbuzz  # noqa: F401 - only whether fpdf2's text shaping can run
        except ImportError:
            return
        self.shaping = True

    def _shape_for(self, *texts: str) -> None:
        """Shapes the next text only when it holds Arabic: fpdf2 positions every shaped glyph on
        its own, which makes a long Latin document about four times slower and ten times bigger.
        """
        wanted = self.shaping and any(_has_right_to_left(text) for text in texts)
        if wanted != self._shaping_on:
            self.pdf.set_text_shaping(wanted)
            self._shaping_on = wanted

    def write(
        self, content: str, size: float, *, bold: bool = False, indent: float = 0, align: str = "L"
    ) -> None:
        pdf = self.pdf
        pdf.set_font(self.family, self.style_bold if bold else "", size)
        pdf.set_x(pdf.l_margin + indent)
        self._shape_for(content)
        if align == "L" and self._shaping_on and _right_to_left(content):
            # A paragraph whose first strong letter is Arabic starts at the right margin, as a
            # browser shows it under dir="auto".
            align = "R"
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
        self._shape_for(*headers, *(text for row in rows for text in row))
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
            self._shape_for(label)
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
