"""Template filters of the events pages."""

from django import template

from events.selectors import speaker_key as _speaker_key

register = template.Library()


@register.filter
def speaker_key(name: str) -> str:
    """The address key of a speaker's page (events.selectors.speaker_key)."""
    return _speaker_key(name)
