from celery import shared_task

from publications import services
from publications.models import StocktakingReport
from wsis.models import User


@shared_task
def task_report_compile(report_id: int, by_id: int | None = None) -> int:
    """Compiles a new version of the report; returns its number."""
    report = StocktakingReport.objects.get(pk=report_id)
    by = User.objects.filter(pk=by_id).first() if by_id else None
    return services.report_compile(report=report, by=by).number
