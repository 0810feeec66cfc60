import datetime as dt
import zoneinfo

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from events.importers.sessions_csv import SessionImportError, sessions_import_csv
from events.models import Session
from tests.events.factories import EventFactory, secretariat
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

HEADER = (
    "number,title,type,date,start,end,organisers,participation,room,action_lines,sdgs,"
    "description,speakers,links\n"
)
GOOD = (
    HEADER
    + "464,Small States,roundtable,2026-05-28,15:45,16:45,small-states,hybrid,Room K,C2;C7.1,"
    '9;17,"Meaningful connectivity","Ana Moderator|Minister|Lithuania|moderator;Bo Lee",'
    "https://example.org/464\n"
    + "465,AI and schools,thematic_workshop,2026-05-29,09:00,10:00,,remote,,C4,4,,,\n"
)


@pytest.fixture
def event():
    OrganisationFactory(slug="small-states")
    return EventFactory(slug="forum")


def test_sessions_import_creates_sessions_in_the_event_zone(event):
    result = sessions_import_csv(event=event, text=GOOD, by=None)
    assert (result.created, result.updated) == (2, 0)
    session = Session.objects.get(event=event, number=464)
    zone = zoneinfo.ZoneInfo("Europe/Zurich")
    assert session.starts_at == dt.datetime(2026, 5, 28, 15, 45, tzinfo=zone)
    assert session.time_range_display == "15:45–16:45 (UTC+02:00)"
    assert [o.slug for o in session.organisers.all()] == ["small-states"]
    assert sorted(a.code for a in session.action_lines.all()) == ["C2", "C7.1"]
    assert [s.number for s in session.sdgs.all()] == [9, 17]
    assert [(s.name, s.role) for s in session.speakers.all()] == [
        ("Ana Moderator", "moderator"),
        ("Bo Lee", "speaker"),
    ]
    assert session.links == ["https://example.org/464"]


def test_sessions_import_twice_changes_nothing(event):
    sessions_import_csv(event=event, text=GOOD, by=None)
    result = sessions_import_csv(event=event, text=GOOD, by=None)
    assert (result.created, result.updated) == (0, 2)
    assert Session.objects.filter(event=event).count() == 2


def test_sessions_import_bad_row_names_the_line_and_writes_nothing(event):
    bad = GOOD + "466,Broken,workshop,2026-05-30,10:00,09:00,nobody,,,C99,18,,,\n"
    with pytest.raises(SessionImportError) as caught:
        sessions_import_csv(event=event, text=bad, by=None)
    assert caught.value.errors == [
        (
            "line 4, column “type”: “workshop” is not one of: "
            "high_level_policy, ministerial_roundtable, thematic_workshop, country_workshop, "
            "action_line_facilitation, knowledge_cafe, roundtable, open_space_talk, talkx, "
            "hackathon, prize_ceremony"
        ),
        "line 4, column “end”: the session ends before it starts",
        "line 4, column “organisers”: unknown organisation slug “nobody”",
        "line 4, column “action_lines”: unknown Action Line code “C99”",
        "line 4, column “sdgs”: unknown SDG number “18”",
    ]
    assert Session.objects.count() == 0


def test_sessions_import_duplicate_number_and_missing_column(event):
    duplicate = GOOD + "464,Again,roundtable,2026-05-28,10:00,11:00,,,,,,,,\n"
    with pytest.raises(SessionImportError) as caught:
        sessions_import_csv(event=event, text=duplicate, by=None)
    assert caught.value.errors == ["line 4: session number 464 is already on line 2"]
    with pytest.raises(SessionImportError) as caught:
        sessions_import_csv(event=event, text="number,title\n1,x\n", by=None)
    assert caught.value.errors == ["line 1: the header lacks the columns type, date, start, end"]


def test_sessions_import_dry_run_writes_nothing(event):
    result = sessions_import_csv(event=event, text=GOOD, by=None, dry_run=True)
    assert result.created == 2
    assert Session.objects.count() == 0


def test_import_sessions_command(event, tmp_path, capsys):
    path = tmp_path / "sessions.csv"
    path.write_text(GOOD, encoding="utf-8")
    call_command("import_sessions", str(path), "--event", "forum")
    assert capsys.readouterr().out == "created 2 sessions, updated 0\n"
    path.write_text(HEADER + "x,,,,,,,,,,,,,\n", encoding="utf-8")
    with pytest.raises(CommandError) as caught:
        call_command("import_sessions", str(path), "--event", "forum")
    assert str(caught.value).splitlines()[1] == ("line 2, column “title”: a value is required")


def test_admin_csv_import_page_reports_lines(client, event):
    client.force_login(secretariat())
    url = reverse("admin:events_session_import_csv")
    assert client.get(url).status_code == 200
    from django.core.files.uploadedfile import SimpleUploadedFile

    bad = SimpleUploadedFile(
        "s.csv", (HEADER + "1,T,bad,2026-05-28,10:00,11:00,,,,,,,,\n").encode()
    )
    response = client.post(url, {"event": event.pk, "file": bad})
    assert response.status_code == 200
    assert "line 2, column “type”" in response.content.decode()
    good = SimpleUploadedFile("s.csv", GOOD.encode())
    response = client.post(url, {"event": event.pk, "file": good})
    assert response.status_code == 302
    assert Session.objects.count() == 2


def test_admin_csv_import_page_is_for_the_secretariat(client, event):
    from tests.events.factories import member

    client.force_login(member())
    assert client.get(reverse("admin:events_session_import_csv")).status_code == 302
