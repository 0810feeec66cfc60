"""A newcomer signs up, confirms the address from the mail and signs in, in a real browser."""

import re

import pytest
from django.core import mail

from tests.factories import PASSWORD
from wsis.models import User

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_signup_confirm_login_journey(page):
    page.goto("/")
    page.get_by_role("link", name="Register").click()
    page.get_by_label("Email").fill("journey@example.org")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password (again)").fill(PASSWORD)
    page.get_by_role("button", name="Sign Up").click()
    page.get_by_role("heading", name="Verify Your Email Address").wait_for()

    assert [message.to for message in mail.outbox] == [["journey@example.org"]]
    confirm_path = re.search(r"https?://[^/]+(/accounts/confirm-email/\S+/)", mail.outbox[0].body)[
        1
    ]
    page.goto(confirm_path)
    page.get_by_role("button", name="Confirm").click()
    assert User.objects.get(email="journey@example.org").emailaddress_set.get().verified is True

    page.goto("/accounts/login/")
    page.get_by_label("Email").fill("journey@example.org")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.get_by_role("heading", name="My WSIS").wait_for()
    assert page.url.endswith("/my/")
    page.get_by_role("link", name="My account").click()
    assert page.get_by_text("Signed in as journey@example.org.", exact=True).is_visible()


def test_skip_link_moves_focus_to_main(page):
    page.goto("/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    assert skip.evaluate("element => element === document.activeElement") is True
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
