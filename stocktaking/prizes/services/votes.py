"""Public votes: one per verified voter and entry, keyed hashes of the network, and the
quarantine of suspicious votes."""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from stocktaking.prizes.enums import (
    Phase,
    PrizeEntryStatus,
)
from stocktaking.prizes.models import (
    Category,
    Contest,
    PrizeEntry,
    Vote,
)
from stocktaking.prizes.selectors import NEW_ACCOUNT_DAYS, nominee_for_vote, phase_at
from stocktaking.prizes.services.contests import geneva
from wsis.models import AuditEntry, User
from wsis.rules import is_verified
from wsis.services import audit_record


class AlreadyVoted(ValidationError):
    pass


# --- Votes ---


def _keyed_hash(value: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), value.encode(), hashlib.sha256).hexdigest()


def network_of(ip: str) -> str:
    """The /24 (IPv4) or /48 (IPv6) network of an address, to spot many votes from one place."""
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return "unknown"
    prefix = 24 if address.version == 4 else 48
    return str(ipaddress.ip_network(f"{address}/{prefix}", strict=False))


def _vote_insert(vote: Vote) -> bool:
    """INSERT … ON CONFLICT (contest, category, user) DO NOTHING RETURNING id: a vote in a
    category the person has voted in already stores nothing and raises nothing, so no savepoint
    is needed around it. Sets the new vote's id; False when nothing was stored."""
    meta = Vote._meta
    quote = connection.ops.quote_name
    fields = [field for field in meta.concrete_fields if not field.primary_key]
    (one_per_category,) = (c for c in meta.constraints if c.name == "prize_vote_one_per_category")
    table = quote(meta.db_table)
    columns = ", ".join(quote(field.column) for field in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    target = ", ".join(quote(meta.get_field(name).column) for name in one_per_category.fields)
    # Names from the model's metadata; every value is a parameter.
    sql = (
        f"INSERT INTO {table} ({columns}) VALUES ({placeholders}) "  # noqa: S608
        f"ON CONFLICT ({target}) DO NOTHING RETURNING {quote(meta.pk.column)}"
    )
    values = [field.get_db_prep_save(getattr(vote, field.attname), connection) for field in fields]
    with connection.cursor() as cursor:
        cursor.execute(sql, values)
        row = cursor.fetchone()
    if row is None:
        return False
    vote.pk = row[0]
    vote._state.adding = False
    vote._state.db = connection.alias
    return True


def vote_cast(*, user: User, entry: PrizeEntry, ip: str, now: datetime) -> Vote:
    """Stores one final vote for a nominee during the voting window.

    One INSERT and no counter: at 100-300 votes a second nothing contends for a shared row. The
    unique constraint (contest, category, user) is the guarantee: of concurrent votes by one
    person in one category exactly one is stored, the others get AlreadyVoted. Keeps the time,
    a keyed hash of the IP address and of its network (never the address) and the account's age.
    Reads nothing unless the verified address is not known yet (see `is_verified`): the entry
    comes with its contest and category.
    """
    if not is_verified(user):
        raise PermissionDenied(_("Confirm your e-mail address before voting."))
    contest = entry.contest
    if phase_at(contest, now) != Phase.VOTING_OPEN:
        if contest.voting_opens_at is None or contest.voting_opens_at > now:
            message = _("Voting is not open yet; it opens on %(date)s (Geneva time).") % {
                "date": geneva(contest.voting_opens_at)
            }
        else:
            message = _("Voting is closed: it closed on %(date)s (Geneva time).") % {
                "date": geneva(contest.voting_closes_at)
            }
        raise ValidationError(message, code="voting_closed")
    if entry.status != PrizeEntryStatus.NOMINEE:
        raise ValidationError(_("Only nominees can receive votes."), code="not_nominee")
    vote = Vote(
        contest=contest,
        category_id=entry.category_id,
        entry=entry,
        user=user,
        created_at=now,
        ip_hash=_keyed_hash(f"{contest.pk}:{ip}"),
        network_hash=_keyed_hash(f"{contest.pk}:{network_of(ip)}"),
        account_age_days=max((now - user.date_joined).days, 0),
    )
    if not _vote_insert(vote):
        raise AlreadyVoted(
            _("You have already voted in the category “%(category)s”; a vote is final.")
            % {"category": entry.category.name},
            code="already_voted",
        )
    return vote


# The contest of each nominee a vote has named in this process: an entry never changes contest,
# and the keyed hashes of a vote name its contest before the vote's one statement can.
_contest_of_entry: dict[int, int] = {}
_CONTEST_MEMO_SIZE = 100_000


def _vote_insert_for_nominee(*, user: User, entry_id: int, contest_id: int, ip: str, now: datetime):
    """The vote in one statement: INSERT … SELECT from the nominee, its contest and category,
    only if the entry is a nominee of that contest and the contest is in its voting phase at
    `now` (the voting phase has begun and no later phase has), ON CONFLICT DO NOTHING, RETURNING
    the vote's id, category and the category's slug. None when it stored nothing, for whatever
    reason (the caller asks which)."""
    meta = Vote._meta
    quote = connection.ops.quote_name
    entries, contests, categories = (
        quote(model._meta.db_table) for model in (PrizeEntry, Contest, Category)
    )
    phases = list(Contest.PHASE_DATE_FIELDS.values())
    later = phases[phases.index(Contest.PHASE_DATE_FIELDS[Phase.VOTING_OPEN]) + 1 :]
    open_now = " AND ".join(
        [f"c.{quote(Contest.PHASE_DATE_FIELDS[Phase.VOTING_OPEN])} <= %(now)s"]
        + [f"(c.{quote(name)} IS NULL OR c.{quote(name)} > %(now)s)" for name in later]
    )
    vote = Vote(
        user=user,
        created_at=now,
        ip_hash=_keyed_hash(f"{contest_id}:{ip}"),
        network_hash=_keyed_hash(f"{contest_id}:{network_of(ip)}"),
        account_age_days=max((now - user.date_joined).days, 0),
    )
    from_nominee = {
        "contest_id": "n.contest_id",
        "category_id": "n.category_id",
        "entry_id": "n.id",
    }
    fields = [field for field in meta.concrete_fields if not field.primary_key]
    params: dict[str, Any] = {"entry": entry_id, "contest": contest_id, "now": now}
    selected = []
    for field in fields:
        if field.attname in from_nominee:
            selected.append(from_nominee[field.attname])
        else:
            params[field.attname] = field.get_db_prep_save(getattr(vote, field.attname), connection)
            selected.append(f"%({field.attname})s")
    (one_per_category,) = (c for c in meta.constraints if c.name == "prize_vote_one_per_category")
    target = ", ".join(quote(meta.get_field(name).column) for name in one_per_category.fields)
    params["nominee"] = PrizeEntryStatus.NOMINEE
    # Names from the models' metadata; every value is a parameter.
    sql = (
        f"WITH n AS (SELECT e.id, e.contest_id, e.category_id, k.slug FROM {entries} e "  # noqa: S608
        f"JOIN {contests} c ON c.id = e.contest_id JOIN {categories} k ON k.id = e.category_id "
        f"WHERE e.id = %(entry)s AND e.contest_id = %(contest)s AND e.status = %(nominee)s "
        f"AND {open_now}) "
        f"INSERT INTO {quote(meta.db_table)} ({', '.join(quote(f.column) for f in fields)}) "
        # `WHERE true`: SQLite reads `FROM n ON …` as a join's ON without it (its documented
        # parsing ambiguity of INSERT … SELECT … ON CONFLICT); PostgreSQL is indifferent.
        f"SELECT {', '.join(selected)} FROM n WHERE true ON CONFLICT ({target}) DO NOTHING "
        f"RETURNING {quote(meta.pk.column)}, {quote(meta.get_field('category').column)}, "
        "(SELECT slug FROM n)"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    if row is None:
        return None
    vote.pk, vote.contest_id, vote.category_id, vote.entry_id = row[0], contest_id, row[1], entry_id
    vote._state.adding = False
    vote._state.db = connection.alias
    return vote, row[2]


def vote_cast_for_nominee(*, user: User, entry_id: int, ip: str, now: datetime) -> tuple[Vote, str]:
    """`vote_cast` for the API, which names the nominee by id: returns the stored vote and its
    category's slug. Guarantees what `vote_cast` does (one vote per person and category, only a
    nominee, only while voting is open, a confirmed address), and raises what it raises, or
    PrizeEntry.DoesNotExist for an entry that is not public.

    The vote is one statement (`_vote_insert_for_nominee`), where reading the nominee and then
    inserting were two round trips to the database (issue 21: votes are the portal's busiest
    write). Only when that statement stores nothing, or this process has not yet seen the
    nominee's contest, does it read the nominee and go through `vote_cast`, which says why."""
    if not is_verified(user):
        raise PermissionDenied(_("Confirm your e-mail address before voting."))
    contest_id = _contest_of_entry.get(entry_id)
    if contest_id is not None:
        cast = _vote_insert_for_nominee(
            user=user, entry_id=entry_id, contest_id=contest_id, ip=ip, now=now
        )
        if cast is not None:
            return cast
    entry = nominee_for_vote(entry_id)
    if entry is None:
        raise PrizeEntry.DoesNotExist
    if len(_contest_of_entry) >= _CONTEST_MEMO_SIZE:
        _contest_of_entry.clear()
    _contest_of_entry[entry.pk] = entry.contest_id
    return vote_cast(user=user, entry=entry, ip=ip, now=now), entry.category.slug


def votes_quarantine(*, votes: Iterable[Vote], reason: str, by: User) -> int:
    """Sets suspect votes aside: they stay stored and visible in the tally as quarantined, and
    no longer count. Never deletes. All or nothing in one transaction: the rows are locked, set
    aside by one UPDATE and audited one entry per vote (written in bulk). Votes already
    quarantined are left as they are; returns how many changed."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": [_("A reason is required to quarantine votes.")]})
    with transaction.atomic():
        if isinstance(votes, QuerySet):
            ids = Vote.objects.filter(pk__in=votes.values("pk"))
        else:
            ids = Vote.objects.filter(pk__in=[vote.pk for vote in votes])
        locked = list(
            ids.filter(quarantined=False).select_for_update().order_by("pk").only("pk", "user_id")
        )
        if not locked:
            return 0
        Vote.objects.filter(pk__in=[vote.pk for vote in locked]).update(
            quarantined=True, quarantine_reason=reason
        )
        content_type = ContentType.objects.get_for_model(Vote)
        actor = by if by is not None and by.is_authenticated else None
        AuditEntry.objects.bulk_create(
            (
                AuditEntry(
                    actor=actor,
                    action="prize_vote.quarantine",
                    content_type=content_type,
                    object_id=str(vote.pk),
                    object_repr=str(vote)[:255],
                    before={"quarantined": False},
                    after={"quarantined": True},
                    reason=reason,
                )
                for vote in locked
            ),
            batch_size=1000,
        )
    return len(locked)


def _votes_quarantine_group(
    *, contest: Contest, group: str, votes, details: dict[str, Any], reason: str, by: User
) -> int:
    """Quarantines one flagged group of votes and audits the group on the contest as well (what
    was flagged, how many votes were set aside), in the same transaction."""
    with transaction.atomic():
        changed = votes_quarantine(votes=votes, reason=reason, by=by)
        if changed:
            audit_record(
                actor=by,
                action="prize_vote.quarantine_group",
                obj=contest,
                after={"group": group, **details, "votes": changed},
                reason=reason.strip(),
            )
    return changed


def votes_quarantine_network(
    *, contest: Contest, network_hash: str, entry: PrizeEntry, reason: str, by: User
) -> int:
    """Quarantines a flagged network cluster: the counted votes one network cast for one
    nominee. One transaction, audited."""
    votes = Vote.objects.filter(
        contest=contest, network_hash=network_hash, entry=entry, quarantined=False
    )
    return _votes_quarantine_group(
        contest=contest,
        group="network",
        votes=votes,
        details={"entry": entry.pk, "network_hash": network_hash},
        reason=reason,
        by=by,
    )


def votes_quarantine_burst(
    *, contest: Contest, entry: PrizeEntry, minute: datetime, reason: str, by: User
) -> int:
    """Quarantines a flagged burst: the counted votes one nominee received in the minute that
    starts at `minute` (as the integrity report groups them). One transaction, audited."""
    if minute.tzinfo is None or minute.second or minute.microsecond:
        raise ValidationError(_("Choose a burst of the report."), code="bad_minute")
    votes = Vote.objects.filter(
        contest=contest,
        entry=entry,
        quarantined=False,
        created_at__gte=minute,
        created_at__lt=minute + timedelta(minutes=1),
    )
    return _votes_quarantine_group(
        contest=contest,
        group="burst",
        votes=votes,
        details={"entry": entry.pk, "minute": minute.isoformat()},
        reason=reason,
        by=by,
    )


def votes_quarantine_new_accounts(
    *,
    contest: Contest,
    entry: PrizeEntry,
    reason: str,
    by: User,
    max_age_days: int = NEW_ACCOUNT_DAYS,
) -> int:
    """Quarantines a flagged group of new-account votes: the counted votes for one nominee by
    accounts younger than `max_age_days` when they voted (as the integrity report groups them).
    One transaction, audited."""
    votes = Vote.objects.filter(
        contest=contest, entry=entry, quarantined=False, account_age_days__lt=max_age_days
    )
    return _votes_quarantine_group(
        contest=contest,
        group="new_accounts",
        votes=votes,
        details={"entry": entry.pk, "max_age_days": max_age_days},
        reason=reason,
        by=by,
    )
