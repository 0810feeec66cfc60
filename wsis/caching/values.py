"""Per-object and per-result values: a rendered row, an API representation, a count, kept
once per generation of the namespaces they show (see `wsis.caching.generations`)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from typing import TypeVar

from django.core.cache import cache
from django.http import HttpRequest
from django.template.loader import get_template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from wsis.caching.generations import public_cache_generations

T = TypeVar("T")


def public_cache_computed(
    prefix: str, namespaces: Iterable[str], key: str, compute: Callable[[], T], *, timeout: int
) -> T:
    """`compute()` (a count, a result's facet counts), computed once per `key` and generation of
    `namespaces`, then taken from the cache until the generation moves on."""
    cache_key = f"{prefix}:{public_cache_generations(namespaces)}:{key}"
    value = cache.get(cache_key)
    if value is None:
        value = compute()
        cache.set(cache_key, value, timeout=timeout)
    return value


def public_cache_computed_store(
    prefix: str, namespaces: Iterable[str], key: str, value: object, *, timeout: int
) -> None:
    """Stores what `public_cache_computed` would compute (a warmer that knows it already)."""
    cache.set(f"{prefix}:{public_cache_generations(namespaces)}:{key}", value, timeout=timeout)


def public_cache_each(
    objects: list,
    make: Callable[[object], T],
    *,
    prefix: str,
    namespaces: Iterable[str],
    marks: Callable[[object], tuple] = lambda obj: (),
    fetch: Callable[[list], object] = lambda objects: None,
    timeout: int = 3600,
) -> list[T]:
    """`make(object)` for each object (a rendered row, an API representation), made once per
    object, language, generation of `namespaces` and `marks(object)` (what else it shows that is
    not the object's own: a highlighted snippet, prize results), then taken from the cache in one
    round trip. `fetch(objects)` fetches what `make` needs beyond the object itself (its
    prefetches): called for the objects to make only. For anonymous visitors only: signed-in
    people always get fresh content, as with the page cache."""
    generations = public_cache_generations(namespaces)
    language = get_language()
    keys = {}
    for obj in objects:
        digest = hashlib.blake2b(
            repr((obj._meta.label, obj.pk, marks(obj))).encode(), digest_size=16
        ).hexdigest()
        keys[obj.pk] = f"{prefix}:{generations}:{language}:{digest}"
    found = cache.get_many(list(keys.values())) if keys else {}
    missing = [obj for obj in objects if keys[obj.pk] not in found]
    if missing:
        fetch(missing)
        made = {keys[obj.pk]: make(obj) for obj in missing}
        cache.set_many(made, timeout=timeout)
        found.update(made)
    return [found[keys[obj.pk]] for obj in objects]


def public_cache_rows(
    request: HttpRequest,
    objects: list,
    *,
    template_name: str,
    namespaces: tuple[str, ...],
    marks: Callable[[object], tuple] = lambda obj: (),
    fetch: Callable[[list], object] = lambda objects: None,
) -> list[str]:
    """Each object's row of a public list, rendered by `template_name` (with `object`): for
    anonymous visitors once per object and generation (`public_cache_each`), for signed-in people
    always afresh."""
    template = get_template(template_name)
    if request.user.is_authenticated:
        fetch(objects)
        return [template.render({"object": obj}) for obj in objects]
    rows = public_cache_each(
        objects,
        lambda obj: template.render({"object": obj}),
        prefix="public-row",
        namespaces=namespaces,
        marks=marks,
        fetch=fetch,
    )
    # Rendered by an escaping template, here or when stored.
    return [mark_safe(row) for row in rows]  # noqa: S308
