"""One page, in-process: its SQL queries (with the repeated ones named) and where its time goes.

Wall-clock figures on a shared machine are noise; this tool measures what does not depend on the
load: the queries of one request (each statement shape with how often it ran, so a query per
item shows at once), the Python function calls per request (`--calls`), and a pyinstrument
profile of N requests (the share of each call path in the total, which holds whatever the
machine's load). CPU time per request is printed too, with the load average beside it.

    DATABASE_URL=postgres://…/wsis_bench_medium python bench/profile_page.py \
        --user scale-voter-1@scale.wsis.test /prizes/2035/vote/ [--repeat 50] [--profile]
        [--calls] [--show-sql]

Runs against whatever database DATABASE_URL names (a seeded scale database), signed in as
`--user` (no password needed: the test client's force_login) or anonymously.
"""

from __future__ import annotations

import argparse
import collections
import cProfile
import os
import pstats
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wsis.settings")

_NUMBERS = re.compile(r"\b\d+\b|'[^']*'")


def shape(sql: str) -> str:
    """A statement with its literal values blanked, so one query per item counts as one shape."""
    return _NUMBERS.sub("?", sql)[:160]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path")
    parser.add_argument("--user", help="e-mail address of the account to sign in as")
    parser.add_argument("--repeat", type=int, default=30, help="requests timed and profiled")
    parser.add_argument("--profile", action="store_true", help="print a pyinstrument profile")
    parser.add_argument("--show-sql", action="store_true", help="print every statement")
    parser.add_argument(
        "--calls",
        action="store_true",
        help="count Python function calls per request (cProfile): a measure the load cannot move",
    )
    args = parser.parse_args()

    # Django is set up once the arguments are read; the modules that need it load after.
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from wsis.models import User

    client = Client()
    if args.user:
        client.force_login(User.objects.get(email=args.user))
    client.get(args.path)  # warms the per-process and per-generation caches
    with CaptureQueriesContext(connection) as captured:
        response = client.get(args.path)
    print(f"{args.path}: HTTP {response.status_code}, {len(response.content):,} bytes")
    print(f"queries: {len(captured)} (the second request)")
    shapes = collections.Counter(shape(q["sql"]) for q in captured.captured_queries)
    for sql, count in shapes.most_common():
        if count > 1 or args.show_sql:
            print(f"  {count}× {sql}")

    times = []
    profiler = None
    if args.profile:
        # pyinstrument (a dev tool) loads only when --profile asks for it.
        from pyinstrument import Profiler

        profiler = Profiler(interval=0.0005)
        profiler.start()
    for _ in range(args.repeat):
        started = time.process_time()
        client.get(args.path)
        times.append((time.process_time() - started) * 1000)
    if profiler:
        profiler.stop()
    load = " ".join(f"{value:.1f}" for value in os.getloadavg())
    print(
        f"CPU per request over {args.repeat}: median {statistics.median(times):.2f} ms, "
        f"min {min(times):.2f} ms (load average {load})"
    )
    if profiler:
        print(profiler.output_text(unicode=True, color=False, show_all=False, short_mode=False))
    if args.calls:
        counting = cProfile.Profile()
        counting.enable()
        for _ in range(args.repeat):
            client.get(args.path)
        counting.disable()
        calls = pstats.Stats(counting).total_calls
        print(f"Python function calls per request: {calls / args.repeat:,.0f}")


if __name__ == "__main__":
    main()
