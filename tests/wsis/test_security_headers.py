"""Under production settings every kind of response carries the security headers."""

import json
import subprocess
import sys

import pytest

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
