"""The storages of uploaded files on S3-compatible object storage (django-storages), built from
plain values so that settings and tests configure them the same way."""

from __future__ import annotations

PUBLIC_CACHE_CONTROL = "public, max-age=31536000, immutable"


def s3_storages(
    *,
    endpoint_url: str,
    access_key: str,
    secret_key: str,
    private_bucket: str,
    public_bucket: str,
    region: str = "us-east-1",
    signed_url_seconds: int = 300,
    public_domain: str = "",
) -> dict[str, dict]:
    """`default`: the private bucket (signed URLs only); `public`: anyone may read, cached long."""
    common = {
        "endpoint_url": endpoint_url,
        "access_key": access_key,
        "secret_key": secret_key,
        "region_name": region,
        "addressing_style": "path",
        "signature_version": "s3v4",
        "file_overwrite": False,
        "default_acl": None,
    }
    return {
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": common
            | {
                "bucket_name": private_bucket,
                "querystring_auth": True,
                "querystring_expire": signed_url_seconds,
            },
        },
        "public": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": common
            | {
                "bucket_name": public_bucket,
                "querystring_auth": False,
                "custom_domain": public_domain or None,
                "object_parameters": {"CacheControl": PUBLIC_CACHE_CONTROL},
            },
        },
    }
