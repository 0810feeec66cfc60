"""The core's text-import toolkit, shared by the roadmap and events importers."""

import pytest

from events.importers import outcome_text
from roadmaps.importers import roadmap_text
from wsis.text_import import ParseWarning, TextEncodingError, decode_text_file, split_lines


def test_lines_are_numbered_as_an_editor_numbers_them():
    text = "\ufefffirst\r\nsecond\fstill second\u2028too\rthird\n"
    assert split_lines(text) == ["first", "second\fstill second\u2028too", "third", ""]


def test_a_lone_carriage_return_may_stay_inside_its_line():
    text = "a\tcell with\ra return\r\nnext\n"
    assert split_lines(text, lone_cr_ends_line=False) == ["a\tcell with\ra return", "next", ""]


def test_both_importers_use_the_one_toolkit():
    assert roadmap_text.ParseWarning is ParseWarning is outcome_text.ParseWarning
    assert roadmap_text.split_lines is split_lines is outcome_text.split_lines
    assert str(ParseWarning(4, "no heading")) == "line 4: no heading"


# --- decoding an uploaded file -------------------------------------------------------------------


def test_latin1_file_is_refused_with_its_line_and_the_advice_to_save_as_utf8():
    raw = "Event Name:\n\nSommet régional\n".encode("latin-1")
    with pytest.raises(TextEncodingError) as caught:
        decode_text_file(raw)
    assert caught.value.line_number == 3
    assert caught.value.message == (
        "Line 3: the file is not UTF-8 text; it looks like Latin-1 or Windows-1252 (“Sommet "
        "régional”). Save it as UTF-8 (in a word processor: Save as, Plain text, Unicode UTF-8) "
        "and import it again."
    )
    assert "byte" not in caught.value.message


def test_windows1252_quotes_are_refused_too():
    raw = "line one\nline two\nthe event\u2019s mandate\n".encode("cp1252")
    with pytest.raises(TextEncodingError) as caught:
        decode_text_file(raw)
    assert caught.value.line_number == 3


def test_binary_file_is_refused_without_guessing():
    with pytest.raises(TextEncodingError) as caught:
        decode_text_file(b"\x7fELF\x02\x01\x01\x00\x00\xff\xfe")
    assert caught.value.message == (
        "Line 1: the file is not UTF-8 text. Save it as UTF-8 and import it again."
    )


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-32"])
def test_a_byte_order_mark_names_the_encoding_for_certain(encoding):
    assert decode_text_file("Événement\nSession 2\n".encode(encoding)) == "Événement\nSession 2\n"


def test_utf8_without_mark_is_read_as_is():
    assert decode_text_file("Événement".encode()) == "Événement"
