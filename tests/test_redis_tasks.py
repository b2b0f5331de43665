"""The switch to Redis (TASKS_BACKEND=redis): the same notification, enqueued on commit, is
sent by an RQ worker instead of the database worker. Needs Redis at 127.0.0.1:6379 (skipped
without it); uses its database 11 and a throwaway SQLite database."""

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from tests.test_serve import NOTIFY, STATE

ROOT = Path(__file__).resolve().parent.parent
REDIS = ("127.0.0.1", 6379)


def redis_answers() -> bool:
    try:
        with socket.create_connection(REDIS, timeout=1) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


pytestmark = pytest.mark.skipif(not redis_answers(), reason="no Redis at 127.0.0.1:6379")


def manage(env, *args) -> str:
    done = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""


def test_with_redis_an_rq_worker_sends_what_the_app_enqueued(tmp_path):
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"},
        "DEBUG": "true",
        "DATABASE_URL": "",
        "DATA_DIR": str(tmp_path),
        "TASKS_BACKEND": "redis",
        "REDIS_URL": f"redis://{REDIS[0]}:{REDIS[1]}/11",
    }
    manage(env, "migrate", "--noinput")
    manage(env, "shell", "--no-imports", "-c", NOTIFY)
    assert manage(env, "shell", "--no-imports", "-c", STATE) == "pending"
    # the job waits in Redis, not in the database's task table
    waiting = "from django_tasks_db.models import DBTaskResult as R; print(R.objects.count())"
    assert manage(env, "shell", "--no-imports", "-c", waiting) == "0"
    manage(env, "rqworker", "--burst", "--job-class", "django_tasks_rq.Job", "default")
    assert manage(env, "shell", "--no-imports", "-c", STATE) == "sent"
