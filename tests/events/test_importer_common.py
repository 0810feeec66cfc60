import pytest

from events.importers.common import extract_sdg_numbers
from wsis.text_import import ParseWarning, bullet_text, split_lines, word_count

ALL = tuple(range(1, 18))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("SDG 8,9", (8, 9)),
        ("SDGs 4, 5 and 9", (4, 5, 9)),
        ("SDG 1-3", (1, 2, 3)),
        ("Goal 4", (4,)),
        ("SDG9", (9,)),
        ("SDG 9, SDG 13, SDG 11,", (9, 11, 13)),
        ("SDG 6, 11, 13", (6, 11, 13)),
        ("SDG1 (no poverty), SDG2 (zero hunger), SDG13 (climate action)", (1, 2, 13)),
        ("Goals 16 to 17", (16, 17)),
        ("SDG 9.c and 4.4", (4, 9)),
        ("Sustainable Development Goals 3 and 5", (3, 5)),
        ("SDG 9, 9 and 9", (9,)),
        ("SDG 15-20", (15, 16, 17)),
        ("SDG 3-1", (1, 2, 3)),
        ("All SDGs", ALL),
        ("all 17", ALL),
        ("All 17 SDGs", ALL),
        ("17 SDGs", ALL),
        ("All", ALL),
        ("Impacts all SDGs, most directly SDG 9", ALL),
        ("SDG 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17", ALL),
    ],
)
def test_extract_sdg_numbers(text: str, expected: tuple[int, ...]) -> None:
    assert extract_sdg_numbers(text) == expected


@pytest.mark.parametrize(
    "text",
    ["", "SDG 18", "SDG 0", "SDG 2030", "the 2030 Agenda, 4 goals", "Allocation of spectrum"],
)
def test_extract_sdg_numbers_ignores_numbers_that_are_not_goals(text: str) -> None:
    assert extract_sdg_numbers(text) == ()


def test_numbers_after_the_goal_list_are_not_goals() -> None:
    assert extract_sdg_numbers("SDG 9 and the 2030 Agenda, 12 partners") == (9,)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("- item", "item"),
        ("•\u00a0\u00a0 item", "item"),
        ("  * item  two", "item two"),
        ("1. item", "item"),
        ("12) item", "item"),
        ("-", ""),
        ("-item", None),
        # Numbering has at most two digits, so a year that opens a sentence is not a bullet.
        ("2023. A year", None),
        ("Plain text", None),
        ("", None),
    ],
)
def test_bullet_text(line: str, expected: str | None) -> None:
    assert bullet_text(line) == expected


def test_split_lines_counts_only_newlines() -> None:
    assert split_lines("\ufeffa\r\nb\rc\x0cd\n") == ["a", "b", "c\x0cd", ""]


def test_word_count() -> None:
    assert word_count("A people-centred, inclusive society — isn't it?") == 6


def test_parse_warning_str() -> None:
    assert str(ParseWarning(3, "odd")) == "line 3: odd"
