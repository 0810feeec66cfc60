"""Celery tasks of the publications: thin wrappers that load by id and call a service."""

from celery import shared_task

from publications import services
from publications.models import RoadmapsDocument, StocktakingReport, SuccessStoriesBook
from wsis.models import User


def _user(by_id: int | None) -> User | None:
    return User.objects.filter(pk=by_id).first() if by_id else None


@shared_task
def task_report_compile(report_id: int, by_id: int | None = None) -> int:
    """Compiles a new version of the report; returns its number."""
    report = StocktakingReport.objects.get(pk=report_id)
    return services.report_compile(report=report, by=_user(by_id)).number


@shared_task
def task_success_stories_compile(book_id: int, by_id: int | None = None) -> int:
    """Compiles a new version of the Success Stories book; returns its number."""
    book = SuccessStoriesBook.objects.get(pk=book_id)
    return services.success_stories_compile(book=book, by=_user(by_id)).number


@shared_task
def task_roadmaps_document_compile(document_id: int | None = None, by_id: int | None = None) -> int:
    """Compiles the combined roadmaps document (a new version only when a roadmap or the
    introduction changed); returns the number of its latest version."""
    document = RoadmapsDocument.objects.get(pk=document_id) if document_id else None
    version, _created = services.roadmaps_document_compile(document=document, by=_user(by_id))
    return version.number


@shared_task
def task_open_data_build(by_id: int | None = None) -> int:
    """Builds this year's open-data archive (yearly from the beat schedule, or when the
    secretariat asks); returns its id."""
    return services.open_data_build(by=_user(by_id)).pk
