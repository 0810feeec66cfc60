"""Tests for the pure-Python parser of the WSIS Action Line Roadmap text export."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from roadmaps.importers.roadmap_text import (
    EXPECTED_COLUMNS,
    ParsedActionLine,
    ParsedClause,
    ParsedSourceGroup,
    ParseWarning,
    RoadmapDocument,
    RoadmapFormatError,
    extract_sdg_numbers,
    parse_roadmap_document,
)
from tests.seeds import SEEDS

SAMPLES = Path(__file__).resolve().parent / "samples"
# tests/roadmaps/ -> parents[2] is the repository, parents[3] the folder that holds ../shared/.
SEED_FILE = SEEDS / "003_b2b236b508fc1d93.txt"

GENEVA = "Geneva Plan of Action and Tunis Agenda for the Information Society"
PLUS10 = "WSIS+10 Outcome Documents (Sample Statement and Sample Vision)"
HEADING_C2 = "2. Roadmap for WSIS Action Line C2: Information and Communication Infrastructure"
HEADER_C2 = "\t".join(["WSIS Outcomes (WSIS AL C2)", *EXPECTED_COLUMNS[1:]])


def read_sample(name: str) -> str:
    return (SAMPLES / name).read_text(encoding="utf-8")


def sample_lines(name: str) -> list[str]:
    return read_sample(name).split("\n")


def row(*cells: str) -> str:
    return "\t".join([*cells, *[""] * (7 - len(cells))])


def labels_by_group(document: RoadmapDocument) -> dict[str, list[list[str]]]:
    return {
        action_line.code: [
            [clause.label for clause in group.clauses] for group in action_line.groups
        ]
        for action_line in document.action_lines
    }


def clause(label: str, line_number: int, outcome_text: str, **columns: str) -> ParsedClause:
    texts = {
        "proposed_timing": "",
        "strategic_goals": "",
        "sdg_linkages_text": "",
        "current_situation": "",
        "results_and_targets": "",
        "covid_response": "",
        **columns,
    }
    return ParsedClause(
        label=label,
        outcome_text=outcome_text,
        sdg_numbers=extract_sdg_numbers(texts["sdg_linkages_text"]),
        line_number=line_number,
        **texts,
    )


# --- valid samples ---------------------------------------------------------------------------


def test_minimal_sample_parses_to_the_exact_document() -> None:
    document = parse_roadmap_document(read_sample("minimal.txt"))

    assert document == RoadmapDocument(
        as_of=date(2025, 3, 3),
        action_lines=[
            ParsedActionLine(
                code="C2",
                title="Information and Communication Infrastructure",
                notes=[],
                groups=[
                    ParsedSourceGroup(
                        title=GENEVA,
                        clauses=[
                            clause(
                                "A",
                                19,
                                "Link every sample village to a shared backbone",
                                proposed_timing="2021-2024",
                                strategic_goals="Sample Resolution 1",
                                sdg_linkages_text="SDG 9",
                                current_situation="<p>Few sample villages are linked.</p>",
                                results_and_targets=(
                                    "Expected Results <ul><li>Ten links built</li></ul>"
                                ),
                            ),
                            clause(
                                "B",
                                20,
                                "Open sample reading rooms with public access points",
                                proposed_timing="2022-2026",
                                strategic_goals="Sample Resolution 2",
                                sdg_linkages_text="<i>SDGs 4, 5 and 9</i>",
                                current_situation="Sample rooms exist in two towns.",
                                results_and_targets="<p>Twenty rooms opened.</p>",
                                covid_response="<p>Sample remote lending during closures.</p>",
                            ),
                        ],
                        line_number=18,
                    ),
                    ParsedSourceGroup(
                        title=PLUS10,
                        clauses=[
                            clause(
                                "a",
                                22,
                                "Publish a sample map of spare spectrum",
                                proposed_timing="2025",
                                sdg_linkages_text="SDG 1-3",
                            )
                        ],
                        line_number=21,
                    ),
                ],
                line_number=15,
            )
        ],
        warnings=[],
    )
    assert document.action_lines[0].groups[0].clauses[1].sdg_numbers == (4, 5, 9)
    assert document.action_lines[0].groups[1].clauses[0].sdg_numbers == (1, 2, 3)


def test_windows_line_endings_and_byte_order_mark_give_the_same_document() -> None:
    text = read_sample("minimal.txt")

    assert parse_roadmap_document("\ufeff" + text.replace("\n", "\r\n")) == (
        parse_roadmap_document(text)
    )


def test_clause_continues_across_repeated_header_rows_cell_by_cell() -> None:
    document = parse_roadmap_document(read_sample("page_breaks.txt"))

    assert document.as_of == date(2025, 6, 2)
    assert labels_by_group(document) == {"C4": [["A", "B"]]}
    first, second = document.action_lines[0].groups[0].clauses
    assert first == clause(
        "A",
        7,
        "Run a sample training scheme for\nvillage teachers in three sample regions",
        proposed_timing="2023-2025",
        strategic_goals="Sample Goal 1",
        sdg_linkages_text="SDG 4\nSDG 5",
        current_situation=(
            "<p>First half of the sample situation</p>\n<p>second half of the sample situation</p>"
        ),
        results_and_targets="Expected Results <ul><li>first</li></ul>\n<ul><li>second</li></ul>",
        covid_response="Sample online classes",
    )
    assert first.sdg_numbers == (4, 5)
    # B's other columns were merged with A's in the original: they stay empty.
    assert second == clause(
        "B", 14, "Pair sample mentors with new trainers", proposed_timing="2024"
    )
    assert document.warnings == []


def test_sub_items_and_misread_labels_do_not_start_clauses() -> None:
    document = parse_roadmap_document(read_sample("sub_items.txt"))

    assert labels_by_group(document) == {
        "C2": [["A", "B", "C", "D", "E", "F", "G", "H", "I", "J"], ["a", "b"]],
        "C5": [["A1", "A2", "B1", "C"]],
    }
    c2, c5 = document.action_lines
    clause_d = c2.groups[0].clauses[3]
    assert clause_d.outcome_text == (
        "Work with sample partners in order to:\n"
        "<p>D1: widen sample access</p> <p>D2: share sample tools</p>\n"
        "<p>D3: reach sample islands</p> <p>D4: test sample systems</p>"
    )
    assert clause_d.current_situation == "Sample situation D.\nMore sample situation D."
    assert clause_d.line_number == 10
    assert c2.groups[1].clauses[0].outcome_text == (
        "<p>Sample clause a with points:</p>\n"
        "<p>i. first sample point</p> <p>ii. second sample point</p>"
    )
    assert c2.notes == []
    assert c5.notes == ["Note: SPA \u2013 Sample Protection Agenda"]
    assert [c.sdg_numbers for c in c5.groups[0].clauses] == [(1, 9, 16), (7,), (), ()]
    assert document.warnings == [
        ParseWarning(
            19,
            "label 'l' stored as 'I' (expected 'I' after 'H'); the printed 'l' is kept beside it",
        ),
        ParseWarning(
            25,
            "'i' (expected 'b' after 'a') taken as a roman-numeral sub-item continuing clause 'a'",
        ),
    ]


def test_table_of_contents_is_not_taken_for_sections() -> None:
    document = parse_roadmap_document(read_sample("minimal.txt"))

    assert [(line.code, line.line_number) for line in document.action_lines] == [("C2", 15)]


def test_table_of_contents_without_page_numbers_is_superseded_by_the_real_section() -> None:
    lines = sample_lines("minimal.txt")
    lines[7] = "1. Introduction"
    lines[8] = HEADING_C2

    document = parse_roadmap_document("\n".join(lines))

    assert [(line.code, line.line_number) for line in document.action_lines] == [("C2", 15)]
    assert document.warnings == []


def test_heading_emphasis_and_dot_leaders_are_not_part_of_the_title() -> None:
    heading = "*5. Roadmap for WSIS Action Line C6 \u2013 Sample Enabling Title.....*"
    text = "\n".join([heading, HEADER_C2.replace("C2", "C6"), row(GENEVA), row("a. x")])

    (action_line,) = parse_roadmap_document(text).action_lines

    assert (action_line.code, action_line.title) == ("C6", "Sample Enabling Title")


def test_label_prefix_is_removed_but_its_leading_tags_are_kept() -> None:
    text = "\n".join([HEADING_C2, HEADER_C2, row(GENEVA), row("<p><b>A:</b> Sample clause</p>")])

    clauses = parse_roadmap_document(text).action_lines[0].groups[0].clauses

    assert [(c.label, c.outcome_text) for c in clauses] == [("A", "<p><b></b> Sample clause</p>")]


# --- clause label sequences ------------------------------------------------------------------


def document_with_first_cells(*first_cells: str) -> str:
    """Heading on line 1, header on 2, group title on 3, the given rows from line 4 on."""
    return "\n".join(
        [HEADING_C2, HEADER_C2, row(GENEVA), *(row(cell, "2025") for cell in first_cells)]
    )


@pytest.mark.parametrize(
    ("first_cells", "expected_labels", "expected_warnings"),
    [
        (("A: x", "B: x", "C: x"), ["A", "B", "C"], []),
        (("a. x", "b. x", "c. x"), ["a", "b", "c"], []),
        (
            ("A1: x", "A2: x", "B1: x", "B2: x", "C: x", "D1: x"),
            ["A1", "A2", "B1", "B2", "C", "D1"],
            [],
        ),
        (("A: x", "A1: x", "<p>A2: x</p>", "B: x"), ["A", "B"], []),
        (("A: x", "e.g. x", "1. x", "Note: x", "B: x"), ["A", "B"], []),
        (
            ("C: x", "D: x"),
            ["C", "D"],
            [ParseWarning(4, "the source group starts at label 'C', expected 'A' or 'a'")],
        ),
        (
            ("A: x", "B: x", "D: x"),
            ["A", "B", "D"],
            [
                ParseWarning(
                    6, "label 'D' skips ahead (expected 'C' after 'B'); taken as a new clause"
                )
            ],
        ),
        (
            ("a. x", "b. x", "a. x"),
            ["a", "b"],
            [
                ParseWarning(
                    6,
                    "label 'a' does not follow 'b' (expected 'c'); "
                    "taken as text continuing clause 'b'",
                )
            ],
        ),
        (
            ("a. x", "B. x"),
            ["a", "b"],
            [
                ParseWarning(
                    5,
                    "label 'B' stored as 'b' (expected 'b' after 'a'); "
                    "the printed 'B' is kept beside it",
                )
            ],
        ),
        (
            ("a. x", "b. x", "v. x"),
            ["a", "b"],
            [
                ParseWarning(
                    6,
                    "'v' (expected 'c' after 'b') taken as a roman-numeral sub-item "
                    "continuing clause 'b'",
                )
            ],
        ),
        (
            (*(f"{letter}. x" for letter in "abcdefgh"), "l. x", "j. x"),
            [*"abcdefgh", "i", "j"],
            [
                ParseWarning(
                    12,
                    "label 'l' stored as 'i' (expected 'i' after 'h'); "
                    "the printed 'l' is kept beside it",
                )
            ],
        ),
        (
            (*(f"{letter}. x" for letter in "abcdefghijk"), "<p>I. x</p>", "m. x"),
            [*"abcdefghijk", "l", "m"],
            [
                ParseWarning(
                    15,
                    "label 'I' stored as 'l' (expected 'l' after 'k'); "
                    "the printed 'I' is kept beside it",
                )
            ],
        ),
        (
            (*(f"{letter}. x" for letter in "abcdefgh"), "1. x"),
            [*"abcdefgh", "i"],
            [
                ParseWarning(
                    12,
                    "label '1' stored as 'i' (expected 'i' after 'h'); "
                    "the printed '1' is kept beside it",
                )
            ],
        ),
    ],
)
def test_clause_label_sequences(
    first_cells: tuple[str, ...],
    expected_labels: list[str],
    expected_warnings: list[ParseWarning],
) -> None:
    document = parse_roadmap_document(document_with_first_cells(*first_cells))

    assert labels_by_group(document) == {"C2": [expected_labels]}
    assert document.warnings == expected_warnings


# --- SDG numbers -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("SDG 8,9", (8, 9)),
        ("SDGs 4, 5 and 9", (4, 5, 9)),
        ("SDG 1-3", (1, 2, 3)),
        ("SDG 1\u20133", (1, 2, 3)),
        ("SDG 3 to 5", (3, 4, 5)),
        ("SDG 15-20", (15, 16, 17)),
        ("<i>SDG 9,11</i>", (9, 11)),
        ("<p><i>SDG 8,9</i></p>", (8, 9)),
        ("SDG8 and SDG 17 (Partnerships for the Goals)", (8, 17)),
        ("SDG 1 (No poverty), SDG 4 (Quality education) and SDG 10", (1, 4, 10)),
        ("SDG 9, sdg 9 and SDG 9", (9,)),
        ("SDGs 10; 12 / 13", (10, 12, 13)),
        ("Agenda 2030 and SDG 4 &amp; 5", (4, 5)),
        ("SDG 9.1, 9.c", (9,)),
        ("SDG targets 4.1 and 16.2", (4, 16)),
        ("1.4, 4.1, 5.b, 9.c, 17.8.", (1, 4, 5, 9, 17)),
        ("<p>7.1, 7.a</p>", (7,)),
        ("Industry 4.0 and version 2.1 help", ()),
        ("SDG 0, SDG 18 and SDG 99", ()),
        ("SDG " + "9" * 5000, ()),
        ("No linkage identified yet", ()),
        ("", ()),
    ],
)
def test_extract_sdg_numbers(text: str, expected: tuple[int, ...]) -> None:
    assert extract_sdg_numbers(text) == expected


# --- document-level warnings -----------------------------------------------------------------


def test_invalid_draft_date_is_a_warning() -> None:
    lines = sample_lines("minimal.txt")
    lines[3] = "(Draft as of 31 February 2025)*"

    document = parse_roadmap_document("\n".join(lines))

    assert document.as_of is None
    assert document.warnings == [
        ParseWarning(
            4, "'as of 31 February 2025' is not a valid date; the document date is left unset"
        )
    ]


def test_month_first_draft_date() -> None:
    lines = sample_lines("minimal.txt")
    lines[3] = "(Draft as of October 11, 2024)*"

    assert parse_roadmap_document("\n".join(lines)).as_of == date(2024, 10, 11)


def test_header_of_another_action_line_and_missing_header_are_warnings() -> None:
    text = "\n".join(
        [
            HEADING_C2,
            row(GENEVA),
            row("A: x"),
            HEADER_C2.replace("AL C2", "AL C4"),
            row("B: x"),
            "3. Roadmap for WSIS Action Line C4: Capacity Building",
            HEADING_C2,
            HEADER_C2,
            row(GENEVA),
            row("A: y"),
        ]
    )

    document = parse_roadmap_document(text)

    assert [
        (line.code, [[c.label for c in group.clauses] for group in line.groups])
        for line in document.action_lines
    ] == [("C2", [["A", "B"]]), ("C4", []), ("C2", [["A"]])]
    assert document.warnings == [
        ParseWarning(2, "table of C2 starts without its column header row"),
        ParseWarning(4, "the header row names Action Line C4 inside the section of C2"),
        ParseWarning(6, "Action Line C4 has no clauses"),
        ParseWarning(7, "Action Line C2 appears again (first at line 1); both sections are kept"),
    ]


# --- malformed input -------------------------------------------------------------------------


def parse_error(text: str) -> RoadmapFormatError:
    with pytest.raises(RoadmapFormatError) as excinfo:
        parse_roadmap_document(text)
    return excinfo.value


def test_format_error_is_a_value_error_naming_the_line() -> None:
    error = RoadmapFormatError(12, "expected something else")

    assert isinstance(error, ValueError)
    assert (error.line_number, error.message, str(error)) == (
        12,
        "expected something else",
        "line 12: expected something else",
    )


def test_truncated_row_names_its_line_and_cell_count() -> None:
    lines = sample_lines("minimal.txt")
    lines[19] = "\t".join(lines[19].split("\t")[:3])

    error = parse_error("\n".join(lines))

    assert error.line_number == 20
    assert error.message.startswith("found 3 cells, expected 7 (one per column: ")


def test_unknown_header_column() -> None:
    lines = sample_lines("minimal.txt")
    lines[16] = lines[16].replace("COVID-19 Response", "Budget")

    error = parse_error("\n".join(lines))

    assert error.line_number == 17
    assert error.message == "unknown header row: column 7 is 'Budget', expected 'COVID-19 Response'"


def test_header_with_a_missing_column() -> None:
    lines = sample_lines("minimal.txt")
    lines[16] = lines[16].rsplit("\t", 1)[0]

    error = parse_error("\n".join(lines))

    assert error.line_number == 17
    assert error.message.startswith("unknown header row: found 6 columns, expected the 7 columns ")


def test_continuation_before_any_clause() -> None:
    lines = sample_lines("minimal.txt")
    lines.insert(18, row("", "2030"))

    error = parse_error("\n".join(lines))

    assert error.line_number == 19
    assert error.message.startswith("continuation row before any clause; expected a row whose ")


def test_clause_before_any_source_group_title() -> None:
    lines = sample_lines("minimal.txt")
    del lines[17]

    error = parse_error("\n".join(lines))

    assert error.line_number == 18
    assert error.message.startswith("clause 'A' comes before any source-group title; ")


def test_source_group_title_with_text_in_other_columns() -> None:
    lines = sample_lines("minimal.txt")
    lines[17] = row(GENEVA, "2020")

    error = parse_error("\n".join(lines))

    assert error.line_number == 18
    assert error.message.startswith("source-group title row ")
    assert "has text in column 2 ('Proposed Timing')" in error.message


def test_table_row_before_any_section_heading() -> None:
    lines = sample_lines("minimal.txt")
    lines.insert(12, row("A: x", "2020"))

    error = parse_error("\n".join(lines))

    assert error.line_number == 13
    assert error.message.startswith("table row before any Action Line section heading; ")


def test_no_action_line_section() -> None:
    text = "\n".join(sample_lines("minimal.txt")[:13])

    error = parse_error(text)

    assert error.line_number == 13
    assert error.message.startswith("reached the end of the text without any Action Line section")


@pytest.mark.parametrize("text", ["", "   ", "\n\n\t\n"])
def test_empty_input(text: str) -> None:
    error = parse_error(text)

    assert error.line_number == 1
    assert error.message == "empty input; expected a WSIS Action Line Roadmap document"


# --- properties ------------------------------------------------------------------------------

TOKENS = [
    "\n",
    "\t",
    " ",
    "A: ",
    "a. ",
    "D1: ",
    "l. ",
    "I. ",
    "i. ",
    "1. ",
    "<p>",
    "</p>",
    "x",
    "SDG 1-3",
    "9.c, ",
    GENEVA,
    PLUS10,
    HEADING_C2,
    HEADER_C2,
    "\t" * 6,
    "(Draft as of 31 February 2025)",
    "Note: x",
]
SAMPLE_NAMES = ["minimal.txt", "page_breaks.txt", "sub_items.txt"]
PROPERTY_SETTINGS = settings(max_examples=300, deadline=None, database=None)


def parse_outcome(text: str) -> RoadmapDocument | RoadmapFormatError:
    try:
        return parse_roadmap_document(text)
    except RoadmapFormatError as error:
        return error


def assert_document_or_format_error(text: str) -> None:
    outcome = parse_outcome(text)

    if isinstance(outcome, RoadmapFormatError):
        assert 1 <= outcome.line_number <= text.count("\n") + 1
    else:
        assert isinstance(outcome, RoadmapDocument)


@PROPERTY_SETTINGS
@given(st.text())
def test_random_text_parses_or_raises_format_error(text: str) -> None:
    assert_document_or_format_error(text)


@PROPERTY_SETTINGS
@given(st.lists(st.sampled_from(TOKENS), max_size=80).map("".join))
def test_random_roadmap_like_text_parses_or_raises_format_error(text: str) -> None:
    assert_document_or_format_error(text)


@PROPERTY_SETTINGS
@given(st.sampled_from(SAMPLE_NAMES).flatmap(lambda name: st.permutations(sample_lines(name))))
def test_shuffled_sample_lines_parse_or_raise_format_error(lines: list[str]) -> None:
    assert_document_or_format_error("\n".join(lines))


@PROPERTY_SETTINGS
@given(st.sampled_from(SAMPLE_NAMES), st.data())
def test_truncated_sample_parses_or_raises_format_error(name: str, data: st.DataObject) -> None:
    text = read_sample(name)
    end = data.draw(st.integers(min_value=0, max_value=len(text)))

    assert_document_or_format_error(text[:end])


@PROPERTY_SETTINGS
@given(st.sampled_from(SAMPLE_NAMES), st.data())
def test_sample_with_a_deleted_character_parses_or_raises_format_error(
    name: str, data: st.DataObject
) -> None:
    text = read_sample(name)
    index = data.draw(st.integers(min_value=0, max_value=len(text) - 1))

    assert_document_or_format_error(text[:index] + text[index + 1 :])


# --- the real seed document ------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_document() -> RoadmapDocument:
    if not SEED_FILE.is_file():
        pytest.skip(f"../shared/seeds/ is absent (fresh clone): {SEED_FILE} not found")
    return parse_roadmap_document(SEED_FILE.read_text(encoding="utf-8"))


def test_seed_action_lines_and_date(seed_document: RoadmapDocument) -> None:
    assert seed_document.as_of == date(2024, 10, 11)
    assert [(line.code, line.title, line.line_number) for line in seed_document.action_lines] == [
        ("C2", "Information and Communication Infrastructure", 27),
        ("C4", "Capacity Building", 206),
        ("C5", "Building Confidence and Security in Use of ICTs", 252),
        ("C6", "Enabling Environment", 379),
    ]
    assert [line.notes for line in seed_document.action_lines] == [
        [],
        [],
        ["Note: GCA \u2013 Global Cybersecurity Agenda"],
        [],
    ]


def test_seed_source_groups(seed_document: RoadmapDocument) -> None:
    assert {
        line.code: [(group.title.split(" (")[0], group.line_number) for group in line.groups]
        for line in seed_document.action_lines
    } == {
        "C2": [(GENEVA, 32), ("WSIS+10 Outcome Documents", 156)],
        "C4": [(GENEVA, 211), ("WSIS+10 Outcome Documents", 241)],
        "C5": [(GENEVA, 259), ("WSIS+10 Outcome Documents", 342)],
        "C6": [(GENEVA, 384), ("WSIS+10 Outcome Documents", 513)],
    }


def test_seed_clause_labels_per_action_line_and_group(seed_document: RoadmapDocument) -> None:
    assert labels_by_group(seed_document) == {
        "C2": [list("ABCDEFGHIJKL"), list("abcd")],
        "C4": [list("ABCDEF"), ["a"]],
        "C5": [
            ["A1", "A2", "B1", "B2", "B3", "B4", "B5", "C", "D", "E", "F", "G", "H", "I", "J"],
            list("abcdef"),
        ],
        "C6": [list("abcdefghijklmnopqr"), list("abcdef")],
    }


def test_seed_clause_start_lines(seed_document: RoadmapDocument) -> None:
    assert {
        line.code: [[clause.line_number for clause in group.clauses] for group in line.groups]
        for line in seed_document.action_lines
    } == {
        "C2": [
            [33, 40, 50, 57, 67, 77, 87, 91, 98, 114, 124, 140],
            [157, 170, 180, 195],
        ],
        "C4": [[212, 215, 219, 223, 230, 240], [244]],
        "C5": [
            [260, 264, 271, 275, 282, 288, 292, 299, 303, 310, 314, 321, 327, 331, 338],
            [343, 350, 356, 360, 367, 371],
        ],
        "C6": [
            [
                385,
                434,
                441,
                448,
                452,
                459,
                466,
                470,
                471,
                472,
                476,
                479,
                486,
                493,
                494,
                501,
                505,
                509,
            ],
            [514, 515, 518, 521, 522, 523],
        ],
    }


def test_seed_warnings(seed_document: RoadmapDocument) -> None:
    assert seed_document.warnings == [
        ParseWarning(
            479,
            "label 'I' stored as 'l' (expected 'l' after 'k'); the printed 'I' is kept beside it",
        )
    ]


def test_seed_sub_items_and_continuations_stay_in_their_clause(
    seed_document: RoadmapDocument,
) -> None:
    c2_clauses = seed_document.action_lines[0].groups[0].clauses
    clause_d = c2_clauses[3]

    assert [f"D{n}:" in clause_d.outcome_text for n in range(1, 5)] == [True] * 4
    assert clause_d.outcome_text.count("\n") == 3
    # A's expected results run over three pages: three fragments, joined with newlines.
    assert c2_clauses[0].results_and_targets.count("\n") == 2


def test_seed_sdg_numbers(seed_document: RoadmapDocument) -> None:
    c2, c4, c5, _c6 = seed_document.action_lines

    assert [c.sdg_numbers for c in c2.groups[0].clauses][:4] == [(8, 9), (9,), (9,), (8, 9)]
    assert [c.sdg_numbers for c in c4.groups[0].clauses] == [
        (1, 4, 9, 10),
        (8,),
        (17,),
        (5, 10),
        (17,),
        (9,),
    ]
    assert c5.groups[0].clauses[0].sdg_numbers == (1, 4, 5, 7, 9, 11, 16, 17)
