"""One lockout policy for both sign-in forms (issue 13, item 2): failures on either form count
against the normalised address, and once locked the right password is refused on both."""

import re

import pytest
from axes.models import AccessAttempt

from tests.factories import PASSWORD, secretariat_user

pytestmark = pytest.mark.django_db

ADDRESS = "target@example.org"


def _allauth(client, password, login=ADDRESS):
    return client.post("/accounts/login/", {"login": login, "password": password})


def _admin(client, password, username=ADDRESS):
    return client.post(
        "/admin/login/?next=/admin/",
        {"username": username, "password": password, "next": "/admin/"},
    )


def test_admin_form_failures_lock_out_the_right_password_on_both_forms(client, settings):
    secretariat_user(email=ADDRESS)
    statuses = [_admin(client, "wrong-password").status_code for _ in range(5)]
    assert settings.AXES_FAILURE_LIMIT == 5
    assert statuses == [200, 200, 200, 200, 429]
    assert _admin(client, PASSWORD).status_code == 429
    assert _allauth(client, PASSWORD).status_code == 429
    assert "_auth_user_id" not in client.session
    assert AccessAttempt.objects.get().username == ADDRESS


def test_allauth_form_failures_lock_out_the_admin_form(client):
    secretariat_user(email=ADDRESS)
    for _ in range(5):
        _allauth(client, "wrong-password")
    assert _admin(client, PASSWORD).status_code == 429
    assert "_auth_user_id" not in client.session


def test_failures_on_both_forms_and_in_any_case_add_up(client):
    secretariat_user(email=ADDRESS)
    _admin(client, "wrong-password", username="Target@Example.org")
    _allauth(client, "wrong-password", login=" TARGET@example.org")
    _admin(client, "wrong-password")
    _allauth(client, "wrong-password", login="target@EXAMPLE.ORG")
    assert _admin(client, "wrong-password").status_code == 429
    assert _allauth(client, PASSWORD).status_code == 429
    assert set(AccessAttempt.objects.values_list("username", flat=True)) == {ADDRESS}


def test_lockout_is_keyed_by_address_not_by_network(client):
    secretariat_user(email=ADDRESS)
    for number in range(5):
        client.post(
            "/admin/login/",
            {"username": ADDRESS, "password": "wrong-password"},
            REMOTE_ADDR=f"192.0.2.{number + 1}",
        )
    assert _admin(client, PASSWORD).status_code == 429


def test_other_addresses_are_not_locked(client):
    secretariat_user(email=ADDRESS)
    secretariat_user(email="colleague@example.org")
    for _ in range(5):
        _admin(client, "wrong-password")
    response = _admin(client, PASSWORD, username="colleague@example.org")
    assert (response.status_code, response["Location"]) == (302, "/admin/")


def test_admin_sign_in_below_the_limit_works_and_resets(client):
    secretariat_user(email=ADDRESS)
    for _ in range(4):
        _admin(client, "wrong-password")
    response = _admin(client, PASSWORD)
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert AccessAttempt.objects.count() == 0


def test_password_reset_through_the_mailed_link_ends_the_lockout(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    secretariat_user(email=ADDRESS)
    for _ in range(5):
        _allauth(client, "wrong-password")
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/accounts/password/reset/", {"email": ADDRESS})
    link = re.search(r"https?://[^/]+(/accounts/password/reset/key/\S+/)", mailoutbox[-1].body)[1]
    form_url = client.get(link)["Location"]
    new_password = "a-brand-new-long-passphrase"
    response = client.post(form_url, {"password1": new_password, "password2": new_password})
    assert response.status_code == 302
    assert AccessAttempt.objects.count() == 0
    assert _admin(client, new_password).status_code == 302
