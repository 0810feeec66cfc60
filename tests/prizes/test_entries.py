"""Prize entries: the rules with their exact messages, optimistic locking and the workflow."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError

from stocktaking.prizes import services
from stocktaking.prizes.enums import Phase, PrizeEntryStatus
from stocktaking.prizes.models import PrizeEntry
from stocktaking.prizes.workflow import PRIZE_ENTRY_WORKFLOW
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory, secretariat_user
from tests.prizes.factories import (
    DESCRIPTION,
    NOW,
    ContestFactory,
    PrizeEntryFactory,
    StocktakingEntryFactory,
)
from wsis.models import AuditEntry
from wsis.workflow import ReasonRequired, TransitionNotAllowed, workflow_transition

pytestmark = pytest.mark.django_db


def content(**changes):
    values = {
        "title": "Digital villages",
        "description": DESCRIPTION,
        "impact": "Impact.",
        "partnerships": "Partners.",
        "action_line_link": "C2.",
        "challenges": "Challenges.",
        "future_plans": "Plans.",
        "sdgs": [4, 9],
        "gdc_objectives": [],
    }
    values.update(changes)
    return values


@pytest.fixture
def member():
    return MembershipFactory().user


def create(member, contest=None, category=None, stocktaking_entry=None, now=NOW, **changes):
    contest = contest or ContestFactory()
    organisation = member.memberships.get().organisation
    return services.prize_entry_create(
        by=member,
        contest=contest,
        organisation=organisation,
        category=category or contest.categories.get(number=2),
        stocktaking_entry=stocktaking_entry or StocktakingEntryFactory(organisation=organisation),
        content=content(**changes),
        now=now,
    )


def test_create_saves_a_draft_and_audits(member):
    entry = create(member)
    assert (entry.status, entry.title, entry.created_by) == ("draft", "Digital villages", member)
    assert sorted(entry.sdgs.values_list("number", flat=True)) == [4, 9]
    assert AuditEntry.objects.get(object_id=str(entry.pk)).action == "prize_entry.create"


def test_entries_before_the_opening_are_refused(member):
    contest = ContestFactory(in_phase=Phase.UPCOMING)
    with pytest.raises(ValidationError) as error:
        create(member, contest=contest)
    assert error.value.messages == [
        (
            f"Entries for the {contest.title} are not open yet; they open on 16 June 2026, 12:00 "
            "(Geneva time)."
        )
    ]


def test_entries_after_the_deadline_are_refused_at_saving_time(member):
    contest = ContestFactory()
    with pytest.raises(ValidationError) as error:
        create(member, contest=contest, now=contest.entries_close_at)
    assert error.value.messages == [
        (
            f"Entries for the {contest.title} are closed: the deadline was 24 June 2026, 12:00 "
            "(Geneva time)."
        )
    ]
    assert PrizeEntry.objects.count() == 0


def test_one_entry_per_organisation_per_category(member):
    first = create(member)
    with pytest.raises(ValidationError) as error:
        create(member, contest=first.contest)
    assert error.value.message_dict == {
        "category": [
            (
                "Your organisation already has an entry in the category “Information and "
                "communication infrastructure” of this contest."
            )
        ]
    }
    other_category = first.contest.categories.get(number=3)
    assert create(member, contest=first.contest, category=other_category).category.number == 3


def test_one_entry_per_organisation_per_category_is_a_database_constraint():
    entry = PrizeEntryFactory()
    with pytest.raises(IntegrityError):
        PrizeEntryFactory(
            contest=entry.contest, category=entry.category, organisation=entry.organisation
        )


@pytest.mark.parametrize(
    ("words", "accepted"), [(149, False), (150, True), (200, True), (201, False)]
)
def test_description_word_limits(member, words, accepted):
    description = " ".join(["word"] * words)
    if accepted:
        assert create(member, description=description).description == description
        return
    with pytest.raises(ValidationError) as error:
        create(member, description=description)
    assert error.value.message_dict == {
        "description": [f"The description must have 150 to 200 words; it has {words}."]
    }


def _editor_html(words: int) -> str:
    """A description as the rich-text editor sends it: `words` words in paragraphs, a bulleted
    list and emphasis, more tags than words."""
    items = ["word"] * words
    return (
        f"<div><strong>{items[0]}</strong> <em>{' '.join(items[1:10])}</em></div>"
        f"<ul>{''.join(f'<li>{w}</li>' for w in items[10:40])}</ul>"
        f"<div>{'<br>'.join(items[40:])}</div>"
    )


@pytest.mark.parametrize(("words", "accepted"), [(160, True), (100, False), (201, False)])
def test_the_word_rule_counts_the_words_of_the_editors_text_not_its_tags(member, words, accepted):
    description = _editor_html(words)
    # Split as a string, the tags glue list items and lines into one "word": far too few.
    assert len(description.split()) < 150
    assert description.count("<") > words
    if accepted:
        entry = create(member, description=description)
        assert entry.description.startswith("<p><strong>word</strong> <em>word")
        assert "<div>" not in entry.description
        return
    with pytest.raises(ValidationError) as error:
        create(member, description=description)
    assert error.value.message_dict == {
        "description": [f"The description must have 150 to 200 words; it has {words}."]
    }


def test_the_editors_description_is_stored_sanitised_and_a_plain_one_as_written(member):
    entry = create(
        member,
        description=f'<div onclick="x()">{DESCRIPTION}<script>alert(1)</script>'
        '<img src=x onerror="y()"></div>',
    )
    assert entry.description == f"<p>{DESCRIPTION}</p>"
    args = {
        "entry": entry,
        "by": member,
        "category": entry.category,
        "stocktaking_entry": entry.stocktaking_entry,
        "now": NOW,
    }
    plain = "Typed <without> the editor\n\n" + DESCRIPTION
    services.prize_entry_update(
        **args, lock_version=entry.lock_version, content=content(description=plain)
    )
    entry.refresh_from_db()
    assert entry.description == plain.strip()
    # Submission reads the stored HTML by its text too.
    services.prize_entry_update(
        **args,
        lock_version=entry.lock_version,
        content=content(description=_editor_html(150)),
    )
    entry.refresh_from_db()
    services.prize_entry_submit(entry=entry, by=member, now=NOW)
    assert entry.status == PrizeEntryStatus.SUBMITTED


def test_an_editor_description_of_only_tags_is_required(member):
    with pytest.raises(ValidationError) as error:
        create(member, description="<div><br></div><ul><li></li></ul>")
    assert error.value.message_dict == {"description": ["This field is required."]}


def test_required_fields_are_named(member):
    with pytest.raises(ValidationError) as error:
        create(member, impact="  ", future_plans="", sdgs=[])
    assert error.value.message_dict == {
        "impact": ["This field is required."],
        "future_plans": ["This field is required."],
        "sdgs": ["Choose at least one SDG."],
    }


def test_past_winners_are_not_eligible(member):
    organisation = member.memberships.get().organisation
    project = StocktakingEntryFactory(organisation=organisation, title="Mesh for all")
    past = ContestFactory(year=2025)
    PrizeEntryFactory(
        contest=past,
        organisation=organisation,
        stocktaking_entry=project,
        status=PrizeEntryStatus.WINNER,
    )
    with pytest.raises(ValidationError) as error:
        create(member, contest=ContestFactory(year=2026), stocktaking_entry=project)
    assert error.value.message_dict == {
        "stocktaking_entry": [
            "“Mesh for all” won a WSIS Prize in 2025: past winners are not eligible."
        ]
    }


def test_stocktaking_entry_of_another_organisation_is_refused(member):
    other = StocktakingEntryFactory()
    with pytest.raises(ValidationError) as error:
        create(member, stocktaking_entry=other)
    organisation = member.memberships.get().organisation
    assert error.value.message_dict == {
        "stocktaking_entry": [f"Choose one of {organisation.name}'s stocktaking entries."]
    }


def test_non_member_and_unverified_people_cannot_enter():
    organisation = OrganisationFactory()
    contest = ContestFactory()
    kwargs = {
        "contest": contest,
        "organisation": organisation,
        "category": contest.categories.first(),
        "stocktaking_entry": StocktakingEntryFactory(organisation=organisation),
        "content": content(),
        "now": NOW,
    }
    with pytest.raises(PermissionDenied) as error:
        services.prize_entry_create(by=UserFactory(verified=True), **kwargs)
    assert str(error.value) == "You are not a member of this organisation."
    unverified = UserFactory(verified=False)
    MembershipFactory(organisation=organisation, user=unverified)
    with pytest.raises(PermissionDenied) as error:
        services.prize_entry_create(by=unverified, **kwargs)
    assert str(error.value) == "Confirm your e-mail address before entering a prize."


def test_a_stale_editor_is_refused(member):
    entry = create(member)
    loaded_version = entry.lock_version
    args = {
        "entry": entry,
        "by": member,
        "category": entry.category,
        "stocktaking_entry": entry.stocktaking_entry,
        "now": NOW,
    }
    services.prize_entry_update(**args, lock_version=loaded_version, content=content(title="A"))
    with pytest.raises(ValidationError) as error:
        services.prize_entry_update(**args, lock_version=loaded_version, content=content(title="B"))
    assert error.value.messages == [
        "Someone else changed this entry meanwhile; reload it and apply your changes again."
    ]
    entry.refresh_from_db()
    assert (entry.title, entry.lock_version) == ("A", loaded_version + 1)


def test_submit_tells_the_members_and_the_secretariat(
    member, django_capture_on_commit_callbacks, settings
):
    entry = create(member)
    with django_capture_on_commit_callbacks(execute=True):
        services.prize_entry_submit(entry=entry, by=member, now=NOW + timedelta(hours=1))
    entry.refresh_from_db()
    assert (entry.status, entry.submitted_at) == ("submitted", NOW + timedelta(hours=1))
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [member.email, settings.SECRETARIAT_EMAIL]
    )
    assert mail.outbox[0].subject.endswith("Prize entry received: Digital villages")
    with pytest.raises(TransitionNotAllowed):
        services.prize_entry_submit(entry=entry, by=member, now=NOW + timedelta(hours=2))


def test_submit_after_the_deadline_is_refused(member):
    entry = create(member)
    with pytest.raises(ValidationError) as error:
        services.prize_entry_submit(entry=entry, by=member, now=entry.contest.entries_close_at)
    assert error.value.messages == [
        (
            f"Entries for the {entry.contest.title} are closed: the deadline was 24 June 2026, "
            "12:00 (Geneva time)."
        )
    ]
    entry.refresh_from_db()
    assert entry.status == "draft"


def test_ineligible_needs_a_reason_that_the_submitter_sees(
    client, member, django_capture_on_commit_callbacks
):
    entry = PrizeEntryFactory(
        organisation=member.memberships.get().organisation, status=PrizeEntryStatus.SUBMITTED
    )
    secretariat = secretariat_user()
    with pytest.raises(ReasonRequired):
        services.prize_entry_decide(entry=entry, eligible=False, by=secretariat)
    with django_capture_on_commit_callbacks(execute=True):
        services.prize_entry_decide(
            entry=entry, eligible=False, by=secretariat, reason="Not an ICT project."
        )
    entry.refresh_from_db()
    assert (entry.status, entry.decision_reason) == ("ineligible", "Not an ICT project.")
    assert "Reason: Not an ICT project." in mail.outbox[0].body
    client.force_login(member)
    assert "Not an ICT project." in client.get(entry.get_absolute_url()).content.decode()


def test_whole_workflow_to_winner_and_champion():
    secretariat = secretariat_user()
    contest = ContestFactory(in_phase=Phase.EXPERT_REVIEW)
    category = contest.categories.first()
    first, second = PrizeEntryFactory.create_batch(
        2, contest=contest, category=category, status=PrizeEntryStatus.ELIGIBLE
    )
    services.nominees_publish(category=category, entries=[first, second], by=secretariat, now=NOW)
    first.refresh_from_db()
    assert first.status == "nominee"
    for entry in (first, second):
        entry.refresh_from_db()
        workflow_transition(workflow=PRIZE_ENTRY_WORKFLOW, obj=entry, to="finalist", by=secretariat)
    services.winners_record(category=category, winners=[first], champions=[second], by=secretariat)
    assert list(PrizeEntry.objects.order_by("pk").values_list("status", flat=True)) == [
        "winner",
        "champion",
    ]
    actions = list(
        AuditEntry.objects.filter(object_id=str(first.pk), action__startswith="prize_entry.")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == ["prize_entry.nominate", "prize_entry.finalist", "prize_entry.win"]


def test_winners_rules_have_clear_messages():
    secretariat = secretariat_user()
    contest = ContestFactory(in_phase=Phase.FINALISTS)
    category = contest.categories.first()
    finalists = PrizeEntryFactory.create_batch(
        3, contest=contest, category=category, status=PrizeEntryStatus.FINALIST
    )
    with pytest.raises(ValidationError) as error:
        services.winners_record(category=category, winners=finalists, champions=[], by=secretariat)
    assert error.value.message_dict == {"winners": ["Choose one winner, or two on a tie."]}
    with pytest.raises(ValidationError) as error:
        services.winners_record(
            category=category, winners=finalists[:1], champions=finalists[:2], by=secretariat
        )
    assert error.value.message_dict == {
        "champions": ["An entry cannot be both winner and champion."]
    }
    # A tie: two winners.
    services.winners_record(
        category=category, winners=finalists[:2], champions=finalists[2:], by=secretariat
    )
    assert sorted(PrizeEntry.objects.values_list("status", flat=True)) == [
        "champion",
        "winner",
        "winner",
    ]
