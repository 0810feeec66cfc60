"""Every write about accounts: the roles a person holds, their API tokens, and invitations to
join an organisation. Each service checks who may do it, and audits what it changed."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db import transaction

from wsis.enums import SECRETARIAT_ASSIGNABLE_ROLES
from wsis.models import User
from wsis.services import audit_record

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
