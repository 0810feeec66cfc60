"""Every non-trivial read of the content management: the home page's live blocks (through the
apps' own selectors), news, documents and the menu."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.core.cache import cache
from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from wagtail.models import Page, PageViewRestriction

from cms.caching import cms_cache_computed
from cms.enums import CallToActionKind
from cms.models import Navigation, NewsPage, PolicyDocumentPage
from events.selectors import events_public, outcomes_public_listed, outcomes_search, sessions_public
from roadmaps.selectors import action_lines_with_published_roadmap
from stocktaking.prizes import selectors as prizes
from stocktaking.prizes.enums import Phase
from stocktaking.selectors import entries_public_listed, entries_search


@dataclass(frozen=True)
class CallToAction:
    kind: str
    text: str
    url: str
    label: str


def _contest_calls(now: datetime) -> tuple[list[CallToAction], datetime | None]:
    calls: list[CallToAction] = []
    until = None
    for contest in prizes.contests_public().filter(year__gte=now.year - 1)[:3]:
        phase = prizes.phase_at(contest, now)
        ends = prizes.next_phase_start(contest, now)
        if ends is not None and (until is None or ends < until):
            until = ends
        if phase == Phase.ENTRIES_OPEN:
            calls.append(
                CallToAction(
                    CallToActionKind.PRIZE_ENTRIES_OPEN,
                    _("Entries for the WSIS Prizes %(year)s are open until %(date)s.")
                    % {"year": contest.year, "date": _day(contest.entries_close_at)},
                    reverse("prizes:entry_create", kwargs={"year": contest.year}),
                    _("Enter a project"),
                )
            )
        elif phase == Phase.VOTING_OPEN:
            calls.append(
                CallToAction(
                    CallToActionKind.PRIZE_VOTING_OPEN,
                    _("Voting for WSIS Prizes %(year)s is open: vote until %(date)s.")
                    % {"year": contest.year, "date": _day(contest.voting_closes_at)},
                    reverse("prizes:vote", kwargs={"year": contest.year}),
                    _("Vote now"),
                )
            )
        elif phase == Phase.WINNERS_ANNOUNCED:
            calls.append(
                CallToAction(
                    CallToActionKind.PRIZE_RESULTS,
                    _("The winners of the WSIS Prizes %(year)s are announced.")
                    % {"year": contest.year},
                    reverse("prizes:results", kwargs={"year": contest.year}),
                    _("See the winners"),
                )
            )
    return calls, until


def _outcome_calls(now: datetime) -> tuple[list[CallToAction], datetime | None]:
    today = timezone.localdate(now)
    calls = []
    events = (
        events_public()
        .prefetch_related(None)
        .filter(outcome_deadline__gte=today, start_date__lte=today)
        .order_by("outcome_deadline")[:2]
    )
    until = None
    for event in events:
        calls.append(
            CallToAction(
                CallToActionKind.OUTCOMES_DUE,
                _("Organisers of %(event)s: submit your outcome document by %(date)s.")
                % {"event": event.name, "date": formats.date_format(event.outcome_deadline)},
                event.get_absolute_url(),
                _("Submit your outcome document"),
            )
        )
        end_of_deadline = timezone.make_aware(
            datetime.combine(event.outcome_deadline, datetime.max.time())
        )
        if until is None or end_of_deadline < until:
            until = end_of_deadline
    return calls, until


def _day(moment: datetime | None) -> str:
    return formats.date_format(timezone.localtime(moment), "j F") if moment else ""


def calls_to_action_live(now: datetime | None = None) -> tuple[list[CallToAction], datetime | None]:
    """The calls to action of the portal's state at `now`, and the moment it next changes by
    itself (the next prize phase, the end of an outcome deadline)."""
    now = now or timezone.now()
    contest_calls, contest_until = _contest_calls(now)
    outcome_calls, outcome_until = _outcome_calls(now)
    moments = [moment for moment in (contest_until, outcome_until) if moment is not None]
    return contest_calls + outcome_calls, min(moments, default=None)


def entries_latest(count: int) -> list:
    return list(entries_public_listed()[:count])


def sessions_upcoming(count: int, now: datetime | None = None) -> list:
    now = now or timezone.now()
    return list(sessions_public().prefetch_related(None).filter(starts_at__gt=now)[:count])


def outcomes_latest(count: int) -> list:
    return list(outcomes_public_listed()[:count])


def news_live() -> QuerySet[NewsPage]:
    """Published news visible to everybody (no view restriction), newest first."""
    return (
        NewsPage.objects.live()
        .filter(view_restrictions__isnull=True)
        .order_by("-date", "-first_published_at")
    )


def news_latest(count: int) -> list[NewsPage]:
    return list(news_live()[:count])


def portal_figures() -> dict[str, int]:
    """Approved entries, the countries and organisations they come from: counted once per
    stocktaking generation."""

    def count() -> dict[str, int]:
        return (
            entries_public_listed()
            .order_by()
            .aggregate(
                entries=Count("id", distinct=True),
                countries=Count("countries", distinct=True),
                organisations=Count("organisation", distinct=True),
            )
        )

    return cms_cache_computed("cms-figures", ["stocktaking"], "all", count, timeout=3600)


def policy_documents_of_library(library, *, query: str = "") -> list[PolicyDocumentPage]:
    documents = (
        PolicyDocumentPage.objects.live().child_of(library).order_by("-document_date", "title")
    )
    if query:
        return list(documents.search(query, order_by_relevance=True))
    return list(documents)


VIEW_RESTRICTIONS_KEY = "cms-view-restrictions-exist"


def view_restrictions_exist() -> bool:
    """Whether any page is private (a password, sign-in or group restriction): read once, then
    from the cache until a restriction is saved or deleted (`cms.receivers`)."""
    found = cache.get(VIEW_RESTRICTIONS_KEY)
    if found is None:
        found = PageViewRestriction.objects.exists()
        cache.set(VIEW_RESTRICTIONS_KEY, found, timeout=None)
    return found


@dataclass(frozen=True)
class MenuLink:
    label: str
    url: str


@dataclass(frozen=True)
class SiteNavigation:
    menu: tuple[MenuLink, ...]
    footer_links: tuple[MenuLink, ...]
    footer_text: str


def _links(stream) -> tuple[MenuLink, ...]:
    links = []
    for block in stream:
        value = block.value
        page = value.get("page")
        url = page.url if page is not None else value.get("url")
        if url:
            links.append(MenuLink(value["label"], url))
    return tuple(links)


NAVIGATION_KEY = "cms-navigation"
NO_NAVIGATION = SiteNavigation((), (), "")


def site_navigation_read() -> SiteNavigation:
    """The menu and footer as saved, with each chosen page's current address."""
    navigation = Navigation.objects.first()
    if navigation is None:
        return NO_NAVIGATION
    return SiteNavigation(
        _links(navigation.menu), _links(navigation.footer_links), navigation.footer_text
    )


def site_navigation() -> SiteNavigation:
    """The menu and footer for the layout of every page, from the cache alone: the portal's
    pages read no table for it. `cms.services.site_navigation_store` writes it when the menu or a
    page changes, and a CMS page rendered while it is missing (an emptied cache) writes it back;
    until then pages show the portal's own sections only."""
    return cache.get(NAVIGATION_KEY) or NO_NAVIGATION


@dataclass(frozen=True)
class SearchResult:
    title: str
    url: str
    text: str = ""


@dataclass(frozen=True)
class SearchGroup:
    kind: str
    label: str
    results: list[SearchResult]


def pages_search(query: str, *, limit: int) -> dict[str, list[SearchResult]]:
    """Published, unrestricted pages matching `query` (Wagtail search), by kind: news,
    documents, other pages."""
    found: dict[str, list[SearchResult]] = {"news": [], "documents": [], "pages": []}
    hits = list(Page.objects.live().public().search(query, order_by_relevance=True)[: limit * 3])
    pages = Page.objects.filter(pk__in=[hit.pk for hit in hits]).specific().in_bulk()
    for hit in hits:
        page = pages.get(hit.pk)
        if page is None or page.depth <= 1:
            continue
        if isinstance(page, NewsPage):
            kind, text = "news", page.summary
        elif isinstance(page, PolicyDocumentPage):
            kind, text = "documents", page.summary
        else:
            kind, text = "pages", getattr(page, "intro", "")
        if len(found[kind]) < limit:
            found[kind].append(SearchResult(page.title, page.url, text))
    return found


def roadmap_published(action_line) -> bool:
    """Whether the Action Line (from `action_lines_with_published_roadmap`) has a published
    roadmap version."""
    roadmap = getattr(action_line, "roadmap", None)  # None: no roadmap at all
    return bool(roadmap is not None and roadmap.published_versions)


def site_search(query: str, *, limit: int = 10) -> list[SearchGroup]:
    """The header's search: CMS pages (Wagtail search) and each app's own search, grouped by
    kind; a kind without results is left out."""
    pages = pages_search(query, limit=limit)
    entries = entries_search(entries_public_listed(), query)[:limit]
    outcomes = outcomes_search(outcomes_public_listed(), query)[:limit]
    sessions = (
        sessions_public()
        .prefetch_related(None)
        .filter(Q(title__icontains=query) | Q(description__icontains=query))
        .order_by("-starts_at")[:limit]
    )
    roadmaps = [
        line
        for line in action_lines_with_published_roadmap().filter(
            Q(name__icontains=query) | Q(code__iexact=query)
        )
        if roadmap_published(line)
    ]
    groups = [
        SearchGroup("pages", _("Pages"), pages["pages"]),
        SearchGroup("news", _("News"), pages["news"]),
        SearchGroup("documents", _("Documents"), pages["documents"]),
        SearchGroup(
            "entries",
            _("Stocktaking entries"),
            [
                SearchResult(entry.title, entry.get_absolute_url(), entry.summary)
                for entry in entries
            ],
        ),
        SearchGroup(
            "outcomes",
            _("Outcome documents"),
            [
                SearchResult(str(outcome.session.title), outcome.get_absolute_url())
                for outcome in outcomes
            ],
        ),
        SearchGroup(
            "sessions",
            _("Sessions"),
            [SearchResult(session.title, session.get_absolute_url()) for session in sessions],
        ),
        SearchGroup(
            "roadmaps",
            _("Roadmaps"),
            [
                SearchResult(
                    f"{line.code} {line.name}",
                    reverse("roadmaps:roadmap_detail", kwargs={"slug": line.slug}),
                )
                for line in roadmaps[:limit]
            ],
        ),
    ]
    return [group for group in groups if group.results]
