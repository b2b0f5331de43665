"""Made-up reports for what the fifteenth and sixteenth rounds of cold readers found (issue 12),
one row per fault: each sentence expected in its section, none of the unwanted words in either
text, the fact check quiet. Rows use `check_row` of the first table (age 55)."""

import pytest

from lbpreports import engine
from lbpreports.engine import patient_texts
from tests.engine.test_round1_table import check_row

XRAY = (
    "Harbourside X-Ray & Ultrasound\nTweed Heads NSW\n\n"
    "X-RAY LUMBAR SPINE (AP, LATERAL AND L5/S1 SPOT)\n\n"
    "Patient: Mr Ivan TESTER     D.O.B. 02/03/1950 (75 yrs)\nRef Dr: Dr P. Example\n\n"
    "Report:\nDisc space narrowing has progressed at L2/3 and L3/4.\n"
    "Facet joint sclerosis at L4/5 and L5/S1.\nNo fracture is seen.\n"
)

ROWS = [
    (
        "nothing to suggest a lesion is no lesion",
        "MRI LUMBAR SPINE\nFindings: There are bilateral sacral insufficiency fractures. "
        "There is nothing to suggest an underlying pathological process.\n",
        "follow_up",
        ["are the kind that happen when bone is weak."],
        ["cannot rule out an area in the bone"],
    ),
    (
        "an X-ray whose title names a level is an X-ray",
        XRAY,
        "looked_at",
        ["This was an X-ray of your lower back."],
        ["MRI scan", "other details in medical words"],
    ),
    (
        "narrowing that has progressed got worse, not bigger",
        XRAY,
        "found",
        ["which have got worse since your last scan."],
        ["bigger than on your last scan"],
    ),
    (
        "a root said in contact is touched, not pressed",
        "MRI LUMBAR SPINE\nFindings: L5/S1: Disc bulge.\nImpression:\n1. Moderate left L5/S1 "
        "foraminal narrowing with the exiting left L5 nerve root in contact.\n",
        "found",
        ["The scan shows the L5 nerve being touched on the left at L5-S1."],
        ["pressure on the L5 nerve"],
    ),
    (
        "facet wear graded at each level is not the worst grade at all of them",
        "MRI LUMBAR SPINE\nFindings: L3/4 mildly hypertrophic facets. L4/5 moderate bilateral "
        "facet arthropathy. L5/S1 mild facet arthropathy.\nImpression: Facet arthropathy L3/4 "
        "to L5/S1.\n",
        "found",
        [
            "mild wear of the joints at the back of the spine between the 3rd and 4th",
            "moderate wear of the joints at the back of the spine on both sides at L4-L5",
        ],
        ["at 3 levels"],
    ),
    (
        "a complex kidney cyst is a fluid sac that needs tests, not a minimal lump",
        "MRI LUMBAR SPINE\nFindings: Mild L4/5 disc bulge.\nImpression: Incidental 2.4 cm "
        "minimally complex cyst of the left kidney. Renal ultrasound is recommended.\n",
        "follow_up",
        ["The scan shows a fluid sac (cyst) in the left kidney. It measures 2.4 cm."],
        ["minimal lump", "a lump"],
    ),
    (
        "MRI sequences T1 and T2 are not thoracic levels",
        "MRI LUMBAR SPINE\nTechnique: Sagittal T1, T2, and STIR.\nFindings: Mild L4/5 disc "
        "bulge.\n",
        "looked_at",
        ["This was an MRI scan of your lower back."],
        ["middle and lower back"],
    ),
    (
        "generalised low bone density is said",
        "LUMBAR SPINE X-RAY\nReport:\nGeneralised reduction in bone density.\nMild disc space "
        "narrowing at L4/5.\n",
        "found",
        ["bones that are thinner than they should be (osteopenia)"],
        ["other details in medical words"],
    ),
    (
        "a report that asks for nothing more says so",
        "MRI LUMBAR SPINE\nFindings: Mild L4/5 disc bulge. No canal stenosis.\n",
        "next",
        ["The report does not ask for more scans or tests."],
        [],
    ),
    (
        "a report that asks for clinical correlation does not say it asks for nothing",
        "MRI LUMBAR SPINE\nFindings: Mild L4/5 disc bulge.\nComment: Clinical correlation "
        "is recommended.\n",
        "next",
        [],
        ["does not ask for more scans or tests"],
    ),
]


def test_a_test_the_addendum_says_was_done_is_no_longer_suggested():
    report = (
        "MRI LUMBAR SPINE\nFindings: Grade 1 anterolisthesis of L5 on S1 measuring 5 mm.\n"
        "Impression:\n1. Possible left L5 pars defect; a limited CT through L5 would clarify.\n\n"
        "ADDENDUM\nA CT of the lumbar spine performed in 2023 at an outside practice has now been "
        "reviewed. It shows pars defects on both sides of L5. The anterolisthesis measured 3 mm "
        "at that time and has therefore progressed slightly.\n"
    )
    reading = engine.read(report, age=30)
    assert reading.tests == ()
    assert not reading.unexplained
    slips = [f for f in reading.findings if f.concept == "spondylolisthesis"]
    assert all(s.text != "3 mm" for f in slips for s in f.size)
    assert any(f.change == "larger" for f in slips)
    out = patient_texts(reading)
    assert "CT scan" not in out["summary"]["text"]
    assert "It measures 3 mm" not in out["summary"]["text"]
    assert "has increased since your last scan" in out["summary"]["text"]


def test_a_disc_that_fills_the_recess_and_presses_the_root_is_the_cause():
    reading = engine.read(
        "Findings: At L5/S1 there is a left paracentral disc extrusion. The extruded disc fills "
        "the left lateral recess and displaces and compresses the descending left S1 nerve root."
    )
    pressed = [f for f in reading.findings if f.concept == "nerve_root_compression"]
    assert [f.cause for f in pressed] == ["disc_extrusion"]


def test_a_minor_finding_is_never_dropped_from_the_conclusion_for_a_long_name():
    report = (
        "MRI LUMBAR SPINE\nFindings: A 9 mm focus in the L1 vertebral body with coarse "
        "striations, typical of a vertebral haemangioma. Small Schmorl's node at L2. Mild L4/5 "
        "disc bulge.\n"
    )
    out = patient_texts(engine.read(report, age=55))
    assert "haemangioma" in out["conclusion"], out["conclusion"]
    assert "It measures 9 mm" in out["summary"]["text"]
    assert out["problems"] == []


def test_the_age_50_caveat_says_at_your_age():
    report = "MRI LUMBAR SPINE\nFindings: L4/5 disc bulge.\n"
    out = patient_texts(engine.read(report, age=40))
    assert "At your age, disc bulges are seen more often" in out["conclusion"]


# Round 16: what the sixteenth round's readers found, fixed after it.

ROWS_16 = [
    (
        "a normal US report's header and shorthand normals leave it normal",
        "EXAM: MRI L-SPINE W/O CONTRAST\nPT: Doe, Jane    DOB: 01/02/1990    AGE: 36Y    SEX: F\n"
        "MRN: 1234567    ACC: XX26-0000001\n\nFINDINGS:\nAlignment anatomic. Marrow signal "
        "within normal limits.\nNo disc herniation, spinal canal stenosis, or neural foraminal "
        "narrowing.\nParaspinal soft tissues WNL.\n\nIMPRESSION:\nUnremarkable MRI lumbar spine.\n",
        "found",
        ["Your scan of the lower back looks normal."],
        ["other details in medical words"],
    ),
    (
        "a root named on one side is not pressed on the other",
        "MRI LUMBAR SPINE\nFindings: L4/5: Moderate left and severe right foraminal narrowing, "
        "the right L4 nerve root being compressed in the foramen.\n",
        "found",
        ["pressure on the L4 nerve on the right"],
        ["L4 nerve on the left"],
    ),
    (
        "a stenosis slightly worse than before has got a little worse (round 43's GP)",
        "MRI LUMBAR SPINE\nFindings: L3/4: Moderate central canal stenosis, slightly worse than "
        "in 2022.\n",
        "found",
        ["has got a little worse since your last scan"],
        ["It has got worse since"],
    ),
    (
        "a slip that moves on bending says so, and its bending sizes are not its size",
        "LUMBAR SPINE X-RAY WITH FLEXION AND EXTENSION VIEWS\nFindings: There is a grade 1 "
        "anterolisthesis of L4 relative to L5. The slip measures 6 mm on the neutral lateral "
        "view. It increases to 9 mm on flexion and reduces to 5 mm on extension.\nConclusion: "
        "Grade 1 spondylolisthesis at L4/5 with abnormal movement between flexion and extension "
        "suggesting segmental instability.\n",
        "found",
        [
            "It measures 6 mm.",
            "The bones slip further when you bend forward.",
            "The report says this part of the spine may move more than it should.",
        ],
        [
            "9 mm",
            "other details in medical words",
            "The slip changes when you bend forward and back.",
        ],
    ),
    (
        "a disc reduced in height is a thinner disc",
        "MRI LUMBAR SPINE\nFindings: L4/5: The disc is desiccated and mildly reduced in height.\n",
        "found",
        ["mild loss of height"],
        [],
    ),
    (
        "the conclusion keeps past surgery and a disc that has gone",
        "MRI LUMBAR SPINE\nFindings: L5-S1: Postoperative changes of left microdiscectomy with "
        "epidural scar. The previously seen disc extrusion is no longer present.\nL4-L5: New "
        "broad-based disc bulge.\n",
        "conclusion",
        [
            "It also shows changes from past surgery on the left at L5-S1.",
            "The scan no longer shows a disc pushing out at L5-S1.",
        ],
        [],
    ),
]


def test_the_age_on_the_day_of_the_scan_from_the_date_of_birth():
    text = "Name: Ms A Example      DOB: 14.06.1981\nExamination: MRI      Date: 08.02.2026"
    assert engine.read(text + "\nFindings: Mild L4/5 disc bulge.").age == 44
    assert engine.read("PT: Doe, J    AGE: 33Y\nFindings: Mild L4/5 disc bulge.").age == 33
    assert engine.read("Findings: Mild L4/5 disc bulge.").age is None


def test_an_epidural_abscess_and_a_psoas_abscess_are_two_things():
    report = (
        "MRI LUMBAR SPINE\nFindings: The L2-L3 disc shows changes compatible with "
        "spondylodiscitis. A ventral epidural collection extends from L1-L2 to L3-L4, compatible "
        "with an epidural abscess, measuring up to 11 mm in AP thickness. At L2-L3 the abscess "
        "severely compresses the thecal sac and cauda equina.\nA 2.6 x 1.8 cm rim-enhancing "
        "collection in the left psoas muscle at L2-L3, in keeping with a psoas abscess.\n"
    )
    out = patient_texts(engine.read(report, age=61))
    follow_up = next(s for s in out["summary"]["sections"] if s["key"] == "follow_up")
    text = " ".join(follow_up["paragraphs"])
    assert "It is inside the spinal canal." in text
    assert "in the muscle beside the spine (psoas) at L2-L3. It measures 2.6 x 1.8 cm." in text
    assert out["problems"] == []


# Round 17: what the seventeenth round's readers found, fixed after it.

ROWS_17 = [
    (
        "enlarged lymph nodes are a finding that needs follow-up, never left in medical words",
        "MRI LUMBAR SPINE\nFindings: Mild L4/5 disc bulge.\nExtraspinal: There are several "
        "enlarged retroperitoneal lymph nodes in the left para-aortic region, the largest "
        "measuring 2.2 cm in short axis.\nImpression: Enlarged left para-aortic lymph nodes of "
        "uncertain cause. Contrast-enhanced CT is recommended.\n",
        "follow_up",
        ["swollen glands (lymph nodes)", "The report does not know the cause yet."],
        [],
    ),
    (
        "surgery the report says may be planned is not past surgery, nor a reason an MRI",
        "LUMBAR SPINE X-RAY\nFindings: There is a lumbosacral transitional vertebra. Mild disc "
        "space narrowing at L4/5.\nConclusion: Please quote this numbering if a level-specific "
        "injection or surgery is planned, as counting on MRI or in theatre may differ.\n",
        "found",
        [],
        ["past surgery", "MRI scan may help", "suggests more tests"],
    ),
    (
        "a fracture of indeterminate age is not called old",
        "MRI LUMBAR SPINE\nFindings: L1 compression deformity with 25% loss of height.\n"
        "Impression: L1 compression fracture of indeterminate age. Faint oedema raises the "
        "possibility of a subacute fracture, but a chronic fracture cannot be excluded.\n",
        "follow_up",
        ["The report is not sure how old the break at L1 is."],
        ["an old broken bone", "old break"],
    ),
    (
        "a foramen written as a label is graded per side, never as the canal",
        "MRI LUMBAR SPINE\nFindings:\nL5-S1: No spinal canal stenosis.\n  Right neural "
        "foramen: mild stenosis.\n  Left neural foramen: moderate stenosis.\n",
        "found",
        # (one sentence since round 46)
        [
            "narrowing where the nerves leave the spine at L5-S1: moderate on the left and mild "
            "on the right."
        ],
        ["narrowing of the spinal canal, the space for the nerves at L5-S1"],
    ),
    (
        "pars defects the report calls established, with no oedema, are said so",
        "MRI LUMBAR SPINE\nFindings: Bilateral L5 pars defects with corticated margins and no "
        "marrow oedema to suggest an active stress injury.\n",
        "found",
        [
            "These gaps look long-standing.",
            "The scan did not show signs of a new stress injury in the bone.",
        ],
        [],
    ),
    (
        "a disc that has lost a little height, and loss of disc height and signal",
        "MRI LUMBAR SPINE\nFindings: L4/5: The disc has lost a little height. At L5/S1 there "
        "is loss of disc height and signal.\n",
        "found",
        [
            "The scan shows a thinner disc (it has lost some height) between the 4th and 5th",
            "(L5-S1) is dry and has lost height.",
        ],
        [],
    ),
    (
        "a grade said after 'is now' is the finding's",
        "MRI LUMBAR SPINE\nFindings: L5-S1: Bilateral foraminal stenosis has worsened and is now "
        "moderate.\n",
        "found",
        ["moderate narrowing where the nerves leave the spine on both sides at L5-S1"],
        [],
    ),
    (
        "a disc that does not touch the root says so",
        "MRI LUMBAR SPINE\nFindings: L3-L4: Small right protrusion, which approaches but does "
        "not contact the exiting right L3 nerve root.\n",
        "found",
        ["The scan did not show anything touching the nerves at L3-L4."],
        [],
    ),
    (
        "an extrusion gone with a smaller protrusion left is said by its own name",
        "MRI LUMBAR SPINE\nFindings: L4-L5: The previously seen extrusion has resolved. A small "
        "3 mm left protrusion remains.\n",
        "found",
        ["The scan no longer shows a disc that has pushed out further (extrusion) at L4-L5."],
        ["The scan no longer shows a disc pushing out"],
    ),
    (
        "a root the report says may be compressed is not said pressed for certain",
        "CT LUMBAR SPINE\nFindings: L4/5: The left exit foramen is moderately narrowed by "
        "foraminal disc bulging, and the exiting left L4 nerve root may be compressed.\n",
        "found",
        ["The scan may show pressure on the L4 nerve on the left at L4-L5."],
        ["It puts moderate pressure on the L4 nerve", "moderate disc bulge"],
    ),
]


# session 15: what rounds 15 to 18 left, and round 19's readers found
ROWS_19 = [
    (
        "a test with a condition beside one without keeps its condition",
        "XR LUMBAR SPINE\nFindings: There is a wedge compression fracture of L1 with 30% loss of "
        "anterior height, of indeterminate age.\nImpression: L1 wedge fracture of indeterminate "
        "age. If dating it would alter management, MRI with STIR is advised. A DEXA scan is also "
        "recommended.\n",
        "follow_up",
        [
            "The report suggests more tests: a bone density scan.",
            "The report says an MRI scan may help if knowing how old the break is would change "
            "your care. Your GP will decide what you need.",
        ],
        ["an MRI scan and a bone density scan"],
    ),
    (
        "an addendum above the report settles the fracture's age and withdraws the CT",
        "MRI LUMBAR SPINE\nADDENDUM (11/06/2025)\nThe previous MRI dated 14/08/2021 has been "
        "obtained. The mild L1 wedge compression deformity is unchanged since 2021 and is "
        "therefore chronic. The CT "
        "suggested in the original report is no longer required. The remainder of the original "
        "report stands.\n\nORIGINAL REPORT (09/06/2025)\nFindings:\nThere is a mild wedge "
        "compression deformity of the L1 vertebral body, with loss of approximately 20% of "
        "anterior height.\nImpression:\n1. Mild L1 wedge compression deformity of indeterminate "
        "age. If clinically relevant, CT is suggested to help determine its age.\n",
        "follow_up",
        ["The scan shows an old mild break in a bone (fracture)", "It has lost about 20% of"],
        ["not sure how old", "suggests more tests", "other details in medical words"],
    ),
    (
        "minimal retropulsion does not grade the fracture; an acute one looks recent",
        "MRI LUMBAR SPINE\nFindings:\nThere is an acute osteoporotic compression fracture of L3, "
        "with approximately 30% loss of height of the superior endplate. There is minimal (2 mm) "
        "retropulsion of its posterosuperior corner.\n",
        "follow_up",
        ["It has lost about 30% of its height.", "The break at L3 looks recent."],
        ["minimal break"],
    ),
    (
        "the impression's side joins the likely fracture the findings placed",
        "MRI LUMBAR SPINE AND SACRUM\nFindings:\nThere is an acute compression fracture of L3. "
        "There is a band of oedema in the sacral ala at S1, likely representing a sacral "
        "insufficiency fracture.\nImpression:\n1. Acute L3 fracture.\n2. Likely right sacral "
        "insufficiency fracture.\n",
        "follow_up",
        ["what is likely a broken bone (fracture) on the right in your sacrum (S1)"],
        [],
    ),
    (
        "a follow-up ultrasound is one test, an ultrasound",
        "CT LUMBAR SPINE\nFindings: Incidental 3.4 cm infrarenal abdominal aortic aneurysm.\n"
        "Impression: Follow-up abdominal aortic ultrasound is recommended.\n",
        "follow_up",
        ["The report suggests more tests: an ultrasound scan."],
        ["a scan later", "another"],
    ),
    (
        "the size of a hedged cancer is the spot's, not 'it'",
        "MRI LUMBAR SPINE\nFindings: There is a 15 mm lesion in the right pedicle of L3. "
        "Metastasis cannot be excluded. A bone scan is recommended.\n",
        "follow_up",
        ["The spot measures 15 mm."],
        ["It measures 15 mm."],
    ),
    (
        "a root touched but not pressed is said so at its level",
        "MRI LUMBAR SPINE\nFindings:\nL4-5: Left foraminal disc protrusion touching the exiting "
        "left L4 nerve root, without nerve root compression.\n",
        "found",
        ["At L4-L5, the nerve is touched but not pressed on."],
        ["The scan did not show pressure on the nerves at L4-L5."],
    ),
    (
        "a narrowed exit that presses no nerve is said so at its level",
        "MRI LUMBAR SPINE\nFindings:\nL4-5: Mild left foraminal narrowing. The exiting left L4 "
        "nerve root is not impinged.\n",
        "found",
        ["At L4-L5, the nerves leaving the spine are not pressed on."],
        ["The scan did not show pressure on the nerves at L4-L5."],
    ),
    (
        "no instability on bending views is said",
        "XR LUMBAR SPINE WITH FLEXION AND EXTENSION\nFindings: Bilateral L5 pars defects with a "
        "grade 1 anterolisthesis of L5 on S1.\nConclusion: No instability on flexion/extension "
        "views.\n",
        "found",
        ["The bones did not move more than usual when you bent forward and back."],
        ["other details in medical words"],
    ),
    (
        "grades given per side stay per side beside an unsided impression line",
        "MRI LUMBAR SPINE\nFindings:\nL3/4: Moderate right and mild left foraminal narrowing.\n"
        "Opinion:\n1. Foraminal narrowing: L3/4 moderate right, mild left.\n",
        "found",
        [
            "narrowing where the nerves leave the spine at L3-L4: moderate on the right and mild "
            "on the left."
        ],
        ["on both sides"],
    ),
    (
        "an effusion's amount is not the joint wear's grade; the fluid is said with its place",
        "MRI LUMBAR SPINE\nFindings:\nL3/4: Facet joint hypertrophy. Small bilateral facet joint "
        "effusions.\nL4/5: Facet joint hypertrophy. Bilateral facet joint effusions.\n",
        "found",
        [
            "There is some fluid in the joints at L3-L4.",
            "There is some fluid in the joints at L4-L5.",
        ],
        ["small wear", "mild wear"],
    ),
    (
        "a narrowing several findings make together is said on its own",
        "MRI LUMBAR SPINE\nFindings:\nL4/5: Disc bulge, facet joint hypertrophy and ligamentum "
        "flavum thickening produce moderate central canal stenosis and bilateral lateral recess "
        "narrowing.\n",
        "found",
        ["The scan shows narrowing beside the spinal canal, where the nerves run on both sides"],
        ["They are narrowing"],
    ),
    (
        "pars defects (a kind of break) beside 'no fracture': no other broken bone",
        "XR LUMBAR SPINE\nFindings: Bilateral L5 pars interarticularis defects with a grade 1 "
        "anterolisthesis of L5 on S1. No vertebral fracture is seen.\n",
        "found",
        [
            "The scan did not show any other broken bone.",
            "a grade 1 forward slip (the mildest grade) of one bone on the next",
        ],
        ["did not show a broken bone"],
    ),
    (
        "a minor finding the report says needs no follow-up says so",
        "MRI LUMBAR SPINE\nFindings: Mild L4-5 disc bulge.\nImpression:\n1. Mild L4-5 disc "
        "bulge.\n2. Incidental 1.6 cm simple left renal cyst (Bosniak I). No follow-up imaging "
        "is needed.\n",
        "found",
        [
            "It measures 1.6 cm. The report says it was found by chance. The report says it is "
            "the simple kind: a thin sac of fluid. The report says no more scans are needed for it."
        ],
        [],
    ),
    (
        # (round 23: report-only words made patients wonder what else they were not told)
        "report words the summary does not use are left out of its word list",
        "MRI LUMBAR SPINE\nFindings: There is a 15 mm lesion in the right pedicle of L3. A "
        "metastatic deposit cannot be excluded. A bone scan is recommended.\n",
        "words",
        ["bone scan: A scan that shows where bones are changing, after a small injection."],
        ["metastatic:", "only in your full report"],
    ),
    (
        "metastases in many bones take in another level's; the sacrum is not the only region",
        "CT LUMBAR SPINE\nFindings:\nMultiple sclerotic metastases are present in the L1, L3 "
        "and L4 vertebral bodies and the sacrum. There is a pathological compression fracture of "
        "L2 through a sclerotic metastasis.\n",
        "follow_up",
        ["It is in many bones of your lower back and sacrum, including L1, L2, L3 and L4."],
        ["(metastases) at L2", "many bones of your sacrum"],
    ),
    (
        "a participle clause after a long one says what the sentence's subject does",
        "MRI LUMBAR SPINE\nFindings:\nL4-5: A 9 mm synovial cyst arises from the medial aspect "
        "of the right facet joint and projects into the right lateral recess, narrowing the "
        "recess and indenting the right posterolateral thecal sac.\n",
        "found",
        ["It is pressing on the sac of fluid around the nerves on the right at L4-L5."],
        ["also mentions these things"],
    ),
    (
        "'This disc ...' after a sentence with its level is at that level, not the vertebra",
        "MRI LUMBAR SPINE\nFindings: This revealed an L3-4 disc herniation extending inferiorly "
        "and behind the L4 vertebral body. This disc was located more on the right than on the "
        "left, compromised the right neural foramen, and narrowed the spinal canal.\n",
        "found",
        ["It is also narrowing the spinal canal, the space for the nerves at L3-L4."],
        ["(L3-L4, L4)", "L3-L4, L4"],
    ),
    (
        "the syndrome to check for is the patient's, not the scan's; the roots are crowded",
        "MRI LUMBAR SPINE\nFindings:\nL3-L4: Large central disc protrusion causing severe "
        "spinal canal stenosis. The cauda equina nerve roots are crowded without frank "
        "compression.\nImpression: Recommend that the referrer correlate clinically for "
        "symptoms of cauda equina syndrome.\n",
        "found",
        ["severe narrowing of the spinal canal"],
        ["This needs care today", "The scan shows pressure on the"],
    ),
]


def test_round_19_reading():
    """Round 19's reports: roots "also compressed", a cyst or fragment named again as the
    subject, terse "facet OA" and "disc ht loss", "; it measures", "with narrowed spinal canal"
    (no cause), "loss of approximately 20% of anterior height"."""

    def read(text):
        return engine.read("MRI LUMBAR SPINE\nFindings:\n" + text).findings

    roots = read("L4/5: Both traversing L5 nerve roots are also compressed by the extrusion.")
    assert ("nerve_root_compression", "bilateral", "disc_extrusion") in {
        (f.concept, f.side, f.cause) for f in roots
    }
    cyst = read(
        "L4-5: A synovial cyst projects into the canal. The cyst compresses the left "
        "posterolateral thecal sac."
    )
    assert {f.concept: f.cause for f in cyst}["thecal_sac_indentation"] == "synovial_cyst"
    fragment = read(
        "L5/S1: A new sequestered fragment has separated from the parent disc and migrated "
        "caudally to lie behind the upper sacrum; it measures 9 x 6 mm. The fragment compresses "
        "the traversing S1 nerve root."
    )
    by_concept = {f.concept: f for f in fragment}
    assert [s.text for s in by_concept["disc_sequestration"].size] == ["9 x 6 mm"]
    assert by_concept["nerve_root_compression"].cause == "disc_sequestration"
    terse = {f.concept for f in read("L3/4: bulge + bilat facet OA. L5/S1: disc ht loss ~50%.")}
    assert {"facet_arthropathy", "disc_height_loss"} <= terse
    assert {f.concept: f.cause for f in read("L4/5: Disc bulge with narrowed spinal canal.")}[
        "canal_stenosis"
    ] is None
    wedge = read(
        "Mild wedge compression deformity of the L1 vertebral body, with loss of approximately "
        "20% of anterior height."
    )
    assert [s.text for s in wedge[0].size] == ["approximately 20%"]


@pytest.mark.parametrize(
    ("fault", "report", "key", "present", "absent"), ROWS + ROWS_16 + ROWS_17 + ROWS_19
)
def test_row(fault, report, key, present, absent):
    check_row(fault, report, key, present, absent)


def test_a_cyst_named_again_is_what_presses_in_its_sentence_and_the_next():
    reading = engine.read(
        "Findings: The right facet joint at L4/5 is degenerate with a joint effusion, and a "
        "synovial cyst measuring 9 x 7 mm arises from its medial aspect. This cyst projects into "
        "the right lateral recess at L4/5 and compresses the descending right L5 nerve root. It "
        "also indents the right side of the thecal sac at L4/5."
    )
    acted = {f.concept: f.cause for f in reading.findings if f.cause}
    assert acted["nerve_root_compression"] == "synovial_cyst"
    assert acted["thecal_sac_indentation"] == "synovial_cyst"


def test_an_age_after_a_name_in_a_one_paragraph_report():
    text = (
        "MRI LUMBAR SPINE - Example Imaging. Patient Mrs A Example, 57 years, scanned 14/05/2025."
    )
    assert engine.read(text + " Mild L4/5 disc bulge.").age == 57


def test_round_18_reading():
    """Round 18's reports, read before the round: "no ... to suggest" negates, a sentence on
    what the study covers is no finding, "Early degeneration of the L4/5 disc", "Lordosis
    reduced.", and foramina graded per side after a colon."""

    def read(text):
        return engine.read("MRI LUMBAR SPINE\nFindings:\n" + text)

    infection = read("No abnormal disc or endplate enhancement to suggest discitis.")
    assert [f.assertion for f in infection.findings if f.concept == "infection"] == ["negated"]
    assert infection.urgent == ()
    covers = read("The study covers the lumbar spine and sacrum. Normal alignment.")
    assert covers.normal_study and not covers.unexplained
    assert ("disc_degeneration", ("L4-L5",)) in {
        (f.concept, f.levels) for f in read("Early degeneration of the L4/5 disc.").findings
    }
    assert [f.concept for f in read("Lordosis reduced.").findings] == ["lordosis_change"]
    graded = read("L4/5: Foraminal stenosis: R mod, L mild.").findings
    assert {(f.side, f.severity) for f in graded} == {("right", "moderate"), ("left", "mild")}
    # read after the round: the GP's "not at all" and the held-out safety figures
    for hedge_free in (
        "No marrow replacement to suggest an underlying neoplasm.",
        "There is no disc fluid signal or paravertebral soft tissue to suggest discitis.",
        "Patchy marrow signal at L1 and L2 in keeping with red marrow.",
    ):
        assert read(hedge_free).urgent == (), hedge_free
    assert read("Features to suggest discitis.").urgent == ("infection",)
    coordinated = read("L5-S1: Canal and foramina without significant narrowing.").findings
    assert {f.assertion for f in coordinated} == {"negated"}
    xray = engine.read(
        "LUMBAR SPINE X-RAY\nFindings: Mild spondylosis.\nComment: Plain films cannot assess "
        "the spinal canal; MRI would be the next test if neurogenic claudication is suspected."
    )
    assert xray.tests == ("mri",)
