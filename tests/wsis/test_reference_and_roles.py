from collections import Counter

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group

from tests.factories import UserFactory
from wsis import reference_data
from wsis.enums import Role
from wsis.models import ActionLine, CountryRegion, GdcObjective, ItuRegion, Sdg, StakeholderType
from wsis.rules import is_expert, is_secretariat, is_verified

pytestmark = pytest.mark.django_db


def test_roles_exist_after_migrations():
    assert set(Group.objects.values_list("name", flat=True)) >= {str(role) for role in Role}
    assert sorted(
        Group.objects.filter(name__in=list(Role.values)).values_list("name", flat=True)
    ) == sorted(Role.values)


def test_secretariat_group_can_administer_portal_models():
    group = Group.objects.get(name=Role.SECRETARIAT)
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"change_organisation", "view_notification", "view_auditentry"} <= codenames


def test_action_lines_loaded_in_domain_order():
    assert list(ActionLine.objects.values_list("code", flat=True)) == [
        "C1", "C2", "C3", "C4", "C5", "C6",
        "C7.1", "C7.2", "C7.3", "C7.4", "C7.5", "C7.6", "C7.7", "C7.8",
        "C8", "C9", "C10", "C11",
    ]  # fmt: skip
    assert ActionLine.objects.get(position=7).name == "ICT applications: E-government"
    assert ActionLine.objects.get(code="C7.8").slug == "c7-8"


def test_reference_lists_complete():
    assert list(Sdg.objects.values_list("number", flat=True)) == list(range(1, 18))
    assert Sdg.objects.get(number=17).name == "Partnerships for the goals"
    assert GdcObjective.objects.count() == 5
    assert StakeholderType.objects.count() == 6
    assert ItuRegion.objects.count() == 6


def test_every_un_member_state_maps_to_exactly_one_itu_region():
    rows = list(CountryRegion.objects.values_list("country", "region__code"))
    assert len(rows) == 193
    assert Counter(country for country, _region in rows).most_common(1)[0][1] == 1
    assert dict(rows) == reference_data.UN_MEMBER_STATE_REGIONS
    assert dict(Counter(region for _country, region in rows)) == {
        "africa": 44,
        "americas": 35,
        "arab_states": 21,
        "asia_pacific": 39,
        "cis": 9,
        "europe": 45,
    }


def test_roles_are_read_once_per_user_object_and_forgotten_when_they_change(
    django_assert_num_queries,
):
    user = UserFactory(is_staff=True)
    with django_assert_num_queries(1):
        assert (is_secretariat(user), is_expert(user), is_secretariat(user)) == (False,) * 3
    user.groups.add(Group.objects.get(name=Role.SECRETARIAT))
    with django_assert_num_queries(1):
        assert (is_secretariat(user), is_expert(user)) == (True, False)
    user.groups.remove(Group.objects.get(name=Role.SECRETARIAT))
    assert is_secretariat(user) is False


def test_the_roles_query_also_tells_whether_an_address_is_confirmed(django_assert_num_queries):
    unconfirmed, confirmed = UserFactory(is_staff=True), UserFactory(is_staff=True)
    EmailAddress.objects.create(user=confirmed, email=confirmed.email, verified=True)
    EmailAddress.objects.create(user=unconfirmed, email=unconfirmed.email, verified=False)
    with django_assert_num_queries(1):
        # Asked alone: the query of the roles, which tells it too; both are kept.
        assert is_verified(unconfirmed) is False
    with django_assert_num_queries(1):
        assert [(is_secretariat(user), is_verified(user)) for user in (unconfirmed, confirmed)] == [
            (False, False),
            (False, True),
        ]
    with django_assert_num_queries(0):
        assert (is_verified(unconfirmed), is_verified(confirmed)) == (False, True)
