"""The editors' groups of the content editor at /cms/admin/.

Wagtail's own groups, made by its migrations: "Editors" write drafts and submit them for
moderation; "Moderators" (program admins) approve and publish. `ensure_editor_groups`
adds the right to edit partner organisations (the directory's resources) and to
translate, and restores the page and media rights and the approval workflow where that
data is missing (a database emptied by `flush`, as the browser tests do). Membership
never lets a participant or employer in: `User.has_perm` refuses every Wagtail
permission to roles other than staff and admin.
"""

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from portal.core.models import PartnerOrganisation

EDITORS_GROUP = "Editors"
PUBLISHERS_GROUP = "Moderators"


def ensure_editor_groups() -> tuple[Group, Group]:
    """Wagtail's Editors and Moderators groups with every right they need (idempotent)."""
    editors, _ = Group.objects.get_or_create(name=EDITORS_GROUP)
    publishers, _ = Group.objects.get_or_create(name=PUBLISHERS_GROUP)
    resource_type = ContentType.objects.get_for_model(PartnerOrganisation)
    resource_permissions = Permission.objects.filter(
        content_type=resource_type,
        codename__in=[
            "add_partnerorganisation",
            "change_partnerorganisation",
            "delete_partnerorganisation",
            "view_partnerorganisation",
        ],
    )
    access_admin = Permission.objects.filter(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    # The "Translate" action of wagtail.contrib.simple_translation (when installed).
    submit_translation = Permission.objects.filter(
        content_type__app_label="simple_translation", codename="submit_translation"
    )
    for group in (editors, publishers):
        group.permissions.add(*resource_permissions, *access_admin, *submit_translation)
    _ensure_page_rights(editors, publishers)
    return editors, publishers


# What each group may do on the whole page tree and media library (as Wagtail's
# migrations grant them on a new database).
EDITOR_PAGE_RIGHTS = ["add_page", "change_page"]
PUBLISHER_PAGE_RIGHTS = [*EDITOR_PAGE_RIGHTS, "publish_page", "lock_page", "unlock_page"]
MEDIA_RIGHTS = [
    "add_image",
    "change_image",
    "choose_image",
    "add_document",
    "change_document",
    "choose_document",
]


def _ensure_page_rights(editors: Group, publishers: Group) -> None:
    root = Page.get_first_root_node()
    if root is None:
        return
    page_type = ContentType.objects.get_for_model(Page)
    for group, codenames in ((editors, EDITOR_PAGE_RIGHTS), (publishers, PUBLISHER_PAGE_RIGHTS)):
        for permission in Permission.objects.filter(content_type=page_type, codename__in=codenames):
            GroupPagePermission.objects.get_or_create(group=group, page=root, permission=permission)
    collection = Collection.get_first_root_node() or Collection.add_root(name="Root")
    for group in (editors, publishers):
        for permission in Permission.objects.filter(codename__in=MEDIA_RIGHTS):
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=collection, permission=permission
            )
    # Moderation: drafts go to the publishers for approval.
    if not WorkflowPage.objects.filter(page=root).exists():
        task, _ = GroupApprovalTask.objects.get_or_create(name="Moderators approval")
        task.groups.add(publishers)
        workflow, created = Workflow.objects.get_or_create(name="Moderators approval")
        if created:
            WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
        WorkflowPage.objects.create(page=root, workflow=workflow)
