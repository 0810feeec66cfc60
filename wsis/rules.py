"""Predicates of the shared core (django-rules), reused by every app's own rules.py."""

import rules
from allauth.account.models import EmailAddress
from django.db.models import Exists, OuterRef

from wsis.enums import Role


def role_names(user) -> frozenset[str]:
    """The names of the user's groups (roles), read once per user object, as Django's
    ModelBackend keeps a user's permissions: a request's user is a fresh object, and one page
    (the admin's sidebar asks each model's permissions) would otherwise ask again and again.
    Changing the user's own `groups` forgets them (`role_names_forget`, connected in apps.py).
    The same query tells whether the user has confirmed an address: kept as `email_verified`
    (unless the sign-in set it), which `is_verified` then reads instead of asking again."""
    names = getattr(user, "_role_names", None)
    if names is None:
        confirmed = EmailAddress.objects.filter(user=OuterRef("pk"), verified=True)
        rows = list(
            # `__class__`, not type(): a request's user is a lazy object around the real one.
            user.__class__.objects.filter(pk=user.pk).values_list("groups__name", Exists(confirmed))
        )
        names = frozenset(name for name, _confirmed in rows if name)
        user._role_names = names
        if rows and getattr(user, "email_verified", None) is None:
            user.email_verified = rows[0][1]
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


@rules.predicate
def is_privileged_account(user, account) -> bool:
    """The account is staff or superuser: only a superuser may change or delete it, as anyone
    who could change its address or password could become it."""
    return account is not None and bool(account.is_staff or account.is_superuser)


@rules.predicate
def is_api_token_owner(user, token) -> bool:
    return token is not None and user.is_authenticated and token.user_id == user.pk


is_stakeholder = is_verified & rules.predicate(
    lambda user: user.is_authenticated and user.memberships.exists(), name="has_organisation"
)

rules.add_perm("wsis.view_organisation", rules.is_authenticated)
rules.add_perm("wsis.add_organisation", is_verified)
rules.add_perm("wsis.change_organisation", is_organisation_contact | is_secretariat)
rules.add_perm("wsis.add_membership", is_organisation_contact | is_secretariat)
rules.add_perm("wsis.view_notification", is_secretariat)
# Accounts in the user admin: the secretariat changes the roles of non-staff people; privileges
# (superuser, staff, raw permissions, the Secretariat role) are granted by a superuser only.
rules.add_perm(
    "wsis.manage_account", rules.is_superuser | (is_secretariat & ~is_privileged_account)
)
rules.add_perm("wsis.grant_privileges", rules.is_superuser)
# API tokens: made by their owner (with a confirmed address) on the self-service page, revoked
# by the owner or the secretariat; their keys are never readable by anyone.
rules.add_perm("wsis.add_apitoken", is_verified)
rules.add_perm("wsis.delete_apitoken", is_api_token_owner | is_secretariat)
rules.add_perm("wsis.view_auditentry", is_secretariat)
