"""The patient texts: faithful, complete, red flags first, prevalence, readable."""

import re

import pytest

from lbpreports import engine
from lbpreports.engine import knowledge
from lbpreports.engine.readability import grade
from lbpreports.engine.report import patient_texts, summary_body

LAY = knowledge.load().lay
HEADINGS = [
    "What the scan looked at",
    "What needs follow-up",
    "What it found",
    "How common this is in people without back pain",
    "What happens next",
    "Words in your report",
    "Sources",
]
REASSURING = re.compile(r"nothing to worry|all okay|all ok\b|\bnormal\b|\bfine\b", re.I)


def texts(report, **kwargs):
    spelling = kwargs.pop("spelling", "en-au")
    reading = engine.read(report, **kwargs)
    return reading, patient_texts(reading, spelling=spelling)


def headings(out):
    return [s["heading"] for s in out["summary"]["sections"]]


def section(out, heading):
    for s in out["summary"]["sections"]:
        if s["heading"] == heading:
            return "\n".join(s["paragraphs"])
    return ""


def test_headings_come_in_the_contract_order():
    _, out = texts(
        "MRI lumbar spine. 62 year old.\nFindings: L4-5 disc bulge. Possible L2 fracture. "
        "MRI with contrast is recommended."
    )
    order = headings(out)
    assert order == [h for h in HEADINGS if h in order]
    assert {"What needs follow-up", "What it found", "Sources"} <= set(order)


def test_red_flags_come_first_with_the_reports_certainty():
    _, out = texts("Findings: L4-5 disc bulge.\nAn L1 fracture cannot be excluded.")
    follow = section(out, "What needs follow-up")
    assert "cannot rule out a broken bone" in follow
    assert "L1" in follow
    assert out["summary"]["text"].index("broken bone") < out["summary"]["text"].index("bulge")


def test_likely_stays_likely():
    _, out = texts("Findings: Appearances likely represent discitis at L2-3.")
    assert "likely an infection" in section(out, "What needs follow-up")


def test_cancer_is_said_only_when_the_report_names_a_malignancy():
    _, lesion = texts("Findings: Expansile lesion in the L2 vertebral body.")
    assert "cancer" not in lesion["summary"]["text"].lower()
    assert "an area in the bone that needs more tests" in lesion["summary"]["text"]
    _, named = texts("Findings: Metastasis in the L2 vertebral body.")
    assert "cancer" in section(named, "What needs follow-up")


def test_emergency_findings_carry_the_safety_netting_text():
    _, out = texts("Findings: Large L4-5 extrusion severely compressing the cauda equina.")
    assert LAY["fixed"]["emergency"]["text"] in section(out, "What needs follow-up")
    assert LAY["fixed"]["emergency"]["text"] in out["conclusion"]


@pytest.mark.parametrize(
    "report",
    [
        "Findings: L1 compression fracture. Disc desiccation at L4-5.",
        "Findings: Normal alignment. There is a 3 x 2 cm lesion compressing the thecal sac at L3.",
        "Findings: Renal mass. Disc bulge at L4-5.",
    ],
)
def test_no_reassurance_beside_red_flags_or_danger(report):
    reading, out = texts(report, age=60)
    assert (
        reading.urgent
        or any(u.danger for u in reading.unexplained)
        or any(f.concept == "extraspinal_mass" for f in reading.findings)
    )
    for text in (summary_body_of(out), out["conclusion"]):
        assert not REASSURING.search(text), text


def summary_body_of(out):
    body = []
    for s in out["summary"]["sections"]:
        if s["heading"] in ("Words in your report", "Sources"):
            break
        body.extend(s["paragraphs"])
    return "\n".join(body)


def test_unexplained_content_gets_the_fixed_line_and_no_normal_text():
    _, out = texts("Findings: The widget exhibits quantum flux at the lower segment.")
    assert LAY["fixed"]["unexplained"]["text"] in out["summary"]["text"]
    for key in ("normal", "normal_more"):
        assert LAY["fixed"][key]["text"].format(part="lower back") not in out["summary"]["text"]


def test_a_normal_study_says_what_normal_means():
    _, out = texts(
        "MRI lumbar spine.\nFindings: Normal alignment. No fracture. No disc herniation."
    )
    found = section(out, "What it found")
    assert "A normal scan does not mean that your pain is not real." in found
    assert "all okay" not in found.lower()
    assert "did not show a broken bone" in found


def test_negated_findings_are_never_stated_as_present():
    reading, out = texts("Findings: No fracture. No disc bulge. No spinal stenosis.")
    body = summary_body_of(out)
    assert "shows a broken bone" not in body
    assert "shows a disc bulge" not in body
    assert "The scan did not show a broken bone." in body
    # a normal study says its own negatives in plain words, as negatives
    assert "It did not show a disc bulge or narrowing of the spinal canal." in body
    assert not [p for p in out["problems"] if p["kind"] == "negated_as_present"]


def test_every_present_uncertain_and_historical_finding_appears_with_its_level():
    report = (
        "Findings: L3-4 mild disc bulge. L4-5 moderate foraminal narrowing. "
        "Possible L5-S1 annular fissure. Previous L4-5 laminectomy. Small renal cyst."
    )
    reading, out = texts(report, age=55)
    body = summary_body_of(out)
    for f in reading.findings:
        if f.assertion != "negated":
            name = LAY["concepts"][f.concept]["name"].split(" (")[0]
            stem = name.split()[-1]
            assert stem in body, (f.concept, body)
            for level in f.levels:
                assert level in body
    assert "mild disc bulge" in body
    assert "moderate narrowing where a nerve leaves the spine" in body
    assert "(moderate)" not in body and "(mild)" not in body
    assert "between the 3rd and 4th bones of your lower back (L3-L4)" in body


def test_no_causal_claim_or_treatment_advice_is_carried_over():
    _, out = texts(
        "Findings: L5-S1 protrusion compressing the S1 root, which probably accounts for the "
        "patient's symptoms. Surgical referral is suggested. Epidural injection may help."
    )
    body = summary_body_of(out) + out["conclusion"]
    assert "accounts" not in body and "symptoms" not in body
    assert "referral" not in body.lower() and "injection" not in body.lower()
    assert not [p for p in out["problems"] if p["kind"] in ("causal_claim", "treatment_advice")]


def test_recommended_tests_are_named_in_plain_words():
    _, out = texts("Findings: L2 lesion. MRI with contrast and a bone scan are recommended.")
    assert out["recommendations"] == ["an MRI scan with dye (contrast)", "a bone scan"]
    assert "Your GP will decide what you need" in section(out, "What needs follow-up")


def test_prevalence_beside_common_findings_with_its_source():
    _, out = texts("Findings: Disc bulge at L4-5. Facet arthropathy at L4-5.", age=62)
    figures = {p["concept"]: p for p in out["prevalence"]}
    assert figures["disc_bulge"]["percent"] == 71
    assert figures["disc_bulge"]["table_age"] == 62
    assert (
        figures["disc_bulge"]["text"]
        == "About 7 in 10 people aged 62 without back pain have disc bulges."
    )
    assert "Brinjikji" in figures["disc_bulge"]["source"]
    assert "Brinjikji" in section(out, "Sources")


def test_one_sentence_for_wear_water_and_height_loss_at_one_disc():
    report = "Findings: L4-5 disc degeneration with desiccation and loss of disc height."
    _, out = texts(report, age=62)
    group = [p["text"] for p in out["prevalence"]]
    assert len(set(group)) == 1
    assert "have worn discs" in group[0] and "7 in 10 thinner discs" in group[0]
    # at 70 the one sentence would read above grade 8: a sentence each, every one easy
    _, out = texts(report, age=70)
    each = {p["text"] for p in out["prevalence"]}
    assert len(each) == 3
    assert all(grade(s) <= 8 for s in each)


@pytest.mark.parametrize(
    ("age", "expect_figures", "note"),
    [
        (None, False, "no age"),
        (15, False, "children"),
        (30, True, None),
    ],
)
def test_age_rules(age, expect_figures, note):
    _, out = texts("Findings: Disc bulge at L4-5. Facet arthropathy at L4-5.", age=age)
    assert bool(out["prevalence"]) is expect_figures
    if note:
        assert any(note in n for n in out["prevalence_notes"])
    if age == 30:
        assert [p["concept"] for p in out["prevalence"]] == ["disc_bulge"]
        assert any("under age 40" in n for n in out["prevalence_notes"])
        caveat = LAY["prevalence"]["caveat_50"]["text"].format(names="disc bulges")
        assert caveat in out["summary"]["text"]
    if age is None:
        assert LAY["prevalence"]["unknown_age"]["text"] in out["summary"]["text"]


def test_xray_reports_say_the_figures_come_from_mri_and_ct():
    _, out = texts("XR LUMBAR SPINE\nFindings: Disc space narrowing at L5-S1.", age=60)
    assert LAY["prevalence"]["xray"]["text"] in out["summary"]["text"]


def test_no_figure_beside_a_common_finding_at_an_urgent_level():
    _, out = texts("Findings: L1 compression fracture. Disc bulge at L1-L2.", age=60)
    assert [(p["concept"], p["shown"], p["withheld"]) for p in out["prevalence"]] == [
        ("disc_bulge", False, "urgent_level")
    ]
    assert "without back pain" not in out["summary"]["text"]
    assert any("urgent" in n for n in out["prevalence_notes"])


def test_the_conclusion_has_at_most_one_prevalence_sentence():
    _, out = texts(
        "Findings: Disc bulge at L4-5. Disc desiccation at L5-S1. Facet arthropathy.", age=60
    )
    assert len(re.findall(r"in 10 people|people aged", out["conclusion"])) <= 1


def test_glossary_uses_the_reports_spelling_and_skips_ruled_out_red_flags():
    reading, out = texts("Findings: L4/5 disc desiccation with a protruion. No fracture.")
    terms = {g["term"] for g in out["glossary"]}
    assert "desiccation" in terms and "protruion" in terms
    assert "fracture" not in terms
    for g in out["glossary"]:
        assert reading.text[g["start"] : g["end"]] == g["term"]


def test_us_spelling():
    _, au = texts("Findings: L2 vertebral haemangioma. Epidural haematoma at L3.")
    _, us = texts("Findings: L2 vertebral haemangioma. Epidural haematoma at L3.", spelling="en-us")
    assert "haematoma" in au["summary"]["text"] and "hematoma" not in au["summary"]["text"]
    assert "hematoma" in us["summary"]["text"] and "haematoma" not in us["summary"]["text"]


def test_other_body_parts_say_so():
    _, out = texts("MRI RIGHT KNEE\nFindings: Medial meniscal tear.")
    assert "does not explain" in section(out, "What the scan looked at")


def test_readability_fields():
    reading, out = texts(
        "Findings: L4/5 disc desiccation with a broad-based protrusion indenting the thecal sac.",
        age=60,
    )
    for key in ("report", "summary", "conclusion"):
        assert set(out["readability"][key]) == {"fkgl", "fre", "sentences"}
    assert out["readability"]["report"]["fkgl"] > out["readability"]["summary"]["fkgl"]
    assert summary_body is not None
