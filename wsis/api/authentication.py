"""API authentication that reads what the portal's rules need with the person, in one query."""

from hmac import compare_digest

from allauth.account.models import EmailAddress
from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.plumbing import build_bearer_security_scheme_object
from knox.auth import TokenAuthentication
from knox.crypto import hash_token
from knox.settings import CONSTANTS
from rest_framework import exceptions

from wsis.models import ApiToken, User
from wsis.selectors import HandWrittenRead


class VerifiedTokenAuthentication(TokenAuthentication):
    """django-rest-knox's token authentication (the same `Authorization: Token <key>` header as
    before, keys stored as hashes), whose one query also reads whether the person has confirmed
    an e-mail address: `is_verified` then asks nothing more. The query is written out by hand:
    the ORM takes longer to compose it than PostgreSQL to answer, and every token-authenticated
    API request makes it (votes: 300 a second).

    Unlike knox's own, it deletes nothing while it reads (knox reads all of the person's tokens
    and deletes the expired ones on every request): an expired token is refused, and removed by
    `task_delete_expired_api_tokens`."""

    def __init__(self):
        self.read = HandWrittenRead(
            (ApiToken, ("digest", "token_key", "user", "created", "expiry", "name"), "t"),
            (User, tuple(field.name for field in User._meta.concrete_fields), "u"),
        )

    def authenticate_credentials(self, key: bytes):
        invalid = exceptions.AuthenticationFailed(_("Invalid token."))
        try:
            token = key.decode("utf-8")
        except UnicodeDecodeError:
            raise invalid from None
        read = self.read
        tokens, users, addresses = (
            connection.ops.quote_name(model._meta.db_table)
            for model in (ApiToken, User, EmailAddress)
        )
        sql = (
            f"SELECT {read.select()}, EXISTS (SELECT 1 FROM {addresses} a "  # noqa: S608 - names
            f"WHERE a.user_id = u.id AND a.verified) FROM {tokens} t "
            f"JOIN {users} u ON u.id = t.user_id WHERE t.token_key = %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [token[: CONSTANTS.TOKEN_KEY_LENGTH]])
            rows = cursor.fetchall()
        digest = hash_token(token)
        for row in rows:
            api_token, user = read.instances(row[:-1])
            if not compare_digest(digest, api_token.digest):
                continue
            if api_token.expiry is not None and api_token.expiry <= timezone.now():
                raise exceptions.AuthenticationFailed(_("Token expired."))
            if not user.is_active:
                raise exceptions.AuthenticationFailed(_("User inactive or deleted."))
            user.email_verified = bool(row[-1])
            api_token.user = user
            return user, api_token
        raise invalid


class VerifiedTokenScheme(OpenApiAuthenticationExtension):
    """The schema's name for the token header (drf-spectacular's knox extension does not match
    subclasses)."""

    target_class = "wsis.api.authentication.VerifiedTokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return build_bearer_security_scheme_object(
            header_name="Authorization", token_prefix=self.target.authenticate_header(None)
        )
