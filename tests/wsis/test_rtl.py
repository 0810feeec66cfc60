"""Arabic pages are right to left, user-written text keeps its own direction (dir="auto",
<bdi>), and the stylesheet for both directions uses logical properties (static/css/i18n.css)."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

from stocktaking.enums import EntryStatus
from tests.stocktaking.factories import EntryFactory

pytestmark = pytest.mark.django_db


def test_an_arabic_page_is_right_to_left_with_english_titles_isolated(client):
    entry = EntryFactory(status=EntryStatus.APPROVED, title="Rural broadband for schools")
    with translation.override("ar"):
        path = entry.get_absolute_url()
    assert path.startswith("/ar/stocktaking/entries/")
    html = client.get(path).content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert '<h1 dir="auto" lang="en">Rural broadband for schools</h1>' in html
    assert 'href="/static/css/i18n.css"' in html
    listing = client.get("/ar/stocktaking/").content.decode()
    assert f'<h3 dir="auto" lang="en"><a href="{path}">' in listing


def test_other_languages_are_left_to_right(client):
    for prefix in ("", "/fr", "/zh-hans", "/ru", "/es"):
        html = client.get(f"{prefix}/").content.decode()
        assert re.search(r'<html lang="[a-z-]+" dir="ltr">', html), prefix


def test_the_bdi_filter_isolates_and_escapes():
    from wsis.templatetags.portal_i18n import bdi

    assert bdi("<b>Title</b>") == "<bdi>&lt;b&gt;Title&lt;/b&gt;</bdi>"


def test_the_direction_stylesheet_uses_logical_properties_only():
    css = (Path(settings.BASE_DIR) / "static" / "css" / "i18n.css").read_text()
    declarations = re.findall(
        r"([a-z-]+)\s*:\s*([^;}]+)", re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    )
    physical = [
        (prop, value)
        for prop, value in declarations
        if re.fullmatch(r"(margin|padding|border)-(left|right)|right|float", prop)
        or (prop == "left" and value.strip() != "auto")
        or (prop == "text-align" and value.strip() in {"left", "right"})
    ]
    assert physical == []
    assert "inset-inline-start" in css
