"""Two real Celery beat processes on one schedule: exactly one sends each run of it.

A probe schedule fires every second. Both beats run against this test's PostgreSQL database and
a Redis broker database of their own; the broker's queue is then counted: each second's run
must be sent once, not once per beat. Then the leader is killed and the other takes over."""

import json
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import redis
from django.conf import settings
from django.db import connection
from django_celery_beat.models import IntervalSchedule, PeriodicTask

ROOT = Path(__file__).resolve().parents[2]
PROBE = "wsis.tests.beat_probe"

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not settings.IS_POSTGRESQL, reason="beat processes share PostgreSQL"),
    pytest.mark.skipif(not settings.REDIS_URL, reason="the beat lock lives in Redis"),
]


def _probe_messages(broker: redis.Redis) -> int:
    sent = 0
    for key in broker.scan_iter("celery*"):
        if broker.type(key) != b"list":
            continue
        for raw in broker.lrange(key, 0, -1):
            if json.loads(raw)["headers"]["task"] == PROBE:
                sent += 1
    return sent


def _beat(env: dict, workdir: Path, name: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "wsis", "beat", "--loglevel", "INFO",
         "--max-interval", "1", "--schedule", str(workdir / f"{name}.db")],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip


def _wait(predicate, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


def test_two_beats_send_each_run_once_and_the_survivor_takes_over(tmp_path):
    every_second = IntervalSchedule.objects.create(every=1, period=IntervalSchedule.SECONDS)
    PeriodicTask.objects.create(name="beat probe", task=PROBE, interval=every_second)
    base = settings.REDIS_URL.rsplit("/", 1)[0]
    # A database of its own, never the suite's cache or broker (it is emptied here).
    used = {settings.REDIS_URL.rsplit("/", 1)[1], settings.CELERY_BROKER_URL.rsplit("/", 1)[1]}
    broker_url = f"{base}/{next(n for n in (13, 11, 9) if str(n) not in used)}"
    broker = redis.Redis.from_url(broker_url)
    broker.flushdb()
    db = settings.DATABASES["default"]
    prefix = f"beat-test-{uuid.uuid4().hex[:8]}"
    env = os.environ | {
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "REDIS_URL": settings.REDIS_URL,
        "CELERY_BROKER_URL": broker_url,
        "CACHE_KEY_PREFIX": prefix,
        "BEAT_LOCK_SECONDS": "3",
    }
    connection.close()
    beats = [_beat(env, tmp_path, "one"), _beat(env, tmp_path, "two")]
    lock = redis.Redis.from_url(settings.REDIS_URL)
    try:
        assert _wait(lambda: _probe_messages(broker) >= 1, timeout=60)
        start, started_with = time.monotonic(), _probe_messages(broker)
        time.sleep(8)
        both_running = _probe_messages(broker) - started_with
        both_seconds = time.monotonic() - start
        # One send per second of schedule (timing at the edges may add one), not one per beat.
        assert 5 <= both_running <= both_seconds + 1

        holder = lock.get(f"{prefix}:beat:leader").decode()
        leader = next(b for b in beats if f":{b.pid}:" in holder)
        leader.send_signal(signal.SIGKILL)
        leader.wait(10)
        before_takeover = _probe_messages(broker)
        assert _wait(lambda: _probe_messages(broker) >= before_takeover + 3, timeout=30)
        survivor = next(b for b in beats if b is not leader)
        assert f":{survivor.pid}:" in lock.get(f"{prefix}:beat:leader").decode()
    finally:
        for beat in beats:
            if beat.poll() is None:
                beat.terminate()
                beat.wait(10)
        lock.delete(f"{prefix}:beat:leader")
        broker.flushdb()
        broker.close()
        lock.close()
