import pytest
from axes.models import AccessAttempt

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def _login(client, password):
    return client.post("/accounts/login/", {"login": "target@example.org", "password": password})


def test_login_locked_out_after_repeated_failures_even_with_right_password(client, settings):
    UserFactory(email="target@example.org", verified=True)
    statuses = [
        _login(client, "wrong-password").status_code for _ in range(settings.AXES_FAILURE_LIMIT)
    ]
    assert statuses == [200, 200, 200, 200, 429]
    locked = _login(client, PASSWORD)
    assert locked.status_code == 429
    assert "Too many failed sign-ins" in locked.content.decode()
    # The refused attempt with the right password counts as a failure too.
    assert AccessAttempt.objects.get().failures_since_start == 6


def test_login_success_resets_failure_count(client):
    UserFactory(email="target@example.org", verified=True)
    for _ in range(3):
        _login(client, "wrong-password")
    assert _login(client, PASSWORD).status_code == 302
    assert AccessAttempt.objects.count() == 0
