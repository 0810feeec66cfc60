"""The route matrix of the CMS's pages, which all answer to one URL name (`wagtail_serve`, whose
row in tests/cms/routes.py is one page): every page type and sub-page, with every block, in
English and in Arabic, for every role of the matrix: public pages read by all, writes refused."""

import pytest
from django.test import Client

from cms.models import PolicyDocumentPage
from tests.cms.builders import (
    document_library,
    every_block_page,
    home_page,
    news_index,
    news_page,
    policy_document,
    publish,
    translate,
)
from tests.route_matrix import ROLES, build_world

pytestmark = pytest.mark.django_db

LIVE_BLOCKS = [
    {"type": "hero", "value": {"heading": "WSIS", "text": "Open to all.", "image": None,
                               "links": [{"label": "About", "page": None, "url": "/about/"}]}},
    {"type": "calls_to_action", "value": {"heading": "Now"}},
    {"type": "figures", "value": {"heading": "Figures"}},
    {"type": "latest_entries", "value": {"heading": "Entries", "count": 4}},
    {"type": "upcoming_sessions", "value": {"heading": "Sessions", "count": 4}},
    {"type": "latest_outcomes", "value": {"heading": "Outcomes", "count": 4}},
    {"type": "latest_news", "value": {"heading": "News", "count": 4}},
    {"type": "featured", "value": {"heading": "Featured", "items": [
        {"title": "Roadmaps", "text": "Plans.", "image": None,
         "link": {"label": "Read", "page": None, "url": "/roadmaps/"}}]}},
    {"type": "paragraph", "value": "<p>Welcome.</p>"},
]  # fmt: skip


def _tree() -> list[str]:
    home = home_page()
    home.body = LIVE_BLOCKS
    publish(home)
    translate(home, "ar", {"WSIS": "القمة"})
    page = every_block_page()
    index = news_index()
    item = news_page(index, title="Forum dates")
    library = document_library()
    document = policy_document(
        library,
        body=[
            {"type": "heading", "value": {"number": "1", "text": "Scope", "level": "2"}},
            {"type": "paragraph", "value": {"number": "1.1", "text": "<p>The text.</p>"}},
            {"type": "annex", "value": {"number": "1", "title": "Declarations"}},
        ],
    )
    assert isinstance(document, PolicyDocumentPage)
    return [
        "/",
        page.url,
        index.url,
        index.url + "feed/",
        item.url,
        library.url,
        document.url,
        document.url + "print/",
        document.url + "pdf/",
    ]


@pytest.mark.parametrize("language", ["en", "ar"])
def test_every_cms_page_type_answers_every_role(language):
    world = build_world()
    paths = [path if language == "en" else f"/ar{path}" for path in _tree()]
    mismatches = []
    for role in ROLES:
        client = Client()
        if world.users[role] is not None:
            client.force_login(world.users[role])
        for path in paths:
            answer = client.get(path)
            if answer.status_code != 200:
                mismatches.append(f"GET {path} as {role}: {answer.status_code}")
            elif not path.endswith(("feed/", "pdf/")):
                lang = 'lang="ar" dir="rtl"' if language == "ar" else 'lang="en" dir="ltr"'
                if f"<html {lang}>" not in answer.content.decode():
                    mismatches.append(f"GET {path} as {role}: not in {language}")
            if client.post(path).status_code != 405:
                mismatches.append(f"POST {path} as {role}: not refused")
    assert mismatches == []
