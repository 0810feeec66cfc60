"""WSGI entry point (gunicorn wsis.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wsis.settings")

application = get_wsgi_application()
