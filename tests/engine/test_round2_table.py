"""Made-up reports and the patient sentences they must give, for what the second round of cold
readers found: each row a report, sentences that must be there and words that must not."""

import pytest

from lbpreports import engine
from lbpreports.engine import knowledge
from lbpreports.engine.report import patient_texts
from tests.engine.test_round1_table import _section

FIXED = knowledge.load().lay["fixed"]

ROWS = [
    # (fault, report, section, sentences that must be there, words that must not)
    (
        "the organ of a mass outside the spine is not named",
        "Findings: Mild L4-5 disc bulge. Incidental 3 cm left renal mass.",
        "follow_up",
        ["The scan shows a lump in the left kidney. It measures 3 cm. It needs more tests."],
        ["outside the spine", "on the left"],
    ),
    (
        "aortic calcification said as 'a moderate finding outside the spine'",
        "Findings: Mild L4-5 disc bulge. Moderate aortic calcification.",
        "found",
        ["- a moderate amount of calcium in the walls of the main artery in the belly"],
        ["finding outside the spine", "moderate finding", "belly (L4-L5)"],
    ),
    (
        "calcification of the aorta and iliac arteries left unexplained",
        "Findings: Mild L4-5 disc bulge. Extensive aortoiliac calcification.",
        "found",
        ["- a large amount of calcium in the walls of the main artery in the belly"],
        ["other details in medical words"],
    ),
    (
        "findings in several organs merged into one",
        "Findings: Mild L4-5 disc bulge. Simple right renal cyst. Small uterine fibroid. "
        "Aortic calcification.",
        "found",
        [
            "- a fluid sac in the right kidney",
            "- a small fibroid in the womb (uterus)",
            "- calcium in the walls of the main artery in the belly",
        ],
        ["outside the spine"],
    ),
    (
        "a kidney in an unusual place said as 'a finding outside the spine'",
        "Findings: Mild L4-5 disc bulge. Left pelvic kidney noted.",
        "found",
        ["- a kidney that sits low in the pelvis on the left"],
        ["outside the spine"],
    ),
    (
        "one kidney cyst said twice, once without its side",
        "Findings: Incidental 2 cm simple cyst in the lower pole of the left kidney. Mild L4-5 "
        "disc bulge.\nImpression: Incidental left renal cyst.",
        "found",
        ["- a fluid sac in the left kidney. It measures 2 cm."],
        ["in the kidney"],
    ),
    (
        "a disc abutting the sac said as pressure: touching is not pressing",
        "Findings: At L5-S1 a small left paracentral disc protrusion abuts the thecal sac.",
        "found",
        ["It is touching the sac of fluid around the nerves at L5-S1."],
        ["pressure", "pressing", "presses"],
    ),
    (
        "a sac pressed by a disc said apart from the disc",
        "Findings: L4-5: diffuse disc bulge compressing the thecal sac.",
        "found",
        [
            "The scan shows a disc bulge between the 4th and 5th bones of your lower back "
            "(L4-L5). It is pressing on the sac of fluid around the nerves at L4-L5."
        ],
        ["The scan shows pressure on the sac"],
    ),
    (
        "'It is with mild pressure on the sac': a clause made a sentence without a verb",
        "Findings: Small central disc protrusion at L5-S1, mildly compressing the thecal sac.",
        "found",
        ["It puts mild pressure on the sac of fluid around the nerves at L5-S1."],
        ["It is with"],
    ),
    (
        "'disc bulges at 2 levels, which has not changed': a singular verb for several",
        "Findings: Mild disc bulges at L3-4 and L4-5, unchanged from the previous study.",
        "found",
        ["(L3-L4, L4-L5), which have not changed since your last scan."],
        ["which has not"],
    ),
    (
        "'unlikely' lost beside 'cannot be excluded'",
        "Findings: 7 mm focus in the L1 vertebral body. Metastasis is unlikely but cannot be "
        "excluded.",
        "follow_up",
        [
            "The scan cannot rule out signs of cancer in the 1st bone of your lower back (L1). But "
            "the report thinks this is unlikely."
        ],
        [],
    ),
    (
        "the conclusion drops the levels of common findings",
        "Findings: Mild disc bulge at L4-L5. Facet arthropathy at L3-L4 and L4-L5.",
        "conclusion",
        [
            "such as a mild disc bulge at L4-L5.",
            "It also shows worn joints at the back of the spine at L3-L4 and L4-L5.",
        ],
        ["a disc bulge and worn joints"],
    ),
    (
        "the conclusion's prevalence figure is for a finding it names",
        "Findings: L3-4 and L4-5 disc desiccation. Mild disc bulge at L4-L5. Facet arthropathy "
        "at L4-L5.",
        "conclusion",
        [
            "dry discs at L3-L4 and L4-L5.",
            "About 8 in 10 people aged 55 without back pain have dry discs.",
        ],
        [],
    ),
    (
        "places said twice: codes, then 'This is at 2 levels'",
        "Findings: Sclerotic metastases in T12, L2 and L3. At T12-L1 an epidural tumour from "
        "the T12 metastasis compresses the thecal sac.",
        "follow_up",
        [
            "The scan shows cancer that has spread to the bones (metastases) at 3 levels of "
            "your spine (T12, L2, L3). It reaches into the spinal canal and presses on the sac "
            "of fluid around the nerves"
        ],
        ["This is at", "at T12, L2, L3"],
    ),
    (
        "a severity word beside a noun it does not fit ('a very mild little gas')",
        "Findings: Minimal vacuum phenomenon at L4-L5. Mild disc bulge at L4-L5.",
        "found",
        ["- a very small amount of gas in the disc between the 4th and 5th bones"],
        ["very mild", "little gas"],
    ),
    (
        "'It measures 8 mm' said of how far a disc reaches",
        "Findings: Large left L4-5 disc extrusion. The extruded material extends 8 mm cranially.",
        "found",
        ["It reaches 8 mm upward."],
        ["It measures 8 mm"],
    ),
    (
        "'It measures 8 mm' said of how thick a collection is",
        "Findings: Rim-enhancing ventral epidural collection extending from L2/3 to L3/4, 8 mm "
        "in maximal thickness, consistent with an epidural abscess.",
        "follow_up",
        ["It is 8 mm thick."],
        ["It measures 8 mm", "It reaches"],
    ),
    (
        "a side said of one level spread over findings at several levels",
        "Findings: Sclerotic metastases in T12 and L2. At L2 the metastasis involves the left "
        "pedicle.",
        "follow_up",
        [
            "The scan shows cancer that has spread to the bones (metastases) at 2 levels of "
            "your spine (T12, L2)."
        ],
        ["on the left"],
    ),
    (
        "a finding without a level loses where the report says it is",
        "Findings: Oedema-like signal in the right sacral ala. A sacral insufficiency fracture "
        "is not excluded.",
        "follow_up",
        ["The scan cannot rule out a broken bone (fracture) in your sacrum."],
        [],
    ),
    (
        "'a mild old broken bone': the severity word before the wrong word",
        "Findings: Chronic mild wedge compression deformity of the L1 vertebral body, unchanged.",
        "follow_up",
        ["The scan shows an old mild break in a bone (fracture) at L1."],
        ["mild old"],
    ),
    (
        "the size of a lucency around a screw said as the size of the surgery",
        "Findings: Bilateral L4 and L5 pedicle screws. There is a 2 mm lucency around the right "
        "L5 screw.",
        "found",
        ["The scan shows changes from past surgery"],
        ["It measures 2 mm"],
    ),
    (
        "a normal study's conclusion drops the test the report suggests",
        "XR lumbar spine. Findings: Normal alignment. No fracture. Conclusion: Normal "
        "radiographs. MRI can be considered if symptoms persist.",
        "conclusion",
        [
            "Your scan of the lower back looks normal.",
            "The report says an MRI scan may help if your symptoms do not settle. Your GP will "
            "decide what you need.",
        ],
        [],
    ),
    (
        "a benign cue without a level said again beside the haemangioma it names",
        "Findings: A 12 mm lytic-appearing lesion contains coarse vertical trabeculae. "
        "Appearances are typical of a haemangioma; metastasis is unlikely.\nConclusion: Benign L4 "
        "haemangioma.",
        "found",
        ["haemangioma"],
        ["most likely benign"],
    ),
    (
        "a straightened neck called a change in the curve of the lower back",
        "MRI whole spine. Findings: Straightening of the cervical lordosis. Mild L4-5 disc bulge.",
        "found",
        ["- a change in the usual curve of the spine"],
        ["curve of the lower back"],
    ),
    (
        "'mild inflamed joints': a severity word that does not fit its noun",
        "Findings: Small focus of subchondral oedema at the right sacroiliac joint, suspicious "
        "for mild sacroiliitis. Mild L4-5 disc bulge.",
        "follow_up",
        ["mildly inflamed joints at the base of the spine (sacroiliitis)"],
        ["mild inflamed", "in your sacrum"],
    ),
    (
        "'a small infection with a pocket of pus': the size word on the wrong noun",
        "Findings: Small left psoas abscess measuring 2 cm. Mild L4-5 disc bulge.",
        "follow_up",
        [
            "an infection with a small pocket of pus (abscess) on the left. It is in the muscle "
            "beside the spine (psoas). It measures 2 cm."
        ],
        ["small infection"],
    ),
    (
        "'small bleeding': the size word on a noun it does not fit",
        "Findings: Small epidural haematoma at L2-L3, 3 mm in thickness.",
        "follow_up",
        ["The scan shows a small bleed in the canal of the spine (haematoma) at L2-L3.", "3 mm"],
        ["small bleeding"],
    ),
    (
        "a change named only in the clinical history said as a past finding",
        "History: increased kyphosis noted by physiotherapist.\nFindings: Mild L4-5 disc bulge.",
        "found",
        ["disc bulge"],
        ["in the past", "curve"],
    ),
    (
        "a benign spot loses the size and the change the report gives",
        "Findings: There is a 9 mm sclerotic focus in the L3 vertebral body, unchanged from "
        "2023. It has the appearance of a bone island; a sclerotic metastasis is not favoured.",
        "found",
        ["is a bone island. It measures 9 mm. It has not changed since your last scan."],
        # "not cancer" only where the report names a cancer the patient had (round 21)
        ["not cancer"],
    ),
    (
        "a spine note with no level and no 'lumbar' called a part of the body not explained",
        "No evidence of disc herniation.\nNo significant thecal sac or nerve root compression "
        "noted.",
        "found",
        ["Your scan of the spine looks normal."],
        ["part of the body"],
    ),
    (
        "a report's title read as something the summary cannot put in plain words",
        "MRI THORACOLUMBAR SPINE\n\nFindings: Mild L4-5 disc bulge.",
        "found",
        ["The scan shows a mild disc bulge"],
        ["other details in medical words"],
    ),
    (
        "a danger of unstated nature said as 'something presses on the sac'",
        "Findings: At L2-3 there is a 3 x 2 cm extradural soft tissue lesion compressing the "
        "thecal sac from the left.",
        "follow_up",
        [
            FIXED["unexplained_danger"]["text"],
            "The scan shows that a lump presses on the sac of fluid around the nerves on the "
            "left at L2-L3.",
        ],
        ["something presses"],
    ),
]


@pytest.mark.parametrize(("fault", "report", "key", "present", "absent"), ROWS)
def test_row(fault, report, key, present, absent):
    out = patient_texts(engine.read(report, age=55))
    text = _section(out, key)
    for sentence in present:
        assert sentence in text, (fault, text)
    for words in absent:
        assert words not in text, (fault, words, text)
    assert out["problems"] == [], fault


@pytest.mark.parametrize(
    "report",
    [
        "Findings: L4-L5 left paracentral disc extrusion compressing the left L5 nerve root. "
        "Moderate right foraminal stenosis at L5-S1. Mild facet arthropathy at L3-L4.",
        "Findings: Acute L1 compression fracture. Severe right L4-5 foraminal stenosis. Mild "
        "L5-S1 disc bulge.",
    ],
)
def test_the_conclusion_names_every_urgent_and_discuss_finding_with_level_and_side(report):
    from lbpreports.engine.merge import merge

    reading = engine.read(report, age=55)
    conclusion = patient_texts(reading)["conclusion"]
    for r in merge(reading.findings):
        if r.stated and r.tier in ("urgent", "discuss"):
            for level in r.levels:
                assert level in conclusion, (r.concept, conclusion)
            if r.side:
                assert f"on the {r.side}" in conclusion, (r.concept, conclusion)
