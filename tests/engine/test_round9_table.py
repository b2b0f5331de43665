"""Made-up reports for what the ninth round of cold readers found (issue 12): a normal study
read as normal and its own negatives said in plain words; report furniture (an examination line
of several fields, a signature with a degree, a scan time, a final report to be issued, an
outside study provided, "Impression otherwise unchanged.") never an unexplained line; a sentence
that says more of the finding just named ("This is new since the 2023 radiographs.", "It is
possibly chronic.") read with it; a fracture's percentage, age and cause said plainly, and its
benign alternative kept; a test suggested only if something holds said so; the lower end of the
cord not called the cord; thin bones beside a fracture not a minor thing; a curve's side. (The
furniture lines of this round are in test_round10_table.py's one list of them.)"""

import pytest

from lbpreports import engine
from tests.engine.test_round1_table import check_row

NORMAL = (
    "MRI LUMBAR SPINE\n\nPatient: Declan Marsh        Age: 41        Sex: M\n"
    "Examination date: 09/06/2025\n\nClinical notes: 41-year-old man with low back pain. "
    "?disc prolapse.\n\nFindings:\nNormal alignment. There is no spondylolisthesis.\n"
    "No fracture or suspicious marrow lesion.\nNo disc bulge, protrusion or extrusion at any "
    "level.\nNo canal or foraminal stenosis. No nerve root compression.\n\nImpression:\n"
    "Normal MRI of the lumbar spine. No structural cause for the back pain is demonstrated.\n\n"
    "Miriam Castellanos, MD"
)
FRACTURE = (
    "Findings: There is an acute compression fracture of the L1 vertebral body with "
    "approximately 40% loss of anterior height. This is new since the 2023 radiographs.\n"
    "A 6 mm retropulsed fragment narrows the central canal at L1 by about 35%.\n"
    "The conus is normal in signal."
)
OSTEOPOROTIC = (
    "XR LUMBAR SPINE AP AND LATERAL\nFindings: Wedge compression fracture of L1 with about 25% "
    "loss of anterior height, in keeping with an osteoporotic fracture. It is possibly chronic. "
    "The bones are diffusely osteopenic. Mild scoliosis convex to the right.\n"
    "Impression: L1 osteoporotic compression fracture, possibly chronic. Correlate with any "
    "history of trauma; MRI could be considered if an acute fracture is suspected clinically."
)

ROWS = [
    (
        "a normal study not read as normal, its negatives and its referral question unanswered",
        NORMAL,
        "found",
        [
            "Your scan of the lower back looks normal.",
            "It did not show a disc pushing out, a disc bulge or pressure on the nerves.",
        ],
        ["other details in medical words"],
    ),
    (
        "a normal study's conclusion that says only the unexplained line",
        NORMAL,
        "conclusion",
        ["Your scan of the lower back looks normal. The scan did not show a broken bone"],
        ["other details in medical words"],
    ),
    (
        "a fracture's height loss said as 'It measures about 40%', its newness lost",
        FRACTURE,
        "follow_up",
        [
            "which is new since your last scan. It has lost about 40% of its height at the front.",
            "The canal is narrowed by about 35%.",
        ],
        ["It measures about 40%", "It is about 35%", "The spinal cord looks normal."],
    ),
    (
        "an osteoporotic fracture 'possibly chronic' said as a fresh break, thin bones minor",
        OSTEOPOROTIC,
        "follow_up",
        [
            "The report is not sure how old the break at L1 is.",
            "The report says the break at L1 is the kind seen with thin bones (osteoporosis).",
            "The report says more tests may help: an MRI scan.",
        ],
        ["- bones that are thinner than they should be"],
    ),
    (
        "a curve convex to the right said as a curve 'on the right'",
        OSTEOPOROTIC,
        "found",
        ["a mild sideways curve of the spine that bends out to the right"],
        ["curve of the spine on the right"],
    ),
    (
        "a possible fracture whose benign alternative is dropped",
        "PROVISIONAL REPORT\nFindings: Possible undisplaced fracture of the right L2 "
        "transverse process; this may instead be an unfused ossification centre. "
        "L4-5: mild central canal stenosis, AP diameter 9 mm.\nThis will be reviewed by a "
        "consultant radiologist and a final report will be issued.\nScanned: 21 February 2025, "
        "22:40",
        "follow_up",
        ["The report says it may instead be a piece of bone that did not join up as it grew."],
        ["other details in medical words"],
    ),
]


@pytest.mark.parametrize(("fault", "report", "key", "present", "absent"), ROWS)
def test_row(fault, report, key, present, absent):
    check_row(fault, report, key, present, absent)


def test_the_conus_is_not_called_the_spinal_cord():
    out = check_out(FRACTURE)
    assert "The lower end of the spinal cord looks normal." in out["summary"]["text"]
    assert "The spinal cord looks normal." not in out["summary"]["text"]


def check_out(report):
    from lbpreports.engine.report import patient_texts

    return patient_texts(engine.read(report, age=55))


def test_a_pronoun_sentence_gives_its_change_to_the_finding_before_it():
    reading = engine.read(FRACTURE)
    fracture = next(f for f in reading.findings if f.concept == "fracture")
    assert fracture.change == "new"
    assert not reading.unexplained


def test_correlating_with_tenderness_is_for_the_gp_not_an_unexplained_line():
    reading = engine.read("Findings: Mild L4-5 disc bulge. Correlate with point tenderness.")
    assert not reading.unexplained
    assert "recommendation" in {f.kind for f in reading.flags}


def test_calcification_of_the_aorta_is_an_incidental_finding():
    reading = engine.read("Findings: Mild L4-5 disc bulge. Calcification of the abdominal aorta.")
    assert "incidental_finding" in {f.concept for f in reading.findings}
