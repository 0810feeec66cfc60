import datetime as dt
from pathlib import Path

import pytest

from events.importers.outcome_text import (
    OutcomeFormatError,
    ParsedOutcome,
    parse_outcome_document,
    split_organisers,
)
from tests.seeds import SEEDS
from wsis.text_import import ParseWarning

SAMPLES = Path(__file__).resolve().parent / "samples"
SEED_OUTCOME = SEEDS / "000_8f006c969c4d9c86.txt"


def sample(name: str) -> str:
    return (SAMPLES / name).read_text(encoding="utf-8")


def with_line(text: str, line_number: int, replacement: str) -> str:
    """The text with one line (1-based) replaced, so that line numbers stay put."""
    lines = text.split("\n")
    lines[line_number - 1] = replacement
    return "\n".join(lines)


def parse_error(text: str) -> OutcomeFormatError:
    with pytest.raises(OutcomeFormatError) as caught:
        parse_outcome_document(text)
    return caught.value


def test_valid_sample() -> None:
    parsed = parse_outcome_document(sample("outcome_valid.txt"))

    assert parsed.session_title == "Open Space Talk: Community networks for mountain villages"
    assert parsed.organisers == ("Ruritania", "Freedonia", "the Alpine Connectivity Trust")
    assert parsed.organisers_text == "Ruritania, Freedonia and the Alpine Connectivity Trust"
    assert parsed.date_text == "3 June, 09:00 – 10:15 (UTC+02:00)"
    assert parsed.utc_offset == "+02:00"
    assert parsed.start_time == dt.time(9, 0)
    assert parsed.end_time == dt.time(10, 15)
    assert parsed.session_number == 123
    assert parsed.session_link_text == (
        "Session 123— Open Space Talk: Community networks for mountain villages"
        " | WSIS Forum (example.org)"
    )
    assert parsed.key_issues == (
        "Community networks reach villages that commercial operators consider unprofitable.",
        "Spectrum licensing fees remain a barrier for small community operators.",
        "Local technicians need training to keep the networks running.",
        "Solar power makes remote relay sites sustainable.",
        "Women's participation in network governance improves adoption.",
    )
    assert len(parsed.views_wsis20) == 5
    assert (
        parsed.views_wsis20[2] == "Action Line C2 remains central to closing the mountain divide."
    )
    assert parsed.tangible_outcomes == (
        "Launch of an open toolkit for village network operators.",
        "Two ministries announced simplified licences for community networks.",
        "40 villages connected during the pilot phase.",
    )
    assert parsed.action_plan == (
        "Regulators should publish a light-touch licence for community networks.",
        "Development partners should co-finance training of local technicians.",
    )
    assert parsed.thematic_suggestions == (
        "The next forum could dedicate a track to community-led connectivity, with a workshop"
        " that brings regulators and village operators together to compare licensing models."
    )
    assert parsed.warnings == ()


def test_result_is_frozen() -> None:
    parsed = parse_outcome_document(sample("outcome_valid.txt"))
    with pytest.raises(AttributeError):
        parsed.session_number = 1  # type: ignore[misc]


def test_two_line_thematic_heading_and_loose_spacing() -> None:
    parsed = parse_outcome_document(sample("outcome_two_line_heading.txt"))

    assert parsed.session_title == "Country Workshop: Digital skills for older persons"
    assert parsed.organisers == ("Kingdom of Examplia", "Sample University")
    assert parsed.utc_offset == "-05:00"
    assert parsed.start_time == dt.time(14, 30)
    assert parsed.end_time == dt.time(15, 30)
    assert parsed.session_number == 77
    assert len(parsed.key_issues) == 6
    assert len(parsed.views_wsis20) == 5
    assert len(parsed.tangible_outcomes) == 4
    assert len(parsed.action_plan) == 3
    # The bracketed second heading line is not content; the two text lines are one paragraph.
    assert parsed.thematic_suggestions == (
        "Future forums could look at how artificial intelligence assistants can support older"
        " persons without replacing human contact, and at the safeguards that such services need."
    )
    assert parsed.warnings == ()


def test_bullet_counts_outside_the_template_limits_are_warnings() -> None:
    text = sample("outcome_valid.txt")
    text = with_line(text, 16, "")
    text = with_line(text, 17, "")
    text = with_line(text, 36, "2. One.\n3. Two.\n4. Three.\n5. Four.\n6. Five.")

    parsed = parse_outcome_document(text)

    assert len(parsed.key_issues) == 3
    assert len(parsed.action_plan) == 6
    assert parsed.warnings == (
        ParseWarning(
            11, "the section 'Key Issues discussed' has 3 bullet points; the template asks for 5-8"
        ),
        ParseWarning(
            33,
            "the section 'Actionable plan and key recommendations' has 6 bullet points; "
            "the template asks for 2-5",
        ),
    )


def test_indented_line_continues_the_bullet_above() -> None:
    text = with_line(
        sample("outcome_valid.txt"), 31, "- 40 villages connected\n  during the pilot phase."
    )
    parsed = parse_outcome_document(text)
    assert parsed.tangible_outcomes[2] == "40 villages connected during the pilot phase."


def test_several_thematic_paragraphs_are_kept_with_a_warning() -> None:
    text = sample("outcome_valid.txt").rstrip("\n") + "\n\nA second paragraph.\n"
    parsed = parse_outcome_document(text)
    assert parsed.thematic_suggestions.endswith("licensing models.\n\nA second paragraph.")
    assert parsed.warnings == (
        ParseWarning(
            38,
            "the section 'Suggestions for thematic aspects' has 2 paragraphs; "
            "the template asks for one",
        ),
    )


def test_sentence_starting_like_a_heading_inside_the_paragraph_is_content() -> None:
    text = sample("outcome_valid.txt").rstrip("\n") + "\nAction plans should follow.\n"
    parsed = parse_outcome_document(text)
    assert parsed.thematic_suggestions.endswith("licensing models. Action plans should follow.")


def test_missing_header_lines_are_warnings() -> None:
    text = sample("outcome_valid.txt")
    for line_number in (5, 7, 9):
        text = with_line(text, line_number, "")
    parsed = parse_outcome_document(text)
    assert parsed.organisers == ()
    assert parsed.date_text == ""
    assert parsed.utc_offset is None
    assert parsed.start_time is None
    assert parsed.session_number is None
    assert [w.message for w in parsed.warnings] == [
        "no 'Organizers:' line in the header",
        "no date and time line in the header",
    ]


@pytest.mark.parametrize(
    ("organisers", "expected"),
    [
        ("Lithuania and Singapore", ("Lithuania", "Singapore")),
        ("ITU, UNESCO, and UNDP", ("ITU", "UNESCO", "UNDP")),
        ("ITU; Bosnia and Herzegovina", ("ITU", "Bosnia and Herzegovina")),
        (
            "Trinidad and Tobago and the Ministry of Science and Technology",
            ("Trinidad and Tobago", "the Ministry of Science and Technology"),
        ),
        ("", ()),
    ],
)
def test_split_organisers(organisers: str, expected: tuple[str, ...]) -> None:
    assert split_organisers(organisers) == expected


@pytest.mark.parametrize(
    ("date_text", "offset", "start", "end"),
    [
        ("28 May, 15:45 – 16:45 (UTC+02:00)", "+02:00", dt.time(15, 45), dt.time(16, 45)),
        ("28-29 May, 9.00-10.30 (UTC+2)", "+02:00", dt.time(9, 0), dt.time(10, 30)),
        ("1 June, 3 - 4 pm (GMT)", "+00:00", dt.time(15, 0), dt.time(16, 0)),
        ("1 June, 11:00 am to 12:30 pm (UTC-03:30)", "-03:30", dt.time(11, 0), dt.time(12, 30)),
        ("1 June, 25:00 - 26:00", None, None, None),
        ("1 June", None, None, None),
    ],
)
def test_date_line(
    date_text: str, offset: str | None, start: dt.time | None, end: dt.time | None
) -> None:
    text = with_line(sample("outcome_valid.txt"), 7, date_text)
    parsed = parse_outcome_document(text)
    assert (parsed.date_text, parsed.utc_offset, parsed.start_time, parsed.end_time) == (
        date_text,
        offset,
        start,
        end,
    )


# Malformed documents: each error names the line and what was expected there.


@pytest.mark.parametrize("text", ["", "\n\n  \n", "\u00a0"])
def test_empty_input(text: str) -> None:
    error = parse_error(text)
    assert error.line_number == 1
    assert "empty" in str(error)


def test_missing_title_line() -> None:
    error = parse_error(with_line(sample("outcome_valid.txt"), 1, "Meeting notes"))
    assert error.line_number == 1
    assert str(error) == (
        "line 1: expected the title line 'Session Outcome Document' before the first section"
    )


def test_missing_section_heading_names_the_section() -> None:
    error = parse_error(with_line(sample("outcome_valid.txt"), 27, ""))
    assert error.line_number == 33
    assert str(error) == (
        "line 33: missing the section heading 'Tangible outcomes'; expected it before this line"
    )


def test_missing_last_section_heading() -> None:
    error = parse_error(with_line(sample("outcome_valid.txt"), 38, ""))
    assert error.line_number == 40
    assert str(error) == (
        "line 40: reached the end of the document without the section heading "
        "'Suggestions for thematic aspects'"
    )


def test_truncated_document_names_every_missing_section() -> None:
    lines = sample("outcome_valid.txt").split("\n")
    error = parse_error("\n".join(lines[:26]))
    assert str(error) == (
        "line 25: missing 3 section headings: 'Tangible outcomes' (expected after line 25); "
        "'Actionable plan and key recommendations' (expected after line 25); "
        "'Suggestions for thematic aspects' (expected after line 25)"
    )


def test_bullet_before_any_section() -> None:
    error = parse_error(with_line(sample("outcome_valid.txt"), 10, "- an early bullet"))
    assert error.line_number == 10
    assert "bullet before any section" in str(error)


def test_bullet_before_the_title() -> None:
    error = parse_error("* preface\n" + sample("outcome_valid.txt"))
    assert error.line_number == 1


def test_text_that_is_not_a_bullet_in_a_bullet_section() -> None:
    text = with_line(sample("outcome_valid.txt"), 16, "Solar power without a marker.")
    error = parse_error(text)
    assert error.line_number == 16
    assert str(error) == (
        "line 16: expected a bullet ('-', '•', '*' or '1.') in the section "
        "'Key Issues discussed', found text: 'Solar power without a marker.'"
    )


def test_flush_left_line_after_a_bullet_is_not_a_continuation() -> None:
    text = with_line(sample("outcome_valid.txt"), 32, "stray words")
    assert parse_error(text).line_number == 32


def test_error_is_a_value_error() -> None:
    assert issubclass(OutcomeFormatError, ValueError)


# The secretariat's real document, when the shared folder is present.


@pytest.fixture
def seed_outcome() -> ParsedOutcome:
    if not SEED_OUTCOME.is_file():
        pytest.skip("../shared/seeds/ is absent (fresh clone)")
    return parse_outcome_document(SEED_OUTCOME.read_text(encoding="utf-8"))


def test_seed_header(seed_outcome: ParsedOutcome) -> None:
    assert seed_outcome.session_number == 464
    assert seed_outcome.organisers == ("Lithuania", "Singapore")
    assert seed_outcome.date_text == "28 May, 15:45 – 16:45 (UTC+02:00)"
    assert seed_outcome.utc_offset == "+02:00"
    assert seed_outcome.start_time == dt.time(15, 45)
    assert seed_outcome.end_time == dt.time(16, 45)
    assert seed_outcome.session_title.startswith("WSIS Roundtable discussion: Small States")
    assert seed_outcome.session_link_text.startswith("Session 464")


def test_seed_sections(seed_outcome: ParsedOutcome) -> None:
    assert len(seed_outcome.key_issues) == 3
    assert len(seed_outcome.views_wsis20) == 5
    assert len(seed_outcome.tangible_outcomes) == 3
    assert len(seed_outcome.action_plan) == 2
    assert seed_outcome.thematic_suggestions.startswith("Small States are committed")
    assert "\n" not in seed_outcome.thematic_suggestions
    assert not seed_outcome.thematic_suggestions.startswith("(")


def test_seed_has_too_few_key_issues(seed_outcome: ParsedOutcome) -> None:
    assert seed_outcome.warnings == (
        ParseWarning(
            13, "the section 'Key Issues discussed' has 3 bullet points; the template asks for 5-8"
        ),
    )
