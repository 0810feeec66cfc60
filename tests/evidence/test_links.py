"""Links both ways and the study-group Questions: shown on the public pages only while both of
their ends are public; named only by their owners or the secretariat; the Question pages and
the study group's CSV; GDC objectives on sessions, outcomes, the stocktaking facet and hubs."""

import csv
import datetime as dt
import io

import pytest
from django.utils import timezone

from events import services
from events.enums import OutcomeStatus
from evidence.models import QuestionEntryLink, QuestionPrizeEntryLink, StudyGroupQuestion
from stocktaking.enums import EntryStatus
from stocktaking.prizes.enums import PrizeEntryStatus
from tests.events.factories import OutcomeDocumentFactory, SessionFactory, member
from tests.factories import secretariat_user
from tests.prizes.factories import ContestFactory, PrizeEntryFactory
from tests.query_counts import MAX_QUERIES, uncached_queries
from tests.stocktaking.factories import EntryFactory
from wsis.models import GdcObjective

pytestmark = pytest.mark.django_db


def test_the_questions_of_2022_2025_are_seeded():
    labels = [q.label for q in StudyGroupQuestion.objects.filter(study_period="2022-2025")]
    assert labels == [f"Q{n}/1" for n in range(1, 8)] + [f"Q{n}/2" for n in range(1, 8)]


def test_an_owner_names_sessions_shown_both_ways_only_for_a_public_entry(client):
    published = EntryFactory(status=EntryStatus.APPROVED, title="Solar school labs")
    draft = EntryFactory(status=EntryStatus.DRAFT, title="Secret draft plan")
    session = SessionFactory(title="Energy and ICT")
    for entry in (published, draft):
        owner = member(organisation=entry.organisation)
        client.force_login(owner)
        page = client.get(f"/evidence/entries/{entry.pk}/", {"q": "energy"}).content.decode()
        assert "Energy and ICT" in page
        response = client.post(f"/evidence/entries/{entry.pk}/sessions/", {"session": session.pk})
        assert response.status_code == 302
    client.logout()
    session_page = client.get(session.get_absolute_url()).content.decode()
    assert "Solar school labs" in session_page
    assert "Secret draft plan" not in session_page
    assert "Energy and ICT" in client.get(published.get_absolute_url()).content.decode()


def test_another_organisation_cannot_name_an_entrys_sessions(client):
    entry = EntryFactory(status=EntryStatus.APPROVED)
    client.force_login(member())
    response = client.post(
        f"/evidence/entries/{entry.pk}/sessions/", {"session": SessionFactory().pk}
    )
    assert response.status_code == 403
    assert entry.session_links.count() == 0


def test_an_organiser_links_entries_and_clauses_shown_once_the_outcome_is_published(
    client, django_capture_on_commit_callbacks
):
    from roadmaps.enums import VersionStatus
    from tests.roadmaps.factories import RoadmapFactory, version_with_clauses
    from wsis.models import ActionLine

    entry = EntryFactory(status=EntryStatus.APPROVED, title="Trust lab")
    draft_entry = EntryFactory(status=EntryStatus.SUBMITTED, title="Unpublished lab")
    roadmap = RoadmapFactory(action_line=ActionLine.objects.get(code="C5"))
    clause = version_with_clauses(status=VersionStatus.PUBLISHED, roadmap=roadmap).clauses.get()
    organiser = member()
    session = SessionFactory(organisers=[organiser.memberships.get().organisation])
    outcome = OutcomeDocumentFactory(session=session, status=OutcomeStatus.DRAFT)
    client.force_login(organiser)
    assert (
        client.post(f"/evidence/outcomes/{outcome.pk}/entries/", {"entry": entry.pk}).status_code
        == 302
    )
    client.post(f"/evidence/outcomes/{outcome.pk}/entries/", {"entry": draft_entry.pk})
    client.post(f"/evidence/outcomes/{outcome.pk}/clauses/", {"clause": clause.pk})
    assert [link.entry_id for link in outcome.entry_links.all()] == [entry.pk]
    client.force_login(member())
    assert (
        client.post(f"/evidence/outcomes/{outcome.pk}/entries/", {"entry": entry.pk}).status_code
        == 404
    )
    client.logout()
    # A draft outcome's links show nowhere.
    assert (
        "Trust lab"
        not in client.get(f"/roadmaps/c5/versions/{clause.version.number}/").content.decode()
    )
    assert "Named by outcome documents" not in client.get(entry.get_absolute_url()).content.decode()
    # Publishing bumps "events": the entry's and roadmap's cached pages show the links at once.
    outcome.status = OutcomeStatus.SUBMITTED
    outcome.save(update_fields=["status"])
    with django_capture_on_commit_callbacks(execute=True):
        services.outcome_publish(outcome=outcome, by=secretariat_user())
    page = client.get(outcome.get_absolute_url()).content.decode()
    assert "Trust lab" in page
    assert "Roadmap C5 (version" in page
    assert "Named by outcome documents" in client.get(entry.get_absolute_url()).content.decode()
    roadmap_page = client.get(f"/roadmaps/c5/versions/{clause.version.number}/").content.decode()
    assert "Outcome documents relating to it" in roadmap_page


def test_a_question_page_lists_public_entries_and_announced_winners_only(client):
    question = StudyGroupQuestion.objects.get(study_period="2022-2025", study_group=1, number=5)
    public = EntryFactory(status=EntryStatus.APPROVED, title="Rural connectivity kiosks")
    hidden = EntryFactory(status=EntryStatus.DRAFT, title="Draft kiosks")
    owner = member(organisation=public.organisation)
    client.force_login(owner)
    response = client.post(
        f"/evidence/entries/{public.pk}/questions/", {"questions": [question.pk]}
    )
    assert response.status_code == 302
    QuestionEntryLink.objects.create(question=question, entry=hidden)
    announced = ContestFactory(categories=True)
    winner = PrizeEntryFactory(
        contest=announced, status=PrizeEntryStatus.WINNER, title="Announced village wifi"
    )
    announced.winners_announced_at = timezone.now() - dt.timedelta(days=1)
    announced.save(update_fields=["winners_announced_at"])
    future = ContestFactory(categories=True)
    secret = PrizeEntryFactory(
        contest=future, status=PrizeEntryStatus.WINNER, title="Not yet announced"
    )
    future.winners_announced_at = timezone.now() + dt.timedelta(days=9)
    future.save(update_fields=["winners_announced_at"])
    for prize_entry in (winner, secret):
        QuestionPrizeEntryLink.objects.create(question=question, prize_entry=prize_entry)
    client.logout()
    page = client.get("/study-groups/2022-2025/sg1/q5/").content.decode()
    assert "Rural connectivity kiosks" in page
    assert "Announced village wifi" in page
    for text in ("Draft kiosks", "Not yet announced"):
        assert text not in page
    rows = list(
        csv.DictReader(io.StringIO(client.get("/study-groups/2022-2025/sg1.csv").content.decode()))
    )
    assert [(row["question"], row["kind"], row["title"]) for row in rows] == [
        ("Q5/1", "entry", "Rural connectivity kiosks"),
        ("Q5/1", "prize", "Announced village wifi"),
    ]
    assert (
        "Informs ITU-D study-group Questions"
        in client.get(public.get_absolute_url()).content.decode()
    )


def test_a_prize_entrys_questions_by_its_organisation_only(client):
    prize_entry = PrizeEntryFactory()
    question = StudyGroupQuestion.objects.get(study_period="2022-2025", study_group=2, number=3)
    client.force_login(member())
    url = f"/evidence/prize-entries/{prize_entry.pk}/questions/"
    assert client.post(url, {"questions": [question.pk]}).status_code == 404
    client.force_login(member(organisation=prize_entry.organisation))
    assert client.post(url, {"questions": [question.pk]}).status_code == 302
    assert [q.pk for q in prize_entry.study_group_questions.all()] == [question.pk]


def _many(n: int):
    question = StudyGroupQuestion.objects.get(study_period="2022-2025", study_group=1, number=1)
    session = SessionFactory(title="Where many were presented")
    for _ in range(n):
        entry = EntryFactory(status=EntryStatus.APPROVED)
        QuestionEntryLink.objects.create(question=question, entry=entry)
        entry.session_links.create(session=session)
    return session


@pytest.mark.parametrize(
    "url", ["/study-groups/", "/study-groups/2022-2025/sg1/q1/", "/study-groups/2022-2025/sg1.csv"]
)
def test_question_pages_make_as_many_queries_for_one_item_as_for_many(client, url):
    _many(1)
    client.get(url)
    one = uncached_queries(client, url)
    _many(5)
    many = uncached_queries(client, url)
    assert one == many
    assert many <= MAX_QUERIES


def test_a_session_page_makes_as_many_queries_with_many_entries(client):
    session = _many(1)
    client.get(session.get_absolute_url())
    one = uncached_queries(client, session.get_absolute_url())
    for _ in range(4):
        EntryFactory(status=EntryStatus.APPROVED).session_links.create(session=session)
    assert uncached_queries(client, session.get_absolute_url()) == one
    assert one <= MAX_QUERIES


def test_gdc_objectives_facet_sessions_outcomes_and_hub(client):
    goal = GdcObjective.objects.get(number=4)
    entry = EntryFactory(status=EntryStatus.APPROVED, title="Data governance toolkit")
    entry.gdc_objectives.set([goal])
    EntryFactory(status=EntryStatus.DRAFT).gdc_objectives.set([goal])
    session = SessionFactory(title="Data governance roundtable")
    session.gdc_objectives.set([goal])
    outcome = OutcomeDocumentFactory(
        status=OutcomeStatus.PUBLISHED, session=SessionFactory(title="Outcome tagged")
    )
    outcome.gdc_objectives.set([goal])
    listed = client.get("/stocktaking/").content.decode()
    assert 'name="gdc" value="4" >' in listed or 'name="gdc" value="4"' in listed
    outcomes = client.get("/events/outcomes/", {"gdc": "4"}).content.decode()
    assert "Outcome tagged" in outcomes
    hub = client.get("/hubs/gdc/4/").content.decode()
    assert "Data governance roundtable" in hub
    assert "Outcome tagged" in hub
    assert "1 session." in hub


def test_the_gdc_facet_counts_public_entries():
    from stocktaking.selectors import entries_facets, entries_public_listed, entries_summary
    from wsis.selectors import reference_lists_read

    goal = GdcObjective.objects.get(number=4)
    EntryFactory(status=EntryStatus.APPROVED).gdc_objectives.set([goal])
    EntryFactory(status=EntryStatus.DRAFT).gdc_objectives.set([goal])
    facets = entries_facets(entries_summary(entries_public_listed()), reference_lists_read())
    assert {f.value: f.count for f in facets["gdc"]}["4"] == 1
