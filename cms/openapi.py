"""The portal's OpenAPI schema describes its own API: Wagtail's admin endpoints (under
/cms-admin/, for the editor's own use) are left out."""


def exclude_wagtail_admin(endpoints, **kwargs):
    return [endpoint for endpoint in endpoints if not endpoint[0].startswith("/cms-admin/")]
