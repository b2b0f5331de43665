"""The floors of engine part 1, held on both splits of the labelled development set.

`python -m tests.devset.score` prints the figures; the README gives them.
"""

import pytest

from tests.devset.score import load_split, score


@pytest.fixture(scope="module", params=["dev", "test"])
def result(request):
    return score(load_split(request.param))


def test_urgent_recall_is_complete(result):
    assert result.urgent_recall == 1.0


def test_no_negated_finding_is_reported_present(result):
    assert result.negated_as_present == 0


def test_no_urgent_false_alarms(result):
    assert result.urgent_false_alarms == 0


def test_recall_and_precision_floors(result):
    assert result.recall >= 0.95
    assert result.precision >= 0.95


def test_levels_are_right(result):
    assert result.level_accuracy >= 0.95


@pytest.mark.parametrize("name", ["document", "normal_study"])
def test_report_field_floors(result, name):
    """Document kind (final, preliminary, addendum, not a report) and normal study, per report."""
    assert result.fields[name].labelled == result.reports
    assert result.fields[name].accuracy >= 0.97


def test_the_set_is_as_big_as_promised():
    rows = load_split()
    lsmri = [r for r in rows if r[0].startswith("lsmri_")]
    assert len(lsmri) >= 100
    assert len(load_split("test")) >= len(rows) // 5


# Side, size, change and cause per labelled pair (docs/contract.md). The dev split holds the
# issue's floor of 0.95. The held-out test split, never read while writing the rules (79 reports
# since eight more synthetic reports written for it joined it unread), holds just below what it
# last measured (recall / precision: side 0.945 / 0.981 (104 of 110), size 0.946 / 0.972 (35 of
# 37), change 0.957 / 1.000 (22 of 23), cause 0.921 / 0.939 (93 of 101)), so that no change makes
# it worse; the 0.95 is not met there yet.
ATTRIBUTE_FLOORS = {
    "dev": {"side": 0.95, "size": 0.95, "change": 0.95, "cause": 0.95},
    "test": {"side": 0.94, "size": 0.94, "change": 0.95, "cause": 0.92},
}


def test_attribute_floors(result, request):
    split = request.node.callspec.params["result"]
    for name, floor in ATTRIBUTE_FLOORS[split].items():
        counted = result.attributes[name]
        assert counted.recall >= floor, (name, counted.recall)
        assert counted.precision >= floor, (name, counted.precision)
