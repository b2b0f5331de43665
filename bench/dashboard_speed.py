"""Dashboard time with 10 and then 2,000 released reports, in the same run: the GP's queue (its
released tab and the default one) and the radiologist's list, each with a stored handout and
engine JSON like a real released report.

    .venv/bin/python bench/dashboard_speed.py [ROUNDS]

Runs in-process on a throwaway SQLite database with Django's test client (server time only).
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    from bench.inprocess import setup_django

    setup_django()
    from django.test import Client
    from django.utils import timezone

    from lbpreports.reports.models import Report
    from tests.personas import make_user

    radiologist = make_user("speed_rad", "radiologist")
    gp = make_user("speed_gp", "gp")
    # a released report as the engine and the handout leave it: about 40 KB of JSON, a 60 KB PDF
    sample = Report(radiologist=radiologist, gp=gp, original_text=REPORT, patient_age=60)
    sample.run_engine()

    def add(n: int, start: int) -> None:
        Report.objects.bulk_create(
            [
                Report(
                    radiologist=radiologist,
                    gp=gp,
                    status=Report.Status.RELEASED,
                    patient_identifier=f"SPEED-{start + i}",
                    patient_name=f"Speed Patient {start + i}",
                    patient_age=40 + i % 40,
                    original_text=REPORT,
                    engine_result=sample.engine_result,
                    patient_sections=sample.patient_sections,
                    handout_pdf=b"%PDF-1.7 " + b"x" * 60_000,
                    submitted_at=timezone.now(),
                    released_at=timezone.now(),
                )
                for i in range(n)
            ],
            batch_size=200,
        )

    pages = {"GP queue, released": ("/?state=released", gp), "GP queue": ("/", gp)}
    pages["radiologist"] = ("/", radiologist)

    def measure() -> dict[str, tuple[float, int]]:
        out = {}
        for name, (url, user) in pages.items():
            client = Client()
            client.force_login(user)
            client.get(url)
            times = []
            for _ in range(rounds):
                start = time.perf_counter()
                response = client.get(url)
                times.append(time.perf_counter() - start)
            assert response.status_code == 200
            out[name] = (statistics.median(times), len(response.content))
        return out

    add(10, 0)
    small = measure()
    add(1990, 10)
    large = measure()
    print(f"median of {rounds} requests each, server time, SQLite")
    for name in pages:
        (a, size_a), (b, size_b) = small[name], large[name]
        print(
            f"{name:20} 10 reports {1000 * a:7.1f} ms ({size_a // 1024} KB)   "
            f"2,000 reports {1000 * b:7.1f} ms ({size_b // 1024} KB)   ratio {b / a:5.2f}"
        )


REPORT = (
    "MRI LUMBAR SPINE\nClinical history: 60 year old with low back pain.\nFindings:\n"
    "L4-5: mild disc bulge indenting the thecal sac with mild bilateral foraminal narrowing.\n"
    "L5-S1: disc desiccation and a small central protrusion. No fracture.\n"
    "Impression: Mild degenerative change at L4-5 and L5-S1."
)

if __name__ == "__main__":
    main()
