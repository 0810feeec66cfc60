"""The moderation workflow: editors (and the secretariat) draft and submit, only moderators
approve and publish; every step is in Wagtail's history and in the portal's audit log."""

import pytest
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType

from tests.cms.builders import standard_page
from tests.factories import UserFactory
from wsis.enums import Role
from wsis.models import AuditEntry

pytestmark = pytest.mark.django_db


def _staff(group: str):
    user = UserFactory(is_staff=True, verified=True)
    user.groups.add(Group.objects.get(name=group))
    return user


def _audit(page):
    return list(
        AuditEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(page), object_id=str(page.pk)
        )
        .order_by("id")
        .values_list("action", "actor__email", "reason")
    )


@pytest.mark.parametrize(
    ("group", "can_edit", "can_publish"),
    [("Editors", True, False), (Role.SECRETARIAT.value, True, False), ("Moderators", True, True)],
)
def test_who_may_draft_and_who_may_publish(group, can_edit, can_publish):
    page = standard_page(live=False)
    permissions = page.permissions_for_user(_staff(group))
    assert (permissions.can_edit(), permissions.can_publish()) == (can_edit, can_publish)


def test_every_page_goes_through_the_moderators_approval():
    page = standard_page(live=False)
    workflow = page.get_workflow()
    assert workflow.name == "Moderators approval"
    assert [task.name for task in workflow.tasks] == ["Moderators approval"]
    assert [group.name for group in workflow.tasks[0].specific.groups.all()] == ["Moderators"]


def test_draft_submitted_approved_published_and_audited():
    editor, moderator = _staff("Editors"), _staff("Moderators")
    page = standard_page(live=False)
    page.title = "About the WSIS process"
    page.save_revision(user=editor)
    workflow_state = page.get_workflow().start(page, editor)
    page.refresh_from_db()
    assert page.live is False

    task_state = workflow_state.current_task_state
    task_state.task.specific.on_action(task_state, moderator, "approve", comment="Fine.")

    page.refresh_from_db()
    assert (page.live, page.title) == (True, "About the WSIS process")
    assert _audit(page) == [
        ("cms:wagtail.workflow.start", editor.email, ""),
        ("cms:wagtail.workflow.approve", moderator.email, "Fine."),
        ("cms:wagtail.publish", moderator.email, ""),
    ]


def test_a_rejected_draft_stays_unpublished_with_the_reason_audited():
    editor, moderator = _staff("Editors"), _staff("Moderators")
    page = standard_page(live=False)
    page.save_revision(user=editor)
    workflow_state = page.get_workflow().start(page, editor)
    task_state = workflow_state.current_task_state
    task_state.task.specific.on_action(task_state, moderator, "reject", comment="Cite sources.")

    page.refresh_from_db()
    assert page.live is False
    assert _audit(page)[-1] == ("cms:wagtail.workflow.reject", moderator.email, "Cite sources.")


def test_unpublishing_is_audited():
    moderator = _staff("Moderators")
    page = standard_page()
    page.unpublish(user=moderator)
    assert _audit(page)[-1] == ("cms:wagtail.unpublish", moderator.email, "")
