"""Route-matrix rows of WSIS Stocktaking (see tests/route_matrix.py).

The public database (list, exports, feed, approved entries) is open to everybody. Drafts and
everything about them belong to the verified members of the owning organisation (`owner`); for
everybody else, even the secretariat outside the admin and `unverified` (a member who never
confirmed the address), they do not exist: 404.
"""

from stocktaking.enums import EntryStatus
from tests.route_matrix import Route, expect
from tests.stocktaking.factories import EntryAttachmentFactory, EntryFactory

PUBLIC_PAGE = {"GET": expect(200), "POST": expect(405)}
# A signed-in page: anonymous people are sent to sign in.
SIGN_IN = 302
# Only the owner sees a draft; for every other role it does not exist.
OWNER_ONLY = expect(404, anonymous=SIGN_IN, owner=200)
POST_ONLY = expect(405, anonymous=SIGN_IN)
API_WRONG_METHOD = expect(405, anonymous=401)


def fixed(path: str):
    return lambda world: path


def _entry(world, status=EntryStatus.DRAFT):
    return EntryFactory(organisation=world.owner_org, status=status)


def _page(suffix: str, status=EntryStatus.DRAFT):
    return lambda world: f"/stocktaking/mine/{_entry(world, status).pk}/{suffix}"


def _api(suffix: str = "", status=EntryStatus.DRAFT):
    return lambda world: f"/api/v1/stocktaking/entries/{_entry(world, status).pk}/{suffix}"


def _detail(status):
    def path(world):
        entry = _entry(world, status)
        return f"/stocktaking/entries/{entry.pk}-{entry.slug}/"

    return path


def _image(world):
    from tests.stocktaking.test_media import with_image

    return with_image(_entry(world)).image.url


def _attachment(world):
    attachment = EntryAttachmentFactory(entry=_entry(world))
    return f"/stocktaking/attachments/{attachment.pk}/"


def _attachment_remove(world):
    attachment = EntryAttachmentFactory(entry=_entry(world))
    return f"/stocktaking/mine/{attachment.entry_id}/attachments/{attachment.pk}/remove/"


# A draft's owner actions in the API: the owner may, the secretariat sees it but may not.
API_OWNER_MOVE = {
    "POST": expect(404, anonymous=401, owner=200, secretariat=403),
    "GET": expect(405),
}
# A moderation decision on a submitted entry: secretariat only; the owner sees the entry.
API_DECISION = expect(404, anonymous=401, owner=403, secretariat=200)
# Request changes / reject without the required reason: refused with 400 for the secretariat.
API_DECISION_WITHOUT_REASON = expect(404, anonymous=401, owner=403, secretariat=400)
# A member of any organisation may write entries; people without one (or unverified) may not.
MAY_ADD = expect(200, anonymous=SIGN_IN, unverified=403, facilitator=403, secretariat=403)

ROUTES = (
    # --- the public database ------------------------------------------------------------------
    Route("stocktaking:list", fixed("/stocktaking/?sdg=9&q=broadband"), PUBLIC_PAGE),
    Route("stocktaking:export_csv", fixed("/stocktaking/export.csv?region=africa"), PUBLIC_PAGE),
    Route("stocktaking:export_json", fixed("/stocktaking/export.json?kind=project"), PUBLIC_PAGE),
    Route("stocktaking:feed", fixed("/stocktaking/feed/"), PUBLIC_PAGE),
    Route(
        "stocktaking:detail_short",
        lambda world: f"/stocktaking/entries/{_entry(world, EntryStatus.APPROVED).pk}/",
        {"GET": expect(301), "POST": expect(405)},
    ),
    # A draft's detail page: the owner (preview) and the secretariat; nobody else.
    Route(
        "stocktaking:detail",
        _detail(EntryStatus.DRAFT),
        {"GET": expect(404, owner=200, secretariat=200), "POST": expect(405)},
    ),
    Route(
        "stocktaking:attachment",
        _attachment,
        {"GET": expect(404, owner=200, secretariat=200), "POST": expect(405)},
    ),
    # A draft's image: as its detail page (a published entry's image is public).
    Route(
        "entry_image",
        _image,
        {"GET": expect(404, owner=200, secretariat=200), "POST": expect(405)},
    ),
    # --- stakeholders' pages -------------------------------------------------------------------
    Route(
        "stocktaking:mine",
        fixed("/stocktaking/mine/"),
        {"GET": expect(200, anonymous=SIGN_IN), "POST": POST_ONLY},
    ),
    # An empty form POST fails validation (200 with errors) and creates nothing.
    Route("stocktaking:create", fixed("/stocktaking/mine/new/"), {"GET": MAY_ADD, "POST": MAY_ADD}),
    Route("stocktaking:mine_detail", _page(""), {"GET": OWNER_ONLY, "POST": POST_ONLY}),
    Route("stocktaking:edit", _page("edit/"), {"GET": OWNER_ONLY, "POST": OWNER_ONLY}),
    # Moves redirect back to the owner's page (with a message when refused).
    Route(
        "stocktaking:submit",
        _page("submit/"),
        {"POST": expect(404, anonymous=SIGN_IN, owner=302), "GET": POST_ONLY},
    ),
    Route(
        "stocktaking:withdraw",
        _page("withdraw/"),
        {"POST": expect(404, anonymous=SIGN_IN, owner=302), "GET": POST_ONLY},
    ),
    Route(
        "stocktaking:revise",
        _page("revise/", EntryStatus.APPROVED),
        {"POST": expect(404, anonymous=SIGN_IN, owner=302), "GET": POST_ONLY},
    ),
    # An empty upload is refused with 400 and the form's errors.
    Route(
        "stocktaking:attachment_add",
        _page("attachments/"),
        {"POST": expect(404, anonymous=SIGN_IN, owner=400), "GET": POST_ONLY},
    ),
    # An empty translation is refused with 400 and the form's errors.
    Route(
        "stocktaking:translation_edit",
        _page("translation/"),
        {"GET": OWNER_ONLY, "POST": expect(404, anonymous=SIGN_IN, owner=400)},
    ),
    Route(
        "stocktaking:translation_remove",
        _page("translation/fr/remove/"),
        {"POST": expect(404, anonymous=SIGN_IN, owner=302), "GET": POST_ONLY},
    ),
    # The owner removes an attachment of a draft and is sent back to the entry.
    Route(
        "stocktaking:attachment_remove",
        _attachment_remove,
        {"POST": expect(404, anonymous=SIGN_IN, owner=302), "GET": POST_ONLY},
    ),
    # --- the API -------------------------------------------------------------------------------
    Route(
        "stocktaking-entry-list",
        fixed("/api/v1/stocktaking/entries/?sdg=9"),
        {"GET": expect(200), "POST": expect(400, anonymous=401)},
    ),
    Route(
        "stocktaking-entry-detail",
        _api(),
        {
            "GET": expect(404, owner=200, secretariat=200),
            # The matrix sends an empty body without a content type: 415 for the owner (the API
            # reads JSON or forms); tests/stocktaking/test_api.py covers real changes.
            "PATCH": expect(404, anonymous=401, owner=415, secretariat=403),
            "PUT": API_WRONG_METHOD,
            "POST": API_WRONG_METHOD,
            "DELETE": API_WRONG_METHOD,
        },
    ),
    Route("stocktaking-entry-submit", _api("submit/"), API_OWNER_MOVE),
    Route("stocktaking-entry-withdraw", _api("withdraw/"), API_OWNER_MOVE),
    Route(
        "stocktaking-entry-revise",
        _api("revise/", EntryStatus.APPROVED),
        {
            # A published entry is public: other roles see it but may not revise it.
            "POST": expect(403, anonymous=401, owner=201),
            "GET": expect(405),
        },
    ),
    Route(
        "stocktaking-entry-approve",
        _api("approve/", EntryStatus.SUBMITTED),
        {"POST": API_DECISION, "GET": expect(405)},
    ),
    Route(
        "stocktaking-entry-request-changes",
        _api("request-changes/", EntryStatus.SUBMITTED),
        {"POST": API_DECISION_WITHOUT_REASON, "GET": expect(405)},
    ),
    Route(
        "stocktaking-entry-reject",
        _api("reject/", EntryStatus.SUBMITTED),
        {"POST": API_DECISION_WITHOUT_REASON, "GET": expect(405)},
    ),
)
