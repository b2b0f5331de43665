"""Made-up reports for what the twenty-first round of cold readers found (issue 12), one row per
fault: each sentence expected in its section, none of the unwanted words in either text, the fact
check quiet (`check_row` of the first table, age 55)."""

import pytest

from lbpreports import engine
from lbpreports.engine import patient_texts
from tests.engine.test_round1_table import check_row

AORTA = (
    "Examination: CT abdomen and lumbar spine\n\n"
    "Findings:\nAbdomen:\n"
    "The infrarenal aorta is aneurysmal, measuring 3.4 cm in AP diameter over a length of 5 cm. "
    "No features of leak or rupture.\n"
    "A 1.8 cm lesion in the upper pole of the right kidney is of soft tissue density.\n\n"
    "Lumbar spine:\nMild disc space narrowing at L4-5.\n"
)

ROWS_21 = [
    (
        "'loss of normal T2 disc signal' read as a dry disc in the upper back (T2)",
        "MRI LUMBAR SPINE\nFindings: Loss of normal T2 disc signal (desiccation) at L4/5 and "
        "L5/S1. No canal stenosis.\n",
        "found",
        ["L4-L5", "L5-S1"],
        ["T2", "middle back", "upper back"],
    ),
    (
        "the second grade of 'Neural foramina: mild ... right, moderate ... left' to the canal",
        "MRI LUMBAR SPINE\nFindings:\nL4-L5: Mild central canal stenosis. Neural foramina: mild "
        "stenosis on the right, moderate stenosis on the left.\n",
        "found",
        [
            "The scan shows mild narrowing of the spinal canal",
            "moderate narrowing where the nerves leave the spine on the left at L4-L5",
            "mild narrowing where the nerves leave the spine on the right at L4-L5",
        ],
        ["moderate narrowing of the spinal canal"],
    ),
    (
        "'moderate on the right and mild on the left' foramina lose a side and both grades",
        "MRI LUMBAR SPINE\nFindings:\nL5-S1: The disc bulge and facet arthropathy narrow the "
        "neural foramina, moderate on the right and mild on the left. No canal stenosis.\n",
        "found",
        [
            "moderate narrowing where the nerves leave the spine on the right at L5-S1",
            "mild narrowing where the nerves leave the spine on the left at L5-S1",
        ],
        [],
    ),
    (
        "'a pathological L1 fracture cannot be excluded' said as a possible break, not cancer",
        "CT LUMBAR SPINE\nFindings: Acute L1 compression fracture with 25% loss of height.\n"
        "Impression: Known lung cancer. A pathological L1 fracture cannot be excluded; MRI is "
        "recommended.\n",
        "follow_up",
        ["The scan cannot rule out signs of cancer at L1."],
        ["cannot rule out a broken bone"],
    ),
    (
        "an indeterminate lesion said as 'cannot rule out an area ... that needs more tests'",
        "MRI LUMBAR SPINE\nFindings: Indeterminate 12 mm lesion in the L2 vertebral body. "
        "Contrast-enhanced MRI is advised.\n",
        "follow_up",
        ["The scan shows an area in the bone that needs more tests in the 2nd bone of your lower"],
        ["cannot rule out an area"],
    ),
    (
        "'of indeterminate age, probably old' loses the report's lean",
        "XR LUMBAR SPINE\nFindings: L2 wedge compression fracture of indeterminate age, probably "
        "old.\n",
        "follow_up",
        ["The report thinks the break at L2 is probably old, but it is not sure."],
        ["not sure how old"],
    ),
    (
        "a CT of the abdomen and lumbar spine called a scan of the lower back",
        AORTA,
        "looked_at",
        ["This was a CT scan of your belly and lower back."],
        [],
    ),
    (
        "an aneurysm's length said as a second size; 'no features of leak' left unexplained",
        AORTA,
        "follow_up",
        ["It measures 3.4 cm. It is 5 cm long.", "There are no signs that it is leaking."],
        ["It measures 3.4 cm and 5 cm", "other details in medical words"],
    ),
    (
        "a lesion 'in the upper pole of the right kidney' left in medical words",
        AORTA,
        "follow_up",
        ["The scan shows a lump in the right kidney."],
        ["something that needs more tests"],
    ),
    (
        "'Eval for disc herniation' in the indication said as a disc that pushed out in the past",
        "MRI LUMBAR SPINE\nIndication: Right leg pain for 5 days. Eval for disc herniation.\n"
        "Findings: Right L5-S1 disc extrusion compressing the right S1 nerve root.\n",
        "found",
        ["a disc that has pushed out a long way (extrusion) on the right at L5-S1"],
        ["in the past"],
    ),
    (
        "'No follow-up is required' after a benign spot not said",
        "CT LUMBAR SPINE\nFindings: A 6 mm sclerotic focus in L4 is in keeping with a bone "
        "island. No follow-up is required.\n",
        "found",
        ["The report says no more scans are needed for it."],
        ["other details in medical words"],
    ),
    (
        "scar tissue 'unchanged' after surgery not said (past surgery itself does not change)",
        "MRI LUMBAR SPINE\nHistory: Left L5-S1 discectomy 2022.\nFindings: Postoperative change "
        "of a left hemilaminotomy at L5-S1. Epidural scar tissue surrounds the left S1 nerve "
        "root, unchanged from 2023.\n",
        "found",
        ["The scar tissue has not changed since your last scan."],
        [],
    ),
    (
        "an annular fissure called a tear (an injury) and thin bones called 'a bit thin'",
        "MRI LUMBAR SPINE\nFindings: Small annular fissure at L5-S1. Mild osteopenia.\n",
        "found",
        ["split in the outer ring of a disc", "bones that are thinner than they should be"],
        ["tear", "a bit thin"],
    ),
    (
        "a causal claim's word explained to the patient, who is never told the claim",
        "MRI LUMBAR SPINE\nFindings: Left L4-5 protrusion abutting the left L5 nerve root. "
        "This may relate to the patient's radiculopathy.\n",
        "words",
        ["protrusion: Part of the disc pushes out a little further than a bulge."],
        ["radiculopathy", "may relate", "other details in medical words"],
    ),
    (
        "a desiccation grade said as 'a disc with moderate loss of water' beside 'dry discs'",
        "MRI LUMBAR SPINE\nFindings: Moderate disc desiccation at L4-5.\n",
        "found",
        ["The scan shows a moderately dry disc"],
        ["loss of water at"],
    ),
]


@pytest.mark.parametrize(("fault", "report", "key", "present", "absent"), ROWS_21)
def test_row(fault, report, key, present, absent):
    check_row(fault, report, key, present, absent)


def _next(report: str) -> list[str]:
    out = patient_texts(engine.read(report, age=55))
    return next(s for s in out["summary"]["sections"] if s["key"] == "next")["paragraphs"]


def test_the_questions_fit_the_text():
    """The same three questions under every text read to patients as a form (round 20)."""
    urgent = _next(
        "MRI LUMBAR SPINE\nFindings: Indeterminate 12 mm lesion in L2. Contrast MRI is advised. "
        "Mild L4-5 disc bulge.\n"
    )
    assert "- How soon will this be looked at, and what happens first?" in urgent
    assert "- When and where will I have the tests the report suggests?" in urgent
    assert "- Which of these findings matter most for me?" in urgent
    assert "- Do I need any more tests or care?" not in urgent
    normal = _next("MRI LUMBAR SPINE\nFindings: Normal study. No disc herniation.\n")
    assert "- What does a normal scan mean for me?" in normal
    assert "- What do these findings mean for me?" not in normal
    assert not any("How soon" in line or "matter most" in line for line in normal)


def test_a_long_list_of_tests_is_said_in_two_sentences():
    out = patient_texts(
        engine.read(
            AORTA + "Follow-up ultrasound surveillance is recommended. "
            "Renal ultrasound or multiphase renal CT is recommended.\n",
            age=66,
        )
    )
    follow = next(s for s in out["summary"]["sections"] if s["key"] == "follow_up")
    line = next(p for p in follow["paragraphs"] if p.startswith("The report suggests"))
    assert line.count(". ") >= 2 and "It also suggests" in line, line
    assert out["problems"] == []


def test_the_commonest_disc_figure_comes_first_in_a_group():
    out = patient_texts(
        engine.read(
            "XR LUMBAR SPINE\nFindings: Disc space narrowing and degenerative disc "
            "disease at L3/4 and L4/5.\n",
            age=80,
        )
    )
    sentence = next(
        p
        for s in out["summary"]["sections"]
        if s["key"] == "prevalence"
        for p in s["paragraphs"]
        if p.startswith("Of those")
    )
    assert "nearly all have" in sentence, sentence
