import pytest

from lbpreports.engine.levels import find_levels, group_levels


def levels_of(text):
    return [list(g.levels) for g in group_levels(text, find_levels(text))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("L4/5", [["L4-L5"]]),
        ("L4-5", [["L4-L5"]]),
        ("L4/L5", [["L4-L5"]]),
        ("L45", [["L4-L5"]]),
        ("L4-L5", [["L4-L5"]]),
        ("L4 - L5", [["L4-L5"]]),
        ("L5S1", [["L5-S1"]]),
        ("L5/S1", [["L5-S1"]]),
        ("D12/L1", [["T12-L1"]]),
        ("T12-L1", [["T12-L1"]]),
        ("C5-C6", [["C5-C6"]]),
        ("from L3/4 to L5/S1", [["L3-L4", "L4-L5", "L5-S1"]]),
        ("L2-L5 levels", [["L2-L3", "L3-L4", "L4-L5"]]),
        ("L3 to L5", [["L3-L4", "L4-L5"]]),
        ("L4-S1", [["L4-L5", "L5-S1"]]),
        ("L2 & L3 haemangiomas", [["L2", "L3"]]),
        ("the L1 vertebral body", [["L1"]]),
        ("anterolisthesis of L4 on L5", [["L4-L5"]]),
        ("at L3/4, L4/5 and L5/S1", [["L3-L4", "L4-L5", "L5-S1"]]),
        ("T10, T11 and T12", [["T10", "T11", "T12"]]),
        ("mild wedge deformity of T1.", [["T1"]]),
        ("Axial T2 from L3 to S1", [["L3-L4", "L4-L5", "L5-S1"]]),
        ("L5/1", [["L5-S1"]]),
    ],
)
def test_it_normalises_levels(text, expected):
    assert levels_of(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "T2 hyperintense signal",
        "Loss of normal T2 disc signal (desiccation)",
        "on T1 and T2 weighted images",
        "Technique: Sagittal T1/T2, axial T2",
        "The lesion is T1 isointense",
        "Sagittal T1, T2 and STIR",
        "post-contrast T1 fat-saturated images",
        "the left S1 nerve root",
        "4.5 cm",
        "40%",
        "Series 3",
    ],
)
def test_it_does_not_mistake_other_things_for_levels(text):
    assert levels_of(text) == []
