"""What the whole report is: document kind, normal study, normals, furniture, inline headings.

Every report here is made up for these tests.
"""

from __future__ import annotations

import pytest

from lbpreports import engine
from lbpreports.engine import document

# --- the rules' own examples (data/document.yaml) ---------------------------------------------


def _rules(*groups):
    r = document.rules()
    return [(group, rule) for group in groups for rule in getattr(r, group)]


@pytest.mark.parametrize(
    ("group", "rule"),
    _rules("preliminary", "addendum"),
    ids=lambda x: getattr(x, "id", x),
)
def test_it_reads_each_kind_rule_example(group, rule):
    assert rule.examples, f"{rule.id} has no examples"
    for example in rule.examples:
        assert rule.pattern.search(example), (rule.id, example)
        assert document.kind(example, letter=False) == group, (rule.id, example)
    for example in rule.not_examples:
        assert document.kind(example, letter=False) != group, (rule.id, example)


@pytest.mark.parametrize(
    ("group", "rule"),
    _rules(
        "final_overrides",
        "letter_cues",
        "imaging_line",
        "imaging_run_ends",
        "normal",
        "not_normal",
        "unlent",
        "positioned",
    ),
    ids=lambda x: getattr(x, "id", x),
)
def test_it_matches_each_rule_example_and_no_counter_example(group, rule):
    assert rule.examples, f"{rule.id} has no examples"
    for example in rule.examples:
        assert rule.pattern.search(example), (group, rule.id, example)
    for example in rule.not_examples:
        assert not rule.pattern.search(example), (group, rule.id, example)


@pytest.mark.parametrize(
    "rule",
    document.rules().furniture + document.rules().furniture_whole + document.rules().furniture_long,
    ids=lambda r: r.id,
)
def test_it_folds_each_furniture_example_and_no_counter_example(rule):
    assert rule.examples
    for example in rule.examples:
        assert document.furniture_rule(example) == rule.id, example
    for example in rule.not_examples:
        assert document.furniture_rule(example) is None, example


def test_it_never_folds_a_finding_into_furniture():
    for line in (
        "Dr Smith was telephoned about the fracture",
        "Radiology registrar: L1 fracture",
        "Imaging: lytic lesion",
        "Harbour Radiology suggests an MRI",
        "12 Harbour Street mass",
    ):
        assert document.furniture_rule(line) is None, line


# --- document kind and normal study ------------------------------------------------------------

FINAL_NORMAL = """MRI LUMBAR SPINE

Clinical history: 44 year old man, low back pain. ?fracture.

Findings:
Alignment is normal. Vertebral body heights and marrow signal are normal. The conus is normal
and ends at L1. T12/L1 to L5/S1: normal discs with no canal or foraminal stenosis.

Impression:
Normal MRI of the lumbar spine.
"""

ONE_WORD_NORMAL = "Lumbar spine MRI\n\nFindings: Normal.\n"

NAD = "X-ray lumbar spine, AP and lateral.\nNo abnormality detected.\n"

ONLY_NEGATIVES = """Findings:
Five lumbar-type vertebral bodies. No fracture. No spondylolisthesis.
No disc herniation, canal stenosis or nerve root compression.
"""

PROVISIONAL = """PROVISIONAL REPORT - awaiting consultant review

MRI lumbar spine.

Findings:
Mild disc bulge at L4/5 without nerve root compression.
"""

PROVISIONAL_NORMAL = """Provisional report: awaiting consultant review.
MRI L-spine.
Findings: No abnormality detected. The conus is normal.
"""

REPORT_TO_FOLLOW = """CT lumbar spine (wet read)
No acute fracture. Formal report to follow.
"""

ADDENDUM = """ADDENDUM

This is an addendum to the MRI lumbar spine report of 4 May.
The pars defect at L5 is bilateral, not left-sided as first reported.
"""

LETTER_NORMAL_MRI = """Dear Dr Okafor,

Thank you for referring Mr Petrov, 52, whom I saw in clinic today with six months of low back
pain and a known L4/5 disc protrusion.

On examination, straight leg raise was 70 degrees on both sides. Power 5/5 throughout.

MRI L-spine: normal.

Plan: physiotherapy and review in three months.

Yours sincerely,
Dr H. Lindqvist
"""

LETTER_NARRATIVE = """HX: 58 y/o woman with two weeks of back pain and leg weakness. Past history of
breast cancer and a vertebral fracture in 2019.

PMH: hypertension.

COURSE: An MRI of the lumbar spine was obtained. This showed an L2 fracture with retropulsion.
She was admitted under the spinal team.
"""

FINAL_WITH_PREVIOUS = """MRI LUMBAR SPINE
Comparison: previous report and MRI of 2022.
Findings: Stable mild disc bulge at L3/4. As in the previous report, no stenosis.
"""

NORMAL_FOR_AGE = """Findings:
Mild multilevel disc desiccation, normal for age. Small L4/5 disc bulge.
"""

SUPERSEDES = """FINAL REPORT
This report supersedes the preliminary report of 3 June.
Findings: L5/S1 disc extrusion compressing the left S1 nerve root.
"""


@pytest.mark.parametrize(
    ("text", "kind", "normal_study"),
    [
        (FINAL_NORMAL, "final", True),
        (ONE_WORD_NORMAL, "final", True),
        (NAD, "final", True),
        (ONLY_NEGATIVES, "final", True),
        (PROVISIONAL, "preliminary", False),
        (PROVISIONAL_NORMAL, "preliminary", True),
        (REPORT_TO_FOLLOW, "preliminary", True),
        (ADDENDUM, "addendum", False),
        (LETTER_NORMAL_MRI, "not_a_report", True),
        (LETTER_NARRATIVE, "not_a_report", False),
        (FINAL_WITH_PREVIOUS, "final", False),
        (NORMAL_FOR_AGE, "final", False),
        (SUPERSEDES, "final", False),
    ],
    ids=[
        "final-normal",
        "one-word-normal",
        "nad",
        "only-negatives",
        "provisional",
        "provisional-normal",
        "report-to-follow",
        "addendum",
        "letter-normal-mri",
        "letter-narrative",
        "final-mentions-previous-report",
        "normal-for-age-beside-findings",
        "final-supersedes-preliminary",
    ],
)
def test_it_reads_what_the_whole_report_is(text, kind, normal_study):
    reading = engine.read(text)
    assert reading.document == kind
    assert reading.normal_study is normal_study
    contract = engine.to_contract(reading)
    assert contract["document"] == kind
    assert contract["normal_study"] is normal_study


@pytest.mark.parametrize(
    "text",
    [FINAL_NORMAL, ONE_WORD_NORMAL, NAD, PROVISIONAL_NORMAL, REPORT_TO_FOLLOW, LETTER_NORMAL_MRI],
)
def test_it_lists_nothing_unexplained_for_a_normal_or_unfinished_study_or_a_letter(text):
    assert engine.read(text).unexplained == ()


def test_a_history_question_is_no_finding_in_a_normal_study():
    reading = engine.read(FINAL_NORMAL)
    assert not any(f.concept == "fracture" and f.assertion != "negated" for f in reading.findings)
    assert reading.urgent == ()
    assert reading.normal_study


def test_a_letter_keeps_only_what_its_imaging_line_states():
    reading = engine.read(LETTER_NORMAL_MRI)
    # the protrusion named in the history is not a finding of this letter
    assert reading.findings == ()
    assert [n.text for n in reading.normals] == ["normal"]
    names = {s.name for s in reading.sections}
    assert "findings" in names and "history" in names


def test_a_letter_never_drops_a_red_flag_its_imaging_line_states():
    reading = engine.read(LETTER_NARRATIVE)
    assert reading.document == "not_a_report"
    fracture = [f for f in reading.findings if f.concept == "fracture"]
    assert fracture and all(f.assertion == "present" for f in fracture)
    assert fracture[0].levels == ("L2",)
    assert "fracture" in reading.urgent
    assert not reading.normal_study
    # the history's "vertebral fracture in 2019" and "breast cancer" are not findings
    assert all(f.section == "findings" for f in reading.findings)


def test_an_urgent_finding_in_a_provisional_report_is_kept():
    text = "Preliminary report.\nFindings: Acute L1 compression fracture. No cord compression.\n"
    reading = engine.read(text)
    assert reading.document == "preliminary"
    assert "fracture" in reading.urgent
    assert not reading.normal_study


def test_no_fracture_is_never_read_as_a_fracture_in_a_normal_study():
    reading = engine.read(ONLY_NEGATIVES)
    fracture = [f for f in reading.findings if f.concept == "fracture"]
    assert fracture and all(f.assertion == "negated" for f in fracture)
    assert reading.urgent == ()


def test_a_hedged_red_flag_is_never_a_normal_study():
    text = "Findings: Normal disc heights. A fracture of L2 cannot be excluded.\n"
    reading = engine.read(text)
    assert "fracture" in reading.urgent
    assert not reading.normal_study


def test_danger_left_unexplained_is_never_a_normal_study():
    text = "Findings: Normal alignment. Abnormal enhancement along the conus.\n"
    reading = engine.read(text)
    assert any(u.danger for u in reading.unexplained)
    assert not reading.normal_study


# --- normals and their levels ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Findings:\nT12/L1 to L2/3: normal.\nL4/5: mild disc bulge.\n",
            [("T12/L1 to L2/3: normal", ("T12-L1", "L1-L2", "L2-L3"))],
        ),
        (
            "Findings:\nL4/5: small disc bulge. The conus is normal. Remaining discs are normal.\n",
            [("The conus is normal", ()), ("Remaining discs are normal", ())],
        ),
        (
            "Findings:\nL1-L2, L2-L3: Normal.\nL3-L4: disc bulge.\n",
            [("L1-L2, L2-L3: Normal", ("L1-L2", "L2-L3"))],
        ),
        (
            "Findings:\nThe discs from L1/2 to L3/4 are normal; mild L4/5 bulge.\n",
            [("The discs from L1/2 to L3/4 are normal", ("L1-L2", "L2-L3", "L3-L4"))],
        ),
        (
            "Findings:\nL5/S1:\nNormal disc.\n",
            [("Normal disc", ("L5-S1",))],
        ),
        # look-alikes: not normals
        ("Findings:\nMild disc desiccation, normal for age.\n", []),
        ("Findings:\nLoss of the normal lordosis.\n", []),
        ("Findings:\nAbnormal marrow signal at L3.\n", []),
        ("Clinical history: normal bloods, back pain.\nFindings: L4/5 disc bulge.\n", []),
    ],
    ids=[
        "range-heading",
        "named-structure-and-remaining",
        "level-list-heading",
        "range-in-sentence",
        "level-heading-above",
        "normal-for-age",
        "loss-of-normal",
        "abnormal",
        "normal-in-history",
    ],
)
def test_it_lists_what_the_report_states_is_normal(text, expected):
    reading = engine.read(text)
    got = [(n.text, n.levels) for n in reading.normals]
    assert got == expected
    for n in reading.normals:
        assert reading.text[n.start : n.end] == n.text
    assert engine.to_contract(reading)["normals"] == [
        {"text": t, "start": n.start, "end": n.end, "levels": list(lv)}
        for (t, lv), n in zip(expected, reading.normals, strict=True)
    ]


# --- furniture -----------------------------------------------------------------------------------

FURNISHED = """Harbour Radiology Pty Ltd
Level 2, 45 Smith Road
Newtown NSW 2042
Ph: (02) 9123 4567  Fax: (02) 9123 4568

Patient: Ms Jane Citizen
DOB: 01/02/1961
Accession No: 884512
Date of exam: 12/03/2025
Referring doctor: Dr K Lee

MRI LUMBAR SPINE

Clinical history: back pain, left leg pain. eGFR 85.

Findings:
L4/5: left paracentral disc protrusion contacting the left L5 nerve root.
Creatinine 80 umol/L, eGFR >90

Impression:
L4/5 disc protrusion contacting the left L5 nerve root.

Reported by Dr A Smith MBBS FRANZCR
12/03/2025
"""


def test_it_folds_report_furniture_and_lists_none_of_it_as_unexplained():
    reading = engine.read(FURNISHED)
    assert reading.unexplained == ()
    furniture = [reading.text[s.start : s.end] for s in reading.sections if s.name == "furniture"]
    joined = "\n".join(furniture)
    for piece in (
        "Harbour Radiology Pty Ltd",
        "Newtown NSW 2042",
        "Ph: (02) 9123 4567",
        "Accession No: 884512",
        "MRI LUMBAR SPINE",
        "Creatinine 80 umol/L, eGFR >90",
        "Reported by Dr A Smith MBBS FRANZCR",
    ):
        assert piece in joined, piece
    # the findings are untouched
    concepts = {(f.concept, f.assertion, f.levels) for f in reading.findings}
    assert ("disc_protrusion", "present", ("L4-L5",)) in concepts
    assert ("nerve_root_contact", "present", ("L4-L5",)) in concepts
    assert reading.modality == "mri"
    assert reading.document == "final"
    assert not reading.normal_study
    assert {s["name"] for s in engine.to_contract(reading)["sections"]} >= {
        "furniture",
        "history",
        "findings",
        "impression",
    }


@pytest.mark.parametrize(
    "line",
    [
        "LUMBAR SPINE MRI",
        "12 Harbour Street, Newtown NSW 2042",
        "eGFR 85",
        "Electronically signed by: Jane Doe, MD",
        "Harbour Radiology Pty Ltd",
    ],
)
def test_a_furniture_line_among_findings_is_never_unexplained(line):
    text = f"Findings:\nMild L4/5 disc bulge.\n{line}\nNo canal stenosis.\n"
    reading = engine.read(text)
    assert reading.unexplained == ()
    assert any(
        s.name == "furniture" and reading.text[s.start : s.end].strip() == line
        for s in reading.sections
    )


# --- headings written inline: one-paragraph pastes --------------------------------------------

PASTE = (
    "MRI LUMBAR SPINE. Clinical: 61M back pain and left leg pain. Findings: Mild disc bulge at "
    "L4/5 with mild left foraminal narrowing. The conus is normal. Impression: 1. Mild L4/5 disc "
    "bulge. 2. Mild left L4/5 foraminal narrowing. 3. No canal stenosis."
)

PASTE_NORMAL = (
    "CT LUMBAR SPINE. History: fall, ?fracture. Technique: axial images with sagittal "
    "reformats. Findings: No fracture. Alignment is normal. Conclusion: Normal CT of the lumbar "
    "spine."
)


def _sections(reading):
    return [(s.name, reading.text[s.start : s.end].strip()) for s in reading.sections]


def test_a_one_paragraph_paste_keeps_its_sections():
    reading = engine.read(PASTE)
    names = [name for name, _ in _sections(reading)]
    assert names == ["furniture", "history", "findings", "impression"]
    assert _sections(reading)[0][1] == "MRI LUMBAR SPINE."
    assert _sections(reading)[1][1].startswith("Clinical: 61M")
    assert reading.unexplained == ()
    impression = [f for f in reading.findings if f.section == "impression"]
    assert {(f.concept, f.assertion) for f in impression} == {
        ("disc_bulge", "present"),
        ("foraminal_stenosis", "present"),
        ("canal_stenosis", "negated"),
    }
    # the history is not read as findings; the age is read
    assert all(f.section != "history" for f in reading.findings)
    assert reading.age == 61
    assert reading.modality == "mri"


def test_numbered_items_of_a_pasted_impression_are_sentences():
    from lbpreports.engine.sections import find_sections, split_sentences

    sentences = split_sentences(PASTE, find_sections(PASTE))
    impression = [PASTE[s.start : s.end] for s in sentences if s.section == "impression"]
    assert impression == [
        "Mild L4/5 disc bulge.",
        "Mild left L4/5 foraminal narrowing.",
        "No canal stenosis.",
    ]


def test_a_one_paragraph_normal_paste_is_a_normal_study():
    reading = engine.read(PASTE_NORMAL)
    assert [name for name, _ in _sections(reading)] == [
        "furniture",
        "history",
        "technique",
        "findings",
        "impression",
    ]
    assert reading.unexplained == ()
    assert reading.normal_study
    assert reading.urgent == ()
    assert reading.modality == "ct"


def test_an_inline_comparison_heading_governs_only_its_line():
    text = (
        "Findings:\nImages were obtained. Comparison: MRI of 2021.\n"
        "L4/5: broad-based disc protrusion.\n"
    )
    reading = engine.read(text)
    protrusion = [f for f in reading.findings if f.concept == "disc_protrusion"]
    assert protrusion and protrusion[0].section == "findings"
    assert protrusion[0].levels == ("L4-L5",)


def test_a_heading_word_inside_a_sentence_is_not_a_heading():
    text = "Findings:\nMild L4/5 bulge, the impression of a fissure: none.\n"
    reading = engine.read(text)
    assert [s.name for s in reading.sections] == ["findings"]


@pytest.mark.parametrize(
    "line",
    [
        "Formal report to follow.",
        "PROVISIONAL REPORT - awaiting consultant review",
        "Wet read",
        "Not yet reviewed by the attending radiologist.",
    ],
)
def test_a_line_stating_only_the_reports_status_is_furniture(line):
    assert document.furniture_rule(line) == "status"


def test_a_status_line_naming_a_finding_is_not_furniture():
    assert document.furniture_rule("Preliminary read: no fracture.") is None


def test_validate_names_a_broken_document_rule(monkeypatch):
    from lbpreports.engine import knowledge

    assert engine.validate() == []
    broken = dict(knowledge.load().document)
    broken["normal"] = [{"id": "bad", "pattern": "(unclosed"}]
    monkeypatch.setattr(
        knowledge, "load", lambda: type("K", (), {"document": broken})(), raising=True
    )
    document.rules.cache_clear()
    try:
        with pytest.raises(knowledge.KnowledgeError, match=r"document.yaml normal\[0\] \(bad\)"):
            document.rules()
    finally:
        monkeypatch.undo()
        document.rules.cache_clear()


def test_findings_under_a_one_line_history_are_findings_not_history():
    text = (
        "Lumbar spine X-ray.\nIndication: back pain for six weeks, ?fracture.\n"
        "Mild L4/5 disc space narrowing. No fracture. No bony abnormality.\n"
    )
    reading = engine.read(text)
    height = [f for f in reading.findings if f.concept == "disc_height_loss"]
    assert height and height[0].assertion == "present" and height[0].section == "findings"
    fracture = [f for f in reading.findings if f.concept == "fracture"]
    assert [f.assertion for f in fracture] == ["negated"]  # the history's "?fracture" is none
    assert reading.unexplained == ()


def test_a_history_running_over_two_lines_stays_history():
    text = "Clinical history: 70 year old man with back pain\nand leg weakness. ?cauda equina.\n"
    text += "Findings: Mild L4/5 disc bulge.\n"
    reading = engine.read(text)
    assert [s.name for s in reading.sections] == ["history", "findings"]
    assert reading.urgent == ()


def test_a_heading_with_a_note_in_brackets_is_a_heading():
    reading = engine.read("Findings (lumbar spine):\nMild L4/5 disc bulge.\n")
    assert [s.name for s in reading.sections] == ["findings"]
    assert reading.unexplained == ()
