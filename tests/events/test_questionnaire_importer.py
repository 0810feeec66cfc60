from pathlib import Path

import pytest

from events.importers.questionnaire_text import (
    ParsedEvent,
    ParsedInitiative,
    ParsedQuestionnaire,
    ParsedResource,
    QuestionnaireFormatError,
    parse_questionnaire,
)
from tests.seeds import SEEDS
from wsis.text_import import ParseWarning

SAMPLES = Path(__file__).resolve().parent / "samples"
SEED_QUESTIONNAIRE = SEEDS / "001_8e0a2054c91a51b2.txt"
ALL = tuple(range(1, 18))


def sample() -> str:
    return (SAMPLES / "questionnaire_sample.txt").read_text(encoding="utf-8")


def with_line(text: str, line_number: int, replacement: str) -> str:
    """The text with one line (1-based) replaced, so that line numbers stay put."""
    lines = text.split("\n")
    lines[line_number - 1] = replacement
    return "\n".join(lines)


def parse_error(text: str) -> QuestionnaireFormatError:
    with pytest.raises(QuestionnaireFormatError) as caught:
        parse_questionnaire(text)
    return caught.value


def test_sample_events() -> None:
    parsed = parse_questionnaire(sample())

    assert parsed.events == (
        ParsedEvent(
            line_number=12,
            name="Regional Broadband Summit 2024",
            dates_text="4 to 6 March 2024",
            location_text="Lisbon, Portugal",
            city="Lisbon",
            country="Portugal",
            is_virtual=False,
            sdg_numbers=(4, 5, 9),
            sdgs_text="SDG 9 and SDGs 4, 5",
            description=(
                "The summit gathered regulators and operators to agree on rural coverage targets."
            ),
            website="https://example.org/summit-2024/",
            websites=("https://example.org/summit-2024/",),
        ),
        ParsedEvent(
            line_number=38,
            name="Open webinar series on data governance",
            dates_text="2022 to present",
            location_text="Virtual",
            city=None,
            country=None,
            is_virtual=True,
            sdg_numbers=ALL,
            sdgs_text="All SDGs",
            description=(
                "A monthly webinar for policy makers.\n"
                "The series covers:\n"
                "• data protection;\n"
                "• open data portals."
            ),
            website="https://example.org/webinars/",
            websites=("https://example.org/webinars/",),
        ),
        ParsedEvent(
            line_number=93,
            name="Innovation labs tour",
            dates_text="2 April 2024; 9 May 2024",
            location_text="Nairobi, Kenya; Quito, Ecuador",
            city=None,
            country=None,
            is_virtual=False,
            sdg_numbers=(1, 2, 3, 17),
            sdgs_text="SDG 1-3, Goal 17",
            description="Two one-day visits to innovation labs.",
            website="https://example.org/labs/",
            websites=("https://example.org/labs/",),
            places=(("Nairobi", "Kenya"), ("Quito", "Ecuador")),
        ),
    )


def test_sample_resources() -> None:
    parsed = parse_questionnaire(sample())

    assert parsed.resources == (
        ParsedResource(
            line_number=119,
            name="Guide to Affordable Rural Access",
            sdg_numbers=(9, 10),
            sdgs_text="SDG 9, 10",
            publishing_entities="ETA and the Rural Access Network",
            target_audience="Regulators and policy makers; Community network operators",
            description="A practical guide to licensing and financing rural networks.",
            languages=("English", "French", "Spanish"),
            website="https://example.org/guide/",
            websites=("https://example.org/guide/",),
        ),
        ParsedResource(
            line_number=148,
            name="Open Data Handbook",
            sdg_numbers=ALL,
            sdgs_text="All 17 SDGs",
            publishing_entities="ETA",
            target_audience="Governments",
            description="A short handbook on publishing open government data.",
            languages=("English",),
            website="",
            websites=(),
        ),
    )


def test_sample_initiatives() -> None:
    parsed = parse_questionnaire(sample())

    assert parsed.initiatives == (
        ParsedInitiative(
            line_number=184,
            name="Villages Online Alliance",
            partners="ETA, Rural Access Network, Sample Foundation",
            sdg_numbers=(1, 9, 11),
            sdgs_text="SDG 1, SDG 9, SDG 11,",
            beneficiaries="Open to all Member States",
            description="An alliance that pools funding for village connectivity.",
            website="https://example.org/alliance/",
            websites=("https://example.org/alliance/", "https://example.org/alliance/members/"),
        ),
    )


def test_repeated_block_is_kept_once_with_a_warning() -> None:
    parsed = parse_questionnaire(sample())
    assert parsed.warnings == (
        ParseWarning(
            67,
            "the event 'Regional Broadband Summit 2024' at line 67 repeats the block at line 12 "
            "(same name and dates); kept the one at line 12",
        ),
    )


def test_same_name_with_other_dates_is_a_different_event() -> None:
    text = with_line(sample(), 73, "4 to 6 March 2025")
    parsed = parse_questionnaire(text)
    assert [(e.line_number, e.dates_text) for e in parsed.events[:3]] == [
        (12, "4 to 6 March 2024"),
        (38, "2022 to present"),
        (67, "4 to 6 March 2025"),
    ]
    assert parsed.warnings == (
        ParseWarning(
            67,
            "the event 'Regional Broadband Summit 2024' at line 67 has the same name as the "
            "block at line 12 but different content; kept both",
        ),
    )


@pytest.mark.parametrize(
    ("location", "city", "country", "is_virtual"),
    [
        ("Geneva, Switzerland", "Geneva", "Switzerland", False),
        ("Geneva, Switzerland (hybrid)", "Geneva", "Switzerland", False),
        ("Geneva, Switzerland and online", "Geneva", "Switzerland", False),
        ("Washington, D.C., USA", "Washington, D.C.", "USA", False),
        ("Online (Zoom)", None, None, True),
        ("virtual event", None, None, True),
        ("Geneva", None, None, False),
        ("Riyadh, Saudi Arabia; Arusha, Tanzania", None, None, False),
    ],
)
def test_location(location: str, city: str | None, country: str | None, is_virtual: bool) -> None:
    parsed = parse_questionnaire(with_line(sample(), 22, location))
    event = parsed.events[0]
    assert (event.location_text, event.city, event.country, event.is_virtual) == (
        location,
        city,
        country,
        is_virtual,
    )


def test_inline_values_and_label_variants() -> None:
    text = (
        "Event name: Summit\n"
        "Event date: 1 May 2024\n"
        "Location: Lima, Peru\n"
        "Relevant SDGs: Goal 4\n"
        "Description:\n"
        "Short.\n"
        "Website: https://example.org/\n"
    )
    event = parse_questionnaire(text).events[0]
    assert (event.name, event.dates_text, event.city, event.sdg_numbers, event.website) == (
        "Summit",
        "1 May 2024",
        "Lima",
        (4,),
        "https://example.org/",
    )


def test_long_description_is_a_warning() -> None:
    text = with_line(sample(), 30, " ".join(["word"] * 151))
    parsed = parse_questionnaire(text)
    assert parsed.events[0].description == " ".join(["word"] * 151)
    assert parsed.warnings[0] == ParseWarning(
        28,
        "the description of the event 'Regional Broadband Summit 2024' has 151 words; "
        "the questionnaire allows 150",
    )


def test_missing_fields_are_warnings() -> None:
    parsed = parse_questionnaire("Resource Name\n\nLonely handbook\n")
    assert parsed.resources[0].name == "Lonely handbook"
    assert [w.message for w in parsed.warnings] == [
        "the resource 'Lonely handbook' has no 'Relevant SDGs'",
        "the resource 'Lonely handbook' has no 'Publishing entity/entities'",
        "the resource 'Lonely handbook' has no 'Target audience'",
        "the resource 'Lonely handbook' has no 'Description'",
        "the resource 'Lonely handbook' has no 'Language(s)'",
    ]


def test_prose_after_a_website_closes_the_block() -> None:
    text = with_line(sample(), 35, "Some prose that follows the block.")
    parsed = parse_questionnaire(text)
    assert parsed.events[0].website == "https://example.org/summit-2024/"
    assert (
        ParseWarning(
            35,
            "text after the website of the event block at line 12 is outside any block; kept as "
            "prose of the answer",
        )
        in parsed.warnings
    )


# Malformed files: each error names the line.


@pytest.mark.parametrize("text", ["", " \n\u00a0\n"])
def test_empty_file(text: str) -> None:
    error = parse_error(text)
    assert error.line_number == 1
    assert "empty" in str(error)


def test_file_without_blocks() -> None:
    error = parse_error("Just prose.\n\nMore prose.\n")
    assert error.line_number == 1


def test_block_missing_its_name() -> None:
    error = parse_error(with_line(sample(), 14, ""))
    assert error.line_number == 12
    assert str(error) == (
        "line 12: the event block has no name; expected the name on the line after 'Event Name'"
    )


def test_name_label_at_the_end_of_the_file() -> None:
    error = parse_error(sample() + "\nInitiative/Partnership Name\n")
    assert error.line_number == 216
    assert "has no name" in str(error)


def test_field_label_outside_any_block() -> None:
    error = parse_error(with_line(sample(), 12, ""))
    assert error.line_number == 16
    assert str(error) == (
        "line 16: the label 'Event Dates' is outside any block; expected 'Event Name' before it"
    )


def test_field_label_after_a_question_heading() -> None:
    text = with_line(sample(), 119, "")
    assert parse_error(text).line_number == 123


def test_label_repeated_inside_a_block() -> None:
    error = parse_error(with_line(sample(), 30, "Event Dates:"))
    assert error.line_number == 30
    assert "appears twice in the event block that starts at line 12 (first at line 16)" in str(
        error
    )


def test_label_of_another_kind_of_block() -> None:
    error = parse_error(with_line(sample(), 30, "Target audience"))
    assert error.line_number == 30
    assert str(error) == (
        "line 30: the label 'Target audience' belongs to a resource block, but this line is "
        "inside the event block that starts at line 12"
    )


def test_error_is_a_value_error() -> None:
    assert issubclass(QuestionnaireFormatError, ValueError)


# The secretariat's real questionnaire, when the shared folder is present.


@pytest.fixture
def seed_questionnaire() -> ParsedQuestionnaire:
    if not SEED_QUESTIONNAIRE.is_file():
        pytest.skip("../shared/seeds/ is absent (fresh clone)")
    return parse_questionnaire(SEED_QUESTIONNAIRE.read_text(encoding="utf-8"))


def test_seed_counts(seed_questionnaire: ParsedQuestionnaire) -> None:
    assert len(seed_questionnaire.events) == 11
    assert len(seed_questionnaire.resources) == 5
    assert len(seed_questionnaire.initiatives) == 3


def test_seed_repeated_event(seed_questionnaire: ParsedQuestionnaire) -> None:
    forums = [e for e in seed_questionnaire.events if e.name == "WSIS Forum 2023"]
    assert [(e.line_number, e.city, e.country) for e in forums] == [(305, "Geneva", "Switzerland")]
    assert forums[0].sdg_numbers == ALL
    assert (
        ParseWarning(
            339,
            "the event 'WSIS Forum 2023' at line 339 repeats the block at line 305 "
            "(same name and dates); kept the one at line 305",
        )
        in seed_questionnaire.warnings
    )


def test_seed_dates_and_locations(seed_questionnaire: ParsedQuestionnaire) -> None:
    by_line = {e.line_number: e for e in seed_questionnaire.events}
    assert by_line[94].dates_text == "2021-to present"
    assert by_line[94].is_virtual is True
    assert by_line[214].name == "ITU Forums on metaverse"
    assert by_line[214].dates_text == "7 March 2023; 7 July 2023; 13 September 2023"
    assert (by_line[214].city, by_line[214].country, by_line[214].is_virtual) == (
        None,
        None,
        False,
    )
    assert by_line[130].sdg_numbers == (6, 11, 13)
    assert seed_questionnaire.events[-1].name == "SDG Digital"
    assert seed_questionnaire.events[-1].dates_text == "17 September 2023"


def test_seed_resources_and_initiatives(seed_questionnaire: ParsedQuestionnaire) -> None:
    assert [r.line_number for r in seed_questionnaire.resources] == [413, 452, 482, 514, 546]
    assert seed_questionnaire.resources[-1].sdg_numbers == ALL
    assert all(r.languages == ("English",) for r in seed_questionnaire.resources)
    assert [i.line_number for i in seed_questionnaire.initiatives] == [605, 631, 659]
    assert len(seed_questionnaire.initiatives[1].websites) == 2
    assert seed_questionnaire.initiatives[1].sdg_numbers == (9, 11, 13)


def test_seed_warnings(seed_questionnaire: ParsedQuestionnaire) -> None:
    assert [w.line_number for w in seed_questionnaire.warnings] == [68, 110, 325, 339]
