"""Route-matrix rows of the content management (see tests/route_matrix.py). The Wagtail admin
is checked per role in tests/cms/test_admin_access.py."""

from django.utils import timezone

from cms.models import NewsSubscription
from tests.cms.builders import every_block_page
from tests.factories import UserFactory
from tests.route_matrix import Route, expect


def fixed(path: str):
    return lambda world: path


def _page(world) -> str:
    # A page with every block, in Arabic (the English page under the Arabic prefix); every
    # page type in English and Arabic is in tests/cms/test_page_types.py.
    return "/ar" + every_block_page().url


def _unsubscribe(world) -> str:
    subscription = NewsSubscription.objects.create(
        user=UserFactory(verified=True),
        consented_at=timezone.now(),
        consent_text="I agree.",
    )
    return f"/news/unsubscribe/{subscription.token}/"


ROUTES = (
    # The image library's files outside production (the local "public" storage): a file that
    # does not exist is a 404 for everyone; only GET.
    Route(
        "public_media",
        fixed("/media/public/original_images/none.png"),
        {"GET": expect(404), "POST": expect(405)},
    ),
    Route("wagtail_serve", _page, {"GET": expect(200), "POST": expect(405)}),
    Route("cms:search", fixed("/search/?q=forum"), {"GET": expect(200), "POST": expect(405)}),
    # Signed-in, verified people subscribe; the others are sent to sign in or to confirm first.
    Route(
        "cms:news_subscribe",
        fixed("/news/subscription/"),
        {
            "GET": expect(200, anonymous=302, unverified=302),
            # An empty POST: the form again, asking for the consent.
            "POST": expect(200, anonymous=302, unverified=302),
        },
    ),
    # The link of every mail works without signing in.
    Route("cms:news_unsubscribe", _unsubscribe, {"GET": expect(200), "POST": expect(200)}),
    Route("cms_admin_login", fixed("/cms-admin/login/"), {"GET": expect(302), "POST": expect(405)}),
    # A missing document (the download itself, a streamed file, is in tests/cms/test_public.py).
    Route("wagtaildocs_serve", fixed("/documents/999999/agenda.txt"), {"GET": expect(404)}),
    # No such restriction: there is nothing to unlock.
    Route(
        "wagtaildocs_authenticate_with_password",
        fixed("/documents/authenticate_with_password/999999/"),
        {"GET": expect(404), "POST": expect(404)},
    ),
    Route("wagtailcore_login", fixed("/_util/login/"), {"GET": expect(302), "POST": expect(405)}),
    # No such restriction or page.
    Route(
        "wagtailcore_authenticate_with_password",
        fixed("/_util/authenticate_with_password/999999/999999/"),
        {"GET": expect(404), "POST": expect(404)},
    ),
    Route("sitemap", fixed("/sitemap.xml"), {"GET": expect(200), "POST": expect(405)}),
    Route(
        "sitemap_section", fixed("/sitemap-pages.xml"), {"GET": expect(200), "POST": expect(405)}
    ),
    Route("robots_txt", fixed("/robots.txt"), {"GET": expect(200), "POST": expect(405)}),
)
