"""What a report says about each finding: side, size, change, cause and effect.

Every report here is made up for these tests. Each row names a finding and the fields it must
carry; look-alike rows (a size of another structure, a side of the neighbouring finding, "no
change" beside "changed", a previous operation beside a previously seen finding) hold the
reading to what the words say.
"""

import pytest

from lbpreports import engine
from lbpreports.engine import knowledge
from lbpreports.engine.attributes import find_sizes


def fields(finding) -> dict:
    return {
        "concept": finding.concept,
        "assertion": finding.assertion,
        "side": finding.side,
        "size": [z.text for z in finding.size],
        "change": finding.change,
        "cause": finding.cause,
        "effect": finding.effect,
        "tier": finding.tier,
        "emergency": finding.emergency,
    }


def check(text: str, expect: dict) -> None:
    reading = engine.read(text)
    candidates = [fields(f) for f in reading.findings if f.concept == expect["concept"]]
    assert candidates, f"{expect['concept']} not found in {text!r}"
    assert any(all(c[k] == v for k, v in expect.items()) for c in candidates), (
        f"{text!r}: wanted {expect}, found {candidates}"
    )


EXAMPLES = [
    (example.text, item)
    for example in knowledge.load().attribute_examples
    for item in example.expect
]


@pytest.mark.parametrize(("text", "expect"), EXAMPLES)
def test_attribute_example(text, expect):
    check(text, expect)


# --- side: of each finding and of what it acts on, never leaking to a neighbour ---

SIDE = [
    (
        "Left lateral recess stenosis at L4/5 contacting the traversing left L5 root.",
        {"concept": "lateral_recess_stenosis", "side": "left"},
    ),
    (
        "Left lateral recess stenosis at L4/5 contacting the traversing left L5 root.",
        {"concept": "nerve_root_contact", "side": "left", "effect": "the traversing left L5 root"},
    ),
    ("Rt exit foramen narrowing at L5/S1.", {"concept": "foraminal_stenosis", "side": "right"}),
    ("Bilateral L5 pars defects.", {"concept": "spondylolysis", "side": "bilateral"}),
    (
        "L4/5 R paracentral extrusion compressing the R L5 root.",
        {"concept": "disc_extrusion", "side": "right"},
    ),
    ("Foraminal narrowing on the left at L3/4.", {"concept": "foraminal_stenosis", "side": "left"}),
    (
        "L4/5: broad disc bulge, more to the Rt side, narrowing the right exit foramen.",
        {"concept": "disc_bulge", "side": "right"},
    ),
    (
        "Lt paracentral ,broad based ,disc protrusion at L5/S1.",
        {"concept": "disc_protrusion", "side": "left"},
    ),
    (
        "Right paracentral protrusion & sequestration at L4/5.",
        {"concept": "disc_sequestration", "side": "right"},
    ),
    (
        "Disc bulge at L4/5 compressing the left sided thecal sac.",
        {"concept": "thecal_sac_indentation", "side": "left"},
    ),
    # look-alikes: the side belongs to the neighbouring finding, or is no side
    (
        "Left paracentral protrusion at L5/S1 indenting the thecal sac.",
        {"concept": "thecal_sac_indentation", "side": None},
    ),
    (
        "Modic type 2 change at L4/5 on both sides of the disc.",
        {"concept": "modic_change", "side": None},
    ),
    (
        "Disc bulge at L3/4 compressing the sac and both nerve roots, with facet hypertrophy.",
        {"concept": "facet_arthropathy", "side": None},
    ),
    (
        "Diffuse disc bulge with right foraminal narrowing at L4/5.",
        {"concept": "disc_bulge", "side": None},
    ),
    (
        "Diffuse disc bulge with right foraminal narrowing at L4/5.",
        {"concept": "foraminal_stenosis", "side": "right"},
    ),
    (
        "Left foraminal narrowing and a central disc protrusion at L5/S1.",
        {"concept": "disc_protrusion", "side": None},
    ),
    (
        "Right facet arthropathy at L4/5. Disc bulge at L4/5.",
        {"concept": "disc_bulge", "side": None},
    ),
    # a part of a disc joined by "with" has no side written on it; a place after it may give one
    (
        "L3/4: left foraminal HNP with an extruded component.",
        {"concept": "disc_extrusion", "side": None},
    ),
    (
        "L3/4: left foraminal HNP with an extruded component.",
        {"concept": "disc_herniation", "side": "left"},
    ),
    (
        "L4/5: central extrusion, free fragment migrated cranially into the right lateral recess.",
        {"concept": "disc_sequestration", "side": "right"},
    ),
    (
        "Left paracentral protrusion & sequestration at L2/3.",
        {"concept": "disc_sequestration", "side": "left"},
    ),
    # a side after "X with an annular tear" is X's ("more to the right" is the bulge's shape)
    (
        "L2-L3\nDiffuse disc bulge with annular tear more to the left side indenting the sac",
        {"concept": "disc_bulge", "side": "left"},
    ),
    (
        "L2-L3\nDiffuse disc bulge with annular tear more to the left side indenting the sac",
        {"concept": "annular_fissure", "side": None},
    ),
    ("Annular tear at L4/5, more to the left.", {"concept": "annular_fissure", "side": "left"}),
    (
        "Lt paracentral disc prortusion at L4/5, compressing the thecal sac.",
        {"concept": "thecal_sac_indentation", "cause": "disc_protrusion"},
    ),
]


@pytest.mark.parametrize(("text", "expect"), SIDE)
def test_side(text, expect):
    check(text, expect)


# --- size: with its unit and approximation, on the finding it measures ---

SIZE = [
    ("A 14 mm Tarlov cyst arises at S2.", {"concept": "perineural_cyst", "size": ["14 mm"]}),
    (
        "Central protrusion at L4/5 measuring 7mm in AP dimension.",
        {"concept": "disc_protrusion", "size": ["7mm"]},
    ),
    ("Left renal mass of 4.1 cm.", {"concept": "extraspinal_mass", "size": ["4.1 cm"]}),
    (
        "L1 compression fracture with about 30% loss of height.",
        {"concept": "fracture", "size": ["about 30%"]},
    ),
    (
        "Synovial cyst up to 8 mm at right L4/5.",
        {"concept": "synovial_cyst", "size": ["up to 8 mm"]},
    ),
    ("Aortic aneurysm measuring 5.2 cm.", {"concept": "aortic_aneurysm", "size": ["5.2 cm"]}),
    (
        "Ectatic abdominal aorta measuring 2.9 cm.",
        {"concept": "incidental_finding", "size": ["2.9 cm"]},
    ),
    (
        "About 2.5*1.5 cm, Tarlov cyst noted at S2.",
        {"concept": "perineural_cyst", "size": ["About 2.5*1.5 cm"]},
    ),
    (
        "A thin ventral epidural collection at L3, 4 mm thick, consistent with an abscess.",
        {"concept": "infection", "size": ["4 mm"]},
    ),
    (
        "Ectatic infrarenal aorta (2.7 cm), not aneurysmal.",
        {"concept": "aortic_aneurysm", "assertion": "negated", "size": ["2.7 cm"]},
    ),
    (
        "The L3/4 extrusion measures 9 mm AP and extends 7 mm cranially.",
        {"concept": "disc_extrusion", "size": ["9 mm", "7 mm"]},
    ),
    (
        "An epidural tumour at L1 compressing the thecal sac by about 40%.",
        {"concept": "thecal_sac_indentation", "size": ["about 40%"]},
    ),
    # look-alikes: a size of another structure, a scan setting, a neighbour
    (
        "A retropulsed fragment of 4 mm narrows the canal by 20%.",
        {"concept": "canal_stenosis", "size": ["20%"]},
    ),
    (
        "A retropulsed fragment of 4 mm narrows the canal by 20%.",
        {"concept": "fracture", "size": ["4 mm"]},
    ),
    (
        "Mild disc bulge at L3/4 and a 9 mm Tarlov cyst at S2.",
        {"concept": "disc_bulge", "size": []},
    ),
    (
        "Mild disc bulge at L3/4 and a 9 mm Tarlov cyst at S2.",
        {"concept": "perineural_cyst", "size": ["9 mm"]},
    ),
    (
        "4 mm sagittal sections show a small L4/5 disc protrusion.",
        {"concept": "disc_protrusion", "size": []},
    ),
    (
        "A 2 cm lesion compresses the thecal sac at L2.",
        {"concept": "thecal_sac_indentation", "size": []},
    ),
    # a lesion's size goes to what the next sentence says it is
    (
        "A 7 mm lesion arises from the right L4/5 facet joint. Appearances are in keeping with "
        "a synovial cyst.",
        {"concept": "synovial_cyst", "size": ["7 mm"]},
    ),
    (
        "A 9 mm lytic-appearing lesion in L3. Appearances are typical of a haemangioma.",
        {"concept": "haemangioma", "size": ["9 mm"]},
    ),
    (
        "A 9 mm lesion in the L3 body. A small L4/5 disc protrusion is also seen.",
        {"concept": "disc_protrusion", "size": []},
    ),
]


@pytest.mark.parametrize(("text", "expect"), SIZE)
def test_size(text, expect):
    check(text, expect)


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("a 12 mm cyst", 12, "mm"),
        ("approximately 4 x 6 mm", 6, "mm"),
        ("3-4mm", 4, "mm"),
        ("3.8 cm", 3.8, "cm"),
        ("about 25%", 25, "%"),
        ("1.2 cm x 8 mm", 12, "mm"),
        ("25 percent", 25, "%"),
    ],
)
def test_a_size_value_is_its_largest_dimension_in_its_own_unit(text, value, unit):
    (size,) = find_sizes(text)
    assert (size.value, size.unit) == (value, unit)


@pytest.mark.parametrize("text", ["T2 weighted images", "L4/5 level", "3 mm slices", "1.5T magnet"])
def test_things_that_are_not_sizes(text):
    assert find_sizes(text) == []


# --- change since an earlier study, tied to its finding ---

CHANGE = [
    (
        "The L2 sclerotic focus is unchanged from the 2022 study.",
        {"concept": "malignancy", "change": "unchanged"},
    ),
    ("Stable mild L1 wedge fracture.", {"concept": "fracture", "change": "unchanged"}),
    (
        "The right L5/S1 protrusion has increased in size.",
        {"concept": "disc_protrusion", "change": "larger"},
    ),
    (
        "The L4/5 extrusion is smaller than on the previous study.",
        {"concept": "disc_extrusion", "change": "smaller"},
    ),
    (
        "Decrease in size of the L3/4 sequestered fragment.",
        {"concept": "disc_sequestration", "change": "smaller"},
    ),
    (
        "The previously described S1 marrow oedema is no longer seen.",
        {"concept": "malignancy", "change": "resolved"},
    ),
    (
        "There is a new L3 compression fracture.",
        {"concept": "fracture", "change": "new", "assertion": "present"},
    ),
    (
        "No appreciable change in the broad L4/5 disc bulge.",
        {"concept": "disc_bulge", "change": "unchanged", "assertion": "present"},
    ),
    (
        "The previously seen L5/S1 protrusion is smaller.",
        {"concept": "disc_protrusion", "change": "smaller", "assertion": "present"},
    ),
    (
        "The thecal sac is no longer compressed.",
        {"concept": "thecal_sac_indentation", "change": "resolved"},
    ),
    ("No residual epidural abscess.", {"concept": "infection", "change": "resolved"}),
    (
        "Enlarged L3/4 extrusion, now compressing the left L4 root.",
        {"concept": "nerve_root_compression", "change": "new"},
    ),
    (
        "L4/5: canal stenosis due to disc bulge and facet arthropathy, unchanged.",
        {"concept": "canal_stenosis", "change": "unchanged"},
    ),
    # look-alikes
    (
        "L4/5: canal stenosis due to disc bulge and facet arthropathy, unchanged.",
        {"concept": "facet_arthropathy", "change": None},
    ),
    (
        "Grade 1 anterolisthesis of L5 on S1 with no change on flexion and extension views.",
        {"concept": "spondylolisthesis", "change": None},
    ),
    (
        "Previous L4/5 laminectomy.",
        {"concept": "postoperative_change", "assertion": "historical", "change": None},
    ),
    (
        "Small bulge at L3/4 and a larger protrusion at L4/5.",
        {"concept": "disc_protrusion", "change": None},
    ),
    ("Increased lumbar lordosis.", {"concept": "lordosis_change", "change": None}),
    (
        "High intensity zone in the L4/5 disc, increased since 2020.",
        {"concept": "annular_fissure", "change": "larger"},
    ),
    (
        "The L3/4 bulge is unchanged. New right L4/5 protrusion.",
        {"concept": "disc_bulge", "change": "unchanged"},
    ),
    (
        "The L3/4 bulge is unchanged. New right L4/5 protrusion.",
        {"concept": "disc_protrusion", "change": "new"},
    ),
    (
        "Mild bulge at L2/3 and the L4/5 extrusion has enlarged.",
        {"concept": "disc_bulge", "change": None},
    ),
    # a change is its finding's own, not spread to what the finding does
    (
        "Unchanged small right L4/5 protrusion abutting the right L5 root.",
        {"concept": "disc_protrusion", "change": "unchanged"},
    ),
    (
        "Unchanged small right L4/5 protrusion abutting the right L5 root.",
        {"concept": "nerve_root_contact", "change": None},
    ),
    ("No new vertebral fracture.", {"concept": "fracture", "assertion": "negated", "change": None}),
]


@pytest.mark.parametrize(("text", "expect"), CHANGE)
def test_change(text, expect):
    check(text, expect)


def test_no_significant_change_is_not_a_severity():
    (bulge,) = [f for f in engine.read("No significant change in the L4/5 bulge.").findings]
    assert (bulge.change, bulge.severity) == ("unchanged", None)


# --- cause and effect ---

CAUSE = [
    (
        "An L5/S1 extrusion compressing the left S1 root.",
        {
            "concept": "nerve_root_compression",
            "cause": "disc_extrusion",
            "side": "left",
            "effect": "the left S1 root",
        },
    ),
    (
        "Right paracentral protrusion at L4/5 with compression of the right L5 nerve root.",
        {"concept": "nerve_root_compression", "cause": "disc_protrusion", "side": "right"},
    ),
    (
        "Large central extrusion at L4/5, which severely compresses the cauda equina.",
        {"concept": "cauda_equina_compression", "cause": "disc_extrusion", "tier": "urgent"},
    ),
    (
        "Facet synovial cyst at left L4/5 causing left lateral recess narrowing.",
        {"concept": "lateral_recess_stenosis", "cause": "synovial_cyst"},
    ),
    (
        "Compression of the thecal sac by an epidural haematoma at L2.",
        {"concept": "thecal_sac_indentation", "cause": "epidural_haematoma", "tier": "urgent"},
    ),
    (
        "Extradural tumour at T12 compressing the thecal sac.",
        {"concept": "malignancy", "emergency": True},
    ),
    (
        "There is a collection dorsal to L3 effacing the thecal sac.",
        {"concept": "thecal_sac_indentation", "cause": "unexplained"},
    ),
    (
        "L4-5: Moderate canal stenosis due to disc bulge, facet arthropathy and ligamentum flavum "
        "thickening.",
        {"concept": "canal_stenosis", "cause": "disc_bulge"},
    ),
    (
        "Diffuse disc bulge at L4/5, compressin the thecal sac.",
        {"concept": "thecal_sac_indentation", "cause": "disc_bulge"},
    ),
    (
        "Diffuse disc bulge at L5/S1 level.\nMildly compressing the thecal sac.",
        {"concept": "thecal_sac_indentation", "cause": "disc_bulge"},
    ),
    (
        "There is a posterior epidural haematoma at T12. At T12-L1 it compresses the conus.",
        {"concept": "cauda_equina_compression", "cause": "epidural_haematoma"},
    ),
    # look-alikes: two findings side by side, neither said to cause the other
    (
        "Facet arthropathy at L4/5.\nModerate canal stenosis at L4/5.",
        {"concept": "canal_stenosis", "cause": None},
    ),
    (
        "Diffuse disc bulge at L4/5 with narrow spinal canal.",
        {"concept": "canal_stenosis", "cause": None},
    ),
    (
        "No haematoma. No compression of the thecal sac.",
        {"concept": "thecal_sac_indentation", "assertion": "negated", "cause": None},
    ),
    (
        "Broad disc bulge at L3/4. Moderate canal stenosis at L4/5.",
        {"concept": "canal_stenosis", "cause": None},
    ),
    (
        "L4/5 protrusion; the thecal sac is indented at L5/S1 by a bulge.",
        {"concept": "thecal_sac_indentation", "cause": "disc_bulge"},
    ),
    (
        "Small bulge at L3/4 indenting the thecal sac.",
        {"concept": "thecal_sac_indentation", "tier": "minor", "cause": "disc_bulge"},
    ),
]


@pytest.mark.parametrize(("text", "expect"), CAUSE)
def test_cause_and_effect(text, expect):
    check(text, expect)


def test_a_pressed_finding_is_urgent_through_its_cause_only():
    reading = engine.read("Findings: A haematoma posterior to L1 flattens the dural sac.")
    assert reading.urgent == ("epidural_haematoma",)
    pressed = [f for f in reading.findings if f.concept == "thecal_sac_indentation"]
    assert pressed and pressed[0].tier == "urgent"
    assert pressed[0].cause == "epidural_haematoma"


def test_a_mass_of_unstated_nature_pressing_is_danger():
    reading = engine.read("Findings: A 3 cm soft tissue mass at L2 compresses the thecal sac.")
    assert [f.cause for f in reading.findings if f.concept == "thecal_sac_indentation"] == [
        "unexplained"
    ]
    assert any(u.danger for u in reading.unexplained)


def test_findings_acting_together_are_all_causes():
    text = "L3/4: disc bulge, facet hypertrophy and ligamentum flavum thickening compress the sac."
    (pressed,) = [f for f in engine.read(text).findings if f.concept == "thecal_sac_indentation"]
    assert set(pressed.causes) == {
        "disc_bulge",
        "facet_arthropathy",
        "ligamentum_flavum_hypertrophy",
    }
    assert pressed.cause == pressed.causes[0]


def test_an_urgent_cause_comes_first_among_several():
    text = "Findings: Disc bulge and an epidural haematoma at L2 compressing the thecal sac."
    reading = engine.read(text)
    (pressed,) = [f for f in reading.findings if f.concept == "thecal_sac_indentation"]
    assert pressed.cause == "epidural_haematoma"
    assert pressed.tier == "urgent"
    assert "epidural_haematoma" in reading.urgent and "thecal_sac_indentation" not in reading.urgent


def test_the_contract_carries_the_new_fields():
    out = engine.to_contract(engine.read("Unchanged 11 mm Tarlov cyst at S2."))
    (cyst,) = [f for f in out["findings"] if f["concept"] == "perineural_cyst"]
    assert cyst["size"] == [{"value": 11, "unit": "mm", "text": "11 mm"}]
    assert cyst["change"] == "unchanged"


# --- the phrasing radiologists use for side, size and cause (reports made up for these tests) ---

PHRASING = [
    # sides: bilateral, -sided, "on the right", and the zone words beside a side
    (
        "Bilateral foraminal narrowing at L5/S1.",
        {"concept": "foraminal_stenosis", "side": "bilateral"},
    ),
    (
        "There is left-sided foraminal stenosis at L4/5.",
        {"concept": "foraminal_stenosis", "side": "left"},
    ),
    (
        "At L4/5 there is a disc protrusion on the left, abutting the traversing L5 root.",
        {"concept": "disc_protrusion", "side": "left"},
    ),
    (
        "L5/S1: small right-sided paracentral protrusion displacing the right S1 nerve root.",
        {"concept": "nerve_root_compression", "side": "right", "cause": "disc_protrusion"},
    ),
    (
        "Left subarticular disc extrusion at L4/5 compressing the traversing left L5 nerve root.",
        {"concept": "disc_extrusion", "side": "left"},
    ),
    (
        "Right foraminal disc protrusion at L3/4 compressing the exiting right L3 nerve root.",
        {"concept": "disc_protrusion", "side": "right"},
    ),
    (
        "L4/5: disc protrusion indenting the left aspect of the thecal sac.",
        {"concept": "thecal_sac_indentation", "side": "left", "cause": "disc_protrusion"},
    ),
    (
        "L5/S1: right paracentral extrusion effacing the right side of the thecal sac.",
        {
            "concept": "thecal_sac_indentation",
            "side": "right",
            "effect": "the right side of the thecal sac",
        },
    ),
    # sizes: mm, cm, "x", "measuring", "up to", "approximately"
    ("Disc protrusion measuring 6 mm at L4/5.", {"concept": "disc_protrusion", "size": ["6 mm"]}),
    (
        "An extrusion measuring up to 9 mm in AP dimension at L4/5.",
        {"concept": "disc_extrusion", "size": ["up to 9 mm"]},
    ),
    (
        "Perineural cyst at S2 measuring approximately 14 x 10 mm.",
        {"concept": "perineural_cyst", "size": ["approximately 14 x 10 mm"]},
    ),
    ("A 1.5 cm Tarlov cyst at S2.", {"concept": "perineural_cyst", "size": ["1.5 cm"]}),
    (
        "There is a left L4/5 synovial cyst measuring 9 x 7 mm, which indents the thecal sac.",
        {"concept": "synovial_cyst", "size": ["9 x 7 mm"], "side": "left"},
    ),
    # cause and effect: the verbs, the passive, "secondary to", "due to", "resulting in",
    # "with resultant", "causing"
    (
        "L4/5 broad-based disc protrusion effacing the thecal sac.",
        {"concept": "thecal_sac_indentation", "cause": "disc_protrusion"},
    ),
    (
        "Left foraminal protrusion at L4/5 impinging on the exiting left L4 nerve root.",
        {"concept": "nerve_root_compression", "cause": "disc_protrusion", "side": "left"},
    ),
    (
        "The disc protrusion at L4/5 is in contact with the left L5 nerve root.",
        {"concept": "nerve_root_contact", "cause": "disc_protrusion", "side": "left"},
    ),
    (
        "The traversing left L5 nerve root is compressed by a paracentral extrusion at L4/5.",
        {"concept": "nerve_root_compression", "cause": "disc_extrusion", "side": "left"},
    ),
    (
        "Severe right foraminal stenosis at L5/S1 due to a foraminal disc protrusion.",
        {"concept": "foraminal_stenosis", "cause": "disc_protrusion", "side": "right"},
    ),
    (
        "Mild left foraminal narrowing at L5/S1 caused by osteophytes.",
        {"concept": "foraminal_stenosis", "cause": "osteophyte"},
    ),
    (
        "Facet arthropathy at L4/5 resulting in moderate right foraminal narrowing.",
        {"concept": "foraminal_stenosis", "cause": "facet_arthropathy", "side": "right"},
    ),
    (
        "Degenerative anterolisthesis at L4/5 with resultant moderate canal stenosis.",
        {"concept": "canal_stenosis", "cause": "spondylolisthesis"},
    ),
    (
        "Large L4/5 disc extrusion causing severe canal stenosis.",
        {"concept": "canal_stenosis", "cause": "disc_extrusion"},
    ),
    (
        "L4/5 disc protrusion causing mass effect on the traversing left L5 nerve root.",
        {"concept": "nerve_root_compression", "cause": "disc_protrusion", "side": "left"},
    ),
    (
        "L5/S1: small left paracentral protrusion which approaches the left S1 nerve root.",
        {"concept": "nerve_root_contact", "cause": "disc_protrusion", "side": "left"},
    ),
    (
        "L4/5: left paracentral protrusion, potentially impinging upon the left L5 nerve root.",
        {"concept": "nerve_root_compression", "assertion": "uncertain"},
    ),
    # touched, and not pressed
    (
        "L4/5: left paracentral protrusion abutting but not compressing the traversing left L5 "
        "nerve root.",
        {"concept": "nerve_root_contact", "assertion": "present", "cause": "disc_protrusion"},
    ),
    (
        "L4/5: left paracentral protrusion abutting but not compressing the traversing left L5 "
        "nerve root.",
        {"concept": "nerve_root_compression", "assertion": "negated", "cause": None},
    ),
    (
        "L4/5: left paracentral protrusion abutting, but not compressing, the traversing left L5 "
        "nerve root.",
        {"concept": "nerve_root_contact", "assertion": "present"},
    ),
    (
        "L4/5: left paracentral protrusion abutting but not compressing the thecal sac.",
        {"concept": "thecal_sac_indentation", "assertion": "present"},
    ),
    # a cause carried over a comma or "and" to a second effect
    (
        "L4/5 disc protrusion compressing the thecal sac, and contacting the left L5 nerve root.",
        {"concept": "nerve_root_contact", "cause": "disc_protrusion", "side": "left"},
    ),
    (
        "A disc extrusion at L5/S1 effaces the left lateral recess and compresses the traversing "
        "left S1 root.",
        {"concept": "nerve_root_compression", "cause": "disc_extrusion", "side": "left"},
    ),
    # a participle after a negated item says what the finding before the negation does
    (
        "L5/S1: large right paracentral extrusion without sequestration, extending caudally, "
        "compressing the descending right S1 nerve root and effacing the thecal sac.",
        {"concept": "nerve_root_compression", "assertion": "present", "cause": "disc_extrusion"},
    ),
    (
        "L5/S1: large right paracentral extrusion without sequestration, extending caudally, "
        "compressing the descending right S1 nerve root and effacing the thecal sac.",
        {"concept": "thecal_sac_indentation", "assertion": "present", "cause": "disc_extrusion"},
    ),
    # change words tied to the right finding, and the comparison study is no history
    (
        "The right L4/5 protrusion has increased in size since the prior study and now compresses "
        "the traversing right L5 nerve root.",
        {"concept": "nerve_root_compression", "assertion": "present", "change": "new"},
    ),
    (
        "The right L4/5 protrusion has increased in size since the prior study and now compresses "
        "the traversing right L5 nerve root.",
        {"concept": "disc_protrusion", "change": "larger"},
    ),
    (
        "The left L5/S1 extrusion is smaller and no longer compresses the S1 nerve root.",
        {"concept": "nerve_root_compression", "assertion": "negated", "change": "resolved"},
    ),
    (
        "The right L3/4 foraminal protrusion is no longer seen.",
        {"concept": "disc_protrusion", "assertion": "negated", "change": "resolved"},
    ),
    # look-alikes
    (
        "Previous MRI showed a right L4/5 protrusion.",
        {"concept": "disc_protrusion", "assertion": "historical"},
    ),
    (
        "Broad disc bulge and moderate canal stenosis at L3/4.",
        {"concept": "canal_stenosis", "cause": None},
    ),
]


@pytest.mark.parametrize(("text", "expect"), PHRASING)
def test_phrasing_of_side_size_and_cause(text, expect):
    check(text, expect)


@pytest.mark.parametrize(
    ("text", "causes"),
    [
        (
            "L5-S1: left paramedian disc protrusion on top of a disc bulge with endplate "
            "osteophytes causing compression of the thecal sac.",
            {"disc_protrusion", "disc_bulge", "osteophyte"},
        ),
        (
            "L4/5: broad disc bulge combined with facet arthropathy compressing the thecal sac.",
            {"disc_bulge", "facet_arthropathy"},
        ),
        (
            "L3/4: Disc bulge and facet hypertrophy, which compress the thecal sac.",
            {"disc_bulge", "facet_arthropathy"},
        ),
        # a relative clause with a singular verb is about the finding it follows
        (
            "L3/4: Facet joint effusions and a right synovial cyst, which indents the thecal sac.",
            {"synovial_cyst"},
        ),
    ],
)
def test_causes_joined_by_on_top_of_or_combined_with_act_together(text, causes):
    (pressed,) = [f for f in engine.read(text).findings if f.concept == "thecal_sac_indentation"]
    assert set(pressed.causes) == causes


def test_a_cause_named_with_a_neighbour_sharing_its_words_is_one_of_the_causes():
    text = (
        "L3/4: Mild listhesis noted with diffuse disc bulge, facet joint and ligamentum flavum "
        "hypertrophy, compressing the thecal sac."
    )
    (pressed,) = [f for f in engine.read(text).findings if f.concept == "thecal_sac_indentation"]
    assert set(pressed.causes) == {
        "spondylolisthesis",
        "disc_bulge",
        "facet_arthropathy",
        "ligamentum_flavum_hypertrophy",
    }


@pytest.mark.parametrize(
    ("text", "assertion"),
    [
        ("No canal or foraminal stenosis at L4/5.", "negated"),
        ("No spinal canal, lateral recess or foraminal stenosis.", "negated"),
        ("Severe central canal and moderate bilateral foraminal stenosis at L4/5.", "present"),
    ],
)
def test_a_canal_sharing_its_stenosis_word_with_a_foramen_is_read(text, assertion):
    findings = engine.read(text).findings
    canal = [f for f in findings if f.concept == "canal_stenosis"]
    assert [f.assertion for f in canal] == [assertion]
    assert canal[0].side is None
    assert any(f.concept in ("foraminal_stenosis", "lateral_recess_stenosis") for f in findings)


# --- a lesion read as benign keeps its own level, size and change; a named one gives them up ---

BENIGN = [
    (
        "There is a 14 mm lesion in the L2 vertebral body, bright on T1 and T2. Appearances are "
        "typical of a haemangioma; a metastasis is not favoured.",
        {"concept": "haemangioma", "size": ["14 mm"]},
    ),
    (
        "There is a 14 mm lesion in the L2 vertebral body, bright on T1 and T2. Appearances are "
        "typical of a haemangioma; a metastasis is not favoured.",
        {"concept": "malignancy", "assertion": "negated", "size": []},
    ),
    (
        "The L3 sclerotic focus is unchanged in size and in keeping with a bone island.",
        {"concept": "malignancy", "assertion": "negated", "change": "unchanged"},
    ),
    (
        "Sclerotic focus in L2, likely a bone island.",
        {"concept": "malignancy", "assertion": "negated"},
    ),
    # look-alikes: another lesion in the list stays open
    (
        "A lytic lesion at L4 and a sclerotic focus in L2 in keeping with a bone island.",
        {"concept": "malignancy", "assertion": "uncertain", "emergency": False},
    ),
    (
        "A lytic lesion at L4 and a benign-appearing sclerotic focus at L2.",
        {"concept": "malignancy", "assertion": "uncertain"},
    ),
]


@pytest.mark.parametrize(("text", "expect"), BENIGN)
def test_a_lesion_read_as_benign(text, expect):
    check(text, expect)


def test_an_addendum_that_settles_a_recommended_comparison_closes_the_lesion():
    first = (
        "Findings: There is a 6 mm sclerotic focus in the L4 vertebral body.\n"
        "Impression: Sclerotic focus at L4; a follow-up MRI is recommended.\n"
    )
    addendum = (
        "Addendum: Comparison with a CT from 2020 shows the L4 sclerotic focus is stable, "
        "consistent with a bone island. No further imaging is needed.\n"
    )
    settled = engine.read(first + addendum)
    assert {f.assertion for f in settled.findings if f.concept == "malignancy"} == {"negated"}
    assert "malignancy" not in settled.urgent
    # without the closing line, the recommended test keeps it open
    still_open = engine.read(first + addendum.replace(" No further imaging is needed.", ""))
    assert "uncertain" in {f.assertion for f in still_open.findings if f.concept == "malignancy"}


SIDE_AFTER = [
    (
        "-Central disc protrusion noted at L5/S1 level, migrated caudally ,slightly to right side, "
        "compressing the thecal sac.",
        {"concept": "disc_protrusion", "side": "right"},
    ),
    (
        "Diffuse disc bulge noted at L4/L5 level, extending to lateral recess , more to Rt sided "
        ",compressing the thecal sac and both nerve roots.",
        {"concept": "disc_bulge", "side": "right"},
    ),
    (
        "Multilevel disc bulges noted with facet joint hypertrophy, noticeably at L3-L4 level (Lt "
        "side), abutting the thecal sac.",
        {"concept": "disc_bulge", "side": "left"},
    ),
    (
        "Multilevel disc bulges noted with facet joint hypertrophy, noticeably at L3-L4 level (Lt "
        "side), abutting the thecal sac.",
        {"concept": "facet_arthropathy", "side": None},
    ),
    # look-alike: a side after the nearest finding, with no pointer back, stays with it
    (
        "Diffuse disc bulge at L4-L5 compressing the thecal sac and exit canals, more to the Rt "
        "side.",
        {"concept": "disc_bulge", "side": None},
    ),
]


@pytest.mark.parametrize(("text", "expect"), SIDE_AFTER)
def test_a_side_written_after_its_finding(text, expect):
    check(text, expect)


@pytest.mark.parametrize(
    ("text", "sides"),
    [
        (
            "L4/5: Moderate right and mild left foraminal stenosis.",
            {("right", "moderate"), ("left", "mild")},
        ),
        ("L3/4: Right and left foraminal narrowing.", {("right", None), ("left", None)}),
        # look-alike: two findings, one side each
        ("L4/5: Left foraminal narrowing and mild facet arthropathy.", {("left", None)}),
    ],
)
def test_one_finding_written_with_two_sides_is_read_on_each(text, sides):
    found = {
        (f.side, f.severity)
        for f in engine.read(text).findings
        if f.concept == "foraminal_stenosis"
    }
    assert found == sides
