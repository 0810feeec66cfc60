"""The services of the roadmaps: import, sanitising, drafts, clause editing and the workflow."""

from datetime import date

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from roadmaps import services
from roadmaps.enums import VersionStatus
from roadmaps.importers.roadmap_text import RoadmapFormatError
from roadmaps.models import Clause, Roadmap, RoadmapVersion, SourceGroup
from tests.factories import FacilitatorAssignmentFactory, OrganisationFactory, secretariat_user
from tests.roadmaps.factories import version_with_clauses
from tests.roadmaps.helpers import SEED_FILE, read_sample, user_for
from wsis.locking import StaleVersion
from wsis.models import ActionLine, AuditEntry, Notification
from wsis.rich_text import sanitise_html
from wsis.workflow import ReasonRequired, TransitionNotAllowed

pytestmark = pytest.mark.django_db


def row_counts() -> tuple[int, int, int, int]:
    return (
        Roadmap.objects.count(),
        RoadmapVersion.objects.count(),
        SourceGroup.objects.count(),
        Clause.objects.count(),
    )


# --- import ----------------------------------------------------------------------------------


def test_import_creates_one_draft_per_action_line_with_sanitised_cells() -> None:
    secretariat = secretariat_user()

    report = services.roadmap_import(text=read_sample("two_action_lines.txt"), by=secretariat)

    assert [(line.code, line.outcome, line.version_number) for line in report.action_lines] == [
        ("C2", "created draft version 1", 1),
        ("C4", "created draft version 1", 1),
    ]
    assert [[(g.title, g.labels) for g in line.groups] for line in report.action_lines] == [
        [
            ("Geneva Plan of Action and Tunis Agenda for the Information Society", ["A", "B"]),
            ("WSIS+10 Outcome Documents (Sample Statement)", ["a"]),
        ],
        [("Geneva Plan of Action and Tunis Agenda for the Information Society", ["A"])],
    ]
    c2 = RoadmapVersion.objects.get(roadmap__action_line__code="C2")
    assert (c2.status, c2.as_of, c2.author, c2.number) == (
        VersionStatus.DRAFT,
        date(2025, 5, 5),
        secretariat,
        1,
    )
    clause_a = c2.clauses.get(label="A")
    assert clause_a.outcome_text == "Build a sample <b>shared</b> backbone"
    assert clause_a.current_situation == "<p>Sample backbone reaches <a>two</a> towns.</p>"
    assert clause_a.results_and_targets == (
        '<ul><li><a href="https://example.org/plan">Sample plan</a></li></ul>'
    )
    assert list(clause_a.sdgs.values_list("number", flat=True)) == [9, 11]
    c4 = RoadmapVersion.objects.get(roadmap__action_line__code="C4")
    assert c4.notes == "Note: Sample note about abbreviations"
    assert AuditEntry.objects.filter(action="roadmap_version.import").count() == 2


def test_import_report_lines() -> None:
    report = services.roadmap_import(
        text=read_sample("two_action_lines.txt"), by=None, as_of=date(2024, 10, 11)
    )

    assert report.lines() == [
        "As of: 2024-10-11",
        "Action Line C2 (Information and Communication Infrastructure): created draft version 1",
        "  Geneva Plan of Action and Tunis Agenda for the Information Society: 2 clauses: A B",
        "  WSIS+10 Outcome Documents (Sample Statement): 1 clauses: a",
        "Action Line C4 (Capacity Building): created draft version 1",
        "  Geneva Plan of Action and Tunis Agenda for the Information Society: 1 clauses: A",
    ]


def test_import_twice_creates_no_duplicates() -> None:
    text = read_sample("two_action_lines.txt")
    services.roadmap_import(text=text, by=None)
    counts = row_counts()

    report = services.roadmap_import(text=text, by=None)

    assert row_counts() == counts == (2, 2, 3, 4)
    assert [line.outcome for line in report.action_lines] == [
        "unchanged: already imported as version 1",
        "unchanged: already imported as version 1",
    ]


def test_import_of_changed_content_adds_a_version() -> None:
    text = read_sample("two_action_lines.txt")
    services.roadmap_import(text=text, by=None)

    services.roadmap_import(text=text.replace("Ten points opened", "Twelve points opened"), by=None)

    assert sorted(RoadmapVersion.objects.values_list("roadmap__action_line__code", "number")) == [
        ("C2", 1),
        ("C2", 2),
        ("C4", 1),
    ]


def test_import_dry_run_writes_nothing() -> None:
    report = services.roadmap_import(
        text=read_sample("two_action_lines.txt"), by=None, dry_run=True
    )

    assert row_counts() == (0, 0, 0, 0)
    assert [line.outcome for line in report.action_lines] == ["dry run, nothing written"] * 2


def test_import_takes_the_facilitator_organisation() -> None:
    organisation = OrganisationFactory()
    FacilitatorAssignmentFactory(organisation=organisation)

    services.roadmap_import(text=read_sample("minimal.txt"), by=None)

    assert Roadmap.objects.get(action_line__code="C2").facilitator_organisation == organisation


def malformed(variant: str) -> str:
    lines = read_sample("two_action_lines.txt").split("\n")
    if variant == "truncated row":
        lines[21] = "\t".join(lines[21].split("\t")[:4])
    elif variant == "unknown header":
        lines[19] = lines[19].replace("COVID-19 Response", "Budget")
    elif variant == "continuation before any clause":
        lines.insert(21, "\t2030\t\t\t\t\t")
    elif variant == "unknown action line":
        lines[17] = "2. Roadmap for WSIS Action Line C99: Invented"
        lines[19] = lines[19].replace("AL C4", "AL C99")
        lines[6] = lines[6].replace("C4: Capacity Building", "C99: Invented")
    return "\n".join(lines)


@pytest.mark.parametrize(
    ("variant", "line_number", "message_start"),
    [
        ("truncated row", 22, "found 4 cells, expected 7 (one per column: "),
        (
            "unknown header",
            20,
            "unknown header row: column 7 is 'Budget', expected 'COVID-19 Response'",
        ),
        ("continuation before any clause", 22, "continuation row before any clause; expected"),
        ("unknown action line", 18, "unknown Action Line C99; expected one of the Action Lines"),
    ],
)
def test_malformed_import_names_the_line_and_writes_nothing(
    variant: str, line_number: int, message_start: str
) -> None:
    with pytest.raises(RoadmapFormatError) as excinfo:
        services.roadmap_import(text=malformed(variant), by=None)

    assert excinfo.value.line_number == line_number
    assert excinfo.value.message.startswith(message_start)
    assert row_counts() == (0, 0, 0, 0)
    assert AuditEntry.objects.count() == 0


@pytest.fixture
def seed_text() -> str:
    if not SEED_FILE.is_file():
        pytest.skip(f"../shared/seeds/ is absent (fresh clone): {SEED_FILE} not found")
    return SEED_FILE.read_text(encoding="utf-8")


def test_import_of_the_seed_document(seed_text: str) -> None:
    report = services.roadmap_import(text=seed_text, by=None)
    services.roadmap_import(text=seed_text, by=None)

    assert [
        (line.code, line.outcome, [(g.title.split(" (")[0], g.labels) for g in line.groups])
        for line in report.action_lines
    ] == [
        (
            "C2",
            "created draft version 1",
            [
                (
                    "Geneva Plan of Action and Tunis Agenda for the Information Society",
                    list("ABCDEFGHIJKL"),
                ),
                ("WSIS+10 Outcome Documents", list("abcd")),
            ],
        ),
        (
            "C4",
            "created draft version 1",
            [
                (
                    "Geneva Plan of Action and Tunis Agenda for the Information Society",
                    list("ABCDEF"),
                ),
                ("WSIS+10 Outcome Documents", ["a"]),
            ],
        ),
        (
            "C5",
            "created draft version 1",
            [
                (
                    "Geneva Plan of Action and Tunis Agenda for the Information Society",
                    ["A1", "A2", "B1", "B2", "B3", "B4", "B5", *"CDEFGHIJ"],
                ),
                ("WSIS+10 Outcome Documents", list("abcdef")),
            ],
        ),
        (
            "C6",
            "created draft version 1",
            [
                (
                    "Geneva Plan of Action and Tunis Agenda for the Information Society",
                    [*"abcdefghijk", "l (printed “I”)", *"mnopqr"],
                ),
                ("WSIS+10 Outcome Documents", list("abcdef")),
            ],
        ),
    ]
    assert report.action_lines[3].warnings == [
        (
            "line 479: label 'I' stored as 'l' (expected 'l' after 'k'); "
            "the printed 'I' is kept beside it"
        )
    ]
    assert row_counts() == (4, 4, 8, 68)
    c5 = RoadmapVersion.objects.get(roadmap__action_line__code="C5")
    assert (c5.as_of, c5.notes) == (
        date(2024, 10, 11),
        "Note: GCA \u2013 Global Cybersecurity Agenda",
    )
    stored = " ".join(
        " ".join(Clause.objects.values_list(name, flat=True))
        for name in services.CLAUSE_FIELD_NAMES
    )
    assert ("<script" in stored, " style=" in stored, " class=" in stored) == (False, False, False)


# --- sanitising ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fragment", "expected"),
    [
        ('<p onclick="x()">Hi</p><script>alert(1)</script>', "<p>Hi</p>"),
        ('<a href="javascript:alert(1)" onclick="x()">link</a>', "<a>link</a>"),
        (
            '<a href="https://itu.int" target="_blank" rel="x">ITU</a>',
            '<a href="https://itu.int">ITU</a>',
        ),
        ('<span style="color:red" class="big">text</span>', "text"),
        (
            "<ul><li><em>one</em></li><li><strong>two</strong></li></ul>",
            "<ul><li><em>one</em></li><li><strong>two</strong></li></ul>",
        ),
        ("<img src=x onerror=alert(1)>after", "after"),
        ("first line\nsecond line", "first line<br>\nsecond line"),
        ("<p>one</p>\n<p>two</p>", "<p>one</p>\n<p>two</p>"),
        ("", ""),
    ],
)
def test_sanitise_html(fragment: str, expected: str) -> None:
    assert sanitise_html(fragment) == expected


# --- drafts and clause editing ---------------------------------------------------------------


def test_draft_start_copies_the_published_version() -> None:
    published = version_with_clauses(clauses=2, notes="Note: X")
    facilitator = user_for("facilitator_here")

    draft = services.roadmap_draft_start(roadmap=published.roadmap, by=facilitator)

    assert (draft.number, draft.status, draft.author, draft.based_on, draft.notes) == (
        published.number + 1,
        VersionStatus.DRAFT,
        facilitator,
        published,
        "Note: X",
    )
    assert [
        (c.group.title, c.label, c.outcome_text, [s.number for s in c.sdgs.all()])
        for c in draft.clauses.order_by("position")
    ] == [
        (c.group.title, c.label, c.outcome_text, [9])
        for c in published.clauses.order_by("position")
    ]


def test_draft_start_refused_while_a_version_is_open() -> None:
    published = version_with_clauses()
    services.roadmap_draft_start(roadmap=published.roadmap, by=secretariat_user())

    with pytest.raises(ValidationError) as excinfo:
        services.roadmap_draft_start(roadmap=published.roadmap, by=secretariat_user())

    assert excinfo.value.code == "open_version"


def test_draft_start_refused_for_a_facilitator_of_another_action_line() -> None:
    published = version_with_clauses()

    with pytest.raises(PermissionDenied):
        services.roadmap_draft_start(roadmap=published.roadmap, by=user_for("facilitator_other"))

    assert RoadmapVersion.objects.count() == 1


def clause_values(clause: Clause, **changes: str) -> dict[str, str]:
    return {**{name: getattr(clause, name) for name in services.CLAUSE_FIELDS}, **changes}


def test_second_stale_save_of_a_clause_is_refused_with_both_versions() -> None:
    draft = version_with_clauses(status=VersionStatus.DRAFT)
    clause = draft.clauses.get()
    first, second = user_for("facilitator_here"), secretariat_user()
    # Both read lock_version 0; the first saves.
    services.clause_update(
        clause=clause,
        by=first,
        expected_lock_version=0,
        values=clause_values(clause, proposed_timing="2026"),
    )

    with pytest.raises(StaleVersion) as excinfo:
        services.clause_update(
            clause=Clause.objects.get(pk=clause.pk),
            by=second,
            expected_lock_version=0,
            values=clause_values(clause, proposed_timing="2031"),
        )

    stored = Clause.objects.get(pk=clause.pk)
    assert (stored.proposed_timing, stored.lock_version) == ("2026", 1)
    assert (excinfo.value.current.proposed_timing, excinfo.value.attempted["proposed_timing"]) == (
        "2026",
        "2031",
    )
    assert AuditEntry.objects.filter(action="roadmap_clause.update").count() == 1


def test_clause_update_sanitises_and_rereads_sdgs() -> None:
    draft = version_with_clauses(status=VersionStatus.DRAFT)
    clause = draft.clauses.get()

    services.clause_update(
        clause=clause,
        by=secretariat_user(),
        expected_lock_version=0,
        values=clause_values(
            clause,
            outcome_text='<p onclick="steal()">New <script>x()</script>text</p>',
            sdg_linkages_text="SDG 3 and 16",
        ),
    )

    clause.refresh_from_db()
    assert clause.outcome_text == "<p>New text</p>"
    assert sorted(clause.sdgs.values_list("number", flat=True)) == [3, 16]


def test_clauses_of_a_published_version_cannot_be_edited() -> None:
    clause = version_with_clauses().clauses.get()

    with pytest.raises(ValidationError) as excinfo:
        services.clause_update(
            clause=clause, by=secretariat_user(), expected_lock_version=0, values={}
        )

    assert excinfo.value.code == "not_editable"


def test_clause_add_move_and_remove() -> None:
    draft = version_with_clauses(status=VersionStatus.DRAFT, clauses=3)
    group = draft.groups.get()
    editor = user_for("facilitator_here")

    added = services.clause_add(group=group, by=editor, values={"label": "D", "outcome_text": "x"})
    services.clause_move(clause=added, by=editor, offset=-2)
    services.clause_remove(clause=group.clauses.get(label="A"), by=editor, expected_lock_version=0)

    assert list(group.clauses.order_by("position").values_list("label", flat=True)) == [
        "D",
        "B",
        "C",
    ]
    assert list(
        AuditEntry.objects.filter(action__startswith="roadmap_clause")
        .values_list("action", flat=True)
        .order_by("pk")
    ) == ["roadmap_clause.add", "roadmap_clause.move", "roadmap_clause.remove"]


def test_remove_of_a_clause_changed_meanwhile_is_refused() -> None:
    draft = version_with_clauses(status=VersionStatus.DRAFT)
    clause = draft.clauses.get()
    Clause.objects.filter(pk=clause.pk).update(lock_version=3)

    with pytest.raises(StaleVersion):
        services.clause_remove(clause=clause, by=secretariat_user(), expected_lock_version=0)

    assert Clause.objects.filter(pk=clause.pk).exists()


# --- workflow --------------------------------------------------------------------------------


def test_submit_return_resubmit_approve_supersedes_and_notifies(
    django_capture_on_commit_callbacks,
) -> None:
    old = version_with_clauses(number=1)
    facilitator = user_for("facilitator_here")
    secretariat = secretariat_user(email="sec@example.org")
    draft = services.roadmap_draft_start(roadmap=old.roadmap, by=facilitator)

    with django_capture_on_commit_callbacks(execute=True):
        services.roadmap_version_transition(
            version=draft, to=VersionStatus.SUBMITTED, by=facilitator
        )
        services.roadmap_version_transition(
            version=draft, to=VersionStatus.RETURNED, by=secretariat, reason="Add targets."
        )
        services.roadmap_version_transition(
            version=draft, to=VersionStatus.SUBMITTED, by=facilitator
        )
        services.roadmap_version_transition(
            version=draft, to=VersionStatus.PUBLISHED, by=secretariat
        )

    old.refresh_from_db()
    draft.refresh_from_db()
    assert (old.status, draft.status, draft.approver, draft.review_comments) == (
        VersionStatus.SUPERSEDED,
        VersionStatus.PUBLISHED,
        secretariat,
        "Add targets.",
    )
    assert list(
        AuditEntry.objects.filter(action__startswith="roadmap_version.")
        .order_by("pk")
        .values_list("action", flat=True)
    ) == [
        "roadmap_version.start_draft",
        "roadmap_version.submit",
        "roadmap_version.request_changes",
        "roadmap_version.submit",
        "roadmap_version.supersede",
        "roadmap_version.approve",
    ]
    assert sorted((m.to[0], m.subject) for m in mail.outbox) == sorted(
        [
            ("sec@example.org", "[WSIS] Roadmap C2: version 2 submitted for approval"),
            (facilitator.email, "[WSIS] Roadmap C2: version 2 returned with comments"),
            ("sec@example.org", "[WSIS] Roadmap C2: version 2 submitted for approval"),
            (facilitator.email, "[WSIS] Roadmap C2: version 2 approved and published"),
        ]
    )
    assert Notification.objects.count() == 4


def test_return_needs_a_reason() -> None:
    version = version_with_clauses(status=VersionStatus.SUBMITTED)

    with pytest.raises(ReasonRequired):
        services.roadmap_version_transition(
            version=version, to=VersionStatus.RETURNED, by=secretariat_user()
        )

    version.refresh_from_db()
    assert version.status == VersionStatus.SUBMITTED


def test_a_facilitator_cannot_approve() -> None:
    version = version_with_clauses(status=VersionStatus.SUBMITTED)

    with pytest.raises(PermissionDenied):
        services.roadmap_version_transition(
            version=version, to=VersionStatus.PUBLISHED, by=user_for("facilitator_here")
        )


def test_a_draft_cannot_be_published_without_submission() -> None:
    version = version_with_clauses(status=VersionStatus.DRAFT)

    with pytest.raises(TransitionNotAllowed):
        services.roadmap_version_transition(
            version=version, to=VersionStatus.PUBLISHED, by=secretariat_user()
        )


def test_roadmap_get_or_create_is_idempotent() -> None:
    action_line = ActionLine.objects.get(code="C6")

    first = services.roadmap_get_or_create(action_line=action_line)

    assert services.roadmap_get_or_create(action_line=action_line) == first
