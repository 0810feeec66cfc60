"""The interface is complete in every language: every template's visible text is inside the
translation tags, and every catalogue in locale/ translates every message of the code, with no
fuzzy or empty translation (docs/i18n.md says how a translator brings one up to date).

The catalogues are written beside the code (locale/<language>/LC_MESSAGES/django.po); a language
without one yet is skipped with its reason, everywhere but in CI."""

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils.translation import to_locale

ROOT = Path(settings.BASE_DIR)
# What `make catalogues` leaves out of the catalogues too: not the portal's own messages.
MAKEMESSAGES_IGNORE = [".venv/*", "node_modules/*", "tests/*", "bench/*", "staticfiles/*"]
TRANSLATED = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]

TEMPLATES = sorted(
    path
    for path in ROOT.rglob("templates/**/*")
    if path.suffix in {".html", ".txt"} and not {".venv", "node_modules"} & set(path.parts)
)
# Whole translated blocks, comments and verbatim blocks hold no stray text by definition.
WHOLE_BLOCKS = re.compile(
    r"{%\s*(blocktranslate|blocktrans|comment|verbatim)\b.*?{%\s*end\1\s*%}|{#.*?#}", re.S
)
TAGS_AND_VARIABLES = re.compile(r"{%.*?%}|{{.*?}}", re.S)
SCRIPTS_AND_STYLES = re.compile(r"<(script|style)\b.*?</\1>", re.S | re.I)
HTML_TAG = re.compile(r"<[^>]*>", re.S)
# Attributes that a person reads (or hears, with a screen reader).
READ_ATTRIBUTES = re.compile(r'\b(?:title|alt|placeholder|aria-label)="([^"]*)"')
ENTITY = re.compile(r"&[a-zA-Z]+;|&#x?[0-9a-fA-F]+;")
LETTER = re.compile(r"[^\W\d_]")
# Words that are the same in every language: a file format, a path the secretariat types.
UNTRANSLATABLE = re.compile(r"^\(?PDF[,)]?$|^/[\w/.-]*$")


def _stray_text(source: str) -> list[str]:
    source = TAGS_AND_VARIABLES.sub("\x00", WHOLE_BLOCKS.sub("\x00", source))
    source = SCRIPTS_AND_STYLES.sub("", source)
    pieces = [*READ_ATTRIBUTES.findall(source), ENTITY.sub(" ", HTML_TAG.sub(" ", source))]
    return [
        word
        for piece in pieces
        for word in piece.split()
        if LETTER.search(word) and not UNTRANSLATABLE.match(word)
    ]


def test_the_template_scan_finds_text_outside_the_tags():
    assert _stray_text('<p title="Close">{% translate "Open" %} now</p>') == ["Close", "now"]
    assert _stray_text("{% blocktranslate %}All {{ n }} here{% endblocktranslate %} (PDF)") == []


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda path: str(path.relative_to(ROOT)))
def test_templates_hold_no_text_outside_the_translation_tags(template):
    assert _stray_text(template.read_text(encoding="utf-8")) == []


def _need_gettext() -> None:
    if shutil.which("msgcmp") is None or shutil.which("xgettext") is None:
        if os.environ.get("CI"):
            pytest.fail("gettext is missing in CI: .ci/run should have installed it")
        pytest.skip("gettext's tools are not installed (apt-get install gettext)")


@pytest.fixture(scope="module")
def portal_messages(tmp_path_factory) -> Path:
    """The template of every message of the portal's code (django.pot), as makemessages reads
    the code today: from a copy of the code, so that nothing is written into locale/."""
    _need_gettext()
    work = tmp_path_factory.mktemp("messages")
    code = work / "code"
    shutil.copytree(
        ROOT,
        code,
        ignore=shutil.ignore_patterns(
            *(pattern.removesuffix("/*") for pattern in MAKEMESSAGES_IGNORE),
            ".git",
            "locale",
            "media",
            "__pycache__",
            "*.sqlite3",
        ),
    )
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(code)
        patch.setattr(settings, "LOCALE_PATHS", [work / "locale"])
        call_command(
            "makemessages",
            locale=["en"],
            ignore_patterns=MAKEMESSAGES_IGNORE,
            keep_pot=True,
            no_obsolete=True,
            verbosity=0,
        )
    return work / "locale" / "django.pot"


def _catalogue(language: str) -> Path:
    path = ROOT / "locale" / to_locale(language) / "LC_MESSAGES" / "django.po"
    if not path.exists():
        reason = f"no catalogue for {language} yet ({path.relative_to(ROOT)})"
        if os.environ.get("CI") and (ROOT / "locale").exists():
            pytest.fail(reason)
        pytest.skip(reason)
    return path


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_message_is_translated(language, portal_messages):
    catalogue = _catalogue(language)
    # msgcmp: each message of the code must have a translation in the catalogue; a fuzzy or
    # empty one counts as none.
    result = subprocess.run(
        ["msgcmp", str(catalogue), str(portal_messages)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-4000:]


@pytest.mark.parametrize("language", TRANSLATED)
def test_no_translation_is_fuzzy(language):
    _need_gettext()
    catalogue = _catalogue(language)
    entries = catalogue.read_text(encoding="utf-8").split("\n\n")[1:]  # the header is exempt
    assert [entry for entry in entries if re.search(r"^#,.*\bfuzzy\b", entry, re.M)] == []
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", os.devnull, str(catalogue)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "untranslated" not in result.stderr
