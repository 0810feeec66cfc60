"""The WSIS Prizes Success Stories: compiled from a contest's winners and champions into versions
that keep their data and images, reviewed and published by the secretariat, read and downloaded
by everyone; the certificates of winners and champions, for their organisations' members."""

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from docx import Document
from PIL import Image
from pypdf import PdfReader

from publications import services
from publications.diffing import stories_versions_diff
from publications.enums import ReportVersionStatus
from publications.models import SuccessStoriesBook
from publications.tasks import task_success_stories_compile
from stocktaking.prizes.enums import PrizeEntryStatus
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory, secretariat_user
from tests.prizes.factories import ContestFactory, PrizeEntryFactory
from tests.query_counts import MAX_QUERIES, uncached_queries
from wsis.models import AuditEntry

pytestmark = pytest.mark.django_db
YEAR = 2031


def _png(colour: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), colour).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def contest():
    return ContestFactory(year=YEAR)


def _result(contest, number: int, status: str, title: str, **kwargs):
    return PrizeEntryFactory(
        contest=contest,
        category=contest.categories.get(number=number),
        status=status,
        title=title,
        **kwargs,
    )


@pytest.fixture
def book(contest, media):
    kenya = OrganisationFactory(name="Kenya ICT Board", country="KE")
    winner = _result(
        contest,
        2,
        PrizeEntryStatus.WINNER,
        "Rural towers",
        organisation=kenya,
        description="Towers for villages.",
        impact="Forty villages online.",
    )
    winner.stocktaking_entry.image.save("tower.png", ContentFile(_png("blue")))
    _result(contest, 2, PrizeEntryStatus.CHAMPION, "A champion of C2")
    _result(contest, 1, PrizeEntryStatus.CHAMPION, "A champion of C1")
    _result(contest, 1, PrizeEntryStatus.FINALIST, "Only a finalist")
    _result(contest, 5, PrizeEntryStatus.NOMINEE, "Only a nominee")
    return SuccessStoriesBook.objects.create(
        contest=contest,
        year=YEAR,
        title=f"WSIS Prizes {YEAR} Success Stories",
        introduction="Stories of the projects that won.",
    )


def test_a_version_holds_the_winners_and_champions_per_category_in_order(book):
    version = services.success_stories_compile(book=book, by=secretariat_user())

    content = version.content
    assert (version.number, version.status, version.story_count) == (1, "draft", 3)
    assert [
        (category["number"], [(s["title"], s["status"]) for s in category["stories"]])
        for category in content["categories"]
    ] == [
        (1, [("A champion of C1", "champion")]),
        (2, [("Rural towers", "winner"), ("A champion of C2", "champion")]),
    ]
    story = content["categories"][1]["stories"][0]
    assert {k: story[k] for k in ("organisation", "country", "description", "results")} == {
        "organisation": "Kenya ICT Board",
        "country": "Kenya",
        "description": "Towers for villages.",
        "results": "Forty villages online.",
    }
    assert story["image"]["type"] == "image/png"
    assert content["introduction"] == "Stories of the projects that won."
    assert "Only a finalist" not in str(content)
    assert AuditEntry.objects.filter(action="publications_stories.compile").count() == 1


def test_a_published_version_keeps_its_image_and_stories_when_the_entry_changes(book, client):
    secretariat = secretariat_user()
    first = services.success_stories_version_publish(
        version=services.success_stories_compile(book=book, by=secretariat), by=secretariat
    )
    prize = book.contest.entries.get(title="Rural towers")
    prize.stocktaking_entry.image.save("tower2.png", ContentFile(_png("red")))
    prize.title = "Rural towers, renamed"
    prize.save()
    second = services.success_stories_compile(book=book, by=secretariat)

    first.refresh_from_db()
    assert "Rural towers, renamed" not in str(first.content)
    old = client.get(f"/publications/success-stories/{YEAR}/versions/1/images/{prize.pk}/")
    assert Image.open(io.BytesIO(old.content)).getpixel((0, 0)) == (0, 0, 255)
    diff = stories_versions_diff(first, second)
    assert [(i.label, i.added, i.removed, i.changed) for i in diff.items] == [
        ("Stories", (), (), (f"{prize.category.name}: Rural towers, renamed (Kenya ICT Board)",))
    ]


def test_publishing_goes_through_the_workflow_and_supersedes(
    book, client, django_capture_on_commit_callbacks
):
    secretariat = secretariat_user()
    assert client.get(f"/publications/success-stories/{YEAR}/").status_code == 404
    first = services.success_stories_version_publish(
        version=services.success_stories_compile(book=book, by=secretariat), by=secretariat
    )
    cached = client.get(f"/publications/success-stories/{YEAR}/").content.decode()
    assert "Version 1: 3 winners and champions." in cached
    with django_capture_on_commit_callbacks(execute=True):
        second = services.success_stories_version_publish(
            version=services.success_stories_compile(book=book, by=secretariat), by=secretariat
        )
    first.refresh_from_db()
    assert (first.status, second.status) == (
        ReportVersionStatus.SUPERSEDED,
        ReportVersionStatus.PUBLISHED,
    )
    assert list(
        AuditEntry.objects.filter(action__startswith="publications_stories_version.")
        .order_by("pk")
        .values_list("action", flat=True)
    ) == [
        "publications_stories_version.approve",
        "publications_stories_version.supersede",
        "publications_stories_version.approve",
    ]
    page = client.get(f"/publications/success-stories/{YEAR}/").content.decode()
    assert "Version 2: 3 winners and champions." in page
    with pytest.raises(ValidationError):
        services.success_stories_version_publish(version=second, by=secretariat)
    with pytest.raises(PermissionDenied):
        services.success_stories_version_publish(
            version=services.success_stories_compile(book=book), by=UserFactory(verified=True)
        )


def test_a_contest_without_results_is_refused_and_nothing_written(media):
    contest = ContestFactory(year=YEAR + 1)
    PrizeEntryFactory(contest=contest, status=PrizeEntryStatus.NOMINEE)
    book = SuccessStoriesBook.objects.create(contest=contest, year=YEAR + 1, title="Empty")
    with pytest.raises(ValidationError) as error:
        services.success_stories_compile(book=book)
    assert error.value.messages == [f"The contest {YEAR + 1} has no winners or champions yet."]
    assert book.versions.count() == 0


def test_the_compile_task_makes_a_version(book):
    secretariat = secretariat_user()
    assert task_success_stories_compile.delay(book.pk, secretariat.pk).get() == 1
    assert book.versions.get().created_by == secretariat


def test_the_downloads_open_and_hold_every_part(book, client):
    secretariat = secretariat_user()
    services.success_stories_version_publish(
        version=services.success_stories_compile(book=book, by=secretariat), by=secretariat
    )
    page = client.get(f"/publications/success-stories/{YEAR}/").content.decode()
    docx = client.get(f"/publications/success-stories/{YEAR}/stories.docx")
    word = Document(io.BytesIO(docx.content))
    text = "\n".join(p.text for p in word.paragraphs)
    pdf = client.get(f"/publications/success-stories/{YEAR}/stories.pdf")
    reader = PdfReader(io.BytesIO(pdf.content))
    pdf_text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    category = book.contest.categories.get(number=2).name
    for part in (
        f"WSIS Prizes {YEAR} Success Stories",
        "Introduction",
        "Stories of the projects that won.",
        f"Category 2: {category}",
        "Rural towers",
        "Kenya ICT Board",
        "Kenya",
        "Towers for villages.",
        "Forty villages online.",
        "A champion of C1",
    ):
        assert part in page, part
        assert part in text, part
        assert part in pdf_text, part
    assert page.count("WSIS Prize winner") == 1
    assert page.count("WSIS Prize champion") == 2
    for part in ("Winner · Kenya ICT Board · Kenya", "Champion"):
        assert part in text, part
        assert part in pdf_text, part
    assert len(word.inline_shapes) == 1
    assert sum(len(page.images) for page in reader.pages) == 1


def test_a_description_written_in_the_editor_is_plain_text_in_the_book_and_its_downloads(
    book, client
):
    prize = book.contest.entries.get(title="Rural towers")
    prize.description = (
        "<p>Towers for <strong>villages</strong> &amp; schools<script>alert(1)</script></p>"
        "<ul><li>40 villages</li><li>12 schools</li></ul>"
    )
    prize.save()
    secretariat = secretariat_user()
    version = services.success_stories_version_publish(
        version=services.success_stories_compile(book=book, by=secretariat), by=secretariat
    )
    story = version.content["categories"][1]["stories"][0]
    assert story["description"] == "Towers for villages & schools\n• 40 villages\n• 12 schools"
    page = client.get(f"/publications/success-stories/{YEAR}/").content.decode()
    assert "<p>Towers for villages &amp; schools<br>• 40 villages<br>• 12 schools</p>" in page
    word = Document(
        io.BytesIO(client.get(f"/publications/success-stories/{YEAR}/stories.docx").content)
    )
    text = "\n".join(p.text for p in word.paragraphs)
    reader = PdfReader(
        io.BytesIO(client.get(f"/publications/success-stories/{YEAR}/stories.pdf").content)
    )
    pdf_text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert "Towers for villages & schools\n• 40 villages\n• 12 schools" in text
    assert "Towers for villages & schools • 40 villages • 12 schools" in pdf_text
    for shown in (page, text, pdf_text):
        assert "<strong>" not in shown
        assert "&lt;" not in shown
        assert "alert(1)" not in shown


def test_a_draft_and_its_images_are_the_secretariats_only(book, client):
    version = services.success_stories_compile(book=book)
    story = version.content["categories"][1]["stories"][0]["id"]
    preview = f"/publications/success-stories/{YEAR}/versions/1/"
    image = f"{preview}images/{story}/"
    assert client.get(preview).status_code == 302
    assert client.get(image).status_code == 404
    client.force_login(UserFactory(verified=True))
    assert client.get(preview).status_code == 403
    assert client.get(image).status_code == 404
    client.force_login(secretariat_user())
    assert "Preview of version 1 (Draft)." in client.get(preview).content.decode()
    assert client.get(image)["Content-Type"] == "image/png"


def test_story_pages_make_as_many_queries_for_one_story_as_for_many(contest, media, client):
    secretariat = secretariat_user()
    _result(contest, 1, PrizeEntryStatus.WINNER, "The first winner")
    book = SuccessStoriesBook.objects.create(contest=contest, year=YEAR, title="Stories")
    services.success_stories_version_publish(
        version=services.success_stories_compile(book=book, by=secretariat), by=secretariat
    )
    urls = ("/publications/success-stories/", f"/publications/success-stories/{YEAR}/")
    one = [uncached_queries(client, url) for url in urls]
    for number in range(2, 8):
        _result(contest, number, PrizeEntryStatus.WINNER, f"Winner {number}")
    services.success_stories_version_publish(
        version=services.success_stories_compile(book=book, by=secretariat), by=secretariat
    )
    many = [uncached_queries(client, url) for url in urls]
    assert one == many
    assert max(many) <= MAX_QUERIES


# --- Certificates ---


@pytest.fixture
def certificate_world(contest):
    winner_org = OrganisationFactory(name="Winning Org")
    member = MembershipFactory(organisation=winner_org, user=UserFactory(verified=True)).user
    unverified = MembershipFactory(organisation=winner_org, user=UserFactory(verified=False)).user
    outsider = MembershipFactory(user=UserFactory(verified=True)).user
    winner = _result(
        contest, 3, PrizeEntryStatus.WINNER, "Certified project", organisation=winner_org
    )
    finalist = _result(
        contest, 4, PrizeEntryStatus.FINALIST, "Not certified", organisation=winner_org
    )
    users = {
        "anonymous": None,
        "member": member,
        "unverified_member": unverified,
        "other_organisation": outsider,
        "secretariat": secretariat_user(),
    }
    return winner, finalist, users


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", 302),
        ("member", 200),
        ("unverified_member", 403),
        ("other_organisation", 403),
        ("secretariat", 200),
    ],
)
def test_a_certificate_is_for_the_organisations_members_and_the_secretariat(
    client, certificate_world, role, expected
):
    winner, _finalist, users = certificate_world
    if users[role] is not None:
        client.force_login(users[role])
    response = client.get(f"/publications/certificates/{winner.pk}.pdf")
    assert response.status_code == expected
    if expected == 200:
        text = " ".join(PdfReader(io.BytesIO(response.content)).pages[0].extract_text().split())
        for part in (
            "Certificate: WSIS Prize winner",
            "Winning Org",
            "Certified project",
            f"WSIS Prizes {YEAR}",
        ):
            assert part in text, part
        assert "no-store" in response["Cache-Control"]


def test_an_entry_that_did_not_win_has_no_certificate(client, certificate_world):
    _winner, finalist, users = certificate_world
    client.force_login(users["member"])
    assert client.get(f"/publications/certificates/{finalist.pk}.pdf").status_code == 404


def test_the_certificate_list_shows_ones_own_organisations_only(client, certificate_world):
    winner, _finalist, users = certificate_world
    client.force_login(users["member"])
    page = client.get("/publications/certificates/").content.decode()
    assert f"/publications/certificates/{winner.pk}.pdf" in page
    client.force_login(users["other_organisation"])
    page = client.get("/publications/certificates/").content.decode()
    assert "Certified project" not in page
    assert "None of your organisations has won a WSIS Prize or been a champion yet." in page
