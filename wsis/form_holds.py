"""Held writes: a form POST that must not write now is answered with the same form, everything
typed still in it, and the reason on top, never with a bare error page.

Two things hold a write: the submission throttle (`wsis.throttling.throttle_writes`: past the
limit, 429 with Retry-After) and a sign-in in the middle of writing (`wsis.kept_forms`: the text
typed before the session expired, given back after the sign-in). A form view asks
`write_allowed(request, form)` before it calls its service:

    if request.method == "POST" and form.is_valid() and write_allowed(request, form):
        services.entry_create(...)
"""

from __future__ import annotations

from dataclasses import dataclass

_HOLD = "_wsis_write_hold"


@dataclass
class WriteHold:
    """Why this request may not write, and the status its answer gets."""

    message: str
    status: int = 200
    retry_after: int | None = None
    consulted: bool = False


def write_hold(request) -> WriteHold | None:
    return getattr(request, _HOLD, None)


def write_hold_set(request, hold: WriteHold) -> None:
    setattr(request, _HOLD, hold)


def write_allowed(request, form=None) -> bool:
    """False when this request may not write; the reason then joins the form's errors (the
    form keeps everything that was typed)."""
    hold = write_hold(request)
    if hold is None:
        return True
    hold.consulted = True
    if form is not None:
        form.add_error(None, hold.message)
    return False
