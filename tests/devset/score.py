"""Score the engine against the labelled development set, counting as docs/contract.md says.

    python -m tests.devset.score               figures for the dev and test splits
    python -m tests.devset.score --attributes  only the attribute and report-field figures
    python -m tests.devset.score --errors      also each dev-split error (never the test split's)
    python -m tests.devset.score --split dev   one split only (keeps the held-out figures unread)

Counting: one (concept, assertion) pair per report with the union of its levels. Recall counts
every required pair; precision counts every present or uncertain pair the engine reports that the
label neither requires nor allows. Levels are compared as sets for required pairs that state
levels. Urgent recall is per report: every urgent id the label supports must be in `urgent`.

Attributes (side, size, change, cause) are compared per required pair as sets, the union over
the pair's mentions, as levels are. Recall counts every required pair whose label states the
attribute (a pair the engine misses counts as a miss); precision counts every required pair the
engine finds and gives the attribute. Right means the two sets are equal. Sizes are compared by
value and unit ("7mm" = "7 mm"; "3 x 2 cm" is 3 cm and 2 cm). `document` and `normal_study` are
scored per report as accuracy.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from lbpreports import engine

HERE = Path(__file__).resolve().parent
SHOWN = ("present", "uncertain")
ATTRIBUTES = ("side", "size", "change", "cause")
REPORT_FIELDS = ("document", "normal_study")
SIZE = re.compile(
    r"(?P<values>\d+(?:\.\d+)?(?:\s*(?:mm|cm)?\s*[x×]\s*\d+(?:\.\d+)?)*)\s*(?P<unit>mm|cm|%)",
    re.IGNORECASE,
)
NUMBER = re.compile(r"\d+(?:\.\d+)?")


def sizes_in(text: str) -> set[tuple[float, str]]:
    """(value, unit) pairs written in a size phrase: "7mm" and "7 mm" agree; "3 x 2 cm" is two."""
    found = set()
    for match in SIZE.finditer(text):
        unit = match["unit"].lower()
        found.update((float(n), unit) for n in NUMBER.findall(match["values"]))
    return found


def label_attribute(entry: dict, name: str) -> frozenset:
    value = entry.get(name)
    if value is None:
        return frozenset()
    values = value if isinstance(value, list) else [value]
    if name == "size":
        return frozenset(set().union(*(sizes_in(str(v)) for v in values)))
    return frozenset(values)


def finding_attribute(finding, name: str) -> frozenset:
    if name == "size":
        found = set()
        for size in getattr(finding, "size", ()):
            found |= sizes_in(size.text) or {(float(size.value), size.unit.lower())}
        return frozenset(found)
    value = getattr(finding, name, None)
    found = {value} if value else set()
    if name == "cause":  # every finding acting together, `cause` first
        found.update(getattr(finding, "causes", ()) or ())
    return frozenset(found)


def load_split(split: str | None = None) -> list[tuple[str, str, dict]]:
    rows = []
    for line in (HERE / "splits.tsv").read_text().splitlines():
        report_id, report_split = line.split("\t")
        if split and report_split != split:
            continue
        text = (HERE / "reports" / f"{report_id}.txt").read_text(encoding="utf-8")
        label = yaml.safe_load((HERE / "labels" / f"{report_id}.yaml").read_text())
        rows.append((report_id, text, label))
    return rows


def predicted_pairs(reading) -> dict[tuple[str, str], set[str]]:
    pairs: dict[tuple[str, str], set[str]] = defaultdict(set)
    for finding in reading.findings:
        pairs[(finding.concept, finding.assertion)].update(finding.levels)
    return pairs


def predicted_attributes(reading) -> dict[tuple[str, str], dict[str, frozenset]]:
    """Per (concept, assertion) pair, each attribute as the union over the pair's mentions."""
    pairs: dict[tuple[str, str], dict[str, frozenset]] = defaultdict(
        lambda: {name: frozenset() for name in ATTRIBUTES}
    )
    for finding in reading.findings:
        pair = pairs[(finding.concept, finding.assertion)]
        for name in ATTRIBUTES:
            pair[name] = pair[name] | finding_attribute(finding, name)
    return pairs


@dataclass
class Counted:
    """Recall and precision of one attribute, or the accuracy of one report field."""

    labelled: int = 0
    labelled_right: int = 0
    given: int = 0
    given_right: int = 0

    @property
    def recall(self) -> float:
        return self.labelled_right / self.labelled if self.labelled else 1.0

    @property
    def precision(self) -> float:
        return self.given_right / self.given if self.given else 1.0

    @property
    def accuracy(self) -> float:
        return self.recall


@dataclass
class Score:
    reports: int = 0
    required: int = 0
    found: int = 0
    shown: int = 0
    shown_supported: int = 0
    levels_stated: int = 0
    levels_right: int = 0
    urgent_reports: int = 0
    urgent_reports_found: int = 0
    urgent_false_alarms: int = 0
    negated_as_present: int = 0
    danger_reports: int = 0
    danger_found: int = 0
    per_concept: dict = field(default_factory=lambda: defaultdict(Counter))
    attributes: dict = field(default_factory=lambda: {name: Counted() for name in ATTRIBUTES})
    fields: dict = field(default_factory=lambda: {name: Counted() for name in REPORT_FIELDS})
    errors: list = field(default_factory=list)
    attribute_errors: list = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.required if self.required else 1.0

    @property
    def precision(self) -> float:
        return self.shown_supported / self.shown if self.shown else 1.0

    @property
    def level_accuracy(self) -> float:
        return self.levels_right / self.levels_stated if self.levels_stated else 1.0

    @property
    def urgent_recall(self) -> float:
        return self.urgent_reports_found / self.urgent_reports if self.urgent_reports else 1.0


def score(rows) -> Score:
    result = Score()
    for report_id, text, label in rows:
        reading = engine.read(text)
        result.reports += 1
        pairs = predicted_pairs(reading)
        required = {(f["concept"], f["assertion"]): set(f["levels"]) for f in label["findings"]}
        score_attributes(result, report_id, label, reading)
        allowed = {(f["concept"], f["assertion"]) for f in label.get("allowed") or []}
        for pair, levels in required.items():
            result.required += 1
            result.per_concept[pair[0]]["required"] += 1
            if pair in pairs:
                result.found += 1
                result.per_concept[pair[0]]["found"] += 1
                if levels:
                    result.levels_stated += 1
                    if pairs[pair] == levels:
                        result.levels_right += 1
                    else:
                        result.errors.append(
                            (report_id, "levels", pair, sorted(levels), sorted(pairs[pair]))
                        )
            else:
                result.errors.append((report_id, "missed", pair, sorted(levels), None))
            if pair[1] == "negated" and (pair[0], "present") in pairs:
                if (pair[0], "present") not in required and (pair[0], "present") not in allowed:
                    result.negated_as_present += 1
                    result.errors.append((report_id, "NEGATED AS PRESENT", pair, None, None))
        for pair in pairs:
            if pair[1] not in SHOWN:
                continue
            result.shown += 1
            result.per_concept[pair[0]]["shown"] += 1
            if pair in required or pair in allowed:
                result.shown_supported += 1
            else:
                result.per_concept[pair[0]]["false"] += 1
                result.errors.append((report_id, "extra", pair, None, sorted(pairs[pair])))
        wanted = set(label.get("urgent") or [])
        if wanted:
            result.urgent_reports += 1
            if wanted <= set(reading.urgent):
                result.urgent_reports_found += 1
            else:
                result.errors.append(
                    (report_id, "URGENT MISSED", sorted(wanted - set(reading.urgent)), None, None)
                )
        supported_urgent = wanted | {c for c, a in allowed if a in SHOWN}
        false_alarms = set(reading.urgent) - supported_urgent
        result.urgent_false_alarms += len(false_alarms)
        for concept in false_alarms:
            result.errors.append((report_id, "URGENT FALSE ALARM", concept, None, None))
        if label.get("danger_unexplained"):
            result.danger_reports += 1
            if any(u.danger for u in reading.unexplained):
                result.danger_found += 1
            else:
                result.errors.append((report_id, "DANGER NOT SHOWN", None, None, None))
    return result


def score_attributes(result: Score, report_id: str, label: dict, reading) -> None:
    predicted = predicted_attributes(reading)
    for entry in label["findings"]:
        pair = (entry["concept"], entry["assertion"])
        for name in ATTRIBUTES:
            wanted = label_attribute(entry, name)
            got = predicted[pair][name] if pair in predicted else frozenset()
            counted = result.attributes[name]
            if wanted:
                counted.labelled += 1
                counted.labelled_right += got == wanted
            if got:
                counted.given += 1
                counted.given_right += got == wanted
            if got != wanted:
                shown = sorted(got) if pair in predicted else "pair missed"
                result.attribute_errors.append((report_id, name, pair, sorted(wanted), shown))
    for name in REPORT_FIELDS:
        wanted, got = label[name], getattr(reading, name)
        counted = result.fields[name]
        counted.labelled += 1
        counted.labelled_right += got == wanted
        if got != wanted:
            result.attribute_errors.append((report_id, name, None, wanted, got))


def attribute_report(result: Score) -> str:
    lines = []
    for name, c in result.attributes.items():
        lines.append(
            f"  {name + ' recall':18} {c.recall:.3f} ({c.labelled_right}/{c.labelled})"
            f"   precision {c.precision:.3f} ({c.given_right}/{c.given})"
        )
    for name, c in result.fields.items():
        lines.append(f"  {name:18} {c.accuracy:.3f} ({c.labelled_right}/{c.labelled} reports)")
    return "\n".join(lines)


def report(name: str, result: Score) -> str:
    lines = [
        f"{name}: {result.reports} reports, {result.required} required pairs",
        f"  recall             {result.recall:.3f} ({result.found}/{result.required})",
        f"  precision          {result.precision:.3f} ({result.shown_supported}/{result.shown})",
        f"  level accuracy     {result.level_accuracy:.3f} "
        f"({result.levels_right}/{result.levels_stated})",
        f"  urgent recall      {result.urgent_recall:.3f} "
        f"({result.urgent_reports_found}/{result.urgent_reports} reports)",
        f"  urgent false alarms {result.urgent_false_alarms}",
        f"  negated as present {result.negated_as_present}",
        f"  danger shown       {result.danger_found}/{result.danger_reports} reports",
    ]
    return "\n".join(lines)


def per_concept_table(result: Score) -> str:
    lines = [f"  {'concept':32} {'req':>4} {'found':>5} {'shown':>5} {'false':>5}"]
    for concept in sorted(result.per_concept):
        c = result.per_concept[concept]
        lines.append(
            f"  {concept:32} {c['required']:4} {c['found']:5} {c['shown']:5} {c['false']:5}"
        )
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="list dev-split errors")
    parser.add_argument("--concepts", action="store_true", help="per-concept table")
    parser.add_argument(
        "--attributes", action="store_true", help="only side, size, change, cause and report fields"
    )
    parser.add_argument(
        "--split", choices=("dev", "test"), help="score one split only (the default is both)"
    )
    args = parser.parse_args(argv)
    for split in (args.split,) if args.split else ("dev", "test"):
        result = score(load_split(split))
        if args.attributes:
            print(f"{split}: {result.reports} reports")
        else:
            print(report(split, result))
        print(attribute_report(result))
        if args.concepts:
            print(per_concept_table(result))
        if args.errors and split == "dev":
            for error in [] if args.attributes else result.errors:
                print("   ", *error)
            for error in result.attribute_errors:
                print("   ", *error)
    return 0


if __name__ == "__main__":
    sys.exit(main())
