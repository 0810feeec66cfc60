"""Fixtures of the object-storage and restore tests: real SeaweedFS servers."""

import time
from contextlib import contextmanager, suppress

import boto3
import pytest

from tests.cluster.s3 import ACCESS_KEY, SECRET_KEY, seaweedfs
from wsis.object_storage import s3_storages


def s3_client(endpoint: str):
    return boto3.client(
        "s3", endpoint_url=endpoint, aws_access_key_id=ACCESS_KEY,
        aws_secret_access_key=SECRET_KEY, region_name="us-east-1",
    )  # fmt: skip


def started_store(folder):
    """A SeaweedFS with the portal's two buckets: a context manager giving (endpoint, client)."""

    @contextmanager
    def store():
        with seaweedfs(folder, public_bucket="wsis-public") as endpoint:
            client = s3_client(endpoint)
            deadline = time.monotonic() + 60
            while True:
                try:
                    for bucket in ("wsis-private", "wsis-public"):
                        # Made already on an earlier try of this loop: fine.
                        with suppress(client.exceptions.BucketAlreadyOwnedByYou):
                            client.create_bucket(Bucket=bucket)
                        # The first write to a bucket makes SeaweedFS grow its volumes, which on a
                        # loaded machine outlasts the client's retries: ready once both accept one.
                        client.put_object(Bucket=bucket, Key="ready", Body=b"ready")
                        client.delete_object(Bucket=bucket, Key="ready")
                    break
                except Exception:
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.5)
            yield endpoint, client

    return store()


@pytest.fixture(scope="module")
def s3_endpoint(tmp_path_factory):
    with started_store(tmp_path_factory.mktemp("s3")) as store:
        yield store


@pytest.fixture
def s3_storage(settings, s3_endpoint):
    endpoint, client = s3_endpoint
    settings.STORAGES = settings.STORAGES | s3_storages(
        endpoint_url=endpoint, access_key=ACCESS_KEY, secret_key=SECRET_KEY,
        private_bucket="wsis-private", public_bucket="wsis-public", signed_url_seconds=2,
    )  # fmt: skip
    return endpoint, client
