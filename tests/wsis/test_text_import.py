"""The core's text-import toolkit, shared by the roadmap and events importers."""

from events.importers import outcome_text
from roadmaps.importers import roadmap_text
from wsis.text_import import ParseWarning, split_lines


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
