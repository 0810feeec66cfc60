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


def organisation_memberships(user) -> dict[int, bool]:
    """The organisations the user belongs to (id → whether the user is a contact person), read
    once per user object like `role_names`: a page asks "is this person a member of that
    organisation?" once for the view's guard, again for each permission of the template and for
    every row it shows, and each answer would otherwise be a query. Saving or deleting a
    membership forgets it on the membership's user object (`standing_forget`)."""
    if not user.is_authenticated:
        return {}
    found = getattr(user, "_organisation_memberships", None)
    if found is None:
        found = dict(user.memberships.values_list("organisation_id", "is_contact"))
        user._organisation_memberships = found
    return found


def facilitated_action_line_ids(user) -> frozenset[int]:
    """The Action Lines whose roadmap the user facilitates, read once per user object (the
    roadmap editor asks for the page, each clause form and each transition button)."""
    if not user.is_authenticated:
        return frozenset()
    found = getattr(user, "_facilitated_action_line_ids", None)
    if found is None:
        found = frozenset(user.facilitations.values_list("action_line_id", flat=True))
        user._facilitated_action_line_ids = found
    return found


_STANDING_MEMOS = {
    "membership": ("_organisation_memberships",),
    "facilitatorassignment": ("_facilitated_action_line_ids",),
    "emailaddress": ("email_verified", "_role_names"),
}


def standing_forget(sender, instance, **kwargs) -> None:
    """On a save or delete of a membership, facilitation or e-mail address: the user object it
    holds (if loaded) reads that part of its standing again."""
    user = instance._state.fields_cache.get("user")
    if user is not None:
        for name in _STANDING_MEMOS[sender._meta.model_name]:
            user.__dict__.pop(name, None)


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
    if known is None:
        # The query that reads the roles tells it too, and keeps it for the next question.
        role_names(user)
        known = getattr(user, "email_verified", None)
    if known is None:  # the user's row is gone
        return False
    return known


@rules.predicate
def is_organisation_member(user, organisation) -> bool:
    if not user.is_authenticated or organisation is None:
        return False
    return organisation.pk in organisation_memberships(user)


@rules.predicate
def is_organisation_contact(user, organisation) -> bool:
    if not user.is_authenticated or organisation is None:
        return False
    return organisation_memberships(user).get(organisation.pk, False)


@rules.predicate
def is_privileged_account(user, account) -> bool:
    """The account is staff or superuser: only a superuser may change or delete it, as anyone
    who could change its address or password could become it."""
    return account is not None and bool(account.is_staff or account.is_superuser)


@rules.predicate
def is_api_token_owner(user, token) -> bool:
    return token is not None and user.is_authenticated and token.user_id == user.pk


is_stakeholder = is_verified & rules.predicate(
    lambda user: bool(organisation_memberships(user)), name="has_organisation"
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
