"""Made-up reports for what the fourth round of cold readers found (issue 12): an incidental
finding said once however many words name it, one displaced disc said once by its most specific
word, a vertebra that names a lateral recess kept at its disc's level, a wide aorta that is "not
an aneurysm" said in one statement, a psoas abscess that keeps its muscle, no age figure for a slip
from a pars defect, osteopenia and a bone island in plain words, and an incidental aneurysm said
plainly without an emergency."""

import pytest

from lbpreports import engine
from lbpreports.engine.report import patient_texts
from tests.engine.test_round1_table import _section, check_row

NOT_IN_WORDS = "other details in medical words"
CALCIUM = "calcium in the walls of the main artery in the belly"
ISLAND = "A bone island is a harmless spot of denser bone."

ROWS = [
    # (fault, report, section, sentences that must be there, words that must not)
    (
        "one incidental finding said twice, once for each word that named it",
        "Findings: Mild L4-5 disc bulge. Extensive atherosclerotic calcification of the abdominal "
        "aorta.\nImpression: Arteriosclerotic vascular calcifications.",
        "found",
        ["- a large amount of " + CALCIUM],
        ["- calcium in the walls of the arteries"],
    ),
    (
        "one disc said as a herniation, an extrusion and a sequestration",
        "Findings:\nL5-S1: Large left paracentral disc herniation with an extruded component and "
        "a sequestrated fragment migrating caudally, compressing the left S1 nerve root.\n"
        "Impression: L5-S1 left disc extrusion with a sequestered fragment.",
        "found",
        [
            "The scan shows a large piece of disc that has come away (sequestration) on the left "
            "at L5-S1.",
            "It is pressing on the S1 nerve on the left at L5-S1.",
        ],
        ["(herniated disc)", "(extrusion)"],
    ),
    (
        "the same disc in the appended conclusion",
        "Findings:\nL5-S1: Large left paracentral disc herniation with an extruded component and "
        "a sequestrated fragment migrating caudally, compressing the left S1 nerve root.",
        "conclusion",
        ["a large piece of disc that has come away (sequestration) on the left at L5-S1"],
        ["(herniated disc)", "(extrusion)"],
    ),
    (
        "the vertebra of a lateral recess read as a second level",
        "Findings:\nL3-4: No stenosis.\nL4-5: Disc bulge and facet hypertrophy narrowing the "
        "lateral recesses of L5 on both sides. Mild central canal stenosis.",
        "found",
        [
            "The scan shows narrowing beside the spinal canal, where the nerves run on both sides "
            "at L4-L5.",
            "mild narrowing of the spinal canal, the space for the nerves at L4-L5.",
            "worn joints at the back of the spine at L4-L5.",
        ],
        ["2 levels", "(L4-L5, L5)", "at L5", "at the level of the 5th bone"],
    ),
    (
        "a wide aorta said beside 'did not show a widened main blood vessel'",
        "Findings: Mild L3-4 disc bulge. The abdominal aorta is mildly ectatic, measuring 2.6 cm, "
        "with no aneurysm.",
        "found",
        [
            "- a slightly wide part in the main artery in the belly, which is not an aneurysm. "
            "It measures 2.6 cm."
        ],
        ["widened main blood vessel", "mild slightly", "Call 000", "swollen"],
    ),
    (
        "a psoas abscess that loses its muscle",
        "Findings: There is a 3 cm collection in the right psoas muscle, in keeping with an "
        "abscess. L4-5: Mild disc bulge.",
        "follow_up",
        [
            "The scan shows an infection with a pocket of pus (abscess) in the muscle beside the "
            "spine (psoas). It measures 3 cm.",
            "Your GP needs to talk with you about this soon.",
        ],
        [],
    ),
    (
        "the psoas abscess in the appended conclusion",
        "Findings: Small left psoas abscess.\nL4-5: Mild disc bulge.",
        "conclusion",
        [
            "in the muscle beside the spine (psoas)",
            "Your GP needs to talk with you about this soon.",
        ],
        [],
    ),
    (
        "the age figure for slips from wear beside a slip from a pars defect",
        "Findings: Bilateral L5 pars defects with grade 1 anterolisthesis of L5 on S1. Mild L3-4 "
        "disc bulge.",
        "found",
        ["a grade 1 forward slip (the mildest grade) of one bone on the next"],
        ["have a slipped bone", "common with age, such as a slipped bone"],
    ),
    (
        "diffuse osteopenia left as something the summary cannot put in plain words",
        "Findings: Mild L4-5 disc bulge. Diffuse osteopenia.",
        "found",
        ["- bones that are thinner than they should be (osteopenia)"],
        [NOT_IN_WORDS],
    ),
    (
        "a bone island named on its own left as something the summary cannot put in plain words",
        "Findings: Mild L4-5 disc bulge.\nImpression: Stable L3 bone island.",
        "found",
        [
            "The report thinks a spot in the 3rd bone of your lower back (L3) is a bone island. "
            "It has not changed since your last scan. " + ISLAND
        ],
        [NOT_IN_WORDS, "needs more tests", "describes something"],
    ),
    (
        "a bone island that names the sclerotic focus before it, in the appended conclusion",
        "Findings: 7 mm sclerotic focus in L2 in keeping with a bone island, unchanged since "
        "2022.\nImpression: Stable L2 bone island.",
        "conclusion",
        ["(L2) is a bone island. It measures 7 mm. It has not changed since your last scan."],
        [NOT_IN_WORDS, "needs more tests", "describes something", "cannot rule out"],
    ),
    (
        "an incidental aneurysm said with more alarm than the report, or at a spinal level",
        "Findings: L4-5: Mild disc bulge. Incidental 3.6 cm infrarenal abdominal aortic aneurysm.",
        "follow_up",
        [
            "The scan shows a swollen main blood vessel in the belly (aortic aneurysm). It "
            "measures 3.6 cm.",
            "Your GP needs to talk with you about this soon.",
        ],
        [
            "emergency",
            "care today",
            "(aortic aneurysm) at L4-L5",
            "4th and 5th bones of your lower back (L4-L5). It measures 3.6",
        ],
    ),
]


@pytest.mark.parametrize(("fault", "report", "key", "present", "absent"), ROWS)
def test_row(fault, report, key, present, absent):
    check_row(fault, report, key, present, absent)


def test_an_incidental_finding_is_said_once_however_many_words_name_it():
    report = (
        "Findings: Mild L4-5 disc bulge. Mild atherosclerotic calcification of the aorta.\n"
        "Impression:\n1. Mild L4-5 disc bulge.\n2. Arteriosclerotic vascular calcifications."
    )
    out = patient_texts(engine.read(report, age=55))
    assert _section(out, "found").count("calcium in the walls") == 1
    assert out["problems"] == []


def test_a_vertebra_naming_a_lateral_recess_stays_at_its_disc():
    report = (
        "FINDINGS:\nL4-5: Broad-based disc bulge with facet hypertrophy, narrowing the lateral "
        "recesses of L5 bilaterally.\nL5-S1: The left L5 lateral recess is mildly narrowed."
    )
    levels = {f.concept: f.levels for f in engine.read(report).findings if f.section}
    assert levels["facet_arthropathy"] == ("L4-L5",)
    found = [f for f in engine.read(report).findings if f.concept == "lateral_recess_stenosis"]
    assert [f.levels for f in found] == [("L4-L5",), ("L5-S1",)]
    # a vertebra of its own stays a vertebra: an L5 fracture under an L4-5 heading
    fracture = engine.read("L4-5: Disc bulge. Acute L5 fracture.").findings
    assert [f.levels for f in fracture if f.concept == "fracture"] == [("L5",)]


def test_a_slip_from_a_pars_defect_has_its_figure_withheld_with_the_reason():
    isthmic = engine.read(
        "Findings: Grade 1 isthmic spondylolisthesis of L5 on S1. Mild L3-4 disc bulge.", age=55
    )
    out = patient_texts(isthmic)
    slip = [p for p in out["prevalence"] if p["concept"] == "spondylolisthesis"]
    assert [(p["shown"], p["withheld"]) for p in slip] == [(False, "pars_defect")]
    assert "slipped bone" not in _section(out, "prevalence")
    assert any("pars defect" in note for note in out["prevalence_notes"])
    # a slip from wear keeps its figure, also beside a pars defect at another vertebra
    worn = patient_texts(
        engine.read(
            "Findings: Grade 1 degenerative anterolisthesis of L4 on L5. Left L5 pars defect.",
            age=55,
        )
    )
    slip = [p for p in worn["prevalence"] if p["concept"] == "spondylolisthesis"]
    assert [(p["shown"], p["withheld"]) for p in slip] == [(True, None)]
    assert "have a slipped bone" in _section(worn, "prevalence")


def test_a_bone_island_explains_no_lesion_at_another_level():
    reading = engine.read(
        "Findings: Lytic lesion in the L4 vertebral body. Small bone island in L2.", age=55
    )
    assert "malignancy" in reading.urgent
    out = patient_texts(reading)
    assert "cannot rule out an area in the bone" in _section(out, "follow_up")
    assert ISLAND in _section(out, "found")
    assert out["problems"] == []


def test_a_test_the_report_suggests_does_not_reopen_a_bone_island():
    reading = engine.read(
        "Findings: Mild L4-5 disc bulge. Bone island in L3.\nImpression: A contrast-enhanced "
        "MRI may be performed if infection is suspected clinically.",
        age=55,
    )
    assert "malignancy" not in reading.urgent


@pytest.mark.parametrize(
    "report",
    [
        "Findings: Mild L4-5 disc bulge. Incidental 3.6 cm infrarenal abdominal aortic aneurysm.",
        "Findings: Mild L4-5 disc bulge. The infrarenal aorta is partly imaged and appears "
        "prominent, ? aneurysmal.\nImpression: Possible aortic aneurysm; ultrasound is suggested.",
    ],
)
def test_an_incidental_aneurysm_is_plain_in_both_modes(report):
    out = patient_texts(engine.read(report, age=55))
    for text in (_section(out, "follow_up"), out["conclusion"]):
        assert "aortic aneurysm" in text
        assert "Your GP needs to talk with you about this soon." in text
        assert "emergency" not in text and "care today" not in text
    assert out["problems"] == []
