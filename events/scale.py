"""Scale data of events (seed_scale): the plan's forums (WSIS Forum editions), each with the
plan's sessions spread over five days, organisers from the scale organisations, Action Lines,
SDGs, three speakers, and a published outcome document whose sections respect the template's
bullet limits. `search_text` is filled as `services.outcome_save` fills it, and the stored search
vector in one SQL statement per forum after the COPY (the services' own weighting). Then the
commitments of every published scale outcome that has none (its "tangible outcomes" and
"actionable plan" bullets, as `services.commitments_sync` makes them), a third of them answered."""

from __future__ import annotations

import json
import random
from datetime import UTC, date, datetime, timedelta

from django.db import connection, transaction

from events.enums import (
    COMMITMENT_ANSWERS,
    COMMITMENT_SECTIONS,
    CommitmentStatus,
    EventKind,
    OutcomeStatus,
    ParticipationMode,
    SessionType,
    SpeakerRole,
)
from events.models import (
    OUTCOME_CONTENT_FIELDS,
    OUTCOME_SECTIONS,
    Commitment,
    Event,
    OutcomeDocument,
    Session,
    Speaker,
)
from events.services.commitments import _commitment_key, commitment_target_date
from events.services.content import OUTCOME_SEARCH_VECTOR_SQL, _search_text
from wsis import scale
from wsis.models import ActionLine, Organisation, Sdg


def forum_slug(number: int) -> str:
    return f"{scale.MARKER}forum-{number}"


SESSION_FIELDS = (
    "event_id", "number", "title", "session_type", "starts_at", "ends_at",
    "participation_mode", "room", "description", "links",
)  # fmt: skip
OUTCOME_FIELDS = (
    "session_id", "status", *OUTCOME_CONTENT_FIELDS, "search_text", "change_reason",
    "lock_version", "created_by_id", "created_at", "updated_at", "submitted_at", "published_at",
    "text_language",
)  # fmt: skip


def _outcome_content(rng: random.Random) -> dict:
    content = {}
    for section in OUTCOME_SECTIONS:
        if section.minimum is None:
            content[section.key] = scale.paragraph(rng, 40, 90)
        else:
            count = rng.randint(section.minimum, section.maximum)
            content[section.key] = [scale.paragraph(rng, 15, 35) for _ in range(count)]
    return content


def _forum_add(number: int, plan: scale.Plan, ref: dict) -> None:
    rng = random.Random(f"forum-{number}")  # noqa: S311 - scale data, not secrets
    start = date(2005 + number, 5, 5)
    event = Event.objects.create(
        name=f"WSIS Forum {2005 + number} (scale data, edition {number})",
        slug=forum_slug(number),
        kind=EventKind.FORUM,
        dates_text=f"{start:%d} to {start + timedelta(days=4):%d %B %Y}",
        start_date=start,
        end_date=start + timedelta(days=4),
        city="Geneva",
        country="CH",
        description=scale.paragraph(rng, 60, 120),
        website=f"https://scale.example.org/forums/{number}",
        outcome_deadline=start + timedelta(days=30),
    )
    sessions, outcomes, speakers, links = [], [], [], []
    types = list(SessionType.values)
    for index in range(1, plan.sessions_per_forum + 1):
        srng = random.Random(f"session-{number}-{index}")  # noqa: S311
        day = (index - 1) % 5
        slot = ((index - 1) // 5) % 8
        starts = datetime(start.year, start.month, start.day + day, 7 + slot, tzinfo=UTC)
        title = scale.title(srng)
        sessions.append(
            (event.pk, index, title, srng.choice(types), starts, starts + timedelta(minutes=45),
             srng.choice(ParticipationMode.values), f"Room {1 + index % 12}",
             scale.paragraph(srng, 40, 100), "[]")
        )  # fmt: skip
        content = _outcome_content(srng)
        outcomes.append((title, content, starts))
        speakers.append(
            [(f"Speaker {number}-{index}-{n}", "Director", f"Organisation {n}", role, n)
             for n, role in enumerate((SpeakerRole.MODERATOR, SpeakerRole.SPEAKER,
                                       SpeakerRole.PANELLIST))]
        )  # fmt: skip
        links.append(
            {
                "organisers": srng.sample(ref["organisations"], k=srng.randint(1, 2)),
                "action_lines": srng.sample(ref["action_lines"], k=srng.randint(1, 2)),
                "sdgs": srng.sample(ref["sdgs"], k=srng.randint(1, 3)),
            }
        )
    before = scale.max_id(Session)
    scale.copy_rows(Session, SESSION_FIELDS, sessions)
    ids = scale.new_ids(Session, before)
    for name, right in (
        ("organisers", "organisation"),
        ("action_lines", "actionline"),
        ("sdgs", "sdg"),
    ):
        through = Session._meta.get_field(name).remote_field.through
        scale.copy_through(
            through,
            "session",
            right,
            ((pk, v) for pk, link in zip(ids, links, strict=True) for v in link[name]),
        )
    scale.copy_rows(
        Speaker,
        ("session_id", "name", "title", "organisation", "role", "position"),
        ((pk, *speaker) for pk, rows in zip(ids, speakers, strict=True) for speaker in rows),
    )
    rows = []
    for pk, (title, content, starts) in zip(ids, outcomes, strict=True):
        session = Session(title=title)
        handed_in = starts + timedelta(days=3)
        rows.append(
            (pk, OutcomeStatus.PUBLISHED,
             *(json.dumps(v) if isinstance(v, list) else v for v in content.values()),
             _search_text(session, content), "", 1, None, starts + timedelta(days=1), handed_in,
             handed_in, handed_in + timedelta(days=2), "en")
        )  # fmt: skip
    scale.copy_rows(OutcomeDocument, OUTCOME_FIELDS, rows)
    with connection.cursor() as cursor:
        cursor.execute(
            OUTCOME_SEARCH_VECTOR_SQL.format(where="s.event_id = %s AND o.search_vector IS NULL"),
            [event.pk],
        )


COMMITMENT_FIELDS = (
    "outcome_id", "section", "position", "text", "key", "target_date", "status", "answer",
    "answer_link", "answered_at", "created_at",
)  # fmt: skip


def _commitment_rows(outcome: OutcomeDocument):
    """The outcome's bullets as commitments (COMMITMENT_FIELDS), every third one answered."""
    session = outcome.session
    where = f"{session.event.slug}/{session.number}"
    rng = random.Random(f"commitments-{where}")  # noqa: S311 - scale data
    seen: set[str] = set()
    published = outcome.published_at
    for section in COMMITMENT_SECTIONS:
        for position, text in enumerate(getattr(outcome, section) or []):
            text = " ".join(str(text).split())
            key = _commitment_key(text)
            if not text or key in seen:
                continue
            seen.add(key)
            answered = rng.random() < 1 / 3
            yield (
                outcome.pk, section, position, text, key, commitment_target_date(text),
                rng.choice(COMMITMENT_ANSWERS) if answered else CommitmentStatus.NOT_ANSWERED,
                scale.paragraph(rng, 8, 20) if answered else "",
                f"https://scale.example.org/commitments/{where}/{position}" if answered
                else "",
                published + timedelta(days=200) if answered else None, published,
            )  # fmt: skip


def _commitments_add() -> None:
    """Commitments of the scale forums' published outcome documents that have none yet, loaded
    in chunks (a COPY cannot run while a cursor streams the outcomes on the same connection)."""
    ids = list(
        OutcomeDocument.objects.filter(
            session__event__slug__startswith=f"{scale.MARKER}forum-",
            status__in=(OutcomeStatus.PUBLISHED,),
            commitments__isnull=True,
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    fields = (
        "id", "published_at", "session__number", "session__event__slug", *COMMITMENT_SECTIONS,
    )  # fmt: skip
    for offset in range(0, len(ids), 500):
        outcomes = list(
            OutcomeDocument.objects.filter(pk__in=ids[offset : offset + 500])
            .select_related("session__event")
            .only(*fields)
            .order_by("pk")
        )
        with transaction.atomic():
            scale.copy_rows(
                Commitment,
                COMMITMENT_FIELDS,
                (row for outcome in outcomes for row in _commitment_rows(outcome)),
            )


def seed_scale_content(plan: scale.Plan, stdout) -> None:
    label = f"forums ({plan.forums} × {plan.sessions_per_forum} sessions with outcomes)"
    with scale.timed(stdout, label):
        ref = {
            "organisations": list(
                Organisation.objects.filter(slug__startswith=f"{scale.MARKER}org-")
                .order_by("pk")
                .values_list("pk", flat=True)[:500]
            ),
            "action_lines": list(ActionLine.objects.values_list("pk", flat=True)),
            "sdgs": list(Sdg.objects.values_list("pk", flat=True)),
        }
        existing = set(
            Event.objects.filter(slug__startswith=f"{scale.MARKER}forum-").values_list(
                "slug", flat=True
            )
        )
        for number in range(1, plan.forums + 1):
            if forum_slug(number) in existing:
                continue
            with transaction.atomic():
                _forum_add(number, plan, ref)
    with scale.timed(stdout, "commitments of the outcome documents"):
        _commitments_add()
    scale.analyse(Event, Session, Speaker, OutcomeDocument, Commitment)
