"""One truth about the client's address (issue 13, item 4): `wsis.network.client_address` with
the one setting PROXY_COUNT, read by the API throttles, the vote throttle, the vote hashes,
django-axes and the audit log. A header the client wrote itself is never believed."""

import json

import pytest
from axes.models import AccessAttempt
from django.test import Client, RequestFactory
from django.utils import timezone

from stocktaking.prizes.enums import Phase, PrizeEntryStatus
from stocktaking.prizes.models import Vote
from stocktaking.prizes.services.votes import _keyed_hash
from tests.conftest import FIGURES
from tests.factories import UserFactory, api_token_key
from tests.prizes.factories import ContestFactory, PrizeEntryFactory
from wsis.models import AuditEntry
from wsis.network import client_address

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.5"


@pytest.mark.parametrize(
    ("proxies", "remote", "forwarded", "expected"),
    [
        (0, "192.0.2.1", None, "192.0.2.1"),
        (0, "192.0.2.1", "198.51.100.7", "192.0.2.1"),
        (0, "192.0.2.1", "198.51.100.7, 203.0.113.9", "192.0.2.1"),
        (1, PROXY, "198.51.100.7", "198.51.100.7"),
        # The client wrote the left part itself; our proxy appended what it saw.
        (1, PROXY, "6.6.6.6, 7.7.7.7, 198.51.100.7", "198.51.100.7"),
        (2, PROXY, "6.6.6.6, 198.51.100.7, 10.0.0.9", "198.51.100.7"),
        # Fewer addresses than proxies: not through the proxies (a probe on the host).
        (2, PROXY, "198.51.100.7", PROXY),
        (1, PROXY, None, PROXY),
        (1, PROXY, "not-an-address", PROXY),
        (1, PROXY, "198.51.100.7:51234", "198.51.100.7"),
        (1, PROXY, "[2001:db8::1]:443", "2001:db8::1"),
        (1, PROXY, "2001:db8::2", "2001:db8::2"),
    ],
)
def test_client_address_per_proxy_count(settings, proxies, remote, forwarded, expected):
    settings.PROXY_COUNT = proxies
    headers = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    request = RequestFactory().get("/", REMOTE_ADDR=remote, **headers)
    assert client_address(request) == expected


def test_proxy_count_defaults_to_zero():
    from wsis import settings as portal_settings

    # The value the environment gives in this run (the suite sets none) is the default.
    assert portal_settings.PROXY_COUNT == 0


def test_spoofed_forwarded_for_does_not_escape_the_anonymous_api_rate(settings):
    """300 anonymous requests, each with its own X-Forwarded-For, from one address: the
    API_THROTTLE_ANON rate (120/minute) still counts them as one client."""
    settings.PROXY_COUNT = 0
    client = Client()
    statuses = [
        client.get(
            "/api/v1/reference/sdgs/",
            REMOTE_ADDR="192.0.2.44",
            HTTP_X_FORWARDED_FOR=f"198.51.{n // 250}.{n % 250}",
        ).status_code
        for n in range(300)
    ]
    assert statuses == [200] * 120 + [429] * 180
    FIGURES["client address"] = (
        "300 anonymous API requests from one address with 300 different X-Forwarded-For "
        "headers and no proxy: 120 × 200, 180 × 429"
    )


def test_behind_one_proxy_the_anonymous_api_rate_counts_each_client(settings):
    """Behind one proxy (PROXY_COUNT=1) every request comes from the proxy's address: the
    clients it forwards are counted apart, and what they prepend themselves is ignored."""
    settings.PROXY_COUNT = 1
    client = Client()

    def ask(forwarded: str) -> int:
        return client.get(
            "/api/v1/reference/sdgs/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded
        ).status_code

    first = [ask(f"6.6.6.{n % 200}, 198.51.100.7") for n in range(121)]
    second = ask("198.51.100.8")
    assert (first[:120], first[120], second) == ([200] * 120, 429, 200)


@pytest.fixture
def contest():
    return ContestFactory(in_phase=Phase.VOTING_OPEN, at=timezone.now())


def _vote(nominee, *, remote: str, forwarded: str) -> int:
    key = api_token_key(UserFactory(verified=True))
    return (
        Client()
        .post(
            "/api/v1/prizes/votes/",
            data=json.dumps({"nominee": nominee.pk}),
            content_type="application/json",
            headers={"Authorization": f"Token {key}"},
            REMOTE_ADDR=remote,
            HTTP_X_FORWARDED_FOR=forwarded,
        )
        .status_code
    )


def test_spoofed_forwarded_for_does_not_escape_the_vote_ip_rate(contest, settings):
    settings.PROXY_COUNT = 0
    settings.PRIZES_VOTE_RATE_IP = "3/minute"
    nominee = PrizeEntryFactory(
        contest=contest, category=contest.categories.get(number=1), status=PrizeEntryStatus.NOMINEE
    )
    statuses = [_vote(nominee, remote="192.0.2.44", forwarded=f"198.51.100.{n}") for n in range(5)]
    assert statuses == [201, 201, 201, 429, 429]


def test_vote_hashes_use_the_client_behind_the_proxy(contest, settings):
    settings.PROXY_COUNT = 1
    nominee = PrizeEntryFactory(
        contest=contest, category=contest.categories.get(number=1), status=PrizeEntryStatus.NOMINEE
    )
    assert _vote(nominee, remote=PROXY, forwarded="6.6.6.6, 198.51.100.7") == 201
    vote = Vote.objects.get()
    assert (vote.ip_hash, vote.network_hash) == (
        _keyed_hash(f"{contest.pk}:198.51.100.7"),
        _keyed_hash(f"{contest.pk}:198.51.100.0/24"),
    )


def test_vote_hashes_ignore_a_spoofed_header_without_proxies(contest, settings):
    settings.PROXY_COUNT = 0
    nominee = PrizeEntryFactory(
        contest=contest, category=contest.categories.get(number=1), status=PrizeEntryStatus.NOMINEE
    )
    assert _vote(nominee, remote="192.0.2.44", forwarded="198.51.100.7") == 201
    assert Vote.objects.get().network_hash == _keyed_hash(f"{contest.pk}:192.0.2.0/24")


def _failed_login(remote: str, forwarded: str) -> int:
    return (
        Client()
        .post(
            "/accounts/login/",
            {"login": "target@example.org", "password": "wrong-password"},
            REMOTE_ADDR=remote,
            HTTP_X_FORWARDED_FOR=forwarded,
        )
        .status_code
    )


def test_axes_records_the_client_behind_the_proxy(settings):
    settings.PROXY_COUNT = 1
    UserFactory(email="target@example.org", verified=True)
    assert _failed_login(PROXY, "6.6.6.6, 198.51.100.7") == 200
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == ["198.51.100.7"]


def test_axes_lockout_ignores_a_spoofed_header_without_proxies(settings):
    settings.PROXY_COUNT = 0
    UserFactory(email="target@example.org", verified=True)
    statuses = [
        _failed_login("192.0.2.44", f"198.51.100.{n}") for n in range(settings.AXES_FAILURE_LIMIT)
    ]
    assert statuses == [200, 200, 200, 200, 429]
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == ["192.0.2.44"]


def test_audit_log_records_the_client_behind_the_proxy(settings, verified_user):
    settings.PROXY_COUNT = 1
    client = Client()
    client.force_login(verified_user)
    response = client.post(
        "/organisations/new/",
        {"name": "Digital Villages", "country": "SN", "stakeholder_type": 3, "website": ""},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.7",
    )
    assert response.status_code == 302
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.client_address) == ("organisation.create", "198.51.100.7")


def test_audit_log_outside_a_request_has_no_address(verified_user):
    from wsis.models import StakeholderType
    from wsis.services import organisation_create

    organisation_create(
        name="Digital Villages",
        country="SN",
        stakeholder_type=StakeholderType.objects.get(pk=3),
        website="",
        contact=verified_user,
    )
    assert AuditEntry.objects.get().client_address is None
