"""The pages: who sees what in which state, bad input, query counts, exports and the feed."""

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from stocktaking.enums import EntryStatus
from stocktaking.models import Entry
from stocktaking.prizes.enums import Phase, PrizeEntryStatus
from tests.prizes.factories import ContestFactory, PrizeEntryFactory
from tests.query_counts import MAX_QUERIES, uncached_queries
from tests.stocktaking.factories import EntryAttachmentFactory, EntryFactory
from wsis.models import ActionLine, Sdg

pytestmark = pytest.mark.django_db

S = EntryStatus
ROLES = ("anonymous", "member", "other_org", "expert", "secretariat")
STATES = (S.DRAFT, S.SUBMITTED, S.CHANGES_REQUESTED, S.APPROVED, S.REJECTED, S.WITHDRAWN)

# Each table: role → {state: expected}. One entry per state exists before the first request.
# The public detail page.
DETAIL = {
    "anonymous": {S.APPROVED: 200},
    "member": dict.fromkeys(STATES, 200),
    "other_org": {S.APPROVED: 200},
    "expert": {S.APPROVED: 200},
    "secretariat": dict.fromkeys(STATES, 200),
}


@pytest.mark.parametrize("role", ROLES)
def test_detail_page_permissions(people, entries_by_state, login, role):
    entries = entries_by_state(STATES)
    client = login(people[role])
    seen = {}
    for state, entry in entries.items():
        response = client.get(entry.get_absolute_url())
        seen[state] = response.status_code
        if response.status_code == 404:
            assert f"Leaky {state}".encode() not in response.content
    assert seen == {state: DETAIL[role].get(state, 404) for state in STATES}


# The owner's page (preview, state, reason): members only; others 404, anonymous to sign-in.
OWNER_PAGE = {"anonymous": 302, "member": 200, "other_org": 404, "expert": 404, "secretariat": 404}
EDITABLE = (S.DRAFT, S.CHANGES_REQUESTED)


@pytest.mark.parametrize("role", ROLES)
def test_owner_page_permissions(people, entries_by_state, login, role):
    entries = entries_by_state(STATES)
    client = login(people[role])
    seen = {
        state: client.get(reverse("stocktaking:mine_detail", args=[entry.pk])).status_code
        for state, entry in entries.items()
    }
    assert seen == dict.fromkeys(STATES, OWNER_PAGE[role])


@pytest.mark.parametrize("role", ROLES)
def test_edit_page_permissions(people, entries_by_state, login, role):
    entries = entries_by_state(STATES)
    client = login(people[role])
    seen = {
        state: client.get(reverse("stocktaking:edit", args=[entry.pk])).status_code
        for state, entry in entries.items()
    }
    expected = {
        state: {
            "anonymous": 302,
            # Not editable: back to the owner's page with a message.
            "member": 200 if state in EDITABLE else 302,
            "other_org": 404,
            "expert": 404,
            "secretariat": 404,
        }[role]
        for state in STATES
    }
    assert seen == expected


# Moves from the owner's page: (state after, HTTP status) per role and state.
SUBMIT = {
    (S.DRAFT, "member"): S.SUBMITTED,
    (S.CHANGES_REQUESTED, "member"): S.RESUBMITTED,
}
WITHDRAWABLE = (S.DRAFT, S.SUBMITTED, S.CHANGES_REQUESTED, S.RESUBMITTED)


@pytest.mark.parametrize("role", ROLES)
def test_submit_permissions(people, entries_by_state, login, role):
    entries = entries_by_state(STATES)
    client = login(people[role])
    seen = {}
    for state, entry in entries.items():
        response = client.post(reverse("stocktaking:submit", args=[entry.pk]))
        entry.refresh_from_db()
        seen[state] = (entry.status, response.status_code)
    code = {"anonymous": 302, "member": 302}.get(role, 404)
    assert seen == {state: (SUBMIT.get((state, role), state), code) for state in STATES}


@pytest.mark.parametrize("role", ROLES)
def test_withdraw_permissions(people, entries_by_state, login, role):
    entries = entries_by_state(STATES)
    client = login(people[role])
    seen = {}
    for state, entry in entries.items():
        client.post(reverse("stocktaking:withdraw", args=[entry.pk]))
        entry.refresh_from_db()
        seen[state] = entry.status
    assert seen == {
        state: S.WITHDRAWN if role == "member" and state in WITHDRAWABLE else state
        for state in STATES
    }


def test_my_entries_lists_only_own_organisations(people, organisation, login):
    EntryFactory(status=S.DRAFT, title="Another organisation's draft")
    EntryFactory(
        organisation=organisation,
        status=S.CHANGES_REQUESTED,
        title="Our draft",
        decision_reason="Add partners.",
    )
    response = login(people["member"]).get(reverse("stocktaking:mine"))
    assert response.status_code == 200
    assert b"Our draft" in response.content
    assert b"Add partners." in response.content
    assert b"Another organisation" not in response.content


def test_public_list_shows_only_approved(client):
    EntryFactory(status=S.DRAFT, title="Secret draft")
    EntryFactory(status=S.SUBMITTED, title="Waiting submission")
    EntryFactory(status=S.APPROVED, title="Published work")
    response = client.get(reverse("stocktaking:list"))
    assert [e.title for e in response.context["page_obj"]] == ["Published work"]
    assert b"Secret draft" not in response.content
    assert b"Waiting submission" not in response.content


def test_list_filters_combine(client):
    sdg4 = Sdg.objects.get(number=4)
    EntryFactory(
        status=S.APPROVED, title="Kenya SDG 4", relations__sdgs=[sdg4], relations__country="KE"
    )
    EntryFactory(status=S.APPROVED, title="Kenya SDG 9", relations__country="KE")
    EntryFactory(
        status=S.APPROVED, title="Peru SDG 4", relations__sdgs=[sdg4], relations__country="PE"
    )
    client.get("/api/schema/")  # builds the FilterSet's form fields once, as in production
    response = client.get(reverse("stocktaking:list"), {"sdg": "4", "country": "KE"})
    assert response.context["problems"] == []
    assert [e.title for e in response.context["page_obj"]] == ["Kenya SDG 4"]
    response = client.get(reverse("stocktaking:list"), {"region": "americas"})
    assert [e.title for e in response.context["page_obj"]] == ["Peru SDG 4"]
    facets = {f.value: f.count for f in response.context["facets"]["sdg"]}
    assert facets["4"] == 1
    assert facets["9"] == 0


def test_unknown_filter_values_give_a_message_not_a_500(client):
    EntryFactory(status=S.APPROVED, title="Published work")
    response = client.get(
        reverse("stocktaking:list"),
        {"sdg": "99", "action_line": "c99", "year": "soon", "sort": "best", "country": "XX"},
    )
    assert response.status_code == 200
    assert len(response.context["problems"]) == 5
    assert b"this filter was ignored" in response.content
    assert [e.title for e in response.context["page_obj"]] == ["Published work"]


def test_search_fallback_finds_in_summary(client):
    EntryFactory(status=S.APPROVED, title="One", summary="Teaches farmers about irrigation.")
    EntryFactory(status=S.APPROVED, title="Two")
    response = client.get(reverse("stocktaking:list"), {"q": "irrigation"})
    assert [e.title for e in response.context["page_obj"]] == ["One"]


def _count_queries(client, url, params=None):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(queries)


def test_list_page_query_count_is_constant(client):
    # A winner on either page: a page without one needs no prize-result query at all.
    _mark_winner(EntryFactory(status=S.APPROVED))
    url = reverse("stocktaking:list")
    client.get(url)  # the reference lists are read once, then cached
    one = uncached_queries(client, url)
    for _ in range(24):
        EntryFactory(status=S.APPROVED, relations__country="KE")
    _mark_winner(Entry.objects.order_by("pk").last())
    assert Entry.objects.count() == 25
    assert uncached_queries(client, url) == one
    assert one <= MAX_QUERIES
    filtered = uncached_queries(client, url, {"sdg": "9", "q": "broadband"})
    assert filtered == uncached_queries(client, url, {"sdg": "9", "q": "broadband"})
    assert filtered <= MAX_QUERIES


def test_matrix_and_regions_count_the_result(client):
    EntryFactory(status=S.APPROVED, relations__country="KE")
    EntryFactory(status=S.APPROVED, relations__country="KE")
    response = client.get(reverse("stocktaking:list"))
    rows = {row.action_line.code: row for row in response.context["matrix_rows"]}
    sdg_index = [s.number for s in response.context["matrix_sdgs"]].index(9)
    assert rows["C2"].cells[sdg_index].count == 2
    assert rows["C2"].cells[sdg_index].level == 5
    assert rows["C1"].total == 0
    regions = {r.code: r.count for r in response.context["regions"]}
    assert regions["africa"] == 2
    assert regions["europe"] == 0
    assert b'class="heat-5"' in response.content
    assert b"style=" not in response.content


def test_csv_and_json_export_follow_filters(client):
    EntryFactory(status=S.APPROVED, title="=HYPERLINK(evil)", relations__country="KE")
    EntryFactory(status=S.APPROVED, title="In Peru", relations__country="PE")
    EntryFactory(status=S.DRAFT, title="Draft in Kenya", relations__country="KE")
    response = client.get(reverse("stocktaking:export_csv"), {"country": "KE"})
    lines = b"".join(response.streaming_content).decode().splitlines()
    assert len(lines) == 2
    assert lines[1].split(",")[1] == "'=HYPERLINK(evil)"
    response = client.get(reverse("stocktaking:export_json"), {"country": "PE"})
    payload = json.loads(response.content)
    assert payload["count"] == 1
    assert payload["results"][0]["title"] == "In Peru"
    assert payload["results"][0]["countries"] == "PE"


def test_atom_feed_lists_approved_entries(client):
    EntryFactory(status=S.APPROVED, title="Fresh entry")
    EntryFactory(status=S.SUBMITTED, title="Not yet")
    response = client.get(reverse("stocktaking:feed"))
    assert response["Content-Type"].startswith("application/atom+xml")
    assert b"Fresh entry" in response.content
    assert b"Not yet" not in response.content


def test_detail_short_url_redirects_to_readable_url(client):
    entry = EntryFactory(status=S.APPROVED, title="Digital Skills Now")
    response = client.get(f"/stocktaking/entries/{entry.pk}/")
    assert response.status_code == 301
    assert response["Location"] == f"/stocktaking/entries/{entry.pk}-digital-skills-now/"


def test_attachment_download_is_safe(client, people, organisation, login):
    public = EntryAttachmentFactory(entry=EntryFactory(status=S.APPROVED))
    draft = EntryAttachmentFactory(entry=EntryFactory(organisation=organisation))
    response = client.get(reverse("stocktaking:attachment", args=[public.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response.content == b"%PDF-1.4\n%%EOF\n"
    assert client.get(reverse("stocktaking:attachment", args=[draft.pk])).status_code == 404
    response = login(people["member"]).get(reverse("stocktaking:attachment", args=[draft.pk]))
    assert response.status_code == 200


# --- The form: server-side validation, conflicts, uploads ---


def form_data(**overrides):
    c2 = ActionLine.objects.get(code="C2")
    data = {
        "organisation": "",
        "kind": "project",
        "title": "Community networks",
        "summary": "Builds community networks.",
        "coverage": "national",
        "countries": ["KE"],
        "action_lines": [str(c2.pk)],
        "primary_action_line": str(c2.pk),
        "sdgs": ["9"],
        "activity_status": "ongoing",
        "website": "https://example.org/",
    }
    data.update(overrides)
    return data


def _countries_to_pks(data):
    from wsis.models import CountryRegion

    data["countries"] = [
        str(CountryRegion.objects.get(country=code).pk) for code in data.get("countries", [])
    ]
    return data


def test_create_form_saves_a_draft(people, organisation, login):
    client = login(people["member"])
    data = _countries_to_pks(form_data(organisation=str(organisation.pk)))
    response = client.post(reverse("stocktaking:create"), data)
    entry = Entry.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("stocktaking:mine_detail", args=[entry.pk])
    assert entry.status == S.DRAFT
    assert entry.created_by == people["member"]


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"action_lines": []}, "action_lines", "Choose at least one Action Line."),
        (
            {"summary": "word " * 151},
            "summary",
            "The summary has 151 words; at most 150 are allowed.",
        ),
        ({"sdgs": []}, "sdgs", "Choose at least one SDG."),
        ({"website": "not a link"}, "website", "Enter a valid URL."),
        (
            {"other_links": "https://ok.org\nftp:/bad"},
            "other_links",
            "Line 2 is not a web address: ftp:/bad",
        ),
    ],
)
def test_create_form_bad_input_names_the_field(
    people, organisation, login, overrides, field, message
):
    client = login(people["member"])
    data = _countries_to_pks(form_data(organisation=str(organisation.pk), **overrides))
    response = client.post(reverse("stocktaking:create"), data)
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    assert Entry.objects.count() == 0


def test_create_form_refuses_another_organisation(people, login):
    other_organisation = people["other_org"].memberships.get().organisation
    client = login(people["member"])
    data = _countries_to_pks(form_data(organisation=str(other_organisation.pk)))
    response = client.post(reverse("stocktaking:create"), data)
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["organisation"]


def test_stale_form_edit_is_a_conflict(people, organisation, login):
    entry = EntryFactory(organisation=organisation)
    client = login(people["member"])
    data = _countries_to_pks(form_data(lock_version=str(entry.lock_version)))
    data.pop("organisation")
    assert client.post(reverse("stocktaking:edit", args=[entry.pk]), data).status_code == 302
    data["title"] = "Second writer"
    response = client.post(reverse("stocktaking:edit", args=[entry.pk]), data)
    assert response.status_code == 409
    assert b"Somebody else changed this entry" in response.content
    entry.refresh_from_db()
    assert entry.title == "Community networks"


def png_bytes(size=(10, 10)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "blue").save(buffer, format="PNG")
    return buffer.getvalue()


def test_png_renamed_pdf_upload_gets_a_clear_error(people, organisation, login):
    entry = EntryFactory(organisation=organisation)
    client = login(people["member"])
    upload = SimpleUploadedFile("report.pdf", png_bytes(), content_type="application/pdf")
    response = client.post(
        reverse("stocktaking:attachment_add", args=[entry.pk]), {"title": "Report", "file": upload}
    )
    assert response.status_code == 400
    assert response.context["form"].errors["file"] == [
        "The file is not a PDF (its content is image/png)."
    ]
    assert entry.attachments.count() == 0


def test_50_mb_upload_gets_a_clear_error(people, organisation, login, settings):
    entry = EntryFactory(organisation=organisation)
    client = login(people["member"])
    upload = SimpleUploadedFile("big.pdf", b"%PDF-1.7\n" + b"0" * (50 * 1024 * 1024))
    response = client.post(
        reverse("stocktaking:attachment_add", args=[entry.pk]), {"title": "Big", "file": upload}
    )
    assert response.status_code == 400
    assert response.context["form"].errors["file"] == [
        "The file is 50.0 MB; at most 10 MB are allowed."
    ]


def test_image_upload_is_reencoded_with_server_name(
    people, organisation, login, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client = login(people["member"])
    data = _countries_to_pks(form_data(organisation=str(organisation.pk)))
    data["image_upload"] = SimpleUploadedFile("../../evil.png.php", png_bytes())
    assert client.post(reverse("stocktaking:create"), data).status_code == 302
    entry = Entry.objects.get()
    assert entry.image.name.startswith("stocktaking/images/")
    assert entry.image.name.endswith(".jpg")
    assert "evil" not in entry.image.name


def _mark_winner(entry):
    """Makes a stocktaking entry a published winner, so the page shows a badge."""
    contest = ContestFactory(in_phase=Phase.WINNERS_ANNOUNCED, at=timezone.now())
    PrizeEntryFactory(
        contest=contest,
        organisation=entry.organisation,
        stocktaking_entry=entry,
        status=PrizeEntryStatus.WINNER,
    )


def test_a_description_shows_as_written_in_html_or_in_plain_text_and_the_api_reads_text(client):
    rich = EntryFactory(
        status=S.APPROVED, description="<p>Plan <strong>first</strong></p><ul><li>2026</li></ul>"
    )
    plain = EntryFactory(status=S.APPROVED, description="Line <one>\nLine two\n\nAnother")
    rich_page = client.get(rich.get_absolute_url()).content.decode()
    assert "<p>Plan <strong>first</strong></p><ul><li>2026</li></ul>" in rich_page
    plain_page = client.get(plain.get_absolute_url()).content.decode()
    assert "<p>Line &lt;one&gt;<br>Line two</p>\n\n<p>Another</p>" in plain_page
    descriptions = {
        row["id"]: row["description"]
        for row in client.get("/api/v1/stocktaking/entries/").json()["results"]
    }
    assert descriptions == {
        rich.pk: "Plan first\n• 2026",
        plain.pk: "Line <one>\nLine two\n\nAnother",
    }
