"""Self-service pages of accounts: API tokens and membership invitations."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from wsis.accounts import selectors, services
from wsis.accounts.forms import ApiTokenForm
from wsis.accounts.workflow import INVITATION_WORKFLOW
from wsis.enums import InvitationStatus
from wsis.models import ApiToken, MembershipInvitation
from wsis.rules import is_verified


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def api_tokens(request: HttpRequest) -> HttpResponse:
    """The person's API tokens: make a named one (its key is shown on this answer only, which no
    cache keeps), see when each expires, revoke any."""
    can_create = request.user.has_perm("wsis.add_apitoken")
    form = ApiTokenForm(request.POST or None)
    new_key = None
    status = 200
    if request.method == "POST":
        if not can_create:
            raise Http404
        if form.is_valid():
            try:
                _token, new_key = services.api_token_create(
                    user=request.user, name=form.cleaned_data["name"]
                )
            except services.ApiTokenLimitReached:
                form.add_error(
                    None,
                    _("You hold %(count)d tokens already: revoke one you no longer use first.")
                    % {"count": services.API_TOKENS_PER_PERSON},
                )
            else:
                form = ApiTokenForm()
                status = 201
    return render(
        request,
        "wsis/api_tokens.html",
        {
            "form": form if can_create else None,
            "tokens": selectors.api_tokens_of_user(request.user),
            "new_key": new_key,
            "ttl_days": settings.API_TOKEN_TTL_DAYS,
            "now": timezone.now(),
        },
        status=status,
    )


@login_required
@require_POST
def api_token_revoke(request: HttpRequest, public_id) -> HttpResponse:
    token = get_object_or_404(ApiToken.objects.select_related("user"), public_id=public_id)
    if not request.user.has_perm("wsis.delete_apitoken", token):
        raise Http404
    services.api_token_revoke(token=token, by=request.user)
    messages.success(request, _("The token “%(name)s” was revoked.") % {"name": token.name})
    return redirect("api_tokens")


# The answers a person gives to an invitation, by the word in the address.
INVITATION_MOVES = {
    "accept": InvitationStatus.ACCEPTED,
    "decline": InvitationStatus.DECLINED,
    "withdraw": InvitationStatus.WITHDRAWN,
}


@login_required
@require_http_methods(["GET"])
def invitations(request: HttpRequest) -> HttpResponse:
    """Invitations waiting for the person, found by their confirmed addresses only."""
    return render(
        request,
        "wsis/invitations.html",
        {
            "invitations": selectors.invitations_pending_for_user(request.user),
            "is_verified": is_verified(request.user),
        },
    )


@login_required
@require_POST
def invitation_move(request: HttpRequest, public_id, move: str) -> HttpResponse:
    """Accept or decline (the invitee), withdraw (the contact person or the secretariat)."""
    invitation = get_object_or_404(
        MembershipInvitation.objects.select_related("organisation", "invited_by"),
        public_id=public_id,
    )
    target = INVITATION_MOVES.get(move)
    transition = INVITATION_WORKFLOW.find(invitation.status, target) if target else None
    if transition is None or not transition.may(request.user, invitation):
        raise Http404
    services.invitation_transition(invitation=invitation, to=target, by=request.user)
    organisation = invitation.organisation
    if target == InvitationStatus.ACCEPTED:
        messages.success(request, _("You are now a member of %(name)s.") % {"name": organisation})
        return redirect("organisation_detail", slug=organisation.slug)
    if target == InvitationStatus.WITHDRAWN:
        messages.success(request, _("The invitation was withdrawn."))
        return redirect("organisation_detail", slug=organisation.slug)
    messages.success(request, _("You declined the invitation."))
    return redirect("invitations")
