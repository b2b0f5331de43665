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


def warm() -> None:
    """Load what every request may need once, before gunicorn's `--preload` forks the workers
    (each worker would otherwise load it on its first preview or release, seconds under load):
    the engine's language pipeline and rules, by reading one short report, and WeasyPrint."""
    import weasyprint  # noqa: F401

    from lbpreports import engine

    engine.patient_texts(engine.read("Findings: L4-5 disc bulge.", age=50))


warm()
