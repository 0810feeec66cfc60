"""Commitments in the public API (/api/v1/commitments/): public fields only, the list page's
filters, withdrawn bullets marked, and a query count that does not grow with the rows."""

import pytest

from events import services
from events.enums import CommitmentStatus, OutcomeStatus
from tests.events.factories import (
    EventFactory,
    OutcomeDocumentFactory,
    SessionFactory,
    complete_content,
    member,
    secretariat,
)
from tests.factories import OrganisationFactory
from tests.query_counts import MAX_QUERIES, uncached_queries
from wsis.models import ActionLine, GdcObjective, Sdg

pytestmark = pytest.mark.django_db

URL = "/api/v1/commitments/"
FIELDS = {
    "id", "url", "text", "section", "target_date", "status", "answer", "answer_link",
    "answered_at", "withdrawn", "withdrawn_at", "outcome", "outcome_url", "session",
    "session_number", "session_title", "event", "action_lines", "organisers",
}  # fmt: skip
# The list's queries whatever its number of rows: the filters' events and organisers (cached per
# events generation, which an uncached count moves on), the count, the page, the sessions'
# organisers and Action Lines.
LIST_QUERIES = 6


def _published(organisation=None, event=None, **content):
    extra = {"event": event} if event else {}
    session = SessionFactory(organisers=[organisation or OrganisationFactory()], **extra)
    outcome = OutcomeDocumentFactory(
        session=session, status=OutcomeStatus.SUBMITTED, **complete_content(**content)
    )
    return services.outcome_publish(outcome=outcome, by=secretariat())


def test_a_commitment_shows_its_answer_and_nothing_private(client):
    organiser = member()
    organisation = organiser.organisations.get()
    outcome = _published(organisation, tangible_outcomes=["Connect 100 schools by 2027", "B", "C"])
    outcome.session.action_lines.set([ActionLine.objects.get(code="C5")])
    commitment = outcome.commitments.get(text="Connect 100 schools by 2027")
    services.commitment_answer(
        commitment=commitment,
        by=organiser,
        status=CommitmentStatus.IN_PROGRESS,
        answer="Forty schools so far.",
        link="https://example.org/schools",
    )
    commitment.refresh_from_db()

    body = client.get(f"{URL}{commitment.pk}/").json()

    assert set(body) == FIELDS
    assert body == {
        "id": commitment.pk,
        "url": f"http://testserver/events/commitments/{commitment.pk}/",
        "text": "Connect 100 schools by 2027",
        "section": "tangible_outcomes",
        "target_date": "2027-12-31",
        "status": "in_progress",
        "answer": "Forty schools so far.",
        "answer_link": "https://example.org/schools",
        "answered_at": body["answered_at"],
        "withdrawn": False,
        "withdrawn_at": None,
        "outcome": outcome.pk,
        "outcome_url": f"http://testserver/events/outcomes/{outcome.pk}/",
        "session": outcome.session.pk,
        "session_number": outcome.session.number,
        "session_title": outcome.session.title,
        "event": outcome.session.event.slug,
        "action_lines": ["C5"],
        "organisers": [organisation.slug],
    }
    assert body["answered_at"].startswith(commitment.answered_at.date().isoformat())
    # Who answered is the secretariat's to know, never the public's.
    assert organiser.email not in str(body)
    assert str(organiser.pk) not in {str(value) for value in body.values()} - {
        str(outcome.pk),
        str(outcome.session.pk),
        str(commitment.pk),
        str(outcome.session.number),
    }


def test_a_withdrawn_commitment_is_listed_as_such(client):
    organiser = member()
    outcome = _published(organiser.organisations.get())
    answered = outcome.commitments.get(text="Outcome 1")
    services.commitment_answer(
        commitment=answered, by=organiser, status=CommitmentStatus.DONE, answer="Done in May."
    )
    services.outcome_save(
        session=outcome.session,
        by=secretariat(),
        content=complete_content(tangible_outcomes=["Outcome 2", "Outcome 3", "Outcome 4"]),
        lock_version=None,
    )

    rows = {row["text"]: row for row in client.get(URL).json()["results"]}

    assert rows["Outcome 1"]["withdrawn"] is True
    assert rows["Outcome 1"]["withdrawn_at"] is not None
    assert rows["Outcome 1"]["answer"] == "Done in May."
    assert rows["Outcome 2"]["withdrawn"] is False


def test_commitments_of_an_unpublished_document_are_not_shown(client):
    outcome = _published()
    hidden = outcome.commitments.first()
    _published(tangible_outcomes=["Visible 1", "Visible 2", "Visible 3"])
    # The secretariat takes the document back (its commitments stay, unpublished).
    type(outcome).objects.filter(pk=outcome.pk).update(status=OutcomeStatus.CHANGES_REQUESTED)

    listed = client.get(URL).json()
    assert listed["count"] == 5
    assert hidden.pk not in {row["id"] for row in listed["results"]}
    assert client.get(f"{URL}{hidden.pk}/").status_code == 404


def test_the_list_filters_by_event_action_line_sdg_gdc_and_status(client):
    c5 = ActionLine.objects.get(code="C5")
    forum = EventFactory()
    tagged = _published(event=forum)
    tagged.session.action_lines.set([c5])
    tagged.session.sdgs.set([Sdg.objects.get(number=9)])
    tagged.gdc_objectives.set([GdcObjective.objects.get(number=3)])
    other = _published()
    other.session.gdc_objectives.set([GdcObjective.objects.get(number=3)])
    organiser = member(organisation=other.session.organisers.get())
    services.commitment_answer(
        commitment=other.commitments.get(text="Outcome 2"),
        by=organiser,
        status=CommitmentStatus.DONE,
        answer="Done.",
    )

    def outcomes(**params):
        rows = client.get(URL, params).json()["results"]
        return sorted({row["outcome"] for row in rows}), len(rows)

    assert outcomes(event=forum.slug) == ([tagged.pk], 5)
    # As printed ("C5") or in any case.
    assert outcomes(action_line="C5") == ([tagged.pk], 5)
    assert outcomes(action_line="c5") == ([tagged.pk], 5)
    assert outcomes(sdg=9) == ([tagged.pk], 5)
    # The document's own objectives or its session's.
    assert outcomes(gdc=3) == (sorted([tagged.pk, other.pk]), 10)
    assert outcomes(status="done") == ([other.pk], 1)
    assert outcomes(status="not_answered", action_line="C5") == ([tagged.pk], 5)
    for refused in ({"action_line": "C99"}, {"status": "maybe"}, {"sdg": 18}, {"event": "x"}):
        response = client.get(URL, refused)
        assert response.status_code == 400, refused
        assert response.json()["error"]["fields"].keys() == refused.keys()


def test_the_list_is_paginated_like_the_others(client):
    for _number in range(6):
        _published()
    body = client.get(URL, {"page_size": 25}).json()
    assert set(body) == {"count", "next", "previous", "results"}
    assert body["count"] == 30
    assert len(body["results"]) == 25
    assert body["next"].endswith("page=2&page_size=25")
    assert len(client.get(body["next"]).json()["results"]) == 5


def test_the_list_makes_as_many_queries_for_one_row_as_for_many(client):
    _published()
    client.get(URL)  # the reference lists are cached on a running site
    one = uncached_queries(client, URL)
    for _number in range(4):
        outcome = _published()
        outcome.session.action_lines.set(ActionLine.objects.order_by("position")[:3])
        outcome.session.organisers.add(OrganisationFactory())
    many = uncached_queries(client, URL)
    assert one == many == LIST_QUERIES <= MAX_QUERIES
    filtered = uncached_queries(client, URL, {"action_line": "C1", "status": "not_answered"})
    assert filtered == LIST_QUERIES
