"""Published and audited records are never deleted by a cascade from the admin.

Deleting an event would take its sessions with it, and with them their published outcome
documents and the Forum Outcome Document's versions; deleting a roadmap or a version would take
published versions. Each app names the records it keeps (`kept_record_register` in its
admin.py): a delete in the admin that would remove one of them, directly or through a cascade,
is refused with the list of what is in the way (Django's "protected related objects" page, for
the delete view and the bulk action alike). Such a record is retired through its workflow
instead (unpublished, superseded, archived), which the audit log records.

A record is kept when its rule says so (e.g. published) or when the audit log holds an entry
about it.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.admin.utils import NestedObjects
from django.contrib.contenttypes.models import ContentType
from django.db import models, router
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from wsis.models import AuditEntry

# model → the rule that keeps one of its records regardless of the audit log
_KEPT: dict[type[models.Model], Callable[[models.Model], bool]] = {}


def kept_record_register(
    model: type[models.Model], rule: Callable[[models.Model], bool] = lambda record: False
) -> None:
    """Keeps `model`'s records that have an audit trail, or for which `rule` is true."""
    _KEPT[model] = rule


def kept_records(objs, *, using: str) -> list[str]:
    """What of `objs` and everything their deletion would cascade to must be kept, described
    for the admin's page."""
    collector = NestedObjects(using=using)
    collector.collect(objs)
    kept: list[str] = []
    for model, instances in collector.data.items():
        rule = _KEPT.get(model)
        if rule is None or not instances:
            continue
        audited = set(
            AuditEntry.objects.filter(
                content_type=ContentType.objects.get_for_model(model),
                object_id__in=[str(instance.pk) for instance in instances],
            ).values_list("object_id", flat=True)
        )
        for instance in instances:
            if rule(instance):
                why = _("published")
            elif str(instance.pk) in audited:
                why = _("in the audit log")
            else:
                continue
            kept.append(f"{capfirst(model._meta.verbose_name)}: {instance} ({why})")
    return kept


class KeptRecordsAdminMixin:
    """A ModelAdmin whose deletes never take a kept record with them."""

    def get_deleted_objects(self, objs, request):
        deleted, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        kept = kept_records(objs, using=router.db_for_write(self.model))
        return deleted, model_count, perms_needed, [*protected, *kept]
