"""What the Action Line Roadmaps cache, keyed by what, and when it is invalidated (see
docs/caching.md).

Cached: the public roadmap pages whole (`cache_public_page` in views.py), per language, path and
"roadmaps" generation.

Invalidated ("roadmaps" bumped on commit) by: a version's move into or out of a public state and
any save or deletion of a public version; any save or deletion of a roadmap; the deletion of a
clause (clauses are edited only in drafts, through the services; the admin may delete one).
"""

from __future__ import annotations

from django.db.models.signals import post_delete

from roadmaps.enums import PUBLIC_STATES
from roadmaps.models import Clause, Roadmap, RoadmapVersion
from wsis.caching import public_cache_bump, public_cache_bump_on_save, public_cache_bump_on_workflow
from wsis.enums import CacheNamespace

ROADMAPS = CacheNamespace.ROADMAPS

public_cache_bump_on_workflow(RoadmapVersion, ROADMAPS, public_states=PUBLIC_STATES)
public_cache_bump_on_save(Roadmap, ROADMAPS)


def _clause_deleted(sender, instance, **kwargs) -> None:
    public_cache_bump(ROADMAPS)


post_delete.connect(_clause_deleted, sender=Clause, dispatch_uid="public-cache:roadmaps.Clause")
