"""The content management's standing data, made idempotently: a locale per language, the page
tree's root and the portal's home page as the default site's root, the editors' and moderators'
permissions (also given to the Secretariat group), and the moderation workflow ("Moderators
approval": a draft is submitted, a moderator approves it, it is published).

Wagtail's own migrations make most of it on a fresh database; this fills whatever is missing
(the home page always, everything after a test flushed the tables). It takes an app registry so
that the data migration can run it with the historical models.
"""

from django.conf import settings

from wsis.enums import Role

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
STEP = 4
EDITOR_PAGE_PERMISSIONS = ("add_page", "change_page")
MODERATOR_PAGE_PERMISSIONS = (*EDITOR_PAGE_PERMISSIONS, "publish_page", "lock_page", "unlock_page")
COLLECTION_PERMISSIONS = {
    ("wagtailimages", "image"): ("add_image", "change_image", "choose_image"),
    ("wagtaildocs", "document"): ("add_document", "change_document", "choose_document"),
}
# The menu and footer (a snippet, one per language): edited by whoever publishes, since a change
# is live at once (snippets have no moderation here).
MENU_PERMISSIONS = ("add_navigation", "change_navigation")
MENU_GROUPS = ("Moderators", Role.SECRETARIAT.value)
WORKFLOW_NAME = "Moderators approval"


def _path_segment(number: int) -> str:
    digits = ""
    while number:
        number, remainder = divmod(number, len(ALPHABET))
        digits = ALPHABET[remainder] + digits
    return digits.rjust(STEP, "0")


def _permission(apps, app_label: str, model: str, codename: str):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _created = ContentType.objects.get_or_create(app_label=app_label, model=model)
    permission, _created = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": codename.replace("_", " ")}
    )
    return permission


def cms_locales_ensure(apps, schema_editor=None) -> None:
    """A Wagtail locale for each of the portal's languages (`LANGUAGES`), so that every page can
    be translated into the six (wagtail-localize)."""
    Locale = apps.get_model("wagtailcore", "Locale")
    for code, _name in settings.LANGUAGES:
        Locale.objects.get_or_create(language_code=code)


def _tree(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Locale = apps.get_model("wagtailcore", "Locale")
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    HomePage = apps.get_model("cms", "HomePage")
    Collection = apps.get_model("wagtailcore", "Collection")

    locale, _created = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    page_type, _created = ContentType.objects.get_or_create(app_label="wagtailcore", model="page")
    root = Page.objects.filter(depth=1).order_by("path").first()
    if root is None:
        root = Page.objects.create(
            title="Root", slug="root", content_type=page_type, path=_path_segment(1), depth=1,
            numchild=0, url_path="/", locale=locale, live=True, draft_title="Root",
        )  # fmt: skip
    if not Collection.objects.filter(depth=1).exists():
        Collection.objects.create(name="Root", path=_path_segment(1), depth=1, numchild=0)
    home = HomePage.objects.filter(locale__language_code=settings.LANGUAGE_CODE).first()
    if home is None:
        # Wagtail's placeholder ("Welcome to your new Wagtail site!") gives way to the portal's.
        Page.objects.filter(depth=2, content_type=page_type, numchild=0).delete()
        children = Page.objects.filter(depth=2, path__startswith=root.path)
        last = children.order_by("-path").values_list("path", flat=True).first()
        number = int(last[len(root.path) :], len(ALPHABET)) + 1 if last else 1
        home_type, _created = ContentType.objects.get_or_create(app_label="cms", model="homepage")
        home = HomePage.objects.create(
            title="Home", draft_title="Home", slug="home", content_type=home_type,
            path=root.path + _path_segment(number), depth=2, numchild=0, url_path="/home/",
            locale=locale, live=True, body=[], intro="",
        )  # fmt: skip
        root.numchild = Page.objects.filter(depth=2, path__startswith=root.path).count()
        root.save(update_fields=["numchild"])
    Site.objects.filter(is_default_site=True).exclude(root_page_id=home.pk).delete()
    Site.objects.get_or_create(
        is_default_site=True,
        defaults={
            "hostname": "localhost",
            "port": 80,
            "site_name": "WSIS Portal",
            "root_page_id": home.pk,
        },
    )
    return root


def _groups(apps, root) -> None:
    Group = apps.get_model("auth", "Group")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Collection = apps.get_model("wagtailcore", "Collection")
    collection = Collection.objects.filter(depth=1).first()
    access_admin = _permission(apps, "wagtailadmin", "admin", "access_admin")
    # Translating a page into another language (wagtail-localize's translation editor).
    submit_translation = _permission(apps, "wagtail_localize", "translation", "submit_translation")
    for name, page_permissions in (
        ("Editors", EDITOR_PAGE_PERMISSIONS),
        ("Moderators", MODERATOR_PAGE_PERMISSIONS),
        # The secretariat drafts content like the editors; moderators publish it.
        (Role.SECRETARIAT.value, EDITOR_PAGE_PERMISSIONS),
    ):
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(access_admin, submit_translation)
        if name in MENU_GROUPS:
            group.permissions.add(
                *(_permission(apps, "cms", "navigation", codename) for codename in MENU_PERMISSIONS)
            )
        for codename in page_permissions:
            GroupPagePermission.objects.get_or_create(
                group=group,
                page=root,
                permission=_permission(apps, "wagtailcore", "page", codename),
            )
        for (app_label, model), codenames in COLLECTION_PERMISSIONS.items():
            for codename in codenames:
                GroupCollectionPermission.objects.get_or_create(
                    group=group,
                    collection=collection,
                    permission=_permission(apps, app_label, model, codename),
                )


def _workflow(apps, root) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    if WorkflowPage.objects.filter(page=root).exists():
        return
    task_type, _created = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    task = GroupApprovalTask.objects.filter(name=WORKFLOW_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(
            name=WORKFLOW_NAME, content_type=task_type, active=True
        )
    task.groups.add(Group.objects.get(name="Moderators"))
    workflow, _created = Workflow.objects.get_or_create(
        name=WORKFLOW_NAME, defaults={"active": True}
    )
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.create(page=root, workflow=workflow)


def cms_defaults_ensure(apps, schema_editor=None) -> None:
    cms_locales_ensure(apps)
    root = _tree(apps)
    _groups(apps, root)
    _workflow(apps, root)
