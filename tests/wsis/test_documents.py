"""The one document toolkit: every block written once comes out in both the DOCX and the PDF."""

import io

from docx import Document as WordDocument
from PIL import Image
from pypdf import PdfReader

import wsis.pdf
from wsis.documents import Document


def _sample(image: bytes) -> Document:
    document = Document(title="A sample publication")
    document.heading("A sample publication", 0)
    document.paragraph("First paragraph.\n\nSecond paragraph.")
    document.bullets(["One bullet", "", "Two bullets"])
    document.table(("Region", "Entries"), [("Africa", 12), ("Europe", 3)])
    document.bar_chart("Entries by SDG", [("SDG 4", 8), ("SDG 9", 2)], "Entries")
    document.bar_chart("An empty chart", [], "Entries")
    document.image(image, description="A blue square")
    document.page_break()
    document.heading("After the break", 1)
    return document


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (20, 20), "blue").save(buffer, "PNG")
    return buffer.getvalue()


def test_every_block_is_in_both_renderings() -> None:
    document = _sample(_png())
    word = WordDocument(io.BytesIO(document.docx()))
    paragraphs = [p.text for p in word.paragraphs]
    cells = [[c.text for c in row.cells] for table in word.tables for row in table.rows]
    reader = PdfReader(io.BytesIO(document.pdf()))
    pdf_text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())

    assert [p for p in paragraphs if p] == [
        "A sample publication",
        "First paragraph.",
        "Second paragraph.",
        "One bullet",
        "Two bullets",
        "Entries by SDG",
        "A blue square",
        "After the break",
    ]
    assert cells == [
        ["Region", "Entries"], ["Africa", "12"], ["Europe", "3"],
        ["Entries by SDG", "Entries", "%"], ["SDG 4", "8", "80 %"], ["SDG 9", "2", "20 %"],
    ]  # fmt: skip
    assert len(word.inline_shapes) == 1
    assert "An empty chart" not in pdf_text
    for part in ("First paragraph.", "Two bullets", "Africa 12", "SDG 4", "A blue square"):
        assert part in pdf_text, part
    assert len(reader.pages) == 2
    assert sum(len(page.images) for page in reader.pages) == 1


def test_an_unreadable_image_is_left_out_not_a_broken_file() -> None:
    document = _sample(b"not an image at all")
    word = WordDocument(io.BytesIO(document.docx()))
    reader = PdfReader(io.BytesIO(document.pdf()))
    assert len(word.inline_shapes) == 0
    assert "A blue square" not in [p.text for p in word.paragraphs]
    assert "A blue square" not in " ".join(p.extract_text() for p in reader.pages)


def test_without_a_system_font_the_pdf_uses_a_core_font(monkeypatch) -> None:
    monkeypatch.setattr(wsis.pdf, "PDF_FONT_CANDIDATES", ())
    document = Document(title="Core font")
    document.heading("Café – “quoted”", 1)
    document.table(("Name",), [("Ünïcode ✓",)])
    document.bar_chart("Bars", [("Zürich", 2)], "Entries")
    text = " ".join(PdfReader(io.BytesIO(document.pdf())).pages[0].extract_text().split())
    assert 'Café - "quoted"' in text
    assert "Zürich" in text
