"""The facilitator edits and submits a new roadmap version; the secretariat approves it."""

from importlib import import_module

import pytest
from django.apps import apps as django_apps

from roadmaps.enums import VersionStatus
from roadmaps.models import RoadmapVersion
from tests.factories import PASSWORD, secretariat_user
from tests.roadmaps.factories import version_with_clauses
from tests.roadmaps.helpers import user_for

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _reference_data(transactional_db) -> None:
    """The Action Lines, SDGs and role groups come from data migrations, which an earlier
    transactional test may have flushed; their loaders are idempotent, so run them again."""
    for migration, loader in (
        ("0002_reference_data", "load_reference_data"),
        ("0003_roles", "create_roles"),
    ):
        getattr(import_module(f"wsis.migrations.{migration}"), loader)(django_apps, None)


def sign_in(page, email: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.get_by_role("heading", name="My WSIS").wait_for()


def sign_out(page) -> None:
    page.get_by_role("button", name="Sign out").click()


def test_facilitator_edit_submit_and_secretariat_approve(page) -> None:
    version_with_clauses(clauses=2, number=1)
    facilitator = user_for("facilitator_here")
    secretariat = secretariat_user()

    sign_in(page, facilitator.email)
    page.goto("/roadmaps/c2/")
    page.get_by_role("button", name="Start a new draft from the published version").click()
    page.get_by_role("heading", name="Edit the roadmap of C2, version 2").wait_for()
    page.get_by_role("link", name="Edit A").click()
    page.get_by_label("Proposed timing").fill("2026-2031")
    page.get_by_role("button", name="Save clause").click()
    page.get_by_text("Clause A was saved.").wait_for()
    page.get_by_role("button", name="Move B up").click()
    page.get_by_role("button", name="Submit for approval").click()
    page.get_by_text("Version 2 is now “Submitted for approval”.").wait_for()
    sign_out(page)

    sign_in(page, secretariat.email)
    page.goto("/roadmaps/review/")
    page.get_by_role("link", name="C2, version 2").click()
    page.get_by_role("button", name="Approve and publish").click()
    page.get_by_text("Version 2 is now “Approved and published”.").wait_for()
    sign_out(page)

    page.goto("/roadmaps/c2/")
    first_row = page.locator("table.roadmap-table tbody tr").first
    assert first_row.locator("th").inner_text().startswith("B:")
    assert page.get_by_role("cell", name="2026-2031").is_visible()
    assert list(RoadmapVersion.objects.order_by("number").values_list("status", flat=True)) == [
        VersionStatus.SUPERSEDED,
        VersionStatus.PUBLISHED,
    ]
