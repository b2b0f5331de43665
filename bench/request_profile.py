"""Where the load bench's time goes: each kind of request in bench/load.py's user flow, timed on
the server side, and the functions that take the most time in the slowest ones.

    .venv/bin/python bench/request_profile.py [ROUNDS] [--profile]

Runs in-process on a throwaway SQLite database with Django's test client (no network), the same
report text as bench/load.py: the radiologist previews, saves and sends; the GP opens the queue
and the report, saves an edit and approves.
"""

from __future__ import annotations

import cProfile
import pstats
import re
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    rounds = int(args[0]) if args else 10
    profile = "--profile" in sys.argv
    from bench.inprocess import setup_django

    setup_django()
    from django.test import Client

    from bench.load import REPORT
    from tests.personas import make_user

    radiologist = make_user("profile_rad", "radiologist")
    gp = make_user("profile_gp", "gp")
    rad_client, gp_client = Client(), Client()
    rad_client.force_login(radiologist)
    gp_client.force_login(gp)
    times: dict[str, list[float]] = defaultdict(list)
    profiles: dict[str, cProfile.Profile] = defaultdict(cProfile.Profile)

    def call(kind: str, client, method: str, url: str, **kwargs):
        profiler = profiles[kind] if profile else None
        start = time.perf_counter()
        if profiler:
            profiler.enable()
        response = getattr(client, method)(url, **kwargs)
        if profiler:
            profiler.disable()
        times[kind].append(time.perf_counter() - start)
        assert response.status_code in (200, 302), (kind, response.status_code)
        return response

    for n in range(rounds + 1):
        data = {
            "original_text": REPORT.format(age=40 + n % 40),
            "patient_identifier": f"PROFILE-{n}",
            "patient_age": 40 + n % 40,
            "gp": gp.pk,
            "mode": "summary",
        }
        call("preview", rad_client, "post", "/reports/preview/", data=data, HTTP_HX_REQUEST="true")
        saved = call("save", rad_client, "post", "/reports/new/", data={**data, "action": "save"})
        pk = int(re.search(r"/reports/(\d+)/", saved["Location"]).group(1))
        call("submit", rad_client, "post", f"/reports/{pk}/submit/")
        call("gp queue", gp_client, "get", "/")
        page = call("review page", gp_client, "get", f"/review/{pk}/")
        lock = int(re.search(r'name="lock_version" value="(\d+)"', page.text).group(1))
        edit = {"lock_version": lock, "gp_note": "See you soon."}
        call("gp save", gp_client, "post", f"/review/{pk}/", data={**edit, "action": "save"})
        approve = {**edit, "lock_version": lock + 1, "action": "approve"}
        call("approve", gp_client, "post", f"/review/{pk}/", data=approve)
        if n == 0:  # the first round warms caches and the language pipeline: not counted
            times.clear()
            profiles.clear()

    total = sum(sum(v) for v in times.values())
    print(f"{rounds} rounds of bench/load.py's flow, in-process (server time only)")
    for kind, values in sorted(times.items(), key=lambda kv: -sum(kv[1])):
        print(
            f"{kind:12} median {1000 * statistics.median(values):7.1f} ms"
            f"   share of all server time {100 * sum(values) / total:5.1f}%"
        )
    if profile:
        for kind in sorted(times, key=lambda k: -sum(times[k]))[:3]:
            print(f"\n== {kind}: top functions by cumulative time")
            stats = pstats.Stats(profiles[kind]).sort_stats("cumulative")
            stats.print_stats(r"lbpreports|weasy", 12)


if __name__ == "__main__":
    main()
