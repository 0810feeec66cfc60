"""Country names as the UN writes them, in the language being read (COUNTRIES_OVERRIDE)."""

from django.utils.functional import lazy
from django.utils.translation import get_language

from wsis.reference_translations import UN_COUNTRY_NAMES


def _un_country_name(code: str) -> str:
    names = UN_COUNTRY_NAMES[code]
    return names.get(get_language() or "en", names["en"])


un_country_name = lazy(_un_country_name, str)


def un_country_overrides() -> dict[str, object]:
    """For django-countries: the UN's name of each country whose ISO name differs, in whichever
    language is active when the name is shown."""
    return {code: un_country_name(code) for code in UN_COUNTRY_NAMES}
