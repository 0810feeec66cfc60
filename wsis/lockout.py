"""One lockout policy for every sign-in form: django-axes counts failures per normalised e-mail.

allauth's form sends the address as `login` and authenticates with `email=`; the admin's form
sends it as `username` and authenticates with `username=`. Axes reads one field name only, so
without this the admin's failures were recorded under an empty name and never locked anything:
after the lockout the right password still got in through /admin/login/ (issue 13, item 2).
"""

from __future__ import annotations

from django.http import HttpRequest

# Where each form puts the address, in the order they are tried: the credentials handed to
# `authenticate()` first, then the posted form itself.
CREDENTIAL_FIELDS = ("email", "username", "login")


def email_normalise(address: str | None) -> str:
    """The form of an address that one person always has: trimmed and in lower case (addresses
    are unique case-insensitively, see `User.Meta.constraints`)."""
    return (address or "").strip().lower()


def lockout_username(request: HttpRequest | None, credentials: dict | None = None) -> str | None:
    """AXES_USERNAME_CALLABLE: the normalised address a sign-in attempt names, whichever form
    sent it; None when it names none (axes then records the attempt without a name)."""
    for source in (credentials or {}, getattr(request, "POST", None) or {}):
        for field in CREDENTIAL_FIELDS:
            value = source.get(field)
            if isinstance(value, str) and value.strip():
                return email_normalise(value)
    return None


def lockout_end_on_password_reset(sender, request, user, **kwargs) -> None:
    """On allauth's `password_reset`: whoever set a new password through the mailed link owns
    the mailbox, so the lockout of that address ends at once. Without this, anyone who knows an
    address could keep its owner out for good by failing five sign-ins every cool-off period."""
    # axes loads this module (AXES_USERNAME_CALLABLE) while its handlers load: circular at the top.
    from axes.utils import reset

    reset(username=email_normalise(user.email))
