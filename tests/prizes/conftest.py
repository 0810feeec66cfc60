from importlib import import_module

import pytest

from tests.browser.conftest import page  # noqa: F401


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Every factory user gets a password; the default hasher's cost only slows the suite down.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def reference_data(transactional_db):
    """Rows loaded by the core's data migrations (Action Lines, SDGs, stakeholder types, roles).

    A transactional test may run after another one whose teardown flushed the database, which
    removes those rows; both loaders are idempotent, so they are simply run again.
    """
    from django.apps import apps

    import_module("wsis.migrations.0002_reference_data").load_reference_data(apps, None)
    import_module("wsis.migrations.0003_roles").create_roles(apps, None)
