"""The reference lists' names in the other five official languages of the UN.

Plain data beside `reference_data` (no Django imports), loaded into the reference rows by
`reference_loader` (a data migration); the secretariat corrects them in the admin afterwards.
The names live in `reference_translations.csv`, one row a name: `table`, `key`, the English
name where the table needs one (`en`) and one column per language of TRANSLATED_LANGUAGES, as UN
documents write it in that language: the Action Lines as in the Geneva Plan of Action (2003), the
SDGs' official short titles (the UN's SDG icons), the Global Digital Compact's objectives (2024),
ITU-D's regions, and, for the countries whose UN name differs from the ISO one, the short names of
the UN Terminology Database (UNTERM); every other country keeps django-countries' name in each
language.
"""

from __future__ import annotations

import csv
from pathlib import Path

TRANSLATED_LANGUAGES: tuple[str, ...] = ("ar", "zh-hans", "fr", "ru", "es")

_SOURCE = Path(__file__).with_suffix(".csv")
# Tables keyed by a number (the SDGs, the GDC objectives); the others by a code.
_NUMBERED = {"sdg", "gdc_objective"}
# Tables whose rows carry the English name too (the portal's own name may differ from the UN's).
_WITH_ENGLISH = {"un_country"}


def _tables() -> dict[str, dict]:
    tables: dict[str, dict] = {}
    with _SOURCE.open(encoding="utf-8", newline="") as source:
        for row in csv.DictReader(source):
            table = row["table"]
            key = int(row["key"]) if table in _NUMBERED else row["key"]
            names = {"en": row["en"]} if table in _WITH_ENGLISH else {}
            names.update((language, row[language]) for language in TRANSLATED_LANGUAGES)
            tables.setdefault(table, {})[key] = names
    return tables


_TABLES = _tables()
ACTION_LINE_NAMES: dict[str, dict[str, str]] = _TABLES["action_line"]
SDG_NAMES: dict[int, dict[str, str]] = _TABLES["sdg"]
GDC_OBJECTIVE_NAMES: dict[int, dict[str, str]] = _TABLES["gdc_objective"]
STAKEHOLDER_TYPE_NAMES: dict[str, dict[str, str]] = _TABLES["stakeholder_type"]
ITU_REGION_NAMES: dict[str, dict[str, str]] = _TABLES["itu_region"]
UN_COUNTRY_NAMES: dict[str, dict[str, str]] = _TABLES["un_country"]
