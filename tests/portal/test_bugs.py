"""Regression tests of the bugs listed in issue 17, one (or a few) per bug."""

import datetime as dt
import re
import zoneinfo
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from events.enums import OutcomeStatus, SessionType
from stocktaking.enums import EntryStatus
from stocktaking.prizes.enums import Phase
from tests.events.factories import EventFactory, OutcomeDocumentFactory, SessionFactory
from tests.factories import MembershipFactory, UserFactory
from tests.prizes.factories import ContestFactory
from tests.stocktaking.factories import EntryFactory
from wsis.caching.reference import country_choices, reference_memo_clear
from wsis.models import ActionLine, Sdg

pytestmark = pytest.mark.django_db
GENEVA = zoneinfo.ZoneInfo("Europe/Zurich")
ROOT = Path(__file__).resolve().parents[2]


class FormValues(HTMLParser):
    """The values a browser sends for the GET form of a page when nothing is changed: a text
    field's value, a <select>'s selected option or else its first option."""

    def __init__(self):
        super().__init__()
        self.values: dict[str, str] = {}
        self._select: str | None = None
        self._first = True

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "input" and attributes.get("type") not in ("checkbox", "radio", "submit"):
            if attributes.get("name"):
                self.values[attributes["name"]] = attributes.get("value") or ""
        elif tag == "select":
            self._select, self._first = attributes["name"], True
        elif tag == "option" and self._select:
            if self._first or "selected" in attributes:
                self.values[self._select] = attributes.get("value") or ""
            self._first = False

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None


def submitted(page: str, **changes) -> dict[str, str]:
    parser = FormValues()
    parser.feed(page)
    return {**parser.values, **changes}


@pytest.fixture
def forum():
    event = EventFactory(slug="forum")
    for number in range(1, 4):
        SessionFactory(
            event=event,
            number=number,
            title=f"Workshop {number}",
            session_type=SessionType.THEMATIC_WORKSHOP,
            starts_at=dt.datetime(2026, 5, 28, 9 + number, 0, tzinfo=GENEVA),
            ends_at=dt.datetime(2026, 5, 28, 10 + number, 0, tzinfo=GENEVA),
        )
    return event


def test_agenda_sdg_select_has_an_empty_option_so_a_type_filter_finds_sessions(client, forum):
    url = reverse("events:event_detail", args=["forum"])
    page = client.get(url).content.decode()
    params = submitted(page, session_type=SessionType.THEMATIC_WORKSHOP)
    assert params["sdg"] == ""
    days = client.get(url, params).context["days"]
    assert [session.number for _day, sessions in days for session in sessions] == [1, 2, 3]


def test_outcome_search_through_the_form_finds_every_sdg(client, forum):
    for number, session in enumerate(forum.sessions.order_by("number"), start=3):
        session.sdgs.set(Sdg.objects.filter(number=number))
        OutcomeDocumentFactory(
            session=session,
            status=OutcomeStatus.PUBLISHED,
            key_issues=["Meaningful connectivity for schools"],
        )
    url = reverse("events:outcome_list")
    params = submitted(client.get(url).content.decode(), q="connectivity")
    assert params["sdg"] == ""
    assert client.get(url, params).context["page"].paginator.count == 3


def test_two_word_search_finds_an_entry_with_both_words_apart(client):
    EntryFactory(
        status=EntryStatus.APPROVED,
        title="Broadband for rural schools",
        summary="Connects schools in Kenya.",
    )
    EntryFactory(status=EntryStatus.APPROVED, title="Broadband elsewhere", summary="In Peru.")
    response = client.get(reverse("stocktaking:list"), {"q": "broadband kenya"})
    assert [entry.title for entry in response.context["page_obj"]] == [
        "Broadband for rural schools"
    ]


def test_a_search_without_results_shows_no_matrix_of_zeros(client):
    EntryFactory(status=EntryStatus.APPROVED)
    page = client.get(reverse("stocktaking:list"), {"q": "zzzunknown"}).content.decode()
    assert "WSIS-SDG matrix of this result" not in page
    assert "No entry matches this search and these filters." in page
    full = client.get(reverse("stocktaking:list")).content.decode()
    assert "WSIS-SDG matrix of this result" in full


def test_countries_are_sorted_by_name_not_code():
    reference_memo_clear()
    names = [name for _code, name in country_choices()]
    assert names[:3] == ["Afghanistan", "Albania", "Algeria"]
    assert names.index("Côte d'Ivoire") == names.index("Croatia") - 1
    assert len(names) == 193


def test_filter_panel_is_collapsible_and_the_search_field_is_not_fixed_wide(client):
    page = client.get(reverse("stocktaking:list")).content.decode()
    assert '<details class="filter-panel" open data-collapse-below="50rem">' in page
    css = (ROOT / "static/css/portal.css").read_text()
    assert "width: 32rem" not in css


@override_settings(DEBUG=False)
def test_a_403_is_in_the_portal_layout_and_keeps_the_views_message(client):
    client.force_login(UserFactory(password=None))
    response = client.get(reverse("stocktaking:create"))
    assert response.status_code == 403
    page = response.content.decode()
    assert '<header class="site-header">' in page
    assert "<h1>You may not open this page</h1>" in page
    assert "Confirm your e-mail address and join an organisation first." in page


@override_settings(DEBUG=False)
def test_a_404_is_in_the_portal_layout(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    page = response.content.decode()
    assert '<header class="site-header">' in page
    assert "<h1>Page not found</h1>" in page


def test_the_500_page_renders_without_a_request():
    page = render_to_string("500.html")
    assert "<h1>Sorry, something went wrong</h1>" in page
    assert '<header class="site-header">' in page


def test_favicon_is_served_by_the_project(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"] == "/static/img/favicon.svg"
    assert (ROOT / "static/img/favicon.svg").read_text().startswith("<svg")


def test_prize_entry_form_is_not_offered_after_the_deadline(client):
    contest = ContestFactory(in_phase=Phase.ELIGIBILITY_CHECK, at=timezone.now())
    client.force_login(MembershipFactory(user__password=None).user)
    response = client.get(reverse("prizes:entry_create", args=[contest.year]))
    assert response.status_code == 403
    page = response.content.decode()
    assert "<h1>Entries are closed</h1>" in page
    assert "<textarea" not in page
    assert "Late entries cannot be accepted." in page


def test_prize_entry_form_is_offered_while_entries_are_open(client):
    contest = ContestFactory(in_phase=Phase.ENTRIES_OPEN, at=timezone.now())
    client.force_login(MembershipFactory(user__password=None).user)
    response = client.get(reverse("prizes:entry_create", args=[contest.year]))
    assert response.status_code == 200
    assert "<textarea" in response.content.decode()


def test_no_page_loads_htmx_and_the_portal_script_is_served_from_static(client):
    page = client.get(reverse("stocktaking:list")).content.decode()
    assert "htmx" not in page
    assert re.findall(r'<script src="([^"]+)"', page) == ["/static/js/portal.js"]
    assert not (ROOT / "static/vendor/htmx.min.js").exists()
    templates = [
        path
        for folder in ("templates", "portal", "wsis", "stocktaking", "events", "roadmaps")
        for path in (ROOT / folder).glob("**/*.html")
    ]
    scripted = [str(p) for p in templates if " hx-" in p.read_text() or "<script>" in p.read_text()]
    assert scripted == []
    assert settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["script-src"] == ["'self'"]


def test_roadmap_compare_without_parameters_is_a_version_picker(client):
    from roadmaps.enums import VersionStatus
    from tests.roadmaps.factories import version_with_clauses

    first = version_with_clauses(number=1, status=VersionStatus.PUBLISHED)
    url = reverse("roadmaps:version_compare", args=["c2"])
    response = client.get(url)
    assert response.status_code == 200
    assert "nothing to compare yet" in response.content.decode()
    first.status = VersionStatus.SUPERSEDED
    first.save(update_fields=["status"])
    version_with_clauses(number=2, status=VersionStatus.PUBLISHED, roadmap=first.roadmap)
    cache.clear()  # the factories write past the services that bump the page cache
    page = client.get(url).content.decode()
    assert '<select id="compare-from" name="from">' in page
    assert client.get(url, {"from": "7", "to": "9"}).status_code == 404


def test_api_accepts_action_line_codes_as_printed_in_any_case(client):
    EntryFactory(status=EntryStatus.APPROVED, title="Security", primary_action_line=c5())
    EntryFactory(status=EntryStatus.APPROVED, title="Infrastructure")
    url = "/api/v1/stocktaking/entries/"
    for value in ("C5", "c5"):
        response = client.get(url, {"action_line": value})
        assert response.status_code == 200
        assert [row["title"] for row in response.json()["results"]] == ["Security"]
    assert client.get(url, {"country": "ch"}).json()["count"] == 2
    page = client.get(reverse("stocktaking:list"), {"action_line": "C5"})
    assert [entry.title for entry in page.context["page_obj"]] == ["Security"]
    assert page.context["selected"]["action_line"] == ["c5"]


def test_api_sessions_accept_lower_case_action_line_codes(client, forum):
    session = forum.sessions.get(number=2)
    session.action_lines.set(ActionLine.objects.filter(code="C5"))
    response = client.get("/api/v1/events/sessions/", {"action_line": "c5"})
    assert response.status_code == 200
    assert [row["number"] for row in response.json()["results"]] == [2]


def test_api_entry_urls_are_absolute_like_next(client):
    for _number in range(3):
        EntryFactory(status=EntryStatus.APPROVED)
    body = client.get("/api/v1/stocktaking/entries/", {"page_size": 2}).json()
    assert body["next"].startswith("http://testserver/")
    entry = body["results"][0]
    assert entry["url"] == f"http://testserver/stocktaking/entries/{entry['id']}-{slug(entry)}/"
    detail = client.get(f"/api/v1/stocktaking/entries/{entry['id']}/").json()
    assert detail["url"] == entry["url"]


def slug(row) -> str:
    from stocktaking.models import Entry

    return Entry.objects.get(pk=row["id"]).slug


def c5():
    return ActionLine.objects.get(code="C5")


def test_submitting_an_entry_mails_the_submitter_a_receipt(django_capture_on_commit_callbacks):
    from django.core import mail

    from stocktaking import services
    from tests.stocktaking.factories import EntryFactory as Factory

    membership = MembershipFactory(user__password=None)
    entry = Factory(organisation=membership.organisation, created_by=membership.user)
    with django_capture_on_commit_callbacks(execute=True):
        services.entry_submit(entry=entry, by=membership.user)
    (receipt,) = mail.outbox
    assert receipt.to == [membership.user.email]
    assert receipt.subject == f"[WSIS] We received your stocktaking entry: “{entry.title}”"
    assert f"{settings.SITE_URL}/stocktaking/mine/{entry.pk}/" in receipt.body


def test_mails_have_an_html_alternative_with_absolute_links(django_capture_on_commit_callbacks):
    from django.core import mail

    from stocktaking import services
    from tests.factories import secretariat_user
    from tests.stocktaking.factories import EntryFactory as Factory

    membership = MembershipFactory(user__password=None)
    entry = Factory(organisation=membership.organisation, created_by=membership.user)
    with django_capture_on_commit_callbacks(execute=True):
        services.entry_submit(entry=entry, by=membership.user)
        services.entry_approve(entry=entry, by=secretariat_user(password=None))
    approval = mail.outbox[-1]
    link = f"{settings.SITE_URL}{entry.get_absolute_url()}"
    assert approval.body.rstrip().endswith(link)
    (html, mimetype), *_rest = approval.alternatives
    assert mimetype == "text/html"
    assert f'<a href="{link}"' in html
    assert "<!DOCTYPE html>" in html
