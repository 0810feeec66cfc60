"""GOV.UK-style forms: an error summary linking to the fields, labels without colons, optional
fields marked, no "---------", word counters and the countries' type-ahead (progressive)."""

import re

import pytest
from django.urls import reverse

from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def stakeholder(client):
    client.force_login(MembershipFactory(user__password=None).user)
    return client


def test_entry_form_labels_have_no_colons_and_optional_fields_say_so(stakeholder):
    page = stakeholder.get(reverse("stocktaking:create")).content.decode()
    assert '<label for="id_title">Title</label>' in page
    assert '<label for="id_website">Website <span class="optional">(optional)</span></label>' in (
        page
    )
    assert ":</label>" not in page
    assert "---------" not in page
    assert '<option value="" selected>Choose one</option>' in page


def test_entry_form_has_a_word_counter_and_a_countries_type_ahead(stakeholder):
    page = stakeholder.get(reverse("stocktaking:create")).content.decode()
    summary = re.search(r"<textarea[^>]*name=\"summary\"[^>]*>", page)[0]
    assert 'data-word-limit="150"' in summary
    assert 'data-word-count-template="%(count)s of %(limit)s words"' in summary
    countries = re.search(r"<select[^>]*name=\"countries\"[^>]*>(.*?)</select>", page, re.S)
    assert "data-combobox" in countries[0]
    names = re.findall(r">([^<]+)</option>", countries[1])
    assert names[:3] == ["Afghanistan", "Albania", "Algeria"]


def test_an_invalid_form_starts_with_an_error_summary_linking_to_each_field(stakeholder):
    page = stakeholder.post(reverse("stocktaking:create"), {"title": ""}).content.decode()
    summary = re.search(r'<div class="error-summary".*?</div>', page, re.S)[0]
    assert '<h2 id="error-summary-title">There is a problem</h2>' in summary
    assert '<a href="#id_title">This field is required.</a>' in summary
    assert page.index("error-summary") < page.index('<label for="id_title">')
    assert 'aria-describedby="id_title_error" id="id_title"' in page
    assert '<ul class="errorlist" id="id_title_error">' in page
