"""Route-matrix rows of the publications (see tests/route_matrix.py): the published report and its
downloads are public; a version's preview is the secretariat's."""

import datetime as dt

from publications import services
from publications.models import StocktakingReport
from tests.factories import secretariat_user
from tests.route_matrix import Route, expect

READ_ONLY = {"GET": expect(200), "POST": expect(405)}


def _report(world, publish: bool = True) -> int:
    """The 2030 report with a compiled version, published unless `publish` is false (rows of one
    world share it)."""
    report, _created = StocktakingReport.objects.get_or_create(
        year=2030,
        defaults={
            "title": "WSIS Stocktaking Report 2030",
            "period_start": dt.date(2030, 1, 1),
            "period_end": dt.date(2030, 12, 31),
        },
    )
    version = report.versions.order_by("number").first() or services.report_compile(report=report)
    if publish and version.status == "draft":
        services.report_version_publish(version=version, by=secretariat_user())
    return report.year


ROUTES = (
    Route("publications:report_list", lambda w: "/publications/stocktaking-reports/", READ_ONLY),
    Route(
        "publications:report",
        lambda w: f"/publications/stocktaking-reports/{_report(w)}/",
        READ_ONLY,
    ),
    Route(
        "publications:report_docx",
        lambda w: f"/publications/stocktaking-reports/{_report(w)}/report.docx",
        READ_ONLY,
    ),
    Route(
        "publications:report_pdf",
        lambda w: f"/publications/stocktaking-reports/{_report(w)}/report.pdf",
        READ_ONLY,
    ),
    Route(
        "publications:report_version",
        lambda w: f"/publications/stocktaking-reports/{_report(w, publish=False)}/versions/1/",
        {"GET": expect(403, anonymous=302, secretariat=200), "POST": expect(405)},
    ),
)
