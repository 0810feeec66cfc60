"""Every form and every FilterSet of the project fed junk, one field at a time, as a role that may
use it: unknown choices, huge and non-finite numbers, lists where one value is expected, text in
numbers and dates, 1 MB strings, NUL bytes and control characters, scripts.

Each answer must be a 200/302/400 (409 for a stale editor), never a server error; a form that
refuses the value shows the field's message; a page that stores the value shows it escaped
(no live <script>, event handler or javascript: link, checked on the page the save leads to).
The forms and FilterSets are collected from every project app's forms.py and filters.py: one
without a target here fails the suite.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from importlib import import_module
from importlib.util import find_spec

import django_filters
import pytest
from django import forms
from django.apps import apps
from django.conf import settings
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.utils import timezone

from cms.forms import DocumentImportForm
from events.enums import OutcomeStatus
from events.filters import AgendaFilter, CommitmentFilter, OutcomeFilter, SessionFilter
from events.forms import (
    CommitmentAnswerForm,
    OutcomeForm,
    OutcomeTranslationForm,
    SessionImportForm,
)
from events.forms import ReasonForm as OutcomeReasonForm
from events.models import OUTCOME_SECTIONS
from evidence import filters as evidence_filters
from evidence.forms import (
    LinkSearchForm,
    ProposalDecisionForm,
    QuestionsForm,
    RepositoryProposalForm,
)
from roadmaps.enums import CLAUSE_COLUMNS, VersionStatus
from roadmaps.forms import (
    CitationSearchForm,
    ClauseForm,
    ReturnForm,
    RoadmapImportForm,
    SourceGroupForm,
    VersionDetailsForm,
)
from stocktaking.enums import EntryStatus
from stocktaking.filters import EntryFilter
from stocktaking.forms import AttachmentForm, EntryForm
from stocktaking.forms import ReasonForm as ModerationReasonForm
from stocktaking.prizes.enums import CRITERIA, Phase, PrizeEntryStatus
from stocktaking.prizes.forms import (
    ConflictForm,
    DecisionForm,
    NomineeSelectionForm,
    PhaseMoveForm,
    PrizeEntryForm,
    PrizeEntryTranslationForm,
    ReviewForm,
    WinnersForm,
)
from tests.cms.builders import document_library
from tests.conftest import FIGURES
from tests.events.factories import OutcomeDocumentFactory, SessionFactory
from tests.events.routes import _commitment as published_commitment
from tests.evidence.factories import RepositoryProposalFactory, ThematicRepositoryFactory
from tests.hostile import JUNK, initial_of, live_markup
from tests.prizes.factories import ContestFactory, ExpertAssignmentFactory, PrizeEntryFactory
from tests.roadmaps.factories import RoadmapFactory, version_with_clauses
from tests.route_matrix import World, build_world
from tests.stocktaking.factories import EntryFactory
from wsis.forms import MemberInviteForm, OrganisationForm, ProfileForm, TextTranslationForm
from wsis.models import ActionLine, StakeholderType

OK_STATUSES = {200, 302, 400, 409}
PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
SESSIONS_CSV = (
    b"number,title,type,date,start,end,organisers,participation,room,action_lines,sdgs,"
    b"description,speakers,links\n"
    b"464,Small States,roundtable,2026-05-28,15:45,16:45,,hybrid,Room K,C2,9,,,\n"
)
ROADMAP = (settings.BASE_DIR / "tests/roadmaps/samples/minimal.txt").read_bytes()
# Tried one field at a time too: what a text field may accept and store.
ONE_FIELD_AT_A_TIME = ("NUL byte", "markup", "javascript URL")
COUNTED = {"targets": 0, "requests": 0, "saves": 0, "server errors": 0, "api operations": 0}


@dataclass
class Target:
    """One form or FilterSet, where it is used, by whom, and the valid request the junk spoils."""

    covers: type
    role: str
    paths: Callable[[World], list[str]]
    base: Callable[[World, Client, str], dict] = lambda world, client, path: {}
    method: str = "POST"
    fields: Callable[[], list[str]] | None = None
    files: Callable[[], dict] = dict

    def field_names(self) -> list[str]:
        if self.fields is not None:
            return self.fields()
        if issubclass(self.covers, django_filters.FilterSet):
            return list(self.covers.base_filters)
        return list(self.covers.base_fields)


POLICY_DOCUMENT = b"A SMALL POLICY\n\n1. OPEN BY DEFAULT\n\nPublic data is published.\n"


def _entry(world, status=EntryStatus.DRAFT):
    return EntryFactory(organisation=world.owner_org, status=status)


def _contest(phase):
    return ContestFactory(in_phase=phase, at=timezone.now())


def _prize_entry(world, status=PrizeEntryStatus.DRAFT, phase=Phase.ENTRIES_OPEN):
    return PrizeEntryFactory(contest=_contest(phase), organisation=world.owner_org, status=status)


def _review_path(world):
    entry = _prize_entry(world, PrizeEntryStatus.ELIGIBLE, Phase.EXPERT_REVIEW)
    ExpertAssignmentFactory(category=entry.category, expert=world.users["expert"])
    return [f"/prizes/entries/{entry.pk}/review/"]


def _category_path(world, status, suffix):
    entry = _prize_entry(world, status, Phase.EXPERT_REVIEW)
    world.extra["prize_entry"] = entry
    return [f"/prizes/{entry.contest.year}/manage/{entry.category.slug}/{suffix}/"]


def _session_outcome_path(world):
    outcome = OutcomeDocumentFactory(
        session=SessionFactory(organisers=[world.owner_org]), status=OutcomeStatus.DRAFT
    )
    world.extra["outcome"] = outcome
    return [f"/events/{outcome.session.event.slug}/sessions/{outcome.session.number}/outcome/"]


def _version(world, status=VersionStatus.DRAFT):
    roadmap = RoadmapFactory(action_line=ActionLine.objects.get(code="C2"))
    version = version_with_clauses(status=status, roadmap=roadmap)
    world.extra["version"] = version
    return version


def _version_edit_path(world):
    return [f"/roadmaps/c2/versions/{_version(world).number}/edit/"]


def _submitted_outcome(world):
    outcome = OutcomeDocumentFactory(
        session=SessionFactory(organisers=[world.owner_org]), status=OutcomeStatus.SUBMITTED
    )
    world.extra["outcome"] = outcome
    return ["/admin/events/outcomedocument/"]


def _translation(world, client, path) -> dict:
    """A valid translation into French (the originals here are English)."""
    return {
        "language": "fr",
        "title": "Un titre",
        "summary": "Un résumé.",
        "description": "Une description.",
        "translator": "Ana Silva",
        **{section.key: "Un point" for section in OUTCOME_SECTIONS},
    }


def _agenda_paths(world):
    slug = SessionFactory(organisers=[world.owner_org], room="Room K").event.slug
    return [f"/events/{slug}/", f"/events/{slug}/timetable/", f"/events/{slug}/rooms/"]


def _prize_content_fields():
    return [*PrizeEntryForm.base_fields, "lock_version"]


TARGETS = (
    # --- accounts and organisations --------------------------------------------------------------
    Target(
        ProfileForm,
        "owner",
        lambda world: ["/accounts/profile/"],
        lambda world, client, path: {
            "full_name": "Ana",
            "job_title": "Analyst",
            "preferred_language": "en",
        },
    ),
    Target(
        OrganisationForm,
        "owner",
        lambda world: ["/organisations/new/"],
        lambda world, client, path: {
            "name": "A new organisation",
            "country": "CH",
            "stakeholder_type": StakeholderType.objects.order_by("pk").first().pk,
            "website": "https://example.org",
        },
    ),
    Target(
        MemberInviteForm,
        "owner",
        lambda world: ["/organisations/owner-org/"],
        lambda world, client, path: {"email": world.users["other"].email},
    ),
    # --- stocktaking -----------------------------------------------------------------------------
    Target(
        EntryForm,
        "owner",
        lambda world: [f"/stocktaking/mine/{_entry(world).pk}/edit/"],
        initial_of(),
    ),
    Target(
        AttachmentForm,
        "owner",
        lambda world: [f"/stocktaking/mine/{_entry(world).pk}/attachments/"],
        lambda world, client, path: {"title": "Annual report"},
        files=lambda: {"file": SimpleUploadedFile("report.pdf", PDF, "application/pdf")},
    ),
    Target(
        ModerationReasonForm,
        "secretariat",
        lambda world: ["/admin/stocktaking/entry/"],
        lambda world, client, path: {
            "action": "request_changes_selected",
            ACTION_CHECKBOX_NAME: [_entry(world, EntryStatus.SUBMITTED).pk],
            "confirm": "yes",
            "reason": "Add your partners.",
        },
    ),
    Target(
        TextTranslationForm,
        "owner",
        lambda world: [f"/stocktaking/mine/{_entry(world).pk}/translation/"],
        _translation,
    ),
    Target(
        EntryFilter,
        "anonymous",
        lambda world: [
            "/stocktaking/",
            "/stocktaking/export.csv",
            "/stocktaking/export.json",
            "/api/v1/stocktaking/entries/",
        ],
        method="GET",
    ),
    # --- prizes ----------------------------------------------------------------------------------
    Target(
        PrizeEntryForm,
        "owner",
        lambda world: [f"/prizes/entries/{_prize_entry(world).pk}/edit/"],
        initial_of(),
        fields=_prize_content_fields,
    ),
    Target(
        PrizeEntryTranslationForm,
        "owner",
        lambda world: [f"/prizes/entries/{_prize_entry(world).pk}/translation/"],
        _translation,
    ),
    Target(
        DecisionForm,
        "secretariat",
        lambda world: [
            f"/prizes/entries/{_prize_entry(world, PrizeEntryStatus.SUBMITTED).pk}/decide/"
        ],
        lambda world, client, path: {"decision": "eligible", "reason": "Complete."},
    ),
    Target(
        ReviewForm,
        "expert",
        _review_path,
        lambda world, client, path: {**dict.fromkeys(CRITERIA, "7"), "comment": "Strong."},
    ),
    Target(
        ConflictForm,
        "expert",
        lambda world: [f"/prizes/{_contest(Phase.EXPERT_REVIEW).year}/review/"],
        lambda world, client, path: {"organisation": world.owner_org.pk, "reason": "Adviser."},
    ),
    Target(
        PhaseMoveForm,
        "secretariat",
        lambda world: [f"/prizes/{_contest(Phase.ENTRIES_OPEN).year}/manage/"],
        lambda world, client, path: {"phase": Phase.ELIGIBILITY_CHECK, "reason": "Deadline."},
    ),
    Target(
        NomineeSelectionForm,
        "secretariat",
        lambda world: _category_path(world, PrizeEntryStatus.ELIGIBLE, "ranking"),
        lambda world, client, path: {"entries": [world.extra["prize_entry"].pk]},
    ),
    Target(
        WinnersForm,
        "secretariat",
        lambda world: _category_path(world, PrizeEntryStatus.FINALIST, "winners"),
        lambda world, client, path: {"winners": [world.extra["prize_entry"].pk]},
    ),
    # --- events ----------------------------------------------------------------------------------
    Target(
        OutcomeForm,
        "owner",
        _session_outcome_path,
        initial_of(key_issues="A key issue"),
        fields=lambda: ["lock_version", *(section.key for section in OUTCOME_SECTIONS)],
    ),
    Target(
        OutcomeReasonForm,
        "secretariat",
        _submitted_outcome,
        lambda world, client, path: {
            "action": "request_changes",
            ACTION_CHECKBOX_NAME: [world.extra["outcome"].pk],
            "apply": "1",
            "reason": "Add figures.",
        },
    ),
    Target(
        SessionImportForm,
        "secretariat",
        lambda world: ["/admin/events/session/import-csv/"],
        lambda world, client, path: {
            "event": SessionFactory().event.pk,
            "dry_run": "on",
        },
        files=lambda: {"file": SimpleUploadedFile("sessions.csv", SESSIONS_CSV, "text/csv")},
    ),
    Target(
        SessionFilter,
        "anonymous",
        lambda world: [
            f"/events/{SessionFactory(organisers=[world.owner_org]).event.slug}/",
            "/api/v1/events/sessions/",
        ],
        method="GET",
    ),
    Target(
        OutcomeFilter,
        "anonymous",
        lambda world: [
            f"/events/outcomes/?event={SessionFactory().event.slug}",
            "/api/v1/outcomes/",
        ],
        method="GET",
    ),
    Target(
        AgendaFilter,
        "anonymous",
        _agenda_paths,
        method="GET",
    ),
    Target(
        CommitmentFilter,
        "anonymous",
        lambda world: ["/events/commitments/", "/api/v1/commitments/"],
        method="GET",
    ),
    Target(
        CommitmentAnswerForm,
        "owner",
        lambda world: [f"{published_commitment(world).get_absolute_url()}answer/"],
        lambda world, client, path: {"status": "done", "answer": "Launched in May."},
    ),
    Target(
        OutcomeTranslationForm,
        "owner",
        lambda world: [f"{_session_outcome_path(world)[0]}translation/"],
        _translation,
        fields=lambda: [*OutcomeTranslationForm.base_fields, *(s.key for s in OUTCOME_SECTIONS)],
    ),
    # --- roadmaps --------------------------------------------------------------------------------
    Target(
        ClauseForm,
        "facilitator",
        lambda world: [f"/roadmaps/clauses/{_version(world).clauses.get().pk}/edit/"],
        initial_of(),
        fields=lambda: [*ClauseForm.base_fields, *(name for name, _label in CLAUSE_COLUMNS)],
    ),
    Target(
        VersionDetailsForm,
        "facilitator",
        _version_edit_path,
        initial_of("details_form", form="details"),
    ),
    Target(
        SourceGroupForm,
        "facilitator",
        _version_edit_path,
        lambda world, client, path: {"form": "group", "title": "WSIS Geneva Plan of Action"},
    ),
    Target(
        ReturnForm,
        "secretariat",
        lambda world: [
            f"/roadmaps/c2/versions/{_version(world, VersionStatus.SUBMITTED).number}/transition/"
        ],
        lambda world, client, path: {"to": VersionStatus.RETURNED, "reason": "Add targets."},
    ),
    Target(
        RoadmapImportForm,
        "secretariat",
        lambda world: ["/admin/roadmaps/roadmapversion/import/"],
        lambda world, client, path: {"as_of": "2026-01-15", "dry_run": "on"},
        files=lambda: {"document": SimpleUploadedFile("roadmap.txt", ROADMAP, "text/plain")},
    ),
    # --- evidence: citations, links, study-group Questions ---------------------------------------
    Target(
        CitationSearchForm,
        "facilitator",
        lambda world: [f"/roadmaps/clauses/{_version(world).clauses.get().pk}/citations/"],
        lambda world, client, path: {"kind": "entry", "q": "broadband"},
        method="GET",
    ),
    Target(
        LinkSearchForm,
        "owner",
        lambda world: [f"/evidence/entries/{_entry(world).pk}/"],
        lambda world, client, path: {"q": "forum"},
        method="GET",
    ),
    Target(
        QuestionsForm,
        "owner",
        lambda world: [f"/evidence/prize-entries/{_prize_entry(world).pk}/questions/"],
    ),
    Target(
        evidence_filters.QuestionFilter,
        "anonymous",
        lambda world: ["/api/v1/study-questions/"],
        method="GET",
    ),
    Target(
        evidence_filters.CitationFilter,
        "anonymous",
        lambda world: ["/api/v1/citations/"],
        method="GET",
    ),
    Target(
        evidence_filters.EntrySessionLinkFilter,
        "anonymous",
        lambda world: ["/api/v1/links/entry-sessions/"],
        method="GET",
    ),
    Target(
        evidence_filters.OutcomeEntryLinkFilter,
        "anonymous",
        lambda world: ["/api/v1/links/outcome-entries/"],
        method="GET",
    ),
    Target(
        evidence_filters.OutcomeClauseLinkFilter,
        "anonymous",
        lambda world: ["/api/v1/links/outcome-clauses/"],
        method="GET",
    ),
    Target(
        RepositoryProposalForm,
        "owner",
        lambda world: [f"/evidence/entries/{_entry(world, EntryStatus.APPROVED).pk}/repositories/"],
        lambda world, client, path: {
            "repository": ThematicRepositoryFactory().pk,
            "note": "Half of the learners are women.",
        },
    ),
    Target(
        ProposalDecisionForm,
        "secretariat",
        lambda world: ["/admin/evidence/repositoryproposal/"],
        lambda world, client, path: {
            "action": "decline_selected",
            ACTION_CHECKBOX_NAME: [RepositoryProposalFactory().pk],
            "confirm": "yes",
            "reason": "Not mainly for women.",
        },
    ),
    Target(
        evidence_filters.RepositoryFilter,
        "anonymous",
        lambda world: ["/api/v1/repositories/"],
        method="GET",
    ),
    Target(
        DocumentImportForm,
        "secretariat",
        lambda world: ["/cms-admin/import-document/"],
        lambda world, client, path: {"library": document_library().pk, "dry_run": "on"},
        files=lambda: {"file": SimpleUploadedFile("policy.txt", POLICY_DOCUMENT, "text/plain")},
    ),
)


def project_forms_and_filtersets() -> set[type]:
    """Every Form, ModelForm and FilterSet defined in a project app's forms.py or filters.py."""
    found = set()
    for config in apps.get_app_configs():
        if not config.path.startswith(str(settings.BASE_DIR)) or ".venv" in config.path:
            continue
        for module_name in (f"{config.name}.forms", f"{config.name}.filters"):
            if find_spec(module_name) is None:
                continue
            module = import_module(module_name)
            for value in vars(module).values():
                if (
                    isinstance(value, type)
                    and value.__module__ == module_name
                    and issubclass(value, (forms.BaseForm, django_filters.FilterSet))
                ):
                    found.add(value)
    return found


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_every_form_and_filterset_has_a_junk_target():
    names = {f"{cls.__module__}.{cls.__name__}" for cls in project_forms_and_filtersets()}
    covered = {f"{target.covers.__module__}.{target.covers.__name__}" for target in TARGETS}
    assert sorted(names - covered) == []
    assert sorted(covered - names) == []


def _shown_errors(response) -> list[str]:
    """The messages of a refused form that its page does not show."""
    context = response.context
    if context is None or response.get("Content-Type", "").split(";")[0] != "text/html":
        return []
    html = response.content.decode()
    missing = []
    for context_name in ("form", "details_form", "group_form", "upload", "event_form"):
        try:
            form = context[context_name]
        except KeyError:
            continue
        if not isinstance(form, forms.BaseForm) or not form.is_bound:
            continue
        for name, messages in form.errors.items():
            if name in form.fields and form.fields[name].widget.is_hidden:
                # The page's own state (the lock version), never typed by a person: refused,
                # but not explained field by field.
                continue
            for message in messages:
                if escape(message) not in html:
                    missing.append(message)
    return missing


def _html(response) -> str:
    if response.get("Content-Type", "").split(";")[0] != "text/html":
        return ""
    return b"".join(response).decode() if response.streaming else response.content.decode()


def _requests(target: Target):
    """Every junk value in every field at once (each field cleans on its own, so one request tries
    them all), then the values a text field may accept one field at a time, so that each can reach
    the save and the page that shows it."""
    names = target.field_names()
    for label, junk in JUNK.items():
        yield "every field", label, dict.fromkeys(names, junk)
    if target.method == "GET":
        return  # a filter stores nothing
    for name in names:
        for label in ONE_FIELD_AT_A_TIME:
            yield name, label, {name: JUNK[label]}


def _problems(target, client, path, base, where, label, response) -> list[str]:
    problems = []
    status = response.status_code
    if status not in OK_STATUSES:
        problems.append(f"{path} {where}={label}: {status}")
    problems += [
        f"{path} {where}={label}: live markup {found}" for found in live_markup(_html(response))
    ]
    problems += [
        f"{path} {where}={label}: error not shown: {message}" for message in _shown_errors(response)
    ]
    if status == 302 and response.url.startswith("/"):
        # The page the save leads to shows what was stored.
        shown = client.get(response.url)
        COUNTED["requests"] += 1
        COUNTED["saves"] += 1
        problems += [
            f"{path} {where}={label}: stored markup runs on {response.url}: {found}"
            for found in live_markup(_html(shown))
        ]
    return problems


@pytest.mark.django_db
@pytest.mark.parametrize("target", TARGETS, ids=lambda target: target.covers.__name__)
def test_junk_in_every_field_is_refused_or_stored_harmlessly(target):
    world = build_world()
    client = Client()
    if world.users[target.role] is not None:
        client.force_login(world.users[target.role])
    problems = []
    for path in target.paths(world):
        base = target.base(world, client, path)
        for where, label, junk in _requests(target):
            data = {**base, **junk}
            # The API's throttles count in the cache; this suite is not about them.
            cache.clear()
            with transaction.atomic():
                try:
                    if target.method == "GET":
                        response = client.get(path, data)
                    else:
                        response = client.post(path, {**data, **target.files()})
                except Exception as error:  # noqa: BLE001 (a 500: reported, not raised)
                    COUNTED["server errors"] += 1
                    problems.append(f"{path} {where}={label}: {type(error).__name__} {error}")
                else:
                    COUNTED["requests"] += 1
                    problems += _problems(target, client, path, base, where, label, response)
                transaction.set_rollback(True)
    COUNTED["targets"] += 1
    FIGURES["junk input"] = _figure()
    assert problems == []


def _figure() -> str:
    return (
        f"{COUNTED['targets']} forms/filters and {COUNTED['api operations']} JSON API writes × "
        f"{len(JUNK)} junk values, {COUNTED['requests']} requests "
        f"({COUNTED['saves']} accepted and their page checked), "
        f"{COUNTED['server errors']} server errors"
    )


# --- JSON API bodies: the write operations, every field junk (DRF's serializers do the work the
# forms do for the pages; Schemathesis fuzzes the same operations against the schema) ---------


@dataclass
class ApiTarget:
    name: str
    role: str
    method: str
    path: Callable[[World], str]
    body: Callable[[World], dict]


def _entry_body(world) -> dict:
    return {
        "organisation": world.owner_org.pk,
        "kind": "project",
        "title": "Rural broadband",
        "summary": "Connects rural schools.",
        "coverage": "national",
        "countries": ["CH"],
        "action_lines": ["C2"],
        "primary_action_line": "C2",
        "sdgs": [9],
        "website": "https://example.org",
        "other_links": ["https://example.org/more"],
        "start_date": "2026-01-01",
    }


def _api_outcome_path(world) -> str:
    _session_outcome_path(world)
    return f"/api/v1/events/sessions/{world.extra['outcome'].session_id}/outcome/"


def _api_transition_path(world) -> str:
    number = _version(world, VersionStatus.SUBMITTED).number
    return f"/api/v1/roadmaps/c2/versions/{number}/transition/"


def _api_clause(world) -> str:
    clause = _version(world).clauses.get()
    world.extra["clause"] = clause
    return f"/api/v1/roadmaps/clauses/{clause.pk}/"


API_TARGETS = (
    ApiTarget(
        "stocktaking entry create",
        "owner",
        "POST",
        lambda w: "/api/v1/stocktaking/entries/",
        _entry_body,
    ),
    ApiTarget(
        "stocktaking request changes",
        "secretariat",
        "POST",
        lambda w: (
            f"/api/v1/stocktaking/entries/{_entry(w, EntryStatus.SUBMITTED).pk}/request-changes/"
        ),
        lambda w: {"reason": "Add the partners."},
    ),
    ApiTarget(
        "session outcome save",
        "owner",
        "PUT",
        _api_outcome_path,
        lambda w: {
            "key_issues": ["One"],
            "thematic_suggestions": "More",
            "lock_version": 0,
            "submit": False,
        },
    ),
    ApiTarget(
        "roadmap clause update",
        "facilitator",
        "PATCH",
        _api_clause,
        lambda w: {
            "lock_version": w.extra["clause"].lock_version,
            "label": "B",
            "outcome_text": "<p>Text</p>",
            **{name: "Text" for name, _label in CLAUSE_COLUMNS},
        },
    ),
    ApiTarget(
        "roadmap return",
        "secretariat",
        "POST",
        _api_transition_path,
        lambda w: {"to": VersionStatus.RETURNED, "reason": "Add targets."},
    ),
)


@pytest.mark.django_db
@pytest.mark.parametrize("target", API_TARGETS, ids=lambda target: target.name)
def test_junk_in_every_json_field_is_refused_or_stored_harmlessly(target):
    world = build_world()
    client = Client()
    client.force_login(world.users[target.role])
    path = target.path(world)
    base = target.body(world)
    bodies = [("every field", label, dict.fromkeys(base, junk)) for label, junk in JUNK.items()]
    bodies += [(name, label, {name: JUNK[label]}) for name in base for label in ONE_FIELD_AT_A_TIME]
    problems = []
    for where, label, junk in bodies:
        cache.clear()
        with transaction.atomic():
            try:
                response = client.generic(
                    target.method, path, json.dumps({**base, **junk}), "application/json"
                )
            except Exception as error:  # noqa: BLE001 (a 500: reported, not raised)
                COUNTED["server errors"] += 1
                problems.append(f"{where}={label}: {type(error).__name__} {error}")
            else:
                COUNTED["requests"] += 1
                if response.status_code not in {200, 201, 400, 409}:
                    problems.append(f"{where}={label}: {response.status_code}")
            transaction.set_rollback(True)
    COUNTED["api operations"] += 1
    FIGURES["junk input"] = _figure()
    assert problems == []
