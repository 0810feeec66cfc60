"""Shared set-up of the roadmap tests: users per role and sample documents."""

from pathlib import Path

from django.contrib.auth.models import AnonymousUser

from tests.factories import FacilitatorAssignmentFactory, secretariat_user
from tests.seeds import SEEDS
from wsis.models import ActionLine

SAMPLES = Path(__file__).resolve().parent / "samples"
SEED_FILE = SEEDS / "003_b2b236b508fc1d93.txt"

ROLES = ("anonymous", "facilitator_here", "facilitator_other", "secretariat")


def read_sample(name: str) -> str:
    return (SAMPLES / name).read_text(encoding="utf-8")


def user_for(role: str, action_line_code: str = "C2"):
    """A user of `role` relative to the roadmap of `action_line_code`."""
    if role == "anonymous":
        return AnonymousUser()
    if role == "secretariat":
        return secretariat_user()
    other = "C4" if action_line_code != "C4" else "C2"
    code = action_line_code if role == "facilitator_here" else other
    return FacilitatorAssignmentFactory(action_line=ActionLine.objects.get(code=code)).user


def login(client, user) -> None:
    if user.is_authenticated:
        client.force_login(user)
