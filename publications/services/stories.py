"""The WSIS Prizes Success Stories: compiling a version from a contest's winners and champions,
publishing one. Audited; compiling and publishing invalidate the public pages of the books."""

from __future__ import annotations

import hashlib
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.translation import gettext as _

from publications.models import SuccessStoriesBook, SuccessStoriesVersion
from publications.services.versions import next_version_number, publication_version_publish
from publications.workflow import STORIES_VERSION_WORKFLOW
from stocktaking.prizes.enums import RESULT_STATES, PrizeEntryStatus
from stocktaking.prizes.models import PrizeEntry
from wsis.rich_text import long_text_plain
from wsis.services import audit_record

# Where the images of compiled books are kept, named by their content's digest: a version keeps
# the image it was compiled with even when the entry's image changes later.
STORY_IMAGE_FOLDER = "publications/success-stories"
STORY_IMAGE_TYPES = {"png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg"}


def _story_image(prize_entry: PrizeEntry) -> dict[str, str] | None:
    """Copies the entry's image beside the book (once per content) and describes it."""
    image = prize_entry.stocktaking_entry.image
    extension = image.name.rsplit(".", 1)[-1].lower() if image and "." in image.name else ""
    if extension not in STORY_IMAGE_TYPES:
        return None
    try:
        with image.open("rb") as stored:
            content = stored.read()
    except FileNotFoundError:
        return None
    digest = hashlib.sha256(content).hexdigest()
    name = f"{STORY_IMAGE_FOLDER}/{digest}.{extension}"
    if not default_storage.exists(name):
        name = default_storage.save(name, ContentFile(content))
    return {
        "name": name,
        "digest": digest,
        "type": STORY_IMAGE_TYPES[extension],
        "description": _("Image of the project “%(title)s”") % {"title": prize_entry.title},
    }


def success_stories_snapshot(book: SuccessStoriesBook) -> dict[str, Any]:
    """Everything a version shows, read now: per category in the categories' order, its winners
    then its champions, each with the story from the prize entry (title, organisation, country,
    description, image, results)."""
    results = (
        PrizeEntry.objects.filter(contest_id=book.contest_id, status__in=RESULT_STATES)
        .select_related("organisation", "category__action_line", "stocktaking_entry")
        .prefetch_related("stocktaking_entry__countries", "sdgs")
        .order_by("category__number", "title", "pk")
    )
    categories: dict[int, dict[str, Any]] = {}
    for prize in sorted(results, key=lambda p: (p.category.number, p.status != "winner")):
        category = categories.setdefault(
            prize.category.number,
            {"number": prize.category.number, "name": prize.category.name, "stories": []},
        )
        countries = [c.country.name for c in prize.stocktaking_entry.countries.all()]
        if not countries and prize.organisation.country:
            countries = [prize.organisation.country.name]
        category["stories"].append(
            {
                "id": prize.pk,
                "category": prize.category.name,
                "status": prize.status,
                "result": prize.get_status_display(),
                "title": prize.title,
                "organisation": prize.organisation.name,
                "country": ", ".join(countries),
                # Plain text for the page, the Word and PDF books and the comparisons of
                # versions, whether the entry's description was written with the editor or not.
                "description": long_text_plain(prize.description),
                "results": prize.impact,
                "sdgs": [sdg.number for sdg in prize.sdgs.all()],
                "image": _story_image(prize),
                "url": prize.get_absolute_url(),
            }
        )
    stories = [story for category in categories.values() for story in category["stories"]]
    return {
        "title": book.title,
        "year": book.year,
        "introduction": book.introduction,
        "total": len(stories),
        "winners": sum(story["status"] == PrizeEntryStatus.WINNER for story in stories),
        "categories": list(categories.values()),
    }


def success_stories_compile(*, book: SuccessStoriesBook, by: Any = None) -> SuccessStoriesVersion:
    """Compiles a new draft version (1, 2, …) from the contest's winners and champions as they
    are now; earlier versions keep their data and images. Refused (ValidationError, nothing
    written) while the contest has no winner or champion. Audited."""
    content = success_stories_snapshot(book)
    if not content["total"]:
        raise ValidationError(
            _("The contest %(year)s has no winners or champions yet.") % {"year": book.year}
        )
    with transaction.atomic():
        version = SuccessStoriesVersion.objects.create(
            book=book,
            number=next_version_number(SuccessStoriesVersion.objects.filter(book=book)),
            content=content,
            story_count=content["total"],
            created_by=by if getattr(by, "is_authenticated", False) else None,
        )
        audit_record(
            actor=by, action="publications_stories.compile", obj=book,
            after={"version": version.number, "stories": version.story_count},
        )  # fmt: skip
    return version


def success_stories_version_publish(
    *, version: SuccessStoriesVersion, by: Any
) -> SuccessStoriesVersion:
    """Publishes a draft version through the workflow table; the version published before it is
    superseded. Audited; the public pages show it at once."""
    return publication_version_publish(
        version=version, parent_field="book", workflow=STORIES_VERSION_WORKFLOW, by=by
    )
