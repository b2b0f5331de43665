"""Made-up reports for what the twelfth round of cold readers asked for (issue 12): a test the
report suggests only if something holds is said with its condition, as a next step ("The report
says an MRI scan may help if your symptoms last more than 6 weeks."), not as something that needs
follow-up; the conclusion says it after the findings."""

import re

import pytest

from lbpreports.engine import knowledge
from lbpreports.engine.writer import condition_of_tests
from tests.engine.test_round1_table import check_row

CONDITIONS = knowledge.load().lay["test_conditions"]


@pytest.mark.parametrize(
    ("sentence", "says"),
    [tuple(example) for entry in CONDITIONS for example in entry["examples"]],
)
def test_each_condition_example_is_said_in_plain_words(sentence, says):
    assert condition_of_tests(sentence) == says


def test_a_condition_the_table_does_not_know_is_not_guessed():
    assert condition_of_tests("MRI could be considered if clinically indicated.") is None
    assert condition_of_tests("A bone scan is suggested.") is None


def test_every_condition_pattern_compiles_and_names_only_its_groups():
    for entry in CONDITIONS:
        groups = set(re.compile(entry["pattern"]).groupindex)
        assert set(re.findall(r"{(\w+)}", entry["says"])) <= groups, entry


LATER = (
    "CT LUMBAR SPINE\nFindings: L5/S1: Central disc protrusion measuring 5 mm, indenting the "
    "thecal sac. No canal stenosis.\nImpression: L5/S1 disc protrusion. MRI would better show "
    "the nerve roots if symptoms persist beyond 6 weeks."
)

ROWS = [
    (
        "a conditional test said without its condition, under 'What needs follow-up'",
        LATER,
        "next",
        [
            "The report says an MRI scan may help if your symptoms last more than 6 weeks. Your "
            "GP will decide what you need."
        ],
        ["more tests may help"],
    ),
    (
        "a conditional test said first in the conclusion, before the findings",
        LATER,
        "conclusion",
        [
            "at L5-S1. The report says an MRI scan may help if your symptoms last "
            "more than 6 weeks. Your GP will decide what you need. Your GP will explain what "
            "this means for you."
        ],
        [],
    ),
    (
        "a conditional test beside a hedged red flag leaves 'What needs follow-up'",
        "Findings: A 9 mm lesion in the L2 vertebral body; metastasis cannot be excluded. MRI "
        "with contrast is suggested if symptoms persist.",
        "follow_up",
        [
            "The report says an MRI scan with dye (contrast) may help if your symptoms do not "
            "settle."
        ],
        [],
    ),
]


@pytest.mark.parametrize(("fault", "report", "key", "present", "absent"), ROWS)
def test_row(fault, report, key, present, absent):
    check_row(fault, report, key, present, absent)


def test_a_test_without_a_condition_stays_under_follow_up():
    from lbpreports import engine
    from lbpreports.engine.report import patient_texts

    out = patient_texts(engine.read("Findings: L4/5 disc bulge. MRI is recommended.", age=55))
    follow = next(s for s in out["summary"]["sections"] if s["key"] == "follow_up")
    assert "The report suggests more tests: an MRI scan." in " ".join(follow["paragraphs"])


# What the thirteenth round of cold readers found, each fixed after it: made-up reports.
BONE_ISLAND = (
    "Findings:\nThere is an 8 mm rounded focus of low signal on T1 and T2 within the right side "
    "of the L3 vertebral body.\nL4/5: Mild disc bulge.\nComment:\n1. The 8 mm focus in L3 has the "
    "typical appearance of a bone island (enostosis) and is of no clinical significance. No "
    "further imaging is required."
)
AFTER_SURGERY = (
    "Clinical information: Right L5/S1 microdiscectomy 2025. ?recurrent disc ?scar.\n"
    "Findings:\nPostoperative changes of a right L5-S1 hemilaminectomy.\nL5-S1: Enhancing "
    "epidural scar tissue fills the right lateral recess and surrounds the right S1 nerve root.\n"
    "L4-5: Mild disc bulge.\nImpression:\n1. Enhancing epidural fibrosis at L5-S1, surrounding "
    "the right S1 nerve root.\n2. No recurrent disc herniation."
)
OLD_BREAK = (
    "XR LUMBAR SPINE\nClinical: Fall 3 days ago.\nFindings:\nThere is a 4 mm retrolisthesis of L2 "
    "on L3. Mild anterior wedging of L1 with approximately 15% height loss, unchanged since 2022 "
    "and consistent with an old compression fracture. No new fracture is seen."
)

ROWS_13 = [
    (
        "a bone island named only in the comment said as 'cannot rule out ... needs more tests'",
        BONE_ISLAND,
        "found",
        [
            "The report thinks a spot in the 3rd bone of your lower back (L3) is a bone island.",
            "The report says no more scans are needed for it.",
        ],
        [
            "cannot rule out",
            "needs more tests",
            "describes something",
            "talk with you about this soon",
        ],
    ),
    (
        "scar around the nerve after surgery left out, and 'no recurrent disc' too",
        AFTER_SURGERY,
        "found",
        [
            "Some of this is scar tissue. It wraps around the S1 nerve on the right.",
            "The scan did not show the disc pushing out again.",
        ],
        [],
    ),
    (
        "an X-ray after a fall that did not say 'no new fracture' beside the old one",
        OLD_BREAK,
        "found",
        ["The scan shows a bone that has slipped backwards"],
        ["forward or back"],
    ),
    (
        "the answer to the fall, 'No new fracture', said with the old break, first (round 44's GP)",
        OLD_BREAK,
        "follow_up",
        ["It has lost about 15% of its height. The scan did not show a new broken bone."],
        [],
    ),
    (
        "a root 'touched but not displaced' said as pressed",
        "Findings: L5/S1: Small right paracentral protrusion, 3 mm, touching but not displacing "
        "the right S1 nerve root.",
        "found",
        ["It is touching the S1 nerve on the right at L5-S1."],
        ["pressing on the S1"],
    ),
    (
        "bony spurs touching a nerve said twice, and the touch's hedge given to the spurs",
        "Findings: L4/5: Posterior disc osteophyte complex, indenting the anterior thecal sac. "
        "The disc osteophyte complex probably contacts the traversing right L5 nerve root.",
        "found",
        [
            "The scan shows bony spurs at the edge of the bones",
            "They are likely touching the L5 nerve on the right",
        ],
        ["what is likely bony spurs"],
    ),
    (
        "foraminal narrowing 'bilateral, L>R' said only as on both sides",
        "Findings: L4/5: Moderate bilateral foraminal narrowing, L>R.",
        "found",
        ["on both sides", "The left side is affected more."],
        [],
    ),
    (
        "a haematoma pressing on the cauda equina said as the cord 'or the nerves below it'",
        "Findings: A posterior epidural collection extends from L2-3 to L3-4, measuring 9 mm in "
        "maximal AP depth and 6.5 cm in length, in keeping with an acute epidural haematoma. At "
        "L3 the haematoma flattens the thecal sac and severely compresses the cauda equina.\nThe "
        "conus ends at L1 and is normal in signal.",
        "follow_up",
        [
            "It is 9 mm deep. It is 6.5 cm long. It is pressing on",
            "severe pressure on the nerves at the bottom of the spine (cauda equina)",
        ],
        ["They are pressing", "spinal cord or the nerves below it"],
    ),
]


@pytest.mark.parametrize(("fault", "report", "key", "present", "absent"), ROWS_13)
def test_round_13_row(fault, report, key, present, absent):
    check_row(fault, report, key, present, absent)


def test_the_conclusion_keeps_the_caveat_for_people_aged_50_or_under():
    from lbpreports import engine
    from lbpreports.engine.report import patient_texts

    out = patient_texts(engine.read("Findings: L4/5: Disc protrusion. L5/S1: disc bulge.", age=33))
    assert "seen more often in people who have back pain" in out["conclusion"], out["conclusion"]


@pytest.mark.parametrize(
    ("sentence", "concept", "assertion", "sizes"),
    [
        ("Impression: Resolved L5-S1 extrusion.", "disc_extrusion", "negated", []),
        (
            "Findings: Rt L4/5 protrusion now 7mm (4mm previously).",
            "disc_protrusion",
            "present",
            ["7mm"],
        ),
        (
            "Findings: L1 fracture, height loss now 45% (previously 30%).",
            "fracture",
            "present",
            ["45%"],
        ),
        ("Findings: Isthmic slip of L5 on S1 of 22%.", "spondylolisthesis", "present", ["22%"]),
        (
            "Findings: Tarlov cysts at S2: left 2.1 x 1.3 cm and right 8 mm.",
            "perineural_cyst",
            "present",
            ["2.1 x 1.3 cm", "8 mm"],
        ),
        (
            "Findings: L4-L5: severe canal stenosis, with the thecal sac measuring 8 mm AP.",
            "canal_stenosis",
            "present",
            ["8 mm"],
        ),
        (
            "Findings: Disc protrusion with a posterior annular fissure, measuring up to 5 mm.",
            "disc_protrusion",
            "present",
            ["up to 5 mm"],
        ),
    ],
)
def test_what_round_13_reports_taught_the_reading(sentence, concept, assertion, sizes):
    from lbpreports import engine

    found = [f for f in engine.read(sentence).findings if f.concept == concept]
    assert found and found[0].assertion == assertion, found
    assert [s.text for s in found[0].size] == sizes, found[0].size


def test_a_history_pasted_in_one_paragraph_ends_where_the_findings_start():
    from lbpreports import engine

    text = (
        "MRI LUMBAR SPINE 63M. Hx: R leg pain, ?foraminal stenosis. Compared with MRI 11/2022. "
        "At L4-5 there is a right foraminal disc protrusion measuring 5 mm. IMP: L4-5 protrusion."
    )
    reading = engine.read(text)
    found = [f for f in reading.findings if f.concept == "disc_protrusion"]
    assert found and all(f.assertion == "present" for f in found), found
    assert not reading.unexplained, reading.unexplained


# What the fourteenth round of cold readers found, each fixed after it: made-up reports.
ROWS_14 = [
    (
        "a typical haemangioma after 'This represents' said as 'cannot rule out' and a minor thing",
        "Findings:\nMarrow: Within the L3 vertebral body there is a 14 mm rounded lesion that is "
        "hyperintense on T1 and T2. This represents a typical vertebral hemangioma.\nImpression: "
        "1. Incidental 14 mm L3 hemangioma.",
        "found",
        ["(haemangioma)"],
        [
            "cannot rule out",
            "needs more tests",
            "describes something",
            "talk with you about this soon",
        ],
    ),
    (
        "a normal MRI whose clinical details sit under the header, not called normal",
        "Te Awa Radiology, Hamilton\n\nMRI lumbar spine, 2 June 2025\nPatient: A Pene, 19 years\n\n"
        "Eight weeks of low back pain. No leg symptoms. ?disc\n\nSagittal and axial T1 and T2 "
        "sequences.\n\nThe lumbar spine is normally aligned. There is no disc herniation. Neither "
        "the central canal nor the neural foramina are narrowed.\n\nOpinion: Normal MRI of the "
        "lumbar spine.",
        "found",
        ["Your scan of the lower back looks normal."],
        ["other details in medical words"],
    ),
    (
        "past surgery said as new because a problem with a screw is new",
        "Findings:\nPostoperative changes of L4-S1 posterior fusion with pedicle screws at L4, L5 "
        "and S1.\nA 2 mm lucent halo surrounds the right S1 pedicle screw, which was not present "
        "in 2023 and is suspicious for loosening.",
        "follow_up",
        [
            "may have come loose. There is a 2 mm gap around it. This has appeared since your last "
            "scan."
        ],
        ["changes from past surgery at 3 levels of your lower back (L4, L5, S1). It is new"],
    ),
    (
        "a narrowing that got worse said as 'bigger', and the change given to its cause",
        "Findings:\nL3-L4: The disc bulge and facet hypertrophy produce moderate central canal "
        "stenosis, increased from mild in 2023.",
        "found",
        ["It has got worse since your last scan."],
        ["bigger than on your last scan"],
    ),
    (
        "a facet joint effusion said as wear",
        "Findings:\nL4/5: Small right facet joint effusion.",
        "found",
        ["a small amount of fluid in a joint at the back of the spine on the right"],
        ["wear of the joints"],
    ),
]


@pytest.mark.parametrize(("fault", "report", "key", "present", "absent"), ROWS_14)
def test_round_14_row(fault, report, key, present, absent):
    check_row(fault, report, key, present, absent)


# What the closing walk-through of a corpus CT (degenerative, with a likely nerve effect) found.
ROWS_WALK = [
    (
        "gas 'extruded' from a disc said as a disc extrusion",
        "Findings: L5/S1: Marked disc space narrowing. Small amount of extruded disk vacuum "
        "phenomenon is present on the left.",
        "found",
        ["gas in the disc"],
        ["extrusion"],
    ),
    (
        "a long name made a conclusion sentence too hard to read",
        "Findings: L2-3: Mild bilateral ligamentum flavum hypertrophy. L4-5: Mild disc bulge.",
        "conclusion",
        ["a mildly thickened ligament on both sides at L2-L3"],
        [],
    ),
]


@pytest.mark.parametrize(("fault", "report", "key", "present", "absent"), ROWS_WALK)
def test_walk_through_row(fault, report, key, present, absent):
    check_row(fault, report, key, present, absent)


def test_a_nerve_the_report_thinks_likely_affected_is_said_first():
    from lbpreports import engine
    from lbpreports.engine.report import patient_texts

    report = (
        "Findings: At L2-3 there is mild ligamentum flavum hypertrophy. At L3-4 a mild disc "
        "bulge. L5-S1: Posterior disk osteophyte complex, which most likely compresses the S1 "
        "nerve root on the left."
    )
    out = patient_texts(engine.read(report, age=55))
    found = next(s for s in out["summary"]["sections"] if s["key"] == "found")
    first = found["paragraphs"][0]
    # said with what presses, keeping the report's hedge on the pressure alone
    assert first.startswith("The scan shows bony spurs"), first
    assert "They are likely pressing on the S1 nerve on the left" in first, first
