"""The whole stocktaking cycle in Chromium: a stakeholder submits, the secretariat requests
changes in the admin, the stakeholder fixes and resubmits, the secretariat approves, the public
finds the entry by search and by filter, and the submitter got a mail for each decision."""

import pytest
from django.core import mail

from stocktaking.enums import EntryStatus
from stocktaking.models import Entry
from tests.factories import PASSWORD, MembershipFactory, secretariat_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, email):
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.get_by_role("heading", name="My WSIS").wait_for()


def sign_out(page):
    page.goto("/stocktaking/")
    page.get_by_role("button", name="Sign out").click()


def admin_decide(page, entry, action, button, reason=""):
    page.goto("/admin/stocktaking/entry/")
    page.locator(f"input[name=_selected_action][value='{entry.pk}']").check()
    page.locator("select[name=action]").select_option(action)
    page.get_by_role("button", name="Go").click()
    page.get_by_role("table", name="What will change").wait_for()
    if reason:
        page.get_by_label("Reason (the submitter sees it)").fill(reason)
    page.get_by_role("button", name=button).click()
    page.locator(".messagelist").wait_for()


def test_stocktaking_journey(page):
    stakeholder = MembershipFactory(user__email="stella@example.org").user
    secretariat = secretariat_user(email="sam@example.org")

    # The stakeholder writes a draft, checks the preview and submits it.
    sign_in(page, stakeholder.email)
    page.goto("/stocktaking/mine/")
    page.get_by_role("link", name="Add a new entry").click()
    page.get_by_label("Kind").select_option("project")
    page.locator("#id_title").fill("Solar-powered community telecentres")
    page.get_by_label("Summary").fill("Brings solar-powered internet centres to villages.")
    page.locator("#id_countries").select_option(label="Kenya")
    page.get_by_label("C2 Information and communication infrastructure").check()
    page.get_by_label("Primary Action Line").select_option(
        label="C2 Information and communication infrastructure"
    )
    page.get_by_label("SDG 7: Affordable and clean energy").check()
    page.locator("#id_website").fill("https://example.org/telecentres")
    page.get_by_role("button", name="Save draft").click()
    page.get_by_role("heading", name="Preview").wait_for()
    page.get_by_role("button", name="Submit for review").click()
    assert page.locator("#entry-state").inner_text() == "Submitted"
    entry = Entry.objects.get()
    sign_out(page)

    # The secretariat asks for changes in the admin, with a reason.
    sign_in(page, secretariat.email)
    admin_decide(page, entry, "request_changes_selected", "Request changes", "Name your partners.")
    sign_out(page)

    # The stakeholder sees the reason, fixes the entry and resubmits it.
    sign_in(page, stakeholder.email)
    page.goto("/stocktaking/mine/")
    assert page.get_by_role("cell", name="Name your partners.").is_visible()
    page.get_by_role("link", name="Solar-powered community telecentres").click()
    assert page.locator("#decision-reason").inner_text() == "Name your partners."
    page.get_by_role("link", name="Edit").click()
    page.locator("#id_partners").fill("Kenya Power, county governments")
    page.get_by_role("button", name="Save draft").click()
    page.get_by_role("button", name="Resubmit for review").click()
    assert page.locator("#entry-state").inner_text() == "Resubmitted"
    sign_out(page)

    # The secretariat approves.
    sign_in(page, secretariat.email)
    admin_decide(page, entry, "approve_selected", "Approve entries")
    entry.refresh_from_db()
    assert entry.status == EntryStatus.APPROVED
    sign_out(page)

    # The public finds it by search and by filter.
    page.goto("/stocktaking/")
    page.get_by_label("Search titles, summaries").fill("telecentres")
    page.get_by_label("Search titles, summaries").press("Enter")
    page.get_by_role("link", name="Solar-powered community telecentres").wait_for()
    page.goto("/stocktaking/")
    page.get_by_role("checkbox", name="SDG 7: Affordable and clean energy").check()
    page.get_by_role("button", name="Apply filters").click()
    assert "sdg=7" in page.url
    page.get_by_role("link", name="Solar-powered community telecentres").click()
    page.get_by_role("heading", name="Solar-powered community telecentres").wait_for()
    assert page.get_by_text("Kenya Power, county governments").is_visible()

    assert [(m.to, m.subject) for m in mail.outbox] == [
        (
            [stakeholder.email],
            "[WSIS] We received your stocktaking entry: “Solar-powered community telecentres”",
        ),
        (
            [stakeholder.email],
            (
                "[WSIS] Changes requested for your stocktaking entry: “Solar-powered community "
                "telecentres”"
            ),
        ),
        (
            [stakeholder.email],
            (
                "[WSIS] We received your changed stocktaking entry: “Solar-powered community "
                "telecentres”"
            ),
        ),
        (
            [stakeholder.email],
            "[WSIS] Your stocktaking entry was approved: “Solar-powered community telecentres”",
        ),
    ]
    assert "Name your partners." in mail.outbox[1].body
