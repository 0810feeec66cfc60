"""How a test gets an API credential for a person: the one place that knows the token scheme
(DRF's `Authorization: Token <key>` today), so that a change of scheme changes only this file."""

from __future__ import annotations

from rest_framework.authtoken.models import Token

from wsis.models import User


def api_token_for(user: User) -> str:
    """A token the API accepts for `user`."""
    return Token.objects.get_or_create(user=user)[0].key


def api_auth_headers(user: User) -> dict[str, str]:
    """The request headers that authenticate `user` to the API."""
    return {"Authorization": f"Token {api_token_for(user)}"}
