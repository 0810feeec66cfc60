"""The interface's message catalogues (locale/<ll>/LC_MESSAGES/django.po) are complete and sound.

Each of the five catalogues beside English translates every message of the portal's own code,
templates and mails: no message is missing, untranslated or fuzzy, every translation keeps the
placeholders and HTML tags of its source exactly, a plural message has as many forms as the
language's Plural-Forms header asks for, and GNU msgfmt compiles each one with its format checks.
docs/translations.md says how a translator updates them.
"""

import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.test import override_settings
from django.utils import translation

LOCALE_DIR = Path(settings.BASE_DIR) / "locale"
LANGUAGES = ["ar", "es", "fr", "ru", "zh_Hans"]
NPLURALS = {"ar": 6, "es": 3, "fr": 2, "ru": 4, "zh_Hans": 1}

# What a translation must carry over unchanged: printf-style placeholders (named or not), str.format
# fields and HTML tags. A literal "%%" is no placeholder.
PLACEHOLDER = re.compile(
    r"%\([A-Za-z_]\w*\)[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]"
    r"|%[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]"
    r"|\{[A-Za-z_]?\w*\}"
    r"|</?[A-Za-z][^>]*>"
)
# The directories makemessages must not read: tools, tests and the benchmark are not the interface.
NOT_INTERFACE = [".venv", "node_modules", "tests", "bench", "site", "staticfiles", "media"]


def placeholders(text: str) -> Counter:
    return Counter(PLACEHOLDER.findall(text.replace("%%", "")))


def catalogue(language: str) -> polib.POFile:
    path = LOCALE_DIR / language / "LC_MESSAGES" / "django.po"
    assert path.exists(), f"{path} is missing"
    return polib.pofile(str(path))


def needs_gettext(*tools: str) -> None:
    missing = [tool for tool in tools if shutil.which(tool) is None]
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"GNU gettext ({', '.join(missing)}) is missing in CI: .ci/run installs it")
        pytest.skip(f"GNU gettext ({', '.join(missing)}) is not installed")


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue_has_no_untranslated_or_fuzzy_message(language):
    po = catalogue(language)
    assert len(po) > 1000
    untranslated = [entry.msgid for entry in po.untranslated_entries()]
    fuzzy = [entry.msgid for entry in po.fuzzy_entries()]
    assert untranslated == [], f"{language}: {len(untranslated)} untranslated: {untranslated[:10]}"
    assert fuzzy == [], f"{language}: {len(fuzzy)} fuzzy: {fuzzy[:10]}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue_keeps_every_placeholder_and_tag(language):
    po = catalogue(language)
    mismatches = []
    for entry in po.translated_entries():
        if entry.msgid_plural:
            wanted = placeholders(entry.msgid_plural)
            assert wanted == placeholders(entry.msgid), entry.msgid
            forms = entry.msgstr_plural.values()
        else:
            wanted = placeholders(entry.msgid)
            forms = [entry.msgstr]
        mismatches += [(entry.msgid, form) for form in forms if placeholders(form) != wanted]
    assert mismatches == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue_plural_messages_have_every_form_of_the_language(language):
    po = catalogue(language)
    header = po.metadata["Plural-Forms"]
    assert f"nplurals={NPLURALS[language]};" in header.replace(" ", "")
    plural_entries = [entry for entry in po if entry.msgid_plural]
    assert plural_entries
    for entry in plural_entries:
        assert sorted(entry.msgstr_plural) == list(range(NPLURALS[language])), entry.msgid
        assert all(form.strip() for form in entry.msgstr_plural.values()), entry.msgid


def test_placeholder_check_catches_a_lost_or_renamed_placeholder():
    # The check above would pass vacuously if the pattern matched nothing; these are the slips
    # it exists for.
    source = "Version %(number)s of %(date)s, <strong>%d</strong> {}"
    assert placeholders(source) == Counter(
        ["%(number)s", "%(date)s", "<strong>", "%d", "</strong>", "{}"]
    )
    assert placeholders("Version %(numero)s du %(date)s, <strong>%d</strong> {}") != placeholders(
        source
    )
    assert placeholders("Version du %(date)s, <strong>%d</strong> {}") != placeholders(source)
    assert placeholders("100%% sûr") == Counter()


def test_catalogues_cover_every_message_of_the_source(tmp_path):
    """makemessages, run on a copy of the sources, finds no message a catalogue lacks."""
    needs_gettext("xgettext", "msgmerge", "msguniq")
    root = Path(settings.BASE_DIR)
    copy = tmp_path / "src"
    shutil.copytree(
        root,
        copy,
        ignore=shutil.ignore_patterns(".git", "locale", "*.mo", "__pycache__", *NOT_INTERFACE),
    )
    (copy / "locale").mkdir()
    ignores = [f"--ignore={name}" for name in NOT_INTERFACE]
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "fr", *ignores],
        cwd=copy,
        check=True,
        capture_output=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "wsis.settings"},
    )
    extracted = {
        (entry.msgctxt, entry.msgid)
        for entry in polib.pofile(str(copy / "locale" / "fr" / "LC_MESSAGES" / "django.po"))
    }
    assert len(extracted) > 1000
    for language in LANGUAGES:
        present = {(entry.msgctxt, entry.msgid) for entry in catalogue(language)}
        missing = sorted(msgid for _, msgid in extracted - present)
        assert missing == [], (
            f"{language} lacks {len(missing)} messages of the source, e.g. {missing[:5]}; "
            "run makemessages and translate them (docs/translations.md)"
        )


def test_catalogues_compile_and_django_reads_them(tmp_path):
    """msgfmt --check (what compilemessages runs) accepts each catalogue, and Django serves it."""
    needs_gettext("msgfmt")
    for language in LANGUAGES:
        target = tmp_path / language / "LC_MESSAGES"
        target.mkdir(parents=True)
        result = subprocess.run(
            [
                "msgfmt",
                "--check",
                "-o",
                str(target / "django.mo"),
                str(LOCALE_DIR / language / "LC_MESSAGES" / "django.po"),
            ],
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0, result.stderr
    with override_settings(LOCALE_PATHS=[tmp_path]):
        expected = {
            "ar": "خط العمل",
            "es": "Línea de acción",
            "fr": "Grande orientation",
            "ru": "Направление деятельности",
            "zh-hans": "行动方面",
        }
        for language, action_line in expected.items():
            with translation.override(language):
                assert translation.gettext("Action Line") == action_line
                assert translation.gettext("WSIS Portal") != "WSIS Portal"
        entries = "%(counter)s entry"
        plural = "%(counter)s entries"
        with translation.override("ar"):
            # Arabic's six forms: zero, one, two, a few (3-10), many (11-99), the rest.
            forms = [translation.ngettext(entries, plural, n) for n in (0, 1, 2, 3, 11, 100)]
            assert forms == [
                "%(counter)s سجلات",
                "%(counter)s سجل",
                "%(counter)s سجلان",
                "%(counter)s سجلات",
                "%(counter)s سجلًا",
                "%(counter)s سجل",
            ]
        with translation.override("ru"):
            forms = [translation.ngettext(entries, plural, n) for n in (1, 3, 5, 21)]
            assert forms == [
                "%(counter)s запись",
                "%(counter)s записи",
                "%(counter)s записей",
                "%(counter)s запись",
            ]
        with translation.override("fr"):
            assert translation.ngettext(entries, plural, 1) == "%(counter)s fiche"
            assert translation.ngettext(entries, plural, 2) == "%(counter)s fiches"
