"""A person makes an API token, uses it and revokes it; a contact invites a colleague, who
accepts (issue 13, items 3 and 7), in Chromium."""

import re

import pytest

from tests.browser.conftest import sign_in_as
from tests.factories import MembershipFactory, UserFactory
from wsis.models import Membership

pytestmark = pytest.mark.django_db(transaction=True)


def test_api_token_journey(page, live_server, tmp_path):
    person = UserFactory(email="ada@example.org", verified=True)
    sign_in_as(page, person, live_server.url)
    page.goto("/accounts/profile/")
    page.get_by_role("link", name="API tokens").click()
    page.get_by_label("Name").fill("Reporting script")
    page.get_by_role("button", name="Create token").click()
    key = page.locator("code.token-key").inner_text()
    assert re.fullmatch(r"wsis_[0-9a-f]{64}", key)
    page.screenshot(path=tmp_path / "api-tokens.png", full_page=True)
    api = page.context.request
    assert api.get("/api/v1/reference/sdgs/", headers={"Authorization": f"Token {key}"}).ok
    page.goto("/accounts/tokens/")
    assert key not in page.content()
    page.get_by_role("button", name="Revoke Reporting script").click()
    assert page.get_by_text("You have no API token.").is_visible()
    refused = api.get("/api/v1/reference/sdgs/", headers={"Authorization": f"Token {key}"})
    assert refused.status == 401


def test_invitation_journey(page, live_server, tmp_path):
    contact = MembershipFactory(is_contact=True, organisation__name="Digital Villages")
    colleague = UserFactory(email="colleague@example.org", verified=True)
    sign_in_as(page, contact.user, live_server.url)
    page.goto(f"/organisations/{contact.organisation.slug}/")
    page.get_by_label("E-mail address of the person to invite").fill("colleague@example.org")
    page.get_by_role("button", name="Send invitation").click()
    assert page.get_by_text("An invitation was sent to colleague@example.org").is_visible()
    assert not Membership.objects.filter(user=colleague).exists()
    sign_in_as(page, colleague, live_server.url)
    page.goto("/accounts/profile/")
    page.get_by_role("link", name="Invitations").click()
    page.screenshot(path=tmp_path / "invitations.png", full_page=True)
    page.get_by_role("button", name="Join Digital Villages").click()
    assert page.get_by_role("heading", name="Digital Villages").is_visible()
    assert page.get_by_text("You are now a member of Digital Villages.").is_visible()
    assert Membership.objects.filter(user=colleague, organisation=contact.organisation).exists()
