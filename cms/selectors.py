"""Every non-trivial read of the content management: the home page's live blocks (through the
apps' own selectors), news, documents and the menu."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page, PageViewRestriction

from cms.enums import CallToActionKind
from cms.models import Navigation, NewsPage, PolicyDocumentPage
from events.selectors import events_public, outcomes_public_listed, outcomes_search, sessions_public
from roadmaps.selectors import action_lines_with_published_roadmap
from stocktaking.prizes import selectors as prizes
from stocktaking.prizes.enums import Phase
from stocktaking.selectors import entries_public_listed, entries_search
from wsis.i18n import url_in_language


@dataclass(frozen=True)
class CallToAction:
    kind: str
    text: str
    url: str
    label: str


def _isolated(text: str, **values: str) -> str:
    """`text` (a translated sentence) with its values, each isolated from the sentence's
    direction (`<bdi>`): an event's English name inside an Arabic sentence keeps its own order
    and does not reorder the words around it. Escaped, safe to show."""
    return mark_safe(  # noqa: S308 - every part is escaped here
        conditional_escape(text)
        % {name: format_html("<bdi>{}</bdi>", value) for name, value in values.items()}
    )


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
                _isolated(
                    _("Organisers of %(event)s: submit your outcome document by %(date)s."),
                    event=event.name,
                    date=formats.date_format(event.outcome_deadline),
                ),
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


# --- Languages ---

LOCALES_KEY = "cms-locales"


def locale_ids() -> dict[str, int]:
    """Wagtail's locales by language code: read once, then from the cache until a locale is
    saved or deleted (`cms.receivers`)."""
    found = cache.get(LOCALES_KEY)
    if found is None:
        found = dict(Locale.objects.values_list("language_code", "id"))
        cache.set(LOCALES_KEY, found, timeout=None)
    return found


def in_visitor_language(pages: QuerySet) -> QuerySet:
    """The pages of `pages` in the active language, and those not translated into it yet in the
    portal's default language, each page once."""
    ids = locale_ids()
    default = ids.get(settings.LANGUAGE_CODE)
    active = ids.get(get_language() or "", default)
    if active == default:
        return pages.filter(locale_id=default)
    translated = Page.objects.filter(locale_id=active, live=True).values("translation_key")
    return pages.filter(
        Q(locale_id=active) | Q(locale_id=default) & ~Q(translation_key__in=translated)
    )


@dataclass(frozen=True)
class LivePage:
    pk: int
    url: str
    translation_key: str
    language: str


@dataclass(frozen=True)
class LivePages:
    """Every live page's address, by id and by translation (its versions in each language)."""

    by_id: dict[int, LivePage]
    by_translation: dict[str, dict[str, LivePage]]


def live_pages() -> LivePages:
    """The addresses of the live pages, in one query: what the links of blocks and the
    `hreflang` alternates of every page need, without a query per page (read once per "cms"
    generation through `cms.caching.cms_live_pages`)."""
    by_id: dict[int, LivePage] = {}
    by_translation: dict[str, dict[str, LivePage]] = {}
    pages = (
        Page.objects.live()
        .select_related("locale")
        .only("id", "url_path", "depth", "path", "translation_key", "locale__language_code")
    )
    for page in pages:
        url = page.get_url()
        if url is None:
            continue
        live = LivePage(page.pk, url, str(page.translation_key), page.locale.language_code)
        by_id[page.pk] = live
        by_translation.setdefault(live.translation_key, {})[live.language] = live
    return LivePages(by_id, by_translation)


def page_languages(page: Page, request, live: LivePages) -> dict:
    """What the layout says of a page's languages, from the live pages' addresses `live` (no
    query): the language its text is in (`content_language`; another than the address's when
    the page is not translated yet), its live versions as `hreflang` alternates, and for a page
    shown in another language its original's address as the canonical one."""
    codes = {pk: code for code, pk in locale_ids().items()}
    content_language = codes.get(page.locale_id, settings.LANGUAGE_CODE)
    versions = live.by_translation.get(str(page.translation_key), {})
    query = request.META.get("QUERY_STRING", "") if request is not None else ""
    suffix = f"?{query}" if query else ""
    alternates = []
    for code, _name in settings.LANGUAGES:
        version = versions.get(code)
        if version is None:
            continue
        path = version.url + suffix
        alternates.append(
            {
                "code": code,
                "name_local": translation.get_language_info(code)["name_local"],
                "url": request.build_absolute_uri(path) if request is not None else path,
                "path": path,
                "is_default": code == settings.LANGUAGE_CODE,
            }
        )
    shown_elsewhere = content_language != get_language()
    canonical = ""
    if shown_elsewhere and request is not None:
        canonical = next(
            (alternate["url"] for alternate in alternates if alternate["code"] == content_language),
            "",
        )
    return {
        "content_language": content_language,
        "content_direction": "rtl"
        if translation.get_language_info(content_language)["bidi"]
        else "ltr",
        "content_in_other_language": shown_elsewhere,
        "language_alternates": alternates,
        "canonical_url": canonical,
    }


def news_live() -> QuerySet[NewsPage]:
    """Published news visible to everybody (no view restriction) in the visitor's language (an
    item not translated yet in the default language), newest first."""
    return in_visitor_language(
        NewsPage.objects.live()
        .filter(view_restrictions__isnull=True)
        .order_by("-date", "-first_published_at")
    )


def children_in_visitor_language(parent: Page, model) -> QuerySet:
    """The published, public children of `parent` in the visitor's language: those of the
    parent's version in that language, and those not translated yet from the default
    language's version."""
    paths = Page.objects.filter(translation_key=parent.translation_key).values_list(
        "path", flat=True
    )
    under = Q(pk__in=[])
    for path in paths:
        under |= Q(path__startswith=path, depth=parent.depth + 1)
    children = model.objects.live().filter(under)
    if view_restrictions_exist():
        # Wagtail's `public()` reads every restriction (a query): only when there are some.
        children = children.public()
    return in_visitor_language(children)


def news_of_index(index) -> QuerySet[NewsPage]:
    """The published news of a news index in the visitor's language, newest first."""
    return (
        children_in_visitor_language(index, NewsPage)
        .order_by("-date", "-first_published_at")
        .prefetch_related("topics", "action_lines", "sdgs")
    )


def news_latest(count: int) -> list[NewsPage]:
    return list(news_live()[:count])


def portal_figures() -> dict[str, int]:
    """Approved entries, the countries and organisations they come from, in one query (counted
    once per stocktaking generation through `cms.caching.cms_portal_figures`)."""
    return (
        entries_public_listed()
        .order_by()
        .aggregate(
            entries=Count("id", distinct=True),
            countries=Count("countries", distinct=True),
            organisations=Count("organisation", distinct=True),
        )
    )


# --- The live blocks (cms/blocks.py): what each shows, and when it changes by itself ---


@dataclass(frozen=True)
class LiveContent:
    items: object
    until: datetime | None = None


def live_calls_to_action() -> LiveContent:
    return LiveContent(*calls_to_action_live())


def live_latest_entries(count: int) -> LiveContent:
    return LiveContent(entries_latest(count))


def live_upcoming_sessions(count: int) -> LiveContent:
    sessions = sessions_upcoming(count)
    # The first session leaves the list when it starts.
    return LiveContent(sessions, sessions[0].starts_at if sessions else None)


def live_latest_outcomes(count: int) -> LiveContent:
    return LiveContent(outcomes_latest(count))


def live_latest_news(count: int) -> LiveContent:
    return LiveContent(news_latest(count))


HUB_NAMESPACES = ("core", "stocktaking", "prizes", "events", "roadmaps")


def policy_documents_of_library(library, *, query: str = "") -> list[PolicyDocumentPage]:
    documents = children_in_visitor_language(library, PolicyDocumentPage).order_by(
        "-document_date", "title"
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


def images_shown_by(page: Page) -> list[int]:
    """The ids of the library images a page's blocks show (the hero's, an image block's, a
    featured card's), read from its saved blocks: no query."""
    found: list[int] = []

    def walk(data) -> None:
        if isinstance(data, dict):
            for key, value in data.items():
                if key == "image" and isinstance(value, int) and not isinstance(value, bool):
                    found.append(value)
                else:
                    walk(value)
        elif isinstance(data, list):
            for item in data:
                walk(item)

    body = getattr(page, "body", None)
    if body is not None:
        walk(list(body.raw_data))
    return list(dict.fromkeys(found))


@dataclass(frozen=True)
class MenuLink:
    label: str
    url: str


@dataclass(frozen=True)
class SiteNavigation:
    menu: tuple[MenuLink, ...]
    footer_links: tuple[MenuLink, ...]
    footer_text: str


def _links(stream, language: str, translations: dict, *, own: bool) -> tuple[MenuLink, ...]:
    """The links of a menu in `language`: `own` when the menu is that language's (its labels
    are the translator's), else the default language's menu, each page named by its title in
    `language` when it is translated."""
    links = []
    for block in stream:
        value = block.value
        page = value.get("page")
        label = value["label"]
        if page is not None:
            version = translations.get((page.translation_key, language))
            if version is not None and not own and language != settings.LANGUAGE_CODE:
                # A page translated into the visitor's language is named by its own title there.
                label = version.title
            url = (version or page).get_url()
            if url and version is None:
                url = url_in_language(url, language)
        else:
            url = value.get("url")
            if url and url.startswith("/"):
                url = url_in_language(url, language)
        if url:
            links.append(MenuLink(label, url))
    return tuple(links)


NAVIGATION_KEY = "cms-navigation"
NO_NAVIGATION = SiteNavigation((), (), "")


def site_navigation_read() -> dict[str, SiteNavigation]:
    """The menu and footer as saved, in each language: that language's own (translated with
    wagtail-localize) when there is one, else the default language's; each chosen page at its
    current address in that language, named by the translator's label, or by its title there
    when the menu is not translated but the page is. Read when the menu or a page changes,
    never by a request: a query for the menus, one per menu and list for their pages, one for
    the pages' translations."""
    menus = {
        navigation.locale.language_code: navigation
        for navigation in Navigation.objects.select_related("locale")
    }
    if not menus:
        return {}
    default = menus.get(settings.LANGUAGE_CODE) or next(iter(menus.values()))
    pages = [
        block.value["page"]
        for navigation in menus.values()
        for block in (*navigation.menu, *navigation.footer_links)
        if block.value.get("page") is not None
    ]
    translations = {
        (version.translation_key, version.locale.language_code): version
        for version in Page.objects.live()
        .filter(translation_key__in={page.translation_key for page in pages})
        .select_related("locale")
    }
    navigation_in = {}
    for code, _name in settings.LANGUAGES:
        navigation = menus.get(code)
        own = navigation is not None
        navigation = navigation or default
        navigation_in[code] = SiteNavigation(
            _links(navigation.menu, code, translations, own=own),
            _links(navigation.footer_links, code, translations, own=own),
            navigation.footer_text,
        )
    return navigation_in


def site_navigation() -> SiteNavigation:
    """The menu and footer for the layout of every page, in the active language, from the cache
    alone: the portal's pages read no table for it. `cms.services.site_navigation_store` writes
    it when the menu or a page changes, and a CMS page rendered while it is missing (an emptied
    cache) writes it back; until then pages show the portal's own sections only."""
    return (cache.get(NAVIGATION_KEY) or {}).get(get_language()) or NO_NAVIGATION


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
    documents, other pages. A page found in any language is given in the visitor's language
    when it is translated into it (in the default language when it is not), once."""
    found: dict[str, list[SearchResult]] = {"news": [], "documents": [], "pages": []}
    hits = list(Page.objects.live().public().search(query, order_by_relevance=True)[: limit * 3])
    ids = locale_ids()
    default = ids.get(settings.LANGUAGE_CODE)
    active = ids.get(get_language() or "", default)
    keys = {hit.translation_key for hit in hits}
    versions = {
        (page.translation_key, page.locale_id): page
        for page in Page.objects.live()
        .public()
        .filter(translation_key__in=keys, locale_id__in={active, default})
        .specific()
    }
    seen = set()
    for hit in hits:
        key = hit.translation_key
        page = versions.get((key, active)) or versions.get((key, default))
        if page is None or page.depth <= 1 or key in seen:
            continue
        seen.add(key)
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
