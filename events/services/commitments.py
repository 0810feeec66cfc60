"""The commitments: the bullets of a published outcome document, kept in step with it,
answered by the session's organisers and followed up with them by a yearly mail."""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import re
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from events.enums import (
    COMMITMENT_ANSWERS,
    COMMITMENT_SECTIONS,
    COMMITMENT_SETTLED,
    OUTCOME_PUBLIC_STATES,
)
from events.models import Commitment, CommitmentMailOptOut, OutcomeDocument
from events.rules import is_session_organiser
from wsis.caching import public_cache_bump
from wsis.enums import CacheNamespace
from wsis.rules import is_secretariat, is_verified
from wsis.services import audit_record, notification_queue

User = get_user_model()

COMMITMENT_UNSUBSCRIBE_SALT = "events.commitment-followup-unsubscribe"


# Days a published outcome document waits before its commitments are first asked after.
DEFAULT_COMMITMENT_MIN_AGE_DAYS = 90
_MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): number for number, name in enumerate(calendar.month_abbr) if name})
_TARGET_DATE = re.compile(
    r"\b(?:by|until|before|in|end of|by the end of)\s+"
    r"(?:(?P<day>\d{1,2})\s+)?(?:(?P<month>[A-Za-z]{3,9})\.?\s+)?(?P<year>20\d\d)\b",
    re.IGNORECASE,
)


def commitment_target_date(text: str) -> dt.date | None:
    """The date a bullet promises, when one is written: "by 2027" → 31 December 2027, "by June
    2027" → 30 June 2027, "by 15 March 2026" → that day. The last of the month or year: the
    promise holds until then. None when no date is written (or the month is not a month)."""
    match = _TARGET_DATE.search(text)
    if match is None:
        return None
    year = int(match["year"])
    if match["month"] is None:
        return dt.date(year, 12, 31)
    month = _MONTHS.get(match["month"].lower())
    if month is None:
        return None
    last = calendar.monthrange(year, month)[1]
    day = int(match["day"]) if match["day"] else last
    return dt.date(year, month, min(max(day, 1), last))


def _commitment_key(text: str) -> str:
    return hashlib.sha256(" ".join(text.split()).casefold().encode()).hexdigest()


def commitments_sync(*, outcome: OutcomeDocument) -> dict[str, int]:
    """Makes the commitments of a published outcome document match its "tangible outcomes" and
    "actionable plan" bullets.

    Guarantees: idempotent (a bullet is known by its normalised text, so re-publishing or an
    unchanged correction creates nothing); a new bullet becomes a commitment with the target
    date written in it; a bullet removed by a later version is deleted when nobody answered it
    yet, and kept as withdrawn (its answer public, no longer asked) when somebody did; a bullet
    that comes back is un-withdrawn. Nothing happens for a document that is not public.
    Returns the counts created, withdrawn, deleted."""
    counts = {"created": 0, "withdrawn": 0, "deleted": 0}
    if outcome.status not in OUTCOME_PUBLIC_STATES:
        return counts
    with transaction.atomic():
        existing = {
            c.key: c for c in Commitment.objects.select_for_update().filter(outcome=outcome)
        }
        seen: set[str] = set()
        for section in COMMITMENT_SECTIONS:
            for position, text in enumerate(getattr(outcome, section) or []):
                text = " ".join(str(text).split())
                key = _commitment_key(text)
                if not text or key in seen:
                    continue
                seen.add(key)
                commitment = existing.get(key)
                if commitment is None:
                    Commitment.objects.create(
                        outcome=outcome,
                        section=section,
                        position=position,
                        text=text,
                        key=key,
                        target_date=commitment_target_date(text),
                    )
                    counts["created"] += 1
                elif (commitment.section, commitment.position, commitment.withdrawn_at) != (
                    section,
                    position,
                    None,
                ):
                    commitment.section, commitment.position = section, position
                    commitment.withdrawn_at = None
                    commitment.save(update_fields=["section", "position", "withdrawn_at"])
        now = timezone.now()
        for key, commitment in existing.items():
            if key in seen:
                continue
            if commitment.answered_at is None:
                commitment.delete()
                counts["deleted"] += 1
            elif commitment.withdrawn_at is None:
                commitment.withdrawn_at = now
                commitment.save(update_fields=["withdrawn_at"])
                counts["withdrawn"] += 1
        if any(counts.values()):
            public_cache_bump(CacheNamespace.EVENTS)
    return counts


def commitment_answer(
    *, commitment: Commitment, by: Any, status: str, answer: str, link: str = ""
) -> Commitment:
    """Records an organiser's (or the secretariat's) answer on where a commitment stands.

    Guarantees: only a member of one of the session's organisers or the secretariat
    (PermissionDenied otherwise); the status is one of done, in progress, dropped and the
    sentence is not empty (ValidationError naming the field, nothing saved); the answer
    replaces the previous one, which stays in the audit log; public at once."""
    if not may_answer_commitment(by, commitment):
        raise PermissionDenied(_("You may not answer for this commitment."))
    answer = (answer or "").strip()
    errors: dict[str, list[str]] = {}
    if status not in COMMITMENT_ANSWERS:
        errors["status"] = [_("Choose done, in progress or dropped.")]
    if not answer:
        errors["answer"] = [_("Say in a sentence where the commitment stands.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        before = {
            "status": commitment.status,
            "answer": commitment.answer,
            "answer_link": commitment.answer_link,
        }
        commitment.status = status
        commitment.answer = answer
        commitment.answer_link = (link or "").strip()
        commitment.answered_at = timezone.now()
        commitment.answered_by = by
        commitment.save(
            update_fields=["status", "answer", "answer_link", "answered_at", "answered_by"]
        )
        audit_record(
            actor=by,
            action="events_commitment.answer",
            obj=commitment,
            before=before,
            after={"status": status, "answer": answer, "answer_link": commitment.answer_link},
        )
        public_cache_bump(CacheNamespace.EVENTS)
    return commitment


def may_answer_commitment(user: Any, commitment: Commitment) -> bool:
    """The secretariat, or a verified member of one of the session's organisers."""
    return bool(
        getattr(user, "is_authenticated", False)
        and (
            is_secretariat(user)
            or (is_verified(user) and is_session_organiser(user, commitment.outcome.session))
        )
    )


def commitment_unsubscribe_token(user: Any) -> str:
    return signing.dumps(user.pk, salt=COMMITMENT_UNSUBSCRIBE_SALT)


def commitment_unsubscribe(*, token: str) -> Any:
    """Stops the yearly follow-up mails to the person named by a signed unsubscribe `token`
    (no sign-in needed; idempotent). Returns the person, or None for a token that is not ours."""
    try:
        user_id = signing.loads(token, salt=COMMITMENT_UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    user = User.objects.filter(pk=user_id).first()
    if user is None:
        return None
    with transaction.atomic():
        _, created = CommitmentMailOptOut.objects.get_or_create(user=user)
        if created:
            audit_record(actor=None, action="events_commitment.unsubscribe", obj=user)
    return user


def _commitment_min_age_days() -> int:
    return getattr(settings, "EVENTS_COMMITMENT_MIN_AGE_DAYS", DEFAULT_COMMITMENT_MIN_AGE_DAYS)


def commitment_followups_send(*, now: dt.datetime | None = None) -> int:
    """The yearly follow-up: mails every active member of an organisation with open commitments
    (published at least EVENTS_COMMITMENT_MIN_AGE_DAYS ago, not done, dropped or withdrawn) one
    message in their language listing them, with the page where they answer and a link to
    unsubscribe.

    Guarantees (the outbox's): one message per person and year, however many organisations or
    commitments and however often it runs (idempotency key of year and person); nobody who
    unsubscribed is mailed; an inactive account is never mailed. Returns the messages queued
    (existing ones included)."""
    now = now or timezone.now()
    year = timezone.localdate(now).year
    open_commitments = (
        Commitment.objects.filter(
            withdrawn_at__isnull=True,
            outcome__status__in=OUTCOME_PUBLIC_STATES,
            outcome__published_at__lte=now - dt.timedelta(days=_commitment_min_age_days()),
        )
        .exclude(status__in=COMMITMENT_SETTLED)
        .select_related("outcome__session__event")
        .order_by("outcome__session__starts_at", "outcome__session__number", "position")
    )
    by_session: dict[int, list[Commitment]] = {}
    for commitment in open_commitments:
        by_session.setdefault(commitment.outcome.session_id, []).append(commitment)
    if not by_session:
        return 0
    opted_out = set(CommitmentMailOptOut.objects.values_list("user_id", flat=True))
    members = (
        User.objects.filter(
            is_active=True,
            memberships__organisation__organised_sessions__in=list(by_session),
        )
        .exclude(pk__in=opted_out)
        .values_list("pk", "email", "memberships__organisation__organised_sessions")
        .distinct()
    )
    per_person: dict[tuple[int, str], list[Commitment]] = {}
    for user_id, email, session_id in members:
        if session_id in by_session:
            per_person.setdefault((user_id, email), []).extend(by_session[session_id])
    queued = 0
    for (user_id, email), commitments in sorted(per_person.items(), key=lambda item: item[0][1]):
        seen: set[int] = set()
        items = []
        for c in commitments:
            if c.pk in seen:
                continue
            seen.add(c.pk)
            items.append(
                {
                    "event": c.outcome.session.event.name,
                    "session_title": c.outcome.session.title,
                    "text": c.text,
                    "status": c.status,
                }
            )
        notification_queue(
            recipient=email,
            template="events_commitment_followup",
            context={
                "year": year,
                "commitments": items,
                "answer_path": reverse("events:commitment_mine"),
                "unsubscribe_path": reverse(
                    "events:commitment_unsubscribe",
                    kwargs={"token": commitment_unsubscribe_token(User(pk=user_id))},
                ),
            },
            idempotency_key=f"events-commitment-followup-{year}-{user_id}",
        )
        queued += 1
    return queued
