"""Made-up reports and the patient sentences they must give, for what cold readers found in the
patient texts: each row a report, sentences that must be there and words that must not."""

import pytest

from lbpreports import engine
from lbpreports.engine import knowledge
from lbpreports.engine.report import patient_texts, summary_body

FIXED = knowledge.load().lay["fixed"]
EMERGENCY = (
    "Findings: Large central disc extrusion at L3-L4 with severe compression of the cauda "
    "equina. Mild disc bulge at L5-S1."
)
ROUTINE = "Findings: Mild disc bulge at L4-L5. Facet arthropathy at L5-S1."

EXTRUSION = (
    "Findings: Large left paracentral disc extrusion at L4-L5. No sequestered fragment. "
    "Mild disc bulge at L5-S1."
)

ROWS = [
    (
        "a word defined for a finding the report rules out",
        EXTRUSION,
        "words",
        ["extrusion: Part of the soft middle of the disc has pushed out through its outer ring."],
        ["sequestered"],
    ),
    (
        "the text says sacrum but the word list does not define it",
        EXTRUSION,
        "words",
        ["sacrum: The bone at the base of the spine, between the hips."],
        [],
    ),
    (
        "the source line speaks to the clinicians, not the patient",
        ROUTINE,
        "sources",
        ["Your GP checked this summary before you got it."],
        ["lbpreports data files"],
    ),
    # (fault, report, section, sentences that must be there, words that must not)
    (
        "an emergency said to wait for the GP and offered self-help",
        EMERGENCY,
        "next",
        ["The hospital or your GP will arrange your care today."],
        ["Your GP will go through this report", "What can I do to help my back?"],
    ),
    (
        "the conclusion of an emergency ends with care today",
        EMERGENCY,
        "conclusion",
        ["The hospital or your GP will arrange your care today."],
        ["Your GP will explain what this means for you."],
    ),
    (
        "a routine report keeps the GP visit and the questions",
        ROUTINE,
        "next",
        [
            "Your GP will go through this report with you and talk about what to do next.",
            "- What can I do to help my back?",
        ],
        ["arrange your care today"],
    ),
    (
        "an addendum announced with nothing after 'It says:'",
        "Findings: Mild disc bulge at L4-L5.\n\nAddendum: A small simple left renal cyst is noted.",
        "looked_at",
        [
            "Your scan report has an extra note (an addendum) added later. This summary "
            "includes what the note adds."
        ],
        ["It says:"],
    ),
    (
        "'common with age' beside a disc pressing on a nerve reads as reassurance",
        "Findings: L4/5 disc extrusion compressing the left L5 nerve root. Mild L5/S1 disc bulge.",
        "prevalence",
        ["About 6 in 10 people aged 55 without back pain have disc bulges like the one at L5-S1."],
        ["Many of these changes are common"],
    ),
    (
        "the conclusion calls a protrusion touching a nerve a change common with age",
        "Findings: L4/5 left disc protrusion contacting the left L5 nerve root. Mild L5/S1 "
        "disc bulge.",
        "conclusion",
        ["L5 nerve"],
        ["common with age"],
    ),
    (
        "a sac pressed by a named disc listed as a minor thing that needs no care",
        "Findings: L4/5: small central disc protrusion indenting the thecal sac.",
        "found",
        ["sac of fluid around the nerves"],
        ["also mentions these things"],
    ),
    (
        "'the other discs look normal' when every disc has a finding",
        "Findings:\nL1-2: Minimal vacuum change. Normal central canal and foramina.\n"
        "L2-3: Mild disc bulge. Normal central canal.",
        "found",
        ["disc bulge"],
        ["The other discs look normal."],
    ),
    (
        "the other discs are normal where the report says so",
        "Findings:\nL1-2 to L3-4: normal.\nL4-5: Mild disc bulge.",
        "found",
        ["The scan looks normal at L1-L2, L2-L3 and L3-L4."],
        [],
    ),
]


def _section(out, key):
    if key == "conclusion":
        return out["conclusion"]
    summary = out["summary"]["sections"]
    return "\n".join(p for s in summary if s["key"] == key for p in s["paragraphs"])


def check_row(fault, report, key, present, absent):
    """One row of a table of made-up reports (rounds 3 to 5): each sentence in `present` in the
    section `key`, none of `absent` anywhere in either text, and the fact check quiet."""
    out = patient_texts(engine.read(report, age=55))
    text = _section(out, key)
    everything = (
        "\n".join(p for s in out["summary"]["sections"] for p in s["paragraphs"])
        + out["conclusion"]
    )
    for sentence in present:
        assert sentence in text, (fault, text)
    for words in absent:
        assert words not in everything, (fault, words, everything)
    assert out["problems"] == [], (fault, out["problems"])


@pytest.mark.parametrize(("fault", "report", "key", "present", "absent"), ROWS)
def test_row(fault, report, key, present, absent):
    out = patient_texts(engine.read(report, age=55))
    text = _section(out, key)
    for sentence in present:
        assert sentence in text, fault
    for words in absent:
        assert words not in text, fault


def test_an_emergency_conclusion_does_not_end_on_the_unexplained_line():
    report = EMERGENCY + " The psoas muscles are asymmetric."
    out = patient_texts(engine.read(report, age=55))
    conclusion = out["conclusion"]
    assert conclusion.endswith(FIXED["conclusion_end_emergency"]["text"])
    assert FIXED["conclusion_unexplained"]["text"] in conclusion
    assert conclusion.count("Your GP will explain") == 0
    assert FIXED["emergency"]["text"] in summary_body(out["summary"]["sections"])
