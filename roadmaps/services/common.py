"""What the writes of a roadmap share: a clause's fields, who may edit a version, whether it may
still be edited, a clause's texts cleaned and the next version number."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Max
from django.utils.translation import gettext as _

from roadmaps.enums import (
    CLAUSE_TEXT_FIELDS,
    EDITABLE_STATES,
)
from roadmaps.models import Roadmap, RoadmapVersion
from roadmaps.rules import is_roadmap_editor
from roadmaps.sanitising import sanitise_html
from wsis.models import User

CLAUSE_FIELD_NAMES = tuple(name for name, _heading in CLAUSE_TEXT_FIELDS)
CLAUSE_FIELDS = ("label", *CLAUSE_FIELD_NAMES)


def _next_number(roadmap: Roadmap) -> int:
    return (roadmap.versions.aggregate(number=Max("number"))["number"] or 0) + 1


def _check_editor(user: User, obj: Any) -> None:
    if not is_roadmap_editor(user, obj):
        raise PermissionDenied(_("Only the facilitators of this Action Line and the secretariat."))


def _check_editable(version: RoadmapVersion) -> None:
    if version.status not in EDITABLE_STATES:
        raise ValidationError(
            _("Version %(number)s is “%(status)s” and can no longer be edited.")
            % {"number": version.number, "status": version.get_status_display()},
            code="not_editable",
        )


def _clean_texts(values: dict[str, str]) -> dict[str, str]:
    cleaned = {name: sanitise_html(values.get(name, "")) for name in CLAUSE_FIELD_NAMES}
    cleaned["label"] = " ".join((values.get("label") or "").split())[:10]
    return cleaned
