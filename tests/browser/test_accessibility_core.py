"""WCAG 2.1 A/AA checks (axe-core) of the core's page types, with error states."""

import pytest

from tests.browser.axe import axe_violations
from tests.factories import PASSWORD, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(
    "path",
    ["/", "/accounts/login/", "/accounts/signup/", "/accounts/password/reset/"],
)
def test_public_core_pages_have_no_axe_violations(page, path):
    page.goto(path)
    assert axe_violations(page) == []


def test_signup_form_with_errors_has_no_axe_violations(page):
    page.goto("/accounts/signup/")
    page.get_by_label("Email", exact=True).fill("not-an-address")
    page.get_by_label("Password", exact=True).fill("short")
    page.get_by_label("Password (again)").fill("different")
    page.get_by_label("Email", exact=True).evaluate("element => element.form.noValidate = true")
    page.get_by_role("button", name="Sign Up").click()
    # The error summary links to the field; the message also stands beside the field.
    page.get_by_role("link", name="Enter a valid email address.").wait_for()
    assert axe_violations(page) == []


def test_account_pages_have_no_axe_violations(page):
    UserFactory(email="a11y@example.org", verified=True)
    page.goto("/accounts/login/")
    page.get_by_label("Email", exact=True).fill("a11y@example.org")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.get_by_role("heading", name="My WSIS").wait_for()
    assert axe_violations(page) == []
    page.goto("/accounts/profile/")
    page.get_by_role("heading", name="My account").wait_for()
    assert axe_violations(page) == []
    page.goto("/organisations/new/")
    page.get_by_role("button", name="Create").click()
    page.get_by_text("This field is required.").first.wait_for()
    assert axe_violations(page) == []


def test_axe_check_catches_a_real_violation(page):
    page.goto("/")
    page.evaluate("document.querySelector('main').append(document.createElement('img'))")
    assert [violation["id"] for violation in axe_violations(page)] == ["image-alt"]
