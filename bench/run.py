"""`make bench`: the portal's production-like stack on loopback, driven by wrk, on the scale data.

Migrates and seeds (seed_demo, then `seed_scale --profile full`; `--profile small` for a quick
run), prints EXPLAIN (ANALYZE, BUFFERS) of the slowest queries of the main pages, starts gunicorn
(DEBUG off, production settings, PostgreSQL, Redis cache), a Celery worker and an SMTP sink,
then runs every scenario of bench/scenarios.py with wrk at a fixed concurrency and reports
requests per second, p50/p95/p99 latency, the p95 of the server's own time, SQL queries per
request and the ratio to the floor measured in the same run, each judged against its target of
issue 7. Also times: importing the seed files (roadmaps, outcome, questionnaire) into a scratch
database with their peak memory, compiling the Forum Outcome Document of a 250-session forum,
and N notification mails through the worker to the sink (counted there: nothing lost, nothing
twice); and reads the peak memory of a gunicorn worker. Prints a Markdown table and saves
everything as JSON under bench/results/.

    python bench/run.py [--profile small|medium|full|million] [--concurrency 16]
                        [--duration 10] [--only NAME ...] [--mails 10000] [--skip-seed]
                        [--out PATH]
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import re
import secrets
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from dataclasses import asdict, replace
from datetime import UTC, datetime
from http.cookies import SimpleCookie
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.scenarios import FACILITATOR, MEMBER, SCENARIOS, VOTER, Scenario  # noqa: E402

PYTHON = str(ROOT / ".venv" / "bin" / "python")
HOST = "127.0.0.1"
# Several people may benchmark on one machine: each run can take its own ports.
PORT = int(os.environ.get("BENCH_PORT", "8765"))
SMTP_PORT = int(os.environ.get("BENCH_SMTP_PORT", "8725"))
BASE_URL = f"http://{HOST}:{PORT}"
DEMO_PASSWORD = "wsis-demo-2026"  # noqa: S105 - the documented demo password
WRK_THREADS = 2
SEEDS = ROOT.parent / "shared" / "seeds"
TARGET_TEXT = {
    "cached": "≥ 60% of floor",
    "filtered": "p95 < 150 ms",
    "search": "p95 < 150 ms, server p95 < 50 ms",
    "votes": "≥ 300/s, no error",
    "signed_in": "server p95 < 30 ms, ≤ 10 queries",
}
MAX_QUERIES = 10
# The profiles of `seed_scale` (wsis/scale.py PROFILES; tests/bench/test_curve.py keeps them equal).
PROFILE_NAMES = ("small", "medium", "full", "million")


def bench_environment() -> dict[str, str]:
    database = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/wsis_bench")
    return os.environ | {
        "DJANGO_ENV": "production",
        "DEBUG": "false",
        "SECRET_KEY": os.environ.get("BENCH_SECRET_KEY") or secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": HOST,
        "DATABASE_URL": database,
        "DB_CONN_MAX_AGE": "600",
        "REDIS_URL": os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/10"),
        "CELERY_BROKER_URL": os.environ.get("BENCH_BROKER_URL", "redis://127.0.0.1:6379/11"),
        "EMAIL_URL": f"smtp://127.0.0.1:{SMTP_PORT}",
        "SECURE_SSL_REDIRECT": "false",
        "BENCH_INSTRUMENTATION": "true",
        "API_THROTTLE_ANON": "100000000/minute",
        "API_THROTTLE_USER": "100000000/minute",
        # All benchmark votes come from one loopback address; the per-person limit stays.
        "PRIZES_VOTE_RATE_IP": "100000000/minute",
        "STATIC_ROOT": str(ROOT / "bench" / "results" / "static"),
        "LOG_LEVEL": "WARNING",
    }


def manage(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        sys.exit(f"manage.py {' '.join(args)[:200]} failed:\n{result.stderr[-4000:]}")
    return result.stdout


def shell(env: dict[str, str], script: str) -> dict:
    """Runs a Python script in `manage.py shell` and returns the JSON it prints last."""
    out = manage(env, "shell", "-c", script)
    return json.loads(out.strip().splitlines()[-1])


def _admin_url(url: str) -> tuple[str, str]:
    parsed = urllib.parse.urlparse(url)
    admin = f"postgres://{parsed.username or 'postgres'}@{parsed.hostname}:{parsed.port or 5432}"
    return admin + "/postgres", parsed.path.lstrip("/")


def ensure_database(url: str, *, fresh: bool = False) -> None:
    admin, name = _admin_url(url)
    if fresh:
        subprocess.run(["psql", admin, "-qc", f'DROP DATABASE IF EXISTS "{name}"'], check=True)
    exists = subprocess.run(
        ["psql", admin, "-tAc", f"SELECT 1 FROM pg_database WHERE datname='{name}'"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    if exists != "1":
        subprocess.run(["psql", admin, "-qc", f'CREATE DATABASE "{name}"'], check=True)


def wait_for(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 - loopback only
                return
        except OSError:
            time.sleep(0.25)
    sys.exit(f"{url} did not answer within {timeout} s")


def drain(limit: float = 600) -> float:
    """Waits until the web workers are idle again and returns how long that took. wrk stops
    waiting at the end of a scenario, but requests still queued or running (a page slower than
    wrk's timeout) keep the workers busy: the next scenario must not pay for them."""
    started = time.monotonic()
    while time.monotonic() - started < limit:
        asked = time.monotonic()
        try:
            with urllib.request.urlopen(f"{BASE_URL}/healthz", timeout=limit):  # noqa: S310
                pass
        except OSError:
            time.sleep(1)
            continue
        if time.monotonic() - asked < 0.5:
            break
    return round(time.monotonic() - started, 1)


def session_cookie(email: str) -> str:
    """Signs in through the real sign-in form and returns the Cookie header of that session.

    The cookies are Secure (production settings) and this runs over plain HTTP on loopback, so
    they are carried by hand rather than by a cookie jar that would rightly refuse them."""
    connection = http.client.HTTPConnection(HOST, PORT, timeout=30)
    connection.request("GET", "/accounts/login/")
    response = connection.getresponse()
    page = response.read().decode()
    cookies = _set_cookies(response)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]
    body = urllib.parse.urlencode(
        {"login": email, "password": DEMO_PASSWORD, "csrfmiddlewaretoken": token}
    )
    connection.request(
        "POST",
        "/accounts/login/",
        body=body,
        headers={
            "Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items()),
            "Content-Type": "application/x-www-form-urlencoded",
            "Referer": f"{BASE_URL}/accounts/login/",
        },
    )
    response = connection.getresponse()
    response.read()
    if response.status != 302:
        sys.exit(f"Signing in {email} for the benchmark failed with HTTP {response.status}")
    cookies |= _set_cookies(response)
    return "; ".join(f"{k}={v}" for k, v in cookies.items())


def _set_cookies(response: http.client.HTTPResponse) -> dict[str, str]:
    jar = SimpleCookie()
    for header in response.headers.get_all("Set-Cookie") or []:
        jar.load(header)
    return {name: morsel.value for name, morsel in jar.items()}


def query_count(
    scenario: Scenario, cookie: str, sample_vote: tuple[str, str] | None, *, marker: str = ""
) -> int | None:
    """The SQL queries of one request of the scenario. With a `marker`, the request carries it
    as a parameter no filter reads, so the page cache cannot answer: after the warm-up, that is
    what a page-cache miss costs once the per-generation caches (reference lists, facet counts)
    are warm; without one (before the warm-up), it is the first request's cost."""
    headers = {"Cookie": cookie} if cookie else {}
    data = None
    if scenario.voters and sample_vote:
        token, nominee = sample_vote
        headers = {"Authorization": f"Token {token}", "Content-Type": "application/json"}
        data = json.dumps({"nominee": int(nominee)}).encode()
    path = scenario.path
    if scenario.uncached or marker:
        path += ("&" if "?" in path else "?") + f"_bench=query-count{marker}"
    request = urllib.request.Request(  # noqa: S310 - loopback only
        BASE_URL + path, headers=headers, data=data, method=scenario.method
    )
    try:
        with urllib.request.urlopen(request, timeout=300) as response:  # noqa: S310
            value = response.headers.get("X-Query-Count")
    except urllib.error.HTTPError as error:
        print(f"  {scenario.name}: HTTP {error.code} on the query-count request", flush=True)
        value = error.headers.get("X-Query-Count")
    except OSError as error:  # a page slower than the timeout, or a worker killed meanwhile
        print(f"  {scenario.name}: no answer to the query-count request ({error})", flush=True)
        value = None
    return int(value) if value is not None else None


def run_wrk(
    scenario: Scenario, *, cookie: str, concurrency: int, duration: int, voters_file: str = ""
) -> dict:
    with tempfile.NamedTemporaryFile(suffix=".json") as report:
        env = os.environ | {
            "WRK_REPORT": report.name,
            "WRK_COOKIE": cookie,
            "WRK_METHOD": scenario.method if scenario.method != "GET" else "",
            "WRK_BODY": scenario.body,
            "WRK_VOTERS": voters_file,
            "WRK_THREADS": str(WRK_THREADS),
            "WRK_UNIQUE": "1" if scenario.uncached else "",
            # A fresh nonce per wrk run: the warm-up run must not fill the page cache for the
            # measured run's first URLs (each run would otherwise restart at _bench=<thread>-1).
            "WRK_NONCE": secrets.token_hex(6),
        }
        subprocess.run(
            [
                "wrk", "--threads", str(WRK_THREADS), "--connections", str(concurrency),
                "--duration", f"{duration}s", "--timeout", "10s",
                "--script", str(ROOT / "bench" / "report.lua"), BASE_URL + scenario.path,
            ],
            env=env, capture_output=True, text=True, check=True,
        )  # fmt: skip
        summary = json.loads(Path(report.name).read_text())
    seconds = summary["duration_us"] / 1e6
    return {
        "rps": round(summary["requests"] / seconds, 1),
        "p50_ms": round(summary["p50_us"] / 1000, 2),
        "p95_ms": round(summary["p95_us"] / 1000, 2),
        "p99_ms": round(summary["p99_us"] / 1000, 2),
        "server_p50_ms": summary["server_p50_ms"],
        "server_p95_ms": summary["server_p95_ms"],
        "requests": summary["requests"],
        "errors": summary["errors"],
        "statuses": summary["statuses"],
        "voters_exhausted": summary["voters_exhausted"],
    }


def peak_memory_kib(pid: int) -> int:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmHWM:\s+(\d+) kB", status)[1])


def child_pids(pid: int) -> list[int]:
    found = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True, check=False)
    return [int(child) for child in found.stdout.split()]


# --- Seeding and the objects the scenarios name ---


def seed(env: dict[str, str], profile: str) -> dict:
    timings = {}
    started = time.monotonic()
    manage(env, "seed_demo")
    timings["seed_demo_s"] = round(time.monotonic() - started, 1)
    started = time.monotonic()
    out = manage(env, "seed_scale", "--profile", profile)
    timings["seed_scale_s"] = round(time.monotonic() - started, 1)
    timings["seed_scale_parts"] = {
        match[1].strip(): float(match[2])
        for match in re.finditer(r"^\s+(.+?)\s+([\d.]+) s$", out, re.MULTILINE)
    }
    print(out, flush=True)
    return timings


TARGETS_SCRIPT = """
import json
from events.models import Event
from roadmaps.enums import VersionStatus
from roadmaps.models import RoadmapVersion
from stocktaking.enums import EntryStatus
from stocktaking.models import Entry
from stocktaking.prizes import scale as prize_scale
approved = Entry.objects.filter(
    status=EntryStatus.APPROVED, organisation__slug__startswith="scale-org-")
entry = approved.order_by("pk")[approved.count() // 2]
version = RoadmapVersion.objects.filter(status=VersionStatus.PUBLISHED).select_related(
    "roadmap__action_line").order_by("roadmap__action_line__position").first()
forum = Event.objects.filter(slug__startswith="scale-forum-").order_by("slug").first()
from cms.models import PolicyDocumentPage
document = PolicyDocumentPage.objects.live().filter(locale__language_code="en").first()
# Where the scenarios' voter votes: the category with the most nominees among those the voter
# has not voted in yet (so the page holds a vote form for each nominee).
from django.db.models import Count, Q
from stocktaking.prizes.enums import PUBLIC_STATES
from stocktaking.prizes.models import Category, Vote
voted = Vote.objects.filter(
    contest__year=prize_scale.YEAR, user__email="__VOTER__").values("category_id")
category = Category.objects.filter(contest__year=prize_scale.YEAR).exclude(
    pk__in=voted).annotate(nominees=Count("entries", filter=Q(entries__status__in=PUBLIC_STATES))
    ).order_by("-nominees", "number").first()
# A scale member's entry they can edit, the facilitator's open roadmap version, and the scale
# member whose organisations organise the most sessions (My WSIS of an organiser).
from stocktaking.enums import EDITABLE_STATES
from events.models import Session
editable = Entry.objects.filter(
    organisation__memberships__user__email="__MEMBER__", status__in=EDITABLE_STATES
).order_by("pk").first()
draft = RoadmapVersion.objects.filter(
    status__in=(VersionStatus.DRAFT, VersionStatus.RETURNED),
    roadmap__action_line__facilitator_assignments__user__email="__FACILITATOR__",
).select_related("roadmap__action_line").order_by("roadmap__action_line__position").first()
email = "organisation__memberships__user__email"
organiser = (
    Session.organisers.through.objects.filter(**{f"{email}__startswith": "scale-member-"})
    .values(email).annotate(sessions=Count("id")).order_by("-sessions", email)
    .values_list(email, flat=True).first()
)
print(json.dumps({
    "entry_edit_path": f"/stocktaking/mine/{editable.pk}/edit/",
    "roadmap_edit_path": (
        f"/roadmaps/{draft.roadmap.action_line.slug}/versions/{draft.number}/edit/"
    ),
    "organiser_email": organiser,
    "entry_path": entry.get_absolute_url(),
    "roadmap_path": f"/roadmaps/{version.roadmap.action_line.slug}/",
    "vote_page_path": f"/prizes/{prize_scale.YEAR}/vote/",
    "vote_category_path": category.get_absolute_url(),
    "forum_slug": forum.slug,
    "document_path": document.url,
}))
"""

VOTERS_SCRIPT = """
import json
from django.db import connection
from datetime import timedelta
from wsis.accounts.services import api_tokens_issue_many
from stocktaking.prizes import scale as prize_scale
from stocktaking.prizes.models import Contest
contest = Contest.objects.get(year=prize_scale.YEAR)
with connection.cursor() as cursor:
    cursor.execute('''
        WITH nominees AS (
            SELECT category_id, min(id) AS nominee FROM prizes_prizeentry
            WHERE contest_id = %(contest)s AND status = 'nominee' GROUP BY category_id
        ), free AS (
            SELECT u.id AS user_id, n.nominee, row_number() OVER (PARTITION BY u.id
                   ORDER BY n.category_id) AS turn
            FROM wsis_user u CROSS JOIN nominees n
            WHERE u.email LIKE 'scale-voter-%%' AND NOT EXISTS (
                SELECT 1 FROM prizes_vote v WHERE v.contest_id = %(contest)s
                AND v.user_id = u.id AND v.category_id = n.category_id)
        )
        SELECT user_id, nominee FROM free WHERE user_id IN (
            SELECT DISTINCT user_id FROM free ORDER BY user_id DESC LIMIT %(voters)s)
        ORDER BY turn, user_id
    ''', {"contest": contest.pk, "voters": __VOTERS__})
    pairs = cursor.fetchall()
users = sorted({user for user, _nominee in pairs})
# Keys are stored hashed, so a run cannot read back the last run's: each run makes its own.
keys = api_tokens_issue_many(user_ids=users, name="bench", valid_for=timedelta(days=1))
with open("__PATH__", "w") as out:
    for user, nominee in pairs:
        out.write(f"{keys[user]} {nominee}\\n")
print(json.dumps({"pairs": len(pairs), "voters": len(users), "contest": contest.pk}))
"""

VOTE_COUNT_SCRIPT = """
import json
from stocktaking.prizes.models import Vote
print(json.dumps({"votes": Vote.objects.filter(contest_id=%d).count()}))
"""


# --- EXPLAIN of the queries behind the main pages ---

EXPLAIN_SCRIPT = """
import json
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
cache.clear()
client = Client(HTTP_HOST="127.0.0.1")
result = {}
for name, path in %(pages)r:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    queries = sorted(captured.captured_queries, key=lambda q: -float(q["time"]))
    plans = []
    for query in queries[:%(top)d]:
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + query["sql"])
            plans.append({"ms": round(float(query["time"]) * 1000, 1), "sql": query["sql"],
                          "plan": "\\n".join(row[0] for row in cursor.fetchall())})
    result[name] = {"status": response.status_code, "queries": len(queries),
                    "total_ms": round(sum(float(q["time"]) for q in queries) * 1000, 1),
                    "slowest": plans}
print(json.dumps(result))
"""

EXPLAINED = (
    "stocktaking list",
    "stocktaking list, two filters",
    "search, common word",
    "search, rare word",
    "search, two words",
    "API entries, filtered",
    "outcome search",
)


def explain(env: dict[str, str], scenarios: list[Scenario], top: int = 2) -> dict:
    pages = [(s.name, s.path) for s in scenarios if s.name in EXPLAINED]
    return shell(env, EXPLAIN_SCRIPT % {"pages": pages, "top": top})


# --- Timed jobs: importers, the Forum Outcome Document, mails ---

RSS_WRAPPER = (
    "import resource, subprocess, sys, time; started = time.monotonic(); "
    "code = subprocess.run(sys.argv[1:], capture_output=True).returncode; "
    "print(code, round(time.monotonic() - started, 2), "
    "resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)


def run_measured(env: dict[str, str], *args: str) -> dict:
    """Runs `manage.py args` and returns its exit code, wall time and peak RSS (KiB)."""
    out = subprocess.run(
        [PYTHON, "-c", RSS_WRAPPER, PYTHON, "manage.py", *args],
        cwd=ROOT, env=env, capture_output=True, text=True, check=True,
    ).stdout.split()  # fmt: skip
    return {"exit_code": int(out[0]), "seconds": float(out[1]), "peak_rss_kib": int(out[2])}


def time_importers(env: dict[str, str]) -> dict:
    """Each importer on its seed file, into a scratch database migrated for the purpose (so the
    roadmaps are really written, not found unchanged)."""
    roadmap_file = SEEDS / "003_b2b236b508fc1d93.txt"
    if not roadmap_file.is_file():
        roadmap_file = ROOT / "tests" / "roadmaps" / "samples" / "two_action_lines.txt"
    scratch = env["DATABASE_URL"].rsplit("/", 1)[0] + "/wsis_bench_import"
    ensure_database(scratch, fresh=True)
    scratch_env = env | {"DATABASE_URL": scratch}
    manage(scratch_env, "migrate", "--noinput")
    manage(scratch_env, "seed_demo")
    results = {"roadmaps": run_measured(scratch_env, "import_roadmap", str(roadmap_file))}
    results["roadmaps"]["file"] = roadmap_file.name
    results["roadmaps_again_unchanged"] = run_measured(
        scratch_env, "import_roadmap", str(roadmap_file)
    )
    questionnaire = SEEDS / "001_8e0a2054c91a51b2.txt"
    if questionnaire.is_file():
        results["questionnaire"] = run_measured(
            scratch_env, "import_questionnaire", str(questionnaire), "--organisation", "itu"
        ) | {"file": questionnaire.name}
    baseline = run_measured(scratch_env, "check")
    results["django_startup_baseline"] = baseline
    admin, name = _admin_url(scratch)
    subprocess.run(["psql", admin, "-qc", f'DROP DATABASE IF EXISTS "{name}"'], check=True)
    return results


COMPILE_SCRIPT = """
import json, time
from events.models import Event
from events.services import forum_outcome_compile
event = Event.objects.get(slug="%s")
started = time.monotonic()
version = forum_outcome_compile(event=event)
print(json.dumps({"forum": event.slug, "sessions": event.sessions.count(),
                  "outcomes": version.outcome_count, "version": f"{version.major}.{version.minor}",
                  "seconds": round(time.monotonic() - started, 2)}))
"""

MAIL_SCRIPT = """
import time
from django.db import transaction
from wsis.enums import NotificationStatus
from wsis.models import Notification
from wsis.services import notification_queue
run = "{run}"
started = time.monotonic()
with transaction.atomic():
    for i in range({count}):
        notification_queue(recipient=f"bench{{i}}@example.org", template="membership_added",
            context={{"organisation": "Bench", "added_by": "bench"}},
            idempotency_key=f"bench-{{run}}-{{i}}")
    queued = time.monotonic()  # the commit follows: a sending task per batch of 100 mails
pending = Notification.objects.filter(idempotency_key__startswith=f"bench-{{run}}-")
while pending.exclude(status=NotificationStatus.SENT).exists() and time.monotonic() - queued < 600:
    time.sleep(0.5)
done = time.monotonic()
sent = pending.filter(status=NotificationStatus.SENT).count()
print(f"MAILS {{queued - started:.2f}} {{done - started:.2f}} {{sent}}")
"""


class MailSink:
    """An SMTP server on loopback that keeps each message's Message-ID and recipients."""

    def __init__(self, port: int) -> None:
        # aiosmtpd is needed only when the benchmark runs its own mail sink.
        from aiosmtpd.controller import Controller

        self.messages: list[tuple[str, tuple[str, ...]]] = []
        self.lock = threading.Lock()
        sink = self

        class Handler:
            async def handle_DATA(self, server, session, envelope):
                head = envelope.content.split(b"\r\n\r\n", 1)[0].decode("utf8", "replace")
                found = re.search(r"^Message-ID:\s*(\S+)", head, re.MULTILINE | re.IGNORECASE)
                with sink.lock:
                    sink.messages.append((found[1] if found else "", tuple(envelope.rcpt_tos)))
                return "250 Message accepted for delivery"

        self.controller = Controller(Handler(), hostname="127.0.0.1", port=port)

    def start(self) -> None:
        self.controller.start()

    def stop(self) -> None:
        self.controller.stop()

    def received(self, marker: str) -> list[str]:
        with self.lock:
            return [mid for mid, _rcpt in self.messages if marker in mid]


def time_mails(env: dict[str, str], count: int, sink: MailSink) -> dict:
    run = secrets.token_hex(4)
    out = manage(env, "shell", "-c", MAIL_SCRIPT.format(run=run, count=count))
    queued, total, sent = re.search(r"^MAILS (\S+) (\S+) (\S+)$", out, re.MULTILINE).groups()
    deadline = time.monotonic() + 30
    while len(sink.received(f"bench-{run}-")) < count and time.monotonic() < deadline:
        time.sleep(0.2)
    received = sink.received(f"bench-{run}-")
    return {
        "mails": count,
        "queue_seconds": float(queued),
        "delivered_seconds": float(total),
        # From just before the commit of the queued mails (which enqueues their sending tasks;
        # the worker starts at once) to the last one sent.
        "delivery_seconds": round(float(total) - float(queued), 2),
        "sent": int(sent),
        "received_by_sink": len(received),
        "unique_message_ids": len(set(received)),
    }


# --- The report ---


def judge(row: dict, floor_rps: float | None) -> bool | None:
    target = row.get("target")
    if row["requests"] == 0 and row["name"] != "floor":
        return False  # not one answer within the run: every request slower than wrk's timeout
    queries_ok = row["queries_per_request"] is None or row["queries_per_request"] <= MAX_QUERIES
    if target == "cached":
        return bool(floor_rps) and row["rps"] >= 0.6 * floor_rps and queries_ok
    if target == "filtered":
        return row["p95_ms"] < 150 and queries_ok
    if target == "search":
        return row["p95_ms"] < 150 and 0 <= row["server_p95_ms"] < 50 and queries_ok
    if target == "signed_in":
        return 0 <= row["server_p95_ms"] < 30 and queries_ok
    if target == "votes":
        # Every answer a 201, and every one of them a stored vote (requests still in flight when
        # wrk stops may add a few more stored votes than answers counted).
        created = row["statuses"].get("201", 0)
        return (
            row["rps"] >= 300
            and sum(row["errors"].values()) == 0
            and created == row["requests"]
            and row.get("votes_stored", 0) >= created
        )
    return None if row["name"] == "floor" else queries_ok


def markdown(results: dict) -> str:
    lines = [
        (
            "| scenario | req/s | p50 ms | p95 ms | p99 ms | server p95 ms | queries "
            "| queries, first | × floor | errors | target | met? |"
        ),
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|",
    ]
    for row in results["scenarios"]:
        errors = sum(row["errors"].values())
        met = {True: "yes", False: "**no**", None: "–"}[row["met"]]
        target = TARGET_TEXT.get(row["target"] or "", f"≤ {MAX_QUERIES} queries")
        if row["name"] == "floor":
            target = "–"
        name = row["name"] + (" (cacheable)" if row["cacheable"] else "")
        server = row["server_p95_ms"] if row["server_p95_ms"] >= 0 else "–"
        lines.append(
            f"| {name} | {row['rps']} | {row['p50_ms']} | {row['p95_ms']} | {row['p99_ms']} | "
            f"{server} | {row['queries_per_request']} | {row.get('queries_first_request')} | "
            f"{row['ratio_to_floor']} | "
            f"{errors} | {target} | {met} |"
        )
    extra = []
    mails = results.get("mails")
    if mails:
        ok = (
            mails["delivery_seconds"] < 60
            and mails["received_by_sink"] == mails["mails"]
            and mails["unique_message_ids"] == mails["mails"]
        )
        extra.append(
            f"| {mails['mails']:,} notification mails via one worker | "
            f"{mails['delivery_seconds']} s | queued in {mails['queue_seconds']} s; received "
            f"{mails['received_by_sink']:,}, unique "
            f"{mails['unique_message_ids']:,} | < 60 s, none lost or twice | "
            f"{'yes' if ok else '**no**'} |"
        )
    compiled = results.get("forum_outcome_compile")
    if compiled:
        extra.append(
            f"| Forum Outcome Document, {compiled['outcomes']} outcomes | {compiled['seconds']} s"
            " | – | – | – |"
        )
    for name, job in (results.get("importers") or {}).items():
        if "seconds" in job:
            extra.append(
                f"| import: {name} | {job['seconds']} s | peak RSS "
                f"{job['peak_rss_kib'] / 1024:.0f} MiB | – | – |"
            )
    if "web_worker_peak_rss_kib" in results:
        extra.append(
            f"| gunicorn worker peak RSS | {results['web_worker_peak_rss_kib'] / 1024:.0f} MiB "
            "| – | – | – |"
        )
    if extra:
        lines += ["", "| job | time | detail | target | met? |", "|---|---:|---|---|---|", *extra]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profile", choices=PROFILE_NAMES, default="full")
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--web-workers", type=int, default=4)
    parser.add_argument("--mails", type=int, default=10_000)
    parser.add_argument("--voters", type=int, default=6_000, help="distinct voters for votes")
    parser.add_argument("--only", nargs="*", help="run only these scenario names (and the floor)")
    parser.add_argument("--skip-seed", action="store_true", help="the database is seeded")
    parser.add_argument("--skip-jobs", action="store_true", help="no importers, compile, mails")
    parser.add_argument("--out", type=Path, help="save the JSON here (default bench/results/)")
    args = parser.parse_args()

    env = bench_environment()
    ensure_database(env["DATABASE_URL"])
    print(f"Preparing: migrate, collectstatic, seed ({args.profile}) …", flush=True)
    manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput", "-v0")
    seeding = {} if args.skip_seed else seed(env, args.profile)
    targets = shell(
        env,
        TARGETS_SCRIPT.replace("__VOTER__", VOTER)
        .replace("__MEMBER__", MEMBER)
        .replace("__FACILITATOR__", FACILITATOR),
    )
    scenarios = [
        replace(s, path=s.path.format(**targets), user=s.user and s.user.format(**targets))
        for s in SCENARIOS
        if not args.only or s.name in args.only or s.name == "floor"
    ]
    results: dict = {
        "started": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
            "python": platform.python_version(),
            "load_average_at_start": os.getloadavg(),
        },
        "settings": {
            "profile": args.profile,
            "concurrency": args.concurrency,
            "duration_s": args.duration,
            "web_workers": args.web_workers,
            "wrk_threads": WRK_THREADS,
        },
        "seeding": seeding,
        "targets": targets,
        "scenarios": [],
    }
    print("EXPLAIN (ANALYZE, BUFFERS) of the slowest queries of the main pages:", flush=True)
    results["explain"] = explain(env, scenarios)
    for name, page in results["explain"].items():
        print(f"\n### {name}: {page['queries']} queries, {page['total_ms']} ms in SQL", flush=True)
        for query in page["slowest"]:
            print(f"-- {query['ms']} ms: {query['sql'][:300]}\n{query['plan']}", flush=True)

    with tempfile.NamedTemporaryFile(prefix="bench-voters-", suffix=".txt", delete=False) as made:
        voters_file = made
    # Seeding may have queued mails for the worker (seed_demo's contest reaching its voting
    # phase mails every verified user: 200,000 scale voters); the benchmark drops them.
    subprocess.run(
        [PYTHON, "-m", "celery", "-A", "wsis", "purge", "-f"],
        cwd=ROOT, env=env, capture_output=True, check=True,
    )  # fmt: skip
    sink = MailSink(SMTP_PORT)
    sink.start()
    processes = {
        "web": subprocess.Popen(
            [str(ROOT / ".venv" / "bin" / "gunicorn"), "wsis.wsgi", "--bind", f"{HOST}:{PORT}",
             "--workers", str(args.web_workers), "--log-level", "warning", "--timeout", "120"],
            cwd=ROOT, env=env,
        ),
        "worker": subprocess.Popen(
            [PYTHON, "-m", "celery", "-A", "wsis", "worker", "--loglevel", "WARNING",
             "--concurrency", "2", "--without-gossip", "--without-mingle"],
            cwd=ROOT, env=env,
        ),
    }  # fmt: skip
    try:
        wait_for(f"{BASE_URL}/healthz")
        cookies: dict[str, str] = {}
        floor_rps = None
        for scenario in scenarios:
            cookie, voters_path, sample_vote, votes_before = "", "", None, 0
            if scenario.user:
                if scenario.user not in cookies:
                    cookies[scenario.user] = session_cookie(scenario.user)
                cookie = cookies[scenario.user]
            if scenario.voters:
                prepared = shell(
                    env,
                    VOTERS_SCRIPT.replace("__VOTERS__", str(args.voters)).replace(
                        "__PATH__", voters_file.name
                    ),
                )
                lines = Path(voters_file.name).read_text().splitlines()
                sample_vote = tuple(lines.pop().split())
                Path(voters_file.name).write_text("\n".join(lines) + "\n")
                voters_path = voters_file.name
                print(f"  {prepared['pairs'] - 1} (voter, category) pairs ready", flush=True)
            queries = query_count(scenario, cookie, sample_vote)
            drain()
            if scenario.voters:
                votes_before = shell(env, VOTE_COUNT_SCRIPT % prepared["contest"])["votes"]
                # One run only: a warm-up would use up voters the measured run then lacks.
                measured = run_wrk(
                    scenario,
                    cookie=cookie,
                    concurrency=args.concurrency,
                    duration=args.duration,
                    voters_file=voters_path,
                )
                after = shell(env, VOTE_COUNT_SCRIPT % prepared["contest"])["votes"]
                measured["votes_stored"] = after - votes_before
            else:
                run_wrk(scenario, cookie=cookie, concurrency=args.concurrency, duration=args.warmup)
                drain()  # the warm-up's unfinished requests must not delay the measured run
                measured = run_wrk(
                    scenario, cookie=cookie, concurrency=args.concurrency, duration=args.duration
                )
            measured["drain_seconds"] = drain()
            warm_queries = queries
            if scenario.method == "GET":
                # Signed-in pages are never served from the page cache (and the admin refuses
                # unknown parameters): there a plain second request is the warm one.
                marker = "" if scenario.user else f"-warm-{time.time_ns()}"
                warm_queries = query_count(scenario, cookie, None, marker=marker)
            if scenario.name == "floor":
                floor_rps = measured["rps"]
            row = asdict(scenario) | measured
            row |= {"queries_per_request": warm_queries, "queries_first_request": queries}
            row["ratio_to_floor"] = round(measured["rps"] / floor_rps, 3) if floor_rps else None
            row["met"] = judge(row, floor_rps)
            results["scenarios"].append(row)
            print(
                f"{scenario.name:<40} {measured['rps']:>8.1f} rps",
                f"p95 {measured['p95_ms']:>8.2f} ms  server p95 {measured['server_p95_ms']:>7.2f}",
                f"queries {warm_queries} (first {queries})  ratio {row['ratio_to_floor']}",
                f"statuses {measured['statuses']} errors {measured['errors']}",
                f"drained in {measured['drain_seconds']} s",
                flush=True,
            )
        results["web_worker_peak_rss_kib"] = max(
            peak_memory_kib(pid) for pid in child_pids(processes["web"].pid)
        )
        if not args.skip_jobs:
            print("Compiling the Forum Outcome Document of a scale forum …", flush=True)
            results["forum_outcome_compile"] = shell(env, COMPILE_SCRIPT % targets["forum_slug"])
            print(results["forum_outcome_compile"], flush=True)
            if args.mails:
                print(f"Timing {args.mails} notification mails through the worker …", flush=True)
                results["mails"] = time_mails(env, args.mails, sink)
                print(results["mails"], flush=True)
    finally:
        for process in processes.values():
            process.send_signal(signal.SIGTERM)
        for process in processes.values():
            process.wait(timeout=60)
        sink.stop()
        Path(voters_file.name).unlink(missing_ok=True)
    if not args.skip_jobs:
        print("Timing the importers on the seed files (scratch database) …", flush=True)
        results["importers"] = time_importers(env)
        print(results["importers"], flush=True)

    out_dir = ROOT / "bench" / "results"
    out_dir.mkdir(parents=True, exist_ok=True)
    out_file = args.out or out_dir / f"bench-{datetime.now(UTC):%Y%m%dT%H%M%SZ}.json"
    out_file = out_file.resolve()
    out_file.write_text(json.dumps(results, indent=2))
    print()
    print(
        f"{results['started']}, {results['machine']['cpus']} CPUs, {results['machine']['platform']}"
        f", profile {args.profile}, {args.concurrency} connections, {args.duration} s per scenario"
    )
    print()
    print(markdown(results))
    print(f"\nSaved {out_file}")


if __name__ == "__main__":
    main()
