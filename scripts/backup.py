"""Backup and restore drill of the portal's two stores: the PostgreSQL database and the object
store of uploaded files.

    python scripts/backup.py backup  --database-url URL [--s3-endpoint URL --s3-key K
                                     --s3-secret S] OUT
    python scripts/backup.py restore --database-url NEW_URL [--s3-endpoint NEW ...] IN

`backup` writes `database.dump` (pg_dump, custom format, one consistent snapshot), every object
of the buckets under `objects/<bucket>/<key>`, and `manifest.json`: the row count and a checksum
of every table (an md5 of its rows in a fixed order) and the md5 of every object. `restore` loads
the dump into an empty database and the objects into an empty store, then checks every count and
checksum against the manifest and exits 1 on any difference, naming it. A bigger installation
archives WAL and takes base backups instead of pg_dump (the cluster's primary archives its WAL,
see docs/cluster.md); the check against the manifest is the same.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
from pathlib import Path

import psycopg

BUCKETS = ("wsis-private", "wsis-public")


def table_checksums(database_url: str) -> dict[str, dict]:
    """Rows and an md5 of each user table's rows (ordered by their text), to compare two copies."""
    result = {}
    with psycopg.connect(database_url) as connection, connection.cursor() as cursor:
        cursor.execute(
            "SELECT quote_ident(schemaname) || '.' || quote_ident(tablename) FROM pg_tables "
            "WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1"
        )
        for (table,) in cursor.fetchall():
            cursor.execute(
                f"SELECT count(*), coalesce(md5(string_agg(t::text, E'\\n' ORDER BY t::text)), '') "  # noqa: S608 - names from pg_tables
                f"FROM {table} AS t"
            )
            rows, checksum = cursor.fetchone()
            result[table] = {"rows": rows, "md5": checksum}
    return result


def _s3(endpoint: str, key: str, secret: str):
    import boto3  # only when an object store takes part

    return boto3.client(
        "s3",
        endpoint_url=endpoint,
        aws_access_key_id=key,
        aws_secret_access_key=secret,
        region_name="us-east-1",
    )


def backup(args) -> int:
    out = Path(args.folder)
    out.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["pg_dump", "--format=custom", "--no-owner", f"--file={out / 'database.dump'}",
         args.database_url],
        check=True,
    )  # fmt: skip
    manifest = {"tables": table_checksums(args.database_url), "objects": {}}
    if args.s3_endpoint:
        s3 = _s3(args.s3_endpoint, args.s3_key, args.s3_secret)
        for bucket in BUCKETS:
            for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket):
                for item in page.get("Contents", []):
                    body = s3.get_object(Bucket=bucket, Key=item["Key"])["Body"].read()
                    target = out / "objects" / bucket / item["Key"]
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_bytes(body)
                    manifest["objects"][f"{bucket}/{item['Key']}"] = hashlib.md5(  # noqa: S324 - a checksum, not security
                        body
                    ).hexdigest()
    (out / "manifest.json").write_text(json.dumps(manifest, indent=1, sort_keys=True))
    print(
        f"backup: {len(manifest['tables'])} tables, "
        f"{sum(t['rows'] for t in manifest['tables'].values())} rows, "
        f"{len(manifest['objects'])} objects in {out}"
    )
    return 0


def restore(args) -> int:
    source = Path(args.folder)
    manifest = json.loads((source / "manifest.json").read_text())
    subprocess.run(
        ["pg_restore", "--no-owner", "--exit-on-error", f"--dbname={args.database_url}",
         str(source / "database.dump")],
        check=True,
    )  # fmt: skip
    differences = []
    restored = table_checksums(args.database_url)
    for table, expected in manifest["tables"].items():
        if restored.get(table) != expected:
            differences.append(
                f"table {table}: expected {expected}, restored {restored.get(table)}"
            )
    objects = 0
    if manifest["objects"]:
        s3 = _s3(args.s3_endpoint, args.s3_key, args.s3_secret)
        have = {b["Name"] for b in s3.list_buckets().get("Buckets", [])}
        for bucket in BUCKETS:
            if bucket not in have:
                s3.create_bucket(Bucket=bucket)
        for name in manifest["objects"]:
            bucket, key = name.split("/", 1)
            s3.put_object(Bucket=bucket, Key=key, Body=(source / "objects" / name).read_bytes())
        for name, checksum in manifest["objects"].items():
            bucket, key = name.split("/", 1)
            body = s3.get_object(Bucket=bucket, Key=key)["Body"].read()
            if hashlib.md5(body).hexdigest() != checksum:  # noqa: S324 - a checksum
                differences.append(f"object {name}: checksum differs")
            objects += 1
    for difference in differences:
        print(f"restore: MISMATCH {difference}")
    print(
        f"restore: {len(manifest['tables'])} tables and {objects} objects checked, "
        f"{len(differences)} differences"
    )
    return 1 if differences else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    for name in ("backup", "restore"):
        command = sub.add_parser(name)
        command.add_argument("--database-url", required=True)
        command.add_argument("--s3-endpoint", default="")
        command.add_argument("--s3-key", default="")
        command.add_argument("--s3-secret", default="")
        command.add_argument("folder")
    args = parser.parse_args()
    return backup(args) if args.command == "backup" else restore(args)


if __name__ == "__main__":
    sys.exit(main())
