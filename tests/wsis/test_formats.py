"""One way of writing dates and lists per language across the portal (wsis/formats/)."""

import datetime as dt
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Template
from django.utils import formats, translation

ROOT = Path(settings.BASE_DIR)
DAY = dt.date(2026, 12, 5)


@pytest.mark.parametrize(
    ("language", "date", "date_time"),
    [
        ("en", "5 December 2026", "5 December 2026, 14:30"),
        ("fr", "5 décembre 2026", "5 décembre 2026, 14:30"),
        ("es", "5 de diciembre de 2026", "5 de diciembre de 2026, 14:30"),
        ("ru", "5 декабря 2026 г.", "5 декабря 2026 г., 14:30"),
        ("ar", "5 ديسمبر 2026", "5 ديسمبر 2026، 14:30"),
        ("zh-hans", "2026年12月5日", "2026年12月5日 14:30"),
    ],
)
def test_one_date_format_per_language(language, date, date_time):
    with translation.override(language):
        assert formats.date_format(DAY) == date
        assert formats.date_format(
            dt.datetime(2026, 12, 5, 14, 30, tzinfo=dt.UTC), "DATETIME_FORMAT"
        ) == (date_time)


# Machine-readable dates (datetime attributes, ISO) are not shown to anyone.
MACHINE_FORMATS = {"c", "Y-m-d"}
NAMED_FORMATS = {"DATE_FORMAT", "DATETIME_FORMAT", "SHORT_DATE_FORMAT", "SHORT_DATETIME_FORMAT"}
# The weekday's name alone, placed by the translated message around it.
WORDS = {"l"}


def test_templates_write_dates_only_in_the_languages_formats():
    patterns = set()
    for template in ROOT.rglob("templates/**/*.html"):
        if ".venv" in template.parts:
            continue
        patterns.update(re.findall(r"\|date:[\"']([^\"']*)[\"']", template.read_text()))
    assert patterns - MACHINE_FORMATS - NAMED_FORMATS - WORDS == set()


@pytest.mark.parametrize(
    ("language", "joined"),
    [("en", "Chad, Mali"), ("ar", "Chad، Mali"), ("zh-hans", "Chad、Mali"), ("fr", "Chad, Mali")],
)
def test_lists_are_joined_as_each_language_joins_them(language, joined):
    template = Template("{% load portal_i18n %}{{ names|list_join }}")
    with translation.override(language):
        assert template.render(Context({"names": ["Chad", "Mali"]})) == joined


def test_a_joined_list_is_escaped():
    template = Template('{% load portal_i18n %}{{ rows|list_join:"name" }}')

    class Row:
        def __init__(self, name):
            self.name = name

    assert template.render(Context({"rows": [Row("<b>"), Row("A&B")]})) == "&lt;b&gt;, A&amp;B"
