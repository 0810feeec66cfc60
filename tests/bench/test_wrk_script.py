"""The benchmark's wrk script: an uncached scenario never sends a URL twice, across runs too.

Two short wrk runs against a loopback server that records every path: had the warm-up and the
measured run shared their cache-busting values, the measured run would hit pages the warm-up
had put in the page cache and overstate the uncached figures."""

import shutil
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from bench import run as bench_run
from bench.scenarios import Scenario

pytestmark = pytest.mark.skipif(shutil.which("wrk") is None, reason="wrk is not installed")


class _Recorder(BaseHTTPRequestHandler):
    paths: list[str] = []

    def do_GET(self):
        type(self).paths.append(self.path)
        self.send_response(200)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):
        pass


def _serve():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def test_uncached_runs_never_repeat_a_url(monkeypatch):
    server = _serve()
    try:
        monkeypatch.setattr(bench_run, "BASE_URL", f"http://127.0.0.1:{server.server_port}")
        scenario = Scenario("list (uncached)", "/stocktaking/?sdg=4", uncached=True)
        _Recorder.paths = []
        bench_run.run_wrk(scenario, cookie="", concurrency=2, duration=1)
        warm_up = set(_Recorder.paths)
        _Recorder.paths = []
        bench_run.run_wrk(scenario, cookie="", concurrency=2, duration=1)
        measured = list(_Recorder.paths)
    finally:
        server.shutdown()
        server.server_close()

    assert len(warm_up) > 10
    assert len(measured) > 10
    assert len(set(measured)) == len(measured)
    assert warm_up & set(measured) == set()
    assert all(path.startswith("/stocktaking/?sdg=4&_bench=") for path in measured)
