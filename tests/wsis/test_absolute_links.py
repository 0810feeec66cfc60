"""Links in production (issue 13, item 10): every link in a mail is absolute, from the one setting
PORTAL_BASE_URL, whatever host the request named; a cached page or API answer with absolute
links is never served to another host or scheme."""

import re
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.template.loader import render_to_string

from stocktaking import services
from stocktaking.enums import EntryStatus
from tests.conftest import FIGURES
from tests.factories import PASSWORD, MembershipFactory, secretariat_user
from tests.stocktaking.factories import EntryFactory
from wsis.models import Notification

pytestmark = pytest.mark.django_db

BASE = "https://wsis.example.org"
# A path that starts a word: a link no mail client can open.
RELATIVE = re.compile(r"(?:^|[\s(])(/[^\s]*)")
# Every variable a mail template links with.
LINK_CONTEXT = {
    "path": "/stocktaking/entries/66-rural-broadband/",
    "edit_path": "/events/forum-2026/sessions/464/outcome/",
    "public_path": "/events/forum-2026/outcomes/464/",
    "answer_path": "/events/commitments/mine/",
    "unsubscribe_path": "/events/commitments/unsubscribe/token/",
    # Numbers the templates count with.
    "total": 2,
    "missing": 3,
    "entries": [{"title": "Rural broadband", "organisation": "Digital Villages", "days": 9}],
}


@pytest.fixture(autouse=True)
def _portal_base_url(settings):
    settings.PORTAL_BASE_URL = BASE


def _mail_templates() -> list[Path]:
    roots = [Path(django_settings.BASE_DIR)]
    found = []
    for root in roots:
        for path in sorted(root.glob("**/templates/notifications/*_body.*")):
            if ".venv" not in path.parts:
                found.append(path)
    return found


def test_mail_templates_are_found():
    names = {path.name for path in _mail_templates()}
    assert {"stocktaking_entry_approve_body.txt", "events_outcome_submitted_body.txt"} <= names
    FIGURES["links in mails"] = (
        f"{len(names)} mail templates rendered: 0 relative links, every link from PORTAL_BASE_URL"
    )


@pytest.mark.parametrize("template", _mail_templates(), ids=lambda path: path.name)
def test_every_link_in_a_mail_template_is_absolute(template):
    body = render_to_string(f"notifications/{template.name}", LINK_CONTEXT)
    assert RELATIVE.findall(body) == []
    source = template.read_text()
    if "path" in source or "/admin/" in source:
        assert f"{BASE}/" in body


def test_a_moderation_mail_links_to_the_entry_from_the_portal_address(
    django_capture_on_commit_callbacks,
):
    member = MembershipFactory().user
    entry = EntryFactory(
        status=EntryStatus.SUBMITTED,
        organisation=member.memberships.get().organisation,
        created_by=member,
        submitted_by=member,
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.entry_approve(entry=entry, by=secretariat_user())
    body = Notification.objects.get(template="stocktaking_entry_approve").body_text
    assert body.splitlines()[-1].endswith(f": {BASE}/stocktaking/entries/{entry.pk}-{entry.slug}/")


def test_account_mails_link_from_the_portal_address_not_the_request_host(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/accounts/signup/",
            {"email": "new.person@example.org", "password1": PASSWORD, "password2": PASSWORD},
            HTTP_HOST="localhost",
        )
    body = mail.outbox[0].body
    links = re.findall(r"https?://\S+", body)
    assert links != []
    assert [link for link in links if not link.startswith(f"{BASE}/")] == []
    assert re.search(rf"{re.escape(BASE)}/accounts/confirm-email/\S+/", body)
    assert "localhost" not in body


def test_cached_api_pages_keep_absolute_links_to_their_own_host_and_scheme(client):
    EntryFactory.create_batch(2, status=EntryStatus.APPROVED)
    url = "/api/v1/stocktaking/entries/?page_size=1"
    answers = [
        client.get(url, HTTP_HOST=host, secure=secure).json()["next"]
        for host, secure in (
            ("localhost", False),
            ("127.0.0.1", False),
            ("127.0.0.1", True),
            ("localhost", False),
        )
    ]
    assert answers == [
        "http://localhost/api/v1/stocktaking/entries/?page=2&page_size=1",
        "http://127.0.0.1/api/v1/stocktaking/entries/?page=2&page_size=1",
        "https://127.0.0.1/api/v1/stocktaking/entries/?page=2&page_size=1",
        "http://localhost/api/v1/stocktaking/entries/?page=2&page_size=1",
    ]


def test_cached_feed_keeps_absolute_links_to_its_own_host(client):
    entry = EntryFactory(status=EntryStatus.APPROVED)
    link = f"/stocktaking/entries/{entry.pk}-{entry.slug}/"
    first = client.get("/stocktaking/feed/", HTTP_HOST="localhost").content.decode()
    second = client.get("/stocktaking/feed/", HTTP_HOST="127.0.0.1").content.decode()
    assert (f"http://localhost{link}" in first, f"http://127.0.0.1{link}" in second) == (
        True,
        True,
    )
    assert "http://localhost" not in second
