"""Membership by consent (issue 13, item 7): adding a member is an invitation that the invitee
accepts, signed in with the invited address confirmed; nothing changes before that, and the
form answers the same for every address."""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.messages import get_messages
from django.core import mail
from django.test import Client

from tests.factories import MembershipFactory, UserFactory, secretariat_user
from wsis.accounts.services import (
    INVITATIONS_PER_ORGANISATION_PER_DAY,
    invitation_transition,
    membership_invite,
)
from wsis.enums import InvitationStatus, Role
from wsis.models import AuditEntry, Membership, MembershipInvitation

pytestmark = pytest.mark.django_db


@pytest.fixture
def contact():
    return MembershipFactory(is_contact=True, user__email="contact@example.org")


def _invite(client, contact, email, capture):
    client = Client()  # each request with its own messages
    client.force_login(contact.user)
    with capture(execute=True):
        response = client.post(f"/organisations/{contact.organisation.slug}/", {"email": email})
    return response, [str(message) for message in get_messages(response.wsgi_request)]


def test_adding_an_existing_account_changes_nothing_before_consent(
    client, contact, django_capture_on_commit_callbacks
):
    # The probe's case: the contact named the secretariat's and an expert's addresses.
    secretariat = secretariat_user(email="sam@example.org")
    expert = UserFactory(email="eva@example.org", verified=True, roles=[Role.EXPERT])
    for person in (secretariat, expert):
        _invite(client, contact, person.email, django_capture_on_commit_callbacks)
    assert list(Membership.objects.values_list("user__email", flat=True)) == ["contact@example.org"]
    assert sorted(MembershipInvitation.objects.values_list("email", "status")) == [
        ("eva@example.org", "pending"),
        ("sam@example.org", "pending"),
    ]
    assert sorted(message.to[0] for message in mail.outbox) == [
        "eva@example.org",
        "sam@example.org",
    ]
    assert "/invitations/" in mail.outbox[0].body


def test_the_invitee_accepts_and_becomes_a_member(
    client, contact, django_capture_on_commit_callbacks
):
    invitee = UserFactory(email="newcomer@example.org", verified=True)
    _invite(client, contact, "Newcomer@Example.org ", django_capture_on_commit_callbacks)
    invitation = MembershipInvitation.objects.get()
    assert invitation.email == "newcomer@example.org"
    client.force_login(invitee)
    page = client.get("/invitations/")
    assert [i.pk for i in page.context["invitations"]] == [invitation.pk]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/invitations/{invitation.public_id}/accept/")
    assert response["Location"] == f"/organisations/{contact.organisation.slug}/"
    membership = Membership.objects.get(user=invitee)
    assert (membership.organisation, membership.is_contact) == (contact.organisation, False)
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.ACCEPTED
    assert [message.to for message in mail.outbox] == [["contact@example.org"]]
    assert list(AuditEntry.objects.order_by("id").values_list("action", flat=True)) == [
        "membership_invitation.send",
        "membership_invitation.accept",
    ]


def test_the_invitee_declines_and_nothing_changes(
    client, contact, django_capture_on_commit_callbacks
):
    invitee = UserFactory(email="newcomer@example.org", verified=True)
    _invite(client, contact, invitee.email, django_capture_on_commit_callbacks)
    invitation = MembershipInvitation.objects.get()
    client.force_login(invitee)
    response = client.post(f"/invitations/{invitation.public_id}/decline/")
    assert response["Location"] == "/invitations/"
    assert not Membership.objects.filter(user=invitee).exists()
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.DECLINED
    # Answered once: a second answer finds nothing to answer.
    assert client.post(f"/invitations/{invitation.public_id}/accept/").status_code == 404


def test_an_unconfirmed_copy_of_the_address_cannot_accept(
    client, contact, django_capture_on_commit_callbacks
):
    owner = UserFactory(email="owner@example.org", verified=True)
    squatter = UserFactory(email="squatter@example.org", verified=True)
    EmailAddress.objects.create(user=squatter, email="owner@example.org", verified=False)
    _invite(client, contact, owner.email, django_capture_on_commit_callbacks)
    invitation = MembershipInvitation.objects.get()
    client.force_login(squatter)
    assert list(client.get("/invitations/").context["invitations"]) == []
    assert client.post(f"/invitations/{invitation.public_id}/accept/").status_code == 404
    assert not Membership.objects.filter(user=squatter).exists()


def test_the_contact_withdraws_and_the_invitee_can_no_longer_accept(
    client, contact, django_capture_on_commit_callbacks
):
    invitee = UserFactory(email="newcomer@example.org", verified=True)
    _invite(client, contact, invitee.email, django_capture_on_commit_callbacks)
    invitation = MembershipInvitation.objects.get()
    client.force_login(contact.user)
    page = client.get(f"/organisations/{contact.organisation.slug}/")
    assert [i.email for i in page.context["invitations"]] == ["newcomer@example.org"]
    response = client.post(f"/invitations/{invitation.public_id}/withdraw/")
    assert response.status_code == 302
    client.force_login(invitee)
    assert client.post(f"/invitations/{invitation.public_id}/accept/").status_code == 404
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.WITHDRAWN


def test_the_answer_is_the_same_for_known_and_unknown_addresses(
    client, contact, django_capture_on_commit_callbacks
):
    UserFactory(email="known@example.org", verified=True)
    known, known_messages = _invite(
        client, contact, "known@example.org", django_capture_on_commit_callbacks
    )
    unknown, unknown_messages = _invite(
        client, contact, "unknown@example.org", django_capture_on_commit_callbacks
    )
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    assert [m.replace("known@", "X@") for m in known_messages] == [
        m.replace("unknown@", "X@") for m in unknown_messages
    ]
    assert known_messages == [
        (
            "An invitation was sent to known@example.org, unless that address already belongs "
            "to a member. They join once they accept it."
        )
    ]
    # Both addresses get the same invitation; the unknown one may sign up and then accept.
    assert sorted(m.to[0] for m in mail.outbox) == ["known@example.org", "unknown@example.org"]
    assert mail.outbox[0].body.replace("known@", "X@") == mail.outbox[1].body.replace(
        "unknown@", "X@"
    )


def test_a_person_who_signs_up_later_with_the_address_can_accept(contact):
    invitation = membership_invite(
        organisation=contact.organisation, email="later@example.org", by=contact.user
    )
    newcomer = UserFactory(email="later@example.org", verified=True)
    membership = invitation_transition(
        invitation=invitation, to=InvitationStatus.ACCEPTED, by=newcomer
    )
    assert membership.user == newcomer


def test_inviting_again_sends_no_second_mail(contact, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = membership_invite(
            organisation=contact.organisation, email="x@example.org", by=contact.user
        )
        second = membership_invite(
            organisation=contact.organisation, email="X@example.org", by=contact.user
        )
    assert first == second
    assert len(mail.outbox) == 1


def test_invitations_per_day_are_limited(client, contact, django_capture_on_commit_callbacks):
    for number in range(INVITATIONS_PER_ORGANISATION_PER_DAY):
        membership_invite(
            organisation=contact.organisation, email=f"p{number}@example.org", by=contact.user
        )
    response, _messages = _invite(
        client, contact, "one@example.org", django_capture_on_commit_callbacks
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "This organisation sent many invitations today: try again tomorrow."
    ]
    assert MembershipInvitation.objects.count() == INVITATIONS_PER_ORGANISATION_PER_DAY


def test_the_admin_adds_no_member_without_consent(client, contact):
    client.force_login(secretariat_user())
    page = client.get(f"/admin/wsis/organisation/{contact.organisation.pk}/change/")
    inline = page.context["inline_admin_formsets"][0]
    assert inline.has_add_permission is False
