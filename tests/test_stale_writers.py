"""Two stale writers of each object that people edit at the same time: a stocktaking entry, a
roadmap clause, a Forum outcome document and an expert's review (score).

Every case goes through the real pages or API: writer A and writer B (two people, or for the
review one expert in two browser tabs) each load the same version, A saves, B saves. B must be
refused with 409 (a page that explains it, or the API's error body with code "conflict"), never a
silent overwrite and never a 500, and the stored row must be A's.
"""

import pytest
from django.test import Client
from django.utils import timezone

from events.models import OUTCOME_SECTIONS, OutcomeDocument
from roadmaps.models import Clause
from roadmaps.services import CLAUSE_FIELDS
from stocktaking.models import Entry
from stocktaking.prizes.enums import CRITERIA, Phase, PrizeEntryStatus
from stocktaking.prizes.models import Review
from tests.conftest import FIGURES
from tests.events.factories import OutcomeDocumentFactory, SessionFactory, complete_content
from tests.factories import (
    FacilitatorAssignmentFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
    api_token_key,
    secretariat_user,
)
from tests.prizes.factories import ContestFactory, ExpertAssignmentFactory, PrizeEntryFactory
from tests.roadmaps.factories import version_with_clauses
from tests.stocktaking.factories import EntryFactory, entry_form_data
from wsis.enums import Role
from wsis.models import ActionLine

pytestmark = pytest.mark.django_db
CASES = []


def _held(case: str) -> None:
    CASES.append(case)
    FIGURES["stale writers"] = (
        f"{len(CASES)} cases (4 objects × page and API; the review has a page only): "
        "the second writer refused with 409, the first writer's row stored"
    )


def _browser(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _api(user) -> Client:
    return Client(headers={"Authorization": f"Token {api_token_key(user)}"})


def _two_members():
    organisation = OrganisationFactory()
    return organisation, [MembershipFactory(organisation=organisation).user for _ in range(2)]


def _loaded_lock_version(response) -> int:
    assert response.status_code == 200
    return int(response.context["form"]["lock_version"].value())


def _refused_in_the_api(response) -> None:
    assert response.status_code == 409
    error = response.json()["error"]
    assert (error["status"], error["code"]) == (409, "conflict")


# --- stocktaking entry -----------------------------------------------------------------------


def test_stale_stocktaking_entry_page():
    organisation, (first, second) = _two_members()
    entry = EntryFactory(organisation=organisation)
    address = f"/stocktaking/mine/{entry.pk}/edit/"
    a, b = _browser(first), _browser(second)
    version_a = _loaded_lock_version(a.get(address))
    version_b = _loaded_lock_version(b.get(address))

    assert a.post(address, entry_form_data(version_a, "First writer")).status_code == 302
    refused = b.post(address, entry_form_data(version_b, "Second writer"))

    assert refused.status_code == 409
    assert "Somebody else changed this entry" in refused.content.decode()
    assert Entry.objects.get(pk=entry.pk).title == "First writer"
    _held("stocktaking entry, page")


def test_stale_stocktaking_entry_api():
    organisation, (first, second) = _two_members()
    entry = EntryFactory(organisation=organisation)
    address = f"/api/v1/stocktaking/entries/{entry.pk}/"
    a, b = _api(first), _api(second)
    version_a = a.get(address).json()["lock_version"]
    version_b = b.get(address).json()["lock_version"]

    saved = a.patch(
        address, {"title": "First writer", "lock_version": version_a}, "application/json"
    )
    refused = b.patch(
        address, {"title": "Second writer", "lock_version": version_b}, "application/json"
    )

    assert saved.status_code == 200
    _refused_in_the_api(refused)
    assert Entry.objects.get(pk=entry.pk).title == "First writer"
    _held("stocktaking entry, API")


# --- roadmap clause --------------------------------------------------------------------------


def _clause_editors():
    """The facilitator of C2 and the secretariat, both editors of a C2 draft's one clause."""
    clause = version_with_clauses(status="draft").clauses.get()
    facilitator = FacilitatorAssignmentFactory(action_line=ActionLine.objects.get(code="C2")).user
    return clause, facilitator, secretariat_user()


def _clause_form(clause: Clause, lock_version: int, timing: str) -> dict:
    return {
        **{name: getattr(clause, name) for name in CLAUSE_FIELDS},
        "lock_version": str(lock_version),
        "proposed_timing": timing,
    }


def test_stale_roadmap_clause_page():
    clause, first, second = _clause_editors()
    address = f"/roadmaps/clauses/{clause.pk}/edit/"
    a, b = _browser(first), _browser(second)
    version_a = _loaded_lock_version(a.get(address))
    version_b = _loaded_lock_version(b.get(address))

    assert a.post(address, _clause_form(clause, version_a, "2027")).status_code == 302
    refused = b.post(address, _clause_form(clause, version_b, "2031"))

    assert refused.status_code == 409
    # Both versions side by side: the field, the refused text, the stored text.
    assert ("Proposed timing", "2031", "2027") in refused.context["conflict_rows"]
    assert Clause.objects.get(pk=clause.pk).proposed_timing == "2027"
    _held("roadmap clause, page")


def test_stale_roadmap_clause_api():
    clause, first, second = _clause_editors()
    address = f"/api/v1/roadmaps/clauses/{clause.pk}/"
    a, b = _api(first), _api(second)
    version_a = a.get(address).json()["lock_version"]
    version_b = b.get(address).json()["lock_version"]

    saved = a.patch(
        address, {"proposed_timing": "2027", "lock_version": version_a}, "application/json"
    )
    refused = b.patch(
        address, {"proposed_timing": "2031", "lock_version": version_b}, "application/json"
    )

    assert saved.status_code == 200
    _refused_in_the_api(refused)
    assert refused.json()["error"]["current"]["proposed_timing"] == "2027"
    assert Clause.objects.get(pk=clause.pk).proposed_timing == "2027"
    _held("roadmap clause, API")


# --- outcome document ------------------------------------------------------------------------


def _outcome_of_two_organisers():
    organisation, writers = _two_members()
    outcome = OutcomeDocumentFactory(session=SessionFactory(organisers=[organisation]))
    return outcome, writers


def _outcome_form(lock_version: int, suggestion: str) -> dict:
    content = complete_content(thematic_suggestions=suggestion)
    return {
        **{
            section.key: (
                "\n".join(content[section.key])
                if isinstance(content[section.key], list)
                else content[section.key]
            )
            for section in OUTCOME_SECTIONS
        },
        "lock_version": str(lock_version),
    }


def test_stale_outcome_document_page():
    outcome, (first, second) = _outcome_of_two_organisers()
    session = outcome.session
    address = f"/events/{session.event.slug}/sessions/{session.number}/outcome/"
    a, b = _browser(first), _browser(second)
    version_a = _loaded_lock_version(a.get(address))
    version_b = _loaded_lock_version(b.get(address))

    assert a.post(address, _outcome_form(version_a, "First writer")).status_code == 302
    refused = b.post(address, _outcome_form(version_b, "Second writer"))

    assert refused.status_code == 409
    assert "Somebody else changed this outcome document" in refused.content.decode()
    # The refused text is still on the page, so the writer loses nothing.
    assert "Second writer" in refused.content.decode()
    assert OutcomeDocument.objects.get(pk=outcome.pk).thematic_suggestions == "First writer"
    _held("outcome document, page")


def test_stale_outcome_document_api():
    outcome, (first, second) = _outcome_of_two_organisers()
    address = f"/api/v1/events/sessions/{outcome.session_id}/outcome/"
    a, b = _api(first), _api(second)
    version_a = a.get(address).json()["lock_version"]
    version_b = b.get(address).json()["lock_version"]

    saved = a.put(
        address,
        {"thematic_suggestions": "First writer", "lock_version": version_a},
        "application/json",
    )
    refused = b.put(
        address,
        {"thematic_suggestions": "Second writer", "lock_version": version_b},
        "application/json",
    )

    assert saved.status_code == 200
    _refused_in_the_api(refused)
    assert OutcomeDocument.objects.get(pk=outcome.pk).thematic_suggestions == "First writer"
    _held("outcome document, API")


# --- expert score ----------------------------------------------------------------------------


def test_second_tab_review_is_a_conflict():
    entry = PrizeEntryFactory(
        contest=ContestFactory(in_phase=Phase.EXPERT_REVIEW, at=timezone.now()),
        status=PrizeEntryStatus.ELIGIBLE,
    )
    expert = UserFactory(verified=True, roles=[Role.EXPERT])
    ExpertAssignmentFactory(category=entry.category, expert=expert)
    address = f"/prizes/entries/{entry.pk}/review/"
    first_tab, second_tab = _browser(expert), _browser(expert)
    assert first_tab.get(address).status_code == 200
    assert second_tab.get(address).status_code == 200

    saved = first_tab.post(address, {**dict.fromkeys(CRITERIA, 7), "comment": "First tab"})
    refused = second_tab.post(address, {**dict.fromkeys(CRITERIA, 2), "comment": "Second tab"})

    assert saved.status_code == 302
    assert refused.status_code == 409
    assert "You have already reviewed this entry; a review is final." in refused.content.decode()
    review = Review.objects.get(entry=entry)
    assert (review.comment, review.total) == ("First tab", 7 * len(CRITERIA))
    _held("expert score, page")
