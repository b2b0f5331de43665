"""Rules that must hold over the whole corpus: every CC BY note and every synthetic report,
at three ages. Readability is never bought by leaving things out: completeness is checked too."""

import statistics
from pathlib import Path

import pytest

from lbpreports import engine
from lbpreports.engine.report import patient_texts

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared" / "corpus" / "lsmri"
DEVSET = ROOT / "tests" / "devset" / "reports"


def corpus_files():
    files = sorted(DEVSET.glob("*.txt"))
    if CORPUS.is_dir():
        seen = {f.name for f in files}
        files += [f for f in sorted(CORPUS.glob("*.txt")) if f.name not in seen]
    return files


@pytest.fixture(scope="module")
def outputs():
    results = []
    for path in corpus_files():
        text = path.read_text(encoding="utf-8")
        for age in (None, 45, 72):
            reading = engine.read(text, age=age)
            results.append((path.name, reading, patient_texts(reading)))
    return results


def test_the_corpus_is_all_there(outputs):
    assert len({name for name, _r, _o in outputs}) >= 195


def test_summary_readability(outputs):
    grades = [o["readability"]["summary"]["fkgl"] for _n, _r, o in outputs]
    assert statistics.median(grades) <= 6
    assert max(grades) <= 8


def test_conclusion_readability(outputs):
    assert max(o["readability"]["conclusion"]["fkgl"] for _n, _r, o in outputs) <= 7


def test_no_problems_in_the_engines_own_texts(outputs):
    bad = [(n, o["problems"]) for n, _r, o in outputs if o["problems"]]
    assert bad == []


def test_completeness_report_by_report(outputs):
    """Every urgent finding is in the follow-up section; every other present finding's level
    code is in the summary."""
    for name, reading, out in outputs:
        text = out["summary"]["text"]
        follow = next(
            (s for s in out["summary"]["sections"] if s["heading"] == "What needs follow-up"),
            None,
        )
        if reading.urgent:
            assert follow is not None, name
        for f in reading.findings:
            if f.assertion in ("present", "uncertain", "historical"):
                for level in f.levels:
                    assert level in text, (name, f.concept, level)
        if any(u.danger for u in reading.unexplained):
            assert "Your GP will explain it to you." in text, name
