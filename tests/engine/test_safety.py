"""The safety checker against adversarial GP edits."""

import pytest

from lbpreports import engine
from lbpreports.engine import safety
from lbpreports.engine.report import patient_texts, summary_body

FRACTURE = "Findings: Acute L1 compression fracture. Mild L4-5 disc bulge. No spinal stenosis."


def kinds(reading, text):
    return {p.kind for p in safety.check(reading, text)}


@pytest.fixture
def fracture():
    return engine.read(FRACTURE)


def test_the_engines_own_text_has_no_problems(fracture):
    out = patient_texts(fracture)
    assert out["problems"] == []


def test_deleting_the_urgent_sentence(fracture):
    assert "urgent_missing" in kinds(fracture, "The scan shows a mild disc bulge at L4-L5.")


def test_lay_words_count_as_naming_the_red_flag(fracture):
    for text in ("There is a broken bone in your back.", "One bone has a crack in it."):
        assert "urgent_missing" not in kinds(fracture, text)


def test_negated_lay_wording_does_not_count(fracture):
    assert "urgent_missing" in kinds(fracture, "There is no sign of a broken bone.")


def test_your_scan_is_fine_beside_a_fracture(fracture):
    text = "The scan shows a broken bone (L1). Your scan is fine otherwise."
    assert "reassurance_with_urgent" in kinds(fracture, text)


def test_reassurance_beside_unexplained_danger():
    reading = engine.read("Findings: There is a 3 x 2 cm lesion compressing the thecal sac.")
    assert "reassurance_with_urgent" in kinds(reading, "Nothing to worry about.")
    assert "unexplained_content" in kinds(reading, "The scan shows a disc bulge.")
    assert "unexplained_content" not in kinds(
        reading, "The report describes something your GP will explain."
    )


def test_a_negated_finding_rewritten_as_present():
    reading = engine.read("Findings: No fracture. Mild L4-5 disc bulge.")
    assert "negated_as_present" in kinds(reading, "The scan shows a broken bone.")
    assert "negated_as_present" not in kinds(reading, "There is no sign of a broken bone.")


def test_a_causal_claim_typed_in(fracture):
    text = "The scan shows a broken bone. The disc bulge is causing your pain."
    assert "causal_claim" in kinds(fracture, text)


def test_treatment_advice_typed_in(fracture):
    text = "The scan shows a broken bone. You should have surgery and physiotherapy."
    assert "treatment_advice" in kinds(fracture, text)


def test_hard_sentences_unless_fixed_safety_sentences(fracture):
    hard = (
        "The radiological appearances demonstrate multilevel degenerative spondylotic "
        "intervertebral osteochondrosis with concomitant fracture."
    )
    assert "hard_sentence" in kinds(fracture, hard)
    assert "hard_sentence" not in {p.kind for p in safety.check(fracture, hard, frozenset([hard]))}


def test_summary_body_stops_before_the_glossary(fracture):
    out = patient_texts(fracture)
    from lbpreports.engine.writer import write

    body = summary_body(write(fracture).summary)
    assert "Words in your report" not in body
    assert out["readability"]["summary"]["sentences"]


def test_a_stated_normal_cord_is_not_read_as_pressure_on_it():
    reading = engine.read(
        "Findings: Mild L4-5 disc bulge. No cord compression. The cord is normal."
    )
    assert "negated_as_present" not in kinds(reading, "The spinal cord looks normal.")
    assert "negated_as_present" in kinds(reading, "There is pressure on the spinal cord.")
