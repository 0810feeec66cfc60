"""Demo content of the WSIS Prizes (idempotent): this year's contest in its voting phase, with
nominees made from the demo stocktaking entries when they exist, and the demo expert assigned to
the first six categories. Every step goes through the services, with the clock set inside the
phase the step belongs to."""

from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from stocktaking.models import Entry
from stocktaking.prizes import services
from stocktaking.prizes.enums import PrizeEntryStatus
from stocktaking.prizes.models import Contest, PrizeEntry
from wsis.models import User

DEMO_DESCRIPTION = (
    "{title} is a demonstration project of the WSIS Portal. It brings affordable connectivity, "
    "digital skills and public services online to communities that were left out, working with "
    "local governments, schools, libraries and civil society. Volunteers train teachers and "
    "young people, who in turn teach their neighbours to use online services safely, to protect "
    "their personal data and to find trustworthy information. The project measures its results "
    "every quarter: the number of people trained, the services used online, the time and money "
    "saved by families and small businesses, and the share of women and older people among the "
    "learners. Its open curriculum and software are published under free licences so that other "
    "countries can adapt them in their own languages. The partners share the costs, and the "
    "local authorities have agreed to keep the community centres running after the pilot phase. "
    "The next steps are to reach rural districts, to add accessible content for persons with "
    "disabilities, and to connect the centres to the national digital identity programme while "
    "respecting privacy and human rights, as the WSIS principles require of every partner."
)
DEMO_TEXT = "Demo text: see the description."


DEMO_ORGANISATIONS = (
    "ministry-digital-kenya",
    "open-schools-network",
    "andes-connect",
    "pacific-ict-lab",
)


def _schedule(start: datetime) -> dict[str, datetime]:
    """Phase dates every ten days from `start`."""
    return {
        field: start + timedelta(days=10 * i)
        for i, field in enumerate(Contest.PHASE_DATE_FIELDS.values())
    }


def _contest(year: int, dates: dict[str, datetime], secretariat: User | None) -> Contest:
    contest = Contest.objects.filter(year=year).first()
    if contest is None:
        contest = services.contest_create(
            year=year, title=f"WSIS Prizes {year}", by=secretariat, dates=dates
        )
    return contest


def _enter_and_check(
    contest: Contest, stocktaking_entry: Entry, secretariat: User
) -> PrizeEntry | None:
    """Enters a stocktaking entry in its Action Line's category, submits it and declares it
    eligible, each step at a moment inside its phase. None when it cannot be entered."""
    action_line = stocktaking_entry.primary_action_line or stocktaking_entry.action_lines.first()
    category = contest.categories.filter(action_line=action_line).first() if action_line else None
    member = (
        User.objects.filter(
            memberships__organisation=stocktaking_entry.organisation, emailaddress__verified=True
        )
        .order_by("email")
        .first()
    )
    if category is None or member is None:
        return None
    if PrizeEntry.objects.filter(
        contest=contest, category=category, organisation=stocktaking_entry.organisation
    ).exists():
        return None
    entry = services.prize_entry_create(
        by=member,
        contest=contest,
        organisation=stocktaking_entry.organisation,
        category=category,
        stocktaking_entry=stocktaking_entry,
        content={
            "title": stocktaking_entry.title,
            "description": DEMO_DESCRIPTION.format(title=stocktaking_entry.title),
            "impact": DEMO_TEXT,
            "partnerships": DEMO_TEXT,
            "action_line_link": DEMO_TEXT,
            "challenges": DEMO_TEXT,
            "future_plans": DEMO_TEXT,
            "sdgs": list(stocktaking_entry.sdgs.all()) or [4],
        },
        now=contest.entries_open_at + timedelta(days=1),
    )
    services.prize_entry_submit(
        entry=entry, by=member, now=contest.entries_open_at + timedelta(days=2)
    )
    services.prize_entry_decide(entry=entry, eligible=True, by=secretariat)
    return entry


def _nominate(contest: Contest, entries: list[PrizeEntry], secretariat: User) -> None:
    by_category: dict[int, list[PrizeEntry]] = {}
    for entry in entries:
        by_category.setdefault(entry.category_id, []).append(entry)
    for category_entries in by_category.values():
        services.nominees_publish(
            category=category_entries[0].category,
            entries=category_entries,
            by=secretariat,
            now=contest.review_starts_at + timedelta(days=1),
        )


def _run_past_contest(contest: Contest, stocktaking_entries: list[Entry], secretariat: User) -> int:
    """Takes last year's contest from entries to results: entries, nominees, demo votes,
    finalists, and the first finalist of each category as winner, the others champions."""
    entries = [
        e for e in (_enter_and_check(contest, s, secretariat) for s in stocktaking_entries) if e
    ]
    if not entries:
        return 0
    _nominate(contest, entries, secretariat)
    voters = list(User.objects.filter(email__endswith="@demo.wsis.test").order_by("email"))
    for index, voter in enumerate(voters):
        for entry in entries[index % len(entries) :: 2]:
            try:
                services.vote_cast(
                    user=voter,
                    entry=entry,
                    ip=f"192.0.2.{index + 1}",
                    now=contest.voting_opens_at + timedelta(days=1),
                )
            except ValidationError:
                continue  # one vote per category: later entries of the same category are skipped
    services.finalists_publish(
        contest=contest, by=secretariat, now=contest.voting_closes_at + timedelta(days=1)
    )
    for category in contest.categories.order_by("number"):
        finalists = list(category.entries.filter(status=PrizeEntryStatus.FINALIST).order_by("id"))
        if finalists:
            services.winners_record(
                category=category, winners=finalists[:1], champions=finalists[1:], by=secretariat
            )
    return len(entries)


def seed_demo_content(stdout) -> None:
    now = timezone.now()
    year = timezone.localtime(now).year
    secretariat = User.objects.filter(email="secretariat@demo.wsis.test").first()
    past = _contest(year - 1, _schedule(now - timedelta(days=400)), secretariat)
    current = _contest(year, _schedule(now - timedelta(days=45)), secretariat)
    categories = list(current.categories.order_by("number"))

    expert = User.objects.filter(email="expert@demo.wsis.test").first()
    if expert is not None and secretariat is not None:
        for category in categories[:6]:
            services.expert_assign(category=category, expert=expert, by=secretariat)

    stocktaking_entries = list(
        Entry.objects.filter(
            organisation__slug__in=DEMO_ORGANISATIONS, revision_of__isnull=True, status="approved"
        )
        .select_related("organisation", "primary_action_line")
        .order_by("id")[:12]
    )
    if stocktaking_entries and secretariat is not None:
        with transaction.atomic():
            if not past.entries.exists():
                _run_past_contest(past, stocktaking_entries[1::2], secretariat)
            # Last year's winners may not enter again: the current contest gets the others.
            new = [_enter_and_check(current, s, secretariat) for s in stocktaking_entries[::2]]
            new = [entry for entry in new if entry]
            if new:
                _nominate(current, new, secretariat)
    for contest in (past, current):
        services.contest_phase_record(contest=contest, now=now)
    nominees = PrizeEntry.objects.filter(contest=current, status=PrizeEntryStatus.NOMINEE).count()
    results = PrizeEntry.objects.filter(contest=past, status__in=("winner", "champion")).count()
    if not stocktaking_entries:
        stdout.write(
            f"Prizes demo: {year - 1} contest finished and {year} contest in its voting phase, "
            "without entries: there are no approved demo stocktaking entries yet."
        )
        return
    stdout.write(
        f"Prizes demo: {year - 1} contest with {results} winners and champions; {year} contest "
        f"in its voting phase with {nominees} nominees."
    )
