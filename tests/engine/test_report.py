"""Reading whole reports: safety, assertions, levels, sections, age, modality, bad input."""

import pytest

from lbpreports import engine


def found(text, **kwargs):
    return {(f.concept, f.assertion) for f in engine.read(text, **kwargs).findings}


def finding(text, concept):
    matches = [f for f in engine.read(text).findings if f.concept == concept]
    assert matches, f"{concept} not found in {text!r}"
    return matches[0]


# --- safety: urgent findings are never dropped, softened or negated by mistake ---


@pytest.mark.parametrize(
    ("text", "concept", "assertion"),
    [
        ("No fracture.", "fracture", "negated"),
        ("There is no evidence of fracture.", "fracture", "negated"),
        ("Fracture is not seen.", "fracture", "negated"),
        ("No fracture, listhesis or destructive lesion.", "spondylolisthesis", "negated"),
        ("No fracture, listhesis or destructive lesion.", "malignancy", "negated"),
        ("A fracture cannot be excluded.", "fracture", "uncertain"),
        ("An L1 fracture is not excluded.", "fracture", "uncertain"),
        ("Appearances are suspicious for discitis at L2/3.", "infection", "uncertain"),
        ("Marrow signal change may represent metastatic disease.", "malignancy", "uncertain"),
        ("Possible epidural abscess.", "infection", "uncertain"),
        ("No change in the known L2 metastasis.", "malignancy", "present"),
        ("Old healed fracture of L2.", "fracture", "present"),
        ("History of melanoma.", "malignancy", "historical"),
        ("Large extrusion compressing the cauda equina.", "cauda_equina_compression", "present"),
        ("Likely degenerative rather than infective.", "infection", "negated"),
        ("? sequestrated disc at L3/4", "disc_sequestration", "uncertain"),
        ("Sequestrated disc at L3/4?", "disc_sequestration", "uncertain"),
    ],
)
def test_assertions_in_findings(text, concept, assertion):
    assert (concept, assertion) in found(text)


def test_a_negation_does_not_cross_a_line_without_a_period():
    text = "L1-L2: No disc bulge\nL4-L5: disc bulge compressing the thecal sac"
    bulges = [f for f in engine.read(text).findings if f.concept == "disc_bulge"]
    assert [(b.assertion, b.levels) for b in bulges] == [
        ("negated", ("L1-L2",)),
        ("present", ("L4-L5",)),
    ]


def test_negation_stops_at_but():
    assert ("foraminal_stenosis", "present") in found(
        "No canal stenosis but mild left foraminal narrowing at L4/5."
    )


def test_a_question_in_the_history_is_not_a_finding():
    text = "Clinical history: ?fracture, rule out cauda equina syndrome.\nFindings: Normal study."
    reading = engine.read(text)
    assert reading.findings == ()
    assert reading.urgent == ()


def test_a_lesion_compressing_the_thecal_sac_is_never_only_a_minor_finding():
    reading = engine.read("There is a 3 x 2 cm lesion compressing the thecal sac at L3.")
    dangerous = [u for u in reading.unexplained if u.danger]
    assert reading.urgent or dangerous
    assert dangerous and "lesion" in dangerous[0].text


def test_a_bony_lesion_is_an_uncertain_malignancy():
    f = finding("Expansile lesion in the L2 vertebral body.", "malignancy")
    assert f.assertion == "uncertain"
    assert f.levels == ("L2",)


def test_urgent_lists_present_and_uncertain_red_flags_only():
    reading = engine.read(
        "No fracture. Possible discitis at L2-3. History of melanoma. Small disc bulge at L4-5."
    )
    assert reading.urgent == ("infection",)


@pytest.mark.parametrize(
    ("text", "emergency"),
    [
        ("Epidural abscess from L3 to L5.", True),
        ("Discitis at L2/3 without epidural abscess.", False),
        ("Severe compression of the cauda equina at L4/5.", True),
        ("Epidural haematoma at L2.", True),
    ],
)
def test_emergency_findings(text, emergency):
    reading = engine.read(text)
    assert any(f.emergency for f in reading.findings) is emergency


def test_an_aorta_of_three_centimetres_is_an_aneurysm_even_unnamed():
    assert engine.read("The infrarenal aorta measures 4.2 cm.").urgent == ("aortic_aneurysm",)
    assert engine.read("The abdominal aorta measures 2.1 cm.").urgent == ()


# --- attributes ---


def test_levels_severity_side_and_zone():
    f = finding(
        "L5-S1: Mild Lt paracentral disc protrusion compressing the thecal sac.", "disc_protrusion"
    )
    assert (f.levels, f.severity, f.severity_text, f.side, f.zone) == (
        ("L5-S1",),
        "mild",
        "Mild",
        "left",
        "paracentral",
    )


def test_a_level_heading_applies_to_the_lines_under_it():
    text = "L4-L5:\nDiffuse disc bulge.\nMild facet arthropathy.\n\nNo fracture."
    reading = engine.read(text)
    levels = {f.concept: f.levels for f in reading.findings}
    assert levels["disc_bulge"] == ("L4-L5",)
    assert levels["facet_arthropathy"] == ("L4-L5",)
    assert levels["fracture"] == ()


def test_a_range_covers_every_disc():
    f = finding("Disc desiccation from L3/4 to L5/S1.", "disc_desiccation")
    assert f.levels == ("L3-L4", "L4-L5", "L5-S1")


def test_listhesis_grades():
    f = finding("Grade 2 anterolisthesis of L5 on S1.", "spondylolisthesis")
    assert (f.severity, f.levels, f.tier) == ("grade-2", ("L5-S1",), "discuss")
    assert finding("Grade I anterolisthesis of L4 on L5.", "spondylolisthesis").tier == "common"


# --- report-level fields ---


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("A 62 year old man with back pain.", 62),
        ("Age: 45", 45),
        ("45yo F, sciatica", 45),
        ("Age/Sex: 69/F", 69),
        ("a 71-year-old woman", 71),
        ("Patient: Ms I. Solberg      Age at exam: 47", 47),
        ("Patient: Mrs P. Dunmore     F, 59 yrs", 59),
        ("PATIENT: L. Varga          DOB: 04/22/1962 (63 years)", 63),
        ("Lesion measures 4.5 cm. Canal narrowed by 40%.", None),
        ("Symptoms for 2 years.", None),
    ],
)
def test_age(text, age):
    assert engine.read(text + "\nFindings: normal.").age == age


@pytest.mark.parametrize(
    ("text", "modality"),
    [
        ("MRI LUMBAR SPINE\nFindings: normal.", "mri"),
        ("CT lumbar spine without contrast.\nFindings: normal.", "ct"),
        ("XR LUMBAR SPINE\nFindings: normal alignment.", "xray"),
        ("Findings: normal alignment.", None),
        # the examination's own field, whatever a later sentence suggests (round 45)
        (
            "Examination: XR lumbar spine. Report: L1 wedge fracture. MRI if this would alter "
            "management.",
            "xray",
        ),
        # a title line before a report that goes on to suggest an MRI
        ("XR LUMBAR SPINE AP/LATERAL\nFindings: Pars defects. MRI is recommended.", "xray"),
        # not an earlier study's field
        (
            "CT LUMBAR SPINE\nComparison: Prior study: MRI lumbar spine 2019.\nFindings: normal.",
            "ct",
        ),
    ],
)
def test_modality(text, modality):
    assert engine.read(text).modality == modality


def test_overrides_win():
    reading = engine.read("A 62 year old. MRI lumbar spine. Normal.", age=40, modality="ct")
    assert (reading.age, reading.modality) == (40, "ct")


@pytest.mark.parametrize(
    ("text", "body_part"),
    [
        ("MRI lumbar spine. L4-5 disc bulge.", "lumbar"),
        ("MRI thoracolumbar spine. T8 fracture. L4-5 bulge.", "thoracolumbar"),
        ("MRI whole spine. C5-C6 bulge, T7 haemangioma, L4-5 bulge.", "whole_spine"),
        ("MRI right knee. Medial meniscus tear.", "other"),
    ],
)
def test_body_part(text, body_part):
    assert engine.read(text).body_part == body_part


def test_another_body_part_invents_no_spinal_findings():
    reading = engine.read("MRI RIGHT KNEE\nFindings: Medial meniscal tear. Small joint effusion.")
    assert reading.body_part == "other"
    assert not [f for f in reading.findings if f.assertion == "present"]
    assert reading.unexplained  # shown to the GP, never silently dropped


def test_sections():
    text = (
        "CLINICAL HISTORY: Back pain.\nTECHNIQUE: Sagittal T1 and T2.\nComparison: None.\n"
        "FINDINGS:\nL4-5 disc bulge.\nIMPRESSION\n1. Disc bulge.\nComment: Correlate clinically."
    )
    names = [s.name for s in engine.read(text).sections]
    assert names == ["history", "technique", "comparison", "findings", "impression", "comment"]


def test_a_first_line_of_clinical_details_is_history():
    reading = engine.read("62 year old with left sciatica\nL5-S1 disc protrusion.")
    assert [s.name for s in reading.sections] == ["history", "findings"]


def test_unknown_report_styles_show_as_unexplained_never_as_normal():
    reading = engine.read("The widget exhibits quantum flux at the lower segment.")
    assert reading.findings == ()
    assert [u.text for u in reading.unexplained] == [
        "The widget exhibits quantum flux at the lower segment."
    ]


def test_flags():
    reading = engine.read(
        "L5-S1 protrusion which probably accounts for the patient's symptoms. "
        "Surgical referral is suggested. MRI with contrast is recommended. "
        "Streak artefact degrades images. Disc desiccation, normal for age."
    )
    kinds = {f.kind for f in reading.flags}
    assert {
        "causal_claim",
        "treatment_advice",
        "recommendation",
        "limitation",
        "normal_for_age",
    } <= kinds
    assert "contrast_mri" in reading.tests


# --- bad input ---


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty"),
        ("   \n\t ", "empty"),
        ("\x00\x01\x02binary", "binary"),
        ("x" * (engine.MAX_CHARS + 1), "too long"),
        ("12345 678", "no words"),
    ],
)
def test_bad_input_is_a_clear_error(text, message):
    with pytest.raises(engine.EngineInputError, match=message):
        engine.read(text)


def test_cp1252_dashes_read_as_text():
    from lbpreports.readers import decode_text

    text = decode_text("L4\x965 disc bulge \x96 mild.".encode("latin-1"))
    assert "–" in text
    assert ("disc_bulge", "present") in found(text)


def test_offsets_index_the_text():
    reading = engine.read("FINDINGS:\r\nL4-5 disc bulge.\r\nNo fracture.")
    for f in reading.findings:
        assert reading.text[f.start : f.end] == f.text
    for s in reading.sections:
        assert 0 <= s.start < s.end <= len(reading.text)
