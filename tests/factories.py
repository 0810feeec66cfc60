"""One factory per model of the shared core. App factories live in tests/<app>/factories.py."""

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group

from wsis.enums import Role
from wsis.models import (
    ActionLine,
    ApiToken,
    FacilitatorAssignment,
    Membership,
    Notification,
    Organisation,
    StakeholderType,
    User,
)

PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Faker("name")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        if create and extracted:
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(*Group.objects.filter(name__in=[str(role) for role in extracted]))
        self.save()


def api_token_key(user: User, name: str = "Test token") -> str:
    """A fresh API token of `user` (hashed in the database), returned as the key a client sends."""
    _token, key = ApiToken.objects.create(user=user, name=name)
    return key


def secretariat_user(**kwargs) -> User:
    return UserFactory(is_staff=True, verified=True, roles=[Role.SECRETARIAT], **kwargs)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    slug = factory.Sequence(lambda n: f"organisation-{n}")
    country = "CH"
    stakeholder_type = factory.LazyFunction(
        lambda: StakeholderType.objects.get(code="civil_society")
    )


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    organisation = factory.SubFactory(OrganisationFactory)
    user = factory.SubFactory(UserFactory, verified=True)
    is_contact = False


class FacilitatorAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FacilitatorAssignment

    user = factory.SubFactory(UserFactory, verified=True, roles=[Role.FACILITATOR])
    action_line = factory.LazyFunction(lambda: ActionLine.objects.get(code="C2"))


class NotificationFactory(factory.django.DjangoModelFactory):
    """A message stored in the outbox as `notification_queue` stores it, but with no sending task
    scheduled: the test sends it itself."""

    class Meta:
        model = Notification

    recipient = factory.Sequence(lambda n: f"reader{n}@example.org")
    template = "membership_added"
    subject = "[WSIS] You were added to Open Schools"
    body_text = "Ana added you to Open Schools on the WSIS Portal."
    idempotency_key = factory.Sequence(lambda n: f"factory-{n}")
