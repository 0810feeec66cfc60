"""The WSIS Portal project package and its shared core (accounts, organisations, reference data,
notifications, audit log)."""

from wsis.celery import app as celery_app

__all__ = ("celery_app",)
