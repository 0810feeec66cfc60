import datetime as dt
import zoneinfo

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language

from events import filters as event_filters
from events.enums import OutcomeStatus, SessionType
from events.models import OutcomeDocument
from tests.events.factories import (
    EventFactory,
    OutcomeDocumentFactory,
    SessionFactory,
    complete_content,
    member,
)
from tests.factories import OrganisationFactory
from wsis.models import ActionLine, Sdg

pytestmark = pytest.mark.django_db
GENEVA = zoneinfo.ZoneInfo("Europe/Zurich")


@pytest.fixture
def agenda():
    event = EventFactory(slug="forum")
    kenya = OrganisationFactory(slug="kenya", name="Kenya ministry")
    first = SessionFactory(
        event=event,
        number=464,
        title="Small States",
        session_type=SessionType.ROUNDTABLE,
        starts_at=dt.datetime(2026, 5, 28, 15, 45, tzinfo=GENEVA),
        ends_at=dt.datetime(2026, 5, 28, 16, 45, tzinfo=GENEVA),
        organisers=[kenya],
    )
    first.action_lines.set(ActionLine.objects.filter(code="C2"))
    first.sdgs.set(Sdg.objects.filter(number=9))
    SessionFactory(
        event=event,
        number=465,
        title="AI in schools",
        session_type=SessionType.THEMATIC_WORKSHOP,
        starts_at=dt.datetime(2026, 5, 29, 9, 0, tzinfo=GENEVA),
        ends_at=dt.datetime(2026, 5, 29, 10, 0, tzinfo=GENEVA),
    )
    return event


def test_agenda_groups_by_day_with_event_time_and_offset(client, agenda):
    page = client.get(reverse("events:event_detail", args=["forum"])).content.decode()
    assert "15:45–16:45 (UTC+02:00)" in page
    assert "Thursday 28 May 2026" in page
    assert "Friday 29 May 2026" in page
    assert 'data-local-start="2026-05-28T15:45:00+02:00"' in page
    assert "<script>" not in page
    assert "events/local-times.js" in page


@pytest.mark.parametrize(
    ("query", "titles"),
    [
        ("session_type=roundtable", ["Small States"]),
        ("action_line=C2", ["Small States"]),
        ("sdg=9", ["Small States"]),
        ("organiser=kenya", ["Small States"]),
        ("session_type=thematic_workshop", ["AI in schools"]),
        ("", ["Small States", "AI in schools"]),
    ],
)
def test_agenda_filters(client, agenda, query, titles):
    response = client.get(reverse("events:event_detail", args=["forum"]) + "?" + query)
    shown = [session.title for _day, sessions in response.context["days"] for session in sessions]
    assert shown == titles


def test_api_event_sessions_filters(client, agenda):
    data = client.get(f"/api/v1/events/{agenda.pk}/sessions/?organiser=kenya").json()
    assert [row["number"] for row in data["results"]] == [464]
    assert data["results"][0]["time_display"] == "15:45–16:45 (UTC+02:00)"
    bad = client.get(f"/api/v1/events/{agenda.pk}/sessions/?session_type=nonsense")
    assert bad.status_code == 400


def test_event_list_page(client, agenda):
    page = client.get(reverse("events:event_list")).content.decode()
    assert agenda.name in page


def _form_data(**overrides):
    data = {
        key: "\n".join(value) if isinstance(value, list) else value
        for key, value in complete_content().items()
    }
    data.update(overrides)
    data["lock_version"] = data.get("lock_version", 0)
    return data


@pytest.fixture
def organiser_session(client):
    organiser = member()
    session = SessionFactory(
        event=EventFactory(slug="f"), number=1, organisers=[organiser.organisations.get()]
    )
    client.force_login(organiser)
    return session, reverse("events:outcome_edit", args=["f", 1])


def test_outcome_form_shows_limits(client, organiser_session):
    page = client.get(organiser_session[1]).content.decode()
    assert "5 to 8 bullets, one per line." in page
    assert "2 to 5 bullets, one per line." in page


@pytest.mark.parametrize(
    ("bullets", "message"),
    [
        (4, "4 bullets given; at least 5 are needed (5-8)."),
        (9, "9 bullets given; at most 8 are allowed (5-8)."),
    ],
)
def test_outcome_form_submit_with_wrong_bullet_count(client, organiser_session, bullets, message):
    data = _form_data(key_issues="\n".join(f"issue {i}" for i in range(bullets)), submit="1")
    response = client.post(organiser_session[1], data)
    assert response.status_code == 200
    assert response.context["form"].errors == {"key_issues": [message]}
    assert OutcomeDocument.objects.count() == 0


def test_outcome_form_draft_may_be_incomplete(client, organiser_session):
    response = client.post(
        organiser_session[1], {"key_issues": "only one", "lock_version": 0, "save": "1"}
    )
    assert response.status_code == 302
    outcome = OutcomeDocument.objects.get()
    assert (outcome.status, outcome.key_issues) == (OutcomeStatus.DRAFT, ["only one"])


def test_outcome_form_stale_version_is_refused(client, organiser_session):
    client.post(organiser_session[1], {"key_issues": "first", "lock_version": 0, "save": "1"})
    client.post(organiser_session[1], {"key_issues": "second", "lock_version": 0, "save": "1"})
    response = client.post(
        organiser_session[1], {"key_issues": "third", "lock_version": 0, "save": "1"}
    )
    assert response.status_code == 409
    assert response.context["form"].non_field_errors() == [
        (
            "Somebody else changed this outcome document since you opened it. Reload the page to "
            "see their version; your text was not saved."
        )
    ]
    assert OutcomeDocument.objects.get().key_issues == ["second"]


def test_outcome_form_submit(client, organiser_session):
    response = client.post(organiser_session[1], _form_data(submit="1"))
    assert response.status_code == 302
    assert OutcomeDocument.objects.get().status == OutcomeStatus.SUBMITTED


def test_outcome_search_and_filters(client):
    kenya = OrganisationFactory(slug="ke", country="KE")
    connected = OutcomeDocumentFactory(
        status=OutcomeStatus.PUBLISHED,
        thematic_suggestions="Villages connected by community networks",
        session=SessionFactory(organisers=[kenya]),
    )
    OutcomeDocumentFactory(
        status=OutcomeStatus.PUBLISHED, thematic_suggestions="Cybersecurity skills"
    )
    OutcomeDocumentFactory(
        status=OutcomeStatus.DRAFT, thematic_suggestions="community networks draft"
    )
    url = reverse("events:outcome_list")

    def found(query):
        return [o.pk for o in client.get(url + "?" + query).context["page"]]

    assert found("q=community+networks") == [connected.pk]
    assert found("country=KE") == [connected.pk]
    assert found("organiser=ke") == [connected.pk]
    assert found("event=" + connected.session.event.slug) == [connected.pk]
    assert len(found("")) == 2


@pytest.mark.skipif(not settings.IS_POSTGRESQL, reason="stemming needs PostgreSQL full-text search")
def test_outcome_search_stems_words_on_postgresql(client):
    connected = OutcomeDocumentFactory(
        status=OutcomeStatus.PUBLISHED,
        thematic_suggestions="Villages connected by community networks",
    )
    page = client.get(reverse("events:outcome_list") + "?q=connecting+network").context["page"]
    assert [o.pk for o in page] == [connected.pk]


def test_sdg_filter_labels_are_translated_when_drawn(monkeypatch):
    monkeypatch.setattr(event_filters, "gettext", lambda text: f"[{get_language()}] {text}")
    with translation.override("fr"):
        assert str(event_filters.SDG_CHOICES[3][1]) == "[fr] SDG 4"
    with translation.override("es"):
        assert str(event_filters.SDG_CHOICES[16][1]) == "[es] SDG 17"


@pytest.mark.django_db
def test_the_outcomes_per_action_line_chart_names_lines_in_the_readers_language(client):
    """The chart's figures are cached once for every language: the names are joined per page,
    so a French page after an English one still names the lines in French."""
    from django.utils import translation
    from django.utils.html import escape

    from wsis.models import ActionLine

    line = ActionLine.objects.get(code="C1")
    with translation.override("fr"):
        french = line.name
    with translation.override("en"):
        english = line.name
    assert french != english
    chart_row = '<th scope="row"><a href="?action_line=C1">C1 {}</a>'
    assert chart_row.format(escape(english)) in client.get("/events/outcomes/").content.decode()
    page = client.get("/fr/events/outcomes/").content.decode()
    assert chart_row.format(escape(french)) in page
