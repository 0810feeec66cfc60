"""Text typed into a form survives a session that expired while it was being written.

A long draft takes longer than a session may last. When a signed-out person sends a form
(`@keeps_typed_across_sign_in`), what they typed is kept server-side in their (new, anonymous)
session, which Django's sign-in keeps, and they are sent to sign in. Back on the form after the
sign-in, the form is shown again with everything they typed and a message, and nothing is saved
until they send it again (`wsis.form_holds.write_allowed` is false for that request). Files
cannot be kept: the message asks for them again.

Only a POST that passed the CSRF check is kept, so nobody can plant text in somebody else's form.
"""

from __future__ import annotations

import json
import time
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.http import QueryDict
from django.utils.translation import gettext as _

from wsis.form_holds import WriteHold, write_hold_set

SESSION_KEY = "wsis_kept_forms"
# Kept for a day; a few forms at most, of a bounded size (a request's body is bounded anyway).
KEPT_SECONDS = 24 * 3600
KEPT_FORMS = 5
KEPT_MAX_CHARACTERS = 500_000
NOT_KEPT = ("csrfmiddlewaretoken",)


def _kept(request) -> dict:
    kept = request.session.get(SESSION_KEY)
    return kept if isinstance(kept, dict) else {}


def _keep(request) -> None:
    values = {name: request.POST.getlist(name) for name in request.POST if name not in NOT_KEPT}
    if len(json.dumps(values)) > KEPT_MAX_CHARACTERS:
        return
    kept = {
        path: form
        for path, form in _kept(request).items()
        if form.get("at", 0) > time.time() - KEPT_SECONDS
    }
    kept[request.path] = {"values": values, "at": time.time(), "files": bool(request.FILES)}
    # The newest forms only.
    request.session[SESSION_KEY] = dict(
        sorted(kept.items(), key=lambda item: item[1]["at"])[-KEPT_FORMS:]
    )


def _restore(request) -> bool:
    """Makes this GET of a signed-in person the POST they sent before signing in, held from
    writing. False when nothing was kept for this form."""
    kept = _kept(request)
    form = kept.pop(request.path, None)
    if form is None:
        return False
    request.session[SESSION_KEY] = kept
    if form.get("at", 0) <= time.time() - KEPT_SECONDS:
        return False
    data = QueryDict(mutable=True)
    for name, values in form["values"].items():
        data.setlist(name, values)
    data._mutable = False
    message = _(
        "You were signed out before this was saved. Everything you typed is back: check it "
        "and send it again."
    )
    if form.get("files"):
        message += " " + _("Files cannot be kept: choose them again.")
    request.method = "POST"
    request.POST = data
    write_hold_set(request, WriteHold(message=message))
    return True


def keeps_typed_across_sign_in(view):
    """For a form page of signed-in people: a signed-out POST is kept and sent to sign in; the
    first visit of the form after the sign-in gives the text back."""

    @wraps(view)
    def keeping_view(request, *args, **kwargs):
        if request.method == "POST" and not request.user.is_authenticated:
            _keep(request)
            return redirect_to_login(request.get_full_path())
        if request.method == "GET" and request.user.is_authenticated:
            _restore(request)
        return view(request, *args, **kwargs)

    return keeping_view
