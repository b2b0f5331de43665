"""Production serving: gunicorn with whitenoise and the production settings, on loopback."""

import http.client
import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


GP_PASSWORD = "production-gp-passphrase"


def log_in(port, password, client_address, forwarded=""):
    """A login through the proxy: a fresh browser gets the form, then posts it; the proxy
    appends the address it was reached from to whatever X-Forwarded-For the client sent."""
    chain = f"{forwarded}, {client_address}" if forwarded else client_address
    proxy = {"X-Forwarded-Proto": "https", "X-Forwarded-For": chain}
    response, body = get(port, "/accounts/login/", **proxy)
    cookie = re.search(r"csrftoken=([^;]+)", response.getheader("Set-Cookie")).group(1)
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1).decode()
    form = f"csrfmiddlewaretoken={token}&username=gp&password={password}"
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    conn.request(
        "POST",
        "/accounts/login/",
        body=form,
        headers={
            "Host": "127.0.0.1",
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={cookie}",
            "Referer": "https://127.0.0.1/accounts/login/",
            **proxy,
        },
    )
    status = conn.getresponse().status
    conn.close()
    return status


def get(port, path, **headers):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    conn.request("GET", path, headers={"Host": "127.0.0.1", **headers})
    response = conn.getresponse()
    body = response.read()
    conn.close()
    return response, body


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("prod")
    env = {
        key: value
        for key, value in os.environ.items()
        if key
        not in (
            "DEBUG",
            "DATABASE_URL",
            "DJANGO_SETTINGS_MODULE",
            "SECURE_SSL_REDIRECT",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        )
    }
    env.update(
        DJANGO_SETTINGS_MODULE="lbpreports.settings",
        SECRET_KEY="production-like-secret-" + "z" * 40,
        ALLOWED_HOSTS="127.0.0.1",
        USE_X_FORWARDED_PROTO="true",
        TRUSTED_PROXY_COUNT="1",  # the test client plays the TLS proxy in front of gunicorn
        DATA_DIR=str(tmp),
        STATIC_ROOT=str(tmp / "static"),
        HOME=str(tmp),
    )
    manage = [sys.executable, "manage.py"]
    make_gp = (
        "from django.contrib.auth import get_user_model; from lbpreports import roles; "
        f"gp = get_user_model().objects.create_user('gp', password={GP_PASSWORD!r}); "
        "roles.set_role(gp, roles.GP)"
    )
    steps = (["migrate", "--noinput"], ["collectstatic", "--noinput"], ["shell", "-c", make_gp])
    for args in steps:
        subprocess.run(manage + args, cwd=ROOT, env=env, check=True, capture_output=True)
    port = free_port()
    proc = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "lbpreports.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--threads",
            "4",
            "--preload",
            "--no-control-socket",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        for _ in range(150):
            try:
                get(port, "/healthz", **{"X-Forwarded-Proto": "https"})
                break
            except OSError:
                time.sleep(0.1)
        yield port
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_it_serves_the_app_over_gunicorn(server):
    response, body = get(server, "/healthz", **{"X-Forwarded-Proto": "https"})
    assert response.status == 200
    assert body == b"ok\n"
    assert "max-age=31536000" in response.getheader("Strict-Transport-Security")


def test_it_redirects_plain_http_to_https(server):
    response, _ = get(server, "/healthz")
    assert response.status == 301
    assert response.getheader("Location") == "https://127.0.0.1/healthz"


def test_whitenoise_serves_the_static_files(server):
    response, body = get(server, "/static/css/app.css", **{"X-Forwarded-Proto": "https"})
    assert response.status == 200
    assert b"--brand" in body


def test_the_login_page_sets_secure_cookies(server):
    response, body = get(server, "/accounts/login/", **{"X-Forwarded-Proto": "https"})
    assert response.status == 200
    assert b"Log in" in body
    cookie = response.getheader("Set-Cookie")
    assert "csrftoken" in cookie
    assert "Secure" in cookie


def test_behind_the_proxy_an_attacker_locks_only_their_own_address(server):
    attacker, gp = "203.0.113.66", "198.51.100.20"
    for _ in range(5):
        assert log_in(server, "wrong-password", attacker) == 200
    assert log_in(server, GP_PASSWORD, gp) == 302  # the GP logs in at once
    assert log_in(server, GP_PASSWORD, attacker) == 429
    # a header the attacker writes does not move them off their own address
    assert log_in(server, GP_PASSWORD, attacker, forwarded=gp) == 429


def test_the_wsgi_module_loads_the_engine_and_weasyprint_before_the_workers_fork():
    code = (
        "import sys, lbpreports.wsgi\n"
        "from lbpreports.engine import knowledge, pipeline\n"
        "assert 'weasyprint' in sys.modules\n"
        "assert pipeline._shared_nlp.cache_info().currsize == 1\n"
        "assert knowledge.load.cache_info().currsize == 1\n"
        "print('warm')\n"
    )
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"},
        "SECRET_KEY": "warm-test-" + "z" * 40,
        "DEBUG": "false",
    }
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert done.stdout.strip() == "warm", done.stderr
