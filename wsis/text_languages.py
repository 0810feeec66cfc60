"""Texts written by people in one language and translated into others: which text a reader is
shown, and in which language.

A stocktaking entry, a prize entry and an outcome document each keep their original text (in the
language the writer declared, `text_language`) and translations of some of its fields
(`TRANSLATED_FIELDS`, each translation a row of their `translations`, with its language, its
translator and its date). A reader is shown the translation into their language when there is
one, else the original; a field a translation leaves empty shows the original's, marked with the
original's language.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class TextInLanguages:
    """What a reader of `reader_language` is shown of a text: `values` (field → text, also read
    as attributes: `text.title`), the language each field is in, the translation shown (None for
    the original) and every language the text can be read in, the original's first."""

    values: dict[str, object]
    language: str
    original_language: str
    translation: object | None
    languages: tuple[str, ...]
    reader_language: str
    field_languages: dict[str, str] = field(default_factory=dict)

    def __getattr__(self, name: str):
        # Called only for names that are not attributes: the shown fields.
        try:
            return vars(self)["values"][name]
        except KeyError:
            raise AttributeError(name) from None

    def __getitem__(self, name: str):
        # Templates look names up as keys first: a field, or else the attribute.
        if name in self.values:
            return self.values[name]
        raise KeyError(name)

    @property
    def is_in_readers_language(self) -> bool:
        return self.language == self.reader_language

    @property
    def other_languages(self) -> tuple[str, ...]:
        """The languages it can be read in besides the reader's."""
        return tuple(code for code in self.languages if code != self.reader_language)


def text_in(obj, language: str, fields: tuple[str, ...] | None = None) -> TextInLanguages:
    """`obj`'s text for a reader of `language`: its translations are read from
    `obj.translations.all()` (prefetched by the lists' selectors, read here otherwise). `fields`
    (by default all of `TRANSLATED_FIELDS`) are the ones shown: a list names only those it
    fetched."""
    fields = fields or obj.TRANSLATED_FIELDS
    original_language = obj.text_language
    translations = {translation.language: translation for translation in obj.translations.all()}
    translations.pop(original_language, None)
    chosen = translations.get(language) if language != original_language else None
    values: dict[str, object] = {}
    field_languages: dict[str, str] = {}
    for name in fields:
        translated = getattr(chosen, name, None) if chosen is not None else None
        if translated:
            values[name], field_languages[name] = translated, chosen.language
        else:
            values[name], field_languages[name] = getattr(obj, name), original_language
    return TextInLanguages(
        values=values,
        language=chosen.language if chosen else original_language,
        original_language=original_language,
        translation=chosen,
        languages=(original_language, *sorted(translations)),
        reader_language=language,
        field_languages=field_languages,
    )
