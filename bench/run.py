"""`make bench`: the portal's production-like stack on loopback, driven by wrk.

Starts gunicorn (DEBUG off, production settings, PostgreSQL, Redis cache) and a Celery worker,
warms up, then runs every scenario of bench/scenarios.py with wrk at a fixed concurrency and
reports requests per second, p50/p95/p99 latency, SQL queries per request and the ratio to the
floor measured in the same run. Also times 10,000 notification mails through the worker to a
local SMTP sink and reads the peak memory of a gunicorn worker. Prints a Markdown table and saves
everything as JSON under bench/results/.

    python bench/run.py [--concurrency 16] [--duration 10] [--only NAME ...] [--mails 10000]
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
import time
import urllib.parse
import urllib.request
from dataclasses import asdict
from datetime import UTC, datetime
from http.cookies import SimpleCookie
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.scenarios import SCENARIOS, Scenario  # noqa: E402

PYTHON = str(ROOT / ".venv" / "bin" / "python")
HOST, PORT, SMTP_PORT = "127.0.0.1", 8765, 8725
BASE_URL = f"http://{HOST}:{PORT}"
DEMO_PASSWORD = "wsis-demo-2026"  # noqa: S105 - the documented demo password


def bench_environment() -> dict[str, str]:
    database = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/wsis_bench")
    return os.environ | {
        "DJANGO_ENV": "production",
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(64),
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
        "STATIC_ROOT": str(ROOT / "bench" / "results" / "static"),
        "LOG_LEVEL": "WARNING",
    }


def manage(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{result.stderr}")
    return result.stdout


def ensure_database(env: dict[str, str]) -> None:
    url = urllib.parse.urlparse(env["DATABASE_URL"])
    name = url.path.lstrip("/")
    admin = f"postgres://{url.username or 'postgres'}@{url.hostname}:{url.port or 5432}/postgres"
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


def query_count(scenario: Scenario, cookie: str) -> int | None:
    request = urllib.request.Request(  # noqa: S310 - loopback only
        BASE_URL + scenario.path, headers={"Cookie": cookie} if cookie else {}
    )
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
        value = response.headers.get("X-Query-Count")
    return int(value) if value is not None else None


def run_wrk(scenario: Scenario, *, cookie: str, concurrency: int, duration: int) -> dict:
    with tempfile.NamedTemporaryFile(suffix=".json") as report:
        env = os.environ | {
            "WRK_REPORT": report.name,
            "WRK_COOKIE": cookie,
            "WRK_METHOD": scenario.method if scenario.method != "GET" else "",
            "WRK_BODY": scenario.body,
        }
        subprocess.run(
            [
                "wrk", "--threads", "2", "--connections", str(concurrency),
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
        "requests": summary["requests"],
        "errors": summary["errors"],
        "statuses": summary["statuses"],
    }


def peak_memory_kib(pid: int) -> int:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmHWM:\s+(\d+) kB", status)[1])


def child_pids(pid: int) -> list[int]:
    found = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True, check=False)
    return [int(child) for child in found.stdout.split()]


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
queued = time.monotonic()
pending = Notification.objects.filter(idempotency_key__startswith=f"bench-{{run}}-")
while pending.exclude(status=NotificationStatus.SENT).exists() and time.monotonic() - started < 600:
    time.sleep(0.5)
done = time.monotonic()
sent = pending.filter(status=NotificationStatus.SENT).count()
print(f"MAILS {{queued - started:.2f}} {{done - started:.2f}} {{sent}}")
"""


def time_mails(env: dict[str, str], count: int) -> dict:
    out = manage(env, "shell", "-c", MAIL_SCRIPT.format(run=secrets.token_hex(4), count=count))
    queued, total, sent = re.search(r"^MAILS (\S+) (\S+) (\S+)$", out, re.MULTILINE).groups()
    return {
        "mails": count,
        "queue_seconds": float(queued),
        "delivered_seconds": float(total),
        "sent": int(sent),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--web-workers", type=int, default=4)
    parser.add_argument("--mails", type=int, default=10_000)
    parser.add_argument("--only", nargs="*", help="run only these scenario names (and the floor)")
    parser.add_argument("--seed", default="seed_demo", help="the management command that seeds")
    args = parser.parse_args()

    env = bench_environment()
    ensure_database(env)
    print("Preparing: migrate, collectstatic, seed …", flush=True)
    manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput", "-v0")
    seed_started = time.monotonic()
    manage(env, *args.seed.split())
    seed_seconds = round(time.monotonic() - seed_started, 1)

    processes = {
        "smtp": subprocess.Popen(
            [PYTHON, "-m", "aiosmtpd", "-n", "-l", f"127.0.0.1:{SMTP_PORT}", "-c",
             "aiosmtpd.handlers.Sink"],
            cwd=ROOT, env=env,
        ),
        "web": subprocess.Popen(
            [str(ROOT / ".venv" / "bin" / "gunicorn"), "wsis.wsgi", "--bind", f"{HOST}:{PORT}",
             "--workers", str(args.web_workers), "--log-level", "warning"],
            cwd=ROOT, env=env,
        ),
        "worker": subprocess.Popen(
            [PYTHON, "-m", "celery", "-A", "wsis", "worker", "--loglevel", "WARNING",
             "--concurrency", "2", "--without-gossip", "--without-mingle"],
            cwd=ROOT, env=env,
        ),
    }  # fmt: skip
    results: dict = {
        "started": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
            "python": platform.python_version(),
        },
        "settings": {
            "concurrency": args.concurrency,
            "duration_s": args.duration,
            "web_workers": args.web_workers,
            "seed": args.seed,
            "seed_seconds": seed_seconds,
        },
        "scenarios": [],
    }
    try:
        wait_for(f"{BASE_URL}/healthz")
        cookies: dict[str, str] = {}
        scenarios = [
            s for s in SCENARIOS if not args.only or s.name in args.only or s.name == "floor"
        ]
        floor_rps = None
        for scenario in scenarios:
            cookie = ""
            if scenario.user:
                cookie = cookies.setdefault(scenario.user, session_cookie(scenario.user))
            queries = query_count(scenario, cookie)
            run_wrk(scenario, cookie=cookie, concurrency=args.concurrency, duration=args.warmup)
            measured = run_wrk(
                scenario, cookie=cookie, concurrency=args.concurrency, duration=args.duration
            )
            if scenario.name == "floor":
                floor_rps = measured["rps"]
            row = asdict(scenario) | measured | {"queries_per_request": queries}
            row["ratio_to_floor"] = round(measured["rps"] / floor_rps, 3) if floor_rps else None
            results["scenarios"].append(row)
            print(
                f"{scenario.name:<45} {measured['rps']:>9.1f} rps",
                f"p95 {measured['p95_ms']:>7.2f} ms  queries {queries}",
                f"ratio {row['ratio_to_floor']}",
                flush=True,
            )
        results["web_worker_peak_rss_kib"] = max(
            peak_memory_kib(pid) for pid in child_pids(processes["web"].pid)
        )
        if args.mails:
            print(f"Timing {args.mails} notification mails through the worker …", flush=True)
            results["mails"] = time_mails(env, args.mails)
            print(results["mails"], flush=True)
    finally:
        for process in processes.values():
            process.send_signal(signal.SIGTERM)
        for process in processes.values():
            process.wait(timeout=60)

    out_dir = ROOT / "bench" / "results"
    out_dir.mkdir(parents=True, exist_ok=True)
    out_file = out_dir / f"bench-{datetime.now(UTC):%Y%m%dT%H%M%SZ}.json"
    out_file.write_text(json.dumps(results, indent=2))
    print()
    print("| scenario | req/s | p50 ms | p95 ms | p99 ms | queries/req | × floor | errors |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for row in results["scenarios"]:
        errors = sum(row["errors"].values())
        print(
            f"| {row['name']} | {row['rps']} | {row['p50_ms']} | {row['p95_ms']} | "
            f"{row['p99_ms']} | {row['queries_per_request']} | {row['ratio_to_floor']} | {errors} |"
        )
    print(f"\nSaved {out_file.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
