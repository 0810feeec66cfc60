"""Generations: one counter per namespace of public content (`CacheNamespace`).

Everything cached for the public (pages, rows, counts, API representations) is keyed by the
current generation of each namespace it shows. Bumping a namespace moves its generation on, so
everything stored under the old one is simply never read again (the next reader's computation
replaces it): a change shows at once, without listing or deleting keys.

Bumps are declared once per app, in its `caching.py`, as receivers of the workflow transition
signal and of saves and deletions (`public_cache_bump_on_save`); business code bumps explicitly
only where no signal sees the change (a bulk `update()`, `bulk_create`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save

from wsis.cache_backend import generation_seed
from wsis.enums import CacheNamespace
from wsis.signals import workflow_transitioned

GENERATION_PREFIX = "public-generation:"
# Every namespace of public pages; reference data ("core") appears on all of them.
PUBLIC_NAMESPACES: tuple[str, ...] = tuple(namespace.value for namespace in CacheNamespace)


def namespace_names(namespaces: Iterable[str]) -> tuple[str, ...]:
    """The namespaces' names, each checked against `CacheNamespace` (ValueError for a typo)."""
    return tuple(CacheNamespace(namespace).value for namespace in namespaces)


# The generations a request has read, kept for the rest of it (set by
# `PublicPageCacheMiddleware`): its page, counts and reference lists then agree on one snapshot
# and cost one cache round trip, not one each. None outside a request (tasks, commands).
request_generations: ContextVar[dict[str, int] | None] = ContextVar(
    "public_cache_request_generations", default=None
)


def public_cache_generations(namespaces: Iterable[str]) -> str:
    """ "stocktaking3:prizes1": the current generations of these namespaces in one cache round
    trip, none if the request read them already (a namespace never bumped yet starts at
    `generation_seed()`)."""
    namespaces = namespace_names(namespaces)
    known = request_generations.get()
    if known is None:
        known = {}
    unread = [namespace for namespace in namespaces if namespace not in known]
    if unread:
        keys = {f"{GENERATION_PREFIX}{namespace}": namespace for namespace in unread}
        found = cache.get_many(list(keys))
        # A generation missing (never bumped yet, or Redis lost its data) starts from a value
        # larger than any it had before (`generation_seed`); `add`, so that concurrent readers
        # agree on one. When the cache cannot be reached, the seed is only this request's.
        for key in (key for key in keys if key not in found):
            seed = generation_seed()
            found[key] = seed if cache.add(key, seed, timeout=None) else cache.get(key, seed)
        known.update({keys[key]: generation for key, generation in found.items()})
    return ":".join(f"{namespace}{known[namespace]}" for namespace in namespaces)


def public_cache_bump_now(*namespaces: str) -> None:
    """Moves the generations on at once (outside a transaction: tests, management commands)."""
    known = request_generations.get()
    for namespace in namespace_names(namespaces):
        key = f"{GENERATION_PREFIX}{namespace}"
        try:
            cache.incr(key)
        except ValueError:
            cache.set(key, generation_seed(), timeout=None)
        if known is not None:
            known.pop(namespace, None)  # what the request reads next is the new generation


# namespace → what to call right after its generation moves on (e.g. schedule a task that counts
# again what the next visitor's page would otherwise count). Filled by the apps' `ready()`.
PUBLIC_CACHE_WARMERS: dict[str, list[Callable[[], object]]] = {}


def public_cache_warm_on_bump(namespace: str, warmer: Callable[[], object]) -> None:
    """Registers `warmer` to be called once the generation of `namespace` is bumped on commit."""
    warmers = PUBLIC_CACHE_WARMERS.setdefault(CacheNamespace(namespace).value, [])
    if warmer not in warmers:
        warmers.append(warmer)


def _bump_and_warm(namespaces: tuple[str, ...]) -> None:
    public_cache_bump_now(*namespaces)
    for namespace in dict.fromkeys(namespaces):
        for warmer in PUBLIC_CACHE_WARMERS.get(namespace, ()):
            warmer()


# The namespaces bumped inside `public_cache_bumps_coalesced`, bumped once when it ends.
_coalesced: ContextVar[set[str] | None] = ContextVar("public_cache_coalesced", default=None)


def public_cache_bump(*namespaces: str) -> None:
    """Invalidates everything cached of these namespaces once the current transaction commits,
    then calls their warmers (see `public_cache_warm_on_bump`)."""
    names = namespace_names(namespaces)
    pending = _coalesced.get()
    if pending is not None:
        pending.update(names)
        return
    transaction.on_commit(lambda: _bump_and_warm(names), robust=True)


@contextmanager
def public_cache_bumps_coalesced() -> Iterator[None]:
    """Within the block, bumps (the receivers' too) are collected and made once at its end: for
    a load of many rows (the reference data), where one bump per row would bump and warm the same
    namespaces hundreds of times."""
    if _coalesced.get() is not None:
        yield
        return
    pending: set[str] = set()
    token = _coalesced.set(pending)
    try:
        yield
    finally:
        _coalesced.reset(token)
        if pending:
            public_cache_bump(*(name for name in PUBLIC_NAMESPACES if name in pending))


def public_cache_bump_on_save(
    model: type, *namespaces: str, when: Callable[[object], bool] = lambda obj: True
) -> None:
    """Declares that saving or deleting a `model` changes public pages of `namespaces` (for the
    saved object where `when(obj)` holds): both bump them on commit. Fixture loading (`raw`)
    does not."""
    names = namespace_names(namespaces)

    def bump(sender, instance, raw=False, **kwargs) -> None:
        if not raw and when(instance):
            public_cache_bump(*names)

    uid = f"public-cache:{model._meta.label}:{':'.join(names)}"
    post_save.connect(bump, sender=model, weak=False, dispatch_uid=uid)
    post_delete.connect(bump, sender=model, weak=False, dispatch_uid=uid)


def public_cache_bump_on_workflow(
    model: type, *namespaces: str, public_states: Iterable[str], state_field: str = "status"
) -> None:
    """Declares that a `model` run by a workflow shows on public pages of `namespaces` while in
    `public_states`: a move into or out of them (the transition signal) bumps them, and so does
    saving or deleting an object in one of them. A save that writes the state is the move's own
    and left to the transition signal, which knows both states."""
    names = namespace_names(namespaces)
    public_states = frozenset(public_states)

    def bump_on_move(sender, source, target, **kwargs) -> None:
        if source in public_states or target in public_states:
            public_cache_bump(*names)

    def bump_on_save(sender, instance, raw=False, update_fields=None, **kwargs) -> None:
        if raw or getattr(instance, state_field) not in public_states:
            return
        if update_fields is not None and state_field in update_fields:
            return
        public_cache_bump(*names)

    uid = f"public-cache:{model._meta.label}:{':'.join(names)}"
    workflow_transitioned.connect(bump_on_move, sender=model, weak=False, dispatch_uid=uid)
    post_save.connect(bump_on_save, sender=model, weak=False, dispatch_uid=uid)
    post_delete.connect(bump_on_save, sender=model, weak=False, dispatch_uid=uid)
