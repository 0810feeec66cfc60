"""The vocabulary of the route matrix (tests/test_route_matrix.py): the roles, the world of data
each request meets, and a row per URL name saying what every role gets for every method.

Each app keeps its rows in tests/<app>/routes.py as `ROUTES: tuple[Route, ...]`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.auth.models import Group

from tests.factories import (
    FacilitatorAssignmentFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
)
from wsis.enums import Role
from wsis.models import ActionLine, Organisation, User

ROLES = (
    "anonymous",
    "unverified",
    "owner",
    "other",
    "expert",
    "expert_conflict",
    "facilitator",
    "facilitator_other",
    "secretariat",
)
SIGNED_IN = ROLES[1:]
# A role that a row does not name gets what its parent role gets when the row names the parent:
# an expert with a conflict is still an expert, a facilitator of another line still a
# facilitator, except on the rows where the conflict or the line decides (they name the role).
INHERITS = {"expert_conflict": "expert", "facilitator_other": "facilitator"}


@dataclass
class World:
    """The people and organisations every row can use; rows create their own objects on top.

    `owner` is a verified member (and contact) of `owner_org`, which owns the objects a row
    creates; `other` is a verified member of `other_org`; `unverified` belongs to `owner_org` but
    never confirmed the address; `expert` is in the Expert group (member of `other_org`);
    `expert_conflict` is another expert of `other_org` whom the prize rows make conflicted with
    `owner_org` (a declared conflict in the row's contest, see `tests/prizes/routes.py`);
    `facilitator` facilitates Action Line C2 (`action_line`), `facilitator_other` facilitates C3
    only; `secretariat` is staff in the Secretariat group.
    """

    owner_org: Organisation
    other_org: Organisation
    users: dict[str, User | None]
    action_line: ActionLine
    extra: dict = field(default_factory=dict)


def build_world() -> World:
    owner_org = OrganisationFactory(name="Owner Org", slug="owner-org")
    other_org = OrganisationFactory(name="Other Org", slug="other-org")
    owner = MembershipFactory(organisation=owner_org, is_contact=True).user
    unverified = UserFactory(verified=False)
    MembershipFactory(organisation=owner_org, user=unverified)
    other = MembershipFactory(organisation=other_org, is_contact=True).user
    expert = UserFactory(verified=True, roles=[Role.EXPERT])
    MembershipFactory(organisation=other_org, user=expert)
    expert_conflict = UserFactory(verified=True, roles=[Role.EXPERT])
    MembershipFactory(organisation=other_org, user=expert_conflict)
    facilitator = FacilitatorAssignmentFactory().user
    facilitator_other = FacilitatorAssignmentFactory(
        action_line=ActionLine.objects.get(code="C3")
    ).user
    secretariat = UserFactory(is_staff=True, verified=True)
    secretariat.groups.add(Group.objects.get(name=Role.SECRETARIAT))
    return World(
        owner_org=owner_org,
        other_org=other_org,
        users={
            "anonymous": None,
            "unverified": unverified,
            "owner": owner,
            "other": other,
            "expert": expert,
            "expert_conflict": expert_conflict,
            "facilitator": facilitator,
            "facilitator_other": facilitator_other,
            "secretariat": secretariat,
        },
        action_line=ActionLine.objects.get(code="C2"),
    )


def expect(default: int | None = None, **by_role: int) -> dict[str, int]:
    """Statuses per role: `default` for every role not named; `signed_in=` for all but anonymous;
    a role of INHERITS not named gets its parent's status when the parent is named."""
    signed_in = by_role.pop("signed_in", default)
    statuses = {role: (signed_in if role in SIGNED_IN else default) for role in ROLES}
    statuses.update(by_role)
    for role, parent in INHERITS.items():
        if role not in by_role and parent in by_role:
            statuses[role] = by_role[parent]
    missing = [role for role, status in statuses.items() if status is None]
    if missing:
        raise ValueError(f"no status given for {missing}")
    return statuses


@dataclass(frozen=True)
class Route:
    """One URL name: how to build a concrete path in a world, and what each method answers."""

    name: str
    path: Callable[[World], str]
    methods: dict[str, dict[str, int]]
    # Request body for the methods that take one (a form POST by default: empty, so it fails
    # validation rather than changing anything, unless a row wants to prove a change).
    data: Callable[[World], dict] | None = None
    content_type: str | None = None
