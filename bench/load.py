"""Concurrency and load: 20 simulated users for 60 seconds, then a reconciliation of the database
against what the users did and against the audit trail.

    .venv/bin/python bench/load.py [--seconds 60] [--users 20] [--workers 4]
        [--database-url postgres://postgres@127.0.0.1:5432/lbpreports_load]
    .venv/bin/python bench/load.py --url https://reports.example.org --database-url URL [...]

Half the users are radiologists (preview, save a draft, send it to a GP), half are GPs (open
their queue, save an edit, approve and release). Without `--url` the bench starts the production
setup on loopback itself (gunicorn with `--workers`, a task worker, PostgreSQL), on the database
named in `--database-url`, dropped and created afresh. With `--url` it loads a server already
running there, whose database `--database-url` must name: it is not dropped; the bench adds
its users there (named `load_<run>_...`, `--run` picks the tag) and reconciles only the reports
and audit entries of this run. Not part of the test suite: it needs PostgreSQL and takes a minute.
"""

from __future__ import annotations

import argparse
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlparse

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PASSWORD = "load-test-password-123"
REPORT = (
    "MRI LUMBAR SPINE\nClinical history: {age} year old with low back pain.\nFindings:\n"
    "L4-5: mild disc bulge indenting the thecal sac with mild bilateral foraminal narrowing.\n"
    "L5-S1: disc desiccation and a small central protrusion. No fracture.\n"
    "Impression: Mild degenerative change at L4-5 and L5-S1."
)


class Recorder:
    def __init__(self):
        self.lock = threading.Lock()
        self.latencies: list[float] = []
        self.by_kind: dict[str, list[float]] = {}
        self.statuses: Counter = Counter()
        self.actions: Counter = Counter()
        self.created: list[int] = []
        self.errors: list[str] = []

    def call(self, session: requests.Session, method: str, url: str, kind: str = "", **kwargs):
        start = time.perf_counter()
        try:
            response = session.request(method, url, allow_redirects=False, timeout=30, **kwargs)
        except requests.RequestException as error:
            with self.lock:
                self.errors.append(f"{method} {url}: {error}")
            return None
        elapsed = time.perf_counter() - start
        # behind the (absent) TLS proxy cookies are Secure; loopback is plain HTTP, so let the
        # client send them back as the browser would over HTTPS
        for cookie in session.cookies:
            cookie.secure = False
        with self.lock:
            self.latencies.append(elapsed)
            self.by_kind.setdefault(kind or f"{method} other", []).append(elapsed)
            self.statuses[response.status_code // 100 * 100] += 1
            if response.status_code >= 500:
                self.errors.append(f"{method} {url}: {response.status_code}")
        return response


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def recreate_database(url: str) -> None:
    import psycopg

    parsed = urlparse(url)
    name = parsed.path.lstrip("/")
    admin = parsed._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


def login(recorder: Recorder, base: str, username: str) -> requests.Session:
    session = requests.Session()
    session.headers["X-Forwarded-Proto"] = "https"
    recorder.call(session, "GET", f"{base}/accounts/login/", "login")
    token = session.cookies.get("csrftoken")
    response = recorder.call(
        session,
        "POST",
        f"{base}/accounts/login/",
        "login",
        data={"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token},
        headers={"Referer": f"{secure(base)}/accounts/login/"},
    )
    if response is None or response.status_code != 302:
        raise RuntimeError(f"login failed for {username}")
    return session


def secure(base: str) -> str:
    """The origin the app sees behind its TLS proxy (X-Forwarded-Proto: https)."""
    return base.replace("http://", "https://", 1)


def guarded(recorder: Recorder, target, *args) -> None:
    try:
        target(recorder, *args)
    except Exception as error:  # a user that fails is a failure of the run, never silence
        with recorder.lock:
            recorder.errors.append(f"{target.__name__}: {error}")


def radiologist(recorder, base, username, gp_id, stop):
    session = login(recorder, base, username)
    n = 0
    while time.time() < stop:
        n += 1
        token = session.cookies.get("csrftoken")
        headers = {"X-CSRFToken": token, "Referer": f"{secure(base)}/reports/new/"}
        data = {
            "original_text": REPORT.format(age=40 + n % 40),
            "patient_identifier": f"LOAD-{username}-{n}",
            "patient_age": 40 + n % 40,
            "gp": gp_id,
            "mode": "summary",
        }
        recorder.call(
            session,
            "POST",
            f"{base}/reports/preview/",
            "preview",
            data=data,
            headers={**headers, "HX-Request": "true"},
        )
        with recorder.lock:
            recorder.actions["preview"] += 1
        response = recorder.call(
            session,
            "POST",
            f"{base}/reports/new/",
            "save draft",
            data={**data, "action": "save"},
            headers=headers,
        )
        if response is None or response.status_code != 302:
            continue
        pk = int(re.search(r"/reports/(\d+)/", response.headers["Location"]).group(1))
        with recorder.lock:
            recorder.actions["saved"] += 1
            recorder.created.append(pk)
        response = recorder.call(
            session, "POST", f"{base}/reports/{pk}/submit/", "submit", data={}, headers=headers
        )
        if response is not None and response.status_code == 302:
            with recorder.lock:
                recorder.actions["submitted"] += 1


def gp(recorder, base, username, stop):
    session = login(recorder, base, username)
    handled: set[int] = set()
    while time.time() < stop:
        response = recorder.call(session, "GET", f"{base}/", "GP queue")
        if response is None:
            continue
        waiting = [
            int(pk)
            for pk in re.findall(r'href="/review/(\d+)/"', response.text)
            if int(pk) not in handled
        ]
        if not waiting:
            time.sleep(0.2)
            continue
        pk = waiting[0]
        page = recorder.call(session, "GET", f"{base}/review/{pk}/", "review page")
        if page is None or "Approve and release" not in page.text:
            handled.add(pk)
            continue
        lock = int(re.search(r'name="lock_version" value="(\d+)"', page.text).group(1))
        token = session.cookies.get("csrftoken")
        headers = {"X-CSRFToken": token, "Referer": f"{secure(base)}/review/{pk}/"}
        response = recorder.call(
            session,
            "POST",
            f"{base}/review/{pk}/",
            "GP save",
            data={"action": "save", "lock_version": lock, "gp_note": "See you soon."},
            headers=headers,
        )
        if response is not None and response.status_code == 302:
            with recorder.lock:
                recorder.actions["gp_saved"] += 1
            lock += 1
        response = recorder.call(
            session,
            "POST",
            f"{base}/review/{pk}/",
            "approve",
            data={"action": "approve", "lock_version": lock, "gp_note": "See you soon."},
            headers=headers,
        )
        if response is not None and response.status_code == 302:
            with recorder.lock:
                recorder.actions["approved"] += 1
        handled.add(pk)


def start_server(args, env, tmp: Path) -> tuple[str, list[subprocess.Popen]]:
    """The production setup on loopback: gunicorn and a task worker, on a fresh database."""
    recreate_database(args.database_url)
    manage = [sys.executable, "manage.py"]
    for command in (["migrate", "--noinput"], ["collectstatic", "--noinput"]):
        subprocess.run(manage + command, cwd=ROOT, env=env, check=True, capture_output=True)
    port = free_port()
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "lbpreports.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(args.workers),
            "--preload",
            "--no-control-socket",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    worker = subprocess.Popen(
        manage + ["db_worker", "--no-reload", "--no-startup-delay", "--verbosity", "0"],
        cwd=ROOT,
        env=env,
    )
    return f"http://127.0.0.1:{port}", [server, worker]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--url", help="load a running server (its database in --database-url)")
    parser.add_argument("--run", default=time.strftime("%H%M%S"), help="tag of this run's users")
    parser.add_argument(
        "--database-url", default="postgres://postgres@127.0.0.1:5432/lbpreports_load"
    )
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="lbp-load-"))
    env = {
        **{k: v for k, v in os.environ.items() if k not in ("DEBUG", "DJANGO_SETTINGS_MODULE")},
        "DJANGO_SETTINGS_MODULE": "lbpreports.settings",
        "SECRET_KEY": os.environ.get("SECRET_KEY", "load-benchmark-only-" + "y" * 40),
        "ALLOWED_HOSTS": "127.0.0.1",
        "USE_X_FORWARDED_PROTO": "true",
        "DATABASE_URL": args.database_url,
        "DATA_DIR": str(tmp),
        "STATIC_ROOT": str(tmp / "static"),
        "HOME": str(tmp),
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "LOGIN_FAILURE_LIMIT": "1000",
        "LOGIN_SLOWDOWN_AFTER": "1000",
        "LOG_LEVEL": "WARNING",
    }
    os.environ.update(env)
    processes: list[subprocess.Popen] = []
    if args.url:
        base = args.url.rstrip("/")
    else:
        base, processes = start_server(args, env, tmp)

    import django

    django.setup()
    from lbpreports.audit.models import AuditEntry
    from lbpreports.reports.models import Report, ReportVersion
    from tests.personas import make_user

    prefix = f"load_{args.run}_"
    half = args.users // 2
    radiologists = [make_user(f"{prefix}rad_{i}", "radiologist") for i in range(half)]
    gps = [make_user(f"{prefix}gp_{i}", "gp") for i in range(args.users - half)]
    for user in radiologists + gps:
        user.set_password(PASSWORD)
        user.save()

    for _ in range(100):
        try:
            requests.get(f"{base}/healthz", headers={"X-Forwarded-Proto": "https"}, timeout=2)
            break
        except requests.RequestException:
            time.sleep(0.2)
    recorder = Recorder()
    stop = time.time() + args.seconds
    threads = [
        threading.Thread(
            target=guarded,
            args=(recorder, radiologist, base, u.username, gps[i % len(gps)].pk, stop),
        )
        for i, u in enumerate(radiologists)
    ] + [
        threading.Thread(target=guarded, args=(recorder, gp, base, u.username, stop + 5))
        for u in gps
    ]
    started = time.time()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.time() - started
    for process in processes:
        process.terminate()
    for process in processes:
        process.wait(timeout=30)

    # Reconcile the database against what the users did, and against the audit trail.
    from django.db import connection

    connection.close()
    created = set(recorder.created)
    problems = []
    # only this run's users and reports: a running server's database holds others too
    reports = Report.objects.filter(radiologist__username__startswith=f"{prefix}rad_")
    if set(reports.values_list("pk", flat=True)) != created:
        problems.append("reports in the database differ from the reports the users created")
    if len(recorder.created) != len(created):
        problems.append("a report id was handed out twice")
    versions = Counter(
        ReportVersion.objects.filter(report__in=reports).values_list("kind", flat=True)
    )
    audit = Counter(
        AuditEntry.objects.filter(report_id__in=created).values_list("action", flat=True)
    )
    checks = {
        "saved reports = audit report.saved": (recorder.actions["saved"], audit["report.saved"]),
        "submissions = submission versions": (
            recorder.actions["submitted"],
            versions[ReportVersion.Kind.SUBMISSION],
        ),
        "submissions = audit report.submitted": (
            recorder.actions["submitted"],
            audit["report.submitted"],
        ),
        "GP saves = GP edit versions": (
            recorder.actions["gp_saved"],
            versions[ReportVersion.Kind.GP_EDIT],
        ),
        "approvals = release versions": (
            recorder.actions["approved"],
            versions[ReportVersion.Kind.RELEASE],
        ),
        "approvals = audit report.released": (
            recorder.actions["approved"],
            audit["report.released"],
        ),
        "approvals = released reports": (
            recorder.actions["approved"],
            reports.filter(status=Report.Status.RELEASED).count(),
        ),
    }
    for name, (did, found) in checks.items():
        if did != found:
            problems.append(f"{name}: users {did}, database {found}")

    latencies = sorted(recorder.latencies)
    p95 = latencies[int(0.95 * (len(latencies) - 1))]
    where = base if args.url else f"{args.workers} gunicorn workers, PostgreSQL"
    print(f"{args.users} users, {where}, {elapsed:.0f} s")
    print(f"requests: {len(latencies)}  ({len(latencies) / elapsed:.1f} per second)")
    median = 1000 * statistics.median(latencies)
    print(f"latency: median {median:.0f} ms, p95 {1000 * p95:.0f} ms")
    failures = len(recorder.errors)
    print(f"status classes: {dict(recorder.statuses)}; server errors or failures: {failures}")
    for kind, values in sorted(recorder.by_kind.items(), key=lambda kv: -sum(kv[1])):
        values = sorted(values)
        print(
            f"  {kind:12} {len(values):5} requests, median {1000 * statistics.median(values):6.0f}"
            f" ms, p95 {1000 * values[int(0.95 * (len(values) - 1))]:6.0f} ms"
        )
    print(f"user actions: {dict(recorder.actions)}")
    print("reconciliation: " + ("all consistent" if not problems else "; ".join(problems)))
    for name, (did, found) in checks.items():
        print(f"  {name}: {did} / {found}")
    if not recorder.actions["approved"]:
        problems.append("no report went the whole way to release")
    if problems or recorder.errors:
        for error in recorder.errors[:10]:
            print("  error:", error)
        sys.exit(1)


if __name__ == "__main__":
    main()
