"""The Django admin's own staff-only check (the route matrix leaves admin/ out): every
changelist and add page of every registered model, as an anonymous visitor (sent to the admin's
sign-in page), a verified member who is not staff (sent there too: the admin never shows them a
page) and the secretariat (the page for the portal's own apps, 403 for the superuser's apps and
for the add page of records only the portal's workflows create)."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from tests.conftest import FIGURES
from tests.factories import MembershipFactory, UserFactory
from wsis.apps import SECRETARIAT_APPS
from wsis.enums import Role

MODELS = sorted(
    f"{model._meta.app_label}.{model._meta.model_name}" for model in admin.site._registry
)
# Records that come into being only through the portal's own services and workflows (an entry
# is submitted, a vote cast, an audit row written, ...): their admins have no add page.
NO_ADD_PAGE = {
    "cms.newssubscription",
    "events.forumoutcomeversion",
    "events.outcomedocument",
    "evidence.repositoryproposal",
    "prizes.vote",
    "publications.opendataarchive",
    "publications.reportversion",
    "publications.roadmapsdocumentversion",
    "publications.successstoriesversion",
    "roadmaps.clause",
    "roadmaps.roadmapversion",
    "stocktaking.entry",
    "wsis.apitoken",
    "wsis.auditentry",
    "wsis.membershipinvitation",
    "wsis.notification",
}
COVERED = {"urls": 0, "requests": 0}


def _users():
    member = MembershipFactory().user
    secretariat = UserFactory(is_staff=True, verified=True)
    secretariat.groups.add(Group.objects.get(name=Role.SECRETARIAT))
    return {"anonymous": None, "member": member, "secretariat": secretariat}


@pytest.mark.django_db
@pytest.mark.parametrize("label", MODELS)
def test_admin_pages_are_staff_only(label):
    app_label, model_name = label.split(".")
    users = _users()
    answers = {}
    for page in ("changelist", "add"):
        url = reverse(f"admin:{app_label}_{model_name}_{page}")
        for role, user in users.items():
            client = Client()
            if user is not None:
                client.force_login(user)
            response = client.get(url)
            answers[(page, role)] = (response.status_code, response.headers.get("Location"))
            COVERED["requests"] += 1
        COVERED["urls"] += 1
    # The secretariat administers the portal's own apps; the others are for superusers.
    own_app = app_label in SECRETARIAT_APPS
    FIGURES["admin staff-only"] = (
        f"{COVERED['urls']} admin URLs ({len(MODELS)} models × changelist and add) × 3 roles "
        f"= {COVERED['requests']} requests"
    )
    login = reverse("admin:login")
    changelist = reverse(f"admin:{app_label}_{model_name}_changelist")
    add = reverse(f"admin:{app_label}_{model_name}_add")
    assert answers == {
        ("changelist", "anonymous"): (302, f"{login}?next={changelist}"),
        ("changelist", "member"): (302, f"{login}?next={changelist}"),
        ("changelist", "secretariat"): (200 if own_app else 403, None),
        ("add", "anonymous"): (302, f"{login}?next={add}"),
        ("add", "member"): (302, f"{login}?next={add}"),
        ("add", "secretariat"): (200 if own_app and label not in NO_ADD_PAGE else 403, None),
    }
