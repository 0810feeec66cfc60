"""The forms that keep typing on the device carry what static/js/portal.js needs: a key naming the
person and the page, and the stored version they were built on (so a draft is never put back
over a newer one); the rich-text fields carry the editor's toolbar words; the editor's page asks
for a CSP nonce for Trix's CSS, and a cached public page never carries one."""

import re

import pytest

from roadmaps.enums import VersionStatus
from tests.events.factories import SessionFactory
from tests.factories import MembershipFactory
from tests.roadmaps.factories import version_with_clauses
from tests.roadmaps.helpers import user_for
from wsis.rich_text import sanitise_html

pytestmark = pytest.mark.django_db


def _attribute(page: str, name: str) -> str:
    return re.search(rf'{name}="([^"]*)"', page).group(1)


def test_entry_form_keeps_typing_under_the_persons_key(client):
    member = MembershipFactory().user
    client.force_login(member)
    page = client.get("/stocktaking/mine/new/").content.decode()
    assert _attribute(page, "data-autosave") == f"{member.pk}:/stocktaking/mine/new/"
    assert _attribute(page, "data-autosave-stamp") == ""
    assert "data-forgets-drafts" in page


def test_outcome_form_is_stamped_with_the_documents_lock_version(client):
    membership = MembershipFactory()
    session = SessionFactory(organisers=[membership.organisation])
    client.force_login(membership.user)
    page = client.get(f"{session.get_absolute_url()}outcome/").content.decode()
    assert _attribute(page, "data-autosave-stamp") == "0"
    assert 'data-bullet-min="5" data-bullet-max="8"' in page


def test_clause_editor_is_stamped_and_gets_the_rich_text_editor_with_a_nonce(client):
    published = version_with_clauses(clauses=1, number=1)
    draft = version_with_clauses(
        clauses=1, number=2, status=VersionStatus.DRAFT, roadmap=published.roadmap
    )
    clause = draft.clauses.get()
    client.force_login(user_for("facilitator_here"))
    response = client.get(f"/roadmaps/clauses/{clause.pk}/edit/")
    page = response.content.decode()
    assert _attribute(page, "data-autosave-stamp") == str(clause.lock_version)
    assert page.count("data-rich-text-bold=") == 7
    nonce = _attribute(page, 'name="trix-csp-nonce" content')
    directives = dict(
        part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";")
    )
    assert directives["style-src"] == f"'self' 'nonce-{nonce}'"
    assert "/static/vendor/trix/trix.umd.min.js" in page


def test_a_public_page_has_no_nonce_in_its_policy(client):
    response = client.get("/stocktaking/")
    directives = dict(
        part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";")
    )
    assert directives["style-src"] == "'self'"


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("<div>One</div><div>Two<br>three</div>", "<p>One</p><p>Two<br>three</p>"),
        ("<h1>Title</h1><blockquote>Quote</blockquote>", "<p>Title</p><p>Quote</p>"),
        ("<ul><li><strong>a</strong></li></ul>", "<ul><li><strong>a</strong></li></ul>"),
        ('<div style="color:red" onclick="x()">Hi</div>', "<p>Hi</p>"),
    ],
)
def test_the_editors_html_is_stored_as_paragraphs_within_the_policy(typed, stored):
    assert sanitise_html(typed) == stored
