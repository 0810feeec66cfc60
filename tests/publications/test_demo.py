"""`seed_demo` builds every publication for the demo: the Stocktaking Report, a Success Stories
book of the latest contest with results, the combined roadmaps document and a complete Forum
Outcome Document; run again, it builds nothing more."""

import io

import pytest
from django.core.management import call_command

from events.models import ForumOutcomeVersion
from publications.enums import ReportVersionStatus
from publications.models import ReportVersion, RoadmapsDocumentVersion, SuccessStoriesVersion
from stocktaking.prizes.models import Contest

pytestmark = pytest.mark.django_db


def test_seed_demo_builds_every_publication_once(client):
    call_command("seed_demo", stdout=io.StringIO())

    stories = SuccessStoriesVersion.objects.select_related("book").get()
    finished = Contest.objects.filter(entries__status="winner").order_by("-year").first()
    assert (stories.book.year, stories.status) == (finished.year, ReportVersionStatus.PUBLISHED)
    assert stories.story_count == finished.entries.filter(status__in=("winner", "champion")).count()
    roadmaps = RoadmapsDocumentVersion.objects.get()
    assert [c["code"] for c in roadmaps.content["chapters"]] == ["C2", "C4", "C5", "C6"]
    assert ReportVersion.objects.get().status == ReportVersionStatus.PUBLISHED
    forum = ForumOutcomeVersion.objects.get().content
    assert all(forum["front_matter"].values())
    assert forum["participation"]["sessions"] == 20
    for url in (
        f"/publications/success-stories/{stories.book.year}/",
        f"/publications/success-stories/{stories.book.year}/stories.pdf",
        "/publications/roadmaps/",
        f"/publications/roadmaps/v{roadmaps.number}/roadmaps.docx",
    ):
        assert client.get(url).status_code == 200, url

    call_command("seed_demo", stdout=io.StringIO())
    assert (SuccessStoriesVersion.objects.count(), RoadmapsDocumentVersion.objects.count()) == (
        1,
        1,
    )
