"""Whatever text arrives, a parser returns a result or raises its own FormatError.

An importer run from the admin must be able to show "line N: ..." for any upload; any other
exception would surface as a server error.
"""

from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from events.importers.outcome_text import OutcomeFormatError, ParsedOutcome, parse_outcome_document
from events.importers.questionnaire_text import (
    ParsedQuestionnaire,
    QuestionnaireFormatError,
    parse_questionnaire,
)
from wsis.text_import import split_lines

SAMPLES = Path(__file__).resolve().parent / "samples"
OUTCOME_SAMPLES = ("outcome_valid.txt", "outcome_two_line_heading.txt")
QUESTIONNAIRE_SAMPLES = ("questionnaire_sample.txt",)

PARSERS: dict[str, tuple[Callable[[str], object], type, type[ValueError]]] = {
    "outcome": (parse_outcome_document, ParsedOutcome, OutcomeFormatError),
    "questionnaire": (parse_questionnaire, ParsedQuestionnaire, QuestionnaireFormatError),
}
SAMPLE_FILES = {"outcome": OUTCOME_SAMPLES, "questionnaire": QUESTIONNAIRE_SAMPLES}

# Characters that exercise the parsers' special cases: bullets, brackets, colons, digits,
# Unicode spaces and every kind of line break.
TRICKY = st.sampled_from(list("-•*·1234567890.:;,()/+–—?\u00a0\t\r\n\x0c\u2028 SDGalUTC"))
LINE = st.text(
    alphabet=st.one_of(st.characters(codec="utf-8"), TRICKY),
    max_size=40,
)

CHECKS = settings(
    max_examples=150,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)


def lines_of(kind: str) -> list[str]:
    return [
        line
        for name in SAMPLE_FILES[kind]
        for line in (SAMPLES / name).read_text(encoding="utf-8").split("\n")
    ]


def texts_of(kind: str) -> list[str]:
    return [(SAMPLES / name).read_text(encoding="utf-8") for name in SAMPLE_FILES[kind]]


def assert_returns_or_raises_format_error(kind: str, text: str) -> None:
    parse, result_type, error_type = PARSERS[kind]
    error: ValueError | None = None
    try:
        result = parse(text)
    except error_type as raised:
        error = raised
    if error is None:
        assert isinstance(result, result_type)
        return
    line_number = getattr(error, "line_number", None)
    assert isinstance(line_number, int)
    assert 1 <= line_number <= max(1, len(split_lines(text)))
    assert str(error).startswith(f"line {line_number}: ")


def shuffled_lines(kind: str) -> st.SearchStrategy[str]:
    return st.permutations(lines_of(kind)).map("\n".join)


def truncations(kind: str) -> st.SearchStrategy[str]:
    return st.sampled_from(texts_of(kind)).flatmap(
        lambda text: st.integers(0, len(text)).map(lambda cut: text[:cut])
    )


def spliced(kind: str) -> st.SearchStrategy[str]:
    """Sample lines mixed with random ones, in random order and number."""
    return st.lists(st.one_of(st.sampled_from(lines_of(kind)), LINE), max_size=80).map("\n".join)


KINDS = pytest.mark.parametrize("kind", ["outcome", "questionnaire"])


@KINDS
@CHECKS
@given(data=st.data())
def test_shuffled_sample_lines(kind: str, data: st.DataObject) -> None:
    assert_returns_or_raises_format_error(kind, data.draw(shuffled_lines(kind)))


@KINDS
@CHECKS
@given(data=st.data())
def test_truncated_samples(kind: str, data: st.DataObject) -> None:
    assert_returns_or_raises_format_error(kind, data.draw(truncations(kind)))


@KINDS
@CHECKS
@given(data=st.data())
def test_sample_lines_mixed_with_random_text(kind: str, data: st.DataObject) -> None:
    assert_returns_or_raises_format_error(kind, data.draw(spliced(kind)))


@KINDS
@CHECKS
@given(text=st.text(alphabet=st.one_of(st.characters(codec="utf-8"), TRICKY), max_size=400))
def test_random_text(kind: str, text: str) -> None:
    assert_returns_or_raises_format_error(kind, text)
