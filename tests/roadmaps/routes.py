"""Route-matrix rows of the roadmaps app (see tests/route_matrix.py).

A roadmap belongs to an Action Line. Its published and superseded versions are public; drafts,
submitted and returned versions exist only for the facilitators of that Action Line and the
secretariat, who alone edit them (the secretariat alone returns or approves). The world's
`facilitator` facilitates C2: rows on a C2 roadmap show what its facilitator may do, rows on a C4
roadmap what a facilitator of another line gets (the same as the public). `owner`, `other`,
`expert` and `unverified` have no part in roadmaps: they get what the public gets. So does
`facilitator_other`, the facilitator of C3: every row naming `facilitator` names it too, with
the answer the public gets, so the C2 editors' routes prove another line's facilitator is refused.
"""

import json

from roadmaps.enums import VersionStatus
from roadmaps.models import ClauseCitation
from tests.events.factories import SessionFactory
from tests.roadmaps.factories import RoadmapFactory, version_with_clauses
from tests.route_matrix import Route, expect
from wsis.models import ActionLine

EDITORS_ONLY = expect(404, facilitator=200, facilitator_other=404, secretariat=200)
# Editors of the C4 roadmap: the secretariat only (the facilitator facilitates C2).
SECRETARIAT_ONLY = expect(404, secretariat=200)


def fixed(path: str):
    return lambda world: path


def _version(world, code: str = "C2", status: str = VersionStatus.DRAFT, **kwargs):
    roadmap = RoadmapFactory(action_line=ActionLine.objects.get(code=code))
    version = version_with_clauses(status=status, roadmap=roadmap, **kwargs)
    world.extra["version"] = version
    world.extra["clause"] = version.clauses.get()
    return version


def _published_and_draft(world, code: str = "C2"):
    """Version 1 published, version 2 a draft of the same roadmap; returns the draft."""
    published = _version(world, code, VersionStatus.PUBLISHED, number=1)
    return _version(world, code, VersionStatus.DRAFT, number=2, based_on=published)


def _version_path(world, code: str = "C2", status: str = VersionStatus.DRAFT, suffix: str = ""):
    version = _version(world, code, status)
    return f"/roadmaps/{code.lower()}/versions/{version.number}/{suffix}"


def _clause_path(world, code: str, suffix: str):
    _version(world, code)
    return f"/roadmaps/clauses/{world.extra['clause'].pk}/{suffix}"


def _clause_add_path(world):
    version = _version(world, "C4")
    group = world.extra["clause"].group_id
    return f"/roadmaps/c4/versions/{version.number}/groups/{group}/clauses/new/"


def _api_clause_path(world):
    """The clause of a C2 draft, with the lock version DELETE needs in the query string."""
    clause = _version(world).clauses.get()
    return f"/api/v1/roadmaps/clauses/{clause.pk}/?lock_version={clause.lock_version}"


def _cite_path(world):
    world.extra["session"] = SessionFactory()
    return _clause_path(world, "C2", "citations/add/")


def _citation_remove_path(world):
    _version(world)
    clause = world.extra["clause"]
    citation = ClauseCitation.objects.create(
        clause=clause, kind="session", session=SessionFactory(), title="A session"
    )
    return f"/roadmaps/clauses/{clause.pk}/citations/{citation.pk}/remove/"


def _json(body):
    return lambda world: json.dumps(body(world))


ROUTES = (
    # --- public pages --------------------------------------------------------------------------
    Route("roadmaps:roadmap_index", fixed("/roadmaps/"), {"GET": expect(200), "POST": expect(405)}),
    Route(
        "roadmaps:sdg_detail",
        lambda world: (_version(world, status=VersionStatus.PUBLISHED), "/roadmaps/sdgs/9/")[1],
        {"GET": expect(200), "POST": expect(405)},
    ),
    # C4's roadmap has only a draft: the secretariat is sent to it; for everybody else, including
    # the facilitator of C2, there is no roadmap yet.
    Route(
        "roadmaps:roadmap_detail",
        lambda world: (_version(world, "C4"), "/roadmaps/c4/")[1],
        {"GET": expect(404, secretariat=302), "POST": expect(405)},
    ),
    # C2's roadmap has only a draft: its history exists for its editors only.
    Route(
        "roadmaps:version_list",
        lambda world: (_version(world), "/roadmaps/c2/versions/")[1],
        {"GET": EDITORS_ONLY, "POST": expect(405)},
    ),
    # Version 1 published, version 2 a draft: the public has no second version to compare with,
    # so without parameters it gets the version picker saying so; editors get the differences.
    Route(
        "roadmaps:version_compare",
        lambda world: (_published_and_draft(world), "/roadmaps/c2/compare/")[1],
        {"GET": expect(200), "POST": expect(405)},
    ),
    Route(
        "roadmaps:version_detail",
        lambda world: _version_path(world),
        {"GET": EDITORS_ONLY, "POST": expect(405)},
    ),
    # A submitted version is not public either.
    Route(
        "roadmaps:version_print",
        lambda world: _version_path(world, status=VersionStatus.SUBMITTED, suffix="print/"),
        {"GET": EDITORS_ONLY, "POST": expect(405)},
    ),
    # A draft of C4: the facilitator of C2 may not download it.
    Route(
        "roadmaps:version_download",
        lambda world: f"{_version_path(world, 'C4')}download.csv",
        {"GET": SECRETARIAT_ONLY, "POST": expect(405)},
    ),
    # --- editing -------------------------------------------------------------------------------
    Route(
        "roadmaps:review_queue",
        lambda world: (_version(world, status=VersionStatus.SUBMITTED), "/roadmaps/review/")[1],
        {
            "GET": expect(403, anonymous=302, secretariat=200),
            "POST": expect(405, anonymous=302),
        },
    ),
    # C4 has a published version: its editors (the secretariat) start a draft and are sent to
    # the editor; the facilitator of C2 and everybody else may not.
    Route(
        "roadmaps:draft_start",
        lambda world: (_version(world, "C4", VersionStatus.PUBLISHED), "/roadmaps/c4/drafts/")[1],
        {"GET": expect(405, anonymous=302), "POST": expect(403, anonymous=302, secretariat=302)},
    ),
    # The editor of a C2 draft; an empty POST saves nothing (400, the form again).
    Route(
        "roadmaps:version_edit",
        lambda world: _version_path(world, suffix="edit/"),
        {
            "GET": expect(
                404, anonymous=302, facilitator=200, facilitator_other=404, secretariat=200
            ),
            "POST": expect(
                404, anonymous=302, facilitator=400, facilitator_other=404, secretariat=400
            ),
        },
    ),
    # Submitting a C2 draft: its editors may (sent back to the version); for everybody else the
    # draft does not exist.
    Route(
        "roadmaps:version_transition",
        lambda world: _version_path(world, suffix="transition/"),
        {
            "GET": expect(405, anonymous=302),
            "POST": expect(
                404, anonymous=302, facilitator=302, facilitator_other=404, secretariat=302
            ),
        },
        data=lambda world: {"to": VersionStatus.SUBMITTED},
    ),
    # Adding a clause to a C4 draft: the secretariat only; an empty POST is refused (400).
    Route(
        "roadmaps:clause_add",
        _clause_add_path,
        {
            "GET": expect(404, anonymous=302, secretariat=200),
            "POST": expect(404, anonymous=302, secretariat=400),
        },
    ),
    # A clause of a C2 draft; an empty POST is refused (400).
    Route(
        "roadmaps:clause_edit",
        lambda world: _clause_path(world, "C2", "edit/"),
        {
            "GET": expect(
                404, anonymous=302, facilitator=200, facilitator_other=404, secretariat=200
            ),
            "POST": expect(
                404, anonymous=302, facilitator=400, facilitator_other=404, secretariat=400
            ),
        },
    ),
    # Removing a clause of a C4 draft (with its current lock version, confirmed): the
    # secretariat only. Unconfirmed, the same POST shows the confirmation page (tests/portal).
    Route(
        "roadmaps:clause_remove",
        lambda world: _clause_path(world, "C4", "remove/"),
        {
            "GET": expect(405, anonymous=302),
            "POST": expect(404, anonymous=302, secretariat=302),
        },
        data=lambda world: {"lock_version": world.extra["clause"].lock_version, "confirm": "yes"},
    ),
    Route(
        "roadmaps:clause_move",
        lambda world: _clause_path(world, "C2", "move/"),
        {
            "GET": expect(405, anonymous=302),
            "POST": expect(
                404, anonymous=302, facilitator=302, facilitator_other=404, secretariat=302
            ),
        },
        data=lambda world: {"direction": "down"},
    ),
    # The evidence a clause of a C2 draft cites: its editors read it, search and cite a session
    # (sent back to the page) and stop citing; for everybody else the draft does not exist.
    Route(
        "roadmaps:clause_citations",
        lambda world: _clause_path(world, "C2", "citations/"),
        {
            "GET": expect(
                404, anonymous=302, facilitator=200, facilitator_other=404, secretariat=200
            ),
            "POST": expect(405, anonymous=302),
        },
    ),
    Route(
        "roadmaps:clause_cite",
        _cite_path,
        {
            "GET": expect(405, anonymous=302),
            "POST": expect(
                404, anonymous=302, facilitator=302, facilitator_other=404, secretariat=302
            ),
        },
        data=lambda world: {"kind": "session", "target": world.extra["session"].pk},
    ),
    Route(
        "roadmaps:clause_uncite",
        _citation_remove_path,
        {
            "GET": expect(405, anonymous=302),
            "POST": expect(
                404, anonymous=302, facilitator=302, facilitator_other=404, secretariat=302
            ),
        },
    ),
    # --- API (AllowAny: a method the route does not have is a 405 for everybody) ---------------
    Route(
        "roadmap-list",
        lambda world: (_version(world, status=VersionStatus.PUBLISHED), "/api/v1/roadmaps/")[1],
        {"GET": expect(200), "POST": expect(405)},
    ),
    # `?version=` asks for a C2 draft: its editors only.
    Route(
        "roadmap-detail",
        lambda world: f"/api/v1/roadmaps/c2/?version={_version(world).number}",
        {
            "GET": EDITORS_ONLY,
            "POST": expect(405),
            "PUT": expect(405),
            "PATCH": expect(405),
            "DELETE": expect(405),
        },
    ),
    # The list is filtered (the C4 draft is left out for all but the secretariat), never refused.
    Route(
        "roadmap-versions",
        lambda world: (_version(world, "C4"), "/api/v1/roadmaps/c4/versions/")[1],
        {"GET": expect(200), "POST": expect(405)},
    ),
    # From the published version 1 to the draft version 2 of C4: the secretariat only.
    Route(
        "roadmap-diff",
        lambda world: (_published_and_draft(world, "C4"), "/api/v1/roadmaps/c4/diff/?from=1&to=2")[
            1
        ],
        {"GET": SECRETARIAT_ONLY, "POST": expect(405)},
    ),
    # Starting a draft of C2 from its published version: its editors (201); the others are
    # refused (403), anonymous asked to sign in (401).
    Route(
        "roadmap-drafts",
        lambda world: (
            _version(world, status=VersionStatus.PUBLISHED),
            "/api/v1/roadmaps/c2/drafts/",
        )[1],
        {
            "GET": expect(405),
            "POST": expect(
                403, anonymous=401, facilitator=201, facilitator_other=403, secretariat=201
            ),
        },
        data=_json(lambda world: {}),
        content_type="application/json",
    ),
    # Submitting a C2 draft: its editors; for the others the draft does not exist.
    Route(
        "roadmap-transition",
        lambda world: f"/api/v1/roadmaps/c2/versions/{_version(world).number}/transition/",
        {
            "GET": expect(405),
            "POST": expect(
                404, anonymous=401, facilitator=200, facilitator_other=404, secretariat=200
            ),
        },
        data=_json(lambda world: {"to": VersionStatus.SUBMITTED}),
        content_type="application/json",
    ),
    # Adding a clause to a C4 draft: the secretariat only.
    Route(
        "roadmap-clauses",
        lambda world: f"/api/v1/roadmaps/c4/versions/{_version(world, 'C4').number}/clauses/",
        {
            "GET": expect(405),
            "POST": expect(404, anonymous=401, secretariat=201),
        },
        data=_json(
            lambda world: {
                "group": world.extra["clause"].group_id,
                "label": "Z",
                "outcome_text": "<p>New</p>",
            }
        ),
        content_type="application/json",
    ),
    # A clause of a C2 draft: read and changed (with its lock version) by its editors only.
    Route(
        "roadmap-clause-detail",
        lambda world: _api_clause_path(world),
        {
            "GET": EDITORS_ONLY,
            "POST": expect(405),
            "PUT": expect(405),
            "PATCH": expect(
                404, anonymous=401, facilitator=200, facilitator_other=404, secretariat=200
            ),
            "DELETE": expect(
                404, anonymous=401, facilitator=204, facilitator_other=404, secretariat=204
            ),
        },
        data=_json(
            lambda world: {"lock_version": world.extra["clause"].lock_version, "label": "B"}
        ),
        content_type="application/json",
    ),
)
