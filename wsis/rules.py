"""Predicates of the shared core (django-rules), reused by every app's own rules.py."""

import rules
from allauth.account.models import EmailAddress

from wsis.enums import Role


def role_names(user) -> frozenset[str]:
    """The names of the user's groups (roles), read once per user object, as Django's
    ModelBackend keeps a user's permissions: a request's user is a fresh object, and one page
    (the admin's sidebar asks each model's permissions) would otherwise ask again and again.
    Changing the user's own `groups` forgets them (`role_names_forget`, connected in apps.py)."""
    names = getattr(user, "_role_names", None)
    if names is None:
        names = frozenset(user.groups.values_list("name", flat=True))
        user._role_names = names
    return names


def role_names_forget(sender, instance, **kwargs) -> None:
    """On `m2m_changed` of User.groups: the changed user object reads its roles again."""
    instance.__dict__.pop("_role_names", None)


@rules.predicate
def is_secretariat(user) -> bool:
    return bool(
        user.is_authenticated
        and user.is_active
        and user.is_staff
        and (user.is_superuser or Role.SECRETARIAT.value in role_names(user))
    )


@rules.predicate
def is_expert(user) -> bool:
    return bool(user.is_authenticated and Role.EXPERT.value in role_names(user))


@rules.predicate
def is_verified(user) -> bool:
    """Has confirmed at least one e-mail address: needed before any submission or vote. A
    confirmed address is remembered on the user object (for the rest of the request)."""
    if not (user.is_authenticated and user.is_active):
        return False
    if not getattr(user, "_has_verified_address", False):
        user._has_verified_address = EmailAddress.objects.filter(user=user, verified=True).exists()
    return user._has_verified_address


@rules.predicate
def is_organisation_member(user, organisation) -> bool:
    if not user.is_authenticated or organisation is None:
        return False
    return organisation.memberships.filter(user=user).exists()


@rules.predicate
def is_organisation_contact(user, organisation) -> bool:
    if not user.is_authenticated or organisation is None:
        return False
    return organisation.memberships.filter(user=user, is_contact=True).exists()


is_stakeholder = is_verified & rules.predicate(
    lambda user: user.is_authenticated and user.memberships.exists(), name="has_organisation"
)

rules.add_perm("wsis.view_organisation", rules.is_authenticated)
rules.add_perm("wsis.add_organisation", is_verified)
rules.add_perm("wsis.change_organisation", is_organisation_contact | is_secretariat)
rules.add_perm("wsis.add_membership", is_organisation_contact | is_secretariat)
rules.add_perm("wsis.view_notification", is_secretariat)
rules.add_perm("wsis.view_auditentry", is_secretariat)
