"""Made-up reports for what the scouting reads before the eighth round found (issue 12): a disc
said with what it presses, touches or narrows, in its own statement and in both texts (never the
pressure first and the disc after it, never "a disc bulge" again in the conclusion); several of a
finding said as several ("disc bulges", "the nerves on both sides", "the openings where the
nerves leave the spine"); a touch the next sentence rules out as compression kept a touch; an
examination title, a call to a doctor, a comparison line, a numbering convention and a status
line folded away, never "cannot put in plain words"; the report's capital letters not carried
into the middle of a sentence."""

import pytest

from lbpreports import engine
from lbpreports.engine.report import patient_texts
from tests.engine.test_round1_table import check_row

ANSWERED = (
    "Clinical details: 63F. Treated left breast carcinoma 2019, in remission. Bone scan showed "
    "mild uptake at L2.\nFindings: There is a 16 mm rounded lesion in the right side of the L2 "
    "vertebral body. Its features are typical of an intraosseous haemangioma. A metastasis is "
    "not favoured. L4-5 and L5-S1: mild disc desiccation.\nImpression: 1. 16 mm L2 benign "
    "haemangioma. Metastasis is not favoured and no further imaging is required.\n2. Incidental "
    "left S2 Tarlov cyst, stable.\n3. Mild lower lumbar disc degeneration."
)

ROWS = [
    (
        "a misspelt abutting ('abitting') said as pressure",
        "LSS MRI :\nfeature of muscle spasm.\nDiffuse disc bulge noted at L4/L5 level, abitting "
        "thecal sac.",
        "found",
        ["It is touching the sac of fluid around the nerves"],
        ["pressing on the sac", "Many of these changes", "Many of the changes below"],
    ),
    (
        "a cancer of the history said by its side only ('cancer on the left in the past')",
        ANSWERED,
        "found",
        ["The report mentions cancer of the left breast in the past."],
        ["cancer on the left"],
    ),
    (
        "the lesion the scan was for, read as benign, listed among minor things without 'no more"
        " scans'",
        ANSWERED,
        "found",
        [
            "The scan shows a clump of blood vessels in a bone (haemangioma) on the right at "
            "L2. This is in the 2nd bone of your lower back. It measures 16 mm. The report says "
            "it looks like a typical one. The report thinks this is most likely not cancer. "
            "The report says no more scans are needed for it.",
        ],
        ["- a clump of blood vessels"],
    ),
    (
        "a numbered item's 'Mild' taking the level of the item before it",
        ANSWERED,
        "found",
        ["The scan shows a disc with mild wear and tear."],
        ["(S2)."],
    ),
    (
        "a diffuse marrow change said as 'an area in the bone' in many bones, its hedge lost",
        "LSS MRI :\nMild diffuse disc bulge noted at L4/L5 level.\n.diffusely reduced signal of "
        "bone marrow noted, mostly non-specific - however, correlate with bone isotope scan .",
        "follow_up",
        [
            "The scan cannot rule out a change in the bone marrow that needs more tests.",
            "The report says this does not point to one cause (non-specific).",
        ],
        ["an area in the bone"],
    ),
    (
        "the conclusion leaves out the minor things and the red flags ruled out",
        "Findings: Mild L4-5 disc bulge. Features of muscle spasm. No fracture.",
        "conclusion",
        [
            "The report also notes signs of tight back muscles (muscle spasm).",
            "The scan did not show a broken bone.",
        ],
        [],
    ),
    (
        "a touch ruled out as compression in the next sentence said as pressure",
        "Findings: Mild disc bulges noted at L4-L5 and L5-S1 levels, abutting the thecal sac.\n"
        "No significant thecal sac or nerve root compression noted.",
        "found",
        ["They are touching the sac of fluid around the nerves"],
        ["pressure on the sac", "pressing on the sac"],
    ),
    (
        "the pressure said first and its disc after it, one nerve for the report's two",
        "LSS MRI:\nDiffuse disc bulge noted at L4/L5 level, mildly compressing the thecal sac "
        "and both exit nerve roots.",
        "found",
        [
            "The scan shows a disc bulge between the 4th and 5th bones of your lower back "
            "(L4-L5). It puts mild pressure on the nerves on both sides and on the sac of fluid "
            "around the nerves at L4-L5.",
        ],
        ["a nerve on both sides", "The scan shows mild pressure"],
    ),
    (
        "the same disc in the conclusion: the pressure, then 'also shows a disc bulge'",
        "LSS MRI:\nDiffuse disc bulge noted at L4/L5 level, mildly compressing the thecal sac "
        "and both exit nerve roots.",
        "conclusion",
        ["It puts mild pressure on the nerves on both sides and on the sac of fluid"],
        ["also shows a disc bulge"],
    ),
    (
        "bulges at several levels said as one, the openings they narrow as one",
        "Multilevel diffuse disc bulges noted compressing the thecal sac and exit canals.",
        "found",
        [
            "The scan shows disc bulges at several levels. They are pressing on the sac of fluid "
            "around the nerves. They are also narrowing the openings where the nerves leave the "
            "spine.",
        ],
        ["a disc bulge", "narrowing where a nerve leaves"],
    ),
    (
        "a narrowing the disc makes said apart from the disc, before it",
        "LSS MRI:\nLt paracentral, wide base, disc bulge noted at L5/S1 level, compressing the "
        "thecal sac and exit neural canal.",
        "found",
        [
            "The scan shows a disc bulge on the left between the 5th bone of your lower back "
            "and your sacrum (L5-S1). It is pressing on the sac of fluid around the nerves at "
            "L5-S1. It is also narrowing the opening where a nerve leaves the spine at L5-S1.",
        ],
        ["The scan shows narrowing"],
    ),
    (
        "an examination title with its views, a call and a comparison as unexplained lines",
        "XR LUMBAR SPINE (AP, LATERAL AND L5/S1 COLLIMATED VIEWS)\nComparison 05/17/2021.\n"
        "Findings: Mild L4-5 disc height loss.\n"
        "Findings were called to the emergency physician at 03:10.",
        "found",
        ["The scan shows a disc with mild loss of height"],
        ["other details in medical words", "needs more tests"],
    ),
    (
        "a status line and a numbering convention as unexplained lines",
        "*** PRELIMINARY RESIDENT INTERPRETATION - NOT FINAL ***\nMRI Lumbar Spine (urgent, out "
        "of hours)\nFor the purposes of this report the lowest disc is labelled L5/S1.\n"
        "Findings: Mild L4-5 disc bulge.",
        "found",
        ["disc bulge"],
        ["other details in medical words", "needs more tests"],
    ),
    (
        "the report's capital carried into the sentence ('pressing on The L5 nerve')",
        "Findings: Large left paracentral L4/5 extrusion. The L5 nerve root is compressed by "
        "the extrusion.",
        "found",
        ["L5 nerve"],
        ["The L5 nerve", "on The"],
    ),
]


@pytest.mark.parametrize(("fault", "report", "key", "present", "absent"), ROWS)
def test_row(fault, report, key, present, absent):
    check_row(fault, report, key, present, absent)


def test_a_review_suggested_is_advice_for_the_gp_not_an_unexplained_line():
    reading = engine.read(
        "Findings: Mild L4-5 disc bulge. Bilateral L5 pars defects.\n"
        "Sports physician review is suggested."
    )
    assert not reading.unexplained
    kinds = {f.kind for f in reading.flags}
    assert "treatment_advice" in kinds
    text = patient_texts(
        engine.read(
            "Findings: Mild L4-5 disc bulge.\nSports physician review is suggested.", age=55
        )
    )
    assert "physician" not in text["summary"]["text"]


def test_a_call_for_a_surgical_assessment_is_no_past_surgery():
    reading = engine.read(
        "Findings: L4/5: Large left paracentral disc extrusion compressing the cauda equina.\n"
        "Discussed with the on-call orthopaedic registrar at 23:10 for urgent surgical assessment."
    )
    assert "postoperative_change" not in {f.concept for f in reading.findings}


def test_a_ct_title_with_contrast_words_names_the_scan_not_the_mri_the_impression_suggests():
    reading = engine.read(
        "CT LUMBAR SPINE WITHOUT IV CONTRAST\nFindings: Mild L4-5 disc bulge.\n"
        "Impression: Probable L5-S1 herniation. MRI is more sensitive if clinically indicated."
    )
    assert reading.modality == "ct"


def test_what_a_one_paragraph_paste_says_of_the_patient_is_no_unexplained_line():
    reading = engine.read(
        "MRI L-spine w/o contrast. 45 year old male, right anterior thigh pain x 2 months. "
        "Comparison 05/17/2021. Disc desiccation at L4-5."
    )
    assert not reading.unexplained


def test_the_same_level_is_the_level_of_the_line_before():
    reading = engine.read(
        "MRI LSS\nDiffuse disc bulge noted at L5-S1 level\n"
        "Dehydrated disc material noted at the same level"
    )
    levels = {f.concept: f.levels for f in reading.findings}
    assert levels["disc_desiccation"] == ("L5-S1",)


ROUND8_MORE = [
    (
        "the conclusion's common findings lose their severity, side and change",
        "Comparison: MRI 2022.\nFindings:\nL2-3: Mild bilateral facet arthropathy.\nL3-4: "
        "Moderate facet arthropathy.\nL5-S1: Small disc bulge, unchanged.",
        "conclusion",
        [
            "mild wear of the joints at the back of the spine on both sides at L2-L3.",
            "It also shows moderate wear of the joints at the back of the spine at L3-L4.",
            "The bulge at L5-S1 has not changed since your last scan.",
        ],
        [],
    ),
    (
        "one stone said as stones",
        "Findings: Mild L4-5 disc bulge. Incidental 4 mm left renal calculus.",
        "found",
        ["a stone in the left kidney"],
        ["stones"],
    ),
    (
        "redundant nerve roots of a stenosis dropped",
        "Findings: L3/4: Moderate to severe central canal stenosis, with redundant cauda equina "
        "roots.",
        "found",
        ["The nerves in the canal at L3-L4 are crowded and bunched up."],
        [],
    ),
    (
        "a rudimentary disc of transitional anatomy said as a line the summary cannot explain",
        "Findings: Partial sacralisation of L5 on the left.\nL5/S1: Rudimentary disc.",
        "found",
        ["a common difference, there from birth, in how the lowest bones of the spine are formed"],
        ["other details in medical words"],
    ),
]


@pytest.mark.parametrize(("fault", "report", "key", "present", "absent"), ROUND8_MORE)
def test_more_rows(fault, report, key, present, absent):
    check_row(fault, report, key, present, absent)
