"""Commitments: the bullets of a published outcome document, followed up yearly."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from events import services
from events.enums import CommitmentStatus, OutcomeStatus
from events.models import CommitmentMailOptOut
from events.selectors import commitment_followup_by_forum
from tests.events.factories import (
    EventFactory,
    OutcomeDocumentFactory,
    SessionFactory,
    complete_content,
    member,
    secretariat,
)
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.query_counts import MAX_QUERIES, uncached_queries
from wsis.models import ActionLine

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2027, 1, 15, 9, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Connect 100 schools by 2027", dt.date(2027, 12, 31)),
        ("Launch the toolkit by June 2027.", dt.date(2027, 6, 30)),
        ("Report by 15 March 2026 to the Council", dt.date(2026, 3, 15)),
        ("A new observatory by the end of Feb 2028", dt.date(2028, 2, 29)),
        ("Train 500 women in 2026", dt.date(2026, 12, 31)),
        ("Keep working together", None),
        ("Adopted in Resolution 2020/12", None),
    ],
)
def test_target_date_is_read_when_written(text, expected):
    assert services.commitment_target_date(text) == expected


def _published(organisation=None, **content):
    session = SessionFactory(organisers=[organisation or OrganisationFactory()])
    outcome = OutcomeDocumentFactory(
        session=session, status=OutcomeStatus.SUBMITTED, **complete_content(**content)
    )
    return services.outcome_publish(outcome=outcome, by=secretariat())


def test_publishing_makes_commitments_once():
    outcome = _published(
        tangible_outcomes=["Launch A by 2027", "Outcome 2", "Outcome 3"],
        action_plan=["Recommendation 1", "Recommendation 2"],
    )
    rows = list(outcome.commitments.order_by("section", "position"))
    assert [(c.section, c.text) for c in rows] == [
        ("action_plan", "Recommendation 1"),
        ("action_plan", "Recommendation 2"),
        ("tangible_outcomes", "Launch A by 2027"),
        ("tangible_outcomes", "Outcome 2"),
        ("tangible_outcomes", "Outcome 3"),
    ]
    assert rows[2].target_date == dt.date(2027, 12, 31)
    assert rows[0].status == CommitmentStatus.NOT_ANSWERED
    # Publishing again (a correction saved by the secretariat): nothing duplicated.
    assert services.commitments_sync(outcome=outcome) == {
        "created": 0,
        "withdrawn": 0,
        "deleted": 0,
    }
    assert outcome.commitments.count() == 5


def test_a_removed_bullet_is_deleted_unless_answered():
    organiser = member()
    outcome = _published(organiser.organisations.get())
    answered = outcome.commitments.get(text="Outcome 1")
    services.commitment_answer(
        commitment=answered, by=organiser, status=CommitmentStatus.DONE, answer="Done in May."
    )
    content = complete_content(tangible_outcomes=["Outcome 3", "A new one", "Another"])
    services.outcome_save(
        session=outcome.session, by=secretariat(), content=content, lock_version=None
    )
    texts = set(outcome.commitments.values_list("text", flat=True))
    assert texts == {"Outcome 1", "Outcome 3", "A new one", "Another"} | {
        "Recommendation 1",
        "Recommendation 2",
    }
    answered.refresh_from_db()
    assert answered.withdrawn_at is not None
    assert answered.answer == "Done in May."
    assert outcome.commitments.get(text="Outcome 3").position == 0


def test_only_the_organisers_members_and_the_secretariat_answer():
    organiser = member()
    outcome = _published(organiser.organisations.get())
    commitment = outcome.commitments.first()
    for outsider in (member(), UserFactory(verified=True)):
        with pytest.raises(PermissionDenied):
            services.commitment_answer(
                commitment=commitment, by=outsider, status="done", answer="Yes."
            )
    unverified = UserFactory(verified=False)
    MembershipFactory(organisation=organiser.organisations.get(), user=unverified)
    with pytest.raises(PermissionDenied):
        services.commitment_answer(
            commitment=commitment, by=unverified, status="done", answer="Yes."
        )
    with pytest.raises(ValidationError) as error:
        services.commitment_answer(commitment=commitment, by=organiser, status="maybe", answer="")
    assert set(error.value.message_dict) == {"status", "answer"}
    commitment.refresh_from_db()
    assert commitment.answered_at is None
    services.commitment_answer(
        commitment=commitment, by=secretariat(), status="dropped", answer="Merged into C5 work."
    )
    commitment.refresh_from_db()
    assert commitment.status == CommitmentStatus.DROPPED


def test_answer_form_keeps_what_was_typed_and_publishes(client):
    organiser = member()
    outcome = _published(organiser.organisations.get())
    commitment = outcome.commitments.get(text="Outcome 2")
    client.force_login(organiser)
    url = reverse("events:commitment_answer", args=[commitment.pk])
    response = client.post(url, {"status": "", "answer": "Half way there", "link": "not a link"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Half way there" in body
    assert 'name="link"' in body
    assert "Enter a valid URL." in body
    assert "This field is required." in body
    response = client.post(
        url,
        {"status": "in_progress", "answer": "Half way there", "link": "https://example.org/r"},
    )
    assert response.status_code == 302
    client.logout()
    for page in (
        commitment.get_absolute_url(),
        outcome.get_absolute_url(),
        reverse("events:commitment_list") + "?status=in_progress",
    ):
        body = client.get(page).content.decode()
        assert "Half way there" in body, page
        assert "https://example.org/r" in body, page


def test_public_list_filters_and_holds_its_query_count(client):
    line = ActionLine.objects.get(code="C5")
    for index in range(12):
        outcome = _published()
        outcome.session.action_lines.set([line] if index % 2 else [])
    other_forum = EventFactory()
    session = SessionFactory(event=other_forum, organisers=[OrganisationFactory()])
    outcome = OutcomeDocumentFactory(
        session=session, status=OutcomeStatus.SUBMITTED, **complete_content()
    )
    services.outcome_publish(outcome=outcome, by=secretariat())
    url = reverse("events:commitment_list")
    one = client.get(url, {"event": other_forum.slug}).content.decode()
    assert "5 commitments" in one
    c5 = client.get(url, {"action_line": "c5"}).content.decode()
    assert "30 commitments" in c5
    assert uncached_queries(client, url) <= MAX_QUERIES
    assert uncached_queries(client, url, {"action_line": "C5", "status": "not_answered"}) <= (
        MAX_QUERIES
    )


def test_followup_mails_once_per_person_per_year_in_their_language(
    django_capture_on_commit_callbacks, settings
):
    settings.EVENTS_COMMITMENT_MIN_AGE_DAYS = 90
    organiser = member()
    organiser.preferred_language = "fr"
    organiser.save(update_fields=["preferred_language"])
    organisation = organiser.organisations.get()
    colleague = MembershipFactory(organisation=organisation, user__password=None).user
    quitter = MembershipFactory(organisation=organisation, user__password=None).user
    CommitmentMailOptOut.objects.create(user=quitter)
    first = _published(organisation, tangible_outcomes=["Settled 1", "Outcome 2", "Outcome 3"])
    second = _published(organisation)
    for outcome in (first, second):
        outcome.published_at = NOW - dt.timedelta(days=200)
        outcome.save(update_fields=["published_at"])
    settled = first.commitments.get(text="Settled 1")
    services.commitment_answer(commitment=settled, by=organiser, status="done", answer="Done.")
    too_recent = _published(organisation)  # published today: asked next year
    assert too_recent.commitments.exists()

    for run in (NOW, NOW + dt.timedelta(days=1)):
        with django_capture_on_commit_callbacks(execute=True):
            services.commitment_followups_send(now=run)
    assert sorted(m.to[0] for m in mail.outbox) == sorted([organiser.email, colleague.email])
    french = next(m for m in mail.outbox if m.to == [organiser.email])
    assert "/fr/events/commitments/mine/" in french.body
    assert "Outcome 2" in french.body
    assert "Settled 1" not in french.body
    assert "/events/commitments/unsubscribe/" in french.body

    # The next year asks again.
    with django_capture_on_commit_callbacks(execute=True):
        services.commitment_followups_send(now=NOW.replace(year=2028))
    assert len(mail.outbox) == 4


def test_unsubscribe_link_stops_the_mails(client):
    organiser = member()
    token = services.commitment_unsubscribe_token(organiser)
    url = reverse("events:commitment_unsubscribe", args=[token])
    assert client.get(url).status_code == 200
    assert not CommitmentMailOptOut.objects.exists()
    response = client.post(url)
    assert response.status_code == 200
    assert "you will receive no more yearly questions" in response.content.decode()
    assert client.post(url).status_code == 200  # twice: still one
    assert CommitmentMailOptOut.objects.get().user == organiser
    assert client.post(url.replace(token, token + "x")).status_code == 404


def test_followup_rate_per_forum(client):
    organiser = member()
    outcome = _published(organiser.organisations.get())
    for commitment in outcome.commitments.all()[:2]:
        services.commitment_answer(
            commitment=commitment, by=organiser, status="in_progress", answer="Going."
        )
    [row] = commitment_followup_by_forum()
    assert (row.event, row.total, row.answered, row.settled, row.rate) == (
        outcome.session.event,
        5,
        2,
        0,
        40,
    )
    client.force_login(secretariat())
    body = client.get(reverse("events:commitment_followup")).content.decode()
    assert "40 %" in body


def test_outcome_page_and_commitment_page_hold_their_query_count(client):
    outcome = _published()
    commitment = outcome.commitments.first()
    assert uncached_queries(client, outcome.get_absolute_url()) <= MAX_QUERIES
    assert uncached_queries(client, commitment.get_absolute_url()) <= MAX_QUERIES
