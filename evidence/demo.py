"""Demo content of the thematic repositories (idempotent): two repositories, "Women in ICT" and
an emergency-response collection, each with a few approved demo entries proposed by their
organisations and accepted by the secretariat, and one proposal of the demo stakeholder's
organisation still waiting in the secretariat's queue. Everything goes through the services, so
the audit log and the mails are as in real use."""

from __future__ import annotations

from evidence import services
from evidence.models import RepositoryProposal, ThematicRepository
from stocktaking.enums import EntryStatus
from stocktaking.models import Entry
from wsis.models import User

REPOSITORIES = (
    # (slug, title, summary, criteria, words of the titles of the entries it holds)
    (
        "women-in-ict",
        "Women in ICT",
        (
            "Projects that bring women and girls into the digital economy as users, makers "
            "and leaders."
        ),
        (
            "The activity is aimed mainly at women or girls, or measures its results for them: "
            "digital skills, careers in ICT, entrepreneurship, online safety or leadership."
        ),
        ("Digital skills for women", "E-learning for teachers"),
    ),
    (
        "emergency-telecommunications",
        "Emergency telecommunications and disaster response",
        "How ICTs warn people before a disaster, and keep them connected during and after it.",
        (
            "The activity helps prevent, prepare for, respond to or recover from a natural "
            "disaster or an emergency: early warning, emergency networks, data for response."
        ),
        ("Climate data platform", "Community radio online"),
    ),
)
ACCEPTED_PER_REPOSITORY = 3
PENDING_ORGANISATION = "ministry-digital-kenya"
PENDING_PROPOSER = "stakeholder@demo.wsis.test"


def _proposer(entry: Entry, secretariat: User) -> User:
    member = (
        User.objects.filter(
            memberships__organisation=entry.organisation,
            is_staff=False,
            emailaddress__verified=True,
        )
        .order_by("email")
        .first()
    )
    return member or secretariat


def seed_demo_content(stdout) -> None:
    secretariat = User.objects.filter(email="secretariat@demo.wsis.test").first()
    if secretariat is None or ThematicRepository.objects.exists():
        return
    approved = Entry.objects.filter(status=EntryStatus.APPROVED, revision_of__isnull=True)
    accepted = pending = 0
    for slug, title, summary, criteria, topics in REPOSITORIES:
        repository = ThematicRepository.objects.create(
            slug=slug, title=title, summary=summary, criteria=criteria
        )
        entries = [
            entry
            for topic in topics
            for entry in approved.filter(title__startswith=topic).order_by("id")[:2]
        ][:ACCEPTED_PER_REPOSITORY]
        for entry in entries:
            proposal = services.repository_proposal_make(
                repository=repository,
                entry=entry,
                by=_proposer(entry, secretariat),
                note="It fits the criteria (demo).",
            )
            services.repository_proposal_accept(proposal=proposal, by=secretariat)
            accepted += 1
    waiting = (
        approved.filter(organisation__slug=PENDING_ORGANISATION)
        .exclude(repository_proposals__isnull=False)
        .order_by("id")
        .first()
    )
    stakeholder = User.objects.filter(email=PENDING_PROPOSER).first()
    if waiting is not None:
        services.repository_proposal_make(
            repository=ThematicRepository.objects.get(slug="women-in-ict"),
            entry=waiting,
            # The demo stakeholder sees the waiting proposal on the entry's page.
            by=stakeholder or _proposer(waiting, secretariat),
            note="Half of the people it trained are women (demo).",
        )
        pending = RepositoryProposal.objects.filter(status="pending").count()
    stdout.write(
        f"  evidence: {len(REPOSITORIES)} thematic repositories, {accepted} entries accepted, "
        f"{pending} proposal waiting"
    )
