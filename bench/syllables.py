"""Syllable counts of the engine's patient texts: pyphen (textstat 0.7.4's own) against syllapy.

    .venv/bin/python bench/syllables.py [CORPUS_DIR]

Reads the devset reports and the CC BY lsmri notes (default `tests/data/lsmri`) at age 55 and
counts the words of each summary body and conclusion three ways: pyphen, as textstat 0.7.4 does;
syllapy's dictionary with pyphen for the words it does not know; and the product's count
(syllapy's dictionary, vowel groups for the words it does not know). Prints the totals, the
undercount, the words counted differently most often, and the median summary and conclusion
FKGL with textstat's count and with the product's. Then, as the corpus test reads them (each
report at ages unknown, 45 and 72), the product's summary and conclusion FKGL and the sentences
above grade 8.
"""

from __future__ import annotations

import collections
import statistics
import sys
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEVSET = ROOT / "tests" / "devset" / "reports"
DEFAULT_CORPUS = ROOT / "tests" / "data" / "lsmri"


def main() -> None:
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_CORPUS
    files = sorted(DEVSET.glob("*.txt"))
    seen = {f.name for f in files}
    files += [f for f in sorted(corpus.glob("*.txt")) if f.name not in seen]

    import syllapy

    from lbpreports import engine
    from lbpreports.engine import readability

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="pkg_resources", category=UserWarning)
        from textstat.textstat import textstatistics

    pyphen_count = textstatistics()
    honest = readability.SCORER

    def dictionary_then_pyphen(word: str) -> int:
        if word in syllapy.WORD_DICT:
            return syllapy.WORD_DICT[word]
        return pyphen_count.syllable_count(word)

    words: collections.Counter[str] = collections.Counter()
    fkgl: dict[str, tuple[list[float], list[float]]] = {
        "summary": ([], []),
        "conclusion": ([], []),
    }
    for path in files:
        out = engine.patient_texts(engine.read(path.read_text(encoding="utf-8"), age=55))
        for key, (old, new) in fkgl.items():
            text = "\n".join(s["text"] for s in out["readability"][key]["sentences"])
            if not text:
                continue
            words.update(pyphen_count.remove_punctuation(text.lower()).split())
            old.append(pyphen_count.flesch_kincaid_grade(text))
            new.append(honest.flesch_kincaid_grade(text))

    def total(count) -> int:
        return sum(count(w) * n for w, n in words.items())

    pyphen = total(pyphen_count.syllable_count)
    mixed = total(dictionary_then_pyphen)
    product = total(readability.word_syllables)
    known = sum(n for w, n in words.items() if w in syllapy.WORD_DICT)
    n_words = sum(words.values())
    print(f"{len(files)} reports at age 55: {n_words} words in summary bodies and conclusions")
    print(f"  ({len(words)} distinct; {known / n_words:.1%} of words in syllapy's dictionary)")
    print(f"pyphen (textstat 0.7.4):              {pyphen:7d} syllables")
    print(f"syllapy dictionary, else pyphen:      {mixed:7d} syllables")
    print(f"syllapy dictionary, else vowel groups: {product:6d} syllables (the product's)")
    print(f"pyphen undercount: {1 - pyphen / product:.1%} of the product's count")
    shift = 11.8 * (product - pyphen) / n_words
    print(f"FKGL shift at the same sentence length (11.8 x syllables per word): +{shift:.2f}")
    differ = [
        (n, w, pyphen_count.syllable_count(w), readability.word_syllables(w))
        for w, n in words.items()
        if pyphen_count.syllable_count(w) != readability.word_syllables(w)
    ]
    print("counted differently most often (word: pyphen -> product, times):")
    for n, w, a, b in sorted(differ, reverse=True)[:12]:
        print(f"  {w}: {a} -> {b}, {n}")
    for key, (old, new) in fkgl.items():
        print(
            f"{key} FKGL median: pyphen {statistics.median(old):.1f}, "
            f"product {statistics.median(new):.1f} (max {max(old):.1f} -> {max(new):.1f})"
        )

    grades: dict[str, list[float]] = {"summary": [], "conclusion": []}
    hard = 0
    for path in files:
        text = path.read_text(encoding="utf-8")
        for age in (None, 45, 72):
            out = engine.patient_texts(engine.read(text, age=age))
            for key, values in grades.items():
                values.append(out["readability"][key]["fkgl"])
            hard += sum(p["kind"] == "hard_sentence" for p in out["problems"])
    print(f"{len(files)} reports at ages unknown, 45 and 72, the product's count:")
    for key, values in grades.items():
        print(f"  {key} FKGL median {statistics.median(values):.1f}, maximum {max(values):.1f}")
    print(f"  sentences above grade 8 flagged by the safety checker: {hard}")


if __name__ == "__main__":
    main()
