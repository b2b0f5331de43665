"""Readings a GP found wrong when reading patient texts cold: each row a made-up report."""

import pytest

from lbpreports import engine


def _read(text):
    return engine.read(text)


@pytest.mark.parametrize(
    "sentence",
    [
        "Vertebral marrow signal is otherwise normal.",
        "The bone marrow signal is otherwise unremarkable.",
    ],
)
def test_it_reads_an_otherwise_normal_marrow_as_a_normal(sentence):
    reading = _read(f"Findings: Mild L4/5 disc bulge. {sentence}")
    assert not [u for u in reading.unexplained if u.text == sentence]


def test_it_does_not_read_where_a_mass_reaches_as_narrowing():
    reading = _read(
        "Findings: At L2-3 a 3 x 2 cm extradural soft tissue lesion compresses the thecal sac "
        "from the right and extends into the right L2-3 foramen."
    )
    concepts = {f.concept for f in reading.findings}
    assert "foraminal_stenosis" not in concepts
    assert "thecal_sac_indentation" in concepts
    assert any(u.danger for u in reading.unexplained)


def test_it_still_reads_narrowing_that_the_report_states():
    reading = _read(
        "Findings: L4/5 disc protrusion compressing the thecal sac and narrowing the left foramen."
    )
    narrowing = [f for f in reading.findings if f.concept == "foraminal_stenosis"]
    assert narrowing and narrowing[0].assertion == "present"


WRAPPED = (
    "Findings: Mild L3/4 disc bulge. There is no evidence of fracture, marrow oedema, or\n"
    "destructive lesion. No significant canal stenosis, large disc extrusion or nerve root\n"
    "compression is identified at any level of the lumbar spine on these images today.\n"
)


def test_it_reads_a_negated_list_wrapped_over_lines_as_one_sentence():
    reading = _read(WRAPPED)
    assertions = {(f.concept, f.assertion) for f in reading.findings}
    assert ("disc_bulge", "present") in assertions
    for concept in ("fracture", "malignancy", "disc_extrusion", "nerve_root_compression"):
        assert (concept, "negated") in assertions, concept
        assert (concept, "present") not in assertions and (concept, "uncertain") not in assertions
    assert reading.urgent == ()
    assert reading.unexplained == ()


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        # a short line with no sentence end is a note of its own, not a wrapped sentence
        ("Findings: No fracture\nmild disc bulge at L4/5", "disc_bulge"),
        # a new line that starts with a capital or a level starts a new sentence
        (
            "Findings: There is no canal stenosis at any level of the lumbar spine today\n"
            "Mild disc bulge at L4/5",
            "disc_bulge",
        ),
        (
            "Findings: There is no canal stenosis at any level of the lumbar spine today\n"
            "L4/5 mild disc bulge",
            "disc_bulge",
        ),
    ],
)
def test_it_does_not_join_lines_that_are_separate_notes(text, concept):
    found = [f for f in _read(text).findings if f.concept == concept]
    assert found and all(f.assertion == "present" for f in found)


@pytest.mark.parametrize(
    ("text", "concept", "assertion"),
    [
        # a hedge or a negation that ends its line belongs to the line below
        ("Findings: Possible\nL1 compression fracture.", "fracture", "uncertain"),
        ("Findings: Suspicious for\nan L2 lytic lesion.", "malignancy", "uncertain"),
        ("Findings: There is no\nL4/5 disc extrusion.", "disc_extrusion", "negated"),
    ],
)
def test_it_keeps_a_cue_that_ends_a_line_with_the_line_below(text, concept, assertion):
    found = [f for f in _read(text).findings if f.concept == concept]
    assert [f.assertion for f in found] == [assertion]


def test_it_reads_smaller_as_a_change_not_a_severity():
    (protrusion,) = [
        f
        for f in _read("Findings: The L4/5 protrusion is smaller than before.").findings
        if f.concept == "disc_protrusion"
    ]
    assert protrusion.change == "smaller"
    assert protrusion.severity is None


@pytest.mark.parametrize(
    "text",
    [
        "Findings: There is an 8 mm sclerotic focus in the L2 vertebral body. It has the "
        "appearance of a bone island; a sclerotic metastasis is not favoured.",
        "Findings: There is a 12 mm T2 bright lesion in the L4 vertebral body.\n\n"
        "Impression: L4 haemangioma. Metastasis is not favoured.",
    ],
)
def test_it_reads_a_lesion_the_report_explains_nearby_as_benign(text):
    reading = _read(text)
    assert "malignancy" not in reading.urgent
    lesion = [f for f in reading.findings if f.concept == "malignancy"]
    assert lesion and all(f.assertion == "negated" and f.hedge for f in lesion)


def test_it_keeps_a_lesion_elsewhere_open():
    reading = _read(
        "Findings: There is a 12 mm lytic lesion in the L1 vertebral body.\n\n"
        "Impression: L4 haemangioma. Metastasis is not favoured."
    )
    assert "malignancy" in reading.urgent


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (
            "Impression: Solid left renal mass. Contrast-enhanced CT is recommended.",
            ["a CT scan with dye (contrast)"],
        ),
        ("Impression: Renal mass. Suggest CT with IV contrast.", ["a CT scan with dye (contrast)"]),
        (
            "Impression: Possible discitis. Contrast-enhanced MRI is recommended.",
            ["an MRI scan with dye (contrast)"],
        ),
        (
            "Impression: Possible discitis. MRI with gadolinium is recommended.",
            ["an MRI scan with dye (contrast)"],
        ),
    ],
)
def test_it_names_the_test_the_report_recommends_and_no_other(text, words):
    assert engine.patient_texts(_read(text))["recommendations"] == words
