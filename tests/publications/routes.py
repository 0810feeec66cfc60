"""Route-matrix rows of the publications (see tests/route_matrix.py): the published report, the
published Success Stories, the combined roadmaps document (and the comparison of two of its
versions) and their downloads are public; a
version's preview and the comparison of two versions are the secretariat's; a certificate is for
the winning organisation's verified members and the secretariat."""

import datetime as dt

from publications import services
from publications.models import StocktakingReport, SuccessStoriesBook
from stocktaking.prizes.enums import PrizeEntryStatus
from tests.factories import secretariat_user
from tests.route_matrix import Route, expect

SECRETARIAT_ONLY = {"GET": expect(403, anonymous=302, secretariat=200), "POST": expect(405)}

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


def _winner(world):
    """The owner organisation's winner of the 2031 contest (with an image), and a champion; made
    once per world (the accessibility suite opens every row in one world)."""
    from stocktaking.prizes.models import Contest
    from tests.prizes.factories import ContestFactory, PrizeEntryFactory
    from tests.stocktaking.test_media import with_image

    contest = Contest.objects.filter(year=2031).first()
    if contest is not None:
        return contest.entries.get(organisation=world.owner_org)
    contest = ContestFactory(year=2031)
    winner = PrizeEntryFactory(
        contest=contest, organisation=world.owner_org, status=PrizeEntryStatus.WINNER
    )
    with_image(winner.stocktaking_entry)
    PrizeEntryFactory(contest=contest, status=PrizeEntryStatus.CHAMPION)
    return winner


def _stories(world, publish: bool = True, versions: int = 1) -> tuple[int, int]:
    """The 2031 book with at least `versions` compiled versions, the first published unless
    `publish` is false; returns the year and the winner's story id."""
    winner = _winner(world)
    book, _created = SuccessStoriesBook.objects.get_or_create(
        contest=winner.contest, defaults={"year": 2031, "title": "WSIS Prizes 2031 Success Stories"}
    )
    while book.versions.count() < versions:
        version = services.success_stories_compile(book=book)
        if publish and version.number == 1:
            services.success_stories_version_publish(version=version, by=secretariat_user())
    return 2031, winner.pk


def _roadmaps(world) -> int:
    """C2's roadmap published from the project's sample, compiled into the combined document."""
    from roadmaps.enums import VersionStatus
    from roadmaps.models import RoadmapVersion
    from roadmaps.services import roadmap_import, roadmap_version_transition
    from tests.roadmaps.helpers import read_sample

    secretariat = secretariat_user()
    versions = RoadmapVersion.objects.filter(roadmap__action_line=world.action_line)
    if not versions.filter(status=VersionStatus.PUBLISHED).exists():
        roadmap_import(text=read_sample("minimal.txt"), by=secretariat)
        for version in versions.filter(status=VersionStatus.DRAFT):
            roadmap_version_transition(version=version, to=VersionStatus.SUBMITTED, by=secretariat)
            roadmap_version_transition(version=version, to=VersionStatus.PUBLISHED, by=secretariat)
    return services.roadmaps_document_compile()[0].number


ROUTES = (
    Route("open_data:index", lambda w: "/open-data/", READ_ONLY),
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
        SECRETARIAT_ONLY,
    ),
    Route(
        "publications:report_compare",
        lambda w: (
            f"/publications/stocktaking-reports/{_report(w, publish=False)}/versions/1/compare/1/"
        ),
        SECRETARIAT_ONLY,
    ),
    Route("publications:stories_list", lambda w: "/publications/success-stories/", READ_ONLY),
    Route(
        "publications:stories",
        lambda w: f"/publications/success-stories/{_stories(w)[0]}/",
        READ_ONLY,
    ),
    Route(
        "publications:stories_docx",
        lambda w: f"/publications/success-stories/{_stories(w)[0]}/stories.docx",
        READ_ONLY,
    ),
    Route(
        "publications:stories_pdf",
        lambda w: f"/publications/success-stories/{_stories(w)[0]}/stories.pdf",
        READ_ONLY,
    ),
    Route(
        "publications:stories_version",
        lambda w: f"/publications/success-stories/{_stories(w, publish=False)[0]}/versions/1/",
        SECRETARIAT_ONLY,
    ),
    Route(
        "publications:stories_compare",
        lambda w: (
            f"/publications/success-stories/{_stories(w, versions=2)[0]}/versions/1/compare/2/"
        ),
        SECRETARIAT_ONLY,
    ),
    Route(
        "publications:stories_image",
        lambda w: "/publications/success-stories/{}/versions/1/images/{}/".format(*_stories(w)),
        READ_ONLY,
    ),
    Route(
        "publications:certificate_list",
        lambda w: "/publications/certificates/",
        {"GET": expect(200, anonymous=302), "POST": expect(405)},
    ),
    Route(
        "publications:certificate",
        lambda w: f"/publications/certificates/{_winner(w).pk}.pdf",
        {
            "GET": expect(403, anonymous=302, owner=200, secretariat=200),
            "POST": expect(405),
        },
    ),
    Route(
        "publications:roadmaps", lambda w: (_roadmaps(w), "/publications/roadmaps/")[1], READ_ONLY
    ),
    Route(
        "publications:roadmaps_version",
        lambda w: f"/publications/roadmaps/v{_roadmaps(w)}/",
        READ_ONLY,
    ),
    Route(
        "publications:roadmaps_compare",
        lambda w: "/publications/roadmaps/v{0}/compare/v{0}/".format(_roadmaps(w)),
        READ_ONLY,
    ),
    Route(
        "publications:roadmaps_docx",
        lambda w: f"/publications/roadmaps/v{_roadmaps(w)}/roadmaps.docx",
        READ_ONLY,
    ),
    Route(
        "publications:roadmaps_pdf",
        lambda w: f"/publications/roadmaps/v{_roadmaps(w)}/roadmaps.pdf",
        READ_ONLY,
    ),
)
