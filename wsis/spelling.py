"""A spelling suggestion for a search that found nothing: each word of the search that is not a
known term is replaced by the closest known term, if one is close enough ("broadbnd kenia" →
"broadband kenya"). The known terms are the words of the reference lists (Action Lines, SDGs,
regions, stakeholder types, country names in the visitor's language) and the domain's own words,
so a suggestion never leads to a word the portal does not use."""

from __future__ import annotations

import difflib
import re

from wsis.caching.reference import country_choices, reference_lists

_WORD_RE = re.compile(r"\w+", re.UNICODE)
# Words of the WSIS process that a search commonly holds beyond the reference lists.
DOMAIN_WORDS = (
    "broadband",
    "connectivity",
    "infrastructure",
    "digital",
    "inclusion",
    "literacy",
    "cybersecurity",
    "e-government",
    "e-health",
    "e-learning",
    "e-agriculture",
    "e-business",
    "e-science",
    "e-environment",
    "e-employment",
    "capacity",
    "building",
    "youth",
    "women",
    "gender",
    "rural",
    "accessibility",
    "disabilities",
    "innovation",
    "data",
    "privacy",
    "artificial",
    "intelligence",
    "satellite",
    "mobile",
    "internet",
    "school",
    "schools",
    "training",
    "health",
    "agriculture",
    "climate",
    "environment",
    "smart",
    "city",
    "cities",
    "open",
    "source",
    "emergency",
    "telecommunication",
    "policy",
    "regulation",
    "spectrum",
    "fibre",
    "fiber",
    "network",
    "networks",
    "financial",
    "inclusion",
    "skills",
    "education",
    "library",
    "libraries",
    "media",
    "content",
    "languages",
)


def known_words() -> set[str]:
    lists = reference_lists()
    names = [line.name for line in lists.action_lines]
    names += [sdg.name for sdg in lists.sdgs]
    names += [region.name for region in lists.regions]
    names += [kind.name for kind in lists.stakeholder_types]
    names += [name for _code, name in country_choices()]
    words = {word.casefold() for name in names for word in _WORD_RE.findall(str(name))}
    words.update(DOMAIN_WORDS)
    return {word for word in words if len(word) > 2}


def spelling_suggestion(query: str, vocabulary: set[str] | None = None) -> str | None:
    """The search with its unknown words corrected, or None when nothing close was found."""
    words = _WORD_RE.findall(query or "")
    if not words:
        return None
    vocabulary = known_words() if vocabulary is None else vocabulary
    corrected = []
    changed = False
    for word in words:
        folded = word.casefold()
        if folded in vocabulary or len(folded) < 4 or folded.isdigit():
            corrected.append(word)
            continue
        match = difflib.get_close_matches(folded, vocabulary, n=1, cutoff=0.75)
        if match:
            corrected.append(match[0])
            changed = True
        else:
            corrected.append(word)
    return " ".join(corrected) if changed else None
