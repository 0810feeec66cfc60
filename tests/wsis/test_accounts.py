import re

import pytest
from django.core import mail

from tests.factories import PASSWORD, MembershipFactory, OrganisationFactory, UserFactory
from wsis.models import AuditEntry, Membership, Organisation, User

pytestmark = pytest.mark.django_db


def _signup(client, email="new.person@example.org"):
    return client.post(
        "/accounts/signup/",
        {"email": email, "password1": PASSWORD, "password2": PASSWORD},
    )


def test_signup_sends_verification_mail_through_outbox(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = _signup(client)
    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["new.person@example.org"]
    assert mail.outbox[0].subject == "[WSIS] Please Confirm Your Email Address"
    user = User.objects.get(email="new.person@example.org")
    assert user.emailaddress_set.get().verified is False


def test_login_refused_until_email_confirmed(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _signup(client)
    client.logout()
    response = client.post(
        "/accounts/login/", {"login": "new.person@example.org", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    assert client.get("/accounts/profile/").status_code == 302

    confirm_url = re.search(
        r"https?://[^/]+(/accounts/confirm-email/[^\s]+/)", mail.outbox[0].body
    )[1]
    assert client.post(confirm_url).status_code == 302
    response = client.post(
        "/accounts/login/", {"login": "new.person@example.org", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == "/my/"
    assert client.get("/my/").status_code == 200


def test_password_reset_mail_sent(client, django_capture_on_commit_callbacks):
    UserFactory(email="forgetful@example.org", verified=True)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/password/reset/", {"email": "forgetful@example.org"})
    assert response.status_code == 302
    assert [message.to for message in mail.outbox] == [["forgetful@example.org"]]
    assert "/accounts/password/reset/key/" in mail.outbox[0].body


def test_profile_saves_name(client, verified_user):
    client.force_login(verified_user)
    response = client.post(
        "/accounts/profile/",
        {"full_name": "Ada Lovelace", "job_title": "Engineer", "preferred_language": "en"},
    )
    assert response.status_code == 302
    verified_user.refresh_from_db()
    assert (verified_user.full_name, verified_user.job_title) == ("Ada Lovelace", "Engineer")


def test_organisation_create_needs_verified_email(client):
    unverified = UserFactory()
    client.force_login(unverified)
    response = client.post(
        "/organisations/new/", {"name": "X", "country": "FR", "stakeholder_type": 1}
    )
    assert response.status_code == 302
    assert response["Location"] == "/accounts/email/"
    assert Organisation.objects.count() == 0


def test_organisation_create_makes_creator_contact_and_audits(client, verified_user):
    client.force_login(verified_user)
    response = client.post(
        "/organisations/new/",
        {"name": "Digital Villages", "country": "SN", "stakeholder_type": 3, "website": ""},
    )
    organisation = Organisation.objects.get()
    assert response["Location"] == f"/organisations/{organisation.slug}/"
    assert organisation.slug == "digital-villages"
    assert list(Membership.objects.values_list("user", "is_contact")) == [(verified_user.pk, True)]
    assert AuditEntry.objects.get().action == "organisation.create"


def test_organisation_create_refuses_duplicate_name_in_country(client, verified_user):
    OrganisationFactory(name="Digital Villages", country="SN")
    client.force_login(verified_user)
    response = client.post(
        "/organisations/new/", {"name": "digital villages", "country": "SN", "stakeholder_type": 3}
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        (
            "An organisation with this name already exists in this country. "
            "Ask its contact person to add you as a member."
        )
    ]


def test_organisation_page_is_404_for_non_members(client):
    membership = MembershipFactory()
    outsider = UserFactory(verified=True)
    client.force_login(outsider)
    assert client.get(f"/organisations/{membership.organisation.slug}/").status_code == 404
    client.force_login(membership.user)
    assert client.get(f"/organisations/{membership.organisation.slug}/").status_code == 200


def test_organisation_contact_invites_and_the_invitee_is_told(
    client, django_capture_on_commit_callbacks
):
    contact = MembershipFactory(is_contact=True)
    newcomer = UserFactory(email="newcomer@example.org", verified=True)
    client.force_login(contact.user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/organisations/{contact.organisation.slug}/", {"email": "NEWCOMER@example.org"}
        )
    assert response.status_code == 302
    assert not Membership.objects.filter(organisation=contact.organisation, user=newcomer).exists()
    assert [message.to for message in mail.outbox] == [["newcomer@example.org"]]


def test_organisation_plain_member_cannot_add_members(client):
    member = MembershipFactory(is_contact=False)
    UserFactory(email="someone@example.org")
    client.force_login(member.user)
    response = client.post(
        f"/organisations/{member.organisation.slug}/", {"email": "someone@example.org"}
    )
    assert response.status_code == 404
    assert Membership.objects.count() == 1
