"""The user admin as the secretariat (issue 13, item 3): every field of the form, what it may
change and what it may not. Only a superuser grants superuser, staff, raw permissions or the
Secretariat role; the secretariat hands out the expert and facilitator roles only."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied

from tests.factories import UserFactory, secretariat_user
from wsis.accounts.services import user_roles_set
from wsis.enums import Role
from wsis.models import AuditEntry, User

pytestmark = pytest.mark.django_db


def _group(role: Role) -> Group:
    return Group.objects.get(name=role)


def _change_url(user: User) -> str:
    return f"/admin/wsis/user/{user.pk}/change/"


def _form_data(account: User, **changes) -> dict:
    """The change form as the secretariat's page posts it, with `changes` on top."""
    data = {
        "full_name": account.full_name,
        "job_title": account.job_title,
        "preferred_language": account.preferred_language,
        "roles": [
            group.pk for group in account.groups.filter(name__in=[Role.EXPERT, Role.FACILITATOR])
        ],
        "_save": "Save",
    }
    if account.is_active:
        data["is_active"] = "on"
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def secretariat(client):
    user = secretariat_user(email="sam@example.org")
    client.force_login(user)
    return user


def test_secretariat_user_form_has_exactly_these_fields(client, secretariat):
    account = UserFactory()
    response = client.get(_change_url(account))
    assert response.status_code == 200
    adminform = response.context["adminform"]
    form = adminform.form
    assert sorted(form.fields) == [
        "full_name",
        "is_active",
        "job_title",
        "password",
        "preferred_language",
        "roles",
    ]
    assert form.fields["password"].disabled is True
    assert sorted(adminform.readonly_fields) == [
        "date_joined",
        "email",
        "is_staff",
        "is_superuser",
        "last_login",
    ]
    assert sorted(form.fields["roles"].queryset.values_list("name", flat=True)) == [
        "Action Line facilitator",
        "Expert",
    ]
    assert "user_permissions" not in response.content.decode()


FIELD_CASES = {
    # field: (what the secretariat posts, what the account then reads, whether it changed)
    "email": ({"email": "takeover@example.org"}, lambda u: u.email, False),
    "is_staff": ({"is_staff": "on"}, lambda u: u.is_staff, False),
    "is_superuser": ({"is_superuser": "on"}, lambda u: u.is_superuser, False),
    "groups": (
        {"groups": "SECRETARIAT"},
        lambda u: sorted(u.groups.values_list("name", flat=True)),
        False,
    ),
    "user_permissions": (
        {"user_permissions": "PERMISSION"},
        lambda u: list(u.user_permissions.all()),
        False,
    ),
    "last_login": (
        {"last_login_0": "2020-01-01", "last_login_1": "10:00:00"},
        lambda u: u.last_login,
        False,
    ),
    "date_joined": (
        {"date_joined_0": "2000-01-01", "date_joined_1": "10:00:00"},
        lambda u: u.date_joined,
        False,
    ),
    "password": ({"password": "md5$x$y"}, lambda u: u.password, False),
    "full_name": ({"full_name": "Ada Lovelace"}, lambda u: u.full_name, True),
    "job_title": ({"job_title": "Analyst"}, lambda u: u.job_title, True),
    "is_active": ({"is_active": None}, lambda u: u.is_active, True),
    "roles": ({"roles": "EXPERT"}, lambda u: sorted(u.groups.values_list("name", flat=True)), True),
}


@pytest.mark.parametrize("field", sorted(FIELD_CASES))
def test_secretariat_changes_only_the_fields_meant_for_it(client, secretariat, field):
    account = UserFactory(email="person@example.org")
    posted, read, changes = FIELD_CASES[field]
    named = {
        "SECRETARIAT": [_group(Role.SECRETARIAT).pk],
        "EXPERT": [_group(Role.EXPERT).pk],
        "PERMISSION": [Permission.objects.get(codename="change_user").pk],
    }
    posted = {key: named.get(value, value) for key, value in posted.items()}
    before = read(User.objects.get(pk=account.pk))
    response = client.post(_change_url(account), _form_data(account, **posted))
    assert (response.status_code, response["Location"]) == (302, "/admin/wsis/user/")
    after = read(User.objects.get(pk=account.pk))
    assert (after != before) is changes


def test_secretariat_role_change_keeps_other_roles_and_is_audited(client, secretariat):
    account = UserFactory(roles=[Role.STAKEHOLDER, Role.FACILITATOR])
    response = client.post(
        _change_url(account), _form_data(account, roles=[_group(Role.EXPERT).pk])
    )
    assert response.status_code == 302
    assert sorted(account.groups.values_list("name", flat=True)) == ["Expert", "Stakeholder"]
    entry = AuditEntry.objects.get(action="user.roles_set")
    assert (entry.actor, entry.before, entry.after) == (
        secretariat,
        {"roles": ["Action Line facilitator", "Stakeholder"]},
        {"roles": ["Expert", "Stakeholder"]},
    )


@pytest.mark.parametrize("target", ["self", "staff", "superuser"])
def test_secretariat_cannot_change_or_delete_privileged_accounts(client, secretariat, target):
    account = {
        "self": secretariat,
        "staff": UserFactory(is_staff=True),
        "superuser": UserFactory(is_staff=True, is_superuser=True),
    }[target]
    page = client.get(_change_url(account))
    assert page.status_code == 200
    assert page.context["has_change_permission"] is False
    assert "roles" not in page.context["adminform"].form.fields
    response = client.post(_change_url(account), _form_data(account, is_superuser="on"))
    assert response.status_code == 403
    assert client.post(f"/admin/wsis/user/{account.pk}/delete/", {"post": "yes"}).status_code == 403
    password = client.post(
        f"/admin/wsis/user/{account.pk}/password/",
        {"password1": "a-new-long-passphrase", "password2": "a-new-long-passphrase"},
    )
    assert password.status_code == 403
    account.refresh_from_db()
    assert (account.is_superuser, account.is_active) == (target == "superuser", True)


def test_secretariat_cannot_set_anyones_password(client, secretariat):
    account = UserFactory()
    before = account.password
    response = client.post(
        f"/admin/wsis/user/{account.pk}/password/",
        {"password1": "a-new-long-passphrase", "password2": "a-new-long-passphrase"},
    )
    assert response.status_code == 403
    account.refresh_from_db()
    assert account.password == before


def test_secretariat_has_no_bulk_delete(client, secretariat):
    superuser = UserFactory(is_staff=True, is_superuser=True)
    response = client.post(
        "/admin/wsis/user/",
        {"action": "delete_selected", "_selected_action": [superuser.pk], "post": "yes"},
    )
    assert User.objects.filter(pk=superuser.pk).exists()
    # The user list offers the secretariat no action at all.
    assert response.context["action_form"] is None


def test_secretariat_may_delete_a_plain_account(client, secretariat):
    account = UserFactory()
    response = client.post(f"/admin/wsis/user/{account.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not User.objects.filter(pk=account.pk).exists()


def test_superuser_still_grants_everything(client):
    superuser = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(superuser)
    account = UserFactory()
    response = client.get(_change_url(account))
    form = response.context["adminform"].form
    assert {"is_staff", "is_superuser", "groups", "user_permissions", "email"} <= set(form.fields)
    permission = Permission.objects.get(codename="change_user")
    data = {
        "email": account.email,
        "full_name": "",
        "job_title": "",
        "preferred_language": "en",
        "is_active": "on",
        "is_staff": "on",
        "is_superuser": "on",
        "groups": [_group(Role.SECRETARIAT).pk],
        "user_permissions": [permission.pk],
        "last_login_0": "",
        "last_login_1": "",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "10:00:00",
        "_save": "Save",
    }
    assert client.post(_change_url(account), data).status_code == 302
    account.refresh_from_db()
    assert (account.is_staff, account.is_superuser) == (True, True)
    assert list(account.groups.values_list("name", flat=True)) == ["Secretariat"]
    assert list(account.user_permissions.all()) == [permission]


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        (Role.EXPERT, True),
        (Role.FACILITATOR, True),
        (Role.STAKEHOLDER, False),
        (Role.SECRETARIAT, False),
    ],
)
def test_user_roles_set_by_secretariat(role, allowed):
    secretariat = secretariat_user()
    account = UserFactory()
    if allowed:
        assert user_roles_set(account=account, roles=[_group(role)], by=secretariat) == [role]
    else:
        with pytest.raises(PermissionDenied):
            user_roles_set(account=account, roles=[_group(role)], by=secretariat)
        assert account.groups.count() == 0


def test_user_roles_set_refuses_a_staff_account_below_superuser():
    secretariat = secretariat_user()
    colleague = secretariat_user()
    with pytest.raises(PermissionDenied):
        user_roles_set(account=colleague, roles=[_group(Role.EXPERT)], by=secretariat)
    with pytest.raises(PermissionDenied):
        user_roles_set(account=secretariat, roles=[_group(Role.EXPERT)], by=secretariat)
