"""Settings, read from environment variables with safe defaults.

Every variable is listed in the README. DEBUG is off unless the environment turns it on; with
DEBUG off a SECRET_KEY must be given and the secure-cookie, HSTS and HTTPS settings are active.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name: str, default: str) -> bool:
    value = os.environ.get(name, default).strip().lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off", ""):
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def envint(name: str, default: str) -> int:
    value = os.environ.get(name, default)
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from None


def envlist(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = envbool("DEBUG", "false")

MISSING_SECRET_KEY = (
    "SECRET_KEY is not set. Set the SECRET_KEY environment variable to a long random string "
    "(python -c 'import secrets; print(secrets.token_urlsafe(50))'), or set DEBUG=true for "
    "local development."
)
# Required to serve (wsgi.py refuses to start without it, and system check lbpreports.E001
# fails), but not for the engine's command-line tools, which sign nothing.
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY and DEBUG:
    SECRET_KEY = "insecure-development-key-used-only-with-debug-on"

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "localhost")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "lbpreports",
    "lbpreports.accounts",
    "lbpreports.audit",
    "lbpreports.reports",
    "lbpreports.review",
    "lbpreports.practice",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "csp.middleware.CSPMiddleware",
    # refuses a body over the limit before anything reads it (the CSRF check runs in
    # process_view, after every middleware's call; the views after that), inside the others so
    # that the refusal is a page of the app with its headers
    "lbpreports.middleware.RequestSizeLimit",
]

# Every login is throttled (lbpreports/accounts/models.py): the fifth failure for one username
# from one address locks that pair for LOGIN_LOCK_MINUTES from that failure; failures for one
# username from anywhere only slow its logins down (a wait of 1 s, doubling, at most
# LOGIN_SLOWDOWN_MAX_SECONDS, once LOGIN_SLOWDOWN_AFTER failures are in the window).
AUTHENTICATION_BACKENDS = ["lbpreports.accounts.backends.ThrottledModelBackend"]
LOGIN_FAILURE_LIMIT = envint("LOGIN_FAILURE_LIMIT", "5")
LOGIN_LOCK_MINUTES = envint("LOGIN_LOCK_MINUTES", "15")
LOGIN_SLOWDOWN_AFTER = envint("LOGIN_SLOWDOWN_AFTER", "10")
LOGIN_SLOWDOWN_MAX_SECONDS = envint("LOGIN_SLOWDOWN_MAX_SECONDS", "30")
# The client address behind a proxy: X-Forwarded-For is read only when TRUSTED_PROXY_COUNT (the
# proxies between the internet and the app) is 1 or more, and, when TRUSTED_PROXIES lists their
# addresses, only from a connection coming from one of them.
TRUSTED_PROXY_COUNT = envint("TRUSTED_PROXY_COUNT", "0")
TRUSTED_PROXIES = envlist("TRUSTED_PROXIES", "")
# A set-password link (Django's password reset token) works once, for this many seconds.
PASSWORD_RESET_TIMEOUT = envint("PASSWORD_RESET_TIMEOUT", str(24 * 60 * 60))

# No inline script or style on our pages; the Django admin (inline scripts) is left out.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "font-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

# One limit for request bodies: the 5 MB upload limit plus room for the form's other fields.
MAX_REQUEST_BYTES = envint("MAX_REQUEST_BYTES", str(6 * 1024 * 1024))
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

# Budgets of the child process that parses each uploaded file (lbpreports/readers/box.py): CPU
# seconds, memory (MB of address space above what the child holds at rest), wall-clock seconds
# (keep it below the server's request timeout) and PDF content tokens across the whole file.
READER_CPU_SECONDS = envint("READER_CPU_SECONDS", "5")
READER_MEMORY_MB = envint("READER_MEMORY_MB", "512")
READER_WALL_SECONDS = envint("READER_WALL_SECONDS", "10")
READER_WORK = envint("READER_WORK", "300000")

ROOT_URLCONF = "lbpreports.urls"
WSGI_APPLICATION = "lbpreports.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "lbpreports.context_processors.site",
            ],
        },
    },
]

DATA_DIR = Path(os.environ.get("DATA_DIR", BASE_DIR / "var"))
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if not DATABASE_URL:
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    DATABASE_URL = f"sqlite:///{DATA_DIR / 'db.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL,
        conn_max_age=envint("DB_CONN_MAX_AGE", "60"),
        conn_health_checks=True,
    )
}
# A request that fails leaves nothing saved half-way. The views that change a report's state
# or run for long (reading uploads, the engine, handouts) opt out and keep their own short
# transactions (Report.apply).
DATABASES["default"]["ATOMIC_REQUESTS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded database. A transaction that reads and then writes fails at once ("database
    # is locked") when another connection (a second request, the task worker) writes meanwhile,
    # so every transaction takes the write lock when it starts and waits up to 20 s for it.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "transaction_mode": "IMMEDIATE"}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = os.environ.get("LANGUAGE_CODE", "en-au")
TIME_ZONE = os.environ.get("TIME_ZONE", "Australia/Melbourne")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Sessions live in the database so that any app server can serve any request.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_AGE = envint("SESSION_COOKIE_AGE", str(8 * 60 * 60))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

if not DEBUG:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", "true")
    SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", str(365 * 24 * 60 * 60))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", "true")
    SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", "true")

# Behind a TLS-terminating proxy that sets X-Forwarded-Proto.
if envbool("USE_X_FORWARDED_PROTO", "false"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
USE_X_FORWARDED_HOST = envbool("USE_X_FORWARDED_HOST", "false")

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", "25")
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", "false")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "lbpreports@localhost")
# Seconds before a mail server that does not answer is given up on (the worker then retries).
EMAIL_TIMEOUT = envint("EMAIL_TIMEOUT", "10")
# Where the app is reached, for the links in emails (sent by the worker, outside any request).
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000" if DEBUG else "https://localhost")
# Seconds to wait before each retry of a failed email; after the last, it is marked failed and
# shown to the radiologist and the admins.
NOTIFY_RETRY_SECONDS = [int(s) for s in envlist("NOTIFY_RETRY_SECONDS", "30,120,600")]

# Background tasks (Django's tasks API): stored in the database and run by `manage.py db_worker`
# (bin/run starts one), or with TASKS_BACKEND=redis in Redis and run by
# `manage.py rqworker --with-scheduler --job-class django_tasks_rq.Job` on any app server.
TASKS_BACKEND = os.environ.get("TASKS_BACKEND", "database")
if TASKS_BACKEND == "redis":
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
    RQ_QUEUES = {"default": {"URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")}}
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
elif TASKS_BACKEND == "database":
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
else:
    raise ImproperlyConfigured(f"TASKS_BACKEND must be database or redis, not {TASKS_BACKEND!r}")

# How long reports are kept (manage.py purge_reports): years after the exam for adults; for
# minors, until the patient reaches this age.
RETENTION_ADULT_YEARS = envint("RETENTION_ADULT_YEARS", "7")
RETENTION_MINOR_UNTIL_AGE = envint("RETENTION_MINOR_UNTIL_AGE", "25")

SITE_NAME = "lbpreports"
PRACTICE_NAME = os.environ.get("PRACTICE_NAME", "Demo Radiology")
PRACTICE_DETAILS = os.environ.get("PRACTICE_DETAILS", "")

# The practice in HL7 v2 and FHIR messages (HL7 Australia's localisation, AS 4700.2): MSH-3 and
# MSH-4 name the sender; OBR-2/OBR-3 identify each report as number^namespace^id^id type, with the
# practice's HPI-O (type AUSHIC) or another universal id; the MRN's assigning authority.
HL7_APPLICATION = os.environ.get("HL7_APPLICATION", "LBPREPORTS")
HL7_FACILITY_NAMESPACE = os.environ.get(
    "HL7_FACILITY_NAMESPACE", "".join(c for c in PRACTICE_NAME.upper() if c.isalnum())[:20]
)
HL7_FACILITY_ID = os.environ.get("HL7_FACILITY_ID", "")
HL7_FACILITY_ID_TYPE = os.environ.get("HL7_FACILITY_ID_TYPE", "AUSHIC")
HL7_MRN_AUTHORITY = os.environ.get("HL7_MRN_AUTHORITY", HL7_FACILITY_NAMESPACE)
HL7_RECEIVING_APPLICATION = os.environ.get("HL7_RECEIVING_APPLICATION", "GPSOFTWARE")
FHIR_MRN_SYSTEM = os.environ.get(
    "FHIR_MRN_SYSTEM", f"urn:lbpreports:mrn:{HL7_FACILITY_NAMESPACE.lower() or 'practice'}"
)

# Where released, amended, reissued and withdrawn handouts are sent as HL7 over MLLP (the GP
# system or the practice's messaging gateway); empty: not sent, only exported by hand.
HL7_OUTBOUND_HOST = os.environ.get("HL7_OUTBOUND_HOST", "")
HL7_OUTBOUND_PORT = envint("HL7_OUTBOUND_PORT", "2575")
HL7_OUTBOUND_TIMEOUT_SECONDS = envint("HL7_OUTBOUND_TIMEOUT_SECONDS", "30")

# The MLLP listener (manage.py mllp_listen) that receives ORU^R01 from a RIS: loopback unless
# told otherwise; messages over MLLP_MAX_BYTES are refused, and a sender silent for
# MLLP_TIMEOUT_SECONDS in the middle of a message is dropped.
MLLP_BIND = os.environ.get("MLLP_BIND", "127.0.0.1")
MLLP_PORT = envint("MLLP_PORT", "2575")
MLLP_MAX_BYTES = envint("MLLP_MAX_BYTES", str(5 * 1024 * 1024))
MLLP_TIMEOUT_SECONDS = envint("MLLP_TIMEOUT_SECONDS", "30")
MLLP_MAX_CONNECTIONS = envint("MLLP_MAX_CONNECTIONS", "20")  # more are closed at once

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # WeasyPrint logs every rendering step at INFO; its warnings still show
    "loggers": {
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        # pypdf's warnings quote fragments of a damaged file's text: never in the log
        "pypdf": {"level": "CRITICAL"},
    },
}
