"""Engine speed: all lsmri notes in one process, beside spaCy's bare tokenizer on the same texts.

    .venv/bin/python bench/engine_speed.py [CORPUS_DIR]

CORPUS_DIR defaults to tests/data/lsmri, the 515 CC BY notes; the run stops if any is missing.

Prints the pipeline's load time, then for the engine and the bare tokenizer (the floor) the
median over 5 rounds of reports per second and milliseconds per report, and their ratio. Figures
are relative to the same run; absolute times depend on the machine.
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
ROUNDS = 5


def timed(fn, texts) -> float:
    start = time.perf_counter()
    for text in texts:
        fn(text)
    return time.perf_counter() - start


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

    engine_times, tokenizer_times = [], []
    for _ in range(ROUNDS):
        tokenizer_times.append(timed(nlp.tokenizer, texts))
        engine_times.append(timed(engine.read, texts))
    n = len(texts)
    words = sum(len(t.split()) for t in texts)
    e, k = statistics.median(engine_times), statistics.median(tokenizer_times)
    print(f"corpus: {n} reports, {words / n:.0f} words per report on average ({corpus.name})")
    print(f"load: import spaCy {t1 - t0:.3f} s; build pipeline and matchers {t2 - t1:.3f} s")
    print(f"engine.read:      {n / e:8.0f} reports/s  {1000 * e / n:6.2f} ms/report")
    print(f"bare tokenizer:   {n / k:8.0f} reports/s  {1000 * k / n:6.2f} ms/report")
    print(f"engine / tokenizer time ratio: {e / k:.1f}x  (median of {ROUNDS} rounds)")


if __name__ == "__main__":
    main()
