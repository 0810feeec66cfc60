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


def test_home_page_scheduled_news_and_imported_document_approved_and_live(
    browser_page, live_server
):
    """The issue's journey: the secretariat adds a block to the home page, schedules a news
    item and imports a policy document through the upload form, each submitted to moderation;
    a moderator approves the three; the anonymous visitor sees them live (the scheduled item
    once its time has come: the beat's task, with the clock moved on)."""
    import datetime as dt
    from pathlib import Path

    from django.utils import timezone
    from wagtail.models import Page

    from cms.models import HomePage
    from cms.tasks import task_publish_scheduled

    _demo_content()
    home = HomePage.objects.get(locale__language_code="en")
    index = NewsIndexPage.objects.get(locale__language_code="en")
    secretariat = _staff(Role.SECRETARIAT.value, "comms@example.org")
    moderator = _staff("Moderators", "moderator@example.org")
    page = browser_page
    page.set_default_timeout(20_000)
    sign_in_as(page, secretariat, live_server.url)

    # 1. The home page: a block added at the end, saved, submitted.
    page.goto(f"/cms-admin/pages/{home.pk}/edit/")
    page.get_by_role("button", name="Insert a block").last.click()
    page.get_by_role("option", name="Figures (live)").click()
    page.locator('input[name$="-value-heading"]').last.fill("The portal this week")
    page.get_by_role("button", name="Save draft").click()
    page.get_by_text("has been updated").first.wait_for()
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Submit to Moderators approval").click()
    page.get_by_text("submitted for moderation").first.wait_for()

    # 2. A news item scheduled to go live in an hour.
    go_live = timezone.localtime() + dt.timedelta(hours=1)
    page.goto(f"/cms-admin/pages/add/cms/newspage/{index.pk}/")
    page.locator("#id_title").fill("WSIS Forum 2027: the programme")
    page.locator("#id_summary").fill("The sessions of the next WSIS Forum.")
    page.locator('button[data-side-panel-toggle="status"]').click()
    page.get_by_role("button", name="Set schedule").click()
    page.locator("#id_go_live_at").fill(go_live.strftime("%Y-%m-%d %H:%M"))
    page.get_by_role("button", name="Save schedule").click()
    page.get_by_text("created").first.wait_for()
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Submit to Moderators approval").click()
    page.get_by_text("submitted for moderation").first.wait_for()
    item = NewsPage.objects.get(title="WSIS Forum 2027: the programme")
    assert item.get_latest_revision().as_object().go_live_at is not None

    # 3. A policy document imported through the upload form, its draft submitted.
    page.goto("/cms-admin/")
    page.get_by_role("link", name="Import a policy document").click()
    sample = Path(__file__).resolve().parents[1] / "cms" / "samples" / "small_policy.txt"
    page.get_by_label("Text file").set_input_files(str(sample))
    page.get_by_role("button", name="Import").click()
    page.get_by_role("heading", name="Report").wait_for()
    page.get_by_role("link", name="Open the draft").click()
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Submit to Moderators approval").click()
    page.get_by_text("submitted for moderation").first.wait_for()
    document = PolicyDocumentPage.objects.get(title__icontains="open data")
    for draft in (home, item, document):
        draft.refresh_from_db()
        assert draft.current_workflow_state is not None, draft
    assert not item.live
    assert not document.live

    # 4. The moderator approves the three.
    sign_in_as(page, moderator, live_server.url)
    for draft in (home, item, document):
        page.goto(f"/cms-admin/pages/{draft.pk}/edit/")
        page.get_by_role("button", name="More actions").click()
        page.get_by_role("button", name="Approve and Publish", exact=True).click()
        page.get_by_text("has been").first.wait_for()
    document.refresh_from_db()
    item.refresh_from_db()
    assert document.live
    assert not item.live  # scheduled: not before its time

    # 5. The anonymous visitor: the home page's new block and the document at once; the news
    # item once its time has come (the clock moved on, then the beat's task).
    sign_in_as(page, None, live_server.url)
    page.goto("/")
    page.get_by_role("heading", name="The portal this week").wait_for()
    page.goto("/documents/")
    page.get_by_role("link", name=document.title).click()
    page.get_by_role("heading", name=document.title, exact=True).first.wait_for()
    page.goto("/news/")
    assert page.get_by_text("WSIS Forum 2027: the programme").count() == 0
    revision = item.scheduled_revision
    earlier = timezone.now() - dt.timedelta(minutes=1)
    revision.approved_go_live_at = earlier
    revision.content["go_live_at"] = earlier.isoformat()
    revision.save(update_fields=["approved_go_live_at", "content"])
    Page.objects.filter(pk=item.pk).update(go_live_at=earlier)
    task_publish_scheduled.delay()
    page.goto("/news/")
    page.get_by_role("link", name="WSIS Forum 2027: the programme").click()
    page.get_by_role("heading", name="WSIS Forum 2027: the programme").wait_for()
