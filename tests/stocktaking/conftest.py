import pytest

from tests.browser.conftest import page  # noqa: F401 - the Chromium fixture for the journeys
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory, secretariat_user
from wsis.enums import Role


@pytest.fixture(autouse=True)
def _fast_hashing_and_own_media(settings, tmp_path):
    # The permission tables create many users; a real hasher would make them crawl.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Uploads of the tests never land in the project's media folder.
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def organisation(db):
    return OrganisationFactory()


@pytest.fixture
def people(organisation):
    """One person per role of the permission tables (the owning organisation is `organisation`)."""
    return {
        "anonymous": None,
        "member": MembershipFactory(organisation=organisation).user,
        "other_org": MembershipFactory().user,
        "expert": UserFactory(verified=True, roles=[Role.EXPERT]),
        "secretariat": secretariat_user(),
    }


@pytest.fixture
def entries_by_state(organisation):
    """One entry of the owning organisation in each state, all created before any request."""
    from tests.stocktaking.factories import EntryFactory

    def _make(states):
        return {
            state: EntryFactory(organisation=organisation, status=state, title=f"Leaky {state}")
            for state in states
        }

    return _make


@pytest.fixture
def login(client):
    def _login(user):
        client.logout()
        if user is not None:
            client.force_login(user)
        return client

    return _login
