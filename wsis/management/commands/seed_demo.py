"""Fills a database with demo organisations and one user per role (idempotent).

Every demo user's password is DEMO_PASSWORD (see the README). Each app with a `demo` module
(`stocktaking/demo.py`, ...) adds its own content there through `seed_demo_content(stdout)`,
called in DEMO_CONTENT_APPS order; each must be idempotent too.
"""

from importlib import import_module
from importlib.util import find_spec

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings

from wsis.enums import Role
from wsis.models import (
    ActionLine,
    FacilitatorAssignment,
    Membership,
    Organisation,
    StakeholderType,
    User,
)

DEMO_PASSWORD = "wsis-demo-2026"  # noqa: S105 - documented demo password, never in production

DEMO_ORGANISATIONS = (
    # (slug, name, country, stakeholder type)
    ("itu", "International Telecommunication Union", "CH", "international_organization"),
    ("ministry-digital-kenya", "Ministry of ICT and Digital Economy (demo)", "KE", "government"),
    ("open-schools-network", "Open Schools Network (demo)", "BR", "civil_society"),
    ("andes-connect", "Andes Connect S.A. (demo)", "PE", "private_sector"),
    ("pacific-ict-lab", "Pacific ICT Lab, University (demo)", "FJ", "academia"),
)

DEMO_USERS = (
    # (e-mail, full name, roles, organisation slugs, contact of, staff)
    ("secretariat@demo.wsis.test", "Sam Secretariat", (Role.SECRETARIAT,), ("itu",), (), True),
    ("expert@demo.wsis.test", "Eva Expert", (Role.EXPERT,), ("pacific-ict-lab",), (), False),
    (
        "facilitator@demo.wsis.test",
        "Fatou Facilitator",
        (Role.FACILITATOR,),
        ("itu",),
        ("itu",),
        False,
    ),
    (
        "stakeholder@demo.wsis.test",
        "Stella Stakeholder",
        (Role.STAKEHOLDER,),
        ("ministry-digital-kenya",),
        ("ministry-digital-kenya",),
        False,
    ),
    (
        "colleague@demo.wsis.test",
        "Carlos Colleague",
        (Role.STAKEHOLDER,),
        ("ministry-digital-kenya", "open-schools-network"),
        ("open-schools-network",),
        False,
    ),
    (
        "other@demo.wsis.test",
        "Omar Other-Organisation",
        (Role.STAKEHOLDER,),
        ("andes-connect",),
        ("andes-connect",),
        False,
    ),
)

FACILITATED_ACTION_LINES = ("C2", "C4", "C5", "C6")

# Apps whose `<app>.demo.seed_demo_content(stdout)` adds demo content, in dependency order.
DEMO_CONTENT_APPS = (
    "stocktaking",
    "stocktaking.prizes",
    "roadmaps",
    "events",
    "evidence",
    "publications",
    "cms",
)


class Command(BaseCommand):
    help = "Creates demo organisations, one user per role and demo content (idempotent)."

    def handle(self, *args, **options) -> None:
        # The demo's mails (confirmations, receipts, decisions: about 160) go to a local
        # mailbox, not the console: `make run` prints a summary, not 2,500 lines of mail.
        previous_outbox = getattr(mail, "outbox", None)
        mail.outbox = []
        try:
            with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
                with transaction.atomic():
                    self._seed()
                sent = len(mail.outbox)
        finally:
            if previous_outbox is None:
                del mail.outbox
            else:
                mail.outbox = previous_outbox
        if sent:
            self.stdout.write(
                f"Demo mails: {sent} sent to a local test mailbox, not printed "
                "(the secretariat sees them in the admin under Notifications)."
            )

    def _seed(self) -> None:
        organisations = {}
        for slug, name, country, stakeholder_code in DEMO_ORGANISATIONS:
            organisations[slug], _created = Organisation.objects.update_or_create(
                slug=slug,
                defaults={
                    "name": name,
                    "country": country,
                    "stakeholder_type": StakeholderType.objects.get(code=stakeholder_code),
                },
            )
        for email, full_name, roles, org_slugs, contact_of, staff in DEMO_USERS:
            user = User.objects.filter(email=email).first()
            if user is None:
                user = User.objects.create_user(email=email, password=DEMO_PASSWORD)
            user.full_name = full_name
            user.is_staff = staff
            user.save()
            EmailAddress.objects.update_or_create(
                user=user, email=email, defaults={"verified": True, "primary": True}
            )
            user.groups.set(Group.objects.filter(name__in=[str(role) for role in roles]))
            for slug in org_slugs:
                Membership.objects.get_or_create(
                    organisation=organisations[slug],
                    user=user,
                    defaults={"is_contact": slug in contact_of},
                )
            if Role.FACILITATOR in roles:
                for action_line in ActionLine.objects.filter(code__in=FACILITATED_ACTION_LINES):
                    FacilitatorAssignment.objects.get_or_create(
                        user=user,
                        action_line=action_line,
                        defaults={"organisation": organisations["itu"]},
                    )
        for app in DEMO_CONTENT_APPS:
            if find_spec(f"{app}.demo") is not None:
                import_module(f"{app}.demo").seed_demo_content(self.stdout)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data ready: {len(DEMO_ORGANISATIONS)} organisations, "
                f"{len(DEMO_USERS)} users (password {DEMO_PASSWORD!r})."
            )
        )
