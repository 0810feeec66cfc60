"""Chinese and Arabic in the portal's PDFs (`wsis.pdf`): Chinese drawn from the CJK fallback font,
Arabic shaped by HarfBuzz (joined letters, right to left), and both still optional."""

import io
import os
import sys

import pytest
from fontTools.ttLib import TTFont
from pypdf import PdfReader

import wsis.pdf
from wsis.documents import Document

CHINESE = "信息社会世界峰会"
ARABIC = "القمة العالمية لمجتمع المعلومات"
# In ARABIC: lam at the start of a word (ال), ain between letters (العالمية), the final teh marbuta.
JOINED = {"uniFEDF", "uniFECC", "uniFE94"}


def _require(available: bool, what: str) -> None:
    """Skips without `what` on a developer's machine; CI must have it (`.ci/run` installs it)."""
    if not available:
        if os.environ.get("CI"):
            pytest.fail(f"{what} is missing in CI")
        pytest.skip(f"{what} is not installed here")


def _require_fallback_font() -> None:
    _require(
        any(path.is_file() for path in wsis.pdf.PDF_FALLBACK_FONT_CANDIDATES),
        "the CJK fallback font (apt-get install fonts-wqy-microhei)",
    )


def _require_shaping() -> None:
    try:
        import uharfbuzz  # noqa: F401 - only whether it can be imported
    except ImportError:
        _require(False, "uharfbuzz (pip install -r requirements.txt)")


def _document(title: str) -> bytes:
    document = Document(title=title)
    document.heading(title, 1)
    document.paragraph(f"{title} WSIS Forum 2026")
    document.table(("Title", "Region"), [(title, "Asia")])
    document.bar_chart("Entries", [(title, 3)], "Entries")
    return document.pdf()


def _text(pdf: bytes) -> str:
    return " ".join(
        " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).split()
    )


def _glyph_names(pdf: bytes) -> dict[str, set[str]]:
    """Per embedded font (by its base name), the names of the glyphs fpdf2 kept in its subset."""
    names = {}
    for font in PdfReader(io.BytesIO(pdf)).pages[0]["/Resources"]["/Font"].values():
        font = font.get_object()
        descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
        subset = TTFont(io.BytesIO(descriptor["/FontFile2"].get_object().get_data()))
        names[str(font["/BaseFont"]).split("+")[-1]] = set(subset.getGlyphOrder())
    return names


def test_chinese_is_drawn_from_the_fallback_font() -> None:
    _require_fallback_font()
    pdf = _document(CHINESE)
    text = _text(pdf)
    # The bold heading, the paragraph, the table cell and the bar label.
    assert text.count(CHINESE) == 4, text
    assert f"{CHINESE} WSIS Forum 2026" in text
    fallback = {name: glyphs for name, glyphs in _glyph_names(pdf).items() if "uni4FE1" in glyphs}
    assert fallback, "信 (U+4FE1) is in no embedded font"


def test_without_the_fallback_font_the_pdf_is_made_without_the_chinese(monkeypatch) -> None:
    monkeypatch.setattr(wsis.pdf, "PDF_FALLBACK_FONT_CANDIDATES", ())
    text = _text(_document(CHINESE))
    assert CHINESE not in text
    assert "WSIS Forum 2026" in text


def test_arabic_is_shaped_and_right_to_left() -> None:
    _require_shaping()
    pdf = _document(ARABIC)
    # pypdf reads a right-to-left run from right to left: the words come back in their logical
    # order only when fpdf2 drew them right to left.
    assert _text(pdf).count(ARABIC) == 4
    # Joined letters are contextual glyphs (Arabic Presentation Forms-B, U+FE70-U+FEFF), which an
    # isolated letter never uses.
    used = set().union(*_glyph_names(pdf).values())
    assert JOINED.issubset(used), sorted(used)


def test_a_paragraph_starting_in_arabic_is_aligned_to_the_right() -> None:
    _require_shaping()
    writer = wsis.pdf.PdfWriter(title="Alignment")
    writer.write(ARABIC, 11)
    writer.write("WSIS", 11)
    pdf = PdfReader(io.BytesIO(writer.output()))
    starts = []

    def visit(text, _cm, tm, *_) -> None:
        if text.strip():
            starts.append((text.strip(), tm[4]))

    pdf.pages[0].extract_text(visitor_text=visit)
    arabic_x = min(x for text, x in starts if text != "WSIS")
    latin_x = next(x for text, x in starts if text == "WSIS")
    assert arabic_x > latin_x + 200, starts


def test_without_harfbuzz_the_pdf_is_made_unshaped(monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "uharfbuzz", None)  # import uharfbuzz raises ImportError
    pdf = _document(ARABIC)
    used = set().union(*_glyph_names(pdf).values())
    assert not JOINED & used
    assert ARABIC not in _text(pdf)  # drawn left to right, so read back reversed
    assert "uni0645" in used  # the isolated meem: the letters are there
