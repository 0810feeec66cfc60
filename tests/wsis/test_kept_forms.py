"""Nothing typed is lost when the session expires mid-draft (issue 13, item 9).

A person opens a form, writes, and their session expires before they send it. The POST (with a
valid CSRF token: the cookie outlives the session) keeps what they typed server-side and sends
them to sign in; after the real sign-in form they land back on the form with everything typed
and a message, and nothing is saved until they send it again.
"""

from __future__ import annotations

from importlib import import_module

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from events.models import OutcomeDocument
from roadmaps.enums import VersionStatus
from roadmaps.models import Clause
from roadmaps.services import CLAUSE_FIELDS
from stocktaking.models import Entry
from stocktaking.prizes.models import PrizeEntry
from tests.events.factories import SessionFactory
from tests.factories import PASSWORD, FacilitatorAssignmentFactory, MembershipFactory
from tests.prizes.factories import DESCRIPTION, ContestFactory
from tests.roadmaps.factories import version_with_clauses
from tests.stocktaking.factories import EntryFactory
from wsis.models import ActionLine, CountryRegion

pytestmark = pytest.mark.django_db

TYPED = "A long text typed over an hour, about community networks in rural Kenya"
RESTORED = "You were signed out before this was saved. Everything you typed is back"


def _entry_form(member) -> dict:
    c2 = ActionLine.objects.get(code="C2")
    return {
        "organisation": str(member.memberships.get().organisation.pk),
        "kind": "project",
        "title": "Community networks",
        "summary": TYPED,
        "coverage": "national",
        "countries": [str(CountryRegion.objects.get(country="KE").pk)],
        "action_lines": [str(c2.pk)],
        "primary_action_line": str(c2.pk),
        "sdgs": ["9"],
        "activity_status": "ongoing",
        "website": "https://example.org/",
    }


def _stocktaking_create(member):
    return "/stocktaking/mine/new/", _entry_form(member), lambda: Entry.objects.count()


def _stocktaking_edit(member):
    entry = EntryFactory(organisation=member.memberships.get().organisation)
    return (
        f"/stocktaking/mine/{entry.pk}/edit/",
        {**_entry_form(member), "lock_version": str(entry.lock_version)},
        lambda: Entry.objects.filter(summary=TYPED).count(),
    )


def _prize_create(member):
    organisation = member.memberships.get().organisation
    contest = ContestFactory(at=timezone.now())
    project = EntryFactory(organisation=organisation, status="approved")
    form = {
        "organisation": organisation.pk,
        "category": contest.categories.get(number=2).pk,
        "stocktaking_entry": project.pk,
        "title": "Digital villages",
        "description": DESCRIPTION,
        "impact": TYPED,
        "partnerships": "Partners.",
        "action_line_link": "C2.",
        "challenges": "Challenges.",
        "future_plans": "Plans.",
        "sdgs": [4],
    }
    return f"/prizes/{contest.year}/enter/", form, lambda: PrizeEntry.objects.count()


def _outcome(member):
    session = SessionFactory(organisers=[member.memberships.get().organisation])
    return (
        f"/events/{session.event.slug}/sessions/{session.number}/outcome/",
        {"thematic_suggestions": TYPED, "lock_version": "0"},
        lambda: OutcomeDocument.objects.count(),
    )


def _roadmap_clause(member):
    # `member` is not the editor here: a facilitator of the clause's Action Line is.
    draft = version_with_clauses(status=VersionStatus.DRAFT)
    clause = draft.clauses.get()
    editor = FacilitatorAssignmentFactory(action_line=draft.roadmap.action_line).user
    form = {
        **{name: getattr(clause, name) for name in CLAUSE_FIELDS},
        "current_situation": TYPED,
        "lock_version": str(clause.lock_version),
    }
    return (
        f"/roadmaps/clauses/{clause.pk}/edit/",
        form,
        lambda: Clause.objects.filter(current_situation__contains=TYPED).count(),
        editor,
    )


FORMS = {
    "stocktaking entry create": _stocktaking_create,
    "stocktaking entry edit": _stocktaking_edit,
    "prize entry create": _prize_create,
    "outcome document": _outcome,
    "roadmap clause": _roadmap_clause,
}


def _expire_session(client: Client) -> None:
    """The server forgets the session (it expired); the browser still sends its cookie."""
    engine = import_module(settings.SESSION_ENGINE)
    engine.SessionStore(session_key=client.cookies[settings.SESSION_COOKIE_NAME].value).delete()


@pytest.mark.parametrize("name", sorted(FORMS))
def test_typed_text_survives_an_expired_session(name):
    member = MembershipFactory(is_contact=True).user
    path, form, saved, *writer = FORMS[name](member)
    member = writer[0] if writer else member
    before = saved()
    client = Client(enforce_csrf_checks=True)
    client.force_login(member)
    assert client.get(path).status_code == 200
    token = client.cookies["csrftoken"].value
    _expire_session(client)

    sent = client.post(path, {**form, "csrfmiddlewaretoken": token})

    assert sent.status_code == 302
    assert sent["Location"] == f"/accounts/login/?next={path}"
    assert saved() == before
    login_page = client.get(sent["Location"])
    signed_in = client.post(
        sent["Location"],
        {
            "login": member.email,
            "password": PASSWORD,
            "csrfmiddlewaretoken": client.cookies["csrftoken"].value,
        },
    )
    assert (login_page.status_code, signed_in.status_code) == (200, 302)
    assert signed_in["Location"] == path

    back = client.get(path)

    assert back.status_code == 200
    page = back.content.decode()
    assert RESTORED in page
    assert TYPED in page
    assert saved() == before
    # Given back once: the next visit shows the form as it is stored.
    again = client.get(path).content.decode()
    assert RESTORED not in again
    # Sent again, it is saved.
    resent = client.post(path, {**form, "csrfmiddlewaretoken": client.cookies["csrftoken"].value})
    assert resent.status_code == 302
    assert saved() == before + 1


def test_a_signed_out_post_without_csrf_token_is_refused_and_not_kept():
    member = MembershipFactory(is_contact=True).user
    path, form, _saved = _stocktaking_create(member)
    client = Client(enforce_csrf_checks=True)

    assert client.post(path, form).status_code == 403

    client.force_login(member)
    assert RESTORED not in client.get(path).content.decode()
