"""Under production settings every kind of response carries the security headers."""

import json
import subprocess
import sys

import pytest
from django.conf import settings

from tests.conftest import FIGURES
from tests.wsis.test_settings import PRODUCTION_ENV, ROOT, clean_environment

PROBE = """
import json, django
django.setup()
from django.core.management import call_command
from django.test import Client
call_command("collectstatic", "--noinput", verbosity=0)
client = Client(SERVER_NAME="wsis.example.org")
out = {}
for path in ("/accounts/login/", "/api/schema/", "/healthz"):
    response = client.get(path, secure=True)
    out[path] = {
        "status": response.status_code,
        "headers": {key.lower(): value for key, value in response.headers.items()},
        "cookies": {
            name: {
                "secure": bool(c["secure"]),
                "samesite": c["samesite"],
                "httponly": bool(c["httponly"]),
            }
            for name, c in response.cookies.items()
        },
    }
out["plain_http"] = client.get("/accounts/login/").status_code
print(json.dumps(out))
"""


@pytest.fixture(scope="module")
def probe(tmp_path_factory) -> dict:
    static_root = tmp_path_factory.mktemp("static")
    env = clean_environment(
        PRODUCTION_ENV
        | {"DJANGO_SETTINGS_MODULE": "wsis.settings", "STATIC_ROOT": str(static_root)}
    )
    result = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    return json.loads(result.stdout)


def test_security_headers_on_html_api_and_json_responses(probe):
    assert probe["plain_http"] == 301
    for path in ("/accounts/login/", "/api/schema/", "/healthz"):
        headers = probe[path]["headers"]
        assert probe[path]["status"] == 200, path
        assert (
            headers["strict-transport-security"] == "max-age=31536000; includeSubDomains; preload"
        )
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "same-origin"
        assert headers["x-frame-options"] == "DENY"
        directives = (
            part.strip().partition(" ") for part in headers["content-security-policy"].split(";")
        )
        policy = {name: value for name, _space, value in directives}
        assert policy["script-src"] == "'self'"
        assert policy["frame-ancestors"] == "'none'"
        assert policy["default-src"] == "'self'"
        assert "unsafe-inline" not in headers["content-security-policy"]


def test_csrf_cookie_secure_and_samesite_in_production(probe):
    cookies = probe["/accounts/login/"]["cookies"]
    assert cookies["csrftoken"] == {"secure": True, "samesite": "Lax", "httponly": False}


FILE_PROBE = """
import json, sys, django
django.setup()
from django.core.management import call_command
from django.test import Client
from wsis.models import User
call_command("collectstatic", "--noinput", verbosity=0)
paths, email = json.loads(sys.argv[1]), sys.argv[2]
user = User.objects.get(email=email)
user.set_password("a long enough production password")
user.save(update_fields=["password"])
client = Client(SERVER_NAME="wsis.example.org")
out = {}
for path in paths:
    response = client.get(path, secure=True)
    out[path] = {
        "status": response.status_code,
        "headers": {key.lower(): value for key, value in response.headers.items()},
    }
signed_in = client.post(
    "/accounts/login/",
    {"login": email, "password": "a long enough production password"},
    secure=True,
)
out["sign_in"] = {
    "status": signed_in.status_code,
    "cookies": {
        name: {
            "secure": bool(c["secure"]),
            "samesite": c["samesite"],
            "httponly": bool(c["httponly"]),
        }
        for name, c in signed_in.cookies.items()
    },
}
print(json.dumps(out))
"""


def _file_paths() -> list[str]:
    """A public stocktaking attachment, a published roadmap's DOCX and PDF, a Forum Outcome
    Document's PDF: the files the portal serves from its own views."""
    from roadmaps.enums import VersionStatus
    from tests.events.factories import EventFactory, ForumOutcomeVersionFactory
    from tests.roadmaps.factories import RoadmapFactory, version_with_clauses
    from tests.stocktaking.factories import EntryAttachmentFactory, EntryFactory

    attachment = EntryAttachmentFactory(entry=EntryFactory(status="approved"))
    version = version_with_clauses(status=VersionStatus.PUBLISHED, roadmap=RoadmapFactory())
    forum = ForumOutcomeVersionFactory(event=EventFactory(), major=1, minor=2)
    return [
        f"/stocktaking/attachments/{attachment.pk}/",
        f"/roadmaps/c2/versions/{version.number}/download.docx",
        f"/roadmaps/c2/versions/{version.number}/download.pdf",
        f"/events/{forum.event.slug}/outcome-document/v1.2/download.pdf",
    ]


@pytest.fixture
def file_probe(transactional_db, settings, tmp_path) -> dict:
    """The production settings in a separate process, reading the rows this test committed to
    the test database and the files it stored in a shared MEDIA_ROOT."""
    from django.db import connection

    from tests.factories import UserFactory

    settings.MEDIA_ROOT = str(tmp_path / "media")
    paths = _file_paths()
    user = UserFactory(verified=True)
    db = connection.settings_dict
    env = clean_environment(
        PRODUCTION_ENV
        | {
            "DJANGO_SETTINGS_MODULE": "wsis.settings",
            "STATIC_ROOT": str(tmp_path / "static"),
            "MEDIA_ROOT": settings.MEDIA_ROOT,
            "DATABASE_URL": (
                f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
                f"/{db['NAME']}"
            ),
            "REDIS_URL": settings.CACHES["default"].get("LOCATION") or PRODUCTION_ENV["REDIS_URL"],
        }
    )
    result = subprocess.run(
        [sys.executable, "-c", FILE_PROBE, json.dumps(paths), user.email],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return {"paths": paths, **json.loads(result.stdout)}


@pytest.mark.postgres
@pytest.mark.skipif(
    not settings.IS_POSTGRESQL,
    reason="the production process reads the test's rows, which needs a database server",
)
def test_security_headers_on_file_downloads_and_httponly_session(file_probe):
    for path in file_probe["paths"]:
        answer = file_probe[path]
        headers = answer["headers"]
        assert answer["status"] == 200, path
        assert headers["content-disposition"].startswith("attachment; filename="), path
        assert (
            headers["strict-transport-security"] == "max-age=31536000; includeSubDomains; preload"
        )
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "same-origin"
        assert headers["x-frame-options"] == "DENY"
        assert "frame-ancestors 'none'" in headers["content-security-policy"].split("; ")
        assert "unsafe-inline" not in headers["content-security-policy"]
    sign_in = file_probe["sign_in"]
    assert sign_in["status"] == 302
    assert sign_in["cookies"]["sessionid"] == {"secure": True, "samesite": "Lax", "httponly": True}
    FIGURES["security headers"] = (
        f"3 page/API/JSON responses and {len(file_probe['paths'])} file downloads under "
        "production settings; session cookie Secure, HttpOnly, SameSite=Lax"
    )
