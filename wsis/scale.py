"""The scale data set of `seed_scale` (issue 7): sizes per profile, bulk loading with PostgreSQL
COPY, deterministic text, and the core part (organisations, members, voters, staff users).

Every app with a `scale` module (`stocktaking/scale.py`, ...) adds its own part through
`seed_scale_content(plan, stdout)`. Each part finds what already exists by a marker (slugs and
e-mail addresses starting with "scale-") and adds only what is missing, so running the command
twice leaves the same data. The random choices come from generators seeded per row or per part,
so two databases seeded with the same profile hold the same content.
"""

from __future__ import annotations

import functools
import random
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import connection, transaction
from django.utils.text import slugify

from wsis.confusables import name_skeleton
from wsis.enums import Role
from wsis.models import (
    ActionLine,
    CountryRegion,
    FacilitatorAssignment,
    Membership,
    Organisation,
    StakeholderType,
)
from wsis.models import User as UserModel

MARKER = "scale-"
EMAIL_DOMAIN = "scale.wsis.test"
PASSWORD = "wsis-demo-2026"  # noqa: S105 - the documented demo password, never in production
EPOCH = datetime(2026, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Plan:
    """How much of everything one profile seeds."""

    name: str
    organisations: int
    entries: int
    forums: int
    sessions_per_forum: int
    prize_entries: int
    reviews_per_prize_entry: int
    experts: int
    voters: int
    votes_per_voter: int

    @property
    def votes(self) -> int:
        return self.voters * self.votes_per_voter


PROFILES = {
    # A hundredth of full, except two nominees per category so that a voter has ten categories to
    # vote in.
    "small": Plan("small", 100, 1_000, 2, 25, 36, 3, 3, 2_000, 10),
    # A tenth of full: the cost curve's 10 k point (bench/curve.py).
    "medium": Plan("medium", 1_000, 10_000, 2, 250, 100, 3, 3, 20_000, 10),
    "full": Plan("full", 10_000, 100_000, 20, 250, 1_000, 3, 30, 200_000, 10),
    # Ten times full: the cost curve's 1 M point (issue 21; target: loads in under 15 minutes).
    "million": Plan("million", 100_000, 1_000_000, 200, 250, 10_000, 3, 300, 2_000_000, 10),
}


def email_of(kind: str, number: int) -> str:
    return f"{MARKER}{kind}-{number}@{EMAIL_DOMAIN}"


@contextmanager
def timed(stdout, label: str) -> Iterator[None]:
    """Prints how long the block took: "  entries ........ 12.3 s"."""
    started = time.monotonic()
    yield
    stdout.write(f"  {label:<50} {time.monotonic() - started:8.1f} s")
    stdout.flush() if hasattr(stdout, "flush") else None


def copy_rows(model, fields: Sequence[str], rows: Iterable[Sequence]) -> int:
    """Loads rows into the model's table with COPY (psycopg 3); `fields` are model field names
    (or attnames such as `organisation_id`). Returns how many rows were written."""
    columns = []
    for name in fields:
        field = model._meta.get_field(name.removesuffix("_id"))
        columns.append(field.column)
    table = model._meta.db_table
    count = 0
    quoted = ", ".join(f'"{column}"' for column in columns)
    sql = f'COPY "{table}" ({quoted}) FROM STDIN'
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        for row in rows:
            copy.write_row(row)
            count += 1
    return count


def copy_through(through, left: str, right: str, pairs: Iterable[tuple[int, int]]) -> int:
    """Loads (left id, right id) pairs into a many-to-many table."""
    return copy_rows(through, (f"{left}_id", f"{right}_id"), pairs)


def new_ids(model, after: int) -> list[int]:
    """The ids above `after`, in order: COPY in one session numbers rows in the order sent."""
    return list(model.objects.filter(pk__gt=after).order_by("pk").values_list("pk", flat=True))


def max_id(model) -> int:
    return model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


@contextmanager
def bulk_load(*models, enabled: bool = True) -> Iterator[None]:
    """Loads faster into the models' tables: drops their foreign keys and their indexes that
    back no constraint (the primary key and unique constraints stay), then builds them again in
    one pass each, with the same names and definitions, when the block ends. Deferred foreign-key
    checks row by row at COMMIT, and index upkeep row by row, are what make millions of rows
    slow. Call inside a transaction: a failure restores everything as it was. With `enabled`
    false (nothing to load) it does nothing."""
    if not enabled:
        yield
        return
    tables = [model._meta.db_table for model in models]
    with connection.cursor() as cursor:
        # Checks still pending in this transaction run now: a table with pending checks cannot
        # be altered.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute(
            "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) "
            "FROM pg_constraint WHERE contype = 'f' AND conrelid = ANY(%s::regclass[]) "
            "ORDER BY 1, 2",
            [tables],
        )
        foreign_keys = cursor.fetchall()
        cursor.execute(
            "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i "
            "WHERE i.indrelid = ANY(%s::regclass[]) AND NOT EXISTS "
            "(SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid) ORDER BY 1",
            [tables],
        )
        indexes = cursor.fetchall()
        for table, name, _definition in foreign_keys:
            cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
        for name, _definition in indexes:
            cursor.execute(f"DROP INDEX {name}")
    yield
    with connection.cursor() as cursor:
        for _name, definition in indexes:
            cursor.execute(definition)
        for table, name, definition in foreign_keys:
            cursor.execute(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")  # Django's foreign keys are deferred


def analyse(*models) -> None:
    """Fresh planner statistics after a bulk load (autovacuum may not have run yet)."""
    with connection.cursor() as cursor:
        for model in models:
            cursor.execute(f'ANALYZE "{model._meta.db_table}"')


# --- Deterministic, realistic text ---

ADJECTIVES = (
    "digital", "inclusive", "open", "secure", "community", "national", "regional", "rural",
    "affordable", "sustainable", "smart", "mobile", "accessible", "resilient", "innovative",
    "trusted", "green", "local", "integrated", "participatory",
)  # fmt: skip
TOPICS = (
    "broadband", "connectivity", "skills", "literacy", "e-health", "e-learning", "e-government",
    "cybersecurity", "data protection", "identity", "agriculture", "payments", "commerce",
    "libraries", "radio", "content", "open data", "infrastructure", "innovation hubs",
    "emergency telecommunications", "accessibility", "climate monitoring", "satellite links",
    "community networks", "public services", "entrepreneurship", "artificial intelligence",
    "research networks", "online safety", "multilingual content",
)  # fmt: skip
ACTIVITIES = (
    "programme", "platform", "initiative", "project", "network", "academy", "observatory",
    "toolkit", "strategy", "partnership", "campaign", "centre", "laboratory", "portal", "fund",
)  # fmt: skip
BENEFICIARIES = (
    "schools", "women and girls", "farmers", "small businesses", "older persons", "youth",
    "persons with disabilities", "indigenous communities", "teachers", "health workers",
    "local governments", "refugees", "rural households", "students", "journalists",
)  # fmt: skip
PLACES = (
    "Kenya", "Peru", "Fiji", "Brazil", "Egypt", "Viet Nam", "Uzbekistan", "Estonia", "Ghana",
    "India", "Mexico", "Senegal", "Jordan", "Nepal", "Rwanda", "Bolivia", "Samoa", "Morocco",
    "Indonesia", "Colombia", "Mongolia", "Tunisia", "Zambia", "Bhutan", "Paraguay",
)  # fmt: skip
VERBS = (
    "connects", "trains", "supports", "equips", "empowers", "reaches", "protects", "informs",
    "links", "serves", "involves", "mentors",
)  # fmt: skip
OBJECTS = (
    "public institutions", "community centres", "clinics", "universities", "cooperatives",
    "regulators", "municipalities", "civil society groups", "operators", "volunteers",
)  # fmt: skip
RESULTS = (
    "measurable gains in access and use", "lower costs for families", "safer online behaviour",
    "new jobs in the digital economy", "better public services", "stronger local capacity",
    "open tools that others reuse", "more women in technical roles", "faster emergency response",
)  # fmt: skip
ORGANISATION_KINDS = (
    "Foundation", "Agency", "Network", "Institute", "Ministry", "Association", "Company",
    "University", "Alliance", "Council",
)  # fmt: skip
# Words a benchmark searches for once in about a thousand entries.
RARE_WORDS = ("quilombola", "permaculture", "geothermal", "braille", "seismology")


def title(rng: random.Random) -> str:
    """Titles of 6-14 words, as the stocktaking database holds them."""
    text = (
        f"{rng.choice(ADJECTIVES).capitalize()} {rng.choice(TOPICS)} {rng.choice(ACTIVITIES)} "
        f"for {rng.choice(BENEFICIARIES)} in {rng.choice(PLACES)}"
    )
    if rng.random() < 0.4:
        text += f": {rng.choice(ADJECTIVES)} {rng.choice(TOPICS)} and {rng.choice(TOPICS)}"
    return text


def sentence(rng: random.Random) -> str:
    text = (
        f"The {rng.choice(ACTIVITIES)} {rng.choice(VERBS)} {rng.choice(BENEFICIARIES)} and "
        f"{rng.choice(OBJECTS)} with {rng.choice(ADJECTIVES)} {rng.choice(TOPICS)}, "
        f"bringing {rng.choice(RESULTS)}."
    )
    if rng.random() < 0.001:
        text = text[:-1] + f" with {rng.choice(RARE_WORDS)} expertise."
    return text


def paragraph(rng: random.Random, words_min: int, words_max: int) -> str:
    """Sentences until the paragraph has between words_min and words_max words."""
    target = rng.randint(words_min, words_max)
    parts: list[str] = []
    count = 0
    while count < target:
        part = sentence(rng)
        parts.append(part)
        count += part.count(" ") + 1
    return " ".join(parts)


# --- The core part: staff users, organisations, members and voters ---


@functools.cache
def _password_hash() -> str:
    """One hash of the demo password for every scale account (fake accounts only)."""
    return make_password(PASSWORD, salt="scale")


def _groups() -> dict[str, int]:
    return dict(Group.objects.values_list("name", "pk"))


def _users_add(kind: str, count: int, *, staff: bool = False, role: str | None = None) -> int:
    """Adds the missing users scale-<kind>-1 … -count with verified addresses (and a role)."""
    existing = set(
        UserModel.objects.filter(email__startswith=f"{MARKER}{kind}-").values_list(
            "email", flat=True
        )
    )
    missing = [n for n in range(1, count + 1) if email_of(kind, n) not in existing]
    if not missing:
        return 0
    password = _password_hash()
    before = max_id(UserModel)
    copy_rows(
        UserModel,
        ("password", "is_superuser", "is_staff", "is_active", "date_joined", "email",
         "full_name", "job_title", "preferred_language", "first_name", "last_name"),
        (
            (password, False, staff, True, EPOCH.replace(month=1 + n % 12, day=1 + n % 28),
             email_of(kind, n), f"Scale {kind.capitalize()} {n}", "", "en", "", "")
            for n in missing
        ),
    )  # fmt: skip
    ids = new_ids(UserModel, before)
    copy_rows(
        EmailAddress,
        ("user_id", "email", "verified", "primary"),
        ((user_id, email_of(kind, n), True, True) for user_id, n in zip(ids, missing, strict=True)),
    )
    if role:
        group_id = _groups()[role]
        copy_through(UserModel.groups.through, "user", "group", ((i, group_id) for i in ids))
    return len(ids)


def organisation_slug(number: int) -> str:
    return f"{MARKER}org-{number}"


def _organisations_add(plan: Plan) -> int:
    existing = set(
        Organisation.objects.filter(slug__startswith=f"{MARKER}org-").values_list("slug", flat=True)
    )
    missing = [n for n in range(1, plan.organisations + 1) if organisation_slug(n) not in existing]
    if not missing:
        return 0
    types = list(StakeholderType.objects.order_by("position").values_list("pk", flat=True))
    countries = _country_codes()

    def rows():
        for n in missing:
            rng = random.Random(f"org-{n}")  # noqa: S311 - scale data, not secrets
            name = (
                f"{rng.choice(ADJECTIVES).capitalize()} {rng.choice(TOPICS)} "
                f"{rng.choice(ORGANISATION_KINDS)} {n} (scale)"
            )
            yield (name, name_skeleton(name), organisation_slug(n), rng.choice(countries),
                   rng.choice(types), f"https://scale.example.org/org/{n}", EPOCH)  # fmt: skip

    return copy_rows(
        Organisation,
        (
            "name",
            "name_skeleton",
            "slug",
            "country",
            "stakeholder_type_id",
            "website",
            "created_at",
        ),
        rows(),
    )


def _country_codes() -> list[str]:
    return [
        str(c) for c in CountryRegion.objects.order_by("country").values_list("country", flat=True)
    ]


def _memberships_add(plan: Plan) -> int:
    """The contact person of each organisation: scale-member-N is contact of scale-org-N."""
    users = dict(
        UserModel.objects.filter(email__startswith=f"{MARKER}member-").values_list("email", "pk")
    )
    organisations = dict(
        Organisation.objects.filter(slug__startswith=f"{MARKER}org-").values_list("slug", "pk")
    )
    existing = set(
        Membership.objects.filter(organisation__slug__startswith=f"{MARKER}org-").values_list(
            "organisation_id", flat=True
        )
    )
    rows = [
        (organisations[organisation_slug(n)], users[email_of("member", n)], True, EPOCH)
        for n in range(1, plan.organisations + 1)
        if organisations[organisation_slug(n)] not in existing
    ]
    return copy_rows(Membership, ("organisation_id", "user_id", "is_contact", "created_at"), rows)


def seed_scale_core(plan: Plan, stdout) -> None:
    with timed(stdout, f"organisations ({plan.organisations:,})"), transaction.atomic():
        _organisations_add(plan)
    with timed(stdout, f"organisation members ({plan.organisations:,})"), transaction.atomic():
        _users_add("member", plan.organisations, role=Role.STAKEHOLDER)
        _memberships_add(plan)
    with timed(stdout, "staff users"), transaction.atomic():
        _users_add("secretariat", 1, staff=True, role=Role.SECRETARIAT)
        _users_add("facilitator", 1, role=Role.FACILITATOR)
        _users_add("expert", plan.experts, role=Role.EXPERT)
        facilitator = UserModel.objects.get(email=email_of("facilitator", 1))
        for action_line in ActionLine.objects.all():
            FacilitatorAssignment.objects.get_or_create(user=facilitator, action_line=action_line)
    with timed(stdout, f"voters ({plan.voters:,})"), transaction.atomic():
        missing = (
            plan.voters - UserModel.objects.filter(email__startswith=f"{MARKER}voter-").count()
        )
        with bulk_load(UserModel, EmailAddress, enabled=missing > 0):
            _users_add("voter", plan.voters)
    analyse(UserModel, Organisation, Membership, EmailAddress)


def slug_of(text: str) -> str:
    return slugify(text)[:80] or "entry"
