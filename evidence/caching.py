"""What the evidence app changes on cached pages (see docs/caching.md).

Nothing of its own is cached separately: its links and Questions show on the pages of the apps
they join (entry, session, outcome and roadmap pages) and on the Questions' pages, which are
cached whole under the namespaces they show. Saving or deleting a link bumps the namespaces of
both of its ends; a Question, the namespaces of the entries and prize entries it lists.

The thematic repositories' pages (the list and each repository) are cached whole under `core`
and `stocktaking`, the namespace of the entries they list and of the entry pages that name
them: saving or deleting a repository bumps `stocktaking`; a proposal bumps it when it moves
into or out of "accepted" (the workflow's signal) or an accepted one is saved or deleted; a
pending or declined proposal shows nowhere public and bumps nothing.
"""

from __future__ import annotations

from evidence.enums import PROPOSAL_PUBLIC_STATES
from evidence.models import (
    EntrySessionLink,
    OutcomeClauseLink,
    OutcomeEntryLink,
    QuestionEntryLink,
    QuestionPrizeEntryLink,
    RepositoryProposal,
    StudyGroupQuestion,
    ThematicRepository,
)
from wsis.caching import public_cache_bump_on_save, public_cache_bump_on_workflow
from wsis.enums import CacheNamespace

STOCKTAKING, EVENTS = CacheNamespace.STOCKTAKING, CacheNamespace.EVENTS
ROADMAPS, PRIZES = CacheNamespace.ROADMAPS, CacheNamespace.PRIZES

public_cache_bump_on_save(EntrySessionLink, STOCKTAKING, EVENTS)
public_cache_bump_on_save(OutcomeEntryLink, EVENTS, STOCKTAKING)
public_cache_bump_on_save(OutcomeClauseLink, EVENTS, ROADMAPS)
public_cache_bump_on_save(StudyGroupQuestion, STOCKTAKING, PRIZES)
public_cache_bump_on_save(QuestionEntryLink, STOCKTAKING)
public_cache_bump_on_save(QuestionPrizeEntryLink, PRIZES)
public_cache_bump_on_save(ThematicRepository, STOCKTAKING)
public_cache_bump_on_workflow(RepositoryProposal, STOCKTAKING, public_states=PROPOSAL_PUBLIC_STATES)
