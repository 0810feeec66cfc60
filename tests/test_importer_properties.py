"""The importers' SERVICES fed truncated, shuffled, random and wrongly decoded versions of their
valid samples (property-based, hypothesis, a small deterministic budget).

Whatever arrives: a clean success, or the importer's own error whose message names the line
("line N: ...") with nothing written: the rows of every model the importer writes are counted
before and after, inside the same savepoint. Any other exception fails. (The parsers alone
have their own property tests: tests/events/test_importer_properties.py,
tests/roadmaps/test_roadmap_text_parser.py.)
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wagtail.models import Page, Revision

from cms.importers.policy_text import PolicyTextError
from cms.models import PolicyDocumentFootnote, PolicyDocumentPage
from cms.services import policy_document_import
from events.importers.outcome_text import OutcomeFormatError
from events.importers.questionnaire_text import QuestionnaireFormatError
from events.importers.services import (
    OutcomeHeaderMismatch,
    outcome_import,
    questionnaire_import,
)
from events.importers.sessions_csv import SessionImportError, sessions_import_csv
from events.models import Event, OutcomeDocument, OutcomeRevision, Session, Speaker
from roadmaps.importers.roadmap_text import RoadmapFormatError
from roadmaps.models import Clause, Roadmap, RoadmapVersion, SourceGroup
from roadmaps.services import roadmap_import
from stocktaking.models import Entry
from tests.conftest import FIGURES
from tests.events.factories import EventFactory, outcome_sample_session
from tests.factories import OrganisationFactory
from wsis.models import AuditEntry, Notification

pytestmark = pytest.mark.django_db

TESTS = Path(__file__).resolve().parent
LINE_NAMED = re.compile(r"^line \d+[:,] ", re.IGNORECASE)
SESSIONS_CSV = (
    "number,title,type,date,start,end,organisers,participation,room,action_lines,sdgs,"
    "description,speakers,links\n"
    "464,Small States,roundtable,2026-05-28,15:45,16:45,small-states,hybrid,Room K,C2;C7.1,"
    '9;17,"Meaningful connectivity","Ana Moderator|Minister|Lithuania|moderator;Bo Lee",'
    "https://example.org/464\n"
    "465,AI and schools,thematic_workshop,2026-05-29,09:00,10:00,,remote,,C4,4,,,\n"
)
BUDGET = settings(
    max_examples=40,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
COUNTED = {"importers": set(), "examples": 0, "refused": 0}


def spoiled(sample: str):
    """The sample truncated, its lines shuffled, random text, or bytes read in the wrong
    encoding."""
    lines = sample.split("\n")
    return st.one_of(
        st.integers(min_value=0, max_value=len(sample)).map(lambda cut: sample[:cut]),
        st.permutations(lines).map("\n".join),
        st.text(max_size=300),
        st.sampled_from(["utf-16", "utf-32", "cp1252", "latin-1"]).map(
            lambda encoding: sample.encode(encoding, errors="replace").decode(
                "latin-1" if encoding.startswith("utf") else "utf-8", errors="replace"
            )
        ),
        st.binary(max_size=300).map(lambda raw: raw.decode("latin-1")),
    )


def _counts(models) -> list[int]:
    return [model.objects.count() for model in models]


def _messages(error: Exception) -> list[str]:
    return list(getattr(error, "errors", None) or [str(error)])


def check_import(name: str, run: Callable[[str], object], errors, models, text: str) -> None:
    """Runs one import in a savepoint: success, or its own error naming the line and nothing
    written; rolled back either way, so every example meets the same database."""
    COUNTED["importers"].add(name)
    COUNTED["examples"] += 1
    with transaction.atomic():
        before = _counts(models)
        try:
            run(text)
        except errors as error:
            COUNTED["refused"] += 1
            messages = _messages(error)
            assert [bool(LINE_NAMED.match(m)) for m in messages] == [True] * len(messages)
            assert _counts(models) == before
        transaction.set_rollback(True)
    FIGURES["importer properties"] = (
        f"{len(COUNTED['importers'])} importers × {BUDGET.max_examples} spoiled files, "
        f"{COUNTED['examples']} runs ({COUNTED['refused']} refused naming the line, "
        "nothing written), 0 unhandled exceptions"
    )


ROADMAP_SAMPLE = (TESTS / "roadmaps/samples/two_action_lines.txt").read_text(encoding="utf-8")
ROADMAP_MODELS = (Roadmap, RoadmapVersion, SourceGroup, Clause, AuditEntry, Notification)


@BUDGET
@given(text=spoiled(ROADMAP_SAMPLE))
def test_roadmap_import_of_a_spoiled_document(text):
    check_import(
        "roadmap_import",
        lambda t: roadmap_import(text=t, by=None),
        RoadmapFormatError,
        ROADMAP_MODELS,
        text,
    )


SESSION_MODELS = (Session, Speaker, Session.action_lines.through, AuditEntry)


@pytest.fixture
def forum(db):
    OrganisationFactory(slug="small-states")
    return EventFactory(slug="forum")


@BUDGET
@given(text=spoiled(SESSIONS_CSV))
def test_sessions_import_of_a_spoiled_csv(forum, text):
    check_import(
        "sessions_import_csv",
        lambda t: sessions_import_csv(event=forum, text=t, by=None),
        SessionImportError,
        SESSION_MODELS,
        text,
    )


OUTCOME_SAMPLE = (TESTS / "events/samples/outcome_valid.txt").read_text(encoding="utf-8")
OUTCOME_MODELS = (OutcomeDocument, OutcomeRevision, AuditEntry, Notification)


@pytest.fixture
def session(db):
    return outcome_sample_session(EventFactory(slug="forum-outcomes"))


@BUDGET
@given(text=spoiled(OUTCOME_SAMPLE))
def test_outcome_import_of_a_spoiled_document(session, text):
    check_import(
        "outcome_import",
        lambda t: outcome_import(event=session.event, session_number=123, text=t),
        (OutcomeFormatError, OutcomeHeaderMismatch),
        OUTCOME_MODELS,
        text,
    )


QUESTIONNAIRE_SAMPLE = (TESTS / "events/samples/questionnaire_sample.txt").read_text(
    encoding="utf-8"
)
QUESTIONNAIRE_MODELS = (Event, Entry, AuditEntry, Notification)


@pytest.fixture
def itu(db):
    return OrganisationFactory(slug="itu-questionnaire")


@BUDGET
@given(text=spoiled(QUESTIONNAIRE_SAMPLE))
def test_questionnaire_import_of_a_spoiled_answer(itu, text):
    check_import(
        "questionnaire_import",
        lambda t: questionnaire_import(text=t, organisation=itu),
        QuestionnaireFormatError,
        QUESTIONNAIRE_MODELS,
        text,
    )


POLICY_SAMPLE = (TESTS / "cms/samples/small_policy.txt").read_text(encoding="utf-8")
POLICY_MODELS = (PolicyDocumentPage, PolicyDocumentFootnote, Page, Revision, AuditEntry)


@pytest.fixture
def library(db):
    from tests.cms.builders import document_library

    return document_library()


def _policy_import(text: str, library) -> None:
    """A whole draft page or nothing: when the import succeeds, the page holds every block and
    footnote its report counts, with its first revision."""
    report = policy_document_import(text=text, library=library, by=None)
    page = report.page
    assert page is not None
    if not report.already_imported:
        assert page.live is False
        assert page.footnotes.count() == report.footnotes
        assert len(page.body) == report.headings + report.paragraphs + len(report.annexes)
        assert page.revisions.count() == 1


@BUDGET
@given(text=spoiled(POLICY_SAMPLE))
def test_policy_document_import_of_a_spoiled_document(library, text):
    check_import(
        "policy_document_import",
        lambda t: _policy_import(t, library),
        PolicyTextError,
        POLICY_MODELS,
        text,
    )
