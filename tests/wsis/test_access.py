"""`role_required`: the one guard of role-gated views in every app."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse

from tests.factories import UserFactory, secretariat_user
from wsis.access import role_required
from wsis.rules import is_secretariat

pytestmark = pytest.mark.django_db


@role_required(is_secretariat)
def _secretariat_page(request, year):
    return HttpResponse(f"queue {year}")


@role_required()
def _own_page(request):
    return HttpResponse("mine")


def test_an_anonymous_visitor_is_sent_to_sign_in_and_back(rf):
    request = rf.get("/prizes/2025/manage/?tab=dates")
    request.user = AnonymousUser()
    for view, args in ((_secretariat_page, (2025,)), (_own_page, ())):
        response = view(request, *args)
        assert response.status_code == 302
        assert response["Location"] == "/accounts/login/?next=/prizes/2025/manage/%3Ftab%3Ddates"


@pytest.mark.parametrize(
    ("who", "secretariat_page", "own_page"),
    [("stakeholder", 403, 200), ("secretariat", 200, 200)],
)
def test_a_signed_in_person_passes_only_with_the_role(rf, who, secretariat_page, own_page):
    user = secretariat_user() if who == "secretariat" else UserFactory(verified=True)
    request = rf.get("/page/")
    request.user = user

    def status(view, *args) -> int:
        try:
            return view(request, *args).status_code
        except PermissionDenied:
            return 403

    assert (status(_secretariat_page, 2025), status(_own_page)) == (secretariat_page, own_page)
