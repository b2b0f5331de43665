"""Django in this process for the in-process benches: production settings (DEBUG off) on a
throwaway SQLite database, migrated and with its static files collected.

    ROOT = Path(__file__).resolve().parent.parent
    sys.path.insert(0, str(ROOT))
    from bench.inprocess import setup_django
    setup_django()
"""

from __future__ import annotations

import os
import tempfile


def setup_django() -> None:
    data_dir = tempfile.mkdtemp(prefix="lbp-bench-")
    os.environ.update(
        DJANGO_SETTINGS_MODULE="lbpreports.settings",
        DEBUG="false",
        SECRET_KEY="benchmark-only-" + "x" * 40,
        ALLOWED_HOSTS="testserver",
        SECURE_SSL_REDIRECT="false",
        DATA_DIR=data_dir,
        DATABASE_URL="",
        LOG_LEVEL="WARNING",
        STATIC_ROOT=os.path.join(data_dir, "static"),
    )
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("collectstatic", verbosity=0, interactive=False)
