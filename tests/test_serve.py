"""bin/serve (what bin/run ends with): the development server and the task worker start
together, the worker sends what the app enqueues, and stopping the script stops both."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from tests.test_production import free_port

ROOT = Path(__file__).resolve().parent.parent

NOTIFY = """
from django.db import transaction
from lbpreports.reports.models import Report, Notification
from lbpreports.reports.tasks import notify
from tests.personas import make_user
gp = make_user("serve_gp", "gp")
report = Report.objects.create(radiologist=make_user("serve_rad", "radiologist"), gp=gp)
with transaction.atomic():
    notify(report, Notification.Kind.URGENT)
"""
STATE = "from lbpreports.reports.models import Notification as N; print(N.objects.get().state)"


def children(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.add(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.fixture
def env(tmp_path):
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"},
        "DEBUG": "true",
        "DATABASE_URL": "",
        "DATA_DIR": str(tmp_path),
        "PORT": str(free_port()),
        "TASKS_BACKEND": "database",
    }
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    return env


def manage_shell(env, code: str) -> str:
    done = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""


def test_it_serves_with_the_worker_and_stops_both(env):
    proc = subprocess.Popen(
        ["bin/serve"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        for _ in range(300):
            try:
                requests.get(f"http://127.0.0.1:{env['PORT']}/healthz", timeout=1)
                break
            except requests.RequestException:
                time.sleep(0.2)
        response = requests.get(f"http://127.0.0.1:{env['PORT']}/healthz", timeout=5)
        assert response.text == "ok\n"
        started = children(proc.pid)
        assert len(started) == 2  # the worker and the server
        started |= {pid for child in started for pid in children(child)}  # the reloader's
        # the worker sends what the app enqueued, with nobody running it by hand
        manage_shell(env, NOTIFY)
        for _ in range(30):
            if manage_shell(env, STATE) == "sent":
                break
            time.sleep(0.5)
        assert manage_shell(env, STATE) == "sent"
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=30) is not None
        for _ in range(50):
            if not any(alive(pid) for pid in started):
                break
            time.sleep(0.2)
        assert not any(alive(pid) for pid in started)
        with pytest.raises(requests.RequestException):
            requests.get(f"http://127.0.0.1:{env['PORT']}/healthz", timeout=2)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
