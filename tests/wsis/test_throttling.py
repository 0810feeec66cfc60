"""429 answers: the submission throttle (wsis/throttling.py) on every page and API route that
creates or hands in a stocktaking entry, a prize entry, an attachment or an outcome document, and
the API's anonymous and per-user throttles. Each case makes as many successful writes as the
limit allows, then one more, which must be a 429: a page with a form shows it again with
everything typed and the reason. Writes that fail (a form with errors, a refusal) never count."""

import json

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, RequestFactory
from django.utils import timezone
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

from events.models import OutcomeDocument
from stocktaking.models import Entry, EntryAttachment
from stocktaking.prizes.enums import PrizeEntryStatus
from stocktaking.prizes.models import PrizeEntry
from stocktaking.prizes.throttling import VoteIpThrottle, VoteUserThrottle
from tests.conftest import FIGURES
from tests.events.factories import SessionFactory, complete_content
from tests.factories import MembershipFactory, api_token_key
from tests.prizes.factories import DESCRIPTION, ContestFactory, PrizeEntryFactory
from tests.stocktaking.factories import EntryFactory
from wsis.models import ActionLine, CountryRegion
from wsis.throttling import SubmissionThrottle, throttle_waits

LIMIT = 3
THROTTLED_PAIR = (429, "throttled")
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
THROTTLED_FORM = "You have sent many submissions in a short time, so this one was not saved."


def _organisation(member):
    return member.memberships.get().organisation


def _stocktaking_draft(member):
    return EntryFactory(organisation=_organisation(member))


def _entry_form(member, n: int) -> dict:
    c2 = ActionLine.objects.get(code="C2")
    return {
        "organisation": str(_organisation(member).pk),
        "kind": "project",
        "title": f"Community networks number {n}",
        "summary": "Builds community networks.",
        "coverage": "national",
        "countries": [str(CountryRegion.objects.get(country="KE").pk)],
        "action_lines": [str(c2.pk)],
        "primary_action_line": str(c2.pk),
        "sdgs": ["9"],
        "activity_status": "ongoing",
        "website": "https://example.org/",
    }


def _entry_json(member, n: int) -> dict:
    return {
        "kind": "project",
        "title": f"Community networks number {n}",
        "summary": "Builds community networks.",
        "coverage": "national",
        "countries": ["KE"],
        "action_lines": ["C2"],
        "primary_action_line": "C2",
        "sdgs": [9],
        "website": "https://example.org/",
    }


_CONTESTS: dict = {}


def _open_contest(member):
    if member.pk not in _CONTESTS:
        _CONTESTS[member.pk] = ContestFactory(at=timezone.now())
    return _CONTESTS[member.pk]


def _prize_form(member, n: int) -> dict:
    contest = _open_contest(member)
    return {
        "organisation": _organisation(member).pk,
        "category": contest.categories.get(number=n + 1).pk,
        "stocktaking_entry": EntryFactory(organisation=_organisation(member), status="approved").pk,
        "title": f"Digital villages number {n}",
        "description": DESCRIPTION,
        "impact": "Impact.",
        "partnerships": "Partners.",
        "action_line_link": "C2.",
        "challenges": "Challenges.",
        "future_plans": "Plans.",
        "sdgs": [4],
    }


def _prize_draft(member):
    return PrizeEntryFactory(
        contest=_open_contest(member),
        category=_open_contest(member).categories.get(number=PrizeEntry.objects.count() + 1),
        organisation=_organisation(member),
        status=PrizeEntryStatus.DRAFT,
    )


def _session(member):
    return SessionFactory(organisers=[_organisation(member)])


def _outcome_form(n: int) -> dict:
    content = complete_content(thematic_suggestions=f"Suggestion number {n}")
    form = {
        key: "\n".join(value) if isinstance(value, list) else value
        for key, value in content.items()
    }
    return {**form, "lock_version": "0"}


def _attachment_form(n: int) -> dict:
    return {"title": f"Annual report number {n}", "file": SimpleUploadedFile("r.pdf", PDF)}


# name -> (method, (member, n) -> (path, body) of the n-th successful write, its answer, how
# many rows of what it wrote).
CASES = {
    "page: stocktaking entry create": (
        "post",
        lambda m, n: ("/stocktaking/mine/new/", _entry_form(m, n)),
        302,
        lambda m: Entry.objects.count(),
    ),
    "page: stocktaking entry submit": (
        "post",
        lambda m, n: (f"/stocktaking/mine/{_stocktaking_draft(m).pk}/submit/", {}),
        302,
        lambda m: Entry.objects.filter(status="submitted").count(),
    ),
    "page: stocktaking attachment add": (
        "post",
        lambda m, n: (f"/stocktaking/mine/{_one_draft(m).pk}/attachments/", _attachment_form(n)),
        302,
        lambda m: EntryAttachment.objects.count(),
    ),
    "page: prize entry create": (
        "post",
        lambda m, n: (f"/prizes/{_open_contest(m).year}/enter/", _prize_form(m, n)),
        302,
        lambda m: PrizeEntry.objects.count(),
    ),
    "page: prize entry submit": (
        "post",
        lambda m, n: (f"/prizes/entries/{_prize_draft(m).pk}/submit/", {}),
        302,
        lambda m: PrizeEntry.objects.filter(status="submitted").count(),
    ),
    "page: outcome document save": (
        "post",
        lambda m, n: (
            f"/events/{(s := _session(m)).event.slug}/sessions/{s.number}/outcome/",
            _outcome_form(n),
        ),
        302,
        lambda m: OutcomeDocument.objects.count(),
    ),
    "API: stocktaking entry create": (
        "post",
        lambda m, n: ("/api/v1/stocktaking/entries/", _entry_json(m, n)),
        201,
        lambda m: Entry.objects.count(),
    ),
    "API: stocktaking entry submit": (
        "post",
        lambda m, n: (f"/api/v1/stocktaking/entries/{_stocktaking_draft(m).pk}/submit/", {}),
        200,
        lambda m: Entry.objects.filter(status="submitted").count(),
    ),
    "API: outcome document submit": (
        "put",
        lambda m, n: (
            f"/api/v1/events/sessions/{_session(m).pk}/outcome/",
            {**complete_content(), "submit": True},
        ),
        200,
        lambda m: OutcomeDocument.objects.filter(status="submitted").count(),
    ),
}
# The pages that show their form again, with what was typed, when the limit is reached.
FORM_PAGES = {
    "page: stocktaking entry create": "Community networks number 3",
    "page: stocktaking attachment add": "Annual report number 3",
    "page: prize entry create": "Digital villages number 3",
    "page: outcome document save": "Suggestion number 3",
}


def _one_draft(member):
    return Entry.objects.filter(organisation=_organisation(member)).first() or _stocktaking_draft(
        member
    )


@pytest.fixture
def member(db, settings, tmp_path):
    settings.SUBMISSION_THROTTLE_RATE = f"{LIMIT}/minute"
    settings.MEDIA_ROOT = tmp_path / "media"
    _CONTESTS.clear()
    return MembershipFactory(is_contact=True).user


def _sender(member, method):
    client = Client()
    client.force_login(member)

    def send(path, body):
        if path.startswith("/api/"):
            return getattr(client, method)(
                path, data=json.dumps(body), content_type="application/json"
            )
        return getattr(client, method)(path, data=body)

    return send


@pytest.mark.parametrize("name", sorted(CASES))
def test_submission_past_the_limit_answers_429(name, member):
    method, write, done, written = CASES[name]
    send = _sender(member, method)

    answers = [send(*write(member, n)) for n in range(LIMIT + 1)]

    statuses = [answer.status_code for answer in answers]
    assert statuses == [done] * LIMIT + [429]
    assert written(member) == LIMIT
    refused = answers[LIMIT]
    assert 0 < int(refused.headers["Retry-After"]) <= 60
    if name.startswith("API"):
        error = refused.json()["error"]
        assert (error["status"], error["code"]) == THROTTLED_PAIR
    elif name in FORM_PAGES:
        page = refused.content.decode()
        assert THROTTLED_FORM in page
        assert FORM_PAGES[name] in page
    else:
        assert refused.templates[0].name == "wsis/too_many_requests.html"
        assert "You sent this form too often" in refused.content.decode()
    FIGURES["submission throttles"] = (
        f"{len(CASES)} page and API submission routes answer 429 past the limit"
    )


# name -> (method, path for the member, a body that fails, its answer)
FAILURES = {
    "page: stocktaking entry create": ("post", lambda m: "/stocktaking/mine/new/", {}, 200),
    "page: prize entry create": (
        "post",
        lambda m: f"/prizes/{_open_contest(m).year}/enter/",
        {},
        200,
    ),
    "page: outcome document submit": (
        "post",
        lambda m: f"/events/{(s := _session(m)).event.slug}/sessions/{s.number}/outcome/",
        {"submit": "1"},
        200,
    ),
    "page: stocktaking attachment add": (
        "post",
        lambda m: f"/stocktaking/mine/{_stocktaking_draft(m).pk}/attachments/",
        {},
        400,
    ),
    "API: stocktaking entry create": ("post", lambda m: "/api/v1/stocktaking/entries/", {}, 400),
    "API: outcome document submit": (
        "put",
        lambda m: f"/api/v1/events/sessions/{_session(m).pk}/outcome/",
        {"submit": True},
        400,
    ),
}


@pytest.mark.parametrize("name", sorted(FAILURES))
def test_failed_writes_do_not_count(name, member):
    """Twice the limit of failed writes, then as many good ones as the limit: all go through."""
    method, path_for, body, failed = FAILURES[name]
    send = _sender(member, method)
    path = path_for(member)

    assert [send(path, body).status_code for _ in range(2 * LIMIT)] == [failed] * 2 * LIMIT
    good = CASES.get(name) or CASES["page: outcome document save"]
    _method, write, done, _written = good
    assert [send(*write(member, n)).status_code for n in range(LIMIT)] == [done] * LIMIT


def test_a_throttled_submission_changes_nothing(member, settings):
    settings.SUBMISSION_THROTTLE_RATE = "1/minute"
    organisation = member.memberships.get().organisation
    first, second = EntryFactory(organisation=organisation), EntryFactory(organisation=organisation)
    client = Client()
    client.force_login(member)

    assert client.post(f"/stocktaking/mine/{first.pk}/submit/").status_code == 302
    assert client.post(f"/stocktaking/mine/{second.pk}/submit/").status_code == 429
    # Reading is never throttled.
    assert client.get(f"/stocktaking/mine/{second.pk}/").status_code == 200

    statuses = dict(Entry.objects.filter(organisation=organisation).values_list("pk", "status"))
    assert statuses == {first.pk: "submitted", second.pk: "draft"}


def test_api_per_user_throttle_answers_429_with_error_body(member, monkeypatch):
    # The anonymous limit is lower: a signed-in client is counted by the per-user one only.
    rates = {"anon": "1/minute", "user": f"{LIMIT}/minute"}
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", rates)
    monkeypatch.setattr(UserRateThrottle, "THROTTLE_RATES", rates)
    client = Client(headers={"Authorization": f"Token {api_token_key(member)}"})

    answers = [client.get("/api/v1/reference/sdgs/") for _ in range(LIMIT + 1)]

    assert [answer.status_code for answer in answers] == [200] * LIMIT + [429]
    error = answers[LIMIT].json()["error"]
    assert (error["status"], error["code"]) == THROTTLED_PAIR
    assert error["message"].startswith("Request was throttled.")


def test_api_anonymous_throttle_answers_429_with_error_body(db, monkeypatch):
    rates = {"anon": f"{LIMIT}/minute", "user": "1000/minute"}
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", rates)
    monkeypatch.setattr(UserRateThrottle, "THROTTLE_RATES", rates)
    client = Client()

    answers = [client.get("/api/v1/stocktaking/entries/") for _ in range(LIMIT + 1)]

    assert [answer.status_code for answer in answers] == [200] * LIMIT + [429]
    error = answers[LIMIT].json()["error"]
    assert (error["status"], error["code"]) == THROTTLED_PAIR
    assert int(answers[LIMIT].headers["Retry-After"]) > 0


def test_a_throttle_counts_the_allowed_requests_of_a_sliding_window(member, settings, monkeypatch):
    """A refused request is not counted; a place frees when the oldest counted request is one
    window old; the wait says when. The same with Redis (one script) and without (DRF)."""
    settings.SUBMISSION_THROTTLE_RATE = "2/minute"
    clock = [1000.0]
    monkeypatch.setattr(SubmissionThrottle, "timer", lambda self: clock[0])
    request = RequestFactory().post("/")
    request.user = member

    def waits_at(second: float) -> list[float]:
        clock[0] = 1000.0 + second
        return throttle_waits(request, [SubmissionThrottle()])

    assert [waits_at(second) for second in (0, 10, 20, 59, 60, 61)] == [
        [],
        [],
        [40.0],
        [1.0],
        [],
        [9.0],
    ]


def test_throttles_checked_together_each_count_when_they_have_room(member, settings):
    """Like DRF: a throttle with room counts the request even when another one refuses it."""
    settings.PRIZES_VOTE_RATE_USER = "1/minute"
    settings.PRIZES_VOTE_RATE_IP = "3/minute"
    request = RequestFactory().post("/", REMOTE_ADDR="203.0.113.9")
    request.user = member

    answers = [
        len(throttle_waits(request, [VoteUserThrottle(), VoteIpThrottle()])) for _ in range(4)
    ]

    assert answers == [0, 1, 1, 2]


@pytest.mark.skipif(
    not settings.CACHES["default"]["BACKEND"].endswith("RedisCache"),
    reason="without Redis the throttles are DRF's own, which read that history",
)
def test_a_history_left_by_drf_throttle_is_not_read_as_a_window(member, settings):
    """Deploying the sliding windows over keys DRF's throttle wrote (a pickled list) must not
    answer errors: the windows have keys of their own."""
    settings.SUBMISSION_THROTTLE_RATE = "1/minute"
    request = RequestFactory().post("/")
    request.user = member
    cache.set(SubmissionThrottle().get_cache_key(request, None), [1.0, 2.0], 60)

    assert [len(throttle_waits(request, [SubmissionThrottle()])) for _ in range(2)] == [0, 1]
