"""Made-up reports for what the tenth round of cold readers found (issue 12): a lesion the report
names as a typical haemangioma two sentences on never read as possible cancer; scar after
surgery that enhances, and a disc with a rim of enhancement, never "something that needs more
tests"; a recurrent disc said as one; a cyst that touches a nerve not called a disc; a root
pressed "lateral to the foramen" not a narrowed foramen; a disc that has shrunk said by what it
is now, and a pressure that has gone said as gone; a slip's percentage; "no acute fracture"
beside a pars defect said as no new broken bone; more report furniture."""

import pytest

from lbpreports import engine
from tests.engine.test_round1_table import check_row

HAEMANGIOMA = (
    "Findings: There is a 21 x 17 mm well-defined lesion in the anterior L1 vertebral body that "
    "is hyperintense on T1 and T2. There is no cortical breach or soft tissue component. "
    "Appearances are those of a typical intraosseous haemangioma. Mild L4-5 disc bulge."
)
RECURRENT = (
    "History: Left L4-L5 microdiscectomy 2023.\nFindings:\nL4-L5: Enhancing epidural fibrosis "
    "(postoperative scar) in the left lateral recess surrounds the traversing left L5 nerve "
    "root. Within it there is a 7 mm non-enhancing left paracentral disc extrusion with "
    "peripheral enhancement only, consistent with a recurrent disc herniation."
)
REGRESSED = (
    "Comparison: MRI 2024.\nFindings:\nL5-S1: The previously seen left paracentral disc "
    "extrusion has substantially regressed. There is now a small residual left paracentral "
    "protrusion measuring 3 mm (previously 9 mm). It contacts but no longer compresses the "
    "traversing left S1 nerve root."
)

ROWS = [
    (
        "a typical haemangioma said as 'cannot rule out an area that needs more tests'",
        HAEMANGIOMA,
        "found",
        ["a clump of blood vessels in a bone (haemangioma)", "It measures 21 x 17 mm."],
        ["cannot rule out", "needs more tests"],
    ),
    (
        "enhancing scar after surgery said as 'something that needs more tests'",
        RECURRENT,
        "found",
        ["The report says the disc has pushed out again after the past operation."],
        ["needs more tests", "describes something"],
    ),
    (
        "a disc that has shrunk said as 'a small extrusion ... pushed out a long way', 3 and 9 mm",
        REGRESSED,
        "found",
        [
            "a small disc protrusion (part of the disc pushes out) on the left at L5-S1.",
            "It is smaller than on your last scan. It measures 3 mm.",
        ],
        ["small extrusion", "3 mm and 9 mm"],
    ),
    (
        "a cyst touching a nerve called a disc touching it",
        "Findings: L4/5: A 5 mm synovial cyst arises from the right facet joint and abuts the "
        "traversing right L5 nerve root.",
        "found",
        [
            "The scan shows a fluid sac next to a joint at the back of the spine",
            "It is touching the L5 nerve on the right",
        ],
        ["a disc touching"],
    ),
    (
        "a root pressed outside the foramen said as a narrowed foramen",
        "Findings: L3/4: A 7 mm left extraforaminal disc protrusion compresses the exiting left "
        "L3 nerve root lateral to the foramen.",
        "found",
        ["It is pressing on the L3 nerve on the left"],
        ["narrowing the opening", "narrowing where"],
    ),
    (
        "a slip's percentage said as 'It is about 40%', 'no acute fracture' as no broken bone",
        "Findings: Bilateral L5 pars defects. There is a grade 2 isthmic anterolisthesis of L5 "
        "on S1 measuring 14 mm (about 40%), increased from grade 1 on the 2019 radiographs.\n"
        "No acute fracture.",
        "found",
        [
            "The slip is about 40% of the width of the bone.",
            "The scan did not show a new broken bone.",
        ],
        ["It is about 40%"],
    ),
]


@pytest.mark.parametrize(("fault", "report", "key", "present", "absent"), ROWS)
def test_row(fault, report, key, present, absent):
    check_row(fault, report, key, present, absent)


def test_a_pressure_that_has_gone_is_said_as_gone():
    from lbpreports.engine.report import patient_texts

    out = patient_texts(engine.read(REGRESSED, age=46))
    # (with its side, round 46)
    assert (
        "The scan no longer shows pressure on the nerves on the left at L5-S1."
        in out["summary"]["text"]
    )


@pytest.mark.parametrize(
    "line",
    [
        # round 9
        "Exam date: 11/12/2024     Accession: MR-558190",
        "Miriam Castellanos, MD",
        "Scanned: 21 February 2025, 22:40",
        "An outside lumbar spine MRI dated 08/02/2021 has since been provided and reviewed.",
        "Impression otherwise unchanged.",
        "Patient: Declan Marsh        Age: 41        Sex: M",
        # round 10
        "MRI LUMBAR SPINE - LESION CHARACTERISATION",
        "Patient: Mrs P. Dunmore     F, 59 yrs",
        "Referred by: Dr O. Pritchard (GP), Lydgate Lane Surgery",
        "Referring: Dana Whitlow, MD",
        "DOS: 06/02/2025     Accession: LSO25-061184",
        "Patient: J. McIlwraith        Pt age: 31        UR No: 3390217",
        # round 12: a normal study not called normal for these two header lines
        "Summit Valley Radiology, Boulder, CO",
        "Patient age: 29",
    ],
)
def test_report_furniture_is_never_unexplained_nor_a_finding(line):
    reading = engine.read(f"{line}\nFindings: Mild L4-5 disc bulge.")
    assert not reading.unexplained, line
    assert {f.concept for f in reading.findings} == {"disc_bulge"}, line


def test_the_finding_that_acts_on_a_nerve_comes_first():
    """Round 11: "the main finding (the protrusion touching the L5 nerve) is fifth in the list"."""
    from lbpreports.engine.report import patient_texts

    out = patient_texts(
        engine.read(
            "Findings:\nL2-3: Mild disc desiccation.\nL3-4: Small disc bulge.\nL4-5: Left "
            "paracentral disc protrusion measuring 5 mm, contacting the traversing left L5 nerve "
            "root.",
            age=58,
        )
    )
    found = next(s for s in out["summary"]["sections"] if s["key"] == "found")
    assert "L5 nerve" in found["paragraphs"][0], found["paragraphs"]


def test_the_reports_reassuring_negatives_beside_findings_are_said():
    """Round 12: "The exiting L5 roots are not compressed" and "No canal stenosis at any level"
    left out beside a protrusion touching a root."""
    from lbpreports.engine.report import patient_texts

    out = patient_texts(
        engine.read(
            "Findings:\nL4-5: Left paracentral protrusion contacting the traversing left L5 "
            "root.\nL5-S1: Broad-based disc bulge. The exiting L5 roots are not compressed.\n"
            "No canal stenosis at any level.",
            age=46,
        )
    )
    found = " ".join(
        next(s for s in out["summary"]["sections"] if s["key"] == "found")["paragraphs"]
    )
    assert "The scan did not show pressure on the nerves at L5-S1." in found
    assert "The scan did not show narrowing of the spinal canal" in found
    assert out["problems"] == []


def test_no_significant_slip_in_a_normal_study_is_said_with_its_qualifier():
    """A corpus walk-through: "No significant listhesis." said as "It did not show a slipped
    bone." (none at all)."""
    from lbpreports.engine.report import patient_texts

    out = patient_texts(
        engine.read(
            "Findings: There is normal lumbar lordosis. No significant listhesis. Vertebral body "
            "heights are maintained. Disc spaces are preserved.\nImpression: No acute findings.",
            age=55,
        )
    )
    assert "It did not show a slip that matters." in out["summary"]["text"]
    assert "It did not show a slipped bone." not in out["summary"]["text"]
