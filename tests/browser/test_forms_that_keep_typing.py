"""Forms that respect people's time: drafts kept on the device as people type (put back with a
notice and a discard button, never over a newer saved version), bullet counters, and the
rich-text editor of roadmap clauses driven by the keyboard under the page's own CSP."""

from importlib import import_module

import pytest
from django.apps import apps as django_apps

from roadmaps.enums import VersionStatus
from roadmaps.models import Clause
from tests.browser.axe import AXE_JS, WCAG_21_AA
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, sign_in_as
from tests.roadmaps.factories import version_with_clauses
from tests.roadmaps.helpers import user_for

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NO_SIDEWAYS = "() => document.documentElement.scrollWidth <= window.innerWidth"


@pytest.fixture(autouse=True)
def _reference_data(transactional_db) -> None:
    """Action Lines, SDGs and role groups come from data migrations, which an earlier
    transactional test may have flushed; their loaders are idempotent."""
    for migration, loader in (
        ("0002_reference_data", "load_reference_data"),
        ("0003_roles", "create_roles"),
    ):
        getattr(import_module(f"wsis.migrations.{migration}"), loader)(django_apps, None)


@pytest.fixture
def strict_page(live_server):
    """A page that keeps the CSP (the suite's other pages bypass it to inject axe), collecting
    the console's errors."""
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (apt-get install -y chromium)")
    from django.db import connections
    from playwright.sync_api import sync_playwright

    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(base_url=live_server.url)
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.console_errors = []
        page.on(
            "console",
            lambda message: message.type == "error" and page.console_errors.append(message.text),
        )
        yield page
        context.close()
        browser.close()
        connections.close_all()
    connections.close_all()


def axe_violations(page) -> list[dict]:
    """axe-core under the page's own CSP: evaluated through the browser's debugging protocol,
    which the policy does not govern (a <script> tag would be refused, rightly)."""
    if not AXE_JS.exists():
        pytest.skip("axe-core is not installed (npm ci --prefix tests/browser)")
    page.evaluate(AXE_JS.read_text(encoding="utf-8"))
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        WCAG_21_AA,
    )
    return [
        {"id": v["id"], "targets": [node["target"] for node in v["nodes"]]}
        for v in result["violations"]
    ]


def _draft_clause():
    published = version_with_clauses(clauses=1, number=1)
    draft = version_with_clauses(
        clauses=1, number=2, status=VersionStatus.DRAFT, roadmap=published.roadmap
    )
    return draft.clauses.get()


def test_facilitator_writes_bold_and_a_list_with_the_keyboard_and_the_html_is_sanitised(
    strict_page, live_server
):
    page = strict_page
    clause = _draft_clause()
    facilitator = user_for("facilitator_here")
    sign_in_as(page, facilitator, live_server.url)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"/roadmaps/clauses/{clause.pk}/edit/")
    editor = page.locator("#id_proposed_timing_editor")
    editor.wait_for()
    # The label names the editor; the textarea carrying the HTML is hidden.
    assert page.get_by_label("Proposed timing").get_attribute("id") == "id_proposed_timing_editor"
    assert page.locator("#id_proposed_timing").is_hidden()

    editor.focus()
    page.keyboard.press("Control+a")
    page.keyboard.press("Delete")
    page.keyboard.type("Plan first phase")
    # Trix takes typing in asynchronously: each step waits until the editor shows the last.
    page.wait_for_function(
        "() => document.querySelector('#id_proposed_timing_editor').textContent"
        " === 'Plan first phase'"
    )
    # "first" selected with the keyboard, then made bold with Ctrl+B.
    for _ in range(6):
        page.keyboard.press("ArrowLeft")
    for _ in range(5):
        page.keyboard.press("Shift+ArrowLeft")
    page.wait_for_function("() => document.getSelection().toString() === 'first'")
    # Trix reads the selection into its own model on the document's `selectionchange` event, a
    # task queued after the key press: Ctrl+B before it toggles bold on the old, collapsed
    # selection (the next typing would be bold, "first" is not). Wait for the editor's model.
    page.wait_for_function(
        "() => document.querySelector('#id_proposed_timing_editor').editor"
        ".getSelectedRange().join() === '5,10'"
    )
    page.keyboard.press("Control+b")
    editor.locator("strong", has_text="first").wait_for()
    assert (
        page.locator("#id_proposed_timing_toolbar .rich-text-bold").get_attribute("aria-pressed")
        == "true"
    )
    page.keyboard.press("End")
    page.keyboard.press("Enter")
    # To the toolbar's "Bulleted list" with Shift+Tab and pressed with Enter.
    for _ in range(12):
        page.keyboard.press("Shift+Tab")
        if page.evaluate("() => document.activeElement.textContent") == "Bulleted list":
            break
    assert page.evaluate("() => document.activeElement.getAttribute('aria-pressed')") == "false"
    page.keyboard.press("Enter")
    # Trix hands the focus back to the editor, now in a list.
    assert page.evaluate("() => document.activeElement.id") == "id_proposed_timing_editor"
    page.keyboard.type("2026")
    page.keyboard.press("Enter")
    page.keyboard.type("2027")
    bullets = page.locator("#id_proposed_timing_toolbar .rich-text-bullets")
    assert bullets.get_attribute("aria-pressed") == "true"
    page.screenshot(path="tests/browser/screenshots/clause-editor-desktop.png", full_page=True)
    assert axe_violations(page) == []
    assert page.evaluate(NO_SIDEWAYS) is True

    page.get_by_role("button", name="Save clause").click()
    page.get_by_text(f"Clause {clause.label} was saved.").wait_for()
    clause.refresh_from_db()
    assert clause.proposed_timing == (
        "<p>Plan <strong>first</strong> phase</p><ul><li>2026</li><li>2027</li></ul>"
    )
    # Trix injected its default CSS with the page's nonce: nothing was refused.
    assert [error for error in page.console_errors if "Content Security Policy" in error] == []
    assert page.console_errors == []


def test_editor_at_390_px_fits_and_a_script_typed_in_is_dropped(strict_page, live_server):
    page = strict_page
    clause = _draft_clause()
    sign_in_as(page, user_for("facilitator_here"), live_server.url)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"/roadmaps/clauses/{clause.pk}/edit/")
    page.locator("#id_outcome_text_editor").wait_for()
    assert page.evaluate(NO_SIDEWAYS) is True
    page.screenshot(path="tests/browser/screenshots/clause-editor-phone.png", full_page=True)
    # HTML the editor would never write, put straight into the field it sends.
    page.evaluate(
        "() => { const t = document.querySelector('#id_outcome_text_editor');"
        " t.editor.loadHTML('<p>ok</p>'); document.querySelector('#id_outcome_text').value ="
        " '<div onclick=\"x()\">Kept</div><script>alert(1)</script><h2>Title</h2>'; }"
    )
    page.get_by_role("button", name="Save clause").click()
    page.get_by_text(f"Clause {clause.label} was saved.").wait_for()
    clause.refresh_from_db()
    assert clause.outcome_text == "<p>Kept</p><p>Title</p>"


def test_without_javascript_the_clause_form_is_plain_textareas(strict_page, live_server):
    page = strict_page
    clause = _draft_clause()
    sign_in_as(page, user_for("facilitator_here"), live_server.url)
    page.route("**/*.js", lambda route: route.abort())
    try:
        page.goto(f"/roadmaps/clauses/{clause.pk}/edit/")
        assert page.locator("trix-editor").count() == 0
        page.get_by_label("Proposed timing").fill("<p>By <em>2030</em></p>")
        page.get_by_role("button", name="Save clause").click()
        page.get_by_text(f"Clause {clause.label} was saved.").wait_for()
    finally:
        page.unroute("**/*.js")
    clause.refresh_from_db()
    assert clause.proposed_timing == "<p>By <em>2030</em></p>"


def test_clause_typing_survives_a_closed_tab_and_is_discarded_on_request(strict_page, live_server):
    page = strict_page
    clause = _draft_clause()
    sign_in_as(page, user_for("facilitator_here"), live_server.url)
    page.goto(f"/roadmaps/clauses/{clause.pk}/edit/")
    editor = page.locator("#id_proposed_timing_editor")
    editor.wait_for()
    page.get_by_label("Label").fill("Z9")
    editor.focus()
    page.keyboard.press("Control+a")
    page.keyboard.type("Typed before the tab closed")
    page.get_by_text("Kept on this device at").wait_for()
    page.close()

    page = page.context.new_page()
    page.goto(f"/roadmaps/clauses/{clause.pk}/edit/")
    notice = page.locator(".autosave-notice")
    notice.wait_for()
    assert "Your unsaved changes of" in notice.inner_text()
    assert page.get_by_label("Label").input_value() == "Z9"
    page.locator("#id_proposed_timing_editor").get_by_text("Typed before the tab closed").wait_for()
    assert axe_violations(page) == []

    page.get_by_role("button", name="Discard my unsaved changes").click()
    page.get_by_text("Your unsaved changes were discarded.").wait_for()
    assert page.get_by_label("Label").input_value() == clause.label
    assert "Typed before" not in page.locator("#id_proposed_timing_editor").inner_text()
    page.reload()
    page.locator("#id_proposed_timing_editor").wait_for()
    assert page.locator(".autosave-notice").count() == 0


def test_a_draft_is_never_put_back_over_a_newer_saved_version(strict_page, live_server):
    page = strict_page
    clause = _draft_clause()
    sign_in_as(page, user_for("facilitator_here"), live_server.url)
    page.goto(f"/roadmaps/clauses/{clause.pk}/edit/")
    page.get_by_label("Label").fill("Mine")
    page.get_by_text("Kept on this device at").wait_for()
    # Somebody else saves the clause meanwhile.
    Clause.objects.filter(pk=clause.pk).update(label="Theirs", lock_version=clause.lock_version + 1)

    page.goto(f"/roadmaps/clauses/{clause.pk}/edit/")
    notice = page.locator(".autosave-notice")
    notice.wait_for()
    assert "were not put back" in notice.inner_text()
    assert page.get_by_label("Label").input_value() == "Theirs"
    # The unsaved text is still there to read and copy.
    page.get_by_text("Show my unsaved changes").click()
    assert "Mine" in notice.locator("dl").inner_text()
    assert axe_violations(page) == []


def test_a_sent_form_leaves_no_draft_behind(strict_page, live_server):
    page = strict_page
    clause = _draft_clause()
    sign_in_as(page, user_for("facilitator_here"), live_server.url)
    page.goto(f"/roadmaps/clauses/{clause.pk}/edit/")
    page.get_by_label("Label").fill("Q1")
    page.get_by_role("button", name="Save clause").click()
    page.get_by_text("Clause Q1 was saved.").wait_for()
    assert (
        page.evaluate("() => Object.keys(localStorage).filter(k => k.startsWith('wsis-draft:'))")
        == []
    )
    page.goto(f"/roadmaps/clauses/{clause.pk}/edit/")
    page.locator("#id_proposed_timing_editor").wait_for()
    assert page.locator(".autosave-notice").count() == 0


def test_outcome_form_counts_bullets_and_keeps_typing(strict_page, live_server):
    from tests.events.factories import SessionFactory
    from tests.factories import MembershipFactory

    page = strict_page
    membership = MembershipFactory()
    session = SessionFactory(organisers=[membership.organisation])
    sign_in_as(page, membership.user, live_server.url)
    page.goto(f"{session.get_absolute_url()}outcome/")
    field = page.get_by_label("Key issues discussed")
    counter = page.locator("#id_key_issues_bulletcount")
    assert counter.inner_text() == "0 bullets (5 to 8)"
    field.fill("One\nTwo\n\n- Three")
    assert counter.inner_text() == "3 bullets: at least 5 are needed to submit"
    field.fill("\n".join(str(number) for number in range(9)))
    assert counter.inner_text() == "9 bullets: at most 8 may be submitted"
    page.get_by_text("Kept on this device at").wait_for()
    page.reload()
    page.locator(".autosave-notice").wait_for()
    assert field.input_value() == "\n".join(str(number) for number in range(9))
    assert axe_violations(page) == []
    assert page.console_errors == []


def _watched(page):
    """A page opened after `strict_page`, collecting its console's errors as that one does."""
    page.console_errors = []
    page.on(
        "console",
        lambda message: message.type == "error" and page.console_errors.append(message.text),
    )
    return page


def _stored_drafts(page) -> list[str]:
    return page.evaluate("() => Object.keys(localStorage).filter(k => k.startsWith('wsis-draft:'))")


def test_entry_typing_survives_a_closed_tab_and_the_draft_goes_once_saved(strict_page, live_server):
    from stocktaking.enums import EntryStatus
    from stocktaking.models import Entry
    from tests.factories import MembershipFactory
    from tests.stocktaking.factories import EntryFactory

    page = strict_page
    member = MembershipFactory().user
    entry = EntryFactory(
        organisation=member.memberships.get().organisation,
        status=EntryStatus.DRAFT,
        description="Written <before> the editor\non two lines.\n\nA second paragraph.",
    )
    sign_in_as(page, member, live_server.url)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"/stocktaking/mine/{entry.pk}/edit/")
    editor = page.locator("#id_description_editor")
    editor.wait_for()
    # The plain text written before the editor keeps its lines and paragraphs in it.
    assert page.get_by_label("Description").get_attribute("id") == "id_description_editor"
    assert editor.evaluate("e => e.editor.getDocument().toString()") == (
        "Written <before> the editor\non two lines.\nA second paragraph.\n"
    )
    page.get_by_label("Title").fill("Solar telecentres, phase two")
    editor.focus()
    page.keyboard.press("Control+End")
    page.keyboard.type(" Typed before the tab closed.")
    page.get_by_text("Kept on this device at").wait_for()
    page.screenshot(path="tests/browser/screenshots/entry-editor-desktop.png", full_page=True)
    page.close()

    page = _watched(page.context.new_page())
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"/stocktaking/mine/{entry.pk}/edit/")
    notice = page.locator(".autosave-notice")
    notice.wait_for()
    assert "Your unsaved changes of" in notice.inner_text()
    assert page.get_by_label("Title").input_value() == "Solar telecentres, phase two"
    page.locator("#id_description_editor").get_by_text("Typed before the tab closed.").wait_for()
    assert page.evaluate(NO_SIDEWAYS) is True
    page.screenshot(path="tests/browser/screenshots/entry-editor-phone.png", full_page=True)
    assert axe_violations(page) == []

    page.get_by_role("button", name="Save draft").click()
    page.get_by_text("Your changes are saved.").wait_for()
    assert _stored_drafts(page) == []
    # The preview shows the paragraphs, the typed "<before>" as text.
    page.get_by_text("Written <before> the editor").wait_for()
    page.screenshot(path="tests/browser/screenshots/entry-description-phone.png", full_page=True)
    stored = Entry.objects.get(pk=entry.pk)
    assert stored.title == "Solar telecentres, phase two"
    assert stored.description == (
        "<p>Written &lt;before&gt; the editor<br>on two lines.</p>"
        "<p>A second paragraph. Typed before the tab closed.</p>"
    )
    page.goto(f"/stocktaking/mine/{entry.pk}/edit/")
    page.locator("#id_description_editor").wait_for()
    assert page.locator(".autosave-notice").count() == 0
    assert page.console_errors == []


def test_without_javascript_the_entry_description_is_plain_text_as_before(strict_page, live_server):
    from stocktaking.enums import EntryStatus
    from stocktaking.models import Entry
    from tests.factories import MembershipFactory
    from tests.stocktaking.factories import EntryFactory

    page = strict_page
    member = MembershipFactory().user
    entry = EntryFactory(
        organisation=member.memberships.get().organisation, status=EntryStatus.DRAFT
    )
    sign_in_as(page, member, live_server.url)
    page.route("**/*.js", lambda route: route.abort())
    try:
        page.goto(f"/stocktaking/mine/{entry.pk}/edit/")
        assert page.locator("trix-editor").count() == 0
        page.get_by_label("Description").fill("Typed as <plain> text\non two lines")
        page.get_by_role("button", name="Save draft").click()
        page.get_by_text("Your changes are saved.").wait_for()
        # As a textarea always sent it: the browser's line ends, kept as they came.
        stored = Entry.objects.get(pk=entry.pk).description
        assert stored == "Typed as <plain> text\r\non two lines"
        page.get_by_text("Typed as <plain> text").wait_for()
    finally:
        page.unroute("**/*.js")


def test_prize_entry_typing_survives_a_closed_tab_and_the_draft_goes_once_saved(
    strict_page, live_server
):
    from django.utils import timezone

    from stocktaking.prizes.enums import Phase
    from stocktaking.prizes.models import PrizeEntry
    from tests.factories import MembershipFactory
    from tests.prizes.factories import ContestFactory, PrizeEntryFactory

    page = strict_page
    member = MembershipFactory().user
    contest = ContestFactory(in_phase=Phase.ENTRIES_OPEN, at=timezone.now())
    entry = PrizeEntryFactory(contest=contest, organisation=member.memberships.get().organisation)
    sign_in_as(page, member, live_server.url)
    page.goto(f"/prizes/entries/{entry.pk}/edit/")
    page.get_by_label("Title").fill("Digital villages, second year")
    page.get_by_label("Impact").fill("Typed before the tab closed: 40 villages online.")
    page.get_by_text("Kept on this device at").wait_for()
    page.close()

    page = _watched(page.context.new_page())
    page.goto(f"/prizes/entries/{entry.pk}/edit/")
    notice = page.locator(".autosave-notice")
    notice.wait_for()
    assert "Your unsaved changes of" in notice.inner_text()
    assert page.get_by_label("Title").input_value() == "Digital villages, second year"
    assert page.get_by_label("Impact").input_value() == (
        "Typed before the tab closed: 40 villages online."
    )
    assert axe_violations(page) == []

    page.get_by_role("button", name="Save the draft").click()
    page.get_by_text("Your changes are saved.").wait_for()
    assert _stored_drafts(page) == []
    stored = PrizeEntry.objects.get(pk=entry.pk)
    assert (stored.title, stored.impact) == (
        "Digital villages, second year",
        "Typed before the tab closed: 40 villages online.",
    )
    page.goto(f"/prizes/entries/{entry.pk}/edit/")
    page.get_by_label("Title").wait_for()
    assert page.locator(".autosave-notice").count() == 0
    assert page.console_errors == []


def test_the_prize_description_is_written_in_the_editor_and_its_counter_counts_words_not_tags(
    strict_page, live_server
):
    from django.utils import timezone

    from stocktaking.prizes.enums import Phase
    from stocktaking.prizes.models import PrizeEntry
    from tests.factories import MembershipFactory
    from tests.prizes.factories import DESCRIPTION, ContestFactory, PrizeEntryFactory

    page = strict_page
    member = MembershipFactory().user
    contest = ContestFactory(in_phase=Phase.ENTRIES_OPEN, at=timezone.now())
    # 160 words of plain text, written before the editor.
    entry = PrizeEntryFactory(contest=contest, organisation=member.memberships.get().organisation)
    sign_in_as(page, member, live_server.url)
    page.goto(f"/prizes/entries/{entry.pk}/edit/")
    editor = page.locator("#id_description_editor")
    editor.wait_for()
    assert page.get_by_label("Description", exact=True).get_attribute("id") == (
        "id_description_editor"
    )
    counter = page.locator("#id_description_wordcount")
    assert counter.inner_text() == "160 of 200 words"
    # The counter is announced with the editor.
    assert "id_description_wordcount" in editor.get_attribute("aria-describedby")

    editor.focus()
    page.keyboard.press("Control+End")
    page.keyboard.press("Enter")
    page.locator("#id_description_toolbar .rich-text-bullets").click()
    page.keyboard.type("alpha")
    page.keyboard.press("Enter")
    page.keyboard.type("beta")
    editor.locator("li", has_text="beta").wait_for()
    # Two words more; the list's tags and its items' edges are not words.
    page.wait_for_function(
        "() => document.querySelector('#id_description_wordcount').textContent"
        " === '162 of 200 words'"
    )
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    page.keyboard.type(" ".join(["more"] * 40))
    page.wait_for_function(
        "() => document.querySelector('#id_description_wordcount').textContent"
        " === '202 words: 2 too many'"
    )
    assert "word-count-over" in counter.get_attribute("class")
    assert axe_violations(page) == []

    # The server counts as the counter did.
    page.get_by_role("button", name="Save the draft").click()
    page.get_by_text("The description must have 150 to 200 words; it has 202.").first.wait_for()
    editor.click()
    page.keyboard.press("Control+End")
    # Trix reads the selection on `selectionchange`, after the key press: wait for its model.
    page.wait_for_function(
        "() => { const e = document.querySelector('#id_description_editor').editor;"
        " return e.getSelectedRange()[0] === e.getDocument().getLength() - 1; }"
    )
    for _ in range(len(" more more")):
        page.keyboard.press("Backspace")
    page.wait_for_function(
        "() => document.querySelector('#id_description_wordcount').textContent"
        " === '200 of 200 words'"
    )
    page.get_by_role("button", name="Save the draft").click()
    page.get_by_text("Your changes are saved.").wait_for()
    stored = PrizeEntry.objects.get(pk=entry.pk).description
    assert stored == (
        f"<p>{DESCRIPTION}</p><ul><li>alpha</li><li>beta</li></ul><p>{' '.join(['more'] * 38)}</p>"
    )
    # The entry's page shows it as written.
    page.get_by_text("alpha").wait_for()
    assert page.console_errors == []
