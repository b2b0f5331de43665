"""Settings for the test suite: the production settings with DEBUG off and test-only speedups."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-production-use-0123456789")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")

from lbpreports.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# The live server cannot serve whitenoise's hashed names without collectstatic.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False

# Whitenoise wants the static root to exist; tests serve static files through the finders.
STATIC_ROOT = DATA_DIR / "test-static"  # noqa: F405
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# A file, not memory, for the SQLite test database: the live server's threads then wait for a
# lock (as in production) instead of failing with "table is locked" under concurrent requests.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    import tempfile

    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": os.path.join(tempfile.gettempdir(), f"lbpreports-test-{os.getpid()}.sqlite3")
    }

# Low reader budgets, so that the hostile-file tests are stopped by the same budget on any
# machine; a normal report needs a small part of each.
READER_CPU_SECONDS = 2
READER_MEMORY_MB = 256
READER_WALL_SECONDS = 120  # a loaded test machine: the CPU budget, not the clock, stops a file
READER_WORK = 100_000
