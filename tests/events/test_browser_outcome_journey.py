"""The organiser's journey in Chromium: reminder mail → outcome form → secretariat publishes in
the admin → the public reads the outcome."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from events import services
from tests.events.factories import EventFactory, SessionFactory
from tests.factories import PASSWORD, MembershipFactory, secretariat_user

pytestmark = pytest.mark.django_db(transaction=True)


def _sign_in(page, email):
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(re.compile(r"^(?!.*/accounts/login/).*$"))


def _sign_out(page):
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()


def test_organiser_reminder_to_published_outcome(page, django_capture_on_commit_callbacks):
    organiser = MembershipFactory(user__email="organiser@example.org").user
    staff = secretariat_user(email="staff@example.org")
    ended = timezone.now() - dt.timedelta(days=5)
    session = SessionFactory(
        event=EventFactory(slug="forum", outcome_deadline=None),
        number=464,
        title="Small States towards meaningful connectivity",
        starts_at=ended - dt.timedelta(hours=1),
        ends_at=ended,
        organisers=[organiser.organisations.get()],
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.outcome_reminders_send()
    assert [message.to for message in mail.outbox] == [["organiser@example.org"]]
    edit_path = re.search(r"/events/\S+/outcome/", mail.outbox[0].body).group(0)
    assert edit_path == "/events/forum/sessions/464/outcome/"

    _sign_in(page, "organiser@example.org")
    page.goto(edit_path)
    page.get_by_label("Key issues discussed").fill("\n".join(f"Issue {i}" for i in range(1, 5)))
    page.get_by_role("button", name="Submit to the secretariat").click()
    expect(
        page.get_by_role("link", name="4 bullets given; at least 5 are needed (5-8).")
    ).to_be_visible()
    page.get_by_label("Key issues discussed").fill("\n".join(f"Issue {i}" for i in range(1, 6)))
    page.get_by_label("Towards WSIS+20").fill("\n".join(f"View {i}" for i in range(1, 6)))
    page.get_by_label("Tangible outcomes").fill("Launch\nCommitment\n40 villages connected")
    page.get_by_label("Actionable plan").fill("Publish a licence\nTrain technicians")
    page.get_by_label("Suggestions for thematic aspects").fill("A community networks track.")
    page.get_by_role("button", name="Submit to the secretariat").click()
    page.wait_for_url(f"**{session.get_absolute_url()}")
    expect(page.get_by_text("Submitted: the secretariat will review it.")).to_be_visible()
    expect(page.locator(".status")).to_have_text("Submitted")
    _sign_out(page)

    _sign_in(page, staff.email)
    page.goto("/admin/events/outcomedocument/")
    page.get_by_role("checkbox", name="Select this object for an action").first.check()
    page.get_by_role("combobox", name="Action").select_option("publish")
    page.get_by_role("button", name="Go").click()
    expect(page.get_by_text("1 outcome document done.")).to_be_visible()
    page.context.clear_cookies()  # the public, signed out

    page.goto("/events/outcomes/?q=villages")
    page.get_by_role("link", name="464: Small States towards meaningful connectivity").click()
    # The bullet shows in the document and, once published, as one of its commitments.
    expect(page.get_by_text("40 villages connected")).to_have_count(2)
    expect(page.get_by_text("40 villages connected").first).to_be_visible()
    expect(page.locator(".local-time")).to_have_text(re.compile(r"^\(your time: "))
