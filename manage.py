#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lbpreports.settings")
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        execute_from_command_line(sys.argv)
    except ImproperlyConfigured as error:
        # A configuration mistake gets one clear line, not a traceback.
        message = str(error)
        if "SECRET_KEY" in message:
            from django.conf import settings

            message = settings.MISSING_SECRET_KEY
        sys.stderr.write(f"Configuration error: {message}\n")
        sys.exit(2)


if __name__ == "__main__":
    main()
