"""Made-up reports for what the fourth round of cold readers found (issue 12): an incidental
finding said once however many words name it, one displaced disc said once by its most specific
word, a vertebra that names a lateral recess kept at its disc's level, a wide aorta that is "not
an aneurysm" said in one statement, a psoas abscess that keeps its muscle, no age figure for a slip
from a pars defect, osteopenia and a bone island in plain words, and an incidental aneurysm said
plainly without an emergency."""

import pytest

from lbpreports import engine
from lbpreports.engine.report import patient_texts
from tests.engine.test_round1_table import _section

ROWS = [
    # (fault, report, section, sentences that must be there, words that must not)
    (
        "one disc said as a herniation, an extrusion and a sequestration",
        "Findings:\nL5-S1: Large left paracentral disc herniation with an extruded component and "
        "a sequestrated fragment migrating caudally, compressing the left S1 nerve root.\n"
        "Impression: L5-S1 left disc extrusion with a sequestered fragment.",
        "found",
        [
            "The scan shows a large piece of disc that has broken off (sequestration) on the left "
            "at L5-S1.",
            "The scan shows pressure on the S1 nerve on the left at L5-S1.",
        ],
        ["(herniated disc)", "(extrusion)"],
    ),
    (
        "the same disc in the appended conclusion",
        "Findings:\nL5-S1: Large left paracentral disc herniation with an extruded component and "
        "a sequestrated fragment migrating caudally, compressing the left S1 nerve root.",
        "conclusion",
        ["a large piece of disc that has broken off (sequestration) on the left at L5-S1"],
        ["(herniated disc)", "(extrusion)"],
    ),
]


@pytest.mark.parametrize(("fault", "report", "key", "present", "absent"), ROWS)
def test_row(fault, report, key, present, absent):
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
    assert out["problems"] == [], fault
