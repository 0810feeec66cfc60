"""The content management in Chromium: axe-core over every CMS page type and block (the demo
content has them all), and the secretariat's journey through the Wagtail admin: a news item
composed and submitted by the secretariat, approved and published by a moderator, then public."""

from io import StringIO

import pytest
from django.contrib.auth.models import Group

from cms.models import NewsIndexPage, NewsPage, NewsSubscription, PolicyDocumentPage
from tests.browser.axe import axe_violations
from tests.browser.conftest import sign_in_as
from tests.cms.builders import every_block_page
from tests.conftest import FIGURES
from tests.factories import UserFactory
from wsis.enums import Role

pytestmark = [pytest.mark.browser]

PUBLIC_PAGES = (
    "/",
    "/about/",
    "/action-lines/",
    "/action-lines/c2/",  # the hub block of its Action Line
    "/news/",
    "/news/prizes-call-open/",
    "/documents/",
    "/search/?q=connectivity",
)
# In Arabic: the translated home page, About, news index and item, and pages not translated yet
# (English inside the right-to-left layout, with the note).
ARABIC_PAGES = (
    "/ar/",
    "/ar/about/",
    "/ar/action-lines/c2/",
    "/ar/news/",
    "/ar/news/prizes-call-open/",
    "/ar/news/forum-open-consultation/",
    "/ar/documents/",
    "/ar/search/?q=connectivity",
)


def _demo_content():
    from cms.demo import seed_demo_content

    seed_demo_content(StringIO())


def test_every_cms_page_type_has_no_axe_violations(browser_page, live_server):
    _demo_content()
    document = PolicyDocumentPage.objects.get()
    every_block = every_block_page(slug="every-block")
    checked = []
    for path in (
        *PUBLIC_PAGES,
        *ARABIC_PAGES,
        document.url,
        document.url + "print/",
        f"/ar{document.url}",
        "/documents/?q=roundtable",
        every_block.url,
        f"/ar{every_block.url}",
    ):
        browser_page.goto(path)
        assert axe_violations(browser_page) == [], path
        checked.append(path)
    reader = UserFactory(verified=True)
    sign_in_as(browser_page, reader, live_server.url)
    browser_page.goto("/news/subscription/")
    assert axe_violations(browser_page) == []
    browser_page.get_by_role("button", name="Subscribe").click()
    browser_page.get_by_text("Tick the box to agree").first.wait_for()
    assert axe_violations(browser_page) == []
    browser_page.get_by_label("I agree that the WSIS Portal mails me").check()
    browser_page.get_by_role("button", name="Subscribe").click()
    browser_page.get_by_text("You will receive the portal's news by e-mail.").wait_for()
    sign_in_as(browser_page, None, live_server.url)
    browser_page.goto(f"/news/unsubscribe/{NewsSubscription.objects.get().token}/")
    assert axe_violations(browser_page) == []
    FIGURES["accessibility (CMS)"] = f"{len(checked) + 3} CMS pages and states, 0 violations"


def _staff(group: str, email: str):
    user = UserFactory(is_staff=True, verified=True, email=email)
    user.groups.add(Group.objects.get(name=group))
    return user


def test_secretariat_composes_news_and_a_moderator_publishes_it(browser_page, live_server):
    _demo_content()
    index = NewsIndexPage.objects.get(locale__language_code="en")
    secretariat = _staff(Role.SECRETARIAT.value, "comms@example.org")
    moderator = _staff("Moderators", "moderator@example.org")
    page = browser_page

    sign_in_as(page, secretariat, live_server.url)
    page.goto("/")
    page.get_by_role("link", name="Content admin").click()
    page.goto(f"/cms-admin/pages/add/cms/newspage/{index.pk}/")
    page.locator("#id_title").fill("Call for WSIS Forum sessions")
    page.locator("#id_summary").fill("Propose a session for the next WSIS Forum.")
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Submit to Moderators approval").click()
    page.get_by_text("created and submitted for moderation").wait_for()
    item = NewsPage.objects.get(title="Call for WSIS Forum sessions")
    assert item.live is False
    page.goto(item.get_parent().url)
    assert page.get_by_text("Call for WSIS Forum sessions").count() == 0

    sign_in_as(page, moderator, live_server.url)
    page.goto(f"/cms-admin/pages/{item.pk}/edit/")
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Approve and Publish", exact=True).click()
    page.get_by_text("has been updated").wait_for()
    item.refresh_from_db()
    assert item.live is True

    sign_in_as(page, None, live_server.url)
    page.goto("/news/")
    page.get_by_role("link", name="Call for WSIS Forum sessions").click()
    page.get_by_role("heading", name="Call for WSIS Forum sessions").wait_for()
    assert page.url == f"{live_server.url}/news/call-for-wsis-forum-sessions/"
