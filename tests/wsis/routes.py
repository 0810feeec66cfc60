"""Route-matrix rows of the shared core (see tests/route_matrix.py)."""

from tests.route_matrix import Route, expect
from wsis.models import ApiToken, MembershipInvitation


def invitation_for(world, role: str) -> MembershipInvitation:
    return MembershipInvitation.objects.create(
        organisation=world.owner_org,
        email=world.users[role].email,
        invited_by=world.users["owner"],
    )


def api_token_for(user) -> ApiToken:
    token, _key = ApiToken.objects.create(user=user, name="Route matrix")
    return token


def fixed(path: str):
    return lambda world: path


def _reference(name: str, path: str) -> Route:
    return Route(
        name,
        fixed(path),
        {"GET": expect(200), "POST": expect(405, anonymous=401)},
    )


ROUTES = (
    Route("home", fixed("/"), {"GET": expect(200), "POST": expect(405)}),
    Route("healthz", fixed("/healthz"), {"GET": expect(200), "POST": expect(405)}),
    Route("readyz", fixed("/readyz"), {"GET": expect(200), "POST": expect(405)}),
    # GET only redirects; POST sets the language cookie and redirects.
    Route("set_language", fixed("/i18n/setlang/"), {"GET": expect(302), "POST": expect(302)}),
    # django-allauth: signed-in people are sent away from the entrance pages, anonymous ones
    # from the account pages.
    Route(
        "account_login",
        fixed("/accounts/login/"),
        {"GET": expect(302, anonymous=200), "POST": expect(302, anonymous=200)},
    ),
    Route(
        "account_logout",
        fixed("/accounts/logout/"),
        {"GET": expect(200, anonymous=302), "POST": expect(302)},
    ),
    Route(
        "account_inactive", fixed("/accounts/inactive/"), {"GET": expect(200), "POST": expect(405)}
    ),
    Route(
        "account_signup",
        fixed("/accounts/signup/"),
        {"GET": expect(302, anonymous=200), "POST": expect(302, anonymous=200)},
    ),
    Route(
        "account_reauthenticate",
        fixed("/accounts/reauthenticate/"),
        {"GET": expect(200, anonymous=302), "POST": expect(200, anonymous=302)},
    ),
    Route(
        "account_email",
        fixed("/accounts/email/"),
        {"GET": expect(200, anonymous=302), "POST": expect(302)},
    ),
    Route(
        "account_email_verification_sent",
        fixed("/accounts/confirm-email/"),
        {"GET": expect(200), "POST": expect(405)},
    ),
    Route(
        "account_change_password",
        fixed("/accounts/password/change/"),
        {"GET": expect(200, anonymous=302), "POST": expect(200, anonymous=302)},
    ),
    # Everybody here has a password already: "set" sends them to "change" (or to sign in).
    Route(
        "account_set_password",
        fixed("/accounts/password/set/"),
        {"GET": expect(302), "POST": expect(302)},
    ),
    Route(
        "account_reset_password",
        fixed("/accounts/password/reset/"),
        {"GET": expect(200), "POST": expect(200)},
    ),
    # Sign-in by code is not enabled: the page sends everybody back.
    Route(
        "account_confirm_login_code",
        fixed("/accounts/login/code/confirm/"),
        {"GET": expect(302), "POST": expect(302)},
    ),
    # A key that does not exist: a page saying so, and nothing to confirm.
    Route(
        "account_confirm_email",
        fixed("/accounts/confirm-email/no-such-key/"),
        {"GET": expect(200), "POST": expect(404)},
    ),
    Route(
        "account_reset_password_from_key_done",
        fixed("/accounts/password/reset/key/done/"),
        {"GET": expect(200), "POST": expect(405)},
    ),
    Route(
        "account_reset_password_from_key",
        fixed("/accounts/password/reset/key/1-no-such-key/"),
        {"GET": expect(200), "POST": expect(200)},
    ),
    Route(
        "account_reset_password_done",
        fixed("/accounts/password/reset/done/"),
        {"GET": expect(200), "POST": expect(405)},
    ),
    Route(
        "profile",
        fixed("/accounts/profile/"),
        {"GET": expect(200, anonymous=302), "POST": expect(200, anonymous=302)},
    ),
    # Creating an organisation needs a confirmed address (else: sent to the e-mail page).
    Route(
        "organisation_create",
        fixed("/organisations/new/"),
        {
            "GET": expect(200, anonymous=302, unverified=302),
            "POST": expect(200, anonymous=302, unverified=302),
        },
    ),
    # Members see their organisation; others get 404; only the contact (and staff) add members.
    Route(
        "organisation_detail",
        lambda world: f"/organisations/{world.owner_org.slug}/",
        {
            "GET": expect(404, anonymous=302, unverified=200, owner=200, secretariat=200),
            "POST": expect(404, anonymous=302, owner=200, secretariat=200),
        },
    ),
    # API tokens: every signed-in person sees theirs; making one needs a confirmed address.
    Route(
        "api_tokens",
        fixed("/accounts/tokens/"),
        {"GET": expect(200, anonymous=302), "POST": expect(200, anonymous=302, unverified=404)},
    ),
    # Revoked by the owner or the secretariat; for anybody else the token does not exist.
    Route(
        "api_token_revoke",
        lambda world: f"/accounts/tokens/{api_token_for(world.users['owner']).public_id}/revoke/",
        {
            "GET": expect(405, anonymous=302),
            "POST": expect(404, anonymous=302, owner=302, secretariat=302),
        },
    ),
    # Invitations waiting for the person; answering one is for its invitee only (here `other`,
    # invited to owner_org): for everybody else it does not exist.
    Route(
        "invitations",
        fixed("/invitations/"),
        {"GET": expect(200, anonymous=302), "POST": expect(405, anonymous=302)},
    ),
    Route(
        "invitation_move",
        lambda world: f"/invitations/{invitation_for(world, 'other').public_id}/accept/",
        {"GET": expect(405, anonymous=302), "POST": expect(404, anonymous=302, other=302)},
    ),
    Route("api-root", fixed("/api/v1/"), {"GET": expect(200), "POST": expect(405, anonymous=401)}),
    Route("api-schema", fixed("/api/schema/"), {"GET": expect(200), "POST": expect(405)}),
    Route("api-docs", fixed("/api/docs/"), {"GET": expect(200), "POST": expect(405)}),
    _reference("action-line-list", "/api/v1/reference/action-lines/"),
    _reference("action-line-detail", "/api/v1/reference/action-lines/c2/"),
    _reference("sdg-list", "/api/v1/reference/sdgs/"),
    _reference("sdg-detail", "/api/v1/reference/sdgs/4/"),
    _reference("gdc-objective-list", "/api/v1/reference/gdc-objectives/"),
    _reference("gdc-objective-detail", "/api/v1/reference/gdc-objectives/1/"),
    _reference("stakeholder-type-list", "/api/v1/reference/stakeholder-types/"),
    _reference("stakeholder-type-detail", "/api/v1/reference/stakeholder-types/academia/"),
    _reference("region-list", "/api/v1/reference/regions/"),
    _reference("region-detail", "/api/v1/reference/regions/africa/"),
    _reference("country-list", "/api/v1/reference/countries/"),
    _reference("country-detail", "/api/v1/reference/countries/EG/"),
)
