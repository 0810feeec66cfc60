"""The Wagtail admin per role: only staff with the CMS groups (the Secretariat, Editors,
Moderators) reach it; everybody else is sent to the portal's own sign-in or refused, even a
non-staff person put in a CMS group. One sign-in serves both admins, which link to each other."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from tests.factories import UserFactory
from tests.route_matrix import build_world

pytestmark = pytest.mark.django_db

PAGES = ("/cms-admin/", "/cms-admin/pages/", "/cms-admin/images/", "/cms-admin/import-document/")
SIGN_IN = "/accounts/login/?next="


def _people():
    world = build_world()
    people = dict(world.users)
    editor = UserFactory(is_staff=True, verified=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    moderator = UserFactory(is_staff=True, verified=True)
    moderator.groups.add(Group.objects.get(name="Moderators"))
    outsider_editor = UserFactory(is_staff=False, verified=True)
    outsider_editor.groups.add(Group.objects.get(name="Editors"))
    people.update(
        {
            "editor": editor,
            "moderator": moderator,
            "editor_not_staff": outsider_editor,
            "staff_without_group": UserFactory(is_staff=True, verified=True),
        }
    )
    return people


def _answer(user, path):
    client = Client()
    if user is not None:
        client.force_login(user)
    response = client.get(path)
    return response.status_code, response.headers.get("Location")


def test_wagtail_admin_route_matrix_per_role():
    people = _people()
    answers = {(role, path): _answer(user, path) for role, user in people.items() for path in PAGES}
    expected = {}
    for path in PAGES:
        for role in people:
            if role == "anonymous":
                expected[(role, path)] = (302, SIGN_IN + path)
            elif role in ("secretariat", "editor", "moderator"):
                expected[(role, path)] = (200, None)
            elif role == "staff_without_group":
                # Staff, but without the CMS's access permission: Wagtail sends them to sign in.
                expected[(role, path)] = answers[(role, path)]
            else:
                expected[(role, path)] = (403, None)
    assert answers == expected
    # Staff without a CMS group never see a page of the admin either.
    assert {answers[("staff_without_group", path)][0] for path in PAGES} == {302}


def test_wagtail_sign_in_page_is_the_portals_own():
    response = Client().get("/cms-admin/login/?next=/cms-admin/pages/")
    assert (response.status_code, response.headers["Location"]) == (
        302,
        "/accounts/login/?next=/cms-admin/pages/",
    )


def test_one_sign_in_opens_both_admins_and_each_links_to_the_other():
    people = _people()
    client = Client()
    client.force_login(people["secretariat"])
    django_admin = client.get("/admin/").content.decode()
    wagtail_admin = client.get("/cms-admin/").content.decode()
    assert '<a href="/cms-admin/">Content (pages, news, documents)</a>' in django_admin
    # Wagtail's sidebar is drawn from the menu's data in the page.
    assert (
        '{"name": "secretariat-admin", "label": "Secretariat admin (moderation)", '
        '"icon_name": "cog", "classname": "", "attrs": {}, "url": "/admin/"}'
    ) in wagtail_admin


def test_the_moderators_and_the_secretariat_edit_the_menu_and_footer_editors_do_not():
    """The menu is a snippet whose change is live at once: those who publish edit it."""
    from cms.models import Navigation

    menu = Navigation.load()
    people = _people()
    path = f"/cms-admin/snippets/cms/navigation/edit/{menu.pk}/"
    answers = {}
    for role in ("secretariat", "moderator", "editor"):
        client = Client()
        client.force_login(people[role])
        answers[role] = client.get(path).status_code
    assert answers["secretariat"] == answers["moderator"] == 200
    assert answers["editor"] in (302, 403)
    client = Client()
    client.force_login(people["secretariat"])
    response = client.post(
        path,
        {
            "menu-count": "0",
            "footer_links-count": "0",
            "footer_text": "World Summit on the Information Society",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    menu.refresh_from_db()
    assert menu.footer_text == "World Summit on the Information Society"
