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

# a report's furniture and plain normals in the forms round 22's GP found behind "other details
# in medical words" (a town, a signature with its time, a trust, a thanks, "nil of note")
HEADED = (
    "NORTH EXAMPLE HOSPITALS NHS FOUNDATION TRUST\n"
    "Nelson, New Zealand\n"
    "Patient  Mr Test EXAMPLE\n"
    "CHI  0123456789\n\n"
    "MRI LUMBAR SPINE\n\n"
    "Disc levels:\n"
    "L1/2 and L2/3 nil of note.\n"
    "L4/5: Mild disc bulge. The lateral recesses and exit foramina are clear. Facets OK.\n\n"
    "Thank you for referring this patient.\n"
    "Example, MD 03/11/2025 16:42\n"
)

ROWS_21 = [
    (
        "furniture and plain normals said to the patient as 'other details in medical words'",
        HEADED,
        "found",
        ["The scan shows a mild disc bulge"],
        ["other details in medical words"],
    ),
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
            "narrowing where the nerves leave the spine at L4-L5: moderate on the left and mild "
            "on the right.",
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
        ["something that needs more tests", "describes something"],
    ),
    (
        "'Eval for disc herniation' in the indication said as a disc that pushed out in the past",
        "MRI LUMBAR SPINE\nIndication: Right leg pain for 5 days. Eval for disc herniation.\n"
        "Findings: Right L5-S1 disc extrusion compressing the right S1 nerve root.\n",
        "found",
        ["a disc that has pushed out further (extrusion) on the right at L5-S1"],
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
    assert "- Do I need the tests the report mentions, and when?" in urgent
    assert "- Which of these findings matter most for me?" in urgent
    assert "- Do I need any more tests or care?" not in urgent
    normal = _next("MRI LUMBAR SPINE\nFindings: Normal study. No disc herniation.\n")
    assert "- What does a normal scan mean for me?" in normal
    assert "- What do these findings mean for me?" not in normal
    assert not any("How soon" in line or "matter most" in line for line in normal)


def test_a_long_list_of_tests_is_said_in_two_sentences():
    from lbpreports.engine.conclusion import tests_line
    from lbpreports.engine.statements import grade

    line = tests_line(
        "tests",
        [
            "an ultrasound scan or a CT scan",
            "a biopsy (a small sample of tissue)",
            "blood tests",
        ],
    )
    assert line == (
        "The report suggests more tests: an ultrasound scan or a CT scan. It also suggests a "
        "biopsy (a small sample of tissue) and blood tests. Your GP will decide what you "
        "need."
    )
    assert all(grade(s) <= 8 for s in line.split(". "))
    out = patient_texts(
        engine.read(
            AORTA + "Follow-up ultrasound surveillance is recommended. "
            "Renal ultrasound or multiphase renal CT is recommended.\n",
            age=66,
        )
    )
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


# the twenty-second round (GP: 1 as is, 7 with small edits, 2 not at all; patient "not
# frightened" median 3)
ROWS_22 = [
    (
        "'CT abdomen and pelvis 12 May 2025' as a comparison read as a suggested CT ('may')",
        "MRI LUMBAR SPINE\nComparison: CT abdomen and pelvis 12 May 2025.\nFindings: Mild L4-5 "
        "disc bulge.\n",
        "next",
        ["The report does not ask for more scans or tests."],
        ["a CT scan", "belly"],
    ),
    (
        "a follow-up MRI said as two tests, 'a scan later' and 'an MRI scan'",
        "MRI LUMBAR SPINE\nFindings: L1 haemangioma. A follow-up MRI in 6 months is suggested to "
        "confirm stability.\n",
        "follow_up",
        ["The report suggests more tests: an MRI scan in 6 months to check for change."],
        ["and an MRI scan"],
    ),
    (
        "one break through the S1 and S2 segments said as broken bones at 2 levels of the spine",
        "CT LUMBAR SPINE AND SACRUM\nClinical: Fall at home.\nFindings: Acute undisplaced "
        "fracture of the right sacral ala running through the S1 and S2 segments, typical of an "
        "insufficiency fracture. No lumbar vertebral fracture.\n",
        "follow_up",
        [
            "The scan shows a broken bone (fracture) on the right in your sacrum (S1, S2).",
            "The broken parts have not moved out of place.",
        ],
        ["2 levels", "broken bones"],
    ),
    (
        "'No lumbar vertebral fracture' beside a sacral break left out",
        "CT LUMBAR SPINE AND SACRUM\nClinical: Fall at home.\nFindings: Acute undisplaced "
        "fracture of the right sacral ala through S1 and S2. No lumbar vertebral fracture.\n",
        "found",
        ["The scan did not show any other broken bone."],
        [],
    ),
    (
        "a growth ruled out for someone whose history never raised one (a new fear)",
        "MRI LUMBAR SPINE\nClinical: Low back pain for 3 months.\nFindings: Mild L4-5 disc "
        "bulge. No fracture or destructive bone lesion.\n",
        "found",
        ["The scan did not show a broken bone."],
        ["growth"],
    ),
    (
        "a growth ruled out for someone treated for cancer is said",
        "MRI LUMBAR SPINE\nClinical: Back pain, history of breast cancer.\nFindings: Mild L4-5 "
        "disc bulge. No fracture or destructive bone lesion.\n",
        "found",
        ["The scan did not show a broken bone or a growth in the bones."],
        [],
    ),
    (
        "'a bone island, not cancer' to someone who never had cancer",
        "CT LUMBAR SPINE\nFindings: A 6 mm sclerotic focus in L5 is in keeping with a bone "
        "island; a sclerotic metastasis is considered unlikely.\n",
        "found",
        ["is a bone island."],
        ["cancer"],
    ),
    (
        "'concordant with the left L5 radicular symptoms' (a causal claim) left unexplained",
        "MRI LUMBAR SPINE\nFindings: Left L5-S1 foraminal narrowing touching the exiting left L5 "
        "root. This is concordant with the left L5 radicular symptoms.\n",
        "found",
        ["touching the L5 nerve on the left"],
        ["concordant", "other details in medical words"],
    ),
]


def test_the_general_prevalence_line_comes_before_the_findings():
    out = patient_texts(
        engine.read(
            "MRI LUMBAR SPINE\nFindings: Mild disc bulges at L3-4 and L4-5. Mild facet "
            "arthropathy at L4-5.\n",
            age=60,
        )
    )
    found = next(s for s in out["summary"]["sections"] if s["key"] == "found")["paragraphs"]
    assert found[0] == (
        "Many of the changes below are common as people get older, even in people with no "
        "back pain."
    )


# the twenty-third round (GP: 2 as is, 6 with small edits, 2 not at all; patient "not
# frightened" median 3)
ROWS_23 = [
    (
        "a burst fracture's retropulsion said as its size; 'burst' and the back wall left out",
        "CT LUMBAR SPINE\nFindings: Acute burst fracture of L3 with 30% loss of height. The "
        "fracture involves the posterior vertebral body cortex.\nA retropulsed fragment projects "
        "3 mm into the spinal canal.\nThe conus is not compressed. The posterior elements appear "
        "intact.\n",
        "follow_up",
        [
            "Part of the bone is pushed into the spinal canal by 3 mm.",
            "The bone is squashed, with pieces pushed outwards (burst fracture).",
            "The break reaches the back wall of the bone.",
            "The ring of bone at the back of the spine is not broken.",
        ],
        ["It measures 3 mm"],
    ),
    (
        "metastases at the four levels a report names said as 'many bones ... including'",
        "MRI LUMBAR SPINE\nHistory: Known prostate cancer.\nFindings: There are multiple "
        "sclerotic metastases at L2, L4 and S1, the largest in L4 measuring 15 mm. There is no "
        "extraosseous or epidural extension of tumour.\n",
        "follow_up",
        [
            "It is in 3 bones of your lower back and sacrum: L2, L4 and S1.",
            "The largest measures 15 mm.",
            "It has not reached outside the bone or into the spinal canal.",
        ],
        ["including", "It measures 15 mm"],
    ),
    (
        "'touching but not compressing the thecal sac' said as pressing on it",
        "MRI LUMBAR SPINE\nConclusion: Small central L4/5 protrusion touching but not "
        "compressing the thecal sac.\n",
        "found",
        ["It is touching the sac of fluid around the nerves at L4-L5."],
        ["pressing on the sac"],
    ),
    (
        "a lesion 'probably a haemangioma', no follow-up, said as something that needs more tests",
        "MRI LUMBAR SPINE\nFindings: There is a well-defined 9 mm lesion in the S1 vertebral "
        "body, which is probably a haemangioma or a small intraosseous cyst. No follow-up is "
        "required.\n",
        "found",
        ["haemangioma"],
        ["needs more tests", "describes something", "other details in medical words"],
    ),
    (
        "'The broken parts have not moved' beside a break the report only suspects",
        "CT LUMBAR SPINE\nFindings: Possible undisplaced fracture of the left L3 transverse "
        "process.\n",
        "follow_up",
        ["The scan cannot rule out a broken bone (fracture) on the left"],
        ["broken parts"],
    ),
    (
        "narrowing where the nerves leave beside 'did not show narrowing of the spinal canal'",
        "MRI LUMBAR SPINE\nFindings: L4-5: Moderate right foraminal stenosis. No canal stenosis.\n",
        "found",
        ["The scan did not show narrowing in the middle of the spinal canal at L4-L5."],
        [],
    ),
]


def test_no_common_with_age_line_for_a_young_patient():
    out = patient_texts(
        engine.read(
            "MRI LUMBAR SPINE\nFindings: Mild disc bulges at L3-4 and L4-5. Mild desiccation "
            "at L4-5.\n",
            age=27,
        )
    )
    text = out["summary"]["text"] + out["conclusion"]
    assert "as people get older" not in text
    assert "without back pain" in text


def test_the_glossary_explains_a_slip_forward_and_a_nerve_root():
    """The report's own words keep their definitions for the GP's view and the appended mode,
    though the summary lists only the words it uses (round 1's row, moved here)."""
    out = patient_texts(
        engine.read(
            "Findings: Grade 1 anterolisthesis of L4 on L5 compressing the left L5 nerve root.",
            age=55,
        )
    )
    definitions = {g["term"]: g["definition"] for g in out["glossary"]}
    assert definitions["anterolisthesis"] == (
        "One bone has slipped a little forward on the one below."
    )
    assert definitions["nerve root"] == "A nerve where it leaves the spine, on its way to the leg."
    assert "spinal cord" not in " ".join(definitions.values())


# the twenty-fourth round (GP: 1 as is, 6 with small edits, 3 not at all; patient "not
# frightened" median 3)
ROWS_24 = [
    (
        "'suspicious for malignancy; metastasis, myeloma and lymphoma are the main "
        "considerations' said as cancer that has spread",
        "MRI LUMBAR SPINE\nImpression:\n1. Aggressive L3 vertebral lesion, suspicious for "
        "malignancy. Metastasis, myeloma and lymphoma are the main considerations.\n",
        "follow_up",
        ["The report suspects the scan shows signs of cancer"],
        ["The scan shows cancer", "has spread to the bones"],
    ),
    (
        "'infection is considered unlikely' in a numbered impression item kept open as possible",
        "MRI LUMBAR SPINE\nImpression:\n1. Expected postoperative appearances after left L4-5 "
        "microdiscectomy.\n2. Small fluid collection in the laminotomy bed, most likely a "
        "seroma; infection is considered unlikely.\n",
        "follow_up",
        [],
        ["cannot rule out an infection", "needs more tests"],
    ),
    (
        "'up to 3 mm displacement of the distal fragment' lost from the break",
        "CT LUMBAR SPINE\nFindings: There is an acute fracture through the base of the right L2 "
        "transverse process, with up to 3 mm displacement of the distal fragment.\n",
        "follow_up",
        ["Part of the bone is pushed out of place by up to 3 mm."],
        [],
    ),
    (
        "a root the report says is 'mildly' abutted said as touched without how much",
        "MRI LUMBAR SPINE\nFindings: L4-5: The residual left protrusion mildly abuts the "
        "traversing left L5 nerve root.\n",
        "found",
        ["It is mildly touching the L5 nerve on the left at L4-L5."],
        [],
    ),
]


# the twenty-fifth round (GP: 2 as is, 7 with small edits, 1 not at all; patient "not
# frightened" median 3)
ROWS_25 = [
    (
        "an addendum that moves a narrowing to the left, both sides kept",
        "ADDENDUM\nThe L4-L5 foraminal narrowing described in the original report below is on "
        "the LEFT, not on the right.\n---------- ORIGINAL REPORT ----------\nFindings: L4-L5: "
        "The disc bulge extends into the right foramen, causing moderate right foraminal "
        "narrowing.\n",
        "found",
        ["moderate narrowing where a nerve leaves the spine on the left at L4-L5"],
        ["on the right", "other details in medical words"],
    ),
    (
        "an aortic 'dilatation' renamed an aneurysm",
        "MRI LUMBAR SPINE\nFindings: 3.2 cm infrarenal aortic dilatation. Ultrasound follow-up "
        "is advised.\n",
        "follow_up",
        [
            "a widened main blood vessel in the belly (aortic dilatation)",
            "an ultrasound scan later to check for change",
        ],
        ["aneurysm", "another"],
    ),
    (
        "'minimally displaced' read as a minimal break",
        "CT LUMBAR SPINE\nImpression: Acute, minimally displaced fracture of the right L2 "
        "transverse process.\n",
        "follow_up",
        ["The scan shows a broken bone (fracture) on the right"],
        ["minimal"],
    ),
    (
        "one kidney cyst said twice, once with a spinal level",
        "MRI LUMBAR SPINE\nFindings: L4-L5: Mild disc bulge.\nOther: A 3.0 cm simple cyst "
        "arises from the lower pole of the left kidney.\nImpression:\n1. Mild L4-L5 bulge.\n2. "
        "Incidental 3 cm simple left renal cyst. No follow-up imaging is needed for this.\n",
        "found",
        ["- a fluid sac in the left kidney. It measures 3.0 cm."],
        ["It measures 3 cm."],
    ),
    (
        "'with 7 mm of caudal migration' lost from the extrusion",
        "MRI LUMBAR SPINE\nFindings: L5/S1: There is a left paracentral disc extrusion measuring "
        "9 x 12 mm (AP x transverse), with 7 mm of caudal migration.\n",
        "found",
        ["9 x 12 mm", "7 mm"],
        [],
    ),
    (
        "'No other focal lesion is seen' beside a spot that cannot be called benign",
        "CT LUMBAR SPINE\nClinical: History of breast cancer.\nFindings: There is a 12 mm "
        "sclerotic lesion in the L4 vertebral body. A sclerotic metastasis cannot be excluded. "
        "No other focal sclerotic or lytic lesion is seen.\n",
        "found",
        ["any other spot like this in the bones"],
        [],
    ),
]


# the twenty-sixth round (GP: 2 as is, 5 with small edits, 3 not at all; patient "not
# frightened" median 2)
ROWS_26 = [
    (
        "'Images of an outside CT abdomen' in an addendum called a scan of the belly",
        "Examination: MRI Lumbar Spine\nADDENDUM\nImages of an outside CT abdomen and pelvis "
        "have been reviewed. The L2 focus is unchanged over 3 years and typical of a bone "
        "island. No further imaging is required.\nORIGINAL REPORT\nFindings: There is a 7 mm "
        "sclerotic focus in the L2 vertebral body, indeterminate. Comparison with prior imaging "
        "is recommended.\n",
        "looked_at",
        ["This was an MRI scan of your lower back."],
        ["belly", "cannot rule out", "needs more tests"],
    ),
    (
        "early discitis said as 'a mild infection'",
        "MRI LUMBAR SPINE\nFindings: L3-4: Endplate oedema and disc fluid signal; early "
        "discitis cannot be excluded. Contrast MRI is advised.\n",
        "follow_up",
        ["The scan cannot rule out an infection in a disc and nearby bone at L3-L4."],
        ["mild infection"],
    ),
    (
        "'Hospital No.:' beside a name left as 'other details in medical words'",
        "Name: Miss Test EXAMPLE      Hospital No.: RF2290417\nMRI LUMBAR SPINE\nFindings: "
        "Normal study. No disc bulge or protrusion.\n",
        "found",
        ["Your scan of the lower back looks normal."],
        ["other details in medical words"],
    ),
]


# a case letter read at the end of session 16 (made-up words in the corpus letter's shape)
LETTER = (
    "CC: Back pain and leg weakness.\n\nHX: This 60 year old woman had a left frontal brain "
    "tumour treated in 2020. An MRI brain scan at the time showed a left frontal enhancing "
    "lesion.\n\nEXAM: Power 4/5 in both legs.\n\nCOURSE: The MRI L-spine revealed enhancement "
    "along the conus, suggestive of spread of tumour. No cord compression was seen. She was "
    "discharged home.\n"
)
ROWS_26.append(
    (
        "a letter's brain scan lends its side to the spine, and an MRI it says was done is "
        "suggested",
        LETTER,
        "follow_up",
        ["Your GP needs to talk with you about this soon."],
        ["on the left", "suggests more tests"],
    )
)


ROWS_26.append(
    (
        "'The traversing nerve root on the right was impinged at that level.' given a level "
        "named sentences before",
        "MRI SPINE\nINTERPRETATION: At C6-C7, there was a central disc herniation. There was a "
        "right paracentral disc protrusion at L4-L5 narrowing the right lateral recess.  The "
        "transversing nerve root on the right was impinged at that level.\n",
        "found",
        ["L4-L5"],
        ["nerve on the right at C6-C7"],
    )
)


# session 17: the walk's open defect and round 27
ROWS_27 = [
    (
        "'The right foramen was mildly compromised.' given the level of an earlier 'At C6-C7,' "
        "where the sentence before names L4-L5",
        "MRI SPINE\nINTERPRETATION: At C6-C7, there was a central disc herniation with patent "
        "neuroforamina. There was a right paracentral disc protrusion at L4-L5 narrowing the "
        "right lateral recess.  The right foramen was mildly compromised.\n",
        "found",
        ["The scan shows mild narrowing where a nerve leaves the spine on the right at L4-L5."],
        ["on the right at C6-C7"],
    ),
    (
        "an addendum moving a protrusion from L4/5 to L5/S1 said as two protrusions at two levels",
        "ADDENDUM\nCounting upwards from the sacrum, the level reported below as L4/5 becomes "
        "L5/S1. On this numbering the right paracentral disc protrusion is at L5/S1 and "
        "compresses the traversing right S1 nerve root.\nORIGINAL REPORT\nMRI LUMBAR SPINE\n"
        "Findings:\nVertebrae numbered from C2.\nL4/5: Desiccated disc. There is a 7 mm right "
        "paracentral disc protrusion compressing the traversing right L5 nerve root.\n",
        "looked_at",
        [
            "The note changes how the bones of your back are counted. What the first report "
            "called L4-L5 is called L5-S1 in this summary."
        ],
        ["at L4-L5", "the L5 nerve", "other details"],
    ),
    (
        "'the exiting L3 roots are not compressed' beside a canal that crowds the nerves said as "
        "'the narrowing is not pressing on the nerves'",
        "MRI LUMBAR SPINE\nFindings:\nL3/4: Moderate central canal stenosis, with crowding of the "
        "cauda equina nerve roots. The exit foramina are mildly narrowed bilaterally but the "
        "exiting L3 roots are not compressed.\n",
        "found",
        [
            "The nerves in the canal at L3-L4 are crowded together.",
            "mild narrowing where the nerves leave the spine on both sides at L3-L4",
            "At L3-L4, the nerves leaving the spine are not pressed on.",
        ],
        ["the narrowing is not pressing", "nerves themselves"],
    ),
    (
        "'suggestive of active sacroiliitis' said as certain; the joints of the title and 'Lumbar "
        "spine otherwise normal' left out",
        "MRI SACROILIAC JOINTS AND LUMBAR SPINE\nSIJs: Bone marrow oedema at both SIJs. "
        "Appearances suggestive of active bilateral sacroiliitis.\nImpression:\n1. Suggestive of "
        "active bilateral sacroiliitis. In this setting would fit with axial spondyloarthritis.\n"
        "2. Lumbar spine otherwise normal.\n",
        "follow_up",
        [
            "The scan suggests inflamed joints at the base of the spine (sacroiliitis) on both "
            "sides."
        ],
        ["The scan shows inflamed"],
    ),
    (
        "the title's sacroiliac joints and 'Lumbar spine otherwise normal'",
        "MRI SACROILIAC JOINTS AND LUMBAR SPINE\nSIJs: Appearances suggestive of active "
        "bilateral sacroiliitis.\nImpression: Lumbar spine otherwise normal.\n",
        "looked_at",
        ["This was an MRI scan of your lower back and the joints at the base of your spine."],
        [],
    ),
    (
        "'No evidence of infection' after an operation left out",
        "MRI LUMBAR SPINE WITH CONTRAST\nHistory: Status post right L4-L5 microdiscectomy.\n"
        "Findings:\nL4-L5: Postsurgical changes of a right hemilaminotomy. A small recurrent "
        "right paracentral disc protrusion contacts the right L5 nerve root.\nImpression: No "
        "evidence of infection.\n",
        "found",
        ["The scan did not show an infection."],
        ["have disc protrusions"],
    ),
    (
        "'9 mm in AP dimension with 7 mm of inferior migration' said as 'It measures 9 mm and 7 "
        "mm'; 'no ... stenosis at any level' said at one level",
        "MRI LUMBAR SPINE\nFindings: At L5-S1 there is a new right paracentral disc extrusion "
        "measuring 9 mm in AP dimension with 7 mm of inferior migration, which compresses the "
        "right S1 nerve root. The neural foramina are patent at all levels. There is no "
        "significant spinal canal stenosis at any level.\n",
        "found",
        [
            "It sticks out 9 mm. It has moved 7 mm downward.",
            "The scan did not show much narrowing of the spinal canal.",
        ],
        ["9 mm and 7 mm", "spinal canal at L5-S1"],
    ),
    (
        "'extends 4 mm beyond the posterior vertebral margin' said as 'It reaches 4 mm.'; no "
        "nerve root compression beside a pressed sac",
        "MRI LUMBAR SPINE\nFindings:\nL4/5: A central disc protrusion extends 4 mm beyond the "
        "posterior vertebral margin and indents the ventral thecal sac. The traversing nerve "
        "roots are not compressed.\n",
        "found",
        ["It sticks out 4 mm.", "The scan did not show pressure on the nerves at L4-L5."],
        ["It reaches 4 mm"],
    ),
    (
        "'ORDERING: <name>, DO' and 'Hosp No:' left as other details in medical words",
        "PATIENT: TEST, DOROTHY A.     MRN: 00719342\nORDERING: Raymond Ferreira, DO\n"
        "Patient: Mr Test EXAMPLE    Age: 36    Hosp No: HV3318024\nMRI LUMBAR SPINE\n"
        "Findings: Mild L4-5 disc bulge.\n",
        "found",
        ["The scan shows a mild disc bulge"],
        ["other details in medical words"],
    ),
    (
        "'Mild degenerative disc disease elsewhere' and 'multilevel degenerative changes' said "
        "with no place",
        "MRI LUMBAR SPINE\nFindings:\nL4/5: Severe central canal stenosis.\nConclusion:\n1. "
        "Severe central canal stenosis at L4/5.\n2. Mild degenerative disc disease elsewhere.\n"
        "3. Milder multilevel degenerative changes as described above.\n",
        "found",
        [
            "The scan shows discs with mild wear and tear at the other levels.",
            "at several levels.",
        ],
        [],
    ),
    (
        "a preliminary report's 'The first look at the scan shows' nine times over",
        "PROVISIONAL REPORT - awaiting consultant review\nMRI LUMBAR SPINE\nFindings:\nL3/4: "
        "Moderate central canal stenosis. Broad-based disc bulge.\nL4/5: Mild left foraminal "
        "narrowing.\n",
        "found",
        ["The first look at the scan shows moderate narrowing", "The scan also shows"],
        [],
    ),
    (
        "nerve codes, the sac and a dry disc left unexplained",
        "MRI LUMBAR SPINE\nFindings: L5-S1: Disc desiccation. A right paracentral extrusion "
        "compresses the right S1 nerve root and effaces the thecal sac.\n",
        "looked_at",
        [
            "A nerve is named by the bone where it leaves the spine. So the S1 nerve leaves "
            "through your sacrum."
        ],
        [],
    ),
]


# round 28
ROWS_28 = [
    (
        "known myeloma deposits listed under a line ending with a colon said as metastases, the "
        "list left unexplained",
        "MRI LUMBAR SPINE\nHistory: Known multiple myeloma.\nFindings:\nSeveral focal marrow "
        "lesions are again seen, in keeping with the known myeloma deposits:\n- L1 vertebral "
        "body, anterior aspect: 14 mm.\n- L3 vertebral body, left side: 11 mm.\n- Right sacral "
        "ala (S1): 18 mm.\nEach is unchanged in size compared with the August 2024 study.\n",
        "follow_up",
        [
            "The scan shows a cancer of the bone marrow (myeloma).",
            "It has not changed since your last scan. They measure 14 mm, 11 mm and 18 mm.",
        ],
        ["metastases", "other details in medical words"],
    ),
    (
        "'The perineural fat around the root is obliterated.' read as a perineural cyst",
        "MRI LUMBAR SPINE\nFindings:\nL4/5: A right foraminal disc protrusion compresses the "
        "exiting right L4 nerve root. The perineural fat around the root is obliterated.\n",
        "found",
        ["The scan shows a disc protrusion"],
        ["fluid sac"],
    ),
    (
        "a 4 cm adnexal cyst with a suggested ultrasound listed among minor things, 'in the left "
        "ovary'",
        "MRI LUMBAR SPINE\nFindings: Mild L4-5 disc bulge.\nComment:\n1. Mild L4-5 disc bulge.\n"
        "2. Incidental 4 cm left adnexal cyst. This warrants a pelvic ultrasound for "
        "characterisation.\n",
        "found",
        ["The scan shows a fluid sac near the left ovary. It measures 4 cm."],
        ["also mentions these things", "in the left ovary", "common with age"],
    ),
    (
        "a letter's greeting, thanks and sign-off left as other details",
        "Dear Megan,\nRe: Mrs Test EXAMPLE, aged 55 (DOB 19/04/1970)\nThank you for referring "
        "Lorraine, who has had three months of central low back pain without leg symptoms.\n"
        "MRI LUMBAR SPINE\nFindings: Mild L4-5 disc bulge.\nKind regards,\n",
        "found",
        ["The scan shows a mild disc bulge"],
        ["other details in medical words"],
    ),
    (
        "'minimally displaced' transverse process fractures beside 'No vertebral body fracture'",
        "CT LUMBAR SPINE\nFindings: Acute minimally displaced fractures of the right L2 and L3 "
        "transverse processes. No vertebral body fracture. Mild stranding of the right psoas "
        "muscle, consistent with contusion.\nImpression: 1. Acute right L2 and L3 transverse "
        "process fractures. 2. No vertebral body fracture or malalignment.\n",
        "follow_up",
        [
            "The main part of the bone is not broken.",
            "The broken parts have barely moved out of place.",
        ],
        ["other details in medical words"],
    ),
    (
        "'which I favour as degenerative given the advanced disc degeneration' hedging the disc",
        "MRI LUMBAR SPINE\nFindings: Impression: type 1 Modic change at L5/S1, which I favour as "
        "degenerative given the advanced disc degeneration at this level.\n",
        "found",
        ["a disc with severe wear and tear"],
        ["may show a disc"],
    ),
    (
        "a preliminary normal CT's conclusion said nothing of what it found",
        "PRELIMINARY REPORT -- OVERNIGHT RESIDENT READ\nFinal interpretation pending attending "
        "radiologist review.\nEXAM: CT LUMBAR SPINE WO CONTRAST\nPT: 25M. Motorcycle vs "
        "guardrail at highway speed, helmeted. Low back pain. GCS 15.\nFINDINGS:\n- No acute "
        "fracture.\n- Alignment anatomic, no listhesis. Facet joints congruent.\nIMPRESSION:\nNo "
        "acute fracture.\nPrelim: K. Adeyemi-Ross, MD (R3), 03:26.\nAttending final to follow.\n",
        "found",
        ["The scan did not show a broken bone."],
        ["other details in medical words"],
    ),
    (
        "epidural lipomatosis, the cause of a severe narrowing, left as other details",
        "Wollongong Private Hospital Campus, 360 Crown Street, Wollongong NSW 2500\nMRI LUMBAR "
        "SPINE\nFindings:\nEpidural space: There is an abnormal excess of posterior epidural fat "
        "from L4 to S1, consistent with epidural lipomatosis.\nL5/S1: Severe central canal "
        "stenosis.\n",
        "found",
        ["The report also notes extra fat in the spinal canal."],
        ["other details in medical words"],
    ),
]


# round 29
ROWS_29 = [
    (
        "Scheuermann-type wedging with Schmorl's nodes read as three fractures",
        "MRI THORACOLUMBAR SPINE\nFindings: There is mild anterior wedging of the T9, T10 and T11 "
        "vertebral bodies with undulating, irregular endplates and multiple Schmorl's nodes at "
        "these levels. No acute fracture.\n",
        "found",
        ["The scan did not show a broken bone."],
        ["breaks in the bones", "new broken bone"],
    ),
    (
        "a collection 'most likely' a haematoma said as 'cannot rule out bleeding', split into "
        "three items, with an abscess 'much less likely' raised",
        "MRI LUMBAR SPINE\nFindings:\nThere is a lentiform dorsal epidural collection, slightly "
        "eccentric to the right, extending from L1 to L3. It measures up to 9 mm in AP depth and "
        "approximately 6 cm craniocaudally. This most likely represents an acute epidural "
        "haematoma.\n\nThe collection compresses the thecal sac from behind, most marked at "
        "L2/3.\nImpression:\n1. Dorsal epidural collection from L1 to L3 compressing the thecal "
        "sac, most likely an acute epidural haematoma.\n2. An epidural abscess is considered "
        "much less likely.\n",
        "follow_up",
        [
            "The scan shows what is likely bleeding in the canal of the spine (haematoma) on the "
            "right."
        ],
        ["cannot rule out", "your GP will explain to you", "pocket of pus"],
    ),
    (
        "a letter's 'An MRI she arranged privately in January showed ...' read as a suggested MRI",
        "Dear Sam,\nRe: Ms Test EXAMPLE\nThank you for seeing her for physiotherapy. An MRI she "
        "arranged privately in January showed mild degenerative change only. She has had two "
        "weeks off work.\nKind regards,\n",
        "next",
        ["The report does not ask for more scans or tests."],
        ["suggests more tests", "common with age"],
    ),
    (
        "'no peri-screw fluid or oedema to suggest loosening ... although CT is better for "
        "confirming this' read as a suggested CT",
        "MRI LUMBAR SPINE\nFindings: Postoperative changes of L4-5 fusion with pedicle screws. "
        "The screws are well positioned, with no peri-screw fluid or oedema to suggest "
        "loosening, and there appears to be solid bony bridging, although CT is better for "
        "confirming this.\n",
        "next",
        ["Your GP will go through this report with you"],
        ["suggests more tests", "tests the report suggests"],
    ),
    (
        "a CT recommending 'MRI whole spine with contrast ... for deposits not visible on CT' "
        "said as a CT of the whole spine suggesting a CT",
        "CT LUMBAR SPINE\nFindings: Lytic lesion in the L2 vertebral body, highly suspicious for "
        "a metastatic deposit.\nImpression: MRI whole spine with contrast is recommended to "
        "assess for epidural disease and for further deposits not visible on CT.\n",
        "looked_at",
        ["This was a CT scan of your lower back."],
        ["whole spine", "more tests: a CT scan"],
    ),
    (
        "conjoined nerve roots, a variant, folded away as a normal",
        "MRI LUMBAR SPINE\nFindings: L5-S1: Conjoined left L5 and S1 nerve roots are noted, a "
        "developmental variant, exiting through a capacious left neural foramen. The roots are "
        "not compressed.\n",
        "found",
        [
            "The report also notes two nerves that leave the spine together. Some people are "
            "born like this."
        ],
        [],
    ),
    (
        "'highly suspicious for a metastatic deposit' said as 'worried', as a plain 'suspicious'",
        "CT LUMBAR SPINE\nFindings: 24 mm lytic lesion in the L2 vertebral body, highly "
        "suspicious for a metastatic deposit.\n",
        "follow_up",
        ["The report strongly suspects the scan shows signs of cancer"],
        ["cannot rule out"],
    ),
    (
        "the session's walk (a case letter): 'a large epidural lipoma' left to other details",
        "MRI LUMBAR SPINE\nFindings: Mild L4-5 disc bulge. The findings were felt consistent "
        "with a large epidural lipoma displacing the spinal cord anteriorly.\n",
        "found",
        ["The report also notes extra fat in the spinal canal."],
        ["other details in medical words"],
    ),
]


ROWS_30 = [
    (
        "'Modic type 2 (fatty) endplate change' said twice, once as Modic changes and once "
        "among minor things",
        "MRI LUMBAR SPINE\nFindings: Modic type 2 (fatty) endplate change at L5-S1, involving "
        "both sides of the disc, with mild disc desiccation.\n",
        "found",
        ["(Modic changes)"],
        ["surface of the bone", "also mentions these things"],
    ),
    (
        "'contacts the traversing left L5 nerve root in the lateral recess' after 'effaces the "
        "ventral thecal sac' read as narrowing of the lateral recess",
        "MRI LUMBAR SPINE\nFindings:\nL4/5: There is a left paracentral disc protrusion "
        "measuring 4 mm. The protrusion mildly effaces the ventral thecal sac and contacts the "
        "traversing left L5 nerve root in the lateral recess. The root is not displaced or "
        "compressed.\n",
        "found",
        ["touching"],
        ["beside the spinal canal"],
    ),
    (
        "an addendum's 'The previous MRI ..., performed at another centre, has now been imported "
        "and reviewed for comparison.' read as a suggested MRI",
        "ADDENDUM\nThe previous MRI of 16 August 2022, performed at another centre, has now been "
        "imported and reviewed for comparison.\nThe left L4/5 disc protrusion has decreased in "
        "size, now 4 mm compared with 7 mm in 2022.\n\nORIGINAL REPORT\nFindings:\nL4/5: "
        "Small left paracentral disc protrusion measuring 4 mm.\n",
        "found",
        ["It is smaller than on your last scan."],
        ["suggests more tests", "may help"],
    ),
]


# the thirty-first round (GP: 1 as is, 7 with small edits, 2 not at all; patient "not
# frightened" median 2.5): one spot said as two things was the patient's first complaint
ROWS_31 = [
    (
        "an MRI whose history names a CT KUB said as a CT scan; 'T2DM' read as a thoracic level",
        "MRI LUMBAR SPINE    Date: 28/08/2025\nClinical details: CT KUB last month for renal "
        "colic. T2DM.\nFindings:\nThe abnormality on the CT corresponds to a 17 mm well defined "
        "lesion in the right side of the L2 vertebral body. It returns high signal on T1 and "
        "T2, with coarse vertical trabeculae; these are the typical appearances of a "
        "haemangioma.\n",
        "looked_at",
        ["This was an MRI scan of your lower back."],
        ["CT scan", "middle"],
    ),
    (
        "a lesion named a typical haemangioma in the sentence after it said as a lesion that "
        "needs more tests and again as a haemangioma",
        "MRI LUMBAR SPINE\nFindings:\nThe abnormality on the CT corresponds to a 17 mm well "
        "defined lesion in the right side of the L2 vertebral body. It returns high signal on "
        "T1 and T2, with coarse vertical trabeculae; these are the typical appearances of a "
        "haemangioma.\n",
        "found",
        ["It measures 17 mm."],
        ["cannot rule out", "needs more tests"],
    ),
    (
        "an L4 lesion 'likely an atypical haemangioma', a metastasis 'unlikely, but it cannot be "
        "completely excluded', said once needing tests and again among minor things",
        "MRI LUMBAR SPINE\nFindings:\nThere is a second, smaller lesion in the anterior L4 "
        "vertebral body, measuring 8 mm. This is low signal on T1 and high signal on T2. This "
        "is likely to be an atypical haemangioma.\nConclusion:\n1. 8 mm L4 lesion, likely an "
        "atypical haemangioma. A metastasis is considered unlikely, but it cannot be completely "
        "excluded. A follow-up MRI in 6 months is suggested.\n",
        "follow_up",
        [
            "The scan cannot rule out signs of cancer in the 4th bone of your lower back (L4). "
            "But the report thinks this is unlikely. The spot measures 8 mm. The report thinks "
            "it is most likely a clump of blood vessels in a bone (haemangioma)."
        ],
        ["also mentions these things"],
    ),
    (
        "'may represent an atypical haemangioma; however ... a metastasis cannot be excluded' "
        "said as cancer and again as a haemangioma among minor things",
        "MRI LUMBAR SPINE\nFindings: There is an 11 mm rounded lesion in the posterior aspect "
        "of the L4 vertebral body.\nConclusion:\n1. Indeterminate 11 mm lesion in the L4 "
        "vertebral body, which may represent an atypical haemangioma; however, given the "
        "history, a metastasis cannot be excluded. PSMA PET-CT is recommended.\n",
        "follow_up",
        ["The report says it may be a clump of blood vessels in a bone (haemangioma)."],
        ["also mentions these things"],
    ),
    (
        "marrow oedema around a Schmorl's node said as a change in the marrow that needs tests",
        "MRI LUMBAR SPINE\nFindings: Small Schmorl's nodes are present at the superior "
        "endplates of L1 and L3. The L3 node has a thin rim of surrounding marrow oedema.\n",
        "found",
        ["small dents of disc into the bone (Schmorl's nodes)"],
        ["bone marrow that needs more tests", "your GP will explain to you"],
    ),
    (
        "'Marrow signal is otherwise within normal limits for age.' said as something the GP "
        "will explain",
        "MRI LUMBAR SPINE\nFindings: L4/5: Mild disc bulge.\nMarrow signal is otherwise within "
        "normal limits for age.\n",
        "found",
        ["The scan shows a mild disc bulge"],
        ["your GP will explain to you", "other details in medical words"],
    ),
    (
        "a kidney lesion 'most likely a simple cyst' said as a lump that needs more tests and "
        "again as a likely fluid sac",
        "CT LUMBAR SPINE\nFindings:\nL5/S1: Right paracentral disc extrusion measuring 9 x 7 "
        "mm. It effaces the right lateral recess and is likely compressing the traversing "
        "right S1 nerve root.\n\nIncidental: 14 mm hypodense lesion in the lower pole of the "
        "left kidney, most likely a simple cyst but not fully characterised on this "
        "non-contrast study. Ultrasound could be performed if clinically indicated.\n",
        "follow_up",
        [
            "The scan shows a lump in the left kidney. It measures 14 mm. The report thinks it "
            "is most likely a fluid sac (cyst)."
        ],
        ["It needs more tests.", "likely a fluid sac in the left kidney"],
    ),
    (
        "'is likely compressing the traversing right S1 nerve root' said as certain",
        "CT LUMBAR SPINE\nFindings:\nL5/S1: Right paracentral disc extrusion measuring 9 x 7 "
        "mm. It effaces the right lateral recess and is likely compressing the traversing "
        "right S1 nerve root.\n",
        "found",
        ["It is likely pressing on the S1 nerve on the right at L5-S1."],
        [],
    ),
    (
        "a letter that orders radiographs said as asking for no more tests, and 'not a scan "
        "report' followed by 'The scan shows'",
        "Dear Dr. Example,\nThank you for referring Mrs. Example, whom I saw in the spine "
        "clinic on March 31.\nIMAGING: I personally reviewed her MRI of the lumbar spine from "
        "02/11/2025. It shows a grade 1 degenerative spondylolisthesis at L4-5 with severe "
        "central canal stenosis.\nPLAN: I have ordered standing flexion-extension radiographs "
        "to assess for instability. I will see her back in 6 weeks.\nSincerely,\nElena "
        "Example, MD\n",
        "looked_at",
        ["The letter tells what a scan of your back showed."],
        ["does not ask for more scans"],
    ),
    (
        "a collection 'most likely a postoperative seroma' said as something the GP will "
        "explain, and a fusion called 'small changes'",
        "MRI LUMBAR SPINE\nFindings:\nPostoperative changes of L4-S1 posterior fusion with "
        "pedicle screws. L5 laminectomy.\nPosterior soft tissues: A 3.1 x 1.4 cm fluid "
        "collection in the laminectomy bed with a thin smooth wall, most likely a "
        "postoperative seroma.\nImpression:\n1. Small fluid collection in the laminectomy bed, "
        "most likely a seroma.\n",
        "found",
        ["The report also notes a pocket of clear fluid where you had the operation."],
        ["your GP will explain to you", "small changes"],
    ),
    (
        "a practice named '... Road Surgery' read as past surgery; 'if axial spondyloarthritis "
        "remains a clinical concern, MRI ... is recommended rather than repeat radiographs' read "
        "as sacroiliitis and an X-ray",
        "XR LUMBAR SPINE AP + LAT\nReq: Dr S Example (Elmfield Road Surgery)    Date: "
        "04/02/2025\nCompared with L spine XR 12/03/2019.\nFindings: Grade 1 anterolisthesis of "
        "L4 on L5, unchanged. No fracture. No radiographic evidence of sacroiliitis.\n"
        "Conclusion: Stable grade 1 L4/5 anterolisthesis. NB radiographs are insensitive to "
        "early inflammatory change - if axial spondyloarthritis remains a clinical concern, MRI "
        "of the SIJs is recommended rather than repeat radiographs.\n",
        "found",
        ["The scan did not show a broken bone or inflamed joints at the base of the spine."],
        ["past surgery", "an X-ray and", "other details in medical words"],
    ),
    (
        "'No follow-up imaging is needed for this.' under a later item read as closing the "
        "fracture's follow-up",
        "MRI LUMBAR SPINE\nFindings: There is an acute compression fracture of the L1 vertebral "
        "body.\nAnterior height loss is approximately 35%.\nIMPRESSION:\n1. Acute L1 compression "
        "fracture. Appearances favor a benign osteoporotic fracture of L1 rather than a "
        "pathologic fracture; however, given the history of breast cancer, follow-up MRI with "
        "and without contrast in 6-8 weeks is recommended.\n2. Incidental simple right renal "
        "cyst. No follow-up imaging is needed for this.\n",
        "follow_up",
        ["But the report thinks this is unlikely."],
        ["other details in medical words"],
    ),
    (
        "a misspelt technique heading, 'No contrast.', 'Thank you for referring Mr X.' and a "
        "hospital number left to the patient as medical words",
        "Name: Miss Example PERSON    Age: 36    RWI No: W0739925\nMRI LUMBAR SPINE\nTechnqiue: "
        "Sagittal T1, T2 and STIR. No contrast.\nReport:\nThank you for referring Mr Example. "
        "Comparison is made with the previous MRI of 14/03/2023.\nL4/5: Mild disc bulge.\n",
        "found",
        ["The scan shows a mild disc bulge"],
        ["other details in medical words"],
    ),
]

ROWS_31 += [
    (
        "a possible discitis whose 'main alternative is a degenerative type 1 Modic reaction' "
        "said with the Modic change as certain, and 'which can look identical on MRI' read as a "
        "suggested MRI",
        "MRI LUMBAR SPINE\nFindings:\nL3-L4: Increased STIR signal within the L3-L4 disc with "
        "endplate enhancement. These appearances may represent early discitis-osteomyelitis. "
        "Alternatively, they may reflect a florid type 1 Modic reaction at L3-L4, which can "
        "look identical on MRI.\nIMPRESSION:\n1. Early L3-L4 discitis-osteomyelitis cannot be "
        "excluded. The main alternative is a degenerative type 1 Modic reaction.\n2. Recommend "
        "ESR/CRP and blood cultures.\n",
        "follow_up",
        ["The report says it may be changes in the bone next to the disc (Modic changes)."],
        ["tests: an MRI scan", "The scan shows changes in the bone next to the disc"],
    ),
    (
        "a kidney lump the report thinks most likely a cyst given 'Your GP needs to talk with "
        "you about this soon.'",
        "CT LUMBAR SPINE\nFindings: L4/5: Mild disc bulge.\n\nIncidental: 14 mm hypodense "
        "lesion in the lower pole of the left kidney, most likely a simple cyst. Ultrasound "
        "could be performed if clinically indicated.\n",
        "follow_up",
        ["The report thinks it is most likely a fluid sac (cyst)."],
        ["Your GP needs to talk with you about this soon."],
    ),
    (
        "'no MRI features of a pathological fracture' beside an osteoporotic fracture left out; "
        "'superior endplate' said as 'top or bottom'; retropulsion as 'pushed out of place'",
        "MRI LUMBAR SPINE\nFindings: There is an acute compression fracture of the L1 vertebral "
        "body involving the superior endplate. There is 3 mm retropulsion of the posterosuperior "
        "corner of L1. No focal marrow lesion, and no MRI features of a pathological fracture.\n"
        "Impression: Acute osteoporotic compression fracture of L1.\n",
        "follow_up",
        [
            "It is in the top surface of the bone (endplate).",
            "Part of the bone is pushed back towards the nerves by 3 mm.",
        ],
        ["top or bottom"],
    ),
    (
        "'no MRI features of a pathological fracture' beside an osteoporotic fracture left out",
        "MRI LUMBAR SPINE\nFindings: There is an acute compression fracture of the L1 vertebral "
        "body. No focal marrow lesion, and no MRI features of a pathological fracture.\n"
        "Impression: Acute osteoporotic compression fracture of L1.\n",
        "found",
        ["The scan did not show signs that a growth caused the break."],
        [],
    ),
    (
        "Tarlov cysts on both sides 'measuring up to 21 mm' said as 'It measures'",
        "MRI LUMBAR SPINE\nFindings: Perineural (Tarlov) cysts are present at S2 bilaterally, "
        "measuring up to 21 mm.\n",
        "found",
        ["They measure up to 21 mm."],
        ["It measures up to 21 mm."],
    ),
]


# the thirty-second round (GP: 0 as is, 4 with small edits, 6 not at all; patient "not
# frightened" median 3): reading gaps on wording not met before
ROWS_32 = [
    (
        "a terse note's clinical line under its title ('?pars stress #  ?spondylolysis') read as "
        "a possible pars defect in a normal study, and 'MRI can underestimate' as a suggested MRI",
        "MRI L-SPINE\n\n28M. Fast bowler. 6/52 Lt sided LBP, worse on extension. ?pars stress # "
        " ?spondylolysis.\n\nFindings:\nNormal alignment. No spondylolisthesis. Pars "
        "interarticularis intact bilaterally; no pars defect. Discs well hydrated. No disc "
        "bulge or protrusion.\n\nCOMMENT:\nNormal MRI lumbar spine. No evidence of a pars "
        "stress reaction or established spondylolysis.\nNB MRI can underestimate very early "
        "bone stress. If pain persists despite 6 wks of offloading, SPECT/CT or repeat MRI "
        "could be considered.\n",
        "found",
        [
            "Your scan of the lower back looks normal.",
            "It did not show a gap in the thin part at the back of a bone.",
        ],
        ["may show a gap", "suggests more tests"],
    ),
    (
        "an addendum saying the side was transposed: the corrected side not said",
        "MRI L-SPINE\nFindings:\nL5/S1: 7mm right paracentral disc extrusion compressing the "
        "traversing rt S1 nerve root. The left S1 root is not compressed.\n\n---\nADDENDUM "
        "15/01/2025:\nThe side of the L5/S1 extrusion was transposed in the report above owing "
        "to a voice recognition error. The extrusion is LEFT paracentral and compresses the "
        "traversing LEFT S1 nerve root; the right S1 root is not compressed.\n",
        "found",
        ["on the left at L5-S1", "It is pressing on the S1 nerve on the left at L5-S1."],
        ["on the right at L5-S1", "S1 nerve on the right"],
    ),
    (
        "'This is the final report.' after 'Preliminary findings were communicated' read as "
        "preliminary; 'refer to the separate CT ... report' as a suggested CT; a possible acute "
        "fracture said to look recent",
        "CT LUMBAR SPINE\nFindings:\nVertebral bodies: There is subtle cortical irregularity at "
        "the anterosuperior corner of the L1 vertebral body without loss of height; this may "
        "represent a limbus vertebra, but a nondisplaced acute fracture cannot be "
        "excluded.\nOther: Please refer to the separate CT chest/abdomen/pelvis report for "
        "visceral and rib findings.\nIMPRESSION:\n1. Subtle irregularity at the anterosuperior "
        "corner of L1. A nondisplaced fracture cannot be excluded.\n\nPreliminary findings were "
        "communicated to the ED team at the time of the initial read. This is the final "
        "report.\n",
        "follow_up",
        [
            "The scan cannot rule out a broken bone (fracture) in the 1st bone of your lower "
            "back (L1)."
        ],
        ["still to come", "first look", "tests: a CT scan", "looks recent"],
    ),
    (
        "a collection 'extending from the L2/3 disc level to the L4/5 disc level ... in keeping "
        "with an acute epidural haematoma' said twice; 'surgical emergency' read as past surgery; "
        "'no endplate oedema' as where the abscess is",
        "MRI LUMBAR SPINE\nFindings:\nThere is a dorsal epidural collection within the lumbar "
        "spinal canal, extending from the L2/3 disc level to the L4/5 disc level. It is "
        "approximately 8.5 cm in craniocaudal length and up to 11 mm thick at L3/4. The "
        "collection is mildly T1 hyperintense, in keeping with an acute epidural haematoma.\nAt "
        "L3/4 the haematoma severely compresses the thecal sac and the cauda equina. At L2/3 "
        "and L4/5 it causes moderate compression of the thecal sac.\nAn epidural abscess is "
        "considered much less likely but cannot be excluded. There is no endplate oedema to "
        "suggest discitis.\nIMPRESSION:\n1. Acute dorsal epidural haematoma from L2/3 to L4/5. "
        "It severely compresses the cauda equina at L3/4. In this clinical context this is a "
        "surgical emergency.\n",
        "follow_up",
        [
            "The scan shows bleeding in the canal of the spine (haematoma) at 3 levels of your "
            "lower back (L2-L3, L3-L4, L4-L5).",
            "It also puts moderate pressure",
        ],
        ["past surgery", "endplate", "It puts also"],
    ),
    (
        "'the Modic change described below' read as a Modic change at its line's level; 'more "
        "sensitive for bone marrow edema' as a marrow change; spina bifida occulta as surgery",
        "CT LUMBAR SPINE\nFindings:\nThe marrow signal is normal apart from the Modic change "
        "described below.\nSubtle sclerosis along the left L4 pars interarticularis, without a "
        "discrete lucent defect.\nIncomplete fusion of the S1 posterior elements (spina bifida "
        "occulta), a normal variant.\nL5/S1: Type 2 Modic change on both sides of the "
        "disc.\nIMPRESSION:\n1. Possible early stress reaction of the left L4 pars. MRI with "
        "fluid-sensitive sequences would be more sensitive for bone marrow edema.\n",
        "found",
        ["The report also notes a small gap at the back of one bone (spina bifida occulta)."],
        ["past surgery", "bone marrow that needs", "your GP will explain to you"],
    ),
    (
        "a septated cystic lesion in the adnexa said as a lump with a softened ultrasound; the "
        "condition on infection tests dropped; a recurrent disc's rim enhancement as a danger",
        "MRI LUMBAR SPINE\nFindings:\nOn the coronal localiser there is a 4.6 x 3.9 cm cystic "
        "lesion in the right adnexa, containing a thin internal septation.\nL5-S1: Previous "
        "left microdiscectomy. Recurrent left paracentral disc extrusion. It is T2 hypointense "
        "with thin peripheral enhancement and a non-enhancing core, consistent with recurrent "
        "disc material. No evidence of discitis.\nIMPRESSION:\n1. Incidental 4.6 cm septated "
        "cystic lesion in the right adnexa. This should be further assessed with a pelvic "
        "ultrasound (transvaginal if acceptable to the patient).\n2. If there is clinical "
        "concern for infection (fever, rising ESR/CRP), blood tests and a contrast MRI are "
        "advised.\n",
        "follow_up",
        [
            "The scan shows a fluid sac (cyst) near the right ovary.",
            "The report suggests more tests: an ultrasound scan.",
            "may help if there is a worry about infection",
        ],
        ["a lump", "your GP will explain to you"],
    ),
    (
        "'Marked disc space narrowing at L4/5 and L5/S1, moderate at L3/4.' said without L3/4",
        "XR LUMBAR SPINE\nFindings: Marked disc space narrowing at L4/5 and L5/S1, moderate at "
        "L3/4. Vacuum phenomenon at L5/S1.\n",
        "found",
        ["a disc with moderate loss of height between the 3rd and 4th bones"],
        [],
    ),
    (
        "after a title line, 'Diffusely reduced signal of the bone marrow noted, correalte with "
        "bone isotope scan ?.' stays a finding",
        "LSS MRI L\nDiffusely reduced signal of the bone marrow noted , correalte with bone "
        "isotope scan ?.\nWide base disc bulge noted at L5/S1 level.\n",
        "follow_up",
        ["cannot rule out"],
        [],
    ),
]


# the thirty-third round (GP: 0 as is, 5 with small edits, 5 not at all; patient "not
# frightened" median 3)
ROWS_33 = [
    (
        "corpus walk: a normal MRI with 'probable physiologic follicular cysts' in the ovary never "
        "called normal",
        "EXAM: MRI of lumbar spine without contrast.\nFINDINGS: Visualized osseous structures "
        "are normal without evidence for fracture. Disc heights and signal are maintained.\n"
        "L4-L5: Central canal, neural foramina are patent.\nIncidental note has been made of "
        "multiple left-sided ovarian, probable physiologic follicular cysts.\nIMPRESSION: No "
        "acute disease in the lumbar spine.\n",
        "found",
        ["Your scan of the lower back looks normal.", "fluid sacs in the left ovary"],
        [],
    ),
    (
        "corpus walk: 'moderate degenerative change at the level of the pars interarticularis "
        "defect' under an L5-S1 heading said as a pars defect at a disc",
        "CT LUMBAR SPINE\nFINDINGS:\nL5-S1: There is severe loss of disc height with vacuum "
        "change, spondylolisthesis with 6.9mm of anterolisthesis of L5. There is moderate "
        "degenerative change at the level of the pars interarticularis defect.\n",
        "found",
        ["(pars defect) in the 5th bone of your lower back (L5)"],
        ["(pars defect) at L5-S1"],
    ),
    (
        "'Chronic L2 compression fracture ... However, a subtle acute fracture cannot be "
        "excluded' said as one old very mild break that looks recent",
        "XR LUMBAR SPINE\nFindings: Chronic wedge compression deformity of L2 with "
        "approximately 40% loss of anterior vertebral body height, unchanged from 2022. No new "
        "vertebral compression fracture is identified.\nIMPRESSION:\n1. Chronic L2 compression "
        "fracture, unchanged.\n2. No radiographic evidence of a new fracture. However, a subtle "
        "acute fracture cannot be excluded in osteopenic bone.\n",
        "follow_up",
        [
            "The scan shows an old broken bone (fracture) in the 2nd bone of your lower back (L2)",
            "The scan cannot rule out",
        ],
        ["looks recent", "old very mild", "did not show a new broken bone"],
    ),
    (
        "'Infectious diseases input suggested.' read as an infection",
        "MRI LUMBAR SPINE\nFindings: L4/5: Mild disc bulge.\nImpression:\n1. Mild L4/5 disc "
        "bulge. Infectious diseases input suggested.\n",
        "found",
        ["The scan shows a mild disc bulge"],
        ["infection"],
    ),
    (
        "'The left rod is fractured' read as a broken bone, and said as a snapped screw",
        "CT LUMBAR SPINE\nFindings: Post-operative changes of L4-S1 fusion with pedicle screws "
        "and connecting rods.\nThe left rod is fractured at the level of the L5 screw head, new "
        "since 2023.\nNo vertebral fracture.\n",
        "follow_up",
        ["The scan shows that a rod on the left"],
        ["a screw on the left", "The scan shows a broken bone"],
    ),
    (
        "'highly suspicious for L2-L3 discitis-osteomyelitis, with a likely small 1.8 cm left "
        "psoas abscess' said in one sentence too hard to read",
        "MRI LUMBAR SPINE\nFindings: Paraspinal soft tissues: Edema of the left psoas muscle at "
        "L2-L3 with a 1.8 x 1.1 cm rim-enhancing fluid collection, likely a small psoas "
        "abscess.\nIMPRESSION:\n1. Findings highly suspicious for L2-L3 "
        "discitis-osteomyelitis, with a likely small 1.8 cm left psoas abscess.\n",
        "follow_up",
        ["It probably also comes with a small pocket of pus (abscess) on the left."],
        [],
    ),
    (
        "'a synovial cyst projecting into the right lateral recess, where it narrows the "
        "recess': the narrowing left out",
        "MRI LUMBAR SPINE\nFindings: L4/5: There is a new 7 mm right facet joint synovial cyst "
        "projecting into the right lateral recess, where it narrows the recess and displaces the "
        "traversing right L5 nerve root.\n",
        "found",
        ["narrowing the space beside the canal where a nerve runs"],
        [],
    ),
    (
        "'Several simple cysts ... in the right kidney, the largest 1.5 cm': the size lost",
        "MRI LUMBAR SPINE\nFindings: L4/5: Mild disc bulge. Several simple cysts are present in "
        "the right kidney, the largest 1.5 cm, of no clinical significance.\n",
        "found",
        ["The largest measures 1.5 cm."],
        [],
    ),
]


def test_a_preliminary_normal_conclusion_says_what_it_ruled_out():
    out = patient_texts(
        engine.read(
            "PRELIMINARY REPORT\nEXAM: CT LUMBAR SPINE\nFINDINGS:\n- No acute fracture.\n"
            "- Paraspinal stranding noted.\nIMPRESSION: No acute fracture.\n",
            age=25,
        )
    )
    assert "The scan did not show a broken bone." in out["conclusion"], out["conclusion"]


def test_a_condition_on_blood_tests_is_said():
    out = patient_texts(
        engine.read(
            "MRI LUMBAR SPINE\nFindings: Modic type 1 change at L5/S1. Discitis is thought "
            "unlikely; a contrast-enhanced MRI would be the next step if the CRP is raised.\n",
            age=57,
        )
    )
    assert "if your blood tests show signs of inflammation" in out["summary"]["text"]


def test_the_words_a_summary_uses_are_explained():
    out = patient_texts(
        engine.read(
            "MRI LUMBAR SPINE\nFindings: L5-S1: Disc desiccation. A right paracentral extrusion "
            "compresses the right S1 nerve root and effaces the thecal sac.\n",
            age=55,
        )
    )
    words = "\n".join(_section_paragraphs(out, "words"))
    assert "sac of fluid around the nerves: A thin bag of fluid" in words
    assert "dry: A dry disc has lost some of its water." in words


def _section_paragraphs(out, key):
    return next(s["paragraphs"] for s in out["summary"]["sections"] if s["key"] == key)


def test_an_operated_disc_has_no_figure_and_the_gp_is_told_why():
    out = patient_texts(
        engine.read(
            "MRI LUMBAR SPINE\nHistory: Status post right L4-L5 microdiscectomy.\nFindings:\n"
            "L4-L5: Postsurgical changes. A small recurrent right disc protrusion. Mild disc "
            "desiccation.\n",
            age=51,
        )
    )
    rows = {p["concept"]: p for p in out["prevalence"]}
    assert rows["disc_protrusion"]["shown"] is False
    assert rows["disc_protrusion"]["withheld"] == "operated_level"
    # (nor its water loss: round 41's GP, a dry disc at the operated level given a figure)
    assert rows["disc_desiccation"]["withheld"] == "operated_level"
    assert any("had an operation" in n for n in out["prevalence_notes"])


def test_a_protrusion_figure_beside_an_extrusion_names_its_own_level():
    out = patient_texts(
        engine.read(
            "MRI LUMBAR SPINE\nFindings: L4-L5: Small left protrusion, unchanged. L5-S1: New "
            "right extrusion compressing the right S1 nerve root.\n",
            age=52,
        )
    )
    lines = _section_paragraphs(out, "prevalence")
    assert (
        "About 4 in 10 people aged 52 without back pain have disc protrusions like the one at "
        "L4-L5." in lines
    ), lines


def test_a_causal_claim_fits_with_the_clinical_picture():
    reading = engine.read(
        "MRI LUMBAR SPINE\nFindings: L5-S1: Right protrusion compressing S1. This fits better "
        "with the clinical picture of pain radiating to the foot.\n"
    )
    assert any(f.kind == "causal_claim" and "fits better" in f.text for f in reading.flags)


ROWS_34 = [
    (
        "a large extrusion's 'emergent repeat MRI if new bladder, bowel or saddle symptoms "
        "develop' said as 'a scan later to check for change'",
        "MRI LUMBAR SPINE\nHistory: Right leg pain. Denies bowel or bladder dysfunction.\n"
        "Findings: L5-S1: Large right paracentral disc extrusion compressing the traversing "
        "right S1 nerve root.\nImpression:\n1. Large right L5-S1 disc extrusion.\n2. No cauda "
        "equina compression. If new bladder, bowel or saddle symptoms develop, emergent repeat "
        "MRI and surgical evaluation are recommended.\n",
        "next",
        [
            "The report says an MRI scan must be done at once if you have new bladder or bowel "
            "problems or a numb bottom."
        ],
        ["later to check for change", "may help"],
    ),
    (
        "known myeloma: two new focal lesions on an unchanged diffuse background said as one new "
        "lesion in many bones and one that 'cannot be ruled out'",
        "MRI LUMBAR SPINE\nFindings: There is diffusely heterogeneous marrow signal throughout "
        "the lumbar spine and sacrum, in keeping with known myelomatous infiltration, unchanged. "
        "New since the prior exam are two focal enhancing lesions compatible with myeloma "
        "deposits: a 1.4 cm lesion in the posterior L3 vertebral body and a 9 mm lesion in the "
        "right S1 pedicle.\nImpression: New focal myeloma lesions at L3 (1.4 cm) and in the "
        "right S1 pedicle (9 mm), on a background of unchanged diffuse myelomatous marrow "
        "infiltration.\n",
        "follow_up",
        [
            "which has not changed since your last scan. It is in many bones of your lower "
            "back and sacrum.",
            "(myeloma) at L3.",
            "(myeloma) on the right in your sacrum (S1). It measures 9 mm.",
        ],
        ["including L3", "cannot rule out"],
    ),
    (
        "a provisional report said 'The report does not ask for more scans or tests.'",
        "PROVISIONAL REPORT\nMRI LUMBAR SPINE\nFindings: L4/5: Mild disc bulge.\nImpression "
        "(provisional): Mild L4/5 disc bulge. A verified consultant report will follow.\n",
        "next",
        [],
        ["does not ask for more"],
    ),
    (
        "'The conus ends at T12/L1 with normal signal.' said as 'looks normal at T12-L1'",
        "MRI LUMBAR SPINE\nFindings: The conus ends at T12/L1 with normal signal.\nL4/5: "
        "Mild disc bulge.\n",
        "found",
        ["The lower end of the spinal cord looks normal."],
        ["normal at T12-L1"],
    ),
    (
        "'mild central canal stenosis, and the foramina are patent' read as foraminal narrowing",
        "MRI LUMBAR SPINE\nFindings: At L2-3 there is a mild disc bulge with mild facet "
        "hypertrophy and mild central canal stenosis, and the foramina are patent.\n",
        "found",
        ["mild narrowing of the spinal canal"],
        ["where the nerves leave the spine"],
    ),
    (
        "'severe left and moderate right foraminal stenosis ... compressing the exiting left L4 "
        "nerve root' said as right narrowing pressing on the left nerve",
        "MRI LUMBAR SPINE\nFindings: There is severe left and moderate right foraminal stenosis "
        "at L4-5 with compression of the exiting left L4 nerve root.\nImpression: Severe left "
        "foraminal stenosis at L4-5 is compressing the exiting left L4 nerve root.\n",
        "found",
        [
            "severe narrowing where a nerve leaves the spine on the left at L4-L5.",
            "It is pressing on the L4 nerve on the left at L4-L5.",
        ],
        ["on the right, pressing"],
    ),
    (
        "an addendum's 'The L5/S1 disc extrusion described below is new since 2022.' left "
        "unexplained and the change lost",
        "ADDENDUM: The previous MRI of 2022 has been reviewed. The L5/S1 disc extrusion "
        "described below is new since 2022.\n\nMRI LUMBAR SPINE\nFindings: L5/S1: Left "
        "paracentral disc extrusion measuring 7 mm, compressing the left S1 nerve root.\n",
        "found",
        ["It is new since your last scan."],
        [],
    ),
    (
        "a ?CES scan with a large extrusion pressing on a nerve and no safety-netting",
        "MRI LUMBAR SPINE\nClinical information: Left leg pain, new saddle paraesthesia. "
        "?CES.\nFindings: L5/S1: Large left paracentral disc extrusion compressing the left S1 "
        "nerve root. The remaining cauda equina roots are not compressed.\n",
        "next",
        [
            "Go to an emergency department at once if you have any of these:",
            "- Your bottom or genitals feel numb.",
        ],
        ["This needs care today."],
    ),
    (
        "'left greater than right foraminal narrowing' said as right narrowing, and 'The left "
        "side is affected more.' said of the lateral recess narrowing too",
        "MRI LUMBAR SPINE\nImpression: Spondylosis, most pronounced at L4-L5 with bilateral "
        "lateral recess narrowing and left greater than right foraminal narrowing.\n",
        "found",
        ["leave the spine on both sides at L4-L5. The left side is affected more."],
        ["run on both sides at L4-L5. The left side is affected more."],
    ),
    (
        "'compression deformity of L1 ..., not present on the radiographs of 08/30/2025' read as "
        "no fracture, its size lost",
        "MRI LUMBAR SPINE\nFindings: Mild superior endplate compression deformity of L1 with "
        "approximately 15% anterior height loss, not present on the radiographs of 08/30/2025, "
        "likely pathologic.\n",
        "follow_up",
        ["It has lost about 15% of its height at the front."],
        ["did not show a broken bone"],
    ),
    (
        "'T12: mild anterior wedge compression ... unchanged - old. No other fracture.' said as "
        "no broken bone at T12",
        "CT LUMBAR SPINE\nFindings:\nT12: mild anterior wedge compression with approx 25% "
        "height loss and corticated margins, unchanged - old.\nNo other fracture.\n",
        "follow_up",
        ["(T12)", "It has lost about 25% of its height."],
        ["did not show a broken bone at T12"],
    ),
    (
        "a bone island's 8 mm given to the haemangioma named after it at another level",
        "MRI LUMBAR SPINE\nFindings: There is an 8 mm round focus in the right posterior L3 "
        "vertebral body that is uniformly dark on T1 and T2. This is typical of a bone island "
        "(enostosis). Small typical hemangioma in the L1 vertebral body.\n",
        "found",
        ["It measures 8 mm."],
        ["The haemangioma at L1 measures 8 mm."],
    ),
    (
        "a fracture that has collapsed further said as 'bigger than on your last scan'",
        "CT LUMBAR SPINE\nFindings: L1: known superior endplate fracture. Further loss of "
        "anterior vertebral body height since 15/10, now approx 45% (was approx 20%).\n"
        "Comment: Progressive collapse of the osteoporotic L1 fracture.\n",
        "follow_up",
        ["which has collapsed further since your last scan"],
        ["bigger than on your last scan"],
    ),
    (
        "'highly suspicious for multiple myeloma' said as 'The report is very worried' (round "
        "34's patient: a report cannot be worried), the iliac bones and 'the largest' lost",
        "MRI LUMBAR SPINE\nFindings: Multiple enhancing lesions, the largest in the L3 "
        "vertebral body measuring 1.8 cm. Smaller lesions are seen in L1, L5 and S1 and in the "
        "visualized iliac bones.\nImpression: Multiple enhancing marrow lesions in L1, L3, L5, "
        "S1 and the iliac bones, highly suspicious for multiple myeloma.\n",
        "follow_up",
        [
            "The report strongly suspects the scan shows signs of cancer.",
            "hip bones",
            "The largest measures 1.8 cm.",
        ],
        ["worried", "It is in 4 bones"],
    ),
    (
        "'New mild L1 compression fracture, likely pathologic' said without what the report "
        "thinks caused the break",
        "MRI LUMBAR SPINE\nFindings: Enhancing marrow lesions in L1 and L3, suspicious for "
        "myeloma.\nImpression: New mild L1 superior endplate compression fracture, likely "
        "pathologic.\n",
        "follow_up",
        ["The report thinks the break at L1 is likely due to the spots in the bone."],
        [],
    ),
    (
        "a surgeon's letter listing the patient for an operation: the plan neither flagged to "
        "the GP nor said to be there",
        "Dear Dr Brown\n\nPlan: Listed for right L4/5 microdiscectomy\n\nThank you for "
        "asking me to see this 39-year-old joiner with right leg pain. His MRI scan of 21 "
        "November shows a large right paracentral L4/5 disc extrusion compressing the "
        "traversing right L5 nerve root. I have put him on the waiting list for a right L4/5 "
        "microdiscectomy.\n\nYours sincerely\n\nMr T Smith\nConsultant Spinal Surgeon\n",
        "looked_at",
        ["The letter also sets out a plan for your care."],
        ["microdiscectomy"],
    ),
]

ROWS_35 = [
    (
        "an addendum that withdraws a suspected fracture: the fracture said as one, and 'no "
        "further imaging is required for it' said as a scan later",
        "XR LUMBAR SPINE\nFindings: There is a lucent line across the base of the right L5 "
        "transverse process, suspicious for an undisplaced fracture.\nImpression: Possible "
        "undisplaced fracture of the right L5 transverse process. CT would clarify if clinically "
        "required.\n\nADDENDUM\nCT of the lumbar spine performed 24/02/2025 has been reviewed. "
        "The lucent line is a normal developmental variant. There is no fracture. The transverse "
        "process fracture suggested in the original report is withdrawn, and no further imaging "
        "is required for it.\n",
        "looked_at",
        ["The note says there is no broken bone. The first report had said there might be one."],
        [],
    ),
    (
        "the withdrawn fracture kept as a red flag, with tests",
        "XR LUMBAR SPINE\nImpression: Possible undisplaced fracture of the right L5 transverse "
        "process. CT would clarify if clinically required.\n\nADDENDUM\nCT of the lumbar "
        "spine performed 24/02/2025 has been reviewed. The transverse process fracture "
        "suggested in the original report is withdrawn, and no further imaging is required for "
        "it.\n",
        "conclusion",
        ["The scan did not show a broken bone."],
        ["suspects", "cannot rule out", "CT scan", "later to check"],
    ),
    (
        "'*** FINAL REPORT *** ... This is the final attending report.' after preliminary "
        "findings, said as a first look",
        "*** FINAL REPORT ***\nPreliminary findings were communicated to Dr. Mahlangu by the "
        "radiology resident. This is the final attending report.\nCT LUMBAR SPINE\nFindings: "
        "Acute burst fracture of L1 with 40% loss of anterior vertebral body height.\n",
        "looked_at",
        [],
        ["still to come", "first look"],
    ),
    (
        "a burst fracture, the impression's first item, said after transverse process "
        "fractures a header names first",
        "CT LUMBAR SPINE\nThe L3 transverse process fracture below was not described in the "
        "preliminary read. This is the final report.\nFindings: There is an acute burst "
        "fracture of L1 with 40% loss of "
        "anterior vertebral body height. There are non-displaced fractures of the left L2 and "
        "L3 transverse processes.\nImpression:\n1. Acute L1 burst fracture.\n2. "
        "Non-displaced left L2 and L3 transverse process fractures.\n",
        "follow_up",
        ["(burst fracture).\nThe scan shows broken bones (fractures) on the left at 2 levels"],
        [],
    ),
    (
        "a GP's note quoting an MRI impression line by line: the findings lost their levels "
        "and sides ('discs that have pushed out further')",
        "WATTLEBANK FAMILY PRACTICE - Progress note\nReason: r/v MRI result - LBP + Lt leg "
        "pain\nHx: 43yo M. 7/52 Lt buttock pain after lifting.\n\nMRI L/S spine (Coastline "
        'Radiology, 14/03/25) - impression copied:\n"1. Left subarticular disc extrusion at '
        "L4/5 measuring 8 mm AP, compressing the traversing left L5 nerve root.\n2. L5/S1 "
        'disc desiccation."\n\nA: Lt L5 radiculopathy. Improving.\nP:\n- Physio referral\n'
        "- Safety-netted re CES\n- R/v 3/52\n",
        "found",
        ["on the left at L4-L5", "pressing on the L5 nerve on the left"],
        ["discs that have pushed out further"],
    ),
]

ROWS_36 = [
    (
        "'radiographs are insensitive to fracture in an ankylosed spine; CT would be required "
        "after any new injury' read as a broken bone and a suggested X-ray and CT",
        "XR LUMBAR SPINE\nFindings: Vertebral body heights are maintained. No fracture is seen. "
        "Please note that radiographs are insensitive to fracture in an ankylosed spine; CT "
        "would be required after any new injury, even a minor one.\n",
        "next",
        ["The report says a CT scan may help if you have a new injury or fall."],
        ["suggests more tests: an X-ray", "broken bone (fracture)"],
    ),
    (
        "'Bilateral sacroiliac joint ankylosis (grade 4 sacroiliitis)' said only as inflamed "
        "joints",
        "XR PELVIS\nImpression: Bilateral sacroiliac joint ankylosis (grade 4 sacroiliitis), in "
        "keeping with established ankylosing spondylitis.\n",
        "follow_up",
        ["The joints have joined together with bone (fused)."],
        [],
    ),
    (
        "a pars stress reaction (marrow oedema, no defect) said as 'cannot rule out a change in "
        "the bone marrow that needs more tests'",
        "MRI LUMBAR SPINE\nFindings: There is bone marrow oedema in the left L4 pars "
        "interarticularis. The pars cortex is intact and there is no fracture line.\nComment: "
        "Stress reaction of the left L4 pars interarticularis (bone marrow oedema). No pars "
        "defect.\n",
        "found",
        ["a stress reaction"],
        ["cannot rule out", "needs more tests"],
    ),
    (
        "a normal follow-up ('No change since the previous examination. No paraspinal "
        "abnormality.') left to other details in medical words",
        "MRI LUMBAR SPINE\nFindings: Alignment is normal. The discs are normal. No disc "
        "herniation or nerve root compression. No change since the previous examination. No "
        "paraspinal abnormality.\n",
        "found",
        ["Your scan of the lower back looks normal."],
        ["other details in medical words"],
    ),
    (
        "'there is no spinal canal stenosis, and the neural foramina are mildly narrowed' read "
        "as no foraminal narrowing, and 'when it measured 4 mm' given to another finding",
        "MRI LUMBAR SPINE\nFindings: At L4-L5 there is mild facet arthropathy; there is no "
        "spinal canal stenosis, and the neural foramina are mildly narrowed bilaterally at "
        "L4-L5, unchanged. A left disc extrusion at L5-S1 measures 9 mm; it has enlarged since "
        "09/14/2023, when it measured 4 mm AP.\n",
        "found",
        ["mild narrowing where the nerves leave the spine on both sides at L4-L5"],
        ["It measures 4 mm"],
    ),
    (
        "'Interval improvement of the L3/4 spondylodiscitis with reduced marrow oedema' read as "
        "possible cancer",
        "MRI LUMBAR SPINE\nConclusion:\n1. Interval improvement of the L3/4 spondylodiscitis "
        "with reduced marrow oedema, disc fluid and enhancement.\n",
        "follow_up",
        [],
        ["cancer", "needs more tests"],
    ),
    (
        "'They have not changed since your last scan.' said after each common finding in the "
        "conclusion",
        "MRI LUMBAR SPINE\nFindings: Disc desiccation from L2/3 to L5/S1, unchanged. Loss of "
        "disc height at L4/5 and L5/S1, also unchanged. Facet arthropathy at L4/5 and L5/S1, "
        "unchanged.\n",
        "conclusion",
        ["These have not changed since your last scan."],
        ["They have not changed since your last scan."],
    ),
]

ROWS_37 = [
    (
        "'a 3.2 x 2.8 cm exophytic, heterogeneous, T2 intermediate signal lesion' of the kidney "
        "placed at T2 and its size lost; 'not visible on that examination and is therefore new' "
        "read as no mass",
        "MRI LUMBAR SPINE\nFindings: Incidentally noted is a 3.2 x 2.8 cm exophytic, "
        "heterogeneous, T2 intermediate signal lesion arising from the lower pole of the left "
        "kidney.\nADDENDUM: The left renal mass was not visible on that examination and is "
        "therefore new.\n",
        "follow_up",
        ["It measures 3.2 x 2.8 cm."],
        ["(T2)", "did not show a lump"],
    ),
    (
        "a slip measured on flexion and extension said as a second slipped bone",
        "XR LUMBAR SPINE WITH FLEXION/EXTENSION\nFindings: Grade 1 anterolisthesis L4 on L5, 6 "
        "mm on the neutral lateral, unchanged from 2023. On flexion the listhesis increases to "
        "11 mm, and in extension it reduces to 3 mm.\n",
        "found",
        ["It measures 6 mm."],
        ["11 mm", "The scan shows a slipped bone (it has moved"],
    ),
    (
        "a measured metastasis said again inside 'many bones ... and L2'",
        "MRI WHOLE SPINE\nFindings: There are multiple enhancing osseous metastases at T3, T5 "
        "and T11. There is a 1.4 cm enhancing metastasis in the L2 vertebral body.\n"
        "Impression: Additional osseous metastases at T3, T5, T11 and L2.\n",
        "follow_up",
        ["It measures 1.4 cm."],
        ["T11 and L2"],
    ),
    (
        "'The treated fracture is unchanged in height' after a vertebroplasty read as a "
        "fracture in the past",
        "MRI LUMBAR SPINE\nFindings: L1: Vertebroplasty cement fills the vertebral body. The "
        "treated fracture is unchanged in height, with approximately 25% anterior height "
        "loss.\n",
        "follow_up",
        ["It has lost about 25% of its height at the front."],
        ["in the past"],
    ),
    (
        "'A left facet synovial cyst ..., narrowing the left lateral recess ... It measures 9 x 7 "
        "mm' said as the narrowing's size; 'the abdominal aorta, which is not dilated' unsaid",
        "MRI LUMBAR SPINE\nFindings: L4/5: A left facet synovial cyst projects medially, "
        "narrowing the left lateral recess and compressing the traversing left L5 nerve root. "
        "It measures 9 x 7 mm. There is calcification of the abdominal aorta, which is not "
        "dilated.\n",
        "found",
        ["fluid sac next to a joint", "It measures 9 x 7 mm", "a widened main blood vessel"],
        [],
    ),
    (
        "'aspiration if clinically indicated' of a collection said as a tissue biopsy",
        "MRI LUMBAR SPINE\nConclusion:\n1. 3.8 cm fluid collection in the L4-5 laminectomy bed, "
        "favoured to be a seroma, although infection cannot be excluded; correlation with "
        "inflammatory markers and aspiration if clinically indicated.\n",
        "conclusion",
        ["drawing off some of the fluid with a needle"],
        ["biopsy"],
    ),
    (
        "session-19 walk: 'herniated disk protrusion ... at the L5-S1 level, laterally in the left "
        "paracentral region' said with no side",
        "CT LUMBAR SPINE\nConclusions:\n1. Probable chronic herniated disk protrusion at the "
        "L5-S1 level, laterally in the left paracentral region.\n",
        "found",
        ["disc protrusion (part of the disc pushes out) on the left at L5-S1"],
        [],
    ),
]


def test_a_letters_plan_is_flagged_to_the_gp():
    from lbpreports import engine

    reading = engine.read(
        "Dear Dr Brown\n\nPlan: Listed for right L4/5 microdiscectomy\n\nThank you for "
        "asking me to see this man. His MRI scan shows a large right L4/5 disc extrusion.\n\n"
        "Yours sincerely\n\nMr T Smith\nConsultant Spinal Surgeon\n"
    )
    assert reading.document == "not_a_report"
    assert any(f.kind == "treatment_advice" and "microdiscectomy" in f.text for f in reading.flags)


ROWS_38 = [
    (
        "'Mild multilevel DDD, most marked at L4-5 with vacuum disc phenomenon' said as a large "
        "amount of gas: 'most marked' says where, not how much",
        "CT LUMBAR SPINE\nFindings: Mild multilevel DDD, most marked at L4-5 with vacuum disc "
        "phenomenon and small anterior osteophytes.\n",
        "found",
        ["gas in the disc (vacuum phenomenon)"],
        ["large amount of gas"],
    ),
    (
        "a post-operative collection most likely a seroma, an abscess not excluded: the seroma "
        "reading was lost, and the surgery changes with it",
        "MRI LUMBAR SPINE\nHistory: L4-5 laminectomy 3 weeks ago.\nFindings: L4-5: Postoperative "
        "changes of right laminectomy. There is a 3.8 x 1.6 x 4.5 cm fluid collection in the "
        "laminectomy bed. This most likely represents a postoperative seroma, although early "
        "abscess formation cannot be excluded.\n",
        "follow_up",
        ["The report thinks it is most likely a seroma."],
        [],
    ),
    (
        "a local kyphotic angle after a burst fracture listed as a minor curve of the spine",
        "CT LUMBAR SPINE\nFindings: There is an acute burst fracture of L1 with 40% loss of "
        "anterior vertebral body height. The posterosuperior fragment is retropulsed by 6 mm. "
        "Local kyphotic angle at the thoracolumbar junction measures 14 degrees.\n",
        "follow_up",
        ["The spine bends forward at the break."],
        ["curve of the spine"],
    ),
    (
        "a pars stress reaction said with no place",
        "MRI LUMBAR SPINE\nFindings: Stress reaction of the left L4 pars interarticularis "
        "(bone marrow oedema), without a fracture line. Discs are normal.\n",
        "found",
        ["at L4 on the left (a stress reaction)"],
        [],
    ),
    (
        "'No STIR signal at the pars to suggest an active stress reaction' said as a stress "
        "reaction",
        "MRI LUMBAR SPINE\nImpression: Chronic bilateral L5 pars defects (spondylolysis). No "
        "STIR signal at the pars to suggest an active stress reaction.\n",
        "found",
        [],
        ["(a stress reaction)"],
    ),
    (
        "a normal follow-up never said it had not changed",
        "MRI LUMBAR SPINE\nComparison: MRI lumbar spine 12/09/2024.\nFindings: Normal "
        "alignment. Discs are normal. No change since the previous examination.\n"
        "Impression: Normal MRI of the lumbar spine, unchanged from September 2024.\n",
        "found",
        ["Nothing has changed since your last scan."],
        [],
    ),
    (
        "a CT of the belly whose conclusion opens on diverticulitis said only as minor back "
        "wear, the wear placed at the bone island's level",
        "CT ABDOMEN AND PELVIS WITH IV CONTRAST\nFindings:\nBowel: Segmental wall thickening "
        "of the sigmoid colon.\nBones: Mild lumbar spondylosis. A 7 mm sclerotic focus in the "
        "L3 vertebral body is likely a bone island.\nImpression:\n1. Acute uncomplicated "
        "sigmoid diverticulitis.\n2. Mild lumbar spondylosis and probable L3 bone island.\n",
        "looked_at",
        ["The report's main finding is about your belly, not your spine."],
        ["wear of the spine at"],
    ),
    (
        "a healing discitis said as an active infection, its resolved psoas abscess left out, "
        "'interpreted alongside the laboratory picture' said as blood tests",
        "MRI LUMBAR SPINE\nFindings: These appearances are those of a healing L3/4 discitis. "
        "The small left psoas abscess seen on 12/08/2025 has resolved, and the prevertebral "
        "soft tissue thickening has almost completely settled.\nConclusion: Regressing L3/4 "
        "spondylodiscitis, consistent with a good response to treatment. This should be "
        "interpreted alongside the clinical and laboratory picture.\n",
        "follow_up",
        [
            "It is getting better since your last scan.",
            "The report says it is healing with treatment.",
        ],
        ["blood tests", "describes something that your GP"],
    ),
    (
        "a foraminal narrowing mild to moderate at one level and moderate at two said as "
        "moderate at all three",
        "MRI LUMBAR SPINE\nFindings:\nL3-L4: Mild to moderate bilateral neural foraminal "
        "narrowing.\nL4-L5: Moderate bilateral neural foraminal narrowing.\nImpression: "
        "Bilateral neural foraminal narrowing at L3-L4 and L4-L5, unchanged.\n",
        "found",
        ["mild to moderate narrowing where the nerves leave the spine"],
        [],
    ),
    (
        "'contacting, but not compressing, the traversing left' wrapped before 'S1 nerve root' "
        "left the root unread and the conclusion without the reassurance",
        "MRI LUMBAR SPINE\nFindings:\nL4/5: Disc hydration is mildly reduced.\n"
        "Impression:\n1. Left paracentral L5/S1 disc protrusion contacting, but not "
        "compressing, the traversing left\n   S1 nerve root.\n",
        "conclusion",
        ["At L5-S1, the nerve is touched but not pressed on."],
        ["medical words"],
    ),
    (
        "a 14 mm L1 lesion that the impression calls likely a haemangioma, metastasis not "
        "excluded, left to the GP as a danger line",
        "MRI LUMBAR SPINE\nFindings: Within the L1 vertebral body there is a well-defined 14 mm "
        "lesion which is high signal on T2.\nImpression: Solitary 14 mm L1 lesion, likely an "
        "atypical haemangioma, although a metastasis is not entirely excluded. A follow-up MRI "
        "in 3 months is suggested.\n",
        "follow_up",
        ["The spot measures 14 mm.", "an MRI scan in 3 months to check for change"],
        ["describes something that your GP"],
    ),
]


ROWS_39 = [
    (
        "'the spine surgery service' read as past surgery; an unstable fracture never called "
        "unstable; the spinal team told, said as 'your GP ... soon' alone",
        "CT THORACOLUMBAR SPINE\nFindings: There is an acute, nondisplaced transverse fracture "
        "through the ossified anterior bridge at L1.\nImpression:\n1. Acute nondisplaced L1 "
        "fracture in a patient with DISH. This is an UNSTABLE injury.\n2. Findings were "
        "discussed by telephone with Dr V of the spine surgery service at 02:58.\n",
        "follow_up",
        ["The report says this was discussed with the spine specialists."],
        ["past surgery", "medical words"],
    ),
    (
        "a referral letter quoting the MRI impression after a blank line said nothing of it, "
        "and its request for advice was said as a plan",
        "Dear Colleague,\n\nThank you for seeing this 43-year-old man with left sciatica.\n\n"
        "He had an MRI of the lumbar spine on 28 May 2025. The impression of the report "
        'reads:\n\n  "1. Large left paracentral L5/S1 disc extrusion (12 mm), compressing the '
        'traversing left S1 nerve root.\n   2. No cauda equina compression."\n\nI would be '
        "grateful for your assessment and advice, including whether he would benefit from a "
        "nerve root injection.\n\nYours sincerely,\nDr H Example\n",
        "found",
        ["It is pressing on the S1 nerve on the left at L5-S1."],
        ["sets out a plan"],
    ),
    (
        "a case narrative's past care ('He was then referred to UIHC.') said as a plan the "
        "letter sets out",
        "CC: Low back pain.\n\nHX: This 75 y/o man presented with 10 days of worsening low "
        "back pain. He was evaluated locally and X-rays were negative. He was then referred "
        "to UIHC.\n\nCOURSE: An MRI of the lumbar spine was obtained. This revealed an L3-4 "
        "disc herniation. The patient underwent a L3-4 laminectomy and subsequently "
        "improved.\n",
        "looked_at",
        ["This is a letter about your care, not a scan report."],
        ["sets out a plan"],
    ),
    (
        "a case narrative whose only imaging line is left to the GP never said it tells what a "
        "scan showed",
        "CC: Paraplegia.\n\nHX: This 32 y/o woman developed leg weakness over two days. MRI "
        "T-L-spine, 5/12/97 revealed an intradural T12-L1 lesion that enhanced minimally with "
        "gadolinium and was associated with spinal cord edema. She was then given "
        "praziquantel.\n",
        "looked_at",
        ["The letter tells what a scan of your back showed."],
        ["sets out a plan"],
    ),
    (
        "'Planned follow-up imaging.' wrapped onto the line after the clinical history read as "
        "a suggested scan",
        "MRI LUMBAR SPINE\nClinical information: Right S1 radiculopathy last summer, managed "
        "conservatively. Leg pain now much\nimproved. Planned follow-up imaging.\nFindings: "
        "Small right L5/S1 disc protrusion.\n",
        "next",
        ["The report does not ask for more scans or tests."],
        ["a scan later"],
    ),
    (
        "a cord indented but not compressed said only as pressure on the cord; 'No lumbar canal "
        "stenosis' said of the whole canal beside a lesion at T11",
        "MRI THORACOLUMBAR SPINE\nFindings: At T11 the epidural component of the lesion "
        "mildly indents the anterior surface of the spinal cord, but does not compress the "
        "cord. No lumbar canal or foraminal stenosis.\nImpression: Enhancing T11 vertebral body "
        "lesion with epidural extension, suspicious for metastasis.\n",
        "follow_up",
        ["The report says the cord is dented but not squashed."],
        ["did not show narrowing of the spinal canal."],
    ),
    (
        "'osteoporotic-type' said as a cause ('linked to thin bones'); a healed old fracture "
        "never said healed",
        "MRI LUMBAR SPINE\nImpression:\n1. Acute osteoporotic-type compression fracture of L1, "
        "approximately 25% anterior height loss.\n2. Chronic healed L3 wedge fracture.\n",
        "follow_up",
        [
            "The report says the break at L1 is the kind seen with thin bones (osteoporosis).",
            "The report says the break at L3 has healed.",
        ],
        ["linked to"],
    ),
    (
        "'No acute bony abnormality.' on an X-ray never said",
        "XR LUMBAR SPINE AP AND LATERAL\nNo acute bony abnormality.\nMild L5/S1 disc space "
        "narrowing.\n",
        "found",
        ["The bones show no sign of a recent injury."],
        [],
    ),
]


ROWS_40 = [
    (
        "an X-ray with no fracture seen and an occult one not excluded: an X-ray suggested from "
        "'radiographs have limited sensitivity', 'any other broken bone', the good news unsaid",
        "XR LUMBAR SPINE\nFindings: Vertebral body heights are maintained; no fracture "
        "identified.\nComment: No radiographic evidence of a lumbar spine fracture. Note that "
        "plain radiographs have limited sensitivity and an occult undisplaced fracture cannot "
        "be excluded. If pain persists, CT of the lumbar spine is recommended.\n",
        "follow_up",
        ["None was seen, but the report says one can be missed on this kind of scan."],
        ["suggests more tests: an X-ray", "any other broken bone"],
    ),
    (
        "'a lucency described on the recent radiographs' read as a suggested X-ray",
        "MRI LUMBAR SPINE\nFindings: There is a 2 mm rim of T2 hyperintensity surrounding the "
        "right L5 pedicle screw, corresponding to the lucency described on the recent "
        "radiographs and suggesting loosening.\nImpression: CT is recommended for further "
        "assessment.\n",
        "follow_up",
        ["The report suggests more tests: a CT scan."],
        ["an X-ray"],
    ),
    (
        "a possible discitis: marrow signal said as a possible cancer, tests 'or sooner if "
        "symptoms progress' said as only if worse, 'no abscess' unsaid",
        "MRI LUMBAR SPINE\nFindings: There is ill-defined low T1 and high STIR signal in the "
        "marrow on both sides of the L5-S1 disc. Early L5-S1 discitis cannot be excluded.\n"
        "Impression:\n1. Early L5-S1 discitis cannot be excluded. Recommend correlation with "
        "CRP, and a follow-up MRI in 2-3 weeks, or sooner if symptoms progress.\n2. No epidural "
        "or paravertebral abscess.\n",
        "follow_up",
        ["The report suggests more tests: blood tests and an MRI scan in 2-3 weeks"],
        ["if your symptoms get worse", "bone marrow that needs more tests"],
    ),
    (
        "'consistent with cauda equina syndrome' and a distended bladder left to medical words",
        "MRI LUMBAR SPINE\nFindings: Incidental note is made of a distended urinary bladder.\n"
        "Impression:\n1. Large central L4/5 disc extrusion causing compression of the cauda "
        "equina. In this clinical setting the appearances are consistent with cauda equina "
        "syndrome.\n2. Distended bladder, in keeping with the reported retention.\nFindings "
        "discussed by telephone with Dr M (ED registrar); read-back confirmed.\n",
        "follow_up",
        ["Its name is cauda equina syndrome."],
        ["medical words"],
    ),
    (
        "'Findings and conclusion:' inside a one-paragraph report left every finding as history",
        "MRI LUMBAR SPINE\nClinical details: 28-year-old woman with low back pain. Findings "
        "and conclusion: At L5/S1 there is a small central disc protrusion measuring 3 mm.\n",
        "found",
        ["It measures 3 mm."],
        ["in the past"],
    ),
]


ROWS_41 = [
    (
        "sacroiliac marrow oedema named in the next sentence as sacroiliitis left as a possible "
        "danger the GP will explain",
        "MRI SACROILIAC JOINTS\nFindings: In the sacroiliac joints there is subchondral marrow "
        "oedema on the iliac side, with small erosions on the left. Appearances are of active "
        "left sacroiliitis.\n",
        "follow_up",
        ["The scan shows inflamed joints at the base of the spine (sacroiliitis) on the left."],
        ["GP will explain to you"],
    ),
    (
        "'disc bulges at both levels' said as bulges on both sides",
        "MRI LUMBAR SPINE\nFindings: There are small disc bulges at L3/4 and L4/5, with mild "
        "facet arthropathy at both levels.\n",
        "found",
        ["The scan shows small disc bulges at 2 levels of your lower back (L3-L4, L4-L5)."],
        ["on both sides"],
    ),
    (
        "a fusion's loosening screw in its lower bone said as surgery at two levels",
        "MRI LUMBAR SPINE\nFindings: Postoperative changes of L3/4 posterior fusion with pedicle "
        "screws and rods. A 2 mm rim of fluid signal surrounds the left L4 pedicle screw, "
        "suggesting loosening.\n",
        "found",
        ["changes from past surgery between the 3rd and 4th bones of your lower back (L3-L4)."],
        ["2 levels"],
    ),
    (
        "a straightened curve said only as a change in the usual curve",
        "MRI LUMBAR SPINE\nFindings: Mild straightening of the lumbar lordosis. Small L4/5 disc "
        "bulge.\n",
        "found",
        ["The curve is straighter than usual."],
        ["deeper", "other way"],
    ),
    (
        "findings after a technique heading and a blank line, with no findings heading, read as "
        "technique",
        "MRI LUMBAR SPINE\nTechnique: Sagittal T1 and T2, axial T2.\n\nNormal alignment. At "
        "L4/5 there is mild disc desiccation with a small central protrusion measuring 5 mm.\n",
        "found",
        ["It measures 5 mm.", "mildly dry disc"],
        ["looks normal."],
    ),
    (
        "a colon's list of places gives the finding three places and their sizes; the side of "
        "one is not all of theirs",
        "MRI LUMBAR SPINE\nFindings: There are three marrow lesions consistent with metastases: "
        "in the T11 vertebral body (12 mm), the L3 vertebral body (8 mm) and the left sacral ala "
        "at S1 (19 mm).\n",
        "follow_up",
        ["at 3 levels of your spine (T11, L3, S1). They measure 12 mm, 8 mm and 19 mm."],
        ["on the left at 3 levels"],
    ),
    (
        "a haemangioma the report calls benign never said to be harmless",
        "MRI LUMBAR SPINE\nFindings: A 12 mm lesion in the L2 vertebral body has the typical "
        "features of a haemangioma. This is a benign finding.\n",
        "found",
        ["The report says it is harmless (benign)."],
        [],
    ),
    (
        "a dry disc at the level that had an operation given a figure of age",
        "MRI LUMBAR SPINE\nHistory: Left L5/S1 discectomy 2021.\nFindings: At L5/S1 the disc is "
        "desiccated with post-operative changes on the left. A recurrent left protrusion "
        "measures 5 mm.\n",
        "found",
        ["The report says the disc has pushed out again after the past operation."],
        ["have dry discs", "seen more often"],
    ),
    (
        "scar around a nerve after surgery left out of the conclusion",
        "MRI LUMBAR SPINE\nFindings: Post-operative changes of a left L4/5 laminectomy, with "
        "epidural scar surrounding the left L5 nerve root.\n",
        "found",
        ["It wraps around the L5 nerve on the left."],
        [],
    ),
    (
        "thin bones beside a broken bone left out of the conclusion",
        "CT LUMBAR SPINE\nFindings: Compression fracture of the L2 vertebral body. Diffuse "
        "osteopenia.\n",
        "found",
        ["osteopenia"],
        [],
    ),
    (
        "'most marked at' two levels of a multilevel change said as at 2 levels",
        "XR LUMBAR SPINE\nFindings: Multilevel disc space narrowing, most marked at L3/4 and "
        "L4/5.\n",
        "found",
        ["at several levels, most of all at L3-L4 and L4-L5."],
        ["at 2 levels"],
    ),
    (
        "a belly CT whose impression opens on a kidney stone: the stone listed as a minor thing",
        "CT ABDOMEN AND PELVIS\nFindings: Kidneys: A 6 mm calculus in the left renal pelvis. "
        "Bones: Mild L3/4 degenerative change.\nImpression:\n1. 6 mm non-obstructing left "
        "renal calculus.\n2. Mild L3/4 degenerative change.\n",
        "found",
        [
            "The scan shows a stone in the left kidney. It measures 6 mm. It is not blocking the "
            "kidney."
        ],
        ["also mentions these things"],
    ),
    (
        "a bone of the middle back never explained",
        "MRI LUMBAR SPINE\nFindings: Mild L4/5 disc bulge. There is a compression fracture of "
        "T12.\n",
        "looked_at",
        ["T12 is the 12th bone of your middle back."],
        [],
    ),
    (
        "a lateral recess mild at one level and severe at the next said severe at both",
        "MRI LUMBAR SPINE\nFindings: L2/3: Mild bilateral lateral recess narrowing. L3/4: Severe "
        "bilateral lateral recess narrowing.\nImpression: Bilateral lateral recess narrowing at "
        "L2/3 and L3/4, severe at L3/4.\n",
        "found",
        ["mild narrowing beside the spinal canal"],
        ["at L2-L3, L3-L4"],
    ),
]


ROWS_42 = [
    (
        "an addendum correcting the side of one finding moved every finding at that level",
        "ADDENDUM: the foraminal narrowing at L3/4 is on the LEFT, not the right as stated "
        "below. The right L3/4 protrusion is correctly described.\n\nMRI LUMBAR SPINE\n"
        "Findings: L3/4: Right paracentral disc protrusion measuring 5 mm, compressing the "
        "traversing right L4 nerve root. Mild right foraminal narrowing.\n",
        "found",
        [
            "(part of the disc pushes out) on the right at L3-L4",
            "where a nerve leaves the spine on the left",
        ],
        ["protrusion (part of the disc pushes out) on the left", "at L3-L4 and L3-L4"],
    ),
    (
        "a spinal infection: eroded endplates listed as minor, the psoas abscess said twice, "
        "'No epidural abscess' unsaid, blood cultures in a condition said as a suggested test",
        "MRI LUMBAR SPINE\nFindings: Fluid signal in the L2/3 disc with irregular erosion of "
        "the opposing endplates. Appearances are in keeping with L2/3 discitis-osteomyelitis. A "
        "collection within the left psoas muscle at the L2/3 level, measuring 15 x 9 mm, is "
        "consistent with a psoas abscess. No epidural abscess.\nImpression:\n1. L2/3 "
        "discitis-osteomyelitis.\n2. Small (15 x 9 mm) left psoas abscess.\nAspiration "
        "could be considered if blood cultures are negative.\n",
        "found",
        ["The scan did not show a pocket of pus inside the spinal canal"],
        [
            "also mentions these things",
            "suggests more tests: blood tests",
            "on the left in the muscle beside the spine (psoas).",
        ],
    ),
    (
        "a burst fracture after a crash: 'broken in more than one place', the pushed-back piece "
        "and 'No epidural haematoma' left out, soft tissue stranding left in medical words",
        "CT LUMBAR SPINE\nClinical: Fall from a ladder.\nFindings: Acute burst fracture of "
        "L1. A retropulsed fragment narrows the canal by about 20%. No epidural haematoma. "
        "Paravertebral soft tissue stranding adjacent to L1.\n",
        "follow_up",
        [
            "The bone is squashed, with pieces pushed outwards (burst fracture).",
            "A piece of the bone is pushed back into the spinal canal.",
        ],
        ["more than one place", "medical words"],
    ),
    (
        "'please quote this numbering if further imaging is planned' said as a suggested scan; "
        "'?pars defect' answered nowhere; the normal X-ray never said",
        "XR LUMBAR SPINE\nClinical: ?pars defect.\nFindings: Partial lumbarisation of S1. No "
        "pars defect. No fracture.\nComment: Normal lumbar spine radiographs. Please quote "
        "this numbering if further imaging is planned.\n",
        "found",
        [
            "The scan did not show a gap in a thin part at the back of a bone (pars defect)",
            "The report says the rest of the scan looks normal.",
        ],
        ["to check for change", "may help"],
    ),
    (
        "a size of one of two levels said as 'It sticks out 3 mm' of both",
        "MRI LUMBAR SPINE\nFindings: At L3/4 there is a small central disc protrusion.\nAt "
        "L4/5 there is a small central disc protrusion measuring 4 mm.\nComment: Small central "
        "protrusions at L3/4 and L4/5.\n",
        "found",
        ["At L4-L5, it"],
        [],
    ),
    (
        "a line of sequences with no heading left to medical words; a list of normal levels "
        "losing its first",
        "MRI LUMBAR SPINE\n\nSagittal T1 and T2 with axial T2 sequences.\n\nThe L1/2, L2/3 "
        "and L3/4 discs are normal. Small L4/5 disc bulge.\n",
        "found",
        ["The scan looks normal at L1-L2, L2-L3 and L3-L4."],
        ["medical words"],
    ),
    (
        "'a severe thick ligament' in the conclusion; effusions that 'may reflect instability' "
        "left out",
        "MRI LUMBAR SPINE\nFindings: L4/5: Severe ligamentum flavum thickening and a mild disc "
        "bulge. Bilateral facet joint effusions, which may reflect segmental instability.\n",
        "found",
        ["The report says this part of the spine may move more than it should."],
        ["a severe thick ligament"],
    ),
    (
        "'compressing the S1 root in the lateral recess' read as a narrowing of the recess",
        "MRI LUMBAR SPINE\nFindings: L5/S1: Left paracentral extrusion compressing the "
        "traversing left S1 nerve root in the lateral recess and mildly indenting the thecal "
        "sac.\n",
        "found",
        ["It is pressing on the S1 nerve on the left"],
        ["beside the canal where a nerve runs"],
    ),
]


# Round 43 (session 22): the GP's and the patient's faults on round 43's reports, as made-up
# reports
ROWS_43 = [
    (
        "'without retropulsion' said as 'A piece of the bone is pushed back into the spinal canal'",
        "MRI LUMBAR SPINE\nFindings: There is an acute compression fracture of the L2 vertebral "
        "body with approximately 25% loss of anterior height. The posterior vertebral wall is "
        "preserved and there is no retropulsion.\nConclusion: Acute osteoporotic L2 compression "
        "fracture without retropulsion.\n",
        "follow_up",
        ["No piece of the bone is pushed back into the spinal canal."],
        ["A piece of the bone is pushed back", "reaches the back wall"],
    ),
    (
        "'No features of malignancy' beside a new fracture in an older woman left out",
        "MRI LUMBAR SPINE\nFindings: Acute osteoporotic compression fracture of L1 with 20% loss "
        "of height and marrow oedema. No features of malignancy.\n",
        "found",
        ["The scan did not show signs that a growth caused the break."],
        [],
    ),
    (
        "a narrowing at one level said 'at several levels' from a degeneration 'most pronounced' "
        "there",
        "MRI LUMBAR SPINE\nIMPRESSION:\n1. Mild multilevel degenerative disc disease, most "
        "pronounced at L4-L5, with mild left neural foraminal narrowing at that level.\n",
        "found",
        ["mild narrowing where a nerve leaves the spine on the left at L4-L5"],
        ["narrowing where a nerve leaves the spine on the left at several levels"],
    ),
    (
        "'Recommend a bone scan; if this is negative, follow-up MRI in 3 months' said as three "
        "tests that may help",
        "MRI LUMBAR SPINE\nIMPRESSION: Indeterminate 14 mm lesion in the L3 vertebral body; an "
        "osseous metastasis cannot be excluded. Recommend a whole-body bone scan; if this is "
        "negative, follow-up MRI of the lumbar spine in 3 months.\n",
        "follow_up",
        [
            "The report suggests more tests: a bone scan.",
            "The report says an MRI scan in 3 months to check for change may help if the first "
            "test is clear.",
        ],
        ["a bone scan, a scan in 3 months"],
    ),
    (
        "'No cortical breakthrough, epidural extension, or pathologic fracture' beside a lesion "
        "left out",
        "MRI LUMBAR SPINE\nFindings: Indeterminate 12 mm lesion in the L3 vertebral body; a "
        "metastasis cannot be excluded. No cortical breakthrough, epidural extension, or "
        "pathologic fracture.\n",
        "follow_up",
        ["It has not reached outside the bone or into the spinal canal."],
        [],
    ),
    (
        "'Mild degenerative changes elsewhere as described' said as wear at every other level",
        "MRI LUMBAR SPINE\nFindings: L3-L4: Mild disc bulge. L4-L5: Large right paracentral disc "
        "extrusion compressing the right L5 nerve root.\nIMPRESSION:\n1. Large L4-L5 extrusion.\n"
        "2. Mild degenerative changes elsewhere as described.\n",
        "found",
        ["mild wear of the spine at the other levels named above"],
        ["wear of the spine at the other levels."],
    ),
    (
        "pars defects 'with no active bone stress' (the sports physician's question) left out; "
        "'well corticated' left to 'other details'",
        "MRI LUMBAR SPINE\nFindings: There are bilateral pars interarticularis defects at L5. The "
        "defect margins are well corticated.\nConclusion: Bilateral L5 pars defects "
        "(spondylolysis), chronic, with no active bone stress.\n",
        "found",
        ["The scan did not show signs of a new stress injury in the bone."],
        ["other details"],
    ),
    (
        "a grade 1 slip named 'a slipped bone' in the conclusion",
        "MRI LUMBAR SPINE\nFindings: Grade 1 degenerative anterolisthesis of L4 on L5. Mild disc "
        "bulge at L4-5.\n",
        "conclusion",
        ["a grade 1 slip of one bone on the next at L4-L5"],
        ["a slipped bone at"],
    ),
    (
        "'slightly increased' said as 'has increased'",
        "MRI LUMBAR SPINE\nComparison: MRI 2023.\nFindings: Grade 1 degenerative anterolisthesis "
        "of L4 on L5, slightly increased since 2023.\n",
        "found",
        ["It has increased a little since your last scan."],
        [],
    ),
    (
        "a gallbladder 'not distended, no pericholecystic inflammatory change' left to 'other "
        "details'; a renal cyst's 'no follow-up' said twice",
        "CT LUMBAR SPINE\nFindings: Mild spondylosis at L4/5.\nIncluded upper abdomen: Several "
        "calcified gallstones lie within the gallbladder, the largest measuring 9 mm. The "
        "gallbladder is not distended and there is no pericholecystic inflammatory change. There "
        "is a 31 mm simple cyst in the right kidney; no follow-up is required.\n",
        "found",
        [
            "The report says the gallbladder is not swollen or inflamed.",
            "The report says no more scans are needed for it.",
        ],
        ["other details", "needs no follow-up"],
    ),
    (
        "'No fracture or spondylolisthesis.' said as no broken bone only",
        "X-RAY LUMBAR SPINE\nReport: Vertebral body heights are maintained. No fracture or "
        "spondylolisthesis. Multilevel spondylosis with marginal osteophytes.\n",
        "found",
        ["The scan did not show a broken bone or a slipped bone."],
        [],
    ),
    (
        "a levoscoliosis said with no side",
        "X-RAY LUMBAR SPINE\nReport: Mild levoscoliosis with its apex at L3. Facet arthropathy "
        "at L4/L5.\n",
        "found",
        ["bends out to the left at L3"],
        [],
    ),
    (
        "'Disc space narrowing at L4/L5 and L5/S1, moderate at L5/S1' said as moderate at both",
        "X-RAY LUMBAR SPINE\nReport: Disc space narrowing at L4/L5 and L5/S1, moderate at L5/S1.\n",
        "found",
        ["with moderate loss of height between the 5th bone of your lower back and your sacrum"],
        ["moderate loss of height at 2 levels"],
    ),
    (
        "moderate aortic calcification left out of the conclusion",
        "X-RAY LUMBAR SPINE\nReport: Facet arthropathy at L4/L5 and L5/S1. Moderate "
        "calcification of the abdominal aorta.\n",
        "conclusion",
        ["calcium in the walls of the main artery in the belly"],
        [],
    ),
    (
        "'Ectatic infrarenal aorta (2.7 cm), not aneurysmal' said in the conclusion without 'not "
        "an aneurysm'",
        "CT LUMBAR SPINE\nFindings: Mild spondylosis at L4/5. The infrarenal abdominal aorta is "
        "ectatic, measuring 2.7 cm. No aortic aneurysm.\n",
        "conclusion",
        ["not an aneurysm"],
        [],
    ),
    (
        "'bony spurs' with no word explained",
        "X-RAY LUMBAR SPINE\nReport: Multilevel spondylosis with marginal osteophytes from "
        "L2/L3 to L4/L5.\n",
        "words",
        ["bony spurs: Small lumps of extra bone at the edge of a bone."],
        [],
    ),
]


# Round 44 (session 22)
ROWS_44 = [
    (
        "'small focal lesions ... in keeping with known myeloma' said as 'a small cancer', read as "
        "a new diagnosis; 'No epidural or paravertebral soft tissue mass' left out",
        "MRI WHOLE SPINE\nClinical: Known multiple myeloma.\nFindings: There is diffuse "
        "heterogeneous marrow signal, with small focal lesions in the T8, L2 and L3 vertebral "
        "bodies, the largest measuring 9 mm in L2, in keeping with myeloma involvement. There is "
        "no epidural or paravertebral soft tissue mass.\nImpression: Small focal lesions in "
        "keeping with known myeloma.\n",
        "follow_up",
        [
            "with small spots in the bones",
            "The report says this is the cancer your doctors already know about.",
            "It has not reached outside the bone or into the spinal canal.",
        ],
        ["a small cancer"],
    ),
    (
        "'No cord or cauda equina compression' said as the cauda equina only",
        "MRI WHOLE SPINE\nFindings: Mild disc bulge at L4/5. No cord or cauda equina compression "
        "at any level.\n",
        "found",
        ["pressure on the spinal cord or the nerves below it"],
        ["pressure on the main bundle of nerves"],
    ),
    (
        "a worn disc in the neck given the lower back's figure",
        "MRI WHOLE SPINE\nFindings: Mild degenerative disc disease at C5/6. Mild disc bulges at "
        "L4/5 and L5/S1.\n",
        "prevalence",
        ["have disc bulges"],
        ["worn discs"],
    ),
    (
        "'No destructive bone lesion' beside an old healed break said as 'no signs that a growth "
        "caused the break'",
        "CT LUMBAR SPINE\nClinical: ?acute fracture.\nFindings: Old healed compression fracture of "
        "the L1 vertebral body with approximately 25% loss of height. No acute fracture is seen. "
        "No destructive bone lesion.\n",
        "follow_up",
        ["The scan did not show a new broken bone."],
        ["a growth caused the break"],
    ),
    (
        "'moderate to severe on the left and mild on the right' with an impression's 'bilateral' "
        "said as moderate to severe on both sides",
        "MRI LUMBAR SPINE\nFindings: L4/5: Foraminal narrowing is moderate to severe on the left "
        "and mild on the right.\nImpression: Bilateral foraminal narrowing, worst on the left at "
        "L4/5.\n",
        "found",
        [
            "narrowing where the nerves leave the spine at L4-L5: moderate to severe on the left "
            "and mild on the right."
        ],
        ["on both sides at L4-L5"],
    ),
    (
        "'increases by a further 3 mm on flexion ... in keeping with segmental instability' said "
        "as 'changes when you bend forward and back' and 'may move more than usual'",
        "X-RAY LUMBAR SPINE WITH FLEXION AND EXTENSION VIEWS\nReport: There is a grade 1 "
        "degenerative anterolisthesis of L4 on L5, measuring approximately 4 mm. On flexion the "
        "listhesis increases by a further 3 mm, with alignment on extension similar to the "
        "neutral view.\nComment: Grade 1 anterolisthesis of L4 on L5, increasing by 3 mm on "
        "flexion, in keeping with segmental instability at L4-5.\n",
        "found",
        [
            "The bones slip further when you bend forward.",
            "The report says this fits with the bones here moving more than they should "
            "(instability).",
        ],
        ["bend forward and back", "may move more than usual"],
    ),
    (
        "sacroiliitis with erosions: the erosions, 'No fat metaplasia or ankylosis' and 'Normal "
        "MRI of the lumbar spine' left out or left to 'other details'",
        "MRI LUMBAR SPINE AND SACROILIAC JOINTS\nFindings: Subchondral bone marrow edema involves "
        "both sacroiliac joints, with small erosions of the iliac articular surfaces "
        "bilaterally. These findings suggest active bilateral sacroiliitis. No fat metaplasia or "
        "ankylosis.\nImpression:\n1. Bilateral sacroiliac joint bone marrow edema and erosions, "
        "suggesting active sacroiliitis.\n2. Normal MRI of the lumbar spine.\n",
        "follow_up",
        [
            "Parts of the joint surface are worn away (erosions).",
            "The joints have not joined together with bone.",
        ],
        ["other details", "joined together with bone (fused)"],
    ),
    (
        "'Normal MRI of the lumbar spine' beside sacroiliitis left out",
        "MRI LUMBAR SPINE AND SACROILIAC JOINTS\nImpression:\n1. Active bilateral sacroiliitis.\n"
        "2. Normal MRI of the lumbar spine.\n",
        "found",
        ["The lower back itself looks normal."],
        [],
    ),
    (
        "'multilevel disc bulges noted elsewhere' beside bulges at two named levels left out",
        "LSS MRI\nL4-L5: Diffuse disc bulge noted compressing the thecal sac.\nL3-L4: diffuse disc "
        "bulge noted compressing the thecal sac.\nmultilevel disc bulges noted elswere.\n",
        "found",
        ["The scan shows disc bulges at the other levels."],
        [],
    ),
    (
        "'This may correlate with the patient's left-sided symptoms.' (a causal claim, for the GP) "
        "left to 'other details'",
        "MRI LUMBAR SPINE\nFindings: Small left protrusion at L5-S1. This may correlate with the "
        "patient's left-sided symptoms.\n",
        "found",
        ["disc protrusion"],
        ["other details", "symptoms"],
    ),
]


# Round 45 (session 22)
ROWS_45 = [
    (
        "an X-ray pasted as one paragraph called 'an MRI scan' because a later sentence suggests "
        "an MRI",
        "Examination: XR lumbar spine AP and lateral, 17/06/2025. Clinical details: ?fracture. "
        "There is anterior wedging of the L1 vertebral body in keeping with a wedge compression "
        "fracture. If it would change management, MRI would distinguish recent from old "
        "fractures.\n",
        "looked_at",
        ["This was an X-ray of your lower back."],
        ["This was an MRI scan"],
    ),
    (
        "'approximately 25% loss of anterior height at T12 and 35% at L1' put on the wrong bones",
        "XR LUMBAR SPINE\nReport: There is anterior wedging of the T12 and L1 vertebral bodies in "
        "keeping with wedge compression fractures, with approximately 25% loss of anterior height "
        "at T12 and 35% at L1. The posterior vertebral body walls appear intact.\n",
        "follow_up",
        [
            "At T12, the bone has lost about 25% of its height. At L1, the bone has lost 35% of "
            "its height.",
            "The back walls of the bones are not broken.",
        ],
        ["It has lost 35% and about 25%"],
    ),
    (
        "'MRI if this would alter management' said as a test that may help, without its condition",
        "XR LUMBAR SPINE\nConclusion: Anterior wedge compression fracture of L1 of indeterminate "
        "age; MRI if this would alter management.\n",
        "follow_up",
        ["The report says an MRI scan may help if the answer would change your care."],
        [],
    ),
    (
        "a haematoma's size given to the fractures beside it; 'small left psoas hematoma' left "
        "as 'something that your GP will explain'",
        "CT LUMBAR SPINE\nFindings: Acute, minimally displaced fractures of the left L2 and L3 "
        "transverse processes. The left psoas muscle is enlarged adjacent to the transverse "
        "process fractures, with a small hyperdense intramuscular hematoma measuring 3.4 x 2.1 "
        "cm.\nImpression:\n1. Acute fractures of the left L2 and L3 transverse processes.\n2. "
        "Small left psoas hematoma.\n",
        "follow_up",
        [
            "The report also notes bleeding into the muscle beside the spine on the left. Your GP "
            "will explain what it means.",
            "The breaks at L2 and L3 look recent.",
        ],
        ["It measures 3.4 x 2.1 cm", "something that your GP will explain"],
    ),
    (
        "metastases 'in the L1 vertebral body (11 mm), the L3 vertebral body (18 mm) and the "
        "right sacral ala at S1 (22 mm)' said at two levels, the largest left out, the side "
        "given to all",
        "MRI LUMBAR SPINE\nFindings: There are focal sclerotic lesions in the L1 vertebral body "
        "(11 mm), the L3 vertebral body (18 mm) and the right sacral ala at S1 (22 mm). In the "
        "setting of prostate carcinoma these are consistent with osteoblastic metastases.\n",
        "follow_up",
        ["(L1, L3, S1)", "They measure 11 mm, 18 mm and 22 mm."],
        ["on the right"],
    ),
    (
        "'include these radiographs with the request' said as a suggested X-ray; the numbering "
        "advice and a view list left to 'other details'; a lumbarised S1 garbled and missing "
        "from the conclusion",
        "Examination: X-ray lumbar spine. Views: AP, lateral and coned lateral of the "
        "lumbosacral junction. Report: The lowest rib-bearing vertebra is taken as T12. The S1 "
        "segment is partially lumbarised. Comment: Transitional lumbosacral anatomy with "
        "partial lumbarisation of S1, a common normal variant. If MRI or a spinal procedure is "
        "planned, please quote this numbering and include these radiographs with the request.\n",
        "conclusion",
        [
            "The report notes a common difference, there from birth, in how the lowest bones of "
            "the spine are formed at S1."
        ],
        ["may help: an X-ray", "other details"],
    ),
    (
        "'No pars defect or stress reaction' (the question asked) said without the stress injury",
        "MRI LUMBAR SPINE\nClinical: Rule out pars stress injury.\nFindings: No pars "
        "interarticularis defect or stress reaction. Mild L5/S1 disc desiccation.\n",
        "found",
        ["did not show a gap or a stress injury in a thin part at the back of a bone"],
        [],
    ),
    (
        "Tarlov cysts 'of no clinical significance' said as 'harmless (benign)'",
        "MRI LUMBAR SPINE\nFindings: Incidental small bilateral perineural (Tarlov) cysts at S2, "
        "measuring up to 8 mm, of no clinical significance.\n",
        "found",
        ["The report says this is of no concern."],
        ["harmless (benign)"],
    ),
    (
        "'it could represent an atypical hemangioma, but an osseous metastasis cannot be "
        "excluded' said as a haemangioma among minor things",
        "MRI LUMBAR SPINE\nClinical: Lung cancer.\nImpression: Indeterminate 8 mm T1-hypointense "
        "focus in the L4 vertebral body. An atypical hemangioma is possible, but metastasis "
        "cannot be excluded given the history of lung cancer.\n",
        "follow_up",
        ["The report says it may be a clump of blood vessels in a bone (haemangioma)."],
        ["possibly a clump"],
    ),
    (
        "'Solid posterolateral bony fusion mass' read as a possible growth",
        "MRI LUMBAR SPINE\nFindings: L4/5: Laminectomy defect. Solid posterolateral bony fusion "
        "mass across L4/5.\n",
        "found",
        [],
        ["cancer", "needs more tests", "follow-up"],
    ),
]


# Round 46 (session 22)
ROWS_46 = [
    (
        "'No extraluminal gas or abscess' about diverticulitis said as 'did not show an "
        "infection'; the belly CT's main finding never named",
        "CT ABDOMEN AND PELVIS\nFindings:\nBOWEL: Numerous sigmoid diverticula. Wall thickening of "
        "the sigmoid colon, consistent with acute diverticulitis. No extraluminal gas or abscess.\n"
        "MUSCULOSKELETAL: Moderate multilevel spondylosis of the lumbar spine.\nImpression:\n1. "
        "Acute uncomplicated sigmoid diverticulitis. No abscess or perforation.\n2. Moderate "
        "lumbar spondylosis.\n",
        "found",
        [
            "The report also notes small pouches in the bowel wall.",
            "The report also notes swollen pouches in the bowel wall.",
        ],
        ["did not show an infection"],
    ),
    (
        "an addendum's 'is grade 1, not grade 2 as stated in the original report below' said as "
        "a grade 2 slip",
        "ADDENDUM:\nOn review, the anterolisthesis of L4 on L5 is grade 1, not grade 2 as stated "
        "in the original report below.\n\nORIGINAL REPORT\nMRI LUMBAR SPINE\nFindings: Grade 2 "
        "degenerative anterolisthesis of L4 on L5, measuring 8 mm.\n",
        "found",
        ["a grade 1 forward slip (the mildest grade) of one bone on the next"],
        ["grade 2"],
    ),
    (
        "'Otherwise normal lumbar spine' beside a large disc fragment said as 'The lower back "
        "itself looks normal'",
        "MRI LUMBAR SPINE\nFindings: L5/S1: A large left paracentral sequestered disc fragment "
        "compresses the left S1 nerve root.\nConclusion: Otherwise normal lumbar spine.\n",
        "found",
        ["The rest of your lower back looks normal."],
        ["The lower back itself looks normal."],
    ),
    (
        "'The right S1 nerve root is unaffected.' left to 'other details'",
        "MRI LUMBAR SPINE\nFindings: L5/S1: A left paracentral disc protrusion contacts the left "
        "S1 nerve root. The right S1 nerve root is unaffected.\n",
        "found",
        ["disc protrusion"],
        ["other details"],
    ),
    (
        "'MRI is suggested if neurological symptoms develop' said without its condition; 'Please "
        "consider a bone health assessment' left to 'other details'",
        "CT LUMBAR SPINE\nFindings: Acute L3 compression fracture with 40% loss of height. Diffuse "
        "osteopenia.\nConclusion: MRI is suggested if neurological symptoms develop. Please "
        "consider a bone health assessment.\n",
        "follow_up",
        [
            "The report suggests more tests: a check of your bone strength.",
            "The report says an MRI scan may help if numbness or weakness develops.",
        ],
        ["other details"],
    ),
    (
        "a follow-up scan's good news (the extrusion gone, the left root free) buried at the end "
        "without its side",
        "MRI LUMBAR SPINE\nComparison: MRI 2023.\nFindings: L3/4: The previously seen left "
        "extrusion has regressed and is no longer seen; a small bulge remains. The left L4 root "
        "is no longer compressed. L4/5: Mild canal stenosis, unchanged.\n",
        "found",
        ["The scan no longer shows pressure on the nerves on the left at L3-L4."],
        [],
    ),
    (
        "after surgery, scar 'surrounds the protrusion and the right S1 nerve root' said without "
        "the nerve",
        "MRI LUMBAR SPINE\nClinical: Right L5/S1 microdiscectomy 2023.\nFindings: L5/S1: "
        "Postoperative changes of a right laminotomy. A recurrent right paracentral disc "
        "protrusion measures 7 mm. Enhancing epidural fibrosis (scar tissue) surrounds the "
        "protrusion and the right S1 nerve root.\nImpression:\n1. Recurrent right paracentral "
        "L5/S1 disc protrusion.\n2. Enhancing postoperative epidural fibrosis around the "
        "protrusion and the right S1 nerve root.\n",
        "found",
        ["Some of this is scar tissue. It wraps around the S1 nerve on the right."],
        [],
    ),
]

RECURRENT = ROWS_46[-1][1]

# round 46's small edits, made after the round (session 23)
ROWS_47 = [
    (
        "'redundant nerve roots above this level' said at the narrowed level itself",
        "MRI LUMBAR SPINE\nFindings: L4-L5: Severe spinal canal stenosis, with redundant nerve "
        "roots above this level.\n",
        "found",
        ["Above the narrowing at L4-L5, the nerves in the canal are crowded and bunched up."],
        ["The nerves in the canal at L4-L5 are crowded"],
    ),
    (
        "'a small retropulsed fragment ..., measuring 4 mm' said as pushed back by 4 mm",
        "CT LUMBAR SPINE\nFindings: Acute compression fracture of L3 with 40% loss of height. "
        "There is a small retropulsed fragment from the posterosuperior corner, measuring 4 mm, "
        "which narrows the spinal canal by about 20%.\n",
        "follow_up",
        ["A piece of bone, 4 mm across, is pushed back towards the nerves."],
        ["pushed back towards the nerves by 4 mm"],
    ),
]


# round 47's GP and patient (session 23)
ROWS_48 = [
    (
        "a normal X-ray's 'No radiographic evidence of acute bony injury' left unexplained, and "
        "'radiographs are not routinely indicated' said as a suggested X-ray",
        "XR LUMBAR SPINE AP + LATERAL\nFindings: Normal alignment. No fracture is identified.\n"
        "Conclusion: Normal lumbar spine radiographs. No radiographic evidence of acute bony "
        "injury.\nComment: radiographs are not routinely indicated for acute non-specific low "
        "back pain in the absence of red flag features.\n",
        "found",
        ["Your scan of the lower back looks normal.", "The scan did not show a broken bone."],
        ["The report suggests more tests", "other details in medical words"],
    ),
    (
        "'Multilevel lumbar spondylosis, most advanced at L4-L5 and L5-S1' said with no place",
        "CT LUMBAR SPINE\nImpression:\n1. Multilevel lumbar spondylosis, most advanced at L4-L5 "
        "and L5-S1.\n",
        "found",
        ["wear of the spine at several levels, most of all at L4-L5 and L5-S1."],
        [],
    ),
    (
        "'The lumbar lordosis is slightly flattened.' left in medical words",
        "MRI LUMBAR SPINE\nFindings: The lumbar lordosis is slightly flattened. L4/5: Small "
        "central disc protrusion.\n",
        "found",
        ["The curve is straighter than usual."],
        ["other details in medical words"],
    ),
    (
        "'The exiting right L5 nerve root is contacted but not compressed' said as a disc "
        "touching it",
        "MRI LUMBAR SPINE\nFindings: L5-S1: Mild disc bulge. Moderate right foraminal narrowing. "
        "The exiting right L5 nerve root is contacted but not compressed.\n",
        "found",
        ["The scan shows the L5 nerve being touched on the right at L5-S1."],
        ["a disc touching"],
    ),
    (
        "'An underlying pathological fracture is considered unlikely' said as a spot in a bone, "
        "and marrow 'in keeping with osteoporosis' left to the GP as a danger",
        "MRI LUMBAR SPINE\nFindings: Acute compression fracture of L1 with approximately 30% "
        "loss of anterior vertebral body height. The background marrow signal is heterogeneous, "
        "in keeping with osteoporosis, with no focal marrow replacing lesion.\nImpression: Acute "
        "osteoporotic compression fracture of L1. An underlying pathological fracture is "
        "considered unlikely.\n",
        "found",
        [
            "The report thinks the break was most likely not caused by a growth.",
            "The scan shows bones that are thin and weak (osteoporosis).",
        ],
        ["spot in a bone", "describes something that your GP will explain"],
    ),
    (
        "'30% loss of anterior vertebral body height' said without the front",
        "MRI LUMBAR SPINE\nFindings: Acute compression fracture of L1 with approximately 30% "
        "loss of anterior vertebral body height.\n",
        "follow_up",
        ["It has lost about 30% of its height at the front."],
        [],
    ),
    (
        "'a subtle undisplaced fracture cannot be excluded on plain film; CT if pain persists' "
        "said as a very mild break, the CT left out, and aortic calcification raised",
        "LUMBAR SPINE XR - 83M - fall. Vertebral body heights are preserved and no fracture is "
        "seen. Aortic calcification. Bones are osteopenic and a subtle undisplaced fracture "
        "cannot be excluded on plain film; CT if pain persists. IMPRESSION: No radiographic "
        "fracture.\n",
        "follow_up",
        [
            "None was seen, but the report says one can be missed on this kind of scan.",
            "The report says a CT scan may help if your symptoms do not settle.",
        ],
        ["very mild break", "The scan shows calcium in the walls"],
    ),
    (
        "'No canal stenosis at any level' said at two of three levels",
        "MRI LUMBAR SPINE\nFindings: L3/4: Disc bulge. No canal stenosis. L4/5: Disc bulge. No "
        "canal stenosis. L5/S1: Small left protrusion contacting the left S1 root.\nImpression: "
        "No canal stenosis at any level.\n",
        "found",
        ["The scan did not show narrowing of the spinal canal."],
        ["spinal canal at L3-L4 or L4-L5"],
    ),
    (
        "'from L3/4 to L5/S1, with mild facet arthropathy at the lower two levels' said at all "
        "three",
        "MRI LUMBAR SPINE\nImpression: Degenerative disc disease from L3/4 to L5/S1, with mild "
        "facet arthropathy at the lower two levels.\n",
        "found",
        [
            "mild wear of the joints at the back of the spine at 2 levels of your lower back "
            "(L4-L5, L5-S1)"
        ],
        ["joints at the back of the spine at L3-L4"],
    ),
    (
        "'contacts both traversing L5 nerve roots ... no nerve root compression' said as one nerve",
        "MRI LUMBAR SPINE\nFindings: L4/5: Small central disc protrusion which contacts both "
        "traversing L5 nerve roots in the lateral recesses. There is no nerve root compression.\n",
        "found",
        ["At L4-L5, the nerves on both sides are touched but not pressed on."],
        ["the nerve is touched"],
    ),
    (
        "an 'uncovered disc bulge' at a slip given the figure for bulges that come with age",
        "MRI LUMBAR SPINE\nFindings: Bilateral L5 pars defects with grade 1 anterolisthesis of "
        "L5 on S1. L5-S1: Mild uncovered disc bulge.\n",
        "found",
        ["a mild disc bulge"],
        ["have disc bulges"],
    ),
]


# round 48's GP and the held-out moves of session 23
ROWS_49 = [
    (
        "a suspected discitis: the endplates at its two bones among other things, the phoned "
        "critical result left out, 'If cultures are negative' dropped from the biopsy",
        "MRI LUMBAR SPINE\nFindings: Marrow oedema throughout L3 and L4 with irregularity of "
        "the opposing endplates. These findings are suspicious for L3-L4 discitis-osteomyelitis."
        "\nImpression:\n1. Suspected L3-L4 discitis-osteomyelitis.\n2. Recommend blood "
        "cultures. If cultures are negative, CT-guided disc aspiration is suggested.\nCritical "
        "result: Findings were discussed by telephone with Dr. Ferreira at 23:05.\n",
        "follow_up",
        [
            "The report says this was discussed with the doctor who asked for the scan.",
            "may help if the blood tests do not find the germ",
        ],
        ["also mentions these things"],
    ),
    (
        "'a CT myelogram could be considered if surgical planning requires more detail' said as "
        "a plain CT after a CT",
        "CT LUMBAR SPINE\nFindings: L4-5: Severe canal stenosis.\nComment: CT is limited for "
        "assessment of the neural elements; a CT myelogram could be considered if surgical "
        "planning requires more detail.\n",
        "next",
        ["The report says a CT scan with dye (myelogram) may help if an operation is planned."],
        ["may help: a CT scan"],
    ),
    (
        "'If symptoms are severe or progressive, MRI would be the next investigation' said "
        "without its condition",
        "XR LUMBAR SPINE\nFindings: Grade 1 anterolisthesis of L4 on L5. No fracture.\n"
        "Impression: If symptoms are severe or progressive, MRI would be the next investigation."
        "\n",
        "next",
        ["The report says an MRI scan may help if your symptoms are bad or getting worse."],
        [],
    ),
    (
        "'Lt foraminal disc protrusion (5 mm) on a background disc bulge' said as a 5 mm bulge, "
        "and 'simple cyst, upper pole Lt kidney' without its side",
        "MRI LUMBAR SPINE\nFindings: L4/5: Lt foraminal disc protrusion (5 mm) on a background "
        "disc bulge. The protrusion contacts the exiting Lt L4 nerve root.\nIncidental: 2.4 cm "
        "simple cyst, upper pole Lt kidney.\n",
        "found",
        ["It measures 5 mm. It is touching the L4 nerve on the left", "in the left kidney"],
        ["disc bulge at L4-L5. It measures 5 mm."],
    ),
    (
        "a 3 mm retrolisthesis given the figure for slips",
        "MRI LUMBAR SPINE\nFindings: 3 mm retrolisthesis of L2 on L3. Mild L4-5 disc bulge.\n",
        "found",
        ["a bone that has slipped backwards"],
        ["have a slipped bone"],
    ),
    (
        "'Large left paracentral L5/S1 disc extrusion' said without 'large'",
        "MRI LUMBAR SPINE\nImpression: Large left paracentral L5/S1 disc extrusion compressing "
        "the left S1 nerve root.\n",
        "found",
        ["The scan shows a large extrusion"],
        [],
    ),
    (
        "'The shallow central disc protrusion' said without 'shallow'; 'intra-articular vacuum' "
        "said as gas in the disc; 'Grade 1 anterolisthesis' without its direction",
        "MRI LUMBAR SPINE\nFindings: L4-L5: Grade 1 anterolisthesis of L4 on L5. The shallow "
        "central disc protrusion is unchanged. Marked bilateral facet arthropathy with "
        "intra-articular vacuum.\n",
        "found",
        [
            "a shallow disc protrusion",
            "gas in the joints at the back of the spine (vacuum phenomenon)",
            "a grade 1 forward slip (the mildest grade)",
        ],
        ["gas in the disc"],
    ),
    (
        "'abuts the traversing left L5 nerve root ... without compression of the exiting L4 "
        "nerve root' said as the touched nerve not pressed",
        "MRI LUMBAR SPINE\nFindings: L4/5: A synovial cyst abuts the traversing left L5 nerve "
        "root. Mild left foraminal narrowing without compression of the exiting L4 nerve root.\n",
        "found",
        ["At L4-L5, the nerves leaving the spine are not pressed on."],
        ["the nerve is touched but not pressed on"],
    ),
    (
        "'progression of the disc bulge and facet joint hypertrophy' said of the bulge only",
        "CT LUMBAR SPINE\nFindings: L3/4: Since the previous study there has been progression of "
        "the disc bulge and facet joint hypertrophy.\n",
        "found",
        ["at the back of the spine at L3-L4, which have got worse since your last scan"],
        [],
    ),
    (
        "after a fusion, 'a continuous lucent cleft crosses the disc space' said as a loose "
        "spacer, and the place said twice",
        "CT LUMBAR SPINE\nFindings: Bilateral L4 and L5 pedicle screws and rods, with an "
        "interbody cage at L4-5. Bridging bone is present through part of the cage, but a "
        "continuous lucent cleft crosses the right side of the L4-5 disc space. Grade 1 "
        "anterolisthesis of L4 on L5, unchanged.\n",
        "follow_up",
        ["have not fully joined together"],
        ["has come loose"],
    ),
]


# round 49's GP (session 23)
ROWS_50 = [
    (
        "a pasted X-ray whose inline 'Comparison: lumbar radiographs 2019.' took every finding "
        "after it as the comparison",
        "XR LUMBAR SPINE AP/LAT - 81 yo M. Hx: chronic LBP, no trauma. Comparison: lumbar "
        "radiographs 2019. Moderate degenerative changes throughout the lumbar spine. 6 mm grade "
        "1 anterolisthesis of L4 on L5, increased from 2019. Mild levoscoliosis. Vertebral body "
        "heights are maintained with no fracture. Generalised osteopenia. IMPRESSION: Moderate "
        "lumbar spondylosis.\n",
        "found",
        [
            "It has increased since your last scan.",
            "The scan did not show a broken bone.",
            "osteopenia",
        ],
        [],
    ),
    (
        "'The urinary bladder is distended.' on a cauda equina scan said last as a minor thing",
        "MRI LUMBAR SPINE - CAUDA EQUINA PROTOCOL\nFindings: L4/5: Large central disc extrusion "
        "compressing the cauda equina.\nThe urinary bladder is distended.\n",
        "follow_up",
        ["The report also notes that your bladder is very full."],
        [],
    ),
    (
        "'compresses the traversing right S1 nerve root in the lateral recess and effaces the "
        "thecal sac' read as a narrowed recess",
        "MRI LUMBAR SPINE\nFindings: L5-S1: Right paracentral disc extrusion. The extrusion "
        "displaces and compresses the traversing right S1 nerve root in the lateral recess and "
        "effaces the right ventrolateral aspect of the thecal sac.\n",
        "found",
        ["pressing on the S1 nerve on the right"],
        ["narrowing beside the spinal canal"],
    ),
    (
        "'compresses the descending left S1 nerve root ...; the exiting left L5 nerve root is "
        "not compressed' with the good news folded into the pressure",
        "MRI LUMBAR SPINE\nFindings: L5/S1: A left paracentral disc protrusion compresses the "
        "descending left S1 nerve root. Mild left foraminal narrowing; the exiting left L5 nerve "
        "root is not compressed.\n",
        "found",
        ["At L5-S1, the L5 nerve on the left, where it leaves the spine, is not pressed on."],
        ["The scan did not show pressure on the nerves at L5-S1."],
    ),
    (
        "after a fusion, 'a persisting lucency along the cage, raising the possibility of "
        "pseudarthrosis' said as a spacer that has come loose",
        "CT LUMBAR SPINE\nFindings: Posterior instrumented fusion from L4 to S1 with interbody "
        "cages. At L5/S1, bony bridging is incomplete, with a persisting lucency along the "
        "inferior aspect of the cage, raising the possibility of pseudarthrosis.\n",
        "follow_up",
        ["may have come loose"],
        ["has come loose"],
    ),
]


# round 49's small edits (session 24)
ROWS_51 = [
    (
        "'with a 6 mm caudally migrated component' dropped the part that moved and its size",
        "MRI LUMBAR SPINE\nFindings: L5-S1: Right paracentral disc extrusion measuring 9 x 7 mm "
        "in the axial plane, with a 6 mm caudally migrated component.\n",
        "found",
        ["It measures 9 x 7 mm.", "Part of it has moved down. That part measures 6 mm."],
        [],
    ),
    (
        "'Mild narrowing of the lateral recesses without definite nerve root impingement' said "
        "as no pressure at all",
        "MRI LUMBAR SPINE\nFindings: L4-L5: Mild disc bulge. Mild narrowing of the lateral "
        "recesses without definite nerve root impingement.\n",
        "found",
        ["The scan did not show clear pressure on the nerves at L4-L5."],
        ["the nerves themselves are not pressed on"],
    ),
    (
        "'a 9 mm lesion in the L3 vertebral body, typical of a hemangioma ... Incidental L3 "
        "hemangioma' said without the report's own words",
        "MRI LUMBAR SPINE\nFindings: Marrow signal is unremarkable apart from a 9 mm T1 and T2 "
        "hyperintense lesion in the L3 vertebral body, typical of a hemangioma.\nImpression: "
        "Mild L4-L5 disc bulge. Incidental L3 hemangioma.\n",
        "found",
        ["The report says it looks like a typical one.", "The report says it was found by chance."],
        ["harmless"],
    ),
    (
        "'Multilevel lumbar spondylosis, most pronounced at L4-L5' said as wear at L4-L5 alone",
        "MRI LUMBAR SPINE\nFindings: L4-L5: Mild disc bulge.\nImpression: Multilevel lumbar "
        "spondylosis, most pronounced at L4-L5.\n",
        "found",
        ["wear of the spine at several levels, most of all at L4-L5"],
        ["wear of the spine at L4-L5."],
    ),
    (
        "'the lowest well-formed disc is designated L5-S1 ... Please note the numbering "
        "convention above' left out beside a transitional bone",
        "MRI LUMBAR SPINE\nFindings: For the purposes of this report, the lowest well-formed "
        "intervertebral disc is designated L5-S1. There is partial sacralization of L5 on the "
        "left.\nImpression: Partial left-sided sacralization of L5. Please note the numbering "
        "convention above if any intervention is planned.\n",
        "found",
        ["The report explains how it has counted the bones of your lower back because of this."],
        [],
    ),
]

# round 50 (session 24)
ROWS_52 = [
    (
        "'a follow-up MRI in 6 weeks would confirm the expected evolution of a fracture' read as "
        "a second, certain fracture, the follow-up MRI counted twice",
        "MRI LUMBAR SPINE AND SACRUM\nFindings: Marrow oedema in the right sacral ala at S1 and "
        "S2, with a possible thin fracture line, suspicious for an early right sacral "
        "insufficiency fracture.\nComment: CT of the sacrum is recommended, and a follow-up MRI "
        "in 6 weeks would confirm the expected evolution of a fracture.\n",
        "follow_up",
        [
            "The report suspects the scan shows a broken bone (fracture)",
            "is the kind that happens when bone is weak.",
            "a CT scan and an MRI scan in 6 weeks to check for change.",
        ],
        ["The scan shows a broken bone", "osteoporosis", "the breaks"],
    ),
    (
        "'a metastatic deposit is considered less likely but cannot be excluded' said as unlikely",
        "MRI LUMBAR SPINE\nFindings: Marrow oedema in the right sacral ala, suspicious for an "
        "insufficiency fracture.\nComment: Given the history of breast carcinoma, a metastatic "
        "deposit is considered less likely but cannot be excluded on this study. CT is "
        "recommended.\n",
        "follow_up",
        ["The scan cannot rule out signs of cancer. But the report thinks this is less likely."],
        ["this is unlikely"],
    ),
    (
        "'contacts the traversing right L5 nerve root, which is no longer compressed' said as "
        "'newly touching', the good news lost",
        "MRI LUMBAR SPINE\nFindings: L4-L5: The right paracentral disc extrusion has decreased "
        "in size. The residual extrusion contacts the traversing right L5 nerve root, which is no "
        "longer compressed.\nImpression: The right L5 nerve root is now contacted but no longer "
        "compressed.\n",
        "found",
        ["The scan no longer shows pressure on the nerves on the right at L4-L5."],
        ["newly", "It is new since your last scan"],
    ),
    (
        "'If surgical stabilisation is being considered, standing flexion/extension views would "
        "assess for dynamic instability' read as past surgery, its condition lost",
        "MRI LUMBAR SPINE\nFindings: Bilateral L5 pars defects with grade 1 anterolisthesis of L5 "
        "on S1.\nImpression: 1. Bilateral L5 spondylolysis.\n2. If surgical stabilisation is "
        "being considered, standing flexion/extension views would assess for dynamic "
        "instability.\n",
        "next",
        ["The report says an X-ray may help if an operation is planned."],
        ["past surgery", "more tests may help: an X-ray"],
    ),
    (
        "'MRI ... if fracture acuity will influence management (e.g. before vertebroplasty). Bone "
        "health review, including DXA if not recent, is recommended.' read as past surgery, "
        "every test on one 'may help'",
        "CT LUMBAR SPINE\nFindings: Compression fracture of the superior endplate of L2 with "
        "approximately 30% loss of anterior height, of indeterminate age.\nImpression: 1. L2 "
        "compression fracture of indeterminate age.\n2. MRI with STIR is suggested if fracture "
        "acuity will influence management (e.g. before vertebroplasty). Bone health review, "
        "including DXA if not recent, is recommended.\n",
        "follow_up",
        [
            "The report suggests more tests: a check of your bone strength and a bone density "
            "scan.",
            "The report says an MRI scan may help if knowing how old the break is would change "
            "your care.",
        ],
        ["past surgery"],
    ),
    (
        "'a 6 mm retrolisthesis of L2 on L3, previously 3 mm' without its change",
        "XR LUMBAR SPINE\nComparison: lumbar spine XR 2021.\nFindings: There is a 6 mm "
        "retrolisthesis of L2 on L3, previously 3 mm.\n",
        "found",
        ["which has increased since your last scan"],
        [],
    ),
    (
        "'Progressive lower lumbar degenerative change since 2021 and a slightly increased L2/3 "
        "retrolisthesis': the slip's 'slightly' given to the wear",
        "XR LUMBAR SPINE\nFindings: Disc space narrowing at L4/5 and L5/S1.\nIMPRESSION: "
        "Progressive lower lumbar degenerative change since 2021 and a slightly increased L2/3 "
        "retrolisthesis.\n",
        "found",
        ["has increased a little since your last scan", "has got worse since your last scan"],
        ["got a little worse"],
    ),
    (
        "a cauda equina result phoned to the GP with the spinal orthopaedic team informed: 'Mr "
        "D. Example' read as an MR scan suggested, the team as bone specialists",
        "MRI LUMBAR SPINE (CES protocol)\nFindings: L4/5: Large central and left paracentral "
        "disc extrusion causing marked compression of the cauda equina.\nURGENT COMMUNICATION: "
        "Findings telephoned to Dr Example at 17:55. The practice has advised the patient to "
        "attend the Emergency Department immediately, and the on-call spinal orthopaedic team "
        "(Mr D. Example) has been informed.\n",
        "follow_up",
        [
            "The report says this was discussed with the doctor who asked for the scan and the "
            "spine specialists."
        ],
        ["The report suggests more tests", "bone specialists"],
    ),
    (
        "'Large central and left paracentral disc extrusion' said as on the left",
        "MRI LUMBAR SPINE\nFindings: L4/5: Large central and left paracentral disc extrusion, "
        "measuring 14 mm in AP dimension. The extrusion compresses both traversing L5 nerve "
        "roots.\n",
        "found",
        ["in the middle and to the left at L4-L5"],
        [],
    ),
    (
        "'Redundant nerve roots are seen above this level' said at the narrowed level",
        "MRI LUMBAR SPINE\nFindings: L4-5: Severe spinal canal stenosis. Redundant nerve roots "
        "are seen above this level.\n",
        "found",
        ["Above the narrowing at L4-L5, the nerves in the canal are crowded and bunched up."],
        ["The nerves in the canal at L4-L5"],
    ),
    (
        "a synovial cyst that 'displaces the traversing right L5 nerve root' said as pressing",
        "MRI LUMBAR SPINE\nFindings: L4-5: A 7 mm synovial cyst arises from the right facet "
        "joint. It displaces the traversing right L5 nerve root.\n",
        "found",
        ["pushing aside the L5 nerve on the right"],
        ["pressing on the L5 nerve"],
    ),
    (
        "'Incidental 2 cm simple cyst in the interpolar left kidney' said as a bare fluid sac",
        "MRI LUMBAR SPINE\nFindings: L4-5: Mild disc bulge.\nIncidental 2 cm simple cyst in the "
        "interpolar left kidney.\n",
        "found",
        [
            "The report says it was found by chance. The report says it is the simple kind: a "
            "thin sac of fluid."
        ],
        ["harmless"],
    ),
    (
        "a town and province, a referrer and a graded list item said as 'other details in "
        "medical words'",
        "RIDEAU EXAMPLE IMAGING\nKanata, Ontario\nReferring Dr: Dr Amelia Example, Example "
        "Family Practice\n\nFINDINGS:\nL3-4: Moderate spinal canal stenosis.\nL4-5: Severe "
        "spinal canal stenosis.\n\nIMPRESSION:\n1. Multilevel lumbar spondylosis, with spinal "
        "canal stenosis graded as follows:\n   - L3-4: moderate\n   - L4-5: severe\n",
        "found",
        ["The scan shows severe narrowing of the spinal canal"],
        ["other details in medical words"],
    ),
]

# round 51 (session 24)
ROWS_53 = [
    (
        "'7 mm right lateral listhesis of L3 on L4, and a grade 1 anterolisthesis at L4/5': the "
        "sideways slip given the other's grade, and 'both the curve and the listhesis' read as "
        "a slip on both sides",
        "MRI LUMBAR SPINE\nFindings: There is a 7 mm right lateral listhesis of L3 on L4. Grade 1 "
        "anterolisthesis of L4 on L5, 4 mm.\nImpression: 1. 7 mm right lateral listhesis of L3 "
        "on L4, and a grade 1 anterolisthesis at L4/5.\n2. Supine MRI can underestimate both the "
        "curve and the listhesis. Standing radiographs are recommended to measure the lateral "
        "listhesis under load.\n",
        "found",
        [
            "a bone that has slipped sideways on the right",
            "a grade 1 forward slip (the mildest grade) of one bone on the next at L4-L5",
        ],
        ["on both sides", "grade 1 slip (the mildest grade) of one bone on the next on the right"],
    ),
    (
        "an addendum whose 'side at L5/S1 was transposed ...: ... are all on the LEFT, not the "
        "right' was corrected and then flipped back",
        "MRI LUMBAR SPINE\nFindings: L5/S1: There is a right paracentral disc extrusion. It "
        "compresses the traversing right S1 nerve root. Narrowing of the right lateral recess."
        "\n\nADDENDUM\nThe side at L5/S1 was transposed in the report above: the disc "
        "extrusion, the nerve root compression and the lateral recess narrowing at L5/S1 are all "
        "on the LEFT, not the right.\n",
        "found",
        ["on the left at L5-S1", "pressing on the S1 nerve on the left"],
        ["on the right"],
    ),
    (
        "a normal MRI whose 'extraspinal sources could be considered clinically' was 'other "
        "details in medical words', the only line of its text",
        "MRI LUMBAR SPINE\nFindings: Normal alignment and marrow signal. No disc bulge or "
        "herniation at any level. No spinal canal stenosis or neural foraminal narrowing.\n"
        "Impression: 1. Normal MRI of the lumbar spine.\n2. If symptoms persist, extraspinal "
        "sources could be considered clinically, such as the right hip or the sacroiliac "
        "joint.\n",
        "found",
        ["Your scan of the lower back looks normal."],
        ["other details in medical words"],
    ),
    (
        "'small Romanus lesions (corner erosion with reactive sclerosis)' read as a possible "
        "growth, and said as 'something that your GP will explain'",
        "XR LUMBAR SPINE\nReport: Squaring of the anterior margins of the upper lumbar vertebral "
        "bodies, with small Romanus lesions (corner erosion with reactive sclerosis) at the "
        "anterosuperior corners of L1 and L2. No fracture.\nImpression: Romanus lesions at L1 "
        "and L2. These raise the possibility of axial spondyloarthritis.\n",
        "follow_up",
        ["The report notes small worn spots on the corners of bones"],
        ["cannot rule out small areas", "something that your GP will explain", "cancer"],
    ),
    (
        "'Diffuse marrow replacement of L2 ..., highly suspicious for metastatic disease ... "
        "rather than an osteoporotic fracture' said as cancer shown in many bones, and the "
        "break as osteoporotic",
        "MRI LUMBAR SPINE\nFindings: There is a compression fracture of the L2 vertebral body "
        "with 35% loss of anterior height. There is diffuse replacement of the normal fatty "
        "marrow signal throughout the L2 vertebral body. Appearances at L2 are highly "
        "suspicious for a metastatic deposit rather than an osteoporotic fracture.\n"
        "Impression: Diffuse marrow replacement of L2, highly suspicious for metastatic "
        "disease.\n",
        "follow_up",
        ["The report strongly suspects the scan shows signs of cancer"],
        ["many bones", "osteoporosis", "The scan shows cancer"],
    ),
    (
        "an 'osteoprotic' compression fracture said without its kind (the sacral marrow signal "
        "'? post trauma, inflamatory' stays a change that needs more tests: docs/domain.md 4.1)",
        "L2 osteoprotic compression fracture with no retrobulge into spinal canal.\nhigh T2 "
        "signal intensity involving the sacral ala (? post trauma, inflamatory,..).\n",
        "follow_up",
        ["The report says the break at L2 is the kind seen with thin bones (osteoporosis)."],
        ["other details in medical words"],
    ),
    (
        "a suspected discitis whose marrow signal was a possible growth besides, its Modic "
        "alternative 'considered less likely' said as likely as the infection, and 'disc "
        "aspiration' as drawing off fluid",
        "MRI LUMBAR SPINE\nFindings: There is confluent low T1 and high STIR marrow signal in "
        "the inferior half of L3 and the superior half of L4. Appearances are suspicious for "
        "early L3-4 discitis-osteomyelitis.\nImpression: Findings suspicious for early L3-4 "
        "discitis-osteomyelitis. A Modic type 1 degenerative reaction is possible but is "
        "considered less likely given the clinical picture. Recommend correlation with ESR, "
        "CRP and blood cultures. If cultures are negative, image-guided disc aspiration could "
        "be considered.\n",
        "follow_up",
        [
            "(Modic changes), but thinks this is less likely.",
            "taking a small sample from the disc with a needle",
        ],
        ["change in the bone marrow that needs more tests", "drawing off"],
    ),
]


def test_the_place_of_a_severe_narrowing_comes_first_in_the_summary():
    """Round 50's GP: moderate L3-L4 canal narrowing was said before severe L4-L5 narrowing and
    the cyst pressing there; the severe place comes first, with what acts on a nerve there."""
    out = patient_texts(
        engine.read(
            "MRI LUMBAR SPINE\nFindings:\nL3-4: Disc bulge and facet arthropathy result in "
            "moderate spinal canal stenosis.\nL4-5: Severe spinal canal stenosis. A 7 mm synovial "
            "cyst arises from the right facet joint and compresses the traversing right L5 "
            "nerve root.\n",
            age=69,
        )
    )
    found = next(s for s in out["summary"]["sections"] if s["key"] == "found")["paragraphs"]
    severe = next(i for i, p in enumerate(found) if "severe narrowing of the spinal canal" in p)
    moderate = next(i for i, p in enumerate(found) if "moderate narrowing of the spinal canal" in p)
    cyst = next(i for i, p in enumerate(found) if "fluid sac next to a joint" in p)
    assert severe < cyst < moderate


@pytest.mark.parametrize(
    ("fault", "report", "key", "present", "absent"),
    ROWS_21
    + ROWS_22
    + ROWS_23
    + ROWS_24
    + ROWS_25
    + ROWS_26
    + ROWS_27
    + ROWS_28
    + ROWS_29
    + ROWS_30
    + ROWS_31
    + ROWS_32
    + ROWS_33
    + ROWS_34
    + ROWS_35
    + ROWS_36
    + ROWS_37
    + ROWS_38
    + ROWS_39
    + ROWS_40
    + ROWS_41
    + ROWS_42
    + ROWS_43
    + ROWS_44
    + ROWS_45
    + ROWS_46
    + ROWS_47
    + ROWS_48
    + ROWS_49
    + ROWS_50
    + ROWS_51
    + ROWS_52
    + ROWS_53,
)
def test_row(fault, report, key, present, absent):
    check_row(fault, report, key, present, absent)


def test_the_conclusions_caveat_comes_with_its_own_figure():
    """Round 44's GP: at 44, "discs pushing out are seen more often in people who have back
    pain" beside only the dry discs' figure leaned the patient towards the disc as the cause."""
    out = patient_texts(
        engine.read(
            "MRI LUMBAR SPINE\nFindings: Disc desiccation at L4-5 and L5-S1. Small left "
            "subarticular protrusion at L5-S1.\n",
            age=44,
        )
    )
    assert (
        "About 3 in 10 people aged 44 without back pain have disc protrusions. At your age, "
        "discs pushing out are seen more often in people who have back pain."
    ) in out["conclusion"]


def test_a_recurrent_disc_the_impression_opens_on_comes_first_and_takes_no_caveat():
    """Round 46's GP: after surgery, the returned disc first (the impression's first item), and
    no "discs pushing out are seen more often in people who have back pain" beside a disc the
    figures do not count (one pushed out again at the operated level)."""
    out = patient_texts(engine.read(RECURRENT, age=44))
    found = "\n".join(
        p for s in out["summary"]["sections"] if s["key"] == "found" for p in s["paragraphs"]
    )
    assert found.index("disc protrusion") < found.index("changes from past surgery")
    assert "discs pushing out are seen more often" not in out["summary"]["text"]
    assert "discs pushing out are seen more often" not in out["conclusion"]


def test_the_conclusion_opens_on_the_place_with_a_severe_finding():
    """Round 46's GP: "mild narrowing at L3-L4" opened a conclusion whose main finding was
    severe narrowing at L4-L5; the severe place comes first, its severe finding first."""
    out = patient_texts(
        engine.read(
            "MRI LUMBAR SPINE\nFindings: L3-L4: Mild spinal canal stenosis. L4-L5: Grade 1 "
            "anterolisthesis. Severe spinal canal stenosis.\n",
            age=72,
        )
    )
    conclusion = out["conclusion"]
    severe = conclusion.index("severe narrowing of the spinal canal")
    assert severe < conclusion.index("mild narrowing of the spinal canal")
    assert severe < conclusion.index("slip")


def test_the_conclusions_figure_is_not_beside_discs_pressing_on_nerves():
    """Round 47's GP: "About 6 in 10 people ... have disc bulges" right after "They put mild
    pressure on the nerves" reads as reassurance about the pressure; the summary keeps it."""
    out = patient_texts(
        engine.read(
            "MRI LUMBAR SPINE\nFindings: Diffuse disc bulges at L3/4 and L4/5 mildly compressing "
            "the exit nerve roots.\n",
            age=55,
        )
    )
    assert "have disc bulges" not in out["conclusion"]
    assert (
        "About 6 in 10 people aged 55 without back pain have disc bulges." in out["summary"]["text"]
    )


def test_the_severe_narrowing_of_a_place_comes_first_in_the_summary():
    """Round 47's GP: "severe left and moderate right neural foraminal narrowing" said right
    first."""
    out = patient_texts(
        engine.read(
            "MRI LUMBAR SPINE\nFindings: L5-S1: Moderate right and severe left neural foraminal "
            "narrowing, with the left foraminal stenosis compressing the exiting left L5 nerve "
            "root.\n",
            age=27,
        )
    )
    found = "\n".join(
        p for s in out["summary"]["sections"] if s["key"] == "found" for p in s["paragraphs"]
    )
    assert found.index("severe narrowing") < found.index("moderate narrowing")


def test_a_pasted_paragraph_opening_on_a_fall_keeps_its_hedged_fracture():
    """Round 47 (session 23): "LUMBAR SPINE XR - 83M - fall. Vertebral body heights are
    preserved ... a subtle undisplaced fracture cannot be excluded" on one line before an
    inline IMPRESSION was read as clinical history whole: the hedged fracture was lost and the
    X-ray called normal."""
    reading = engine.read(
        "LUMBAR SPINE XR - 83M - fall. Vertebral body heights are preserved and no fracture is "
        "seen. A subtle undisplaced fracture cannot be excluded on plain film. IMPRESSION: No "
        "radiographic fracture.\n",
        age=83,
    )
    assert "fracture" in reading.urgent
    assert not reading.normal_study
    assert any(f.concept == "fracture" and f.assertion == "uncertain" for f in reading.findings)


def test_a_metastatic_cause_that_cannot_be_excluded_is_never_said_as_cancer():
    """Round 49's patient (session 23): "an underlying metastatic cause for the L1 fracture
    cannot be excluded" was said as "The scan shows cancer that has spread to the bones": the
    hedge looking back stopped at "cause for"."""
    out = patient_texts(
        engine.read(
            "MRI LUMBAR SPINE\nClinical: Previous breast cancer.\nImpression: Acute L1 "
            "compression fracture. However, an underlying metastatic cause for the L1 fracture "
            "cannot be excluded in view of the clinical history.\n",
            age=74,
        )
    )
    assert "The scan cannot rule out signs of cancer at L1." in out["summary"]["text"]
    assert "The scan shows cancer" not in out["summary"]["text"] + out["conclusion"]


def test_a_finding_said_relevant_to_the_symptoms_is_a_causal_claim_for_the_gp():
    """Round 49's GP: "this may be relevant to the right-sided symptoms" was dropped from the
    patient text without being shown to the GP."""
    reading = engine.read(
        "MRI LUMBAR SPINE\nImpression: A small right foraminal disc protrusion moderately "
        "narrows the right neural foramen; this may be relevant to the right-sided symptoms.\n"
    )
    assert any(f.kind == "causal_claim" for f in reading.flags)
    assert "relevant" not in patient_texts(reading)["summary"]["text"]
