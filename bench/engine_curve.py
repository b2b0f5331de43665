"""The engine's cost against report length, as ratios to a typical 500-word report in the same run.

    .venv/bin/python bench/engine_curve.py [ROUNDS [LENGTH ...]]

For each length, the median time of what a preview, save or submit costs (`engine.read` and
`engine.patient_texts`) over ROUNDS runs (default 5), on two kinds of long text: the 500-word
report of bench/preview_speed.py repeated, and the 515 CC BY lsmri notes one after another (many
different findings). Prints a table of characters, words, milliseconds and the ratio to the
500-word report, then the longest length measured at or below 20 times it. The engine's input
limit (`MAX_CHARS` in lbpreports/engine/pipeline.py) is chosen from this curve (README, "Speed").
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.preview_speed import five_hundred_words  # noqa: E402

LENGTHS = (3_500, 7_000, 15_000, 30_000, 45_000, 60_000, 80_000, 100_000, 150_000, 199_000)
NOTES = ROOT / "tests" / "data" / "lsmri"
LIMIT_RATIO = 20


def cut(source: str, length: int) -> str:
    """`source` repeated to `length` characters, cut at a line end."""
    text = (source + "\n") * (length // (len(source) + 1) + 1)
    return text[: text.rfind("\n", 0, length)]


def cost(text: str, rounds: int) -> float:
    from lbpreports import engine

    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        engine.patient_texts(engine.read(text))
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    lengths = [int(arg) for arg in sys.argv[2:]] or LENGTHS
    from lbpreports import engine

    report = five_hundred_words()
    notes = "\n".join(p.read_text(encoding="utf-8").strip() for p in sorted(NOTES.glob("*.txt")))
    cost(report, 3)  # load the pipeline and warm up
    base = cost(report, max(rounds, 11))
    print(
        f"500-word report: {len(report):,} characters, {1000 * base:.0f} ms "
        f"(median of {max(rounds, 11)}); engine limit now {engine.MAX_CHARS:,} characters"
    )
    print("characters   words  repeated ms  ratio  notes ms  ratio")
    within = 0
    for length in lengths:
        if length > engine.MAX_CHARS:
            break
        repeated, varied = cut(report, length), cut(notes, length)
        a, b = cost(repeated, rounds), cost(varied, rounds)
        words = len(repeated.split())
        print(
            f"{length:>10,} {words:>7,} {1000 * a:>12.0f} {a / base:>6.1f} "
            f"{1000 * b:>9.0f} {b / base:>6.1f}"
        )
        if max(a, b) <= LIMIT_RATIO * base:
            within = length
    print(f"longest length at or below {LIMIT_RATIO}x the 500-word report: {within:,} characters")


if __name__ == "__main__":
    main()
