"""Reads about accounts: a person's API tokens and pending invitations."""

from __future__ import annotations

from django.db.models import QuerySet

from wsis.models import ApiToken, User


def api_tokens_of_user(user: User) -> QuerySet[ApiToken]:
    """The person's tokens, newest first, with only what the self-service page shows."""
    return ApiToken.objects.filter(user=user).only("public_id", "name", "created", "expiry", "user")
