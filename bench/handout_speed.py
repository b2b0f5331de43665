"""Handout render time, the prevalence chart's share of it, and WeasyPrint rendering a one-line
page, in the same run.

The chart's share is 1 - (the same handout without its chart) / (the handout), medians of
interleaved rounds: what drawing the chart adds to making the PDF. Times are this process's CPU
time (rendering runs on one thread), so that other work on a shared machine moves them less.

.venv/bin/python bench/handout_speed.py [ROUNDS]
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from io import BytesIO
from pathlib import Path
from unittest import mock

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
    from pypdf import PdfReader
    from weasyprint import HTML

    from lbpreports.handouts import chart
    from lbpreports.handouts.pdf import render_handout
    from lbpreports.reports.models import Report

    report = Report(original_text=REPORT, patient_age=64, patient_name="Synthetic Patient")
    result = report.run_engine()

    def handout():
        return render_handout(report, result, draft=False)

    def without_chart():
        with mock.patch.object(chart, "prevalence_chart", return_value=""):
            return render_handout(report, result, draft=False)

    def one_line():
        return HTML(string="<p>One line.</p>").write_pdf()

    runs = {"handout": handout, "without chart": without_chart, "one-line page": one_line}
    times = {name: [] for name in runs}
    for run in runs.values():
        run()
    pdf = b""
    for _ in range(rounds):
        for name, run in runs.items():
            start = time.process_time()
            out = run()
            times[name].append(1000 * (time.process_time() - start))
            if name == "handout":
                pdf = out
    pages = len(PdfReader(BytesIO(pdf)).pages)
    print(f"handout: {pages} pages, {len(pdf):,} bytes; {rounds} rounds each, interleaved")
    medians = {name: statistics.median(values) for name, values in times.items()}
    for name, value in medians.items():
        print(f"{name:14} median {value:7.1f} ms")
    share = 1 - medians["without chart"] / medians["handout"]
    print(f"the chart's share of the handout's rendering time: {share:.0%}")
    print(f"handout / one-line page (median): {medians['handout'] / medians['one-line page']:.1f}x")


if __name__ == "__main__":
    main()
