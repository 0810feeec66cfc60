"""Predicates of the shared core (django-rules), reused by every app's own rules.py."""

import rules
from allauth.account.models import EmailAddress

from wsis.enums import Role


@rules.predicate
def is_secretariat(user) -> bool:
    return bool(
        user.is_authenticated
        and user.is_active
        and user.is_staff
        and (user.is_superuser or user.groups.filter(name=Role.SECRETARIAT).exists())
    )


@rules.predicate
def is_expert(user) -> bool:
    return bool(user.is_authenticated and user.groups.filter(name=Role.EXPERT).exists())


@rules.predicate
def is_verified(user) -> bool:
    """Has confirmed at least one e-mail address: needed before any submission or vote. Asks
    the database unless the sign-in already read it (`email_verified`, set by the API's
    VerifiedTokenAuthentication)."""
    if not (user.is_authenticated and user.is_active):
        return False
    known = getattr(user, "email_verified", None)
    if known is not None:
        return known
    return EmailAddress.objects.filter(user=user, verified=True).exists()


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
