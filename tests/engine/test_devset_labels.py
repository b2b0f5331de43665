"""The labels of the development set keep their schema (tests/devset/LABELLING.md)."""

import re
from pathlib import Path

import pytest
import yaml

from lbpreports.engine import knowledge
from tests.devset.score import load_split, sizes_in

ASSERTIONS = {"present", "negated", "uncertain", "historical"}
SIDES = {"left", "right", "bilateral"}
CHANGES = {"new", "unchanged", "larger", "smaller", "resolved"}
DOCUMENTS = {"final", "preliminary", "addendum", "not_a_report"}
LEVEL = re.compile(r"^([CTLS]\d{1,2}-[CTLS]\d{1,2}|[CTLS]\d{1,2})$")
FINDING_KEYS = {"concept", "assertion", "levels", "side", "size", "change", "cause"}

PENDING = Path(__file__).resolve().parents[1] / "devset" / "pending"


def _pending() -> list[tuple[str, str, dict]]:
    """Reports waiting in tests/devset/pending keep the schema too."""
    return [
        (
            path.stem,
            path.with_suffix(".txt").read_text(encoding="utf-8"),
            yaml.safe_load(path.read_text()),
        )
        for path in sorted(PENDING.glob("*.yaml"))
    ]


ROWS = load_split() + _pending()


def _as_list(value) -> list:
    return value if isinstance(value, list) else [value]


@pytest.mark.parametrize("report_id,text,label", ROWS, ids=[r[0] for r in ROWS])
def test_it_keeps_the_label_schema(report_id, text, label):
    concepts = set(knowledge.load().concepts)
    assert label["id"] == report_id
    assert label["document"] in DOCUMENTS
    assert isinstance(label["normal_study"], bool)
    pairs = [(f["concept"], f["assertion"]) for f in label["findings"]]
    assert len(pairs) == len(set(pairs)), "one entry per (concept, assertion) pair"
    for finding in label["findings"]:
        assert set(finding) <= FINDING_KEYS, finding
        assert finding["concept"] in concepts, finding
        assert finding["assertion"] in ASSERTIONS, finding
        assert all(LEVEL.match(level) for level in finding["levels"]), finding
        assert set(finding.get("side") or []) <= SIDES, finding
        assert set(finding.get("change") or []) <= CHANGES, finding
        for size in finding.get("size") or []:
            assert sizes_in(size), (finding, "a size with a number and mm, cm or %")
            assert size.lower() in text.lower().replace("\n", " "), (finding, "size as written")
        for cause in _as_list(finding.get("cause") or []):
            assert cause in concepts or cause == "unexplained", finding
            assert finding["assertion"] in ("present", "uncertain"), finding
    if label["normal_study"]:
        shown = [f for f in label["findings"] if f["assertion"] in ("present", "uncertain")]
        assert shown == [] and not label["danger_unexplained"]
