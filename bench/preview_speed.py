"""Live-preview speed: the preview request on the server for a 500-word report, beside the bare
engine call (reading and writing the patient texts) on the same text, in the same run.

    .venv/bin/python bench/preview_speed.py [ROUNDS]

Runs in-process on a throwaway SQLite database with Django's test client (no network), so the
request figure is the server's own time: middleware, form, engine, template.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.update(
    DJANGO_SETTINGS_MODULE="lbpreports.settings",
    DEBUG="false",
    SECRET_KEY="benchmark-only-" + "x" * 40,
    ALLOWED_HOSTS="testserver",
    SECURE_SSL_REDIRECT="false",
    DATA_DIR=tempfile.mkdtemp(prefix="lbp-bench-"),
    DATABASE_URL="",
)

PARAGRAPHS = [
    "MRI LUMBAR SPINE",
    "Clinical history: 58 year old with chronic low back pain and intermittent left leg pain.",
    "Technique: Sagittal T1, T2 and STIR; axial T2 from L2 to S1.",
    "Findings:",
    "Alignment is normal. Vertebral body heights are maintained and the marrow signal is normal.",
    "The conus terminates normally at L1 and is normal in signal.",
    "T12-L1 to L2-L3: Normal discs. The canal and foramina are patent.",
    "L3-L4: Mild disc desiccation with a small diffuse disc bulge that indents the thecal sac. "
    "There is mild facet arthropathy. The canal and foramina remain adequate.",
    "L4-L5: Disc desiccation and moderate loss of disc height. Broad-based disc protrusion with "
    "a left paracentral component, which abuts the traversing left L5 nerve root in the lateral "
    "recess. Moderate bilateral facet arthropathy and ligamentum flavum thickening cause mild "
    "central canal stenosis. Mild bilateral neural foraminal narrowing.",
    "L5-S1: Disc desiccation with a small central protrusion and an annular fissure. No nerve "
    "root compression. Mild facet arthropathy.",
    "There is a small Tarlov cyst at S2. The visualised sacroiliac joints are unremarkable.",
    "Incidental simple left renal cyst. The abdominal aorta is not dilated.",
    "No fracture, destructive lesion or listhesis.",
    "Impression:",
    "1. Multilevel degenerative change, most marked at L4-L5 with a broad-based protrusion "
    "abutting the left L5 nerve root, which may account for the patient's symptoms.",
    "2. Mild central canal stenosis at L4-L5.",
    "3. Clinical correlation is recommended. Flexion and extension views could be considered.",
]


def five_hundred_words() -> str:
    text, words = [], 0
    while words < 500:
        for paragraph in PARAGRAPHS:
            if words >= 500:
                break
            text.append(paragraph)
            words += len(paragraph.split())
    return "\n".join(text)


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def summary(name: str, values: list[float]) -> str:
    return (
        f"{name:16} median {statistics.median(values):7.1f} ms   "
        f"p95 {percentile(values, 95):7.1f} ms"
    )


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 50
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment

    from lbpreports import engine
    from tests.personas import make_user

    setup_test_environment()
    call_command("migrate", verbosity=0)
    user = make_user("bench_radiologist", "radiologist")
    client = Client()
    client.force_login(user)
    text = five_hundred_words()
    data = {"original_text": text, "patient_age": 58, "mode": "summary", "modality": "mri"}

    def bare():
        reading = engine.read(text, age=58, modality="mri")
        engine.patient_texts(reading)

    def request():
        response = client.post("/reports/preview/", data, HTTP_HX_REQUEST="true")
        assert response.status_code == 200 and b"What the scan looked at" in response.content

    for warm in (bare, request):
        warm()
    engine_ms, request_ms = [], []
    for _ in range(rounds):
        start = time.perf_counter()
        bare()
        engine_ms.append(1000 * (time.perf_counter() - start))
        start = time.perf_counter()
        request()
        request_ms.append(1000 * (time.perf_counter() - start))
    print(f"report: {len(text.split())} words; {rounds} rounds each, interleaved")
    for name, values in (("engine call", engine_ms), ("preview request", request_ms)):
        print(summary(name, values))
    ratio = statistics.median(request_ms) / statistics.median(engine_ms)
    print(f"request / engine (median): {ratio:.2f}x")


if __name__ == "__main__":
    main()
