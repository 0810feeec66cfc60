"""The "in English" rule of the WSIS Prizes, checked without network or large model.

A prize entry's texts are identified by py3langid (a naive-Bayes byte n-gram model shipped
inside its wheel, about 5 MB; deterministic: the same text always gets the same answer),
restricted to the languages in `LANGUAGES`, so that English is never mistaken for a creole or a
dialect close to it. The rule refuses only what is clearly in another language:

* Proper names are not held against a text: runs of capitalised words inside a sentence, with
  the short words that join them ("Université Cheikh Anta Diop de Dakar", "Agence de
  Développement de l'Informatique de l'État"), are left out before the text is identified.
* A text too short to judge (fewer than `MIN_WORDS` words once the names are left out; a
  character of a script written without spaces, such as Chinese, counts as half a word) is
  accepted: a partner's name or "C2." says nothing about the language.
* A text is refused only when the identifier gives another language at least `MIN_CONFIDENCE`
  (normalised probability); an uncertain reading is accepted.
* A field is read as a whole and, when it passes, each long paragraph (at least
  `MIN_PARAGRAPH_WORDS` words) alone, so an English paragraph followed by its French original
  is refused while an English text with a few foreign words is not.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

MIN_WORDS = 8
MIN_PARAGRAPH_WORDS = 25
MIN_CONFIDENCE = 0.8

# The languages the identifier chooses among, with their names in messages: the six UN
# languages and the others most often written in WSIS stocktaking entries.
LANGUAGES = {
    "en": gettext_lazy("English"),
    "ar": gettext_lazy("Arabic"),
    "zh": gettext_lazy("Chinese"),
    "fr": gettext_lazy("French"),
    "ru": gettext_lazy("Russian"),
    "es": gettext_lazy("Spanish"),
    "pt": gettext_lazy("Portuguese"),
    "de": gettext_lazy("German"),
    "it": gettext_lazy("Italian"),
    "nl": gettext_lazy("Dutch"),
    "pl": gettext_lazy("Polish"),
    "ro": gettext_lazy("Romanian"),
    "tr": gettext_lazy("Turkish"),
    "uk": gettext_lazy("Ukrainian"),
    "el": gettext_lazy("Greek"),
    "fa": gettext_lazy("Persian"),
    "ur": gettext_lazy("Urdu"),
    "hi": gettext_lazy("Hindi"),
    "bn": gettext_lazy("Bengali"),
    "id": gettext_lazy("Indonesian"),
    "ms": gettext_lazy("Malay"),
    "vi": gettext_lazy("Vietnamese"),
    "th": gettext_lazy("Thai"),
    "ja": gettext_lazy("Japanese"),
    "ko": gettext_lazy("Korean"),
    "sw": gettext_lazy("Swahili"),
    "ha": gettext_lazy("Hausa"),
    "am": gettext_lazy("Amharic"),
    "tl": gettext_lazy("Tagalog"),
}

# Short words that join the parts of a proper name ("Ministère de la Santé", "Banco do Brasil").
_NAME_JOINERS = frozenset(
    (
        "de",
        "du",
        "des",
        "la",
        "le",
        "les",
        "l",
        "d",
        "del",
        "della",
        "di",
        "da",
        "do",
        "dos",
        "das",
        "e",
        "y",
        "et",
        "i",
        "und",
        "van",
        "von",
        "der",
        "den",
        "al",
        "el",
        "bin",
        "ibn",
        "of",
        "and",
        "for",
        "the",
    )
)
_SENTENCE_END = re.compile(r"[.!?:;…]['\"”’)\]]*$")
_ELISION = re.compile(r"^(?:[ldjmnst]|qu)['’]", re.IGNORECASE)
_UNSPACED_SCRIPTS = ("CJK", "HIRAGANA", "KATAKANA", "HANGUL", "THAI", "LAO", "KHMER", "MYANMAR")


@dataclass(frozen=True)
class Reading:
    language: str
    confidence: float

    @property
    def name(self) -> str:
        return str(LANGUAGES[self.language])


@functools.cache
def _identifier():
    # The language model (several megabytes) loads on the first check, not in every process.
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(sorted(LANGUAGES))
    return identifier


def _is_capitalised(token: str) -> bool:
    word = _ELISION.sub("", token.strip("\"'“”‘’«»()[]{},.;:!?…"))
    return bool(word) and word[0].isupper()


def without_names(text: str) -> str:
    """The text less its proper names: capitalised words that do not start a sentence, and the
    joining words between two of them. Scripts without case are left as they are."""
    tokens = text.split()
    names = [False] * len(tokens)
    for index, token in enumerate(tokens):
        starts_sentence = index == 0 or _SENTENCE_END.search(tokens[index - 1]) is not None
        names[index] = _is_capitalised(token) and not starts_sentence
    for index, token in enumerate(tokens):
        if names[index] or not _joiner(token):
            continue
        before = index > 0 and (names[index - 1] or _is_capitalised(tokens[index - 1]))
        following = (names[j] for j in range(index + 1, len(tokens)) if not _joiner(tokens[j]))
        if before and next(following, False):
            names[index] = True
    # An elided joiner glued to a name ("l'État", "d'Ivoire") went with the name already.
    return " ".join(token for token, is_name in zip(tokens, names, strict=True) if not is_name)


def _joiner(token: str) -> bool:
    return token.lower().strip(",'’") in _NAME_JOINERS


def word_weight(text: str) -> float:
    """Words separated by spaces, plus half a word per character of an unspaced script."""
    unspaced = sum(
        1
        for char in text
        if char.isalpha() and unicodedata.name(char, "").startswith(_UNSPACED_SCRIPTS)
    )
    spaced_words = sum(
        1
        for token in text.split()
        if any(char.isalpha() for char in token)
        and not all(
            unicodedata.name(char, "").startswith(_UNSPACED_SCRIPTS)
            for char in token
            if char.isalpha()
        )
    )
    return spaced_words + unspaced / 2


def reading_of(text: str, *, min_words: float = MIN_WORDS) -> Reading | None:
    """The language the text reads as, once its proper names are left out; None when it is too
    short to judge."""
    remainder = without_names(text or "")
    if word_weight(remainder) < min_words:
        return None
    language, confidence = _identifier().classify(remainder)
    return Reading(language=language, confidence=round(confidence, 4))


def foreign_reading(text: str) -> Reading | None:
    """The other language `text` clearly reads as, or None when it is English (or too short or
    too uncertain to tell)."""
    readings = [reading_of(text)]
    paragraphs = [p for p in re.split(r"\n\s*", text or "") if p.strip()]
    if len(paragraphs) > 1:
        readings += [reading_of(p, min_words=MIN_PARAGRAPH_WORDS) for p in paragraphs]
    for reading in readings:
        if (
            reading is not None
            and reading.language != "en"
            and reading.confidence >= MIN_CONFIDENCE
        ):
            return reading
    return None


def english_errors(texts: dict[str, tuple[str, str]]) -> dict[str, list[str]]:
    """{field: [message]} for each text that is not in English. `texts` maps a field name to
    (its label, its text)."""
    errors: dict[str, list[str]] = {}
    for field, (label, text) in texts.items():
        reading = foreign_reading(text)
        if reading is not None:
            errors[field] = [
                _("The %(field)s must be in English; it reads as %(language)s.")
                % {"field": label, "language": reading.name}
            ]
    return errors
