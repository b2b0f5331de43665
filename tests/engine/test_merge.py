"""Mentions of one concept at one place become one record, with the strongest certainty."""

import dataclasses

from lbpreports import engine
from lbpreports.engine.findings import Finding, Size
from lbpreports.engine.merge import Record, Statement, merge

BASE = Finding(
    concept="disc_bulge",
    tier="common",
    emergency=False,
    assertion="present",
    hedge=None,
    levels=(),
    severity=None,
    severity_text=None,
    side=None,
    zone=None,
    text="bulge",
    start=0,
    end=5,
    section="findings",
)


def mention(start=0, **fields):
    return dataclasses.replace(BASE, start=start, end=start + 5, **fields)


def test_findings_and_impression_at_one_level_are_one_record():
    records = merge(
        [
            mention(0, levels=("L4-L5",), severity="mild", severity_text="mild"),
            mention(50, levels=("L4-L5",), section="impression"),
        ]
    )
    assert len(records) == 1
    assert records[0].levels == ("L4-L5",)
    assert records[0].severity_text == "mild"
    assert len(records[0].mentions) == 2


def test_overlapping_level_sets_are_one_place_and_take_the_union():
    records = merge([mention(0, levels=("L3-L4", "L4-L5")), mention(40, levels=("L4-L5", "L5-S1"))])
    assert [r.levels for r in records] == [("L3-L4", "L4-L5", "L5-S1")]


def test_separate_levels_are_separate_places():
    records = merge([mention(0, levels=("L3-L4",)), mention(40, levels=("L5-S1",))])
    assert [r.levels for r in records] == [("L3-L4",), ("L5-S1",)]


def test_left_and_right_at_one_level_are_two_places():
    records = merge(
        [
            mention(0, concept="foraminal_stenosis", levels=("L4-L5",), side="left"),
            mention(40, concept="foraminal_stenosis", levels=("L4-L5",), side="right"),
        ]
    )
    assert sorted(r.side for r in records) == ["left", "right"]


def test_a_side_given_once_is_kept_and_left_with_both_sides_is_both():
    one = merge([mention(0, levels=("L5-S1",), side="left"), mention(30, levels=("L5-S1",))])
    assert [r.side for r in one] == ["left"]
    both = merge([mention(0, levels=("L5-S1",), side="bilateral"), mention(30, levels=("L5-S1",))])
    assert [r.side for r in both] == ["bilateral"]


def test_a_level_less_mention_joins_the_one_levelled_place():
    records = merge(
        [
            mention(0, concept="fracture", tier="urgent", levels=("L1",), severity="mild"),
            mention(60, concept="fracture", tier="urgent", assertion="uncertain", hedge="likely"),
        ]
    )
    assert len(records) == 1
    assert records[0].certainty == "present"
    assert records[0].levels == ("L1",)


def test_a_level_less_mention_beside_several_places_adds_nothing_unless_more_certain():
    levelled = [mention(0, levels=("L3-L4",)), mention(20, levels=("L5-S1",))]
    assert len(merge([*levelled, mention(60)])) == 2
    hedged = [
        mention(0, levels=("L3-L4",), assertion="uncertain", hedge="possible"),
        mention(20, levels=("L5-S1",), assertion="uncertain", hedge="possible"),
    ]
    records = merge([*hedged, mention(60)])
    assert len(records) == 3
    assert [r.certainty for r in records if not r.levels] == ["present"]


def test_certainty_order_present_benign_uncertain_negated():
    def certainty(*assertions):
        found = []
        for i, (assertion, hedge) in enumerate(assertions):
            found.append(
                mention(
                    i * 20,
                    concept="malignancy",
                    tier="urgent",
                    levels=("L3",),
                    assertion=assertion,
                    hedge=hedge,
                )
            )
        (record,) = merge(found)
        return record.certainty, record.hedge

    assert certainty(("uncertain", "cannot be excluded"), ("present", None)) == ("present", None)
    assert certainty(("uncertain", "possible"), ("negated", "not favoured")) == (
        "benign",
        "not favoured",
    )
    assert certainty(("negated", None), ("uncertain", "possible")) == ("uncertain", "possible")
    assert certainty(("negated", None), ("negated", None)) == ("negated", None)


def test_a_plain_negation_is_not_a_benign_characterisation():
    (record,) = merge([mention(0, concept="fracture", tier="urgent", assertion="negated")])
    assert record.certainty == "negated"
    assert not record.stated


def test_negated_at_one_level_and_present_at_another_are_two_records():
    records = merge(
        [
            mention(0, concept="canal_stenosis", levels=("L3-L4",), assertion="negated"),
            mention(30, concept="canal_stenosis", levels=("L4-L5",), severity="moderate"),
        ]
    )
    assert [(r.levels, r.certainty) for r in records] == [
        (("L3-L4",), "negated"),
        (("L4-L5",), "present"),
    ]


def test_historical_mentions_stay_apart_from_present_ones():
    records = merge(
        [
            mention(0, concept="postoperative_change", tier="minor", assertion="historical"),
            mention(30, concept="postoperative_change", tier="minor"),
        ]
    )
    assert sorted(r.certainty for r in records) == ["historical", "present"]


def test_strongest_severity_sizes_change_and_effect_are_kept():
    records = merge(
        [
            mention(0, concept="disc_extrusion", tier="discuss", levels=("L5-S1",)),
            mention(
                20,
                concept="disc_extrusion",
                tier="discuss",
                levels=("L5-S1",),
                severity="severe",
                severity_text="large",
                size=(Size(7.0, "mm", "7 mm"),),
                change="larger",
                effect="the left S1 nerve root",
            ),
            mention(60, concept="disc_extrusion", tier="discuss", severity="mild"),
        ]
    )
    (record,) = records
    assert (record.severity, record.severity_text) == ("severe", "large")
    assert [s.text for s in record.sizes] == ["7 mm"]
    assert record.change == "larger"
    assert record.effect == "the left S1 nerve root"


def test_a_pressed_finding_takes_an_urgent_causes_tier_but_a_disc_keeps_its_own():
    (pressed,) = merge(
        [mention(0, concept="thecal_sac_indentation", tier="minor", cause="epidural_haematoma")]
    )
    assert pressed.tier == "urgent"
    (unknown,) = merge(
        [mention(0, concept="thecal_sac_indentation", tier="minor", cause="unexplained")]
    )
    assert unknown.tier == "urgent"
    (by_disc,) = merge(
        [mention(0, concept="thecal_sac_indentation", tier="minor", cause="disc_extrusion")]
    )
    assert by_disc.tier == "minor"


def test_emergency_only_when_stated():
    (record,) = merge(
        [
            mention(
                0,
                concept="cauda_equina_compression",
                tier="urgent",
                emergency=True,
                levels=("L2-L3",),
            )
        ]
    )
    assert record.emergency


def test_records_follow_the_report_order_and_statement_is_frozen():
    records = merge(
        [mention(40, concept="fracture", tier="urgent", levels=("L1",)), mention(0, levels=())]
    )
    assert [r.concept for r in records] == ["disc_bulge", "fracture"]
    statement = Statement(records[0], "found", "The scan shows a disc bulge.")
    assert isinstance(statement.record, Record)
    try:
        statement.text = "changed"  # type: ignore[misc]
    except dataclasses.FrozenInstanceError:
        pass
    else:  # pragma: no cover
        raise AssertionError("Statement must be frozen")


def test_a_report_that_repeats_itself_gives_one_record_per_place():
    reading = engine.read(
        "Findings: Mild L4/5 disc bulge. Small L5/S1 disc protrusion.\n"
        "Impression: 1. L4/5 disc bulge. 2. L5/S1 protrusion."
    )
    records = [r for r in merge(reading.findings) if r.certainty == "present"]
    keys = [(r.concept, r.levels) for r in records]
    assert len(keys) == len(set(keys))
    assert ("disc_bulge", ("L4-L5",)) in keys
    assert ("disc_protrusion", ("L5-S1",)) in keys


def test_a_vertebra_and_the_disc_beside_it_are_one_place_but_two_discs_are_two():
    tumour = dict(concept="malignancy", tier="urgent")
    assert (
        len(
            merge(
                [mention(0, levels=("T12",), **tumour), mention(30, levels=("T12-L1",), **tumour)]
            )
        )
        == 1
    )
    assert len(merge([mention(0, levels=("L3-L4",)), mention(30, levels=("L4-L5",))])) == 2


def test_a_vertebra_beside_two_discs_does_not_join_them():
    reading = engine.read(
        "Findings:\nL4-5: Moderate facet arthrosis.\nL5-S1: Mild facet arthrosis.\n"
        "Impression: Facet arthrosis and narrowing of the lateral recesses of L5."
    )
    facets = [r for r in merge(reading.findings) if r.concept == "facet_arthropathy"]
    assert [(r.levels, r.severity) for r in facets] == [
        (("L4-L5", "L5"), "moderate"),
        (("L5-S1",), "mild"),
    ]
