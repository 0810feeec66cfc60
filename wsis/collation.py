"""Sorting names as a reader of each language expects (country lists, reference lists).

With PyICU installed (requirements-icu.txt: it compiles against the system's ICU, so it is
optional), each language's own collation from the Unicode CLDR: Chinese by pinyin, Spanish with
ñ after n, Arabic by its alphabet. Without it, a fallback that is right for most of the alphabets
the portal shows: case and accents are ignored first ("Égypte" sorts with E, not after Z) and
only break ties; Chinese then sorts by code point, not by pinyin (docs/i18n.md).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import TypeVar

from django.utils.translation import get_language, to_locale

try:
    import icu
except ImportError:  # PyICU is optional: see the module's docstring.
    icu = None

T = TypeVar("T")


def _fallback_key(text: str) -> tuple[str, str]:
    decomposed = unicodedata.normalize("NFKD", text)
    base = "".join(char for char in decomposed if not unicodedata.combining(char))
    return (base.casefold(), text)


@lru_cache(maxsize=16)
def collation_key(language: str) -> Callable[[str], object]:
    """The sort key of `language`'s collation."""
    if icu is not None:
        collator = icu.Collator.createInstance(icu.Locale(to_locale(language)))
        return collator.getSortKey
    return _fallback_key


def collated(items: Iterable[T], *, name: Callable[[T], str] = str, language: str = "") -> list[T]:
    """`items` sorted by `name(item)` in `language`'s order (the active language by default)."""
    key = collation_key(language or get_language() or "en")
    return sorted(items, key=lambda item: key(name(item)))


def using_icu() -> bool:
    return icu is not None
