"""Every write about accounts: the roles a person holds, their API tokens, and invitations to
join an organisation. Each service checks who may do it, and audits what it changed."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from knox.models import get_digest_token
from knox.settings import CONSTANTS

from wsis.accounts.workflow import INVITATION_WORKFLOW
from wsis.enums import SECRETARIAT_ASSIGNABLE_ROLES, InvitationStatus
from wsis.lockout import email_normalise
from wsis.models import ApiToken, Membership, MembershipInvitation, Organisation, User
from wsis.services import audit_record, notification_queue
from wsis.workflow import workflow_transition

# --- Roles ---


def roles_assignable_by(user: User):
    """The groups (roles) `user` may hand out: all of them for a superuser, the secretariat's
    share (SECRETARIAT_ASSIGNABLE_ROLES) for anyone else allowed into the user admin."""
    if user.has_perm("wsis.grant_privileges"):
        return Group.objects.order_by("name")
    return Group.objects.filter(name__in=[str(role) for role in SECRETARIAT_ASSIGNABLE_ROLES])


def user_roles_set(*, account: User, roles: Iterable[Group], by: User) -> list[str]:
    """Sets the roles of `account` among those `by` may assign, keeping every other role it
    holds untouched (a secretariat member cannot remove a role they could not give either).

    Refuses (PermissionDenied) a role outside `by`'s share, and any change to an account `by`
    may not manage (a staff or superuser account, unless `by` is a superuser). Audited as
    `user.roles_set` with the role names before and after; returns the names after."""
    if not by.has_perm("wsis.manage_account", account):
        raise PermissionDenied("This account's roles are changed by a superuser only.")
    assignable = set(roles_assignable_by(by))
    wanted = set(roles)
    if not wanted <= assignable:
        raise PermissionDenied("Only a superuser grants these roles.")
    with transaction.atomic():
        current = set(account.groups.all())
        result = (current - assignable) | wanted
        if result != current:
            account.groups.set(result)
            audit_record(
                actor=by,
                action="user.roles_set",
                obj=account,
                before={"roles": sorted(group.name for group in current)},
                after={"roles": sorted(group.name for group in result)},
            )
    return sorted(group.name for group in result)


# --- API tokens ---

# How many live tokens one person may hold: enough for every script and machine they run.
API_TOKENS_PER_PERSON = 20


class ApiTokenLimitReached(Exception):
    """The person already holds API_TOKENS_PER_PERSON live tokens."""


def api_token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """Makes a named API token for `user`, valid for API_TOKEN_TTL_DAYS, and returns it with its
    key. Only a hash of the key is stored: the caller shows the key once, and nobody (the
    owner, the secretariat, a database dump) can read it afterwards. Audited on the person as
    `api_token.create` (name and expiry, never the key nor its hash)."""
    with transaction.atomic():
        # One person's creations queue here, so two at once cannot pass the limit together.
        User.objects.select_for_update().filter(pk=user.pk).first()
        live = ApiToken.objects.filter(user=user).exclude(expiry__lte=timezone.now())
        if live.count() >= API_TOKENS_PER_PERSON:
            raise ApiTokenLimitReached
        token, key = ApiToken.objects.create(user=user, name=name.strip()[:100])
        # Recorded on the person: a token's key is its hash, which has no place in the log.
        audit_record(
            actor=user,
            action="api_token.create",
            obj=user,
            after={
                "token": str(token.public_id),
                "name": token.name,
                "expiry": token.expiry.isoformat(),
            },
        )
    return token, key


def api_token_revoke(*, token: ApiToken, by: User) -> None:
    """Deletes the token: the next request with its key is refused. Its owner or the
    secretariat may (PermissionDenied otherwise). Audited as `api_token.revoke`."""
    if not by.has_perm("wsis.delete_apitoken", token):
        raise PermissionDenied("Only the token's owner or the secretariat revokes it.")
    with transaction.atomic():
        audit_record(
            actor=by,
            action="api_token.revoke",
            obj=token.user,
            before={"token": str(token.public_id), "name": token.name, "owner": token.user.email},
        )
        token.delete()


def api_tokens_delete_expired() -> int:
    """Deletes every expired token (they are refused anyway); returns how many."""
    deleted, _by_model = ApiToken.objects.filter(expiry__lte=timezone.now()).delete()
    return deleted


def api_tokens_issue_many(
    *, user_ids: list[int], name: str, valid_for: timedelta
) -> dict[int, str]:
    """One token named `name` for each of the people, replacing the tokens of that name they
    held, in a few statements (the benchmark's thousands of voters); returns each key by
    person. For tools run by the operators only: no audit row per token, no limit."""
    keys: dict[int, str] = {}
    tokens = []
    expiry = timezone.now() + valid_for
    for user_id in user_ids:
        digest, keys[user_id] = get_digest_token()
        tokens.append(
            ApiToken(
                digest=digest,
                token_key=keys[user_id][: CONSTANTS.TOKEN_KEY_LENGTH],
                user_id=user_id,
                name=name,
                expiry=expiry,
            )
        )
    with transaction.atomic():
        ApiToken.objects.filter(user_id__in=user_ids, name=name).delete()
        ApiToken.objects.bulk_create(tokens, batch_size=1000)
    return keys


# --- Membership invitations ---

# Invitations one organisation may send a day: enough for any real team, too few for spam.
INVITATIONS_PER_ORGANISATION_PER_DAY = 30


class InvitationLimitReached(Exception):
    """The organisation sent INVITATIONS_PER_ORGANISATION_PER_DAY invitations today."""


def membership_invite(
    *, organisation: Organisation, email: str, by: User
) -> MembershipInvitation | None:
    """Invites whoever holds `email` to join `organisation`: stores a pending invitation and
    mails the address through the outbox. Nothing else changes until they accept.

    Does the same work whether or not an account has the address, so neither the answer nor
    its time tells the inviter who has an account. Idempotent: a pending invitation of that
    address is returned as it is, with no second mail; an address already a member's gets
    none (returns None). Refuses (PermissionDenied) anyone but the organisation's contact and
    the secretariat, and InvitationLimitReached past the day's limit. Audited."""
    if not by.has_perm("wsis.add_membership", organisation):
        raise PermissionDenied("Only the contact person invites members.")
    address = email_normalise(email)
    with transaction.atomic():
        Organisation.objects.select_for_update().filter(pk=organisation.pk).first()
        pending = MembershipInvitation.objects.filter(
            organisation=organisation, email=address, status=InvitationStatus.PENDING
        ).first()
        if pending is not None:
            return pending
        if Membership.objects.filter(
            organisation=organisation,
            user__emailaddress__email__iexact=address,
            user__emailaddress__verified=True,
        ).exists():
            return None
        since = timezone.now() - timedelta(days=1)
        sent_today = MembershipInvitation.objects.filter(
            organisation=organisation, created_at__gte=since
        ).count()
        if sent_today >= INVITATIONS_PER_ORGANISATION_PER_DAY:
            raise InvitationLimitReached
        invitation = MembershipInvitation.objects.create(
            organisation=organisation, email=address, invited_by=by
        )
        audit_record(
            actor=by,
            action="membership_invitation.send",
            obj=invitation,
            after={"organisation": organisation.name, "email": address},
        )
        notification_queue(
            recipient=address,
            template="membership_invitation",
            context={
                "organisation": organisation.name,
                "invited_by": str(by),
                "email": address,
                "path": reverse("invitations"),
            },
            idempotency_key=f"membership-invitation-{invitation.pk}",
        )
    return invitation


def invitation_transition(
    *, invitation: MembershipInvitation, to: str, by: User
) -> Membership | None:
    """Moves the invitation along INVITATION_WORKFLOW (accept, decline, withdraw), checking who
    may. Accepting makes `by` a member of the organisation in the same transaction (and returns
    the membership); the inviter is told of an answer through the outbox. Audited."""
    with transaction.atomic():
        workflow_transition(workflow=INVITATION_WORKFLOW, obj=invitation, to=to, by=by)
        if to != InvitationStatus.ACCEPTED:
            return None
        membership, _created = Membership.objects.get_or_create(
            organisation=invitation.organisation, user=by
        )
    return membership


# --- E-mail addresses ---


def email_address_claims_drop(*, email_address) -> int:
    """Once an address is confirmed by one account, the unconfirmed copies other accounts typed
    in are deleted: they can never be confirmed now, and only muddle who owns the address.
    Returns how many. Connected to allauth's `email_confirmed` (wsis/apps.py)."""
    deleted, _by_model = (
        type(email_address)
        .objects.filter(email__iexact=email_address.email, verified=False)
        .exclude(user_id=email_address.user_id)
        .exclude(user__email__iexact=email_address.email)
        .delete()
    )
    return deleted
