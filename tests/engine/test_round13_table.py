"""Made-up reports for what the twelfth round of cold readers asked for (issue 12): a test the
report suggests only if something holds is said with its condition, as a next step ("The report
says an MRI scan may help if your symptoms last more than 6 weeks."), not as something that needs
follow-up; the conclusion says it after the findings."""

import re

import pytest

from lbpreports.engine import knowledge
from lbpreports.engine.writer import condition_of_tests
from tests.engine.test_round1_table import check_row

CONDITIONS = knowledge.load().lay["test_conditions"]


@pytest.mark.parametrize(
    ("sentence", "says"),
    [tuple(example) for entry in CONDITIONS for example in entry["examples"]],
)
def test_each_condition_example_is_said_in_plain_words(sentence, says):
    assert condition_of_tests(sentence) == says


def test_a_condition_the_table_does_not_know_is_not_guessed():
    assert condition_of_tests("MRI could be considered if clinically indicated.") is None
    assert condition_of_tests("A bone scan is suggested.") is None


def test_every_condition_pattern_compiles_and_names_only_its_groups():
    for entry in CONDITIONS:
        groups = set(re.compile(entry["pattern"]).groupindex)
        assert set(re.findall(r"{(\w+)}", entry["says"])) <= groups, entry


LATER = (
    "CT LUMBAR SPINE\nFindings: L5/S1: Central disc protrusion measuring 5 mm, indenting the "
    "thecal sac. No canal stenosis.\nImpression: L5/S1 disc protrusion. MRI would better show "
    "the nerve roots if symptoms persist beyond 6 weeks."
)

ROWS = [
    (
        "a conditional test said without its condition, under 'What needs follow-up'",
        LATER,
        "next",
        [
            "The report says an MRI scan may help if your symptoms last more than 6 weeks. Your "
            "GP will decide if you need this."
        ],
        ["more tests may help"],
    ),
    (
        "a conditional test said first in the conclusion, before the findings",
        LATER,
        "conclusion",
        [
            "have disc protrusions. The report says an MRI scan may help if your symptoms last "
            "more than 6 weeks. Your GP will decide if you need this. Your GP will explain what "
            "this means for you."
        ],
        [],
    ),
    (
        "a conditional test beside a hedged red flag leaves 'What needs follow-up'",
        "Findings: A 9 mm lesion in the L2 vertebral body; metastasis cannot be excluded. MRI "
        "with contrast is suggested if symptoms persist.",
        "follow_up",
        [
            "The report says an MRI scan with dye (contrast) may help if your symptoms do not "
            "settle."
        ],
        [],
    ),
]


@pytest.mark.parametrize(("fault", "report", "key", "present", "absent"), ROWS)
def test_row(fault, report, key, present, absent):
    check_row(fault, report, key, present, absent)


def test_a_test_without_a_condition_stays_under_follow_up():
    from lbpreports import engine
    from lbpreports.engine.report import patient_texts

    out = patient_texts(engine.read("Findings: L4/5 disc bulge. MRI is recommended.", age=55))
    follow = next(s for s in out["summary"]["sections"] if s["key"] == "follow_up")
    assert "The report suggests more tests: an MRI scan." in " ".join(follow["paragraphs"])
