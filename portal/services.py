"""The writes of the portal's shell."""

from django.core import signing

from portal.models import StarredSession

AGENDA_FEED_SALT = "portal.personal-agenda"


def session_star_toggle(*, user, session) -> bool:
    """Stars the session for the person, or unstars it if it was starred; returns whether it is
    starred now. Idempotent under double submission (the pair is unique)."""
    deleted, _rows = StarredSession.objects.filter(user=user, session=session).delete()
    if deleted:
        return False
    StarredSession.objects.get_or_create(user=user, session=session)
    return True


def agenda_feed_token(user) -> str:
    """The secret of a person's agenda feed: calendar programs cannot sign in, so the address
    itself identifies the person (signed, so it cannot be guessed from the id; the same address
    every time, so a calendar subscribed once keeps working)."""
    return signing.Signer(salt=AGENDA_FEED_SALT).sign(str(user.pk))


def agenda_feed_user_id(token: str) -> int | None:
    try:
        return int(signing.Signer(salt=AGENDA_FEED_SALT).unsign(token))
    except (signing.BadSignature, ValueError):
        return None
