"""Rules that must hold over the whole corpus: every CC BY note and every synthetic report,
at three ages. Readability is never bought by leaving things out: completeness is checked too."""

import json
import re
import statistics
from pathlib import Path

import pytest

from lbpreports import engine
from lbpreports.engine.report import patient_texts

ROOT = Path(__file__).resolve().parents[2]
# The CC BY 4.0 notes, copied into the repository (docs/domain.md section 6).
CORPUS = ROOT / "tests" / "data" / "lsmri"
NOTES = 515
DEVSET = ROOT / "tests" / "devset" / "reports"


def cc_by_notes() -> list[Path]:
    """All 515 notes, or a loud failure: the corpus rules must never run on a part of it."""
    notes = sorted(CORPUS.glob("lsmri_*.txt"))
    assert len(notes) == NOTES, f"{CORPUS} holds {len(notes)} notes, not {NOTES}"
    return notes


def corpus_files() -> list[Path]:
    notes = cc_by_notes()
    seen = {f.name for f in notes}
    return notes + [f for f in sorted(DEVSET.glob("*.txt")) if f.name not in seen]


@pytest.fixture(scope="module")
def outputs():
    results = []
    for path in corpus_files():
        text = path.read_text(encoding="utf-8")
        for age in (None, 45, 72):
            reading = engine.read(text, age=age)
            results.append((path.name, reading, patient_texts(reading)))
    return results


def test_every_output_is_json(outputs):
    """What the app stores: the contract and the patient texts as JSON (a regular expression's
    match once reached a finding's `emergency` flag and broke every save)."""
    for _name, reading, out in outputs:
        json.dumps({**engine.to_contract(reading), **out})
        assert all(isinstance(f.emergency, bool) for f in reading.findings)


def test_the_cc_by_notes_are_all_there():
    assert len(cc_by_notes()) == NOTES


def test_the_corpus_is_all_there(outputs):
    names = {name for name, _r, _o in outputs}
    synthetic = {f.name for f in DEVSET.glob("syn_*.txt")}
    assert len(synthetic) >= 45
    assert {f.name for f in cc_by_notes()} | synthetic <= names
    assert len(names) >= NOTES + len(synthetic)


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
    from lbpreports.engine import knowledge

    danger_line = knowledge.load().lay["fixed"]["unexplained_danger"]["text"]
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
        # each danger sentence in its plain words where lay.yaml `described` knows it (`danger:
        # true`), else as "something that your GP will explain"
        rows = [r for r in knowledge.load().lay.get("described") or [] if r.get("danger")]
        for u in (u for u in reading.unexplained if u.danger):
            row = next(
                (r for r in rows if re.search(rf"\b(?:{r['words']})", u.text, re.IGNORECASE)),
                None,
            )
            said = row["says"].split("{where}")[0] if row else danger_line
            assert said in text, (name, u.text)


def _sentences(out) -> list[list[str]]:
    """The summary body's sentences and the conclusion's, each a list."""
    from lbpreports.engine import readability
    from lbpreports.engine.report import summary_body

    body = summary_body(out["summary"]["sections"])
    return [readability.sentences(body), readability.sentences(out["conclusion"])]


def test_no_sentence_is_said_twice(outputs):
    twice = []
    for name, _r, out in outputs:
        for sentences in _sentences(out):
            seen = set()
            for sentence in sentences:
                if sentence in seen:
                    twice.append((name, sentence))
                seen.add(sentence)
    assert twice == []


def test_one_urgency_line_and_the_exact_safety_netting(outputs):
    from lbpreports.engine import knowledge

    fixed = knowledge.load().lay["fixed"]
    today, soon = fixed["emergency"]["text"], fixed["urgent_intro"]["text"]
    netting = [fixed["emergency_netting"]["text"]] + [i["text"] for i in fixed["emergency_list"]]
    emergencies = 0
    for name, reading, out in outputs:
        emergency = any(f.emergency for f in reading.findings)
        emergencies += emergency
        for sentences in _sentences(out):
            text = " ".join(sentences)
            assert not (today in sentences and soon in sentences), name
            if emergency:
                assert today in sentences, name
                assert all(line in text for line in netting), name
            else:
                assert today not in sentences, name
        assert "if you get new" not in out["summary"]["text"].lower(), name
    assert emergencies > 0


def test_the_general_prevalence_line_only_where_it_is_allowed(outputs):
    from lbpreports.engine import knowledge

    fixed = knowledge.load().lay["fixed"]
    general = (fixed["common_intro"]["text"], fixed["common_first"]["text"])
    for name, reading, out in outputs:
        text = out["summary"]["text"]
        if not any(line in text for line in general):
            continue
        assert not reading.urgent, name
        assert not any(u.danger for u in reading.unexplained), name
        assert any(p["shown"] for p in out["prevalence"]), name


def test_the_fact_check_finds_nothing_in_the_engines_own_texts(outputs):
    """Every finding kept with its level, side, size, severity and change; nothing said twice,
    both ways or invented; over the devset and the corpus at three ages, in both modes."""
    from lbpreports.engine import facts

    bad = []
    for name, reading, out in outputs:
        for problem in facts.check(reading, out["summary"]["sections"]) + facts.check(
            reading, out["conclusion"], conclusion=True
        ):
            bad.append((name, reading.age, problem.kind, problem.detail))
    assert bad == []
