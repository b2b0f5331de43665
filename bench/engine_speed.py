"""Engine speed: reading, and writing with its checks, beside spaCy's bare tokenizer, in one run.

    .venv/bin/python bench/engine_speed.py [CORPUS_DIR]

CORPUS_DIR defaults to tests/data/lsmri, the 515 CC BY notes; the run stops if any is missing.
The second text is bench/data/long_report.txt, a made-up multi-level report of about 500 words.

Prints the pipeline's load time, then for each text set the median over the rounds of the bare
tokenizer (the floor), reading (`engine.read`) and writing with the checkers that run on the
engine's own text (`engine.patient_texts`, on the readings of the same round), and two ratios:
reading / tokenizer and writing+checking / reading. Figures are relative to the same run;
absolute times depend on the machine.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
# The CC BY 4.0 notes copied into the repository (tests/data/lsmri/README.md).
DEFAULT_CORPUS = ROOT / "tests" / "data" / "lsmri"
DEFAULT_COUNT = 515
LONG_REPORT = ROOT / "bench" / "data" / "long_report.txt"
LONG_REPEATS = 5  # the long report is read and written this many times a round
ROUNDS = 3


def timed(fn, items) -> tuple[float, list]:
    start = time.perf_counter()
    results = [fn(item) for item in items]
    return time.perf_counter() - start, results


def bench(name: str, texts: list[str], rounds: list[dict[str, float]]) -> None:
    n = len(texts)
    words = sum(len(t.split()) for t in texts) / n
    k, r, w = (statistics.median(t[key] for t in rounds) for key in ("tok", "read", "write"))
    if len(set(texts)) == 1:
        print(f"{name}: one report of {words:.0f} words, {n} times a round")
    else:
        print(f"{name}: {n} reports, {words:.0f} words per report on average")
    print(f"  bare tokenizer:            {1000 * k / n:8.2f} ms/report")
    print(f"  engine.read:               {1000 * r / n:8.2f} ms/report  ({n / r:.0f} reports/s)")
    print(f"  engine.patient_texts:      {1000 * w / n:8.2f} ms/report")
    print(f"  reading / tokenizer:       {r / k:8.1f}x")
    print(f"  writing+checking / reading:{w / r:7.2f}x")


def main() -> None:
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_CORPUS
    texts = [p.read_text(encoding="utf-8") for p in sorted(corpus.glob("*.txt"))]
    if not texts:
        sys.exit(f"no .txt files in {corpus}")
    if corpus == DEFAULT_CORPUS and len(texts) != DEFAULT_COUNT:
        sys.exit(f"{corpus} holds {len(texts)} notes, not {DEFAULT_COUNT}: the copy is incomplete")

    t0 = time.perf_counter()
    import spacy  # noqa: F401

    t1 = time.perf_counter()
    from lbpreports import engine
    from lbpreports.engine import knowledge, pipeline

    knowledge.load()
    nlp = pipeline.nlp()
    pipeline.matchers()
    t2 = time.perf_counter()

    long_texts = [LONG_REPORT.read_text(encoding="utf-8")] * LONG_REPEATS
    sets: dict[str, list[str]] = {f"corpus ({corpus.name})": texts, LONG_REPORT.name: long_texts}
    times: dict[str, list[dict[str, float]]] = {name: [] for name in sets}
    for _ in range(ROUNDS):
        for name, items in sets.items():
            tok, _docs = timed(nlp.tokenizer, items)
            read, readings = timed(engine.read, items)
            write, _texts = timed(engine.patient_texts, readings)
            times[name].append({"tok": tok, "read": read, "write": write})
    print(f"load: import spaCy {t1 - t0:.3f} s; build pipeline and matchers {t2 - t1:.3f} s")
    print(f"medians of {ROUNDS} rounds")
    for name, items in sets.items():
        bench(name, items, times[name])


if __name__ == "__main__":
    main()
