"""Handout render time beside WeasyPrint rendering a one-line page, in the same run.

.venv/bin/python bench/handout_speed.py [ROUNDS]
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lbpreports.settings")
os.environ.setdefault("DEBUG", "true")

REPORT = (
    "MRI LUMBAR SPINE\nClinical history: 64 year old with back pain.\nFindings:\n"
    "L3-4: Mild disc desiccation with a small diffuse disc bulge.\n"
    "L4-5: Disc desiccation and loss of disc height with a broad-based protrusion indenting the "
    "thecal sac. Moderate bilateral facet arthropathy with mild foraminal narrowing.\n"
    "L1: Acute compression fracture with 20% loss of height.\nNo epidural collection.\n"
    "Impression: L1 compression fracture. Degenerative change at L3-4 and L4-5."
)


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    import django

    django.setup()
    from weasyprint import HTML

    from lbpreports.handouts.pdf import render_handout
    from lbpreports.reports.models import Report

    report = Report(original_text=REPORT, patient_age=64, patient_name="Synthetic Patient")
    result = report.run_engine()

    def handout():
        return render_handout(report, result, draft=False)

    def one_line():
        return HTML(string="<p>One line.</p>").write_pdf()

    handout(), one_line()
    times = {"handout": [], "one-line page": []}
    pages = 0
    for _ in range(rounds):
        start = time.perf_counter()
        pdf = handout()
        times["handout"].append(1000 * (time.perf_counter() - start))
        start = time.perf_counter()
        one_line()
        times["one-line page"].append(1000 * (time.perf_counter() - start))
    from io import BytesIO

    from pypdf import PdfReader

    pages = len(PdfReader(BytesIO(pdf)).pages)
    print(f"handout: {pages} pages, {len(pdf):,} bytes; {rounds} rounds each, interleaved")
    for name, values in times.items():
        print(f"{name:14} median {statistics.median(values):7.1f} ms")
    ratio = statistics.median(times["handout"]) / statistics.median(times["one-line page"])
    print(f"handout / one-line page (median): {ratio:.1f}x")


if __name__ == "__main__":
    main()
