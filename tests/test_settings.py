"""Settings come from the environment, with safe defaults."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENV_NAMES = {
    "SECRET_KEY",
    "DEBUG",
    "DATABASE_URL",
    "ALLOWED_HOSTS",
    "SECURE_SSL_REDIRECT",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
}


def run_manage(*args, **env):
    base = {k: v for k, v in os.environ.items() if k not in ENV_NAMES}
    base.update(DJANGO_SETTINGS_MODULE="lbpreports.settings", **env)
    return subprocess.run(
        [sys.executable, "manage.py", *args, *(["--no-imports"] if args[0] == "shell" else [])],
        cwd=ROOT,
        env=base,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_it_refuses_to_serve_without_a_secret_key_when_debug_is_off():
    check = run_manage("check")
    assert check.returncode in (1, 2)
    assert "SECRET_KEY is not set" in check.stderr
    assert "Traceback" not in check.stderr
    wsgi = subprocess.run(
        [sys.executable, "-c", "import lbpreports.wsgi"],
        cwd=ROOT,
        env={
            **{k: v for k, v in os.environ.items() if k not in ENV_NAMES},
            "DJANGO_SETTINGS_MODULE": "lbpreports.settings",
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert wsgi.returncode != 0
    assert "SECRET_KEY is not set" in wsgi.stderr


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY="a-long-random-production-secret-key-" + "x" * 40,
        ALLOWED_HOSTS="reports.example.org",
        DATA_DIR=str(tmp_path),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_debug_defaults_to_off_and_reads_the_environment():
    code = "from django.conf import settings as s; print(s.DEBUG, s.TIME_ZONE, s.LANGUAGE_CODE)"
    off = run_manage("shell", "-c", code, SECRET_KEY="k" * 50)
    assert off.stdout.split() == ["False", "Australia/Melbourne", "en-au"], off.stderr
    on = run_manage("shell", "-c", code, DEBUG="true", TIME_ZONE="Australia/Perth")
    assert on.stdout.split() == ["True", "Australia/Perth", "en-au"], on.stderr


def test_database_url_selects_postgresql():
    code = "from django.conf import settings as s; print(s.DATABASES['default']['ENGINE'])"
    result = run_manage(
        "shell", "-c", code, DEBUG="true", DATABASE_URL="postgres://u@127.0.0.1:5432/x"
    )
    assert result.stdout.strip() == "django.db.backends.postgresql", result.stderr


def test_a_malformed_boolean_is_a_clear_error():
    result = run_manage("check", DEBUG="maybe")
    assert result.returncode == 2
    assert "DEBUG must be true or false" in result.stderr


def test_the_system_checks_by_id():
    from django.test import override_settings

    from lbpreports import checks

    with override_settings(SECRET_KEY=""):
        assert [e.id for e in checks.secret_key_set(None)] == ["lbpreports.E001"]
    assert checks.secret_key_set(None) == []
    assert checks.engine_knowledge_valid(None) == []
