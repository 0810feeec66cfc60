"""The stored outcome search vector: current after every write path, and the ranking over it."""

import datetime as dt

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from events import services
from events.enums import OutcomeStatus
from events.importers.services import outcome_import
from events.importers.sessions_csv import sessions_import_csv
from events.models import OutcomeDocument
from events.selectors import outcomes_public, outcomes_search
from tests.events.factories import (
    EventFactory,
    OutcomeDocumentFactory,
    SessionFactory,
    complete_content,
    outcome_sample_session,
    secretariat,
)

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not settings.IS_POSTGRESQL, reason="the stored vector is PostgreSQL's"),
]


def found(text, queryset=None):
    queryset = OutcomeDocument.objects.all() if queryset is None else queryset
    return [o.pk for o in outcomes_search(queryset, text)]


@pytest.fixture
def staff():
    return secretariat()


@pytest.fixture
def session():
    return SessionFactory(title="Community networks")


def test_vector_is_current_after_create_and_edit(session, staff):
    outcome = services.outcome_save(
        session=session, by=staff, content=complete_content(key_issues=["Geothermal grids"]),
        lock_version=None,
    )  # fmt: skip
    assert found("geothermal") == [outcome.pk]
    assert found("communities") == [outcome.pk]  # the session title, stemmed
    services.outcome_save(
        session=session, by=staff, content=complete_content(key_issues=["Seismology data"]),
        lock_version=outcome.lock_version,
    )  # fmt: skip
    assert found("geothermal") == []
    assert found("seismological") == [outcome.pk]


def test_vector_is_current_after_import(staff):
    from tests.events.test_import_services import SAMPLES

    session = outcome_sample_session(EventFactory(slug="forum"))
    text = (SAMPLES / "outcome_valid.txt").read_text(encoding="utf-8")
    outcome_import(event=session.event, session_number=123, text=text)
    outcome = OutcomeDocument.objects.get(session=session)
    assert found("unprofitable operators") == [outcome.pk]


def test_published_outcome_is_found_in_the_public_search_at_once(session, staff):
    outcome = services.outcome_submit(
        session=session, by=staff, content=complete_content(tangible_outcomes=[
            "Quilombola villages online", "Outcome 2", "Outcome 3"]),
    )  # fmt: skip
    assert found("quilombola", outcomes_public()) == []
    services.outcome_publish(outcome=outcome, by=staff)
    assert found("quilombola", outcomes_public()) == [outcome.pk]


def test_session_import_refreshes_the_title_in_the_vector(staff):
    event = EventFactory(slug="forum")
    outcome = OutcomeDocumentFactory(session=SessionFactory(event=event, number=7, title="Old"))
    csv = (
        "number,title,type,date,start,end\n7,Satellite backhaul,roundtable,2026-05-28,10:00,11:00\n"
    )
    sessions_import_csv(event=event, text=csv, by=staff)
    assert found("satellite") == [outcome.pk]


def test_title_matches_come_first(staff):
    many = OutcomeDocumentFactory(
        session=SessionFactory(title="Ethics"),
        key_issues=["Broadband broadband broadband", "Broadband for all", "Broadband"],
    )
    titled = OutcomeDocumentFactory(session=SessionFactory(title="Broadband in schools"))
    body = OutcomeDocumentFactory(
        session=SessionFactory(title="Health"), thematic_suggestions="Broadband once."
    )
    OutcomeDocumentFactory(session=SessionFactory(title="Unrelated"))
    assert found("broadband") == [titled.pk, many.pk, body.pk]


def test_the_page_shows_a_snippet_of_its_rows_only(client):
    outcome = OutcomeDocumentFactory(
        status=OutcomeStatus.PUBLISHED,
        thematic_suggestions="Geothermal grids for islands.",
        search_text="Geothermal grids for islands.",
    )
    OutcomeDocumentFactory(status=OutcomeStatus.PUBLISHED)
    page = client.get(reverse("events:outcome_list") + "?q=geothermal").context["page"]
    assert [(o.pk, o.snippet) for o in page] == [
        (outcome.pk, "\x02Geothermal\x03 grids for islands.")
    ]
    response = client.get(reverse("events:outcome_list") + "?q=geothermal")
    assert b"<mark>Geothermal</mark> grids for islands." in response.content


def test_admin_session_title_edit_refreshes_the_vector(client, staff):
    client.force_login(staff)
    staff_client = client
    outcome = OutcomeDocumentFactory(session=SessionFactory(title="Old title"))
    url = reverse("admin:events_session_change", args=[outcome.session.pk])
    response = staff_client.get(url)
    data = {}
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        forms += [inline.formset.management_form, *inline.formset.forms]
    for form in forms:
        for name, field in form.fields.items():
            value = form[name].value()
            if value is None or value is False:
                continue
            if isinstance(value, dt.datetime):
                local = timezone.localtime(value)
                data[f"{form.add_prefix(name)}_0"] = f"{local:%Y-%m-%d}"
                data[f"{form.add_prefix(name)}_1"] = f"{local:%H:%M:%S}"
            elif isinstance(value, list | tuple):
                data[form.add_prefix(name)] = [str(v) for v in value]
            else:
                data[form.add_prefix(name)] = field.widget.format_value(value) or value
    data["title"] = "Satellite backhaul"
    response = staff_client.post(url, data)
    assert response.status_code == 302
    assert found("satellite") == [outcome.pk]
