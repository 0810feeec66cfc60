"""How a test gets an API credential for a person: the one place the fuzzing and contract suites
ask, so that a change of token scheme changes only this file (now django-rest-knox, through
`tests.factories.api_token_key`)."""

from __future__ import annotations

from tests.factories import api_token_key
from wsis.models import User


def api_token_for(user: User) -> str:
    """A token the API accepts for `user`."""
    return api_token_key(user)


def api_auth_headers(user: User) -> dict[str, str]:
    """The request headers that authenticate `user` to the API."""
    return {"Authorization": f"Token {api_token_for(user)}"}
