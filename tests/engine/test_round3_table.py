"""Made-up reports for what the third round of cold readers found: what the report explains
itself is not left as "something that needs more tests", a new fracture is never called old, a
lesion named benign beside a cancer history says the report thinks it is not cancer."""

import pytest

from lbpreports import engine
from lbpreports.engine.report import patient_texts
from tests.engine.test_round1_table import _section, check_row

NEEDS_TESTS = "The report also describes something that your GP will explain to you."
NOT_CANCER = "The report thinks this is most likely not cancer."

ROWS = [
    # (fault, report, section, sentences that must be there, words that must not)
    (
        "danger words the next sentence names as a red flag at their level",
        "Findings: Fluid signal and enhancement within the L3-4 disc, with marrow oedema of "
        "the adjacent vertebral bodies. Appearances are in keeping with L3-4 discitis.\n"
        "L5-S1: Mild disc bulge.",
        "follow_up",
        ["The scan shows an infection"],
        [NEEDS_TESTS],
    ),
    (
        "a new fracture in one impression item, an old one in the next",
        "Findings: New L1 compression fracture with 20% loss of height. Old T11 wedge "
        "fracture, unchanged.\nImpression:\n1. New L1 compression fracture.\n2. Old T11 "
        "fracture, unchanged.",
        "follow_up",
        ["The scan shows a broken bone (fracture) in the 1st bone of your lower back (L1)"],
        ["old broken bone (fracture) in the 1st bone"],
    ),
    (
        "a lesion named a haemangioma, with metastasis not favoured, in a patient with cancer",
        "Clinical history: previous bowel cancer.\nFindings: 11 mm L2 vertebral lesion, "
        "consistent with a hemangioma. Metastasis is not favored.\nL4-L5: Mild disc bulge.",
        "found",
        ["(haemangioma) in the 2nd bone of your lower back (L2). It measures 11 mm. " + NOT_CANCER],
        [NEEDS_TESTS, "other details in medical words"],
    ),
    (
        "an examination title marked as an emergency",
        "MRI LUMBAR SPINE - EMERGENCY\nFindings: Mild L4-5 disc bulge.",
        "found",
        ["The scan shows a mild disc bulge"],
        ["other details in medical words"],
    ),
]


@pytest.mark.parametrize(("fault", "report", "key", "present", "absent"), ROWS)
def test_row(fault, report, key, present, absent):
    check_row(fault, report, key, present, absent)


@pytest.mark.parametrize(
    "report",
    [
        # the red flag is at another level: it does not explain the danger words
        "Findings: Fluid signal and enhancement within the L1-2 disc. Appearances are in "
        "keeping with L4-5 discitis.",
        # the red flag is ruled out: nothing explains the danger words
        "Findings: Enhancement within the L3-4 disc. No discitis at L3-4.",
        # two places in one sentence: the haemangioma does not explain the lesion at L5
        "Findings: L3 haemangioma and a lytic lesion at L5.",
    ],
)
def test_danger_that_nothing_explains_stays_first(report):
    reading = engine.read(report, age=55)
    assert any(u.danger for u in reading.unexplained), reading.unexplained
    out = patient_texts(reading)
    assert NEEDS_TESTS in _section(out, "follow_up")


@pytest.mark.parametrize(
    ("report", "key", "sentence"),
    [
        (
            "Findings: L3-4 spondylodiscitis with a small epidural abscess at L3-4.",
            "follow_up",
            "an infection of a disc and bone, with a small pocket of pus (abscess)",
        ),
        (
            "Findings: Large disc extrusion compressing the cauda equina at L3.",
            "follow_up",
            "at the level of the 3rd bone of your lower back",
        ),
        (
            "Findings: Acute L3 compression fracture.",
            "follow_up",
            "in the 3rd bone of your lower back",
        ),
    ],
)
def test_what_and_where_are_said_as_the_report_says(report, key, sentence):
    out = patient_texts(engine.read(report, age=55))
    assert sentence in _section(out, key)
    assert out["problems"] == []


def test_the_conclusion_says_a_haemangioma_is_most_likely_not_cancer_after_a_cancer():
    report = (
        "Clinical history: previous bowel cancer.\nFindings: 11 mm L2 vertebral lesion, "
        "consistent with a hemangioma. Metastasis is not favored.\nL4-L5: Mild disc bulge."
    )
    conclusion = patient_texts(engine.read(report, age=55))["conclusion"]
    assert "(haemangioma) in the 2nd bone of your lower back (L2)" in conclusion
    assert NOT_CANCER in conclusion
    without_history = report.replace("Clinical history: previous bowel cancer.\n", "")
    assert "cancer" not in patient_texts(engine.read(without_history, age=55))["conclusion"]


@pytest.mark.parametrize(
    ("report", "sentence"),
    [
        (
            "Findings: New 6 mm focus in the L1 vertebral body, suspicious for a metastasis.",
            "The report suspects the scan shows signs of cancer",
        ),
        (
            "Findings: Appearances are concerning for discitis at L2-3.",
            "The report suspects the scan shows an infection",
        ),
    ],
)
def test_a_suspicion_is_said_as_the_report_leans(report, sentence):
    out = patient_texts(engine.read(report, age=55))
    text = _section(out, "follow_up")
    assert sentence in text, text
    assert "cannot rule out" not in text
    assert out["problems"] == []


def test_a_technique_line_recommends_no_test():
    report = (
        "TECHNIQUE: Multiplanar MR imaging of the lumbar spine was performed without "
        "intravenous contrast.\nFindings: Mild L4-5 disc bulge.\nImpression: A contrast-enhanced "
        "MRI may be performed if infection is suspected clinically."
    )
    reading = engine.read(report, age=55)
    assert [f.text for f in reading.flags if f.kind == "recommendation"] == [
        "A contrast-enhanced MRI may be performed if infection is suspected clinically."
    ]
    bare = engine.read(report.split("\nImpression")[0], age=55)
    assert not [f for f in bare.flags if f.kind == "recommendation"]
    assert "dye" not in patient_texts(bare)["conclusion"]


def test_a_test_the_report_says_is_not_needed_is_not_suggested():
    report = (
        "Findings: 7 mm sclerotic focus in L3.\nAddendum: The L3 focus is unchanged since 2021 "
        "and in keeping with a bone island. No further imaging is required for it."
    )
    reading = engine.read(report, age=55)
    assert not [f for f in reading.flags if f.kind == "recommendation"]
    out = patient_texts(reading)
    assert "scan later" not in _section(out, "follow_up") + out["conclusion"]
    assert out["problems"] == []
