"""API tokens (issue 13, item 3): stored hashed (django-rest-knox), expiring after
API_TOKEN_TTL_DAYS, named, listed and revoked by their owner on a self-service page that shows
the key once; never readable in the admin; the old clear-text tokens carried over."""

import re
from datetime import timedelta

import pytest
from django.apps import apps
from django.db import connection
from django.utils import timezone

from tests.factories import MembershipFactory, UserFactory, api_token_key, secretariat_user
from wsis.accounts.services import (
    API_TOKENS_PER_PERSON,
    api_token_create,
    api_tokens_delete_expired,
    api_tokens_issue_many,
)
from wsis.models import ApiToken, AuditEntry

pytestmark = pytest.mark.django_db

API = "/api/v1/reference/sdgs/"


def _auth(key: str) -> dict:
    return {"Authorization": f"Token {key}"}


def _create_on_page(client, name="My script"):
    response = client.post("/accounts/tokens/", {"name": name})
    match = re.search(r'<code class="token-key">([^<]+)</code>', response.content.decode())
    return response, match[1] if match else None


def test_token_is_stored_hashed_and_works_once_created_on_the_page(client, verified_user):
    client.force_login(verified_user)
    response, key = _create_on_page(client)
    assert response.status_code == 201
    assert response["Cache-Control"] == ("max-age=0, no-cache, no-store, must-revalidate, private")
    assert key.startswith("wsis_")
    assert len(key) == len("wsis_") + 64
    token = ApiToken.objects.get()
    assert (token.user, token.name) == (verified_user, "My script")
    # Nothing stored is the key: only its SHA-512 and the first characters to find it by.
    stored = [str(value) for value in ApiToken.objects.values_list().get()]
    assert key not in stored
    assert token.digest != key
    assert len(token.digest) == 128
    client.logout()
    assert client.get(API, headers=_auth(key)).status_code == 200
    # Shown once: the list shows the name and dates, never the key again.
    client.force_login(verified_user)
    page = client.get("/accounts/tokens/").content.decode()
    assert "My script" in page
    assert key not in page
    assert key[:15] not in page


def test_token_expires_after_the_setting(client, verified_user, settings):
    token, key = api_token_create(user=verified_user, name="CI")
    assert settings.API_TOKEN_TTL_DAYS == 90
    expected = timezone.now() + timedelta(days=90)
    assert abs((token.expiry - expected).total_seconds()) < 60
    ApiToken.objects.filter(pk=token.pk).update(expiry=timezone.now() - timedelta(seconds=1))
    response = client.get(API, headers=_auth(key))
    assert response.status_code == 401
    assert response.json()["error"]["message"] == "Token expired."


def test_token_lifetime_follows_the_setting(verified_user, settings):
    settings.REST_KNOX = {**settings.REST_KNOX, "TOKEN_TTL": timedelta(days=7)}
    token, _key = api_token_create(user=verified_user, name="Short")
    expected = timezone.now() + timedelta(days=7)
    assert abs((token.expiry - expected).total_seconds()) < 60


def test_owner_revokes_on_the_page_and_the_key_stops_working(client, verified_user):
    token, key = api_token_create(user=verified_user, name="Laptop")
    client.force_login(verified_user)
    response = client.post(f"/accounts/tokens/{token.public_id}/revoke/")
    assert (response.status_code, response["Location"]) == (302, "/accounts/tokens/")
    assert ApiToken.objects.count() == 0
    client.logout()
    assert client.get(API, headers=_auth(key)).status_code == 401
    assert list(AuditEntry.objects.order_by("id").values_list("action", flat=True)) == [
        "api_token.create",
        "api_token.revoke",
    ]


def test_nobody_else_revokes_or_sees_a_token(client, verified_user):
    token, _key = api_token_create(user=verified_user, name="Laptop")
    other = UserFactory(verified=True)
    client.force_login(other)
    assert client.post(f"/accounts/tokens/{token.public_id}/revoke/").status_code == 404
    assert "Laptop" not in client.get("/accounts/tokens/").content.decode()
    assert ApiToken.objects.count() == 1


def test_unconfirmed_person_makes_no_token(client):
    person = UserFactory(verified=False)
    client.force_login(person)
    assert client.post("/accounts/tokens/", {"name": "x"}).status_code == 404
    assert ApiToken.objects.count() == 0


def test_tokens_per_person_are_limited(client, verified_user):
    for number in range(API_TOKENS_PER_PERSON):
        api_token_create(user=verified_user, name=f"token {number}")
    client.force_login(verified_user)
    response, key = _create_on_page(client, "one too many")
    assert (response.status_code, key) == (200, None)
    assert response.context["form"].non_field_errors() == [
        "You hold 20 tokens already: revoke one you no longer use first."
    ]


def test_expired_tokens_are_deleted_by_the_daily_task(verified_user):
    old, _key = api_token_create(user=verified_user, name="old")
    _fresh, _key = api_token_create(user=verified_user, name="fresh")
    ApiToken.objects.filter(pk=old.pk).update(expiry=timezone.now() - timedelta(days=1))
    assert api_tokens_delete_expired() == 1
    assert list(ApiToken.objects.values_list("name", flat=True)) == ["fresh"]


def test_admin_never_shows_a_key_and_only_revokes(client, verified_user):
    key = api_token_key(verified_user, name="Reporting script")
    token = ApiToken.objects.get()
    secretariat = secretariat_user()
    client.force_login(secretariat)
    listing = client.get("/admin/wsis/apitoken/")
    assert listing.status_code == 200
    assert "Reporting script" in listing.content.decode()
    change = client.get(f"/admin/wsis/apitoken/{token.pk}/change/")
    for page in (listing, change):
        assert key not in page.content.decode()
        assert key[:15] not in page.content.decode()
    assert sorted(change.context["adminform"].readonly_fields) == [
        "created",
        "expiry",
        "name",
        "user",
    ]
    assert client.get("/admin/wsis/apitoken/add/").status_code == 403
    response = client.post(
        "/admin/wsis/apitoken/", {"action": "revoke", "_selected_action": [token.pk]}
    )
    assert response.status_code == 302
    assert ApiToken.objects.count() == 0
    entry = AuditEntry.objects.get(action="api_token.revoke")
    assert (entry.actor, entry.object_id, entry.before) == (
        secretariat,
        str(verified_user.pk),
        {"token": str(token.public_id), "name": "Reporting script", "owner": verified_user.email},
    )


def test_token_auth_refuses_inactive_people_and_undecodable_keys(client):
    person = UserFactory(verified=True, is_active=False)
    key = api_token_key(person)
    assert client.get(API, headers=_auth(key)).status_code == 401
    response = client.get(API, HTTP_AUTHORIZATION=b"Token \xff\xfe".decode("latin-1"))
    assert response.status_code == 401


def test_token_authenticated_request_asks_one_query_for_the_person(
    client, django_assert_num_queries
):
    member = MembershipFactory().user
    key = api_token_key(member)
    # The token with its person and whether an address is confirmed: one query, as before;
    # the other reads the Action Line.
    with django_assert_num_queries(2):
        assert client.get("/api/v1/reference/action-lines/c2/", headers=_auth(key)).status_code == (
            200
        )


def test_issue_many_replaces_the_tokens_of_that_name(client):
    people = [UserFactory(verified=True) for _ in range(3)]
    first = api_tokens_issue_many(
        user_ids=[p.pk for p in people], name="bench", valid_for=timedelta(days=1)
    )
    second = api_tokens_issue_many(
        user_ids=[p.pk for p in people], name="bench", valid_for=timedelta(days=1)
    )
    assert ApiToken.objects.count() == 3
    assert client.get(API, headers=_auth(first[people[0].pk])).status_code == 401
    assert client.get(API, headers=_auth(second[people[0].pk])).status_code == 200


def test_clear_text_tokens_of_the_old_scheme_are_carried_over_hashed(client, verified_user):
    """The migration's step, on a table laid out as DRF's authtoken left it."""
    migration = __import__(
        "wsis.migrations.0004_api_tokens", fromlist=["carry_over_clear_text_tokens"]
    )
    old_key = "0123456789abcdef0123456789abcdef01234567"
    editor = connection.schema_editor()
    editor.execute(
        "CREATE TABLE authtoken_token (key varchar(40) PRIMARY KEY, "
        "created timestamp with time zone NOT NULL, user_id bigint NOT NULL)"
        if connection.vendor == "postgresql"
        else "CREATE TABLE authtoken_token (key varchar(40) PRIMARY KEY, "
        "created datetime NOT NULL, user_id bigint NOT NULL)"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO authtoken_token (key, created, user_id) VALUES (%s, %s, %s)",
            [old_key, timezone.now(), verified_user.pk],
        )
    migration.carry_over_clear_text_tokens(apps, editor)
    assert "authtoken_token" not in connection.introspection.table_names()
    token = ApiToken.objects.get()
    assert old_key not in [str(value) for value in ApiToken.objects.values_list().get()]
    assert token.user == verified_user
    assert token.expiry > timezone.now() + timedelta(days=89)
    assert client.get(API, headers=_auth(old_key)).status_code == 200
