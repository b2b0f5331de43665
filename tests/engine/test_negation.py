"""Negation across lists, hedges inside them, and benign characterisations, sentence by sentence.

Every sentence is made up for this table. Each row is read twice: by the whole engine
(`engine.read`, the finding whose words hold the phrase) and by the context rules alone
(`assert_phrase`, as `manage.py assertions` does); both must give the expected assertion.
"""

import pytest

from lbpreports import engine
from lbpreports.engine.report import assert_phrase

N, P, U = "negated", "present", "uncertain"

# (sentence, phrase naming the finding, concept, assertion)
LISTS = [
    # a negation governs every item of its list, whatever modifiers the items carry
    (
        "No visible fracture, focal marrow oedema, or destructive lesion is seen.",
        "fracture",
        "fracture",
        N,
    ),
    (
        "No visible fracture, focal marrow oedema, or destructive lesion is seen.",
        "destructive lesion",
        "malignancy",
        N,
    ),
    (
        "There is no significant canal stenosis, large disc extrusion or nerve root compression.",
        "canal stenosis",
        "canal_stenosis",
        N,
    ),
    (
        "There is no significant canal stenosis, large disc extrusion or nerve root compression.",
        "extrusion",
        "disc_extrusion",
        N,
    ),
    (
        "There is no significant canal stenosis, large disc extrusion or nerve root compression.",
        "nerve root compression",
        "nerve_root_compression",
        N,
    ),
    (
        "The vertebral bodies are clear of fracture, aggressive marrow lesion or infection.",
        "fracture",
        "fracture",
        N,
    ),
    (
        "The vertebral bodies are clear of fracture, aggressive marrow lesion or infection.",
        "aggressive marrow lesion",
        "malignancy",
        N,
    ),
    (
        "The vertebral bodies are clear of fracture, aggressive marrow lesion or infection.",
        "infection",
        "infection",
        N,
    ),
    (
        "No evidence of fracture, significant listhesis, focal bone lesion or epidural abscess.",
        "listhesis",
        "spondylolisthesis",
        N,
    ),
    (
        "No evidence of fracture, significant listhesis, focal bone lesion or epidural abscess.",
        "abscess",
        "infection",
        N,
    ),
    (
        "Neither a pars defect nor a significant disc protrusion is identified.",
        "pars defect",
        "spondylolysis",
        N,
    ),
    (
        "Neither a pars defect nor a significant disc protrusion is identified.",
        "protrusion",
        "disc_protrusion",
        N,
    ),
    (
        "Without canal stenosis, definite nerve root compression, or cord compression.",
        "cord compression",
        "cauda_equina_compression",
        N,
    ),
    (
        "The spine is free of fracture, destructive lesion, and discitis.",
        "discitis",
        "infection",
        N,
    ),
    (
        "Negative for fracture, significant marrow oedema, epidural haematoma or abscess.",
        "epidural haematoma",
        "epidural_haematoma",
        N,
    ),
    (
        "Negative for fracture, significant marrow oedema, epidural haematoma or abscess.",
        "abscess",
        "infection",
        N,
    ),
    (
        "No evidence of cord compression, high-grade canal stenosis or disc sequestration.",
        "sequestration",
        "disc_sequestration",
        N,
    ),
    (
        "No large disc herniation, severe foraminal narrowing, or nerve root impingement is seen.",
        "foraminal narrowing",
        "foraminal_stenosis",
        N,
    ),
    (
        "No fracture, listhesis, pars defect, focal lesion or paraspinal mass is identified.",
        "paraspinal mass",
        "extraspinal_mass",
        N,
    ),
    (
        "No fracture, listhesis, pars defect, focal lesion or paraspinal mass is identified.",
        "pars defect",
        "spondylolysis",
        N,
    ),
    (
        "Fracture, significant listhesis or destructive bone lesion is not seen.",
        "Fracture",
        "fracture",
        N,
    ),
    (
        "Fracture, significant listhesis or destructive bone lesion is not seen.",
        "destructive bone lesion",
        "malignancy",
        N,
    ),
    (
        "There is no acute fracture, bony destruction, or spondylodiscitis at any level.",
        "spondylodiscitis",
        "infection",
        N,
    ),
    (
        "No canal stenosis, lateral recess narrowing, foraminal stenosis or nerve root contact.",
        "lateral recess narrowing",
        "lateral_recess_stenosis",
        N,
    ),
    (
        "No canal stenosis, lateral recess narrowing, foraminal stenosis or nerve root contact.",
        "nerve root contact",
        "nerve_root_contact",
        N,
    ),
    (
        "No sign of discitis, osteomyelitis, significant endplate oedema, or epidural abscess.",
        "osteomyelitis",
        "infection",
        N,
    ),
    (
        "No disc extrusion, nor nerve root compression.",
        "nerve root compression",
        "nerve_root_compression",
        N,
    ),
    (
        "No significant canal stenosis, large central protrusion and nerve root compression.",
        "protrusion",
        "disc_protrusion",
        N,
    ),
    ("No stenosis at L3/4, L4/5 or L5/S1.", "stenosis", "canal_stenosis", N),
    # look-alikes: an item that states its own finding ends the list
    (
        "No canal stenosis, mild left foraminal narrowing.",
        "foraminal narrowing",
        "foraminal_stenosis",
        P,
    ),
    ("No canal stenosis, mild left foraminal narrowing.", "canal stenosis", "canal_stenosis", N),
    ("No fracture; mild L4/5 disc bulge.", "bulge", "disc_bulge", P),
    (
        "No fracture, but there is a small L5/S1 disc protrusion.",
        "protrusion",
        "disc_protrusion",
        P,
    ),
    (
        "No canal stenosis, although moderate bilateral foraminal narrowing is present at L4/5.",
        "foraminal narrowing",
        "foraminal_stenosis",
        P,
    ),
    (
        "No significant canal stenosis, large left paracentral disc extrusion at L5/S1.",
        "extrusion",
        "disc_extrusion",
        P,
    ),
    (
        "No fracture, large L4/5 disc extrusion and severe canal stenosis.",
        "extrusion",
        "disc_extrusion",
        P,
    ),
    (
        "No fracture, large L4/5 disc extrusion and severe canal stenosis.",
        "canal stenosis",
        "canal_stenosis",
        P,
    ),
    ("No listhesis, endplate oedema is noted at L4/5.", "endplate oedema", "endplate_change", P),
    (
        "No cord compression, there is moderate canal stenosis at L3/4.",
        "canal stenosis",
        "canal_stenosis",
        P,
    ),
    ("No fracture and small disc bulges at L3/4 and L4/5.", "bulges", "disc_bulge", P),
    (
        "Without fracture, with mild anterolisthesis of L4 on L5.",
        "anterolisthesis",
        "spondylolisthesis",
        P,
    ),
    ("No fracture, a small Schmorl's node at L2.", "Schmorl's node", "schmorl_node", P),
    (
        "No significant stenosis, though severe facet arthropathy at L4/5.",
        "facet arthropathy",
        "facet_arthropathy",
        P,
    ),
    ("No epidural abscess; paravertebral phlegmon at L2/3.", "phlegmon", "infection", P),
    (
        "No canal stenosis at L4/5 and L5/S1, large disc extrusion at L4/5.",
        "extrusion",
        "disc_extrusion",
        P,
    ),
    (
        "No canal stenosis, left foraminal narrowing at L4/5.",
        "foraminal narrowing",
        "foraminal_stenosis",
        P,
    ),
    ("No fracture, listhesis at L4/5 or pars defect.", "listhesis", "spondylolisthesis", N),
    (
        "No marrow oedema, fracture or destructive lesion, but there is a small L2 haemangioma.",
        "haemangioma",
        "haemangioma",
        P,
    ),
    (
        "Heights are maintained without fracture, destructive lesion or listhesis.",
        "listhesis",
        "spondylolisthesis",
        N,
    ),
    (
        "No listhesis, pars defect, fracture or aggressive osseous lesion is identified.",
        "aggressive osseous lesion",
        "malignancy",
        N,
    ),
    (
        "Without canal stenosis, large disc herniation, or displacement of the nerve roots.",
        "displacement of the nerve roots",
        "nerve_root_compression",
        N,
    ),
    # a hedge inside the list is that item's own: uncertain, never negated
    ("No fracture; there is possible discitis at L2/3.", "discitis", "infection", U),
    ("No fracture, or possible early discitis.", "discitis", "infection", U),
    ("No fracture, or possible early discitis.", "fracture", "fracture", N),
    ("No fracture or possible discitis at L2/3.", "discitis", "infection", U),
    (
        "No canal stenosis, possible small left foraminal disc protrusion.",
        "protrusion",
        "disc_protrusion",
        U,
    ),
    ("No fracture, ? early discitis at L2/3.", "discitis", "infection", U),
    (
        "No canal stenosis, questionable nerve root contact on the left at L5/S1.",
        "nerve root contact",
        "nerve_root_contact",
        U,
    ),
    ("No fracture, destructive lesion, or probable discitis.", "discitis", "infection", U),
    (
        "No fracture, destructive lesion, or probable discitis.",
        "destructive lesion",
        "malignancy",
        N,
    ),
    ("No fracture; metastasis cannot be excluded at L3.", "metastasis", "malignancy", U),
    # words a report also writes under a negation stay negated with their item
    ("No suspicious bone lesion.", "suspicious bone lesion", "malignancy", N),
    (
        "No fracture, suspicious bone lesion or infection is seen.",
        "suspicious bone lesion",
        "malignancy",
        N,
    ),
    ("No fracture, suspicious bone lesion or infection is seen.", "infection", "infection", N),
]

BENIGN = [
    ("Consistent with a haemangioma; metastasis not favoured.", "metastasis", "malignancy", N),
    ("Metastasis is unlikely.", "Metastasis", "malignancy", N),
    ("Likely degenerative endplate change rather than discitis.", "discitis", "infection", N),
    (
        "Appearances suggest a bone island; a sclerotic metastasis is not considered likely.",
        "metastasis",
        "malignancy",
        N,
    ),
    ("Sclerotic focus at L3 of no clinical significance.", "Sclerotic focus", "malignancy", N),
    ("Discitis is less likely.", "Discitis", "infection", N),
    (
        "Modic type 1 change rather than discitis, although infection cannot be excluded.",
        "discitis",
        "infection",
        U,
    ),
    ("Benign-appearing sclerotic focus in L3.", "sclerotic focus", "malignancy", N),
    ("Sclerotic focus in L3, most likely benign.", "Sclerotic focus", "malignancy", N),
    # "benign" reaches only its own item
    ("Benign haemangioma at L1 and a metastasis at L3.", "metastasis", "malignancy", P),
    # never for a fracture, and nothing for a finding that is there and harmless
    ("Fracture is unlikely.", "Fracture", "fracture", U),
    ("Degenerative endplate change rather than a fracture.", "fracture", "fracture", U),
    ("Schmorl's node at L2 of no clinical significance.", "Schmorl's node", "schmorl_node", P),
    # "compatible with" naming a malignancy states it
    (
        "Scattered marrow deposits at T11 and L3, compatible with myeloma.",
        "myeloma",
        "malignancy",
        P,
    ),
]


def _finding(sentence, phrase, concept):
    reading = engine.read(sentence)
    start = sentence.index(phrase)
    end = start + len(phrase)
    mine = [f for f in reading.findings if f.concept == concept and f.start < end and start < f.end]
    assert mine, (sentence, concept, [(f.concept, f.text) for f in reading.findings])
    return mine[0]


@pytest.mark.parametrize(("sentence", "phrase", "concept", "assertion"), LISTS + BENIGN)
def test_it_reads_the_table(sentence, phrase, concept, assertion):
    assert _finding(sentence, phrase, concept).assertion == assertion
    assert assert_phrase(sentence, phrase) == assertion


def test_the_table_is_big_enough():
    assert len({row[0] for row in LISTS}) >= 40


def test_the_issues_report_rules_out_what_it_rules_out():
    text = (
        "Findings: Mild L4/5 disc bulge. "
        "No visible fracture, focal marrow oedema, or destructive lesion is seen. "
        "There is no significant canal stenosis, large disc extrusion or nerve root compression. "
        "The vertebral bodies are clear of fracture, aggressive marrow lesion or infection.\n"
    )
    reading = engine.read(text)
    shown = {f.concept for f in reading.findings if f.assertion != "negated"}
    assert shown == {"disc_bulge"}, [(f.concept, f.assertion, f.text) for f in reading.findings]
    assert reading.urgent == ()
    assert not [u for u in reading.unexplained if u.danger]


def test_a_benign_reading_keeps_its_cue_as_the_hedge_in_the_contract():
    reading = engine.read(
        "Findings: L2 lesion consistent with a haemangioma; metastasis not favoured."
    )
    found = [f for f in engine.to_contract(reading)["findings"] if f["concept"] == "malignancy"]
    assert [(f["assertion"], f["hedge"]) for f in found] == [("negated", "not favoured")]
    assert "malignancy" not in reading.urgent
    # the report explains the lesion: no unexplained danger line beside the benign reading
    assert not [u for u in reading.unexplained if u.danger]


def test_a_numbered_impression_item_that_cannot_exclude_it_keeps_it_open():
    text = (
        "Impression:\n"
        "1. Endplate oedema at L3/4, likely degenerative rather than infective. Infection is not "
        "entirely excluded.\n"
        "2. Mild L4/5 disc bulge.\n"
    )
    reading = engine.read(text)
    infective = [f for f in reading.findings if f.text == "infective"]
    assert [(f.assertion, f.hedge) for f in infective] == [("uncertain", "rather than")]
    assert "infection" in reading.urgent


def test_another_item_does_not_keep_it_open():
    text = (
        "Impression:\n"
        "1. Endplate oedema at L3/4, likely degenerative rather than infective.\n"
        "2. Fracture cannot be excluded at L1.\n"
    )
    reading = engine.read(text)
    infective = [f for f in reading.findings if f.text == "infective"]
    assert [(f.assertion, f.hedge) for f in infective] == [("negated", "rather than")]
    assert reading.urgent == ("fracture",)


def test_a_test_recommended_for_it_keeps_it_open():
    base = "Findings: Endplate oedema at L2/3, degenerative rather than discitis."
    assert _reading_of(base, "discitis") == ("negated", "rather than")
    recommended = base + "\nImpression: MRI with contrast is recommended."
    assert _reading_of(recommended, "discitis") == ("uncertain", "rather than")


def _reading_of(text, phrase):
    found = [(f.assertion, f.hedge) for f in engine.read(text).findings if f.text == phrase]
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    "text",
    [
        "Scattered marrow deposits at T11 and L3, compatible with myeloma.",
        "Scattered marrow lesions at T11 and L3, compatible with myeloma.",
        "Multiple marrow lesions, consistent with metastases.",
    ],
)
def test_a_named_malignancy_gives_its_sentence_one_reading(text):
    readings = {f.assertion for f in engine.read(text).findings if f.concept == "malignancy"}
    assert readings == {"present"}


def test_a_hedged_named_malignancy_lends_its_hedge():
    found = engine.read("Lytic lesion at L2, likely metastasis.").findings
    assert {(f.text, f.assertion, f.hedge) for f in found} == {
        ("Lytic lesion", "uncertain", "likely"),
        ("metastasis", "uncertain", "likely"),
    }


def test_a_haemangioma_beside_a_possible_metastasis_does_not_hide_it():
    reading = engine.read("Atypical haemangioma versus metastasis at L2.")
    assert "malignancy" in reading.urgent


@pytest.mark.parametrize(
    "text",
    [
        "The pedicles, laminae and spinous processes are intact.",
        "Normal pedicle and lamina.",
        "Short pedicles at L3 and L4.",
        "Bilateral L5 pars defects; the laminae are intact.",
        "Small left facet joint effusion at L4/5.",
        "Congenital fusion of the L4 and L5 vertebral bodies.",
    ],
)
def test_a_part_of_a_vertebra_is_no_operation(text):
    assert "postoperative_change" not in {f.concept for f in engine.read(text).findings}


@pytest.mark.parametrize(
    "text",
    [
        "Pedicle screws at L4 and L5.",
        "Transpedicular fixation from L4 to S1.",
        "Post-operative changes of L4/5 laminectomy.",
        "Posterior fusion at L4-5.",
    ],
)
def test_surgery_described_is_postoperative_change(text):
    assert "postoperative_change" in {f.concept for f in engine.read(text).findings}


def test_a_lesion_read_as_benign_is_listed_without_danger():
    reading = engine.read("Findings: Benign-appearing lesion at L2.")
    assert [(u.text, u.danger) for u in reading.unexplained] == [
        ("Benign-appearing lesion at L2.", False)
    ]
    assert reading.urgent == ()
