"""`seed_demo` (what `make run` prints): a short summary, no mail bodies, no broker warning, and
demo entries whose titles agree with the countries they cover."""

import io
import logging

import pytest
from django.conf import settings
from django.core.management import call_command

from stocktaking.demo import PLACES
from stocktaking.enums import Coverage
from stocktaking.models import Entry

pytestmark = pytest.mark.django_db


@pytest.mark.skipif(not settings.CELERY_TASK_ALWAYS_EAGER, reason="mails go to the worker")
@pytest.mark.django_db(transaction=True)
def test_seed_demo_prints_a_summary_and_no_mail_or_broker_warning(caplog):
    output = io.StringIO()
    with caplog.at_level(logging.WARNING):
        call_command("seed_demo", stdout=output)
    lines = output.getvalue().splitlines()
    assert len(lines) <= 10  # a line or two per part of the demo, never the mails
    assert not any(line.startswith("Subject:") for line in lines)
    assert lines[-1].startswith("Demo mails: ")
    assert int(lines[-1].split()[2]) > 50
    assert [
        record.getMessage() for record in caplog.records if record.levelno >= logging.WARNING
    ] == []


def test_demo_entries_cover_the_country_their_title_names():
    call_command("seed_demo", stdout=io.StringIO())
    codes = dict(PLACES)
    # The English demo entries name their country ("… in Kenya"); the entries written in the
    # other UN languages name it in their own words.
    national = Entry.objects.filter(
        coverage=Coverage.NATIONAL, text_language="en"
    ).prefetch_related("countries")
    assert national.count() > 20
    for entry in national:
        place = entry.title.split(" in ", 1)[1].rsplit(" (", 1)[0]
        assert [country.country for country in entry.countries.all()] == [codes[place]], entry.title
