"""The hubs: one page per Action Line, SDG and GDC objective gathering the four parts of the
portal, and the matrix. Every item a hub could show is created first, drafts and unannounced
results too (and a commitment of an outcome document taken back), so that what must not appear
is there to leak."""

import datetime as dt

import pytest
from django.utils import timezone

from events import services as events_services
from events.enums import OutcomeStatus
from events.models import Commitment
from roadmaps.enums import VersionStatus
from stocktaking import services
from stocktaking.enums import EntryStatus
from stocktaking.prizes.enums import PrizeEntryStatus
from tests.events.factories import OutcomeDocumentFactory, SessionFactory
from tests.factories import FacilitatorAssignmentFactory, OrganisationFactory, secretariat_user
from tests.prizes.factories import ContestFactory, PrizeEntryFactory
from tests.query_counts import MAX_QUERIES, cached_queries, uncached_queries
from tests.roadmaps.factories import RoadmapFactory, version_with_clauses
from tests.stocktaking.factories import EntryFactory
from wsis.models import ActionLine, GdcObjective, Sdg

pytestmark = pytest.mark.django_db


def _world(items: int = 1):
    c5 = ActionLine.objects.get(code="C5")
    for n in range(items):
        entry = EntryFactory(
            status=EntryStatus.APPROVED,
            title=f"Cyber resilience clinic {n}",
            primary_action_line=c5,
            relations__sdgs=[Sdg.objects.get(number=16)],
        )
        entry.gdc_objectives.set([GdcObjective.objects.get(number=3)])
        session = SessionFactory(title=f"Building confidence in ICT {n}")
        session.action_lines.set([c5])
        session.sdgs.set([Sdg.objects.get(number=16)])
        outcome = OutcomeDocumentFactory(
            session=session,
            status=OutcomeStatus.PUBLISHED,
            tangible_outcomes=[f"Train {n} cyber response teams", "Outcome 2", "Outcome 3"],
        )
        events_services.commitments_sync(outcome=outcome)
        events_services.commitment_answer(
            commitment=outcome.commitments.get(section="tangible_outcomes", position=0),
            by=secretariat_user(),
            status="in_progress",
            answer=f"Team {n} trained in March.",
            link=f"https://example.org/teams/{n}",
        )
    draft = EntryFactory(status=EntryStatus.DRAFT, title="Secret draft", primary_action_line=c5)
    draft.gdc_objectives.set([GdcObjective.objects.get(number=3)])
    hidden = SessionFactory(title="Session with a draft outcome")
    hidden.action_lines.set([c5])
    taken_back = OutcomeDocumentFactory(session=hidden, status=OutcomeStatus.DRAFT)
    Commitment.objects.create(
        outcome=taken_back, section="action_plan", text="Commitment of a draft", key="draft"
    )
    roadmap = RoadmapFactory(action_line=c5)
    if not roadmap.versions.exists():
        version_with_clauses(status=VersionStatus.PUBLISHED, clauses=2, roadmap=roadmap)
    announced = ContestFactory(categories=True)
    category = announced.categories.get(action_line=c5)
    PrizeEntryFactory(
        contest=announced, category=category, status=PrizeEntryStatus.WINNER,
        title="Announced winner",
    )  # fmt: skip
    announced.winners_announced_at = timezone.now() - dt.timedelta(days=1)
    announced.save(update_fields=["winners_announced_at"])
    future = ContestFactory(categories=True)
    PrizeEntryFactory(
        contest=future, category=future.categories.get(action_line=c5),
        status=PrizeEntryStatus.WINNER, title="Winner not yet announced",
    )  # fmt: skip
    future.winners_announced_at = timezone.now() + dt.timedelta(days=30)
    future.save(update_fields=["winners_announced_at"])
    if not c5.facilitator_assignments.exists():
        FacilitatorAssignmentFactory(
            action_line=c5, organisation=OrganisationFactory(name="Facilitating Agency")
        )
    return c5


def test_an_action_line_hub_gathers_every_part_and_no_draft(client):
    _world()
    page = client.get("/hubs/action-lines/c5/").content.decode()
    assert "Cyber resilience clinic 0" in page
    assert "1 approved entry." in page
    assert "/stocktaking/?action_line=c5" in page
    assert "2 clauses of published roadmaps name it." in page
    assert "Announced winner" in page
    assert "Building confidence in ICT 0" in page
    assert "1 published outcome document." in page
    assert "2 sessions." in page
    assert "Facilitating Agency" in page
    for hidden in ("Secret draft", "Winner not yet announced"):
        assert hidden not in page


def test_an_sdg_hub_lists_its_clauses_entries_and_sessions(client):
    _world()
    page = client.get("/hubs/sdgs/16/").content.decode()
    assert "Cyber resilience clinic 0" in page
    assert "Building confidence in ICT 0" in page
    assert "/stocktaking/?sdg=16" in page
    assert "Secret draft" not in page


def test_a_gdc_hub_lists_its_entries_and_links_to_the_filtered_list(client):
    _world()
    page = client.get("/hubs/gdc/3/").content.decode()
    assert "Cyber resilience clinic 0" in page
    assert "/stocktaking/?gdc=3" in page
    assert "Secret draft" not in page


def test_the_stocktaking_list_and_api_filter_by_gdc_objective(client):
    _world()
    other = EntryFactory(status=EntryStatus.APPROVED, title="Unrelated registry")
    other.gdc_objectives.set([GdcObjective.objects.get(number=1)])
    listed = client.get("/stocktaking/", {"gdc": "3"}).content.decode()
    assert "Cyber resilience clinic 0" in listed
    assert "Unrelated registry" not in listed
    api = client.get("/api/v1/stocktaking/entries/", {"gdc": "3"}).json()
    assert [row["title"] for row in api["results"]] == ["Cyber resilience clinic 0"]


def test_a_hub_shows_its_commitments_with_their_answers(client):
    _world(items=2)
    page = client.get("/hubs/action-lines/c5/").content.decode()
    assert "10 commitments of published outcome documents." in page
    assert "2 of them have been answered by their organisers." in page
    assert '/events/commitments/?action_line=C5"' in page
    answered = Commitment.objects.get(text="Train 1 cyber response teams")
    assert f'<a href="/events/commitments/{answered.pk}/"><bdi>' in page
    # The answered ones first, with their status, sentence and link.
    assert page.index("Train 1 cyber response teams") < page.index("Recommendation 1")
    assert "Team 1 trained in March." in page
    assert "https://example.org/teams/1" in page
    assert "In progress" in page
    assert "Commitment of a draft" not in page
    # The commitments list the hub links to holds the same ones.
    listed = client.get("/events/commitments/", {"action_line": "C5"}).content.decode()
    assert "10 commitments" in listed


def test_the_sdg_and_gdc_hubs_show_the_commitments_of_their_sessions(client):
    _world()
    outcome = Commitment.objects.get(text="Train 0 cyber response teams").outcome
    outcome.gdc_objectives.set([GdcObjective.objects.get(number=3)])
    for hub, query in (("/hubs/sdgs/16/", "sdg=16"), ("/hubs/gdc/3/", "gdc=3")):
        page = client.get(hub).content.decode()
        assert "5 commitments of published outcome documents." in page, hub
        assert "1 of them has been answered by its organisers." in page, hub
        assert "Team 0 trained in March." in page, hub
        assert "Commitment of a draft" not in page, hub
        assert f'/events/commitments/?{query}"' in page, hub
        listed = client.get(f"/events/commitments/?{query}").content.decode()
        assert "5 commitments" in listed, hub
    assert (
        "0 commitments of published outcome documents."
        in client.get("/hubs/sdgs/1/").content.decode()
    )


def test_a_hub_shows_a_new_answer_at_once(client, django_capture_on_commit_callbacks):
    _world()
    client.get("/hubs/action-lines/c5/")
    commitment = Commitment.objects.get(text="Recommendation 1")
    with django_capture_on_commit_callbacks(execute=True):
        events_services.commitment_answer(
            commitment=commitment, by=secretariat_user(), status="done", answer="Adopted in June."
        )
    assert "Adopted in June." in client.get("/hubs/action-lines/c5/").content.decode()
    body = client.get("/api/v1/hubs/action-lines/c5/").json()
    assert (body["commitments_total"], body["commitments_answered"]) == (5, 2)
    assert body["commitments"][0] == {
        "id": commitment.pk,
        "text": "Recommendation 1",
        "status": "done",
        "answer": "Adopted in June.",
        "answer_link": "",
        "answered_at": body["commitments"][0]["answered_at"],
        "withdrawn": False,
        "url": f"http://testserver/events/commitments/{commitment.pk}/",
    }
    assert body["commitments_list_url"] == "http://testserver/events/commitments/?action_line=C5"


def test_the_matrix_links_each_cell_to_its_entries(client):
    _world()
    page = client.get("/hubs/matrix/").content.decode()
    assert '/stocktaking/?action_line=c5&amp;sdg=16"' in page
    assert '/stocktaking/?action_line=c5&amp;gdc=3"' in page


@pytest.mark.parametrize(
    "url", ["/hubs/", "/hubs/matrix/", "/hubs/action-lines/c5/", "/hubs/sdgs/16/", "/hubs/gdc/3/"]
)
def test_hubs_make_as_many_queries_for_one_item_as_for_many(client, url):
    _world(items=1)
    client.get(url)  # the reference lists are cached on a running site
    one = uncached_queries(client, url)
    _world(items=5)
    many = uncached_queries(client, url)
    assert one == many
    assert many <= MAX_QUERIES
    assert cached_queries(client, url) == 0


def test_a_hub_shows_a_new_approval_at_once(client, django_capture_on_commit_callbacks):
    c5 = _world()
    client.get("/hubs/action-lines/c5/")
    entry = EntryFactory(
        status=EntryStatus.SUBMITTED, title="Freshly approved", primary_action_line=c5
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.entry_approve(entry=entry, by=secretariat_user())
    assert "Freshly approved" in client.get("/hubs/action-lines/c5/").content.decode()


def test_an_unknown_hub_is_not_found(client):
    assert client.get("/hubs/action-lines/c99/").status_code == 404
    assert client.get("/hubs/sdgs/18/").status_code == 404
    assert client.get("/hubs/gdc/9/").status_code == 404


def test_a_hub_shows_the_latest_entries_in_the_readers_language(client):
    _world()
    entry = EntryFactory(
        status=EntryStatus.APPROVED,
        title="Rural broadband for schools",
        primary_action_line=ActionLine.objects.get(code="C5"),
    )
    entry.translations.create(
        language="ru",
        title="Широкополосный доступ для сельских школ",
        summary="Подключает сельские школы.",
        translator="Служба переводов",
        translated_at=timezone.now(),
    )
    russian = client.get("/ru/hubs/action-lines/c5/").content.decode()
    assert '<bdi lang="ru">Широкополосный доступ для сельских школ</bdi>' in russian
    english = client.get("/hubs/action-lines/c5/").content.decode()
    assert '<bdi lang="en">Rural broadband for schools</bdi>' in english
