"""The stakeholder's pages: enter a project, see the rules' messages by field, edit, submit."""

import pytest
from django.utils import timezone

from stocktaking.prizes.enums import Phase
from stocktaking.prizes.models import PrizeEntry
from tests.factories import MembershipFactory
from tests.prizes.factories import DESCRIPTION, ContestFactory, StocktakingEntryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting():
    member = MembershipFactory().user
    organisation = member.memberships.get().organisation
    contest = ContestFactory(in_phase=Phase.ENTRIES_OPEN, at=timezone.now())
    project = StocktakingEntryFactory(organisation=organisation)
    return member, organisation, contest, project


def form_data(organisation, contest, project, **changes):
    data = {
        "organisation": organisation.pk,
        "category": contest.categories.get(number=2).pk,
        "stocktaking_entry": project.pk,
        "title": "Digital villages",
        "description": DESCRIPTION,
        "impact": "Impact.",
        "partnerships": "Partners.",
        "action_line_link": "C2.",
        "challenges": "Challenges.",
        "future_plans": "Plans.",
        "sdgs": [4],
    }
    data.update(changes)
    return data


def test_enter_edit_and_submit_a_project(client, setting):
    member, organisation, contest, project = setting
    client.force_login(member)
    url = f"/prizes/{contest.year}/enter/"
    assert client.get(url).status_code == 200
    response = client.post(url, form_data(organisation, contest, project))
    entry = PrizeEntry.objects.get()
    assert response.url == f"/prizes/entries/{entry.pk}/"
    response = client.post(
        f"/prizes/entries/{entry.pk}/edit/",
        form_data(organisation, contest, project, title="Digital villages 2", lock_version=1),
    )
    assert response.status_code == 302
    stale = client.post(
        f"/prizes/entries/{entry.pk}/edit/",
        form_data(organisation, contest, project, title="Stale", lock_version=1),
    )
    # The portal's one answer to a stale writer: 409, the typed text kept (wsis.locking).
    assert (stale.status_code, stale.context["form"]["title"].value()) == (409, "Stale")
    assert (
        "Someone else changed this entry meanwhile; reload it and apply your changes again."
        in stale.content.decode()
    )
    client.post(f"/prizes/entries/{entry.pk}/submit/")
    entry.refresh_from_db()
    assert (entry.title, entry.status) == ("Digital villages 2", "submitted")
    assert client.get("/prizes/my-entries/").context["entries"][0] == entry


def test_rule_messages_are_shown_next_to_their_fields(client, setting):
    member, organisation, contest, project = setting
    client.force_login(member)
    url = f"/prizes/{contest.year}/enter/"
    client.post(url, form_data(organisation, contest, project))
    response = client.post(url, form_data(organisation, contest, project, description="Too short."))
    form = response.context["form"]
    assert form.errors == {
        "category": [
            (
                "Your organisation already has an entry in the category “Information and "
                "communication infrastructure” of this contest."
            )
        ],
        "description": ["The description must have 150 to 200 words; it has 2."],
    }
    assert PrizeEntry.objects.count() == 1


def test_entering_after_the_deadline_shows_the_deadline(client):
    member = MembershipFactory().user
    organisation = member.memberships.get().organisation
    contest = ContestFactory(in_phase=Phase.ELIGIBILITY_CHECK, at=timezone.now())
    project = StocktakingEntryFactory(organisation=organisation)
    client.force_login(member)
    response = client.post(
        f"/prizes/{contest.year}/enter/", form_data(organisation, contest, project)
    )
    # Issue 17: no form after the deadline; the page says it is closed and when it closed.
    assert response.status_code == 403
    assert "form" not in response.context
    assert f"Entries for the {contest.title} closed on " in " ".join(
        response.content.decode().split()
    )
    assert PrizeEntry.objects.count() == 0


def test_the_description_is_written_in_the_editor_and_its_words_counted_not_its_tags(
    client, setting
):
    member, organisation, contest, project = setting
    client.force_login(member)
    url = f"/prizes/{contest.year}/enter/"
    page = client.get(url).content.decode()
    # The editor, its word counter and its script (under the page's CSP nonce).
    assert 'data-rich-text=""' in page
    assert 'data-word-limit="200"' in page
    assert "js/editor.js" in page
    assert 'name="trix-csp-nonce"' in page
    # 100 words in the editor's paragraphs and list: too few, counted as words, not tags.
    items = "".join(f"<li>item {n}</li>" for n in range(25))
    too_short = f"<div>{' '.join(['word'] * 50)}</div><ul>{items}</ul>"
    response = client.post(url, form_data(organisation, contest, project, description=too_short))
    assert response.context["form"].errors == {
        "description": ["The description must have 150 to 200 words; it has 100."]
    }
    # The typed HTML is shown again as typed, for the editor to load.
    assert response.context["form"]["description"].value() == too_short
    enough = f"<div>{' '.join(['word'] * 110)}<br><em>{' '.join(['more'] * 50)}</em></div>"
    response = client.post(url, form_data(organisation, contest, project, description=enough))
    assert response.status_code == 302
    assert PrizeEntry.objects.get().description == (
        f"<p>{' '.join(['word'] * 110)}<br><em>{' '.join(['more'] * 50)}</em></p>"
    )
