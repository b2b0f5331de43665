"""Problems with past surgery that the report names (a loose screw, bones that have not joined):
said plainly under "What needs follow-up" with their place, side, size and certainty, as
lay.yaml `surgery_problems` reads them from the sentence of a `postoperative_change` finding
(docs/domain.md section 4.6: nothing dropped; no new concept id, section 5)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import knowledge
from .attributes import find_sizes
from .levels import find_levels, sort_levels
from .merge import Record
from .places import side_words, where
from .statements import HARD, cap, grade, sentence_around

_CLAUSE = re.compile(r"[,;:]|\bbut\b|\bwhile\b|\bwhereas\b", re.IGNORECASE)
_SIDES = {"left": "left", "right": "right", "bilateral": "bilateral", "both": "bilateral"}


@dataclass(frozen=True)
class Problem:
    """One problem at one place: its sentence for the patient, its levels and the offset of
    the report's sentence it comes from."""

    text: str
    levels: tuple[str, ...]
    key: tuple


def _rules() -> dict:
    return knowledge.load().lay.get("surgery_problems") or {}


def _search(pattern: str, text: str) -> re.Match | None:
    return re.search(rf"(?<![\w-])(?:{pattern})(?![\w-])", text, re.IGNORECASE)


def _clause(sentence: str, at: int) -> str:
    """The part of the sentence around `at` between commas, semicolons or "but"."""
    cuts = [0, *(m.end() for m in _CLAUSE.finditer(sentence)), len(sentence)]
    start = max(c for c in cuts if c <= at)
    end = min((m.start() for m in _CLAUSE.finditer(sentence, at)), default=len(sentence))
    return sentence[start:end]


def _side(clause: str) -> str | None:
    found = {
        _SIDES[m.group(0).lower()]
        for m in re.finditer(r"\b(left|right|bilateral|both)\b", clause, re.IGNORECASE)
    }
    if len(found) == 1:
        return found.pop()
    return "bilateral" if {"left", "right"} <= found else None


def _ruled_out(sentence: str, match: re.Match, rules: dict) -> bool:
    """ "No loosening.", "without lucency", "loosening is not seen": the report rules it out."""
    clause = _clause(sentence, match.start())
    at = clause.lower().find(match.group(0).lower())
    before, after = clause[: max(at, 0)], clause[max(at, 0) :]
    return bool(_search(rules["negated_before"], before) or _search(rules["negated_after"], after))


def _one(sentence: str, row: dict, match: re.Match, rules: dict, levels) -> Problem:
    clause = _clause(sentence, match.start())
    own = tuple(v for m in find_levels(clause) for v in m.levels) or tuple(levels)
    own = tuple(sort_levels(own))
    side = _side(clause)
    thing = ""
    if not row.get("bones"):
        # the thing named nearest before the problem ("The left rod is fractured at the level
        # of the L5 screw head": the rod), else the first the clause or sentence names
        head = sentence[: match.start()]
        before = [
            (m.end(), t)
            for t in rules["things"]
            for m in re.finditer(rf"\b(?:{t['words']})\b", head, re.IGNORECASE)
        ]
        named = max(before, key=lambda x: x[0])[1] if before else None
        named = named or next((t for t in rules["things"] if _search(t["words"], clause)), None)
        named = named or next((t for t in rules["things"] if _search(t["words"], sentence)), None)
        thing = named["thing"] if named else rules["things"][-1]["thing"]
    side_said = f" {side_words(side)}" if side else ""
    after = sentence[match.start() :]
    hedged = _search(rules["hedge"], clause) or _search(rules["hedge"], after)
    template = row["may" if hedged else "says"]
    line = template.format(thing=thing, where=side_said + (where(own) if own else ""))
    more = []
    if own and grade(line) > HARD:
        # the place in a sentence of its own: "... at L5-S1 .... This is between ..."
        line = template.format(thing=thing, where=f"{side_said} at {', '.join(own)}")
        if len(own) == 1:
            words = where(own).strip().rsplit(" (", 1)[0]
            more.append(knowledge.load().lay["fixed"]["level_sentence"]["text"].format(where=words))
    sizes = find_sizes(clause)
    if sizes and row.get("size"):
        more.append(row["size"].format(size=sizes[0].text))
    # "which was not present in 2023", "New 2 mm lucency": the problem is new, not the surgery
    if re.search(rules["new_words"], sentence, re.I):
        more.append(rules["new"])
    text = " ".join([cap(line), *more])
    return Problem(text, own, (row["says"], own, side))


def problems(records: list[Record], text: str, unexplained=()) -> list[Problem]:
    """The surgery problems the sentences of the stated `postoperative_change` findings name,
    and, beside past surgery, the unexplained sentences ("Pseudarthrosis at L5-S1.", which
    the GP still sees as unexplained), each said once (the findings and the impression may
    both name it)."""
    rules = _rules()
    surgery = [r for r in records if r.concept == "postoperative_change"]
    sentences = [
        (sentence_around(f, text), f.levels)
        for r in surgery
        if r.certainty == "present"
        for f in r.mentions
    ]
    if surgery:
        sentences += [(u.text, ()) for u in unexplained if not u.danger]
    out: list[Problem] = []
    seen: set[str] = set()
    for sentence, levels in sentences:
        if sentence in seen:
            continue
        seen.add(sentence)
        for row in rules.get("problems", []):
            match = _search(row["words"], sentence)
            if match is None or _ruled_out(sentence, match, rules):
                continue
            problem = _one(sentence, row, match, rules, levels)
            if not any(_same(problem, p) for p in out):
                out.append(problem)
    return out


def _same(a: Problem, b: Problem) -> bool:
    """One problem said twice: the same kind, side and a level in common (or none given)."""
    if a.key[0] != b.key[0] or a.key[2] != b.key[2]:
        return False
    return not a.levels or not b.levels or bool(set(a.levels) & set(b.levels))
