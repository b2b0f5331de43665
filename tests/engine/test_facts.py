"""The fact check: a table of corrupted patient texts, each flagged with the right kind and the
section it concerns; a faithful text, in the engine's words or a GP's, flagged for nothing."""

import dataclasses
import re

import pytest

from lbpreports import engine
from lbpreports.engine import facts
from lbpreports.engine.findings import Size
from lbpreports.engine.report import patient_texts

# A made-up report. The reader's fields for size and change are set below as a reading of it
# would give them, so that these rows test the checker alone.
REPORT = """MRI LUMBAR SPINE
Clinical: 58 year old man with low back pain.
Findings: L4/5: moderate left paracentral disc protrusion measuring 6 mm, abutting the left L5 root.
Mild L3/4 disc bulge, unchanged. Possible L1 compression fracture.
Impression: Moderate L4/5 left paracentral protrusion. Possible L1 fracture."""

PROTRUSION = (
    "The scan shows a moderate disc protrusion (part of the disc pushes out) on the left between "
    "the 4th and 5th bones of your lower back (L4-L5). It measures 6 mm."
)
CONTACT = (
    "The scan shows a disc touching a nerve on the left between the 4th and 5th bones of your "
    "lower back (L4-L5)."
)
BULGE = (
    "The scan shows a mild disc bulge between the 3rd and 4th bones of your lower back (L3-L4), "
    "which has not changed since your last scan."
)
FRACTURE = (
    "The scan cannot rule out a broken bone (fracture) in the 1st bone of your lower back (L1)."
)
SUMMARY = [
    {"key": "looked_at", "heading": "What the scan looked at", "paragraphs": [
        "This was an MRI scan of your lower back.",
    ]},
    {"key": "follow_up", "heading": "What needs follow-up", "paragraphs": [
        FRACTURE,
        "Your GP needs to talk with you about this soon.",
    ]},
    {"key": "found", "heading": "What it found", "paragraphs": [PROTRUSION, CONTACT, BULGE]},
    {"key": "next", "heading": "What happens next", "paragraphs": [
        "Your GP will go through this report with you, answer your questions and talk about "
        "what to do next.",
    ]},
]  # fmt: skip
NOT_FINAL = "The full report is still to come. This summary may change."


def _with(reading, concept, **fields):
    findings = tuple(
        dataclasses.replace(f, **fields) if f.concept == concept else f for f in reading.findings
    )
    return dataclasses.replace(reading, findings=findings)


@pytest.fixture(scope="module")
def reading():
    reading = engine.read(REPORT)
    reading = _with(reading, "disc_protrusion", size=(Size(6.0, "mm", "6 mm"),))
    return _with(reading, "disc_bulge", change="unchanged")


def edited(old: str, new: str, key: str = "found", summary=SUMMARY) -> list[dict]:
    out = []
    for section in summary:
        paragraphs = list(section["paragraphs"])
        if section["key"] == key:
            joined = "\n".join(paragraphs)
            assert old in joined, f"the corruption {old!r} does not apply"
            paragraphs = [p for p in joined.replace(old, new).split("\n") if p.strip()]
        out.append({**section, "paragraphs": paragraphs})
    return out


def found(reading, text, **kw) -> set[tuple[str, str | None]]:
    return {(p.kind, p.section) for p in facts.check(reading, text, **kw)}


def test_the_faithful_text_has_no_problems(reading):
    assert facts.check(reading, SUMMARY) == []


CORRUPTIONS = [
    # (what was done, old, new, section edited, expected kind)
    ("a side swapped", "protrudes", None, None, None),
    ("side swapped", "on the left between the 4th", "on the right between the 4th", "found",
     "side_missing"),
    ("size dropped", " It measures 6 mm.", "", "found", "size_missing"),
    ("finding added", BULGE, BULGE + "\nThe scan shows a small tear in the outer ring of a disc.",
     "found", "invented"),
    ("level changed", "3rd and 4th bones of your lower back (L3-L4)",
     "2nd and 3rd bones of your lower back (L2-L3)", "found", "level_missing"),
    ("sentence repeated", BULGE, BULGE + "\n" + BULGE, "found", "stated_twice"),
    ("hedge added to a certain finding", "The scan shows a moderate disc protrusion",
     "The scan may show a moderate disc protrusion", "found", "contradiction"),
    ("certain word added to a hedged finding", "The scan cannot rule out a broken bone",
     "The scan shows a broken bone", "follow_up", "contradiction"),
    ("stated both ways", BULGE, BULGE + "\nThe scan shows a broken bone in the 1st bone of your "
     "lower back (L1).", "found", "stated_twice"),
    ("shows beside did not show", BULGE, BULGE + "\nThe scan did not show a disc bulge.", "found",
     "contradiction"),
    ("pressure on a nerve for an abutted root", "a disc touching a nerve", "pressure on a nerve",
     "found", "contradiction"),
    ("surgery invented", BULGE, BULGE + "\nYou have had an operation on your back.", "found",
     "invented"),
    ("side invented", "a mild disc bulge between", "a mild disc bulge on the right between",
     "found", "invented"),
    ("size invented", "which has not changed", "which is 4 mm and has not changed", "found",
     "invented"),
    ("severity dropped", "a moderate disc protrusion", "a disc protrusion", "found",
     "severity_missing"),
    ("severity changed", "a moderate disc protrusion", "a mild disc protrusion", "found",
     "severity_missing"),
    ("change dropped", ", which has not changed since your last scan", "", "found",
     "change_missing"),
    ("change changed", "which has not changed since your last scan",
     "which is bigger than on your last scan", "found", "change_missing"),
    ("finding missing", FRACTURE, "", "follow_up", "finding_missing"),
    ("finding missing", CONTACT, "", "found", "finding_missing"),
]  # fmt: skip
CORRUPTIONS = [row for row in CORRUPTIONS if row[1] != "protrudes"]


@pytest.mark.parametrize(
    "what, old, new, key, kind", CORRUPTIONS, ids=[f"{r[0]}: {r[4]}" for r in CORRUPTIONS]
)
def test_a_corrupted_text_is_flagged_with_its_kind_and_section(reading, what, old, new, key, kind):
    text = edited(old, new, key)
    assert (kind, key) in found(reading, text), facts.check(reading, text)


def test_a_final_report_presented_for_a_preliminary_one(reading):
    preliminary = dataclasses.replace(reading, document="preliminary")
    summary = edited(
        "This was an MRI scan of your lower back.",
        "This was an MRI scan of your lower back.\n" + NOT_FINAL,
        "looked_at",
    )
    assert facts.check(preliminary, summary) == []
    assert ("not_final", "looked_at") in found(
        preliminary, edited(NOT_FINAL, "This is the final report.", "looked_at", summary)
    )
    assert ("not_final", "looked_at") in found(
        preliminary, edited(NOT_FINAL, "", "looked_at", summary)
    )
    assert found(reading, summary) == set()  # a final report may say nothing of it


def test_the_conclusion_names_urgent_and_discuss_findings_with_level_and_side(reading):
    conclusion = " ".join(
        [
            "Here is what the report says in plain words.",
            FRACTURE,
            CONTACT,
            "The scan shows changes that are common with age, such as disc bulges.",
            "About 6 in 10 people aged 58 without back pain have disc bulges.",
            "Your GP will explain what this means for you.",
        ]
    )
    assert facts.check(reading, conclusion, conclusion=True) == []
    assert ("finding_missing", None) in found(
        reading, conclusion.replace(FRACTURE, ""), conclusion=True
    )
    assert ("side_missing", None) in found(
        reading, conclusion.replace("on the left", ""), conclusion=True
    )


# A GP's own words, in ordinary sentences: read, and found faithful or not.
GP_FAITHFUL = [
    "Your MRI shows a moderate disc protrusion at L4/5 on the left, 6 mm across, touching the "
    "left L5 nerve. There is a mild bulging disc at L3/4, unchanged since your last scan. A "
    "fracture of L1 is possible and cannot be ruled out.",
    "At L4-L5 there is a moderate protrusion on the left side that measures 6 mm and contacts "
    "the L5 nerve root on the left. The L3-L4 disc has a mild bulge that is the same as before. "
    "The scan may show a broken bone at L1.",
]


@pytest.mark.parametrize("text", GP_FAITHFUL)
def test_a_gps_faithful_wording_is_read_as_faithful(reading, text):
    assert facts.check(reading, text) == []


GP_WRONG = [
    ("There is a large disc protrusion at L4/5 on the left, 6 mm across, touching the left L5 "
     "nerve. There is a mild bulging disc at L3/4, unchanged. A fracture of L1 cannot be ruled "
     "out.", "severity_missing"),
    ("There is a moderate disc protrusion at L4/5 on the left, 6 mm across, touching the left L5 "
     "nerve. There is a mild bulging disc at L3/4, unchanged. You have a fracture of L1.",
     "contradiction"),
    ("There is a moderate disc protrusion at L4/5 on the left, 6 mm across, touching the left L5 "
     "nerve. There is a mild bulging disc at L3/4, unchanged. There is no fracture.",
     "contradiction"),
    ("There is a moderate disc protrusion at L5/S1 on the left, 6 mm across, touching the left L5 "
     "nerve. There is a mild bulging disc at L3/4, unchanged. A fracture of L1 cannot be ruled "
     "out.", "level_missing"),
]  # fmt: skip


@pytest.mark.parametrize("text, kind", GP_WRONG)
def test_a_gps_wrong_wording_is_flagged(reading, text, kind):
    assert kind in {p.kind for p in facts.check(reading, text)}, facts.check(reading, text)


def test_no_fracture_is_never_read_as_a_fracture():
    reading = engine.read("Findings: Mild L4/5 disc bulge. No fracture.")
    text = "The scan shows a mild disc bulge at L4-L5. The scan did not show a broken bone."
    assert facts.check(reading, text) == []
    assert "contradiction" in {
        p.kind for p in facts.check(reading, text.replace("did not show", "shows"))
    }


def test_the_data_reads_its_own_examples():
    assert facts.problems() == []


def test_the_safety_checkers_problems_get_their_section():
    reading = engine.read("Findings: Acute L1 compression fracture. Mild L4-5 disc bulge.")
    summary = edited(FRACTURE, "Nothing to worry about.", "follow_up")
    from lbpreports.engine import safety

    placed = facts.place(safety.check(reading, "\n".join(SUMMARY_LINES(summary))), summary)
    sections = {(p.kind, p.section) for p in placed}
    assert ("urgent_missing", "follow_up") in sections
    assert ("reassurance_with_urgent", "follow_up") in sections


def SUMMARY_LINES(summary):  # noqa: N802
    return [p for s in summary for p in s["paragraphs"]]


# The same table on the engine's own text of a made-up report: the text comes out clean, and
# each string edit of it is flagged with its kind and the section it concerns.
ENGINE_REPORT = """MRI LUMBAR SPINE
Clinical: 52 year old woman with left leg pain.
Comparison: MRI 2023.
Findings: L4/5: moderate left paracentral disc extrusion measuring 7 mm, larger than on the prior
study, compressing the traversing left L5 nerve root. Mild L3/4 disc bulge, unchanged.
Possible L1 compression fracture.
Impression: Moderate L4/5 left paracentral extrusion compressing the left L5 root.
Possible L1 fracture."""
PRELIMINARY_REPORT = """PRELIMINARY REPORT - final report to follow after consultant review.
MRI LUMBAR SPINE
Findings: Mild L4/5 disc bulge. No fracture."""


@pytest.fixture(scope="module")
def engine_text():
    reading = engine.read(ENGINE_REPORT)
    return reading, patient_texts(reading)["summary"]["sections"]


def _paragraph(sections, key: str, pattern: str) -> tuple[int, int]:
    for i, section in enumerate(sections):
        if section["key"] != key:
            continue
        for j, paragraph in enumerate(section["paragraphs"]):
            if re.search(pattern, paragraph):
                return i, j
    raise AssertionError(f"no paragraph of {key} matches {pattern!r}")


def corrupt(sections, key: str, pattern: str, edit) -> list[dict]:
    """The sections with the paragraph of `key` matching `pattern` changed by `edit` (a function
    of the paragraph; None drops it); the edit must change something."""
    i, j = _paragraph(sections, key, pattern)
    out = [{**s, "paragraphs": list(s["paragraphs"])} for s in sections]
    old = out[i]["paragraphs"][j]
    new = edit(old)
    assert new != old, f"the edit of {old!r} changes nothing"
    if new is None:
        del out[i]["paragraphs"][j]
    else:
        out[i]["paragraphs"][j : j + 1] = new.split("\n")
    return out


def _sub(pattern: str, new: str):
    return lambda p: re.sub(pattern, new, p, count=1)


def _drop_sentence(pattern: str):
    return lambda p: " ".join(s for s in re.split(r"(?<=\.)\s+", p) if not re.search(pattern, s))


ENGINE_CORRUPTIONS = [
    # (what was done, section, paragraph pattern, edit, expected kind)
    ("side swapped", "found", "extrusion", _sub(r"on the left", "on the right"), "side_missing"),
    ("size dropped", "found", "extrusion", _drop_sentence(r"7 mm"), "size_missing"),
    ("finding added", "found", "bulge", lambda p: p + "\nThe scan shows a small tear in the outer "
     "ring of a disc.", "invented"),
    ("level changed", "found", "bulge", lambda p: p.replace("L3-L4", "L2-L3").replace(
     "3rd and 4th", "2nd and 3rd"), "level_missing"),
    ("sentence repeated", "found", "bulge", lambda p: p + "\n" + p, "stated_twice"),
    ("hedge added to a certain finding", "found", "extrusion",
     _sub(r"The scan shows", "The scan may show"), "contradiction"),
    ("certain word added to a hedged finding", "follow_up", "broken bone",
     _sub(r"The scan cannot rule out", "The scan shows"), "contradiction"),
    ("surgery invented", "found", "bulge", lambda p: p + "\nYou have had an operation on your "
     "back.", "invented"),
    ("severity dropped", "found", "extrusion", _sub(r"\bmoderate ", ""), "severity_missing"),
    ("change dropped", "found", "extrusion", _drop_sentence(r"bigger|larger"), "change_missing"),
    ("finding missing", "follow_up", "broken bone", lambda p: None, "finding_missing"),
]  # fmt: skip


def test_the_engines_own_text_of_the_made_up_report_is_clean(engine_text):
    reading, sections = engine_text
    assert facts.check(reading, sections) == []


@pytest.mark.parametrize(
    "what, key, pattern, edit, kind",
    ENGINE_CORRUPTIONS,
    ids=[f"{r[0]}: {r[4]}" for r in ENGINE_CORRUPTIONS],
)
def test_an_edit_of_the_engines_text_is_flagged(engine_text, what, key, pattern, edit, kind):
    reading, sections = engine_text
    text = corrupt(sections, key, pattern, edit)
    assert (kind, key) in found(reading, text), facts.check(reading, text)


def test_the_final_word_in_a_preliminary_reports_text_is_flagged():
    reading = engine.read(PRELIMINARY_REPORT)
    assert reading.document == "preliminary"
    sections = patient_texts(reading)["summary"]["sections"]
    assert facts.check(reading, sections) == []
    edited = corrupt(sections, "looked_at", "still to come", lambda p: "This is the final report.")
    assert ("not_final", "looked_at") in found(reading, edited)
