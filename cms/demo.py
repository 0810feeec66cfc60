"""Demo content of the CMS (idempotent; called by seed_demo): a home page composed of blocks,
a page tree (About WSIS, the Action Lines C1-C11, How to submit, FAQ, Contact), three news items,
a document library with a policy document imported from the project's own sample text, the
menu and footer, and the home page, About WSIS and a news item in the five other languages. A
moderator account publishes what the secretariat drafts.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale, Page

from cms.demo_translations import strings_in
from cms.enums import CmsGroup
from cms.models import (
    DocumentLibraryPage,
    HomePage,
    Navigation,
    NewsIndexPage,
    NewsPage,
    PolicyDocumentPage,
    StandardPage,
)
from cms.services import navigation_translate, page_translate, policy_document_import
from wsis.enums import Role
from wsis.management.commands.seed_demo import DEMO_PASSWORD
from wsis.models import ActionLine, User

MODERATOR_EMAIL = "moderator@demo.wsis.test"
DEMO_DOCUMENT = Path(__file__).with_name("demo_document.txt")
ACTION_LINE_CODES = tuple(f"C{number}" for number in range(1, 12))

STANDARD_PAGES = (
    # (slug, title, intro, paragraphs)
    (
        "about",
        "About WSIS",
        "The World Summit on the Information Society and the process that follows it up.",
        (
            (
                "The World Summit on the Information Society was held in two phases, in Geneva in "
                "2003 and in Tunis in 2005. Its outcome documents set out eleven Action Lines for "
                "building a people-centred, inclusive and development-oriented information society."
            ),
            (
                "Every year the WSIS Forum brings the stakeholders of the process together; WSIS "
                "Stocktaking records their activities and the WSIS Prizes recognise the best of "
                "them."
            ),
        ),
    ),
    (
        "how-to-submit",
        "How to submit",
        "Share your project in WSIS Stocktaking and enter the WSIS Prizes.",
        (
            (
                "Register with a confirmed e-mail address, join or create your organisation, then "
                "describe your project in WSIS Stocktaking. The secretariat checks each entry "
                "before "
                "it is public."
            ),
            (
                "During the call for entries, an approved stocktaking entry can be entered in one "
                "of "
                "the 18 categories of the WSIS Prizes."
            ),
        ),
    ),
    (
        "faq",
        "Frequently asked questions",
        "Answers to what the secretariat is asked most often.",
        (
            (
                "<b>Who may vote in the WSIS Prizes?</b> Anyone registered with a confirmed e-mail "
                "address, once per category."
            ),
            (
                "<b>Can I update a published entry?</b> Yes: the published version stays public "
                "until "
                "the secretariat approves your changes."
            ),
        ),
    ),
    (
        "contact",
        "Contact",
        "How to reach the WSIS secretariat.",
        ("The WSIS secretariat is hosted by ITU in Geneva. Write to wsis-info@itu.int.",),
    ),
)

NEWS = (
    # (slug, title, summary, topics, action line codes, SDG numbers, days ago)
    (
        "prizes-call-open",
        "The call for WSIS Prizes entries is open",
        "Stakeholders can enter their projects in the 18 categories of this year's contest.",
        ["WSIS Prizes"],
        ("C1", "C7"),
        (9, 17),
        20,
    ),
    (
        "forum-open-consultation",
        "Open consultation on the next WSIS Forum",
        "Propose themes and sessions for the next WSIS Forum until the end of the month.",
        ["WSIS Forum", "Consultation"],
        ("C11",),
        (17,),
        10,
    ),
    (
        "stocktaking-report",
        "The WSIS Stocktaking Report is published",
        "This year's report presents the approved entries by region, Action Line and SDG.",
        ["WSIS Stocktaking"],
        ("C3", "C4"),
        (4, 9),
        3,
    ),
)


def _paragraphs(paragraphs) -> list[dict]:
    return [{"type": "paragraph", "value": f"<p>{text}</p>"} for text in paragraphs]


def _moderator() -> User:
    user = User.objects.filter(email=MODERATOR_EMAIL).first()
    if user is None:
        user = User.objects.create_user(email=MODERATOR_EMAIL, password=DEMO_PASSWORD)
    user.full_name = "Mona Moderator"
    user.is_staff = True
    user.save()
    EmailAddress.objects.update_or_create(
        user=user, email=MODERATOR_EMAIL, defaults={"verified": True, "primary": True}
    )
    user.groups.add(
        Group.objects.get(name=Role.SECRETARIAT), Group.objects.get(name=CmsGroup.MODERATORS)
    )
    return user


def _child(parent: Page, model, slug: str, moderator: User, **fields) -> Page:
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific
    page = model(slug=slug, live=False, **fields)
    parent.add_child(instance=page)
    page.save_revision(user=moderator).publish(user=moderator)
    page.refresh_from_db()
    return page


def _home_blocks(news: NewsIndexPage, library: DocumentLibraryPage, about: Page) -> list[dict]:
    return [
        {
            "type": "hero",
            "value": {
                "heading": "World Summit on the Information Society",
                "text": (
                    "Projects, prizes, events and roadmaps of the WSIS process, in one place "
                    "and open to all."
                ),
                "image": None,
                "links": [
                    {"label": "Search WSIS Stocktaking", "page": None, "url": "/stocktaking/"},
                    {"label": "About WSIS", "page": about.pk, "url": ""},
                ],
            },
        },
        {"type": "calls_to_action", "value": {"heading": "Now on the portal"}},
        {"type": "figures", "value": {"heading": "WSIS Stocktaking in figures"}},
        {"type": "latest_entries", "value": {"heading": "Latest stocktaking entries", "count": 4}},
        {"type": "upcoming_sessions", "value": {"heading": "Upcoming sessions", "count": 4}},
        {"type": "latest_outcomes", "value": {"heading": "Latest outcome documents", "count": 3}},
        {"type": "latest_news", "value": {"heading": "News", "count": 3}},
        {
            "type": "featured",
            "value": {
                "heading": "Featured",
                "items": [
                    {
                        "title": "Policy documents",
                        "text": "The secretariat's long-form documents, with annexes and notes.",
                        "image": None,
                        "link": {"label": "The document library", "page": library.pk, "url": ""},
                    },
                    {
                        "title": "Action Line Roadmaps",
                        "text": "The living plans of the Action Line facilitators.",
                        "image": None,
                        "link": {"label": "Read the roadmaps", "page": None, "url": "/roadmaps/"},
                    },
                ],
            },
        },
    ]


def _translations(home, about, news, call, moderator) -> int:
    """The home page, About WSIS, the news index and the prize call in the five other languages,
    through wagtail-localize (a translator finds them in its editor); published at the commit."""
    made = 0
    for language, _name in settings.LANGUAGES:
        if language == settings.LANGUAGE_CODE:
            continue
        locale = Locale.objects.get(language_code=language)
        strings = strings_in(language)
        for page in (home, news, about, call):
            translation = page.get_translation_or_none(locale)
            if translation is not None and not translation.alias_of_id:
                continue
            page_translate(page=page, language=language, strings=strings, by=moderator)
            made += 1
    return made


@transaction.atomic
def seed_demo_content(stdout) -> None:
    moderator = _moderator()
    home = HomePage.objects.get(locale__language_code=settings.LANGUAGE_CODE)
    pages = {}
    for slug, title, intro, paragraphs in STANDARD_PAGES:
        pages[slug] = _child(
            home, StandardPage, slug, moderator, title=title, intro=intro,
            body=_paragraphs(paragraphs),
        )  # fmt: skip
    lines_page = _child(
        home, StandardPage, "action-lines", moderator, title="WSIS Action Lines",
        intro="The eleven Action Lines of the Geneva Plan of Action.",
    )  # fmt: skip
    for line in ActionLine.objects.filter(code__in=ACTION_LINE_CODES).order_by("position"):
        _child(
            lines_page, StandardPage, line.slug, moderator, title=f"{line.code} {line.name}",
            intro=f"WSIS Action Line {line.code}: {line.name}.", action_line=line,
            body=[{"type": "hub", "value": {
                "heading": f"{line.code} in WSIS Stocktaking, the Prizes and the Forum",
                "subject": "", "sections": ["entries", "roadmaps", "prizes", "forum"],
            }}],
        )  # fmt: skip
    news = _child(
        home, NewsIndexPage, "news", moderator, title="News and announcements",
        intro="Calls, consultations and publications of the WSIS process.",
    )  # fmt: skip
    today = timezone.localdate()
    for slug, title, summary, topics, codes, sdgs, days_ago in NEWS:
        if news.get_children().filter(slug=slug).exists():
            continue
        item = NewsPage(
            slug=slug, title=title, summary=summary, live=False,
            date=today - dt.timedelta(days=days_ago), body=_paragraphs((summary,)),
        )  # fmt: skip
        item.topics.add(*topics)
        news.add_child(instance=item)
        item.action_lines.set(ActionLine.objects.filter(code__in=codes))
        item.sdgs.set(sdgs)
        item.save_revision(user=moderator).publish(user=moderator)
    library = _child(
        home, DocumentLibraryPage, "documents", moderator, title="Document library",
        intro="Policy documents of the WSIS secretariat, with their annexes and notes.",
    )  # fmt: skip
    report = policy_document_import(
        text=DEMO_DOCUMENT.read_text(encoding="utf-8"), library=library, by=moderator
    )
    document = report.page
    if not document.live:
        document.specific.save_revision(user=moderator).publish(user=moderator)
    if not home.body:
        home.body = _home_blocks(news, library, pages["about"])
        home.save_revision(user=moderator).publish(user=moderator)
    navigation = Navigation.load()
    if not navigation.menu:
        navigation.menu = [
            {"type": "link", "value": {"label": label, "page": page.pk, "url": ""}}
            for label, page in (("About", pages["about"]), ("News", news), ("Documents", library))
        ]
        navigation.footer_links = [
            {"type": "link", "value": {"label": label, "page": pages[slug].pk, "url": ""}}
            for label, slug in (
                ("How to submit", "how-to-submit"),
                ("FAQ", "faq"),
                ("Contact", "contact"),
            )
        ]
        navigation.save()
    # The menu and footer in the five other languages, through wagtail-localize.
    for language, _name in settings.LANGUAGES:
        if not Navigation.objects.filter(locale__language_code=language).exists():
            navigation_translate(
                navigation=navigation, language=language, strings=strings_in(language), by=moderator
            )
    translated = _translations(
        home, pages["about"], news, news.get_children().get(slug=NEWS[0][0]).specific, moderator
    )
    stdout.write(
        f"CMS: home page, {StandardPage.objects.count()} pages, "
        f"{NewsPage.objects.count()} news items, {PolicyDocumentPage.objects.count()} documents; "
        f"{translated} translations."
    )
