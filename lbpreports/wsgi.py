"""WSGI entry point, served by gunicorn in production (see the README)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lbpreports.settings")

application = get_wsgi_application()

from django.conf import settings  # noqa: E402
from django.core.exceptions import ImproperlyConfigured  # noqa: E402

try:
    _key = settings.SECRET_KEY
except ImproperlyConfigured:
    _key = ""
if not _key:
    raise ImproperlyConfigured(settings.MISSING_SECRET_KEY)
