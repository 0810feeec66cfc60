"""Charts drawn on the server: prize votes over time for the secretariat and outcome documents
per Action Line, each an SVG with its figures as a table, in the portal's CSS colours."""

import datetime as dt
import re

import pytest

from events.enums import OutcomeStatus
from stocktaking.prizes.enums import PrizeEntryStatus
from tests.events.factories import OutcomeDocumentFactory, SessionFactory
from tests.factories import secretariat_user
from tests.prizes.factories import PrizeEntryFactory, VoteFactory
from wsis.charts import columns
from wsis.models import ActionLine

pytestmark = pytest.mark.django_db

DAY = dt.datetime(2026, 3, 2, 10, tzinfo=dt.UTC)


def test_columns_scale_to_the_largest_value_and_keep_the_order():
    chart, size = columns([("Mon", 2), ("Tue", 0), ("Wed", 4)])
    assert [(c.x, c.y, c.height) for c in chart] == [
        (0, 50.0, 50.0),
        (12, 100.0, 0.0),
        (24, 0.0, 100.0),
    ]
    assert size == {"width": 34, "height": 100, "largest": 4, "first": "Mon", "last": "Wed"}
    assert columns([]) == ([], {"width": 10, "height": 100, "largest": 0, "first": "", "last": ""})


def test_votes_over_time_count_each_day_and_leave_quarantined_votes_out(client):
    nominee = PrizeEntryFactory(status=PrizeEntryStatus.NOMINEE)
    for when, quarantined in (
        (DAY, False),
        (DAY + dt.timedelta(hours=3), False),
        (DAY + dt.timedelta(days=2), False),
        (DAY + dt.timedelta(days=2), True),
    ):
        VoteFactory(entry=nominee, created_at=when, quarantined=quarantined)
    client.force_login(secretariat_user())

    page = client.get(f"/prizes/{nominee.contest.year}/manage/votes/").content.decode()

    figure = re.search(r'<figure class="column-chart">.*?</figure>', page, re.S).group(0)
    assert 'role="img" aria-labelledby="votes-per-day-caption"' in figure
    assert re.findall(r'<td class="numeric">(\d+)</td>', figure) == ["2", "0", "1"]
    assert re.findall(r'height="([\d.]+)"><title>', figure) == ["100.0", "0.0", "50.0"]
    assert "style=" not in figure


def test_votes_over_time_is_for_the_secretariat_only(client):
    nominee = PrizeEntryFactory(status=PrizeEntryStatus.NOMINEE)
    VoteFactory(entry=nominee, created_at=DAY)
    assert client.get(f"/prizes/{nominee.contest.year}/manage/votes/").status_code == 302


def test_outcome_list_charts_published_documents_per_action_line(client):
    c2, c5 = ActionLine.objects.get(code="C2"), ActionLine.objects.get(code="C5")
    for lines, status in (
        ([c2, c5], OutcomeStatus.PUBLISHED),
        ([c2], OutcomeStatus.PUBLISHED),
        ([c5], OutcomeStatus.DRAFT),
    ):
        session = SessionFactory()
        session.action_lines.set(lines)
        OutcomeDocumentFactory(session=session, status=status)

    page = client.get("/events/outcomes/").content.decode()

    chart = re.search(r'<table class="bar-chart">.*?</table>', page, re.S).group(0)
    rows = dict(
        re.findall(r'<a href="\?action_line=(C\d+)">.*?<td class="numeric">(\d+)</td>', chart)
    )
    assert rows["C2"] == "2"
    assert rows["C5"] == "1"
    assert rows["C1"] == "0"


def test_bars_scale_to_the_largest_value_and_share_the_total():
    from wsis.charts import Bar, bars

    assert bars([("C2", 3, "/stocktaking/?action_line=c2"), ("C5", 1)]) == [
        Bar(label="C2", value=3, width=100.0, share=75, href="/stocktaking/?action_line=c2"),
        Bar(label="C5", value=1, width=33.3, share=25, href=""),
    ]
    assert bars([("None yet", 0)]) == [Bar(label="None yet", value=0, width=0.0, share=0)]


def test_every_bar_chart_is_drawn_by_the_one_template():
    from pathlib import Path

    from django.conf import settings

    roots = [Path(settings.BASE_DIR)]
    drawn = [
        path.relative_to(roots[0]).as_posix()
        for path in roots[0].rglob("*.html")
        if ".venv" not in path.parts
        and "node_modules" not in path.parts
        and 'class="bar-chart"' in path.read_text(encoding="utf-8")
    ]
    assert drawn == ["templates/includes/bar_chart.html"]
