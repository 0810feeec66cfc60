"""Thematic repositories: an entry's organisation proposes its approved entry, the secretariat
accepts or declines with a reason (audited, the proposer mailed in their language); accepted
entries show on the repository's cached page and name the repository on their own page; the
pages and the API make as many queries for one entry as for many."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from evidence import services
from evidence.enums import ProposalStatus
from evidence.models import QuestionEntryLink, RepositoryProposal, StudyGroupQuestion
from stocktaking.enums import EntryStatus
from stocktaking.services import entry_archive
from tests.events.factories import member
from tests.evidence.factories import RepositoryProposalFactory, ThematicRepositoryFactory
from tests.factories import secretariat_user
from tests.query_counts import MAX_QUERIES, uncached_queries
from tests.stocktaking.factories import EntryFactory
from wsis.models import AuditEntry, Notification
from wsis.workflow import ReasonRequired, TransitionNotAllowed

pytestmark = pytest.mark.django_db


def _owned(status=EntryStatus.APPROVED, **kwargs):
    """An entry and a verified member of its organisation."""
    entry = EntryFactory(status=status, **kwargs)
    return entry, member(organisation=entry.organisation)


def _accepted(repository, n: int, *, prefix="Accepted"):
    entries = [EntryFactory(status=EntryStatus.APPROVED, title=f"{prefix} {i}") for i in range(n)]
    for entry in entries:
        RepositoryProposalFactory(
            repository=repository, entry=entry, status=ProposalStatus.ACCEPTED
        )
    return entries


# --- services ---------------------------------------------------------------------------------


def test_a_member_proposes_an_approved_entry_audited():
    repository = ThematicRepositoryFactory()
    entry, owner = _owned()
    proposal = services.repository_proposal_make(
        repository=repository, entry=entry, by=owner, note="  Half are women.  "
    )
    assert (proposal.status, proposal.note, proposal.proposed_by) == (
        ProposalStatus.PENDING,
        "Half are women.",
        owner,
    )
    audit = AuditEntry.objects.get(action="evidence_repository_proposal.submit")
    assert (audit.actor, audit.object_id) == (owner, str(proposal.pk))


@pytest.mark.parametrize(
    ("proposer", "status", "allowed"),
    [
        ("owner", EntryStatus.APPROVED, True),
        ("owner", EntryStatus.DRAFT, False),
        ("owner", EntryStatus.SUBMITTED, False),
        ("owner", EntryStatus.ARCHIVED, False),
        ("other", EntryStatus.APPROVED, False),
        ("secretariat", EntryStatus.APPROVED, True),
        ("secretariat", EntryStatus.DRAFT, False),
    ],
)
def test_only_the_entrys_organisation_proposes_only_approved_entries(proposer, status, allowed):
    repository = ThematicRepositoryFactory()
    entry, owner = _owned(status)
    people = {"owner": owner, "other": member(), "secretariat": secretariat_user()}
    if allowed:
        services.repository_proposal_make(repository=repository, entry=entry, by=people[proposer])
    else:
        with pytest.raises(PermissionDenied):
            services.repository_proposal_make(
                repository=repository, entry=entry, by=people[proposer]
            )
    assert RepositoryProposal.objects.count() == (1 if allowed else 0)


def test_a_revision_cannot_be_proposed():
    published, owner = _owned()
    revision = EntryFactory(
        status=EntryStatus.APPROVED, organisation=published.organisation, revision_of=published
    )
    with pytest.raises(PermissionDenied):
        services.repository_proposal_make(
            repository=ThematicRepositoryFactory(), entry=revision, by=owner
        )


def test_an_unpublished_repository_takes_no_proposal():
    entry, owner = _owned()
    with pytest.raises(ValidationError) as refused:
        services.repository_proposal_make(
            repository=ThematicRepositoryFactory(is_published=False), entry=entry, by=owner
        )
    assert list(refused.value.message_dict) == ["repository"]


@pytest.mark.parametrize("first", [ProposalStatus.PENDING, ProposalStatus.ACCEPTED])
def test_no_second_proposal_while_one_is_pending_or_accepted(first):
    repository = ThematicRepositoryFactory()
    entry, owner = _owned()
    RepositoryProposalFactory(repository=repository, entry=entry, status=first)
    with pytest.raises(ValidationError) as refused:
        services.repository_proposal_make(repository=repository, entry=entry, by=owner)
    assert refused.value.message_dict == {
        "repository": ["This entry is already proposed for this repository, or in it."]
    }
    assert RepositoryProposal.objects.count() == 1


def test_a_declined_entry_may_be_proposed_again_and_for_another_repository():
    repository = ThematicRepositoryFactory()
    entry, owner = _owned()
    RepositoryProposalFactory(repository=repository, entry=entry, status=ProposalStatus.DECLINED)
    services.repository_proposal_make(repository=repository, entry=entry, by=owner)
    services.repository_proposal_make(repository=ThematicRepositoryFactory(), entry=entry, by=owner)
    assert RepositoryProposal.objects.filter(status=ProposalStatus.PENDING).count() == 2


def test_the_database_refuses_a_second_open_proposal_too():
    proposal = RepositoryProposalFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        RepositoryProposal.objects.create(repository=proposal.repository, entry=proposal.entry)


def test_the_secretariat_accepts_audited_and_the_proposer_is_mailed_in_their_language(
    django_capture_on_commit_callbacks,
):
    entry, owner = _owned()
    owner.preferred_language = "fr"
    owner.save(update_fields=["preferred_language"])
    proposal = RepositoryProposalFactory(entry=entry, proposed_by=owner)
    decider = secretariat_user()
    with django_capture_on_commit_callbacks(execute=True):
        services.repository_proposal_accept(proposal=proposal, by=decider)
    proposal.refresh_from_db()
    assert (proposal.status, proposal.decided_by) == (ProposalStatus.ACCEPTED, decider)
    audit = AuditEntry.objects.get(action="evidence_repository_proposal.accept")
    assert (audit.actor, audit.before, audit.after) == (
        decider,
        {"status": "pending"},
        {"status": "accepted"},
    )
    mail = Notification.objects.get(template="evidence_repository_proposal_accept")
    assert mail.recipient == owner.email
    assert f"/fr/repositories/{proposal.repository.slug}/" in mail.body_text


def test_declining_needs_a_reason_which_the_proposer_reads(django_capture_on_commit_callbacks):
    entry, owner = _owned()
    proposal = RepositoryProposalFactory(entry=entry, proposed_by=owner)
    decider = secretariat_user()
    with pytest.raises(ReasonRequired):
        services.repository_proposal_decline(proposal=proposal, by=decider, reason="  ")
    assert RepositoryProposal.objects.get().status == ProposalStatus.PENDING
    with django_capture_on_commit_callbacks(execute=True):
        services.repository_proposal_decline(
            proposal=proposal, by=decider, reason="It is about broadband, not women."
        )
    assert RepositoryProposal.objects.get().decision_reason == "It is about broadband, not women."
    audit = AuditEntry.objects.get(action="evidence_repository_proposal.decline")
    assert audit.reason == "It is about broadband, not women."
    mail = Notification.objects.get(template="evidence_repository_proposal_decline")
    assert (mail.recipient, "It is about broadband, not women." in mail.body_text) == (
        owner.email,
        True,
    )


@pytest.mark.parametrize("who", ["owner", "other", "facilitator_like_member"])
def test_only_the_secretariat_decides(who):
    entry, owner = _owned()
    proposal = RepositoryProposalFactory(entry=entry, proposed_by=owner)
    people = {"owner": owner, "other": member(), "facilitator_like_member": member()}
    with pytest.raises(PermissionDenied):
        services.repository_proposal_accept(proposal=proposal, by=people[who])
    assert RepositoryProposal.objects.get().status == ProposalStatus.PENDING


def test_a_decided_proposal_is_not_decided_again():
    proposal = RepositoryProposalFactory(status=ProposalStatus.ACCEPTED)
    with pytest.raises(TransitionNotAllowed):
        services.repository_proposal_decline(
            proposal=proposal, by=secretariat_user(), reason="Changed my mind."
        )


def test_the_entrys_organisation_withdraws_a_pending_proposal_audited_and_may_propose_again():
    repository = ThematicRepositoryFactory()
    entry, owner = _owned()
    proposal = services.repository_proposal_make(repository=repository, entry=entry, by=owner)
    colleague = member(organisation=entry.organisation)
    services.repository_proposal_withdraw(proposal=proposal, by=colleague)
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.WITHDRAWN
    audit = AuditEntry.objects.get(action="evidence_repository_proposal.withdraw")
    assert (audit.actor, audit.before, audit.after) == (
        colleague,
        {"status": "pending"},
        {"status": "withdrawn"},
    )
    assert not Notification.objects.exists()
    # A withdrawn proposal blocks nothing, in the service nor in the partial unique index.
    again = services.repository_proposal_make(repository=repository, entry=entry, by=owner)
    assert again.status == ProposalStatus.PENDING
    assert RepositoryProposal.objects.count() == 2


@pytest.mark.parametrize("who", ["other", "secretariat"])
def test_only_the_entrys_organisation_withdraws(who):
    entry, owner = _owned()
    proposal = RepositoryProposalFactory(entry=entry, proposed_by=owner)
    people = {"other": member(), "secretariat": secretariat_user()}
    with pytest.raises(PermissionDenied):
        services.repository_proposal_withdraw(proposal=proposal, by=people[who])
    assert RepositoryProposal.objects.get().status == ProposalStatus.PENDING
    assert not AuditEntry.objects.filter(action__endswith=".withdraw").exists()


@pytest.mark.parametrize(
    "status", [ProposalStatus.ACCEPTED, ProposalStatus.DECLINED, ProposalStatus.WITHDRAWN]
)
def test_only_a_pending_proposal_is_withdrawn(status):
    entry, owner = _owned()
    proposal = RepositoryProposalFactory(entry=entry, proposed_by=owner, status=status)
    with pytest.raises(TransitionNotAllowed):
        services.repository_proposal_withdraw(proposal=proposal, by=owner)
    assert RepositoryProposal.objects.get().status == status


def test_the_secretariat_removes_an_accepted_entry_with_a_reason_mailed_and_audited(
    client, django_capture_on_commit_callbacks
):
    repository = ThematicRepositoryFactory(title="Women in ICT")
    entry, owner = _owned(title="Girls code club")
    owner.preferred_language = "fr"
    owner.save(update_fields=["preferred_language"])
    proposal = RepositoryProposalFactory(
        repository=repository, entry=entry, proposed_by=owner, status=ProposalStatus.ACCEPTED
    )
    url = repository.get_absolute_url()
    assert "Girls code club" in client.get(url).content.decode()  # cached now
    assert "In the thematic repositories" in client.get(entry.get_absolute_url()).content.decode()
    decider = secretariat_user()
    with pytest.raises(ReasonRequired):
        services.repository_proposal_remove(proposal=proposal, by=decider, reason=" ")
    assert RepositoryProposal.objects.get().status == ProposalStatus.ACCEPTED
    with django_capture_on_commit_callbacks(execute=True):
        services.repository_proposal_remove(
            proposal=proposal, by=decider, reason="The project ended in 2019."
        )
    proposal.refresh_from_db()
    assert (proposal.status, proposal.decided_by, proposal.decision_reason) == (
        ProposalStatus.REMOVED,
        decider,
        "The project ended in 2019.",
    )
    audit = AuditEntry.objects.get(action="evidence_repository_proposal.remove")
    assert (audit.before, audit.after, audit.reason) == (
        {"status": "accepted"},
        {"status": "removed"},
        "The project ended in 2019.",
    )
    mail = Notification.objects.get(template="evidence_repository_proposal_remove")
    assert mail.recipient == owner.email
    assert "The project ended in 2019." in mail.body_text
    assert f"/fr/repositories/{repository.slug}/" in mail.body_text
    # The cached pages change at once.
    assert "Girls code club" not in client.get(url).content.decode()
    assert (
        "In the thematic repositories" not in client.get(entry.get_absolute_url()).content.decode()
    )
    # Removed, the entry may be proposed again.
    services.repository_proposal_make(repository=repository, entry=entry, by=owner)


@pytest.mark.parametrize(
    ("who", "status", "refused"),
    [
        ("owner", ProposalStatus.ACCEPTED, PermissionDenied),
        ("secretariat", ProposalStatus.PENDING, TransitionNotAllowed),
        ("secretariat", ProposalStatus.DECLINED, TransitionNotAllowed),
    ],
)
def test_only_the_secretariat_removes_only_an_accepted_entry(who, status, refused):
    entry, owner = _owned()
    proposal = RepositoryProposalFactory(entry=entry, proposed_by=owner, status=status)
    people = {"owner": owner, "secretariat": secretariat_user()}
    with pytest.raises(refused):
        services.repository_proposal_remove(proposal=proposal, by=people[who], reason="No.")
    assert RepositoryProposal.objects.get().status == status


# --- pages ------------------------------------------------------------------------------------


def test_accepted_public_entries_show_on_the_repository_and_name_it_at_once(
    client, django_capture_on_commit_callbacks
):
    repository = ThematicRepositoryFactory(title="Women in ICT")
    entry, owner = _owned(title="Girls code club")
    draft = EntryFactory(status=EntryStatus.APPROVED, title="Later archived entry")
    RepositoryProposalFactory(repository=repository, entry=draft, status=ProposalStatus.ACCEPTED)
    proposal = RepositoryProposalFactory(repository=repository, entry=entry, proposed_by=owner)
    url = repository.get_absolute_url()
    before = client.get(url).content.decode()  # cached now
    assert ("Girls code club" in before, "Later archived entry" in before) == (False, True)
    assert (
        "In the thematic repositories" not in client.get(entry.get_absolute_url()).content.decode()
    )
    secretariat = secretariat_user()
    with django_capture_on_commit_callbacks(execute=True):
        services.repository_proposal_accept(proposal=proposal, by=secretariat)
        entry_archive(entry=draft, by=secretariat)
    after = client.get(url).content.decode()
    assert ("Girls code club" in after, "Later archived entry" in after) == (True, False)
    entry_page = client.get(entry.get_absolute_url()).content.decode()
    assert "In the thematic repositories" in entry_page
    assert f'href="{url}"' in entry_page
    assert "Women in ICT" in client.get("/repositories/").content.decode()


def test_a_pending_or_declined_entry_is_not_shown(client):
    repository = ThematicRepositoryFactory()
    pending = RepositoryProposalFactory(repository=repository, entry__title="Pending one")
    RepositoryProposalFactory(
        repository=repository, entry__title="Declined one", status=ProposalStatus.DECLINED
    )
    page = client.get(repository.get_absolute_url()).content.decode()
    assert ("Pending one" in page, "Declined one" in page) == (False, False)
    assert (
        "In the thematic repositories"
        not in client.get(pending.entry.get_absolute_url()).content.decode()
    )


def test_an_unpublished_repository_has_no_page_and_a_change_shows_at_once(
    client, django_capture_on_commit_callbacks
):
    repository = ThematicRepositoryFactory(title="Hidden collection", is_published=False)
    assert client.get(repository.get_absolute_url()).status_code == 404
    assert "Hidden collection" not in client.get("/repositories/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        repository.is_published = True
        repository.save()
    assert client.get(repository.get_absolute_url()).status_code == 200
    assert "Hidden collection" in client.get("/repositories/").content.decode()


def test_the_repository_page_is_paginated(client):
    repository = ThematicRepositoryFactory()
    _accepted(repository, 27)
    first = client.get(repository.get_absolute_url()).content.decode()
    second = client.get(repository.get_absolute_url(), {"page": 2}).content.decode()
    assert (first.count('<li class="card">'), second.count('<li class="card">')) == (25, 2)
    assert "Page 2 of 2" in second


@pytest.mark.parametrize("url", ["/repositories/", "repository"])
def test_repository_pages_make_as_many_queries_for_one_entry_as_for_many(client, url):
    repository = ThematicRepositoryFactory()
    url = repository.get_absolute_url() if url == "repository" else url
    _accepted(repository, 1, prefix="First")
    client.get(url)
    one = uncached_queries(client, url)
    _accepted(repository, 12, prefix="More")
    _accepted(ThematicRepositoryFactory(), 3, prefix="Elsewhere")
    many = uncached_queries(client, url)
    assert one == many
    assert many <= MAX_QUERIES


def test_the_owner_proposes_from_the_entry_page_and_reads_the_reason(client):
    repository = ThematicRepositoryFactory(title="Women in ICT")
    entry, owner = _owned()
    client.force_login(owner)
    url = reverse("evidence:entry_repositories", kwargs={"pk": entry.pk})
    page = client.get(url).content.decode()
    assert "Women in ICT" in page
    response = client.post(url, {"repository": repository.pk, "note": "Girls learn to code."})
    assert response.status_code == 302
    proposal = RepositoryProposal.objects.get()
    assert (proposal.entry, proposal.note) == (entry, "Girls learn to code.")
    # Proposed already: no longer offered, and a second POST is refused on the form.
    again = client.post(url, {"repository": repository.pk})
    assert again.status_code == 400
    services.repository_proposal_decline(
        proposal=proposal, by=secretariat_user(), reason="Not mainly for women."
    )
    assert "Not mainly for women." in client.get(url).content.decode()


def test_another_organisation_cannot_propose_an_entry(client):
    repository = ThematicRepositoryFactory()
    entry, _owner = _owned()
    client.force_login(member())
    url = reverse("evidence:entry_repositories", kwargs={"pk": entry.pk})
    assert client.post(url, {"repository": repository.pk}).status_code == 403
    assert RepositoryProposal.objects.count() == 0


def test_a_draft_entrys_owner_is_told_it_must_be_approved(client):
    ThematicRepositoryFactory()
    entry, owner = _owned(EntryStatus.DRAFT)
    client.force_login(owner)
    url = reverse("evidence:entry_repositories", kwargs={"pk": entry.pk})
    assert "Only an approved entry can be proposed." in client.get(url).content.decode()
    assert client.post(url, {"repository": 1}).status_code == 403


def test_the_owner_withdraws_a_pending_proposal_from_the_entry_page(client):
    repository = ThematicRepositoryFactory(title="Women in ICT")
    entry, owner = _owned()
    pending = RepositoryProposalFactory(repository=repository, entry=entry, proposed_by=owner)
    declined = RepositoryProposalFactory(entry=entry, status=ProposalStatus.DECLINED)
    client.force_login(owner)
    url = reverse("evidence:entry_repositories", kwargs={"pk": entry.pk})
    withdraw = reverse(
        "evidence:entry_proposal_withdraw", kwargs={"pk": entry.pk, "proposal_id": pending.pk}
    )
    page = client.get(url).content.decode()
    # One button, for the pending proposal only.
    assert page.count("/withdraw/") == 1
    assert f'action="{withdraw}"' in page
    assert client.get(withdraw).status_code == 405
    response = client.post(withdraw, follow=True)
    assert response.redirect_chain == [(url, 302)]
    assert "The proposal was withdrawn." in response.content.decode()
    assert RepositoryProposal.objects.get(pk=pending.pk).status == ProposalStatus.WITHDRAWN
    # Withdrawn, the repository is offered again; a second POST changes nothing.
    assert f'value="{repository.pk}"' in response.content.decode()
    again = client.post(withdraw, follow=True)
    assert "This proposal no longer waits for the secretariat." in again.content.decode()
    # A proposal of another entry is not found through this entry.
    elsewhere = reverse(
        "evidence:entry_proposal_withdraw", kwargs={"pk": entry.pk, "proposal_id": declined.pk}
    )
    other_entry = RepositoryProposalFactory()
    assert (
        client.post(
            reverse(
                "evidence:entry_proposal_withdraw",
                kwargs={"pk": entry.pk, "proposal_id": other_entry.pk},
            )
        ).status_code
        == 404
    )
    client.post(elsewhere)
    assert RepositoryProposal.objects.get(pk=declined.pk).status == ProposalStatus.DECLINED


def test_the_secretariat_sees_no_withdraw_button_and_may_not_withdraw(client):
    entry, owner = _owned()
    pending = RepositoryProposalFactory(entry=entry, proposed_by=owner)
    client.force_login(secretariat_user())
    url = reverse("evidence:entry_repositories", kwargs={"pk": entry.pk})
    assert "/withdraw/" not in client.get(url).content.decode()
    withdraw = reverse(
        "evidence:entry_proposal_withdraw", kwargs={"pk": entry.pk, "proposal_id": pending.pk}
    )
    assert client.post(withdraw).status_code == 403
    assert RepositoryProposal.objects.get().status == ProposalStatus.PENDING


# --- the admin queue --------------------------------------------------------------------------


def test_the_secretariat_declines_in_the_admin_only_with_a_reason(
    client, django_capture_on_commit_callbacks
):
    proposals = [RepositoryProposalFactory(), RepositoryProposalFactory()]
    client.force_login(secretariat_user())
    changelist = reverse("admin:evidence_repositoryproposal_changelist")
    queue = client.get(changelist)
    assert queue.status_code == 200
    assert list(queue.context["cl"].result_list) == proposals
    selected = [proposal.pk for proposal in proposals]
    refused = client.post(
        changelist,
        {"action": "decline_selected", "_selected_action": selected, "confirm": "yes"},
    )
    assert refused.status_code == 400
    assert "A reason is required" in refused.content.decode()
    assert set(RepositoryProposal.objects.values_list("status", flat=True)) == {"pending"}
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(
            changelist,
            {
                "action": "decline_selected",
                "_selected_action": selected,
                "confirm": "yes",
                "reason": "Out of scope.",
            },
        )
    assert done.status_code == 302
    assert list(RepositoryProposal.objects.values_list("status", "decision_reason")) == [
        ("declined", "Out of scope."),
        ("declined", "Out of scope."),
    ]
    # Decided proposals leave the queue (it opens on the waiting ones).
    assert list(client.get(changelist).context["cl"].result_list) == []


def test_the_secretariat_accepts_in_the_admin():
    client = Client()
    proposal = RepositoryProposalFactory()
    client.force_login(secretariat_user())
    changelist = reverse("admin:evidence_repositoryproposal_changelist")
    confirm = client.post(
        changelist, {"action": "accept_selected", "_selected_action": [proposal.pk]}
    )
    assert confirm.status_code == 200
    client.post(
        changelist,
        {"action": "accept_selected", "_selected_action": [proposal.pk], "confirm": "yes"},
    )
    assert RepositoryProposal.objects.get().status == ProposalStatus.ACCEPTED


def test_the_secretariat_removes_accepted_entries_in_the_admin_only_with_a_reason(
    client, django_capture_on_commit_callbacks
):
    entry, owner = _owned()
    accepted = RepositoryProposalFactory(
        entry=entry, proposed_by=owner, status=ProposalStatus.ACCEPTED
    )
    pending = RepositoryProposalFactory()
    client.force_login(secretariat_user())
    # The queue opens on the pending proposals: the secretariat shows all (or the accepted).
    changelist = reverse("admin:evidence_repositoryproposal_changelist") + "?status=all"
    selected = [accepted.pk, pending.pk]
    confirm = client.post(changelist, {"action": "remove_selected", "_selected_action": selected})
    assert confirm.status_code == 200
    # The pending one is named as skipped before anything happens.
    assert confirm.content.decode().count("not possible from this state: skipped") == 1
    refused = client.post(
        changelist, {"action": "remove_selected", "_selected_action": selected, "confirm": "yes"}
    )
    assert refused.status_code == 400
    assert "A reason is required" in refused.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(
            changelist,
            {
                "action": "remove_selected",
                "_selected_action": selected,
                "confirm": "yes",
                "reason": "The project ended.",
            },
        )
    assert done.status_code == 302
    assert dict(RepositoryProposal.objects.values_list("pk", "status")) == {
        accepted.pk: "removed",
        pending.pk: "pending",
    }
    mail = Notification.objects.get(template="evidence_repository_proposal_remove")
    assert (mail.recipient, "The project ended." in mail.body_text) == (owner.email, True)
    listed = client.get(changelist.replace("all", "removed")).context["cl"].result_list
    assert list(listed) == [RepositoryProposal.objects.get(pk=accepted.pk)]


# --- the API ----------------------------------------------------------------------------------


def test_the_api_lists_accepted_public_entries_only_and_filters(client):
    repository = ThematicRepositoryFactory(title="Women in ICT")
    public = _accepted(repository, 2)
    RepositoryProposalFactory(repository=repository, entry__title="Pending secret")
    ThematicRepositoryFactory(title="Unpublished secret", is_published=False)
    body = client.get("/api/v1/repositories/").json()
    assert [row["title"] for row in body["results"]] == ["Women in ICT"]
    detail = client.get(f"/api/v1/repositories/{repository.pk}/").json()
    assert sorted(row["id"] for row in detail["entries"]) == sorted(e.pk for e in public)
    assert detail["entry_count"] == 2
    assert "secret" not in str(body) + str(detail)
    other = ThematicRepositoryFactory(title="Emergency")
    listed = client.get("/api/v1/repositories/", {"entry": public[0].pk}).json()["results"]
    assert [row["title"] for row in listed] == ["Women in ICT"]
    by_organisation = client.get(
        "/api/v1/repositories/", {"organisation": public[1].organisation_id}
    ).json()["results"]
    assert [row["id"] for row in by_organisation] == [repository.pk]
    assert other.pk not in [row["id"] for row in by_organisation]
    assert client.get("/api/v1/repositories/", {"entry": "x"}).status_code == 400


@pytest.mark.parametrize("detail", [False, True])
def test_the_api_makes_as_many_queries_for_one_entry_as_for_many(client, detail):
    repository = ThematicRepositoryFactory()
    url = f"/api/v1/repositories/{repository.pk}/" if detail else "/api/v1/repositories/"
    _accepted(repository, 1, prefix="First")
    client.get(url)
    one = uncached_queries(client, url)
    _accepted(repository, 8, prefix="More")
    _accepted(ThematicRepositoryFactory(), 3, prefix="Elsewhere")
    many = uncached_queries(client, url)
    assert one == many
    assert many <= MAX_QUERIES


def test_the_entry_page_reads_its_questions_and_repositories_in_one_query(client):
    entry = EntryFactory(status=EntryStatus.APPROVED)
    question = StudyGroupQuestion.objects.get(study_period="2022-2025", study_group=2, number=3)
    QuestionEntryLink.objects.create(question=question, entry=entry)
    for title in ("Women in ICT", "Emergency response"):
        RepositoryProposalFactory(
            repository__title=title, entry=entry, status=ProposalStatus.ACCEPTED
        )
    with CaptureQueriesContext(connection) as queries:
        page = client.get(entry.get_absolute_url()).content.decode()
    evidence = page.split('id="evidence-heading"', 1)[1]
    assert evidence.index("Emergency response") < evidence.index("Women in ICT")
    assert f'href="{question.get_absolute_url()}"' in evidence
    reads = [
        q["sql"] for q in queries.captured_queries if "evidence_thematicrepository" in q["sql"]
    ]
    assert [("evidence_studygroupquestion" in sql, "UNION ALL" in sql) for sql in reads] == [
        (True, True)
    ]


# --- the six languages ------------------------------------------------------------------------


def _translated_repository(**kwargs):
    return ThematicRepositoryFactory(
        title="Women in ICT",
        title_fr="Les femmes et les TIC",
        summary="Projects for women and girls.",
        summary_fr="Projets pour les femmes et les filles.",
        criteria="The activity is aimed mainly at women or girls.",
        criteria_fr="L'activité vise principalement les femmes ou les filles.",
        **kwargs,
    )


def test_the_public_pages_show_the_repository_in_the_readers_language(client):
    repository = _translated_repository()
    entry = _accepted(repository, 1)[0]
    path, entry_path = repository.get_absolute_url(), entry.get_absolute_url()
    french = client.get(f"/fr{path}").content.decode()
    for text in (
        "Les femmes et les TIC",
        "Projets pour les femmes et les filles.",
        "L&#x27;activité vise principalement les femmes ou les filles.",
    ):
        assert text in french
    assert "Women in ICT" not in french
    assert "Les femmes et les TIC" in client.get("/fr/repositories/").content.decode()
    assert "Les femmes et les TIC" in client.get(f"/fr{entry_path}").content.decode()
    # English, and a language without a translation, read the English text (each cached apart).
    for prefix in ("", "/es"):
        page = client.get(f"{prefix}{path}").content.decode()
        assert ("Women in ICT" in page, "Les femmes et les TIC" in page) == (True, False)
        assert "Women in ICT" in client.get(f"{prefix}{entry_path}").content.decode()


def test_the_secretariat_edits_the_translations_in_the_admin_keeping_the_english(client):
    repository = _translated_repository()
    client.force_login(secretariat_user())
    url = reverse("admin:evidence_thematicrepository_change", args=[repository.pk])
    french = {"Accept-Language": "fr"}
    form = client.get(url, headers=french).content.decode()
    assert 'lang="fr"' in form
    # The English fields hold the English text, whatever the admin's language.
    assert 'value="Women in ICT"' in form
    response = client.post(
        url,
        {
            "title": "Women in ICT",
            "slug": repository.slug,
            "summary": "Projects for women and girls.",
            "criteria": "The activity is aimed mainly at women or girls.",
            "is_published": "on",
            "title_fr": "Femmes et TIC",
            "title_es": "Mujeres y TIC",
        },
        headers=french,
    )
    assert response.status_code == 302
    with translation.override(None):
        repository.refresh_from_db()
        assert (repository.title, repository.title_fr, repository.title_es) == (
            "Women in ICT",
            "Femmes et TIC",
            "Mujeres y TIC",
        )
        assert repository.summary_fr == ""
    with translation.override("es"):
        assert repository.title == "Mujeres y TIC"
