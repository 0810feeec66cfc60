"""`make cluster-faults`: votes, submissions and mails through the cluster while parts of it die.

During a burst of votes from distinct voters and stocktaking submissions sent through HAProxy,
the run kills one web host (SIGKILL), restarts Redis and restarts the replica; then it queues a
batch of mails and kills one worker host in the middle of it. Afterwards it checks, from the
database and the SMTP sink:

- every vote answered 201 is stored exactly once, and no vote answered 4xx is stored;
- every submission answered as saved is in the database, submitted;
- every mail of the batch is delivered, and at most the one mail the killed worker had in flight
  is delivered twice (with the same Message-ID);
- no request answered 5xx outside the seconds of a fault, and the portal serves normally after.

It prints its figures as JSON and exits 1 when a check fails. `--full` is the issue's size
(2,000 votes over 20 s, 200 submissions, 1,000 mails); the default is CI's reduced form.
The cluster must be up (`make cluster`); the run adds its data (the `small` scale profile: a
contest in its voting phase with 2,000 voters) and stops by itself.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import signal
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import cluster

FAULT_GRACE_SECONDS = 4.0

SETUP_SCRIPT = """
import json
from django.db import connection
from datetime import timedelta
from wsis.accounts.services import api_tokens_issue_many
from stocktaking.prizes import scale as prize_scale
from stocktaking.prizes.models import Contest
from wsis.models import Membership, User
contest = Contest.objects.get(year=prize_scale.YEAR)
with connection.cursor() as cursor:
    cursor.execute('''
        WITH nominees AS (
            SELECT category_id, min(id) AS nominee FROM prizes_prizeentry
            WHERE contest_id = %(contest)s AND status = 'nominee' GROUP BY category_id
        ), free AS (
            SELECT u.id AS user_id, n.nominee, n.category_id, row_number() OVER (
                PARTITION BY u.id ORDER BY n.category_id) AS turn
            FROM wsis_user u CROSS JOIN nominees n
            WHERE u.email LIKE 'scale-voter-%%' AND NOT EXISTS (
                SELECT 1 FROM prizes_vote v WHERE v.contest_id = %(contest)s
                AND v.user_id = u.id AND v.category_id = n.category_id)
        )
        SELECT user_id, nominee, category_id FROM free WHERE turn = 1
        ORDER BY user_id LIMIT %(voters)s
    ''', {"contest": contest.pk, "voters": __VOTES__})
    pairs = cursor.fetchall()
users = [user for user, _nominee, _category in pairs]
# API keys are stored hashed: each run makes its own (valid for a day), replacing the last run's.
day = timedelta(days=1)
keys = api_tokens_issue_many(user_ids=users, name="fault test", valid_for=day)
stakeholder = User.objects.get(email="stakeholder@demo.wsis.test")
organisation = Membership.objects.filter(user=stakeholder).order_by("pk").first().organisation_id
stakeholder_key = api_tokens_issue_many(
    user_ids=[stakeholder.pk], name="fault test", valid_for=day)[stakeholder.pk]
print(json.dumps({
    "contest": contest.pk,
    "votes": [[keys[u], n, u, c] for u, n, c in pairs],
    "stakeholder": stakeholder_key, "stakeholder_id": stakeholder.pk, "organisation": organisation,
}))
"""

CHECK_SCRIPT = """
import json
from stocktaking.models import Entry
from stocktaking.prizes.models import Vote
from wsis.models import Notification
answered = json.loads('''__ANSWERED__''')
pairs = {(u, c) for u, c in answered["created"]}
refused = {(u, c) for u, c in answered["refused"]}
stored = {}
for user, category in Vote.objects.filter(contest_id=answered["contest"],
        user_id__in={u for u, _c in pairs | refused}).values_list("user_id", "category_id"):
    stored[(user, category)] = stored.get((user, category), 0) + 1
entries = dict(Entry.objects.filter(pk__in=answered["entries"]).values_list("pk", "status"))
batch = list(Notification.objects.filter(idempotency_key__startswith=answered["mail_prefix"])
             .values_list("pk", "status"))
print(json.dumps({
    "votes_created_stored_once": sum(1 for p in pairs if stored.get(p) == 1),
    "votes_created_missing": sum(1 for p in pairs if p not in stored),
    "votes_duplicated": sum(1 for n in stored.values() if n > 1),
    "votes_refused_but_stored": sum(1 for p in refused if p in stored),
    "entries_found": len(entries),
    "entries_submitted": sum(1 for s in entries.values() if s == "submitted"),
    "mails_in_outbox": len(batch),
    "mails_marked_sent": sum(1 for _pk, s in batch if s == "sent"),
}))
"""

QUEUE_MAILS_SCRIPT = """
from django.db import transaction
from wsis import services
with transaction.atomic():
    for n in range(__MAILS__):
        services.notification_queue(
            recipient=f"cluster-{n}@example.org", template="membership_added",
            context={"organisation": "Cluster test", "added_by": "the fault test"},
            idempotency_key=f"__PREFIX__{n}",
        )
"""

REQUEUE_SCRIPT = """
from wsis.models import Notification
from wsis import services
from wsis.enums import NOTIFICATION_PENDING_STATES
ids = list(Notification.objects.filter(idempotency_key__startswith="__PREFIX__",
           status__in=NOTIFICATION_PENDING_STATES).values_list("pk", flat=True))
print(services.notification_requeue(notification_ids=ids))
"""


def django_shell(script: str) -> str:
    env = os.environ | cluster.portal_env()
    env["DATABASE_URL"] = f"postgres://postgres@{cluster.HOSTS['db1']}:5432/wsis"
    env.pop("DATABASE_REPLICA_URL", None)
    env.pop("DB_POOLER", None)
    return cluster.run(
        *cluster.in_host(
            "web1", str(cluster.VENV_BIN / "python"), "manage.py", "shell", "-c", script
        ),
        env=env,
        capture=True,
    )


class Recorder:
    """Every request's outcome, with the second of the run it was answered in."""

    def __init__(self) -> None:
        self.started = time.monotonic()
        self.lock = threading.Lock()
        self.answers: list[dict] = []
        self.faults: list[tuple[str, float, float]] = []

    def now(self) -> float:
        return time.monotonic() - self.started

    def record(self, **answer) -> None:
        with self.lock:
            self.answers.append(answer | {"at": self.now()})

    def fault(self, name: str, action) -> None:
        began = self.now()
        action()
        self.faults.append((name, began, self.now()))

    def fault_at(self, at: float) -> str:
        """The fault whose seconds (and a few after) hold this moment, or "" outside them."""
        for name, began, ended in self.faults:
            if began - 0.5 <= at <= ended + FAULT_GRACE_SECONDS:
                return name
        return ""


_local = threading.local()


def post(path: str, body: dict, token: str) -> tuple[int, dict]:
    """One POST, never repeated (a repeat could do twice what a lost answer did once); a request
    that gets no answer is recorded as status 0."""
    connection = getattr(_local, "connection", None)
    if connection is None:
        connection = _local.connection = http.client.HTTPConnection(
            cluster.HOSTS["lb"], 8080, timeout=30
        )
    headers = {
        "Authorization": f"Token {token}",
        "Content-Type": "application/json",
        "Accept": "application/json",
    }
    try:
        connection.request("POST", path, json.dumps(body), headers)
        response = connection.getresponse()
        payload = response.read()
    except (OSError, http.client.HTTPException):
        connection.close()
        _local.connection = None
        return 0, {}
    try:
        return response.status, json.loads(payload or b"{}")
    except ValueError:
        return response.status, {}


def submission_body(organisation: int, n: int) -> dict:
    return {
        "organisation": organisation,
        "kind": "project",
        "coverage": "national",
        "title": f"Cluster fault test entry {n}",
        "summary": "Community networks for schools.",
        "countries": ["KE"],
        "action_lines": ["C2"],
        "primary_action_line": "C2",
        "sdgs": [4],
        "website": "https://example.org/cluster",
    }


def burst(setup: dict, votes: int, submissions: int, seconds: float, rec: Recorder) -> dict:
    created, refused, entries = [], [], []
    interval = seconds / max(votes, 1)

    def vote(item):
        index, (token, nominee, user, category) = item
        time.sleep(max(0.0, index * interval - rec.now()))
        status, _data = post("/api/v1/prizes/votes/", {"nominee": nominee}, token)
        rec.record(kind="vote", status=status)
        if status == 201:
            created.append((user, category))
        elif 400 <= status < 500:
            refused.append((user, category))

    def submit(n):
        time.sleep(max(0.0, n * seconds / max(submissions, 1) - rec.now()))
        status, data = post(
            "/api/v1/stocktaking/entries/",
            submission_body(setup["organisation"], n),
            setup["stakeholder"],
        )
        rec.record(kind="create", status=status)
        if status != 201:
            return
        status, _ = post(
            f"/api/v1/stocktaking/entries/{data['id']}/submit/", {}, setup["stakeholder"]
        )
        rec.record(kind="submit", status=status)
        if status == 200:
            entries.append(data["id"])

    def faults():
        time.sleep(seconds * 0.2)
        rec.fault("kill web1", lambda: cluster.stop("web1", "gunicorn", sig=signal.SIGKILL))
        time.sleep(seconds * 0.2)
        rec.fault("restart redis", lambda: (cluster.stop("redis", "redis"), cluster.redis_up()))
        time.sleep(seconds * 0.2)
        rec.fault(
            "restart replica",
            lambda: (cluster.stop("db2", "postgres", sig=signal.SIGINT), cluster.postgres_up()),
        )
        time.sleep(seconds * 0.1)
        rec.fault("web1 back", lambda: cluster.portal_up())

    injector = threading.Thread(target=faults)
    injector.start()
    # Votes and submissions side by side, each paced over the burst by a pool of its own.
    with ThreadPoolExecutor(max_workers=20) as voters, ThreadPoolExecutor(max_workers=4) as owners:
        jobs = [voters.submit(vote, item) for item in enumerate(setup["votes"][:votes])]
        jobs += [owners.submit(submit, n) for n in range(submissions)]
        for job in jobs:
            job.result()
    injector.join()
    return {"created": created, "refused": refused, "entries": entries}


def mail_batch(count: int, prefix: str, rec: Recorder) -> float:
    started = time.monotonic()
    django_shell(QUEUE_MAILS_SCRIPT.replace("__MAILS__", str(count)).replace("__PREFIX__", prefix))
    time.sleep(1.0)
    rec.fault("kill worker1", lambda: cluster.stop("worker1", "celery", sig=signal.SIGKILL))
    time.sleep(2.0)
    cluster.portal_up()
    # The killed host's batch stays unacknowledged in the broker; the beat job for stale
    # messages (every 5 min, for messages older than 10 min) sends it again. Run it now.
    django_shell(REQUEUE_SCRIPT.replace("__PREFIX__", prefix))
    log = cluster.STATE / "mail.log"
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        # This run's mails only (their Message-IDs carry its prefix): the sink's log keeps
        # earlier runs' mails to the same recipients.
        delivered = [line for line in log.read_text().splitlines() if prefix in line]
        if len({line.split("\t")[1] for line in delivered}) >= count:
            break
        time.sleep(1)
    return time.monotonic() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--full", action="store_true")
    args = parser.parse_args()
    votes, submissions, mails, seconds = (
        (2000, 200, 1000, 20.0) if args.full else (300, 30, 100, 12.0)
    )
    cluster.up()
    cluster.log("seeding the small scale profile (a contest in its voting phase)")
    cluster.run(
        *cluster.in_host(
            "web1",
            str(cluster.VENV_BIN / "python"),
            "manage.py",
            "seed_scale",
            "--profile",
            "small",
        ),
        capture=True,
        env=os.environ
        | cluster.portal_env()
        | {"DATABASE_URL": f"postgres://postgres@{cluster.HOSTS['db1']}:5432/wsis"},
    )
    setup = json.loads(django_shell(SETUP_SCRIPT.replace("__VOTES__", str(votes))).splitlines()[-1])
    if len(setup["votes"]) < votes:
        raise SystemExit(f"only {len(setup['votes'])} free voters left: `make cluster-down` first")
    cluster.log(f"burst: {votes} votes and {submissions} submissions over {seconds:.0f} s")
    rec = Recorder()
    answered = burst(setup, votes, submissions, seconds, rec)
    prefix = f"cluster-fault-{int(time.time())}-"
    cluster.log(f"mail batch: {mails} mails, a worker host killed in the middle")
    mail_seconds = mail_batch(mails, prefix, rec)
    answered |= {"contest": setup["contest"], "mail_prefix": prefix}
    stored = json.loads(
        django_shell(CHECK_SCRIPT.replace("__ANSWERED__", json.dumps(answered))).splitlines()[-1]
    )
    lines = [line.split("\t") for line in (cluster.STATE / "mail.log").read_text().splitlines()]
    # This run's mails: their Message-IDs carry the run's prefix (earlier runs on the same
    # cluster wrote to the same recipients).
    ours = [(mid, recipients) for mid, recipients in lines if prefix in mid]
    batch = [recipients for _mid, recipients in ours]
    ids = [mid for mid, _recipients in ours]
    phases: dict[str, dict[str, int]] = {}
    for answer in rec.answers:
        phase = rec.fault_at(answer["at"]) or "normal"
        status = answer["status"]
        # 5xx by exact code (502: a host died mid-request; 503: no host; 500: the portal).
        key = f"{answer['kind']} " + (
            f"{status} (5xx)"
            if status >= 500
            else "no answer"
            if status == 0
            else f"{status // 100}xx"
        )
        phases.setdefault(phase, {}).setdefault(key, 0)
        phases[phase][key] += 1
    after = {path: _get(path) for path in ("/", "/stocktaking/", "/readyz")}
    figures = {
        "requests": len(rec.answers),
        "by_phase": phases,
        "faults": [
            {"fault": n, "at_s": round(b, 1), "took_s": round(e - b, 1)} for n, b, e in rec.faults
        ],
        "votes_sent": votes,
        "votes_201": len(answered["created"]),
        "votes_4xx": len(answered["refused"]),
        "submissions_sent": submissions,
        "submissions_saved": len(answered["entries"]),
        **stored,
        "mails": mails,
        "mails_delivered": len(batch),
        "mails_unique": len(set(batch)),
        "mails_repeated": len(batch) - len(set(batch)),
        "mail_seconds": round(mail_seconds, 1),
        "after": after,
    }
    print(json.dumps(figures, indent=2))
    failures = [
        name
        for name, ok in (
            (
                "a 201 vote not stored once",
                stored["votes_created_stored_once"] == len(answered["created"]),
            ),
            ("a vote stored twice", stored["votes_duplicated"] == 0),
            ("a refused vote stored", stored["votes_refused_but_stored"] == 0),
            ("a saved submission missing", stored["entries_submitted"] == len(answered["entries"])),
            ("a mail lost", len(set(batch)) == mails),
            # Exactly once is impossible for the one message a killed worker had handed to
            # the SMTP server but not yet marked sent: it goes out again, with the same
            # Message-ID (receivers that deduplicate by it show it once). At most one per kill.
            ("more than one mail sent twice", len(batch) - len(set(batch)) <= 1),
            (
                "a repeated mail without its Message-ID",
                len(ids) == len(set(ids)) + (len(batch) - len(set(batch))),
            ),
            (
                "5xx or no answer outside a fault",
                not any(k.endswith(("5xx", "no answer")) for k in phases.get("normal", {})),
            ),
            ("not serving afterwards", all(code == 200 for code in after.values())),
        )
        if not ok
    ]
    cluster.log("PASSED" if not failures else f"FAILED: {', '.join(failures)}")
    return 1 if failures else 0


def _get(path: str) -> int:
    connection = http.client.HTTPConnection(cluster.HOSTS["lb"], 8080, timeout=10)
    try:
        connection.request("GET", path)
        return connection.getresponse().status
    except (OSError, http.client.HTTPException):
        return 0
    finally:
        connection.close()


if __name__ == "__main__":
    sys.exit(main())
