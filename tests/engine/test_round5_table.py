"""Made-up reports for what the fifth round of cold readers found (issue 12): tests the report
offers as a choice kept as "or"; what the report says of an aortic aneurysm and of calcium in the
arteries kept; the part of a bone a fracture or lesion is in; Scheuermann's disease named in the
conclusion, with its wedged bones, and never as a change that is common with age; cancer the
report names in many bones said as present and in many bones, never as a count of levels, with
what its epidural part presses on; a problem with past surgery (a loose screw, bones not joined)
said plainly under follow-up with its place, side, size and certainty; a disc that touches a nerve
said once, with the contact."""

import re

import pytest

from lbpreports import engine
from lbpreports.engine import knowledge
from lbpreports.engine.report import patient_texts
from tests.engine.test_round1_table import _section, check_row

SPREAD = (
    "Findings: Numerous marrow-replacing metastases throughout the thoracic and lumbar spine, "
    "largest at T11 and L3. At T11-T12 an epidural tumour compresses the thecal sac. It arises "
    "from the T11 deposit.\nImpression: Diffuse osseous metastatic disease."
)
TOUCHING = (
    "Comparison: MRI 2022.\nFindings:\nL4-5: Since the prior study there is a new left "
    "paracentral disc protrusion, abutting the traversing left L5 nerve root.\n"
    "Impression: New left L4-5 protrusion touching the left L5 root."
)
# the contact itself new: "now contacts"
NOW_TOUCHING = (
    "Comparison: MRI 2022.\nFindings:\nL5-S1: Broad-based disc bulge and a right foraminal "
    "protrusion, which now contacts the exiting right L5 nerve root.\n"
    "Impression: New right foraminal L5-S1 protrusion contacting the right L5 root."
)
FUSION = (
    "Indication: L4-S1 fusion in 2020.\nFindings:\nPedicle screws at L4, L5 and S1 with rods "
    "and interbody cages. A 3 mm lucent rim surrounds the left L5 screw, suggesting "
    "loosening. Solid fusion at L4-5; incomplete bony bridging at L5-S1.\nL3-4: Mild disc bulge."
)
SCHEUERMANN = (
    "Findings: Mild anterior wedging of three lower thoracic vertebral bodies with endplate "
    "irregularity, in keeping with Scheuermann's disease. T11-12: Mild disc desiccation.\n"
    "Impression: Scheuermann's disease."
)
PART = "It is in a bony wing on the side of the bone (transverse process)."


def _out(report: str, age: int = 55) -> dict:
    return patient_texts(engine.read(report, age=age))


ROWS = [
    (
        "a disc touching a nerve said twice: as 'a disc touching' and as the protrusion",
        TOUCHING,
        "found",
        [
            "The scan shows a disc protrusion (part of the disc pushes out) on the left at L4-L5. "
            "This is between the 4th and 5th bones of your lower back. It is new since "
            "your last scan. It is touching the L5 nerve on the left at L4-L5."
        ],
        ["a disc touching"],
    ),
    (
        "a disc newly touching a nerve keeps the change of the contact",
        NOW_TOUCHING,
        "found",
        ["new since your last scan. It is newly touching the L5 nerve on the right"],
        ["a disc touching"],
    ),
    (
        "the same disc said twice in the appended conclusion",
        TOUCHING,
        "conclusion",
        ["It is new since your last scan. It is touching the L5 nerve on the left"],
        ["a disc touching", "It also shows a disc protrusion"],
    ),
    (
        "a loose screw and bones not joined said only as 'changes from past surgery'",
        FUSION,
        "follow_up",
        [
            "The scan shows that a screw on the left in the 5th bone of your lower back (L5) may "
            "have come loose. There is a 3 mm gap around it.",
            "The scan shows that the bones at L5-S1 have not fully joined together.",
        ],
        ["common as people get older"],
    ),
    (
        "the same problems in the appended conclusion",
        FUSION,
        "conclusion",
        ["may have come loose. There is a 3 mm gap around it.", "have not fully joined together"],
        [],
    ),
    (
        "a screw the report says is not loose",
        "Findings: L4-5 fusion with pedicle screws. No lucency or loosening of the screws. Mild "
        "L2-3 disc bulge.",
        "found",
        ["The scan shows changes from past surgery"],
        ["come loose", "gap around it"],
    ),
    (
        "cancer in many bones said as 'signs of cancer at 3 levels'",
        SPREAD,
        "follow_up",
        [
            "The scan shows cancer that has spread to the bones (metastases). It is in many "
            "bones of your middle and lower back, including T11 and L3. At T11-T12, it reaches "
            "into the spinal canal. It presses on the sac of fluid around the nerves at T11-T12.",
            "This needs care today.",
        ],
        ["signs of cancer", "3 levels", "levels of your spine"],
    ),
    (
        "cancer in many bones in the appended conclusion",
        SPREAD,
        "conclusion",
        ["It is in many bones of your middle and lower back, including T11 and L3."],
        ["signs of cancer", "levels of your spine"],
    ),
    (
        "an uncertain malignancy keeps its hedge",
        "Findings: Multiple lytic lesions in the lumbar spine, suspicious for myeloma.",
        "follow_up",
        [
            "The report suspects the scan shows signs of cancer. It is in many bones of "
            "your lower back."
        ],
        ["(myeloma)"],
    ),
    (
        "Scheuermann's disease said beside 'common with age', its wedged bones lost",
        SCHEUERMANN,
        "found",
        [
            "- signs of Scheuermann's disease, a change in how the bones grew in the teenage "
            "years. Some of the bones are shaped like a wedge."
        ],
        ["changes that are common with age", "common as people get older"],
    ),
    (
        "Scheuermann's disease missing from the appended conclusion",
        SCHEUERMANN,
        "conclusion",
        [
            "The scan shows signs of Scheuermann's disease, a change in how the bones grew in "
            "the teenage years. Some of the bones are shaped like a wedge."
        ],
        ["changes that are common with age"],
    ),
    (
        "a break in a small part of a bone said as a break in the bone",
        "Findings: Acute fracture of the left L3 transverse process. Mild L4-5 disc bulge.",
        "follow_up",
        [PART, "Your GP needs to talk with you about this soon."],
        [],
    ),
    (
        "the part of the bone in the appended conclusion",
        "Findings: Acute fracture of the left L3 transverse process. Mild L4-5 disc bulge.",
        "conclusion",
        [PART],
        [],
    ),
    (
        "the part of the bone a suspicious lesion is in",
        "Findings: Lytic lesion in the right L3 pedicle, suspicious for metastasis.",
        "follow_up",
        ["It is in a short bony bar at the side of the spinal canal (pedicle)."],
        [],
    ),
    (
        "a part the report says is intact said as the place of the break",
        "Findings: Acute L1 compression fracture with intact pedicles.",
        "follow_up",
        ["The scan shows a broken bone (fracture) in the 1st bone of your lower back (L1)."],
        ["(pedicle)"],
    ),
    # (fault, report, section, sentences that must be there, words that must not)
    (
        "tests the report offers as a choice joined with 'and'",
        "Findings: Mild L3-4 disc bulge. Possible stress fracture of the left sacral ala.\n"
        "Impression: Possible left sacral stress fracture; a CT or a nuclear bone scan would "
        "help to confirm.",
        "follow_up",
        ["The report suggests more tests: a CT scan or a bone scan."],
        ["a CT scan and a bone scan"],
    ),
    (
        "the same choice in the appended conclusion",
        "Findings: Mild L3-4 disc bulge. Possible stress fracture of the left sacral ala.\n"
        "Impression: Possible left sacral stress fracture; a CT or a nuclear bone scan would "
        "help to confirm.",
        "conclusion",
        ["The report suggests more tests: a CT scan or a bone scan."],
        ["a CT scan and a bone scan"],
    ),
    (
        "the clot in an aneurysm dropped",
        "Findings: Mild L4-5 disc bulge. The abdominal aorta is aneurysmal, 4.6 cm across, with "
        "a rim of mural thrombus.",
        "follow_up",
        [
            "(aortic aneurysm). It measures 4.6 cm. It has some clot lining its wall.",
            "Call 000 at once if you get sudden bad pain in your belly or back, or if you feel "
            "faint.",
        ],
        ["thrombus"],
    ),
    (
        "the clot in an aneurysm dropped from the appended conclusion",
        "Findings: Mild L4-5 disc bulge. The abdominal aorta is aneurysmal, 4.6 cm across, with "
        "a rim of mural thrombus.",
        "conclusion",
        ["It has some clot lining its wall."],
        [],
    ),
    (
        "calcium that reaches the arteries to the legs said of the aorta only",
        "Findings: Mild L2-3 disc bulge. Moderate aorto-iliac atherosclerotic calcification.",
        "found",
        [
            "- a moderate amount of calcium in the walls of the main artery in the belly. It also "
            "reaches the arteries to the legs."
        ],
        [],
    ),
]


@pytest.mark.parametrize(("fault", "report", "key", "present", "absent"), ROWS)
def test_row(fault, report, key, present, absent):
    check_row(fault, report, key, present, absent)


def test_tests_joined_by_and_stay_and():
    reading = engine.read(
        "Findings: Possible L2 fracture.\nImpression: CT and a bone scan are recommended.", age=55
    )
    assert reading.test_choices == ()
    out = patient_texts(reading)
    assert "a CT scan and a bone scan" in _section(out, "follow_up")


def test_the_part_of_the_bone_is_in_the_word_list():
    out = patient_texts(engine.read("Findings: Fracture of the L2 spinous process.", age=55))
    assert "the bony bump at the back of the bone (spinous process)" in _section(out, "follow_up")
    terms = [g["term"].lower() for g in out["glossary"]]
    assert "spinous process" in terms


def test_a_problem_with_surgery_no_rule_says_reaches_the_unexplained_content():
    reading = engine.read("Findings: Pseudarthrosis at L4-L5. Mild L2-3 disc bulge.", age=55)
    assert [u.text for u in reading.unexplained] == ["Pseudarthrosis at L4-L5."]
    out = patient_texts(reading)
    assert "other details in medical words" in _section(out, "found")


def test_a_fracture_measured_by_how_far_part_of_the_bone_is_pushed_says_so():
    """Round 6: "posterior displacement of the posterior border by about 6.5 mm" had become
    "It measures about 6.5 mm.", as if the break were that big."""
    for text in (
        "Findings: Compression fracture of the T12 body with posterior displacement of its "
        "posterior border by about 6.5 mm.",
        "Findings: L1 burst fracture with 4 mm of retropulsion.",
    ):
        out = patient_texts(engine.read(text, age=55))
        follow_up = _section(out, "follow_up")
        assert re.search(
            r"Part of the bone is pushed (?:out of place|back towards the nerves) by", follow_up
        ), follow_up
        assert "It measures" not in follow_up, follow_up
        assert out["problems"] == [], out["problems"]


def test_how_far_a_fragment_has_moved_is_said_as_how_far_it_reaches():
    """Round 6: "a sequestered fragment migrating inferiorly by 10 mm" had become "It measures
    10 mm.", a size beside "large"."""
    out = _out(
        "Findings: L4-5: Right paracentral extrusion with a sequestered fragment migrating "
        "inferiorly by 10 mm, compressing the traversing right L5 root.",
        age=55,
    )
    found = _section(out, "found")
    assert "It reaches 10 mm downward." in found, found
    assert "It measures" not in found, found
    assert out["problems"] == [], out["problems"]


def test_a_report_on_another_part_of_the_body_says_no_lone_negative_and_no_back_question():
    """Round 6: a knee MRI with torn ligaments got "The scan did not show a broken bone." as its
    only finding, and "What can I do to help my back?"."""
    report = (
        "MRI RIGHT KNEE\nFindings: Complete tear of the anterior cruciate ligament. Tear of the "
        "posterior horn of the medial meniscus. No fracture.\nImpression: ACL and meniscal tears."
    )
    for mode in ("summary", "conclusion"):
        out = patient_texts(engine.read(report, age=55))
        text = out["summary"]["text"] if mode == "summary" else out["conclusion"]
        assert "part of the body that this summary does not explain" in text, text
        assert "did not show" not in text, text
        assert "help my back" not in text, text


def test_a_fracture_the_report_believes_pathological_keeps_the_possible_cancer():
    """Round 6: "This fracture is believed to be pathological" was not read at all: the
    possible cancer behind the break was lost (the safety tests read it now)."""
    reading = engine.read(
        "Findings: Compression fracture of the L1 body. This fracture is believed to be "
        "pathological.",
        age=55,
    )
    assert {(f.concept, f.assertion) for f in reading.findings} >= {
        ("fracture", "present"),
        ("malignancy", "uncertain"),
    }
    follow_up = _section(patient_texts(reading), "follow_up")
    assert "The scan cannot rule out an area in the bone that needs more tests." in follow_up


@pytest.mark.parametrize(
    ("report", "explained"),
    [
        # the next sentence says what the lesion is: no "something that needs more tests"
        (
            "Findings: A 9 mm lytic-appearing lesion in the L2 vertebral body holds fat and "
            "coarse trabeculae. Appearances are typical of a haemangioma.",
            True,
        ),
        # a haemangioma somewhere else explains nothing
        (
            "Findings: A 9 mm lytic-appearing lesion in the L2 vertebral body holds fat. "
            "Appearances are typical of a haemangioma at T11.",
            False,
        ),
        # nor one merely noted beside it
        (
            "Findings: A 9 mm lytic lesion in the L2 vertebral body holds fat. Haemangioma noted.",
            False,
        ),
    ],
)
def test_a_lesion_the_next_sentence_calls_benign_is_explained(report, explained):
    """Round 6: a lytic-appearing lesion "typical of a haemangioma" in the next sentence had
    also been "something that needs more tests" (a false alarm the GP would not release)."""
    out = patient_texts(engine.read(report, age=55))
    summary = out["summary"]["text"]
    danger = knowledge.load().lay["fixed"]["unexplained_danger"]["text"]
    assert (danger not in summary and "needs more tests" not in summary) is explained, summary


def test_the_conclusion_keeps_the_severity_of_common_findings():
    """Round 6: the appended conclusion said "a disc bulge" and "a thinner disc" where the
    report said "small" and "mild"; a severity the findings do not share is not said."""
    out = _out(
        "Findings: L4-5: Small disc bulge. L5-S1: Mild loss of disc height. Mild facet "
        "arthropathy at L3-4 and moderate facet arthropathy at L4-5.",
        age=55,
    )
    conclusion = out["conclusion"]
    assert "a small disc bulge at L4-L5" in conclusion, conclusion
    assert "a disc with mild loss of height at L5-S1" in conclusion, conclusion
    assert "mild worn joints" not in conclusion and "moderate worn" not in conclusion, conclusion
    assert out["problems"] == [], out["problems"]


def test_a_cyst_the_report_calls_mixed_needs_follow_up():
    """Round 7: "About 7 cm mixed pelvic cyst noted, correlate with US" was a line the summary
    "cannot put in plain words", last, after the minor things."""
    out = _out(
        "LSS MRI:\nMild disc bulge at L4/L5.\nNB:\nABout 7 cm mixed pelvic cyst noted, "
        "correlate with US.",
        age=55,
    )
    follow_up = _section(out, "follow_up")
    expected = "The scan shows a fluid sac (cyst) in the pelvis. It measures about 7 cm."
    assert expected in follow_up, follow_up
    assert "other details in medical words" not in out["summary"]["text"]


def test_a_test_named_in_a_clause_that_does_not_recommend_it_is_not_suggested():
    """Round 7: "Plain films are insensitive for early stress reaction; MRI can be considered if
    symptoms persist." suggested an X-ray (the films just taken) beside the MRI."""
    out = _out(
        "Findings: Normal alignment. No pars defect.\nImpression: Normal radiographs. Plain "
        "films are insensitive for early stress reaction; MRI can be considered if symptoms "
        "persist.",
        age=22,
    )
    nxt = _section(out, "next")
    assert "The report says an MRI scan may help if your symptoms do not settle." in nxt, nxt
    assert "an X-ray" not in nxt, nxt


@pytest.mark.parametrize(
    ("report", "key", "said"),
    [
        (
            "Findings: Bilateral sacroiliitis with erosions.\nConclusion: Bilateral sacroiliitis, "
            "consistent with ankylosing spondylitis.",
            "follow_up",
            "The name for this illness of the joints is ankylosing spondylitis.",
        ),
        (
            "Findings: Flowing anterior osteophytes from T11 to L2, in keeping with DISH.",
            "found",
            "Its name is DISH.",
        ),
        (
            "Findings: Mild sacroiliac joint sclerosis, not consistent with spondyloarthritis.",
            "found",
            None,
        ),
    ],
)
def test_the_condition_the_report_names_is_said(report, key, said):
    """Round 7: "Bilateral sacroiliitis ..., consistent with ankylosing spondylitis", the
    report's conclusion, was in neither text and not flagged as unexplained either."""
    out = _out(report)
    if said is None:
        assert "Its name is" not in out["summary"]["text"] + out["conclusion"]
        return
    assert said in _section(out, key)
    assert said in out["conclusion"]
    assert out["problems"] == [], out["problems"]


def test_a_walked_through_post_surgical_ct_keeps_its_levels_and_modality():
    """The final walk-through (a post-surgical CT): a protrusion under "L4-5:" beside "left L5
    hemilaminectomy" was said "at L5"; "computerized tomography" was "a scan"; "mild streak
    artifact" from the hardware made "mild changes from past surgery"; "no perivertebral soft
    tissue abnormality" was a line the summary "cannot put in plain words"."""
    out = _out(
        "FINDINGS:\nHigh resolution computerized tomography was performed from L1 to S1.\n"
        "L4-5: There is circumferential disc bulging, left L5 hemilaminectomy and a right "
        "paramedian disc protrusion measuring 4 mm.\nL5-S1: Pedicle screws. The hardware "
        "creates mild streak artifact.\nThere is no perivertebral soft tissue abnormality.",
        age=64,
    )
    summary = out["summary"]["text"]
    assert "This was a CT scan of your lower back." in summary, summary
    assert "a disc protrusion (part of the disc pushes out) on the right at L4-L5" in summary
    assert "at L5." not in summary and "mild changes from past surgery" not in summary, summary
    assert "other details in medical words" not in summary, summary
    assert out["problems"] == [], out["problems"]


def test_a_paragraph_that_opens_at_one_disc_level_keeps_it_for_its_disc_findings():
    """The final walk-through (a CT in paragraphs): "There is marked disc space narrowing at the
    L5-S1 level ... . Mild lateral recess stenosis on the right." said the stenosis with no
    level; a finding outside the spine in such a paragraph takes none."""
    out = _out(
        "FINDINGS:\nThere is marked disc space narrowing at the L5-S1 level. Mild lateral "
        "recess stenosis on the right. Incidental 3 cm left renal mass.\n\nNo fracture.",
        age=64,
    )
    summary = out["summary"]["text"]
    assert "where a nerve runs on the right at L5-S1." in summary, summary
    assert "a lump in the left kidney. It measures 3 cm." in _section(out, "follow_up")
    assert out["problems"] == [], out["problems"]
