"""Made-up reports and the patient sentences they must give: one row at least for each fault
the writer used to make (said twice or both ways, contradiction, wrong tier, scares, two urgency
lines, lost detail, prevalence rounding and reassurance beside an emergency)."""

import pytest

from lbpreports import engine
from lbpreports.engine import knowledge
from lbpreports.engine.report import patient_texts, summary_body

FIXED = knowledge.load().lay["fixed"]


def texts(report, age=45):
    reading = engine.read(report, age=age)
    out = patient_texts(reading)
    return reading, summary_body(out["summary"]["sections"]), out


ROWS = [
    # (fault, report, sentences that must be there, words that must not)
    (
        "said both ways",
        "Findings: Sclerotic metastases at T11 and L3. Impression: Metastatic disease at T11 "
        "and L3. Marrow infiltration at L3 cannot be excluded.",
        [
            "The scan shows cancer that has spread to the bones (metastases) at 2 levels of your "
            "spine (T11, L3)."
        ],
        ["cannot rule out"],
    ),
    (
        "said twice with a hedge",
        "Findings: Mild L1 compression fracture. Impression: Likely osteoporotic L1 fracture.",
        ["The scan shows a mild break in a bone (fracture) in the 1st bone of your lower back"],
        ["what is likely", "(mild)"],
    ),
    (
        "contradiction: abutted, not impinged",
        "Findings: At L5-S1 a small right paracentral protrusion abuts but does not impinge "
        "the right S1 nerve root.",
        [
            "a small disc protrusion (part of the disc pushes out) on the right",
            "The scan did not show pressure on the nerves at L5-S1.",
        ],
        ["pressure on a nerve", "shows pressure on the", "pressing on"],
    ),
    (
        "wrong tier: a haematoma pressing on the sac",
        "Findings: Epidural haematoma dorsal to T12-L1 flattening the thecal sac.",
        [
            "The scan shows bleeding in the canal of the spine (haematoma) at T12-L1.",
            "It is pressing on the sac of fluid around the nerves at T12-L1.",
            FIXED["emergency"]["text"],
        ],
        ["also mentions these things"],
    ),
    (
        "scare: a normal study",
        "MRI lumbar spine. Findings: Normal study. No abnormality detected.",
        ["Your scan of the lower back looks normal."],
        ["other details in medical words"],
    ),
    (
        "scare: a benign characterisation",
        "Findings: L2 lesion consistent with a haemangioma; metastasis is not favoured.",
        ["a clump of blood vessels in a bone (haemangioma) in the 2nd bone of your lower back"],
        ["cancer", "cannot rule out", "needs more tests"],
    ),
    (
        "two urgency lines",
        "Findings: L1 compression fracture. Large L4-5 extrusion compressing the cauda equina.",
        [FIXED["emergency"]["text"], FIXED["emergency_netting"]["text"], "Your legs feel weak."],
        [FIXED["urgent_intro"]["text"], "if you get new", "new trouble"],
    ),
    (
        "lost detail: side and severity as a word",
        "Findings: Severe left L4/5 foraminal stenosis.",
        ["severe narrowing where a nerve leaves the spine on the left"],
        ["(severe)"],
    ),
    (
        "lost detail: the cauda equina named alone",
        "Findings: Large L4-5 extrusion severely compressing the cauda equina.",
        ["(cauda equina)"],
        ["spinal cord or", "main bundle"],
    ),
]


@pytest.mark.parametrize(("fault", "report", "wanted", "unwanted"), ROWS, ids=[r[0] for r in ROWS])
def test_the_patient_sentences(fault, report, wanted, unwanted):
    reading, body, out = texts(report)
    for sentence in wanted:
        assert sentence in body, (fault, body)
        if reading.urgent:  # the conclusion names every urgent finding too
            assert sentence in out["conclusion"], (fault, out["conclusion"])
    for text in (body, out["conclusion"]):
        for words in unwanted:
            assert words not in text, (fault, words, text)
    assert out["problems"] == []


def test_a_report_still_to_come_names_nothing_as_settled():
    reading, body, out = texts(
        "PRELIMINARY REPORT - awaiting consultant review. MRI lumbar spine. Findings: Mild "
        "L4-5 disc bulge."
    )
    assert reading.document == "preliminary"
    for text in (body, out["conclusion"]):
        assert FIXED["preliminary"]["text"] in text
        assert "The scan shows" not in text
    assert "The first look at the scan shows a mild disc bulge" in body


def test_prevalence_words_come_from_the_unrounded_value():
    _r, body, out = texts("Findings: Mild L4-5 disc bulge.", age=55)
    (figure,) = out["prevalence"]
    assert figure["percent"] == 65  # 64.5 shown rounded
    assert "About 6 in 10 people aged 55 without back pain have disc bulges." in body


def test_no_prevalence_section_and_no_general_line_beside_an_emergency():
    _r, body, out = texts(
        "Findings: Disc bulge at L2-3. Large L4-5 extrusion compressing the cauda equina.", age=60
    )
    assert FIXED["common_intro"]["text"] not in body + out["conclusion"]
    assert FIXED["common_first"]["text"] not in body + out["conclusion"]
    assert "without back pain" not in body
    assert out["prevalence"] and all(
        not p["shown"] and p["withheld"] == "emergency" for p in out["prevalence"]
    )
    assert out["prevalence_notes"]


def test_a_stated_normal_beside_an_urgent_finding_is_not_reassurance():
    _r, body, out = texts("Findings: L1 compression fracture. The conus is normal in signal.")
    assert "The lower end of the spinal cord looks normal." in body
    assert "The other discs look normal." not in body
    assert out["problems"] == []
