"""Reads about accounts: a person's API tokens and pending invitations."""

from __future__ import annotations

from allauth.account.models import EmailAddress
from django.db.models import QuerySet

from wsis.enums import InvitationStatus
from wsis.lockout import email_normalise
from wsis.models import ApiToken, MembershipInvitation, Organisation, User


def api_tokens_of_user(user: User) -> QuerySet[ApiToken]:
    """The person's tokens, newest first, with only what the self-service page shows."""
    return ApiToken.objects.filter(user=user).only("public_id", "name", "created", "expiry", "user")


def invitations_pending_of_organisation(organisation: Organisation) -> QuerySet:
    return MembershipInvitation.objects.filter(
        organisation=organisation, status=InvitationStatus.PENDING
    ).order_by("email")


def invitations_pending_for_user(user: User) -> QuerySet:
    """Pending invitations to any of the person's confirmed addresses (an unconfirmed one
    proves nothing: anybody can type any address into their account)."""
    confirmed = EmailAddress.objects.filter(user=user, verified=True).values("email")
    addresses = [email_normalise(row["email"]) for row in confirmed]
    return (
        MembershipInvitation.objects.filter(status=InvitationStatus.PENDING, email__in=addresses)
        .select_related("organisation", "invited_by")
        .order_by("-created_at")
    )
