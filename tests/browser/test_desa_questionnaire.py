"""The secretariat's journey with a UN DESA questionnaire answer in the admin: the answer's
prose, then its check and the changes since the previous year (screenshots at 1,280 and 390 px
in tests/browser/screenshots/)."""

from pathlib import Path

import pytest

from events.importers.services import questionnaire_import
from events.models import Event, QuestionnaireAnswer
from tests.browser.conftest import sign_in_as
from tests.factories import OrganisationFactory, secretariat_user

SAMPLE = Path(__file__).resolve().parents[1] / "events" / "samples" / "questionnaire_sample.txt"
SHOTS = Path(__file__).resolve().parent / "screenshots"

pytestmark = pytest.mark.django_db(transaction=True)


def test_secretariat_checks_an_answer_against_last_year(page, live_server):
    eta = OrganisationFactory(name="Example Telecommunication Agency", slug="eta")
    text = SAMPLE.read_text(encoding="utf-8")
    questionnaire_import(
        text=text.replace("Year of submission: 2024", "Year of submission: 2023"), organisation=eta
    )
    questionnaire_import(text=text.replace("three-year plan", "four-year plan"), organisation=eta)
    Event.objects.filter(name="Open webinar series on data governance").update(description="")
    answer = QuestionnaireAnswer.objects.get(year=2024)
    sign_in_as(page, secretariat_user(), live_server.url)
    page.goto(f"{live_server.url}/admin/events/questionnaireanswer/{answer.pk}/change/")
    page.get_by_role("link", name="Check and changes since last year").click()
    assert page.get_by_role("heading", name="Changes since the previous answer").is_visible()
    assert page.get_by_text("no description").is_visible()
    diff = page.locator("pre.questionnaire-diff").inner_text().splitlines()
    assert [line for line in diff if line[:1] in "+-" and line[:3] not in ("+++", "---")][:2] == [
        "-The Council of the Agency adopted a three-year plan in its spring session.",
        "+The Council of the Agency adopted a four-year plan in its spring session.",
    ]
    SHOTS.mkdir(exist_ok=True)
    for device, width in (("desktop", 1280), ("phone", 390)):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(SHOTS / f"desa-questionnaire-check-{device}.png"), full_page=True)
