"""Assertion of a finding from the words around it: present, negated, uncertain or historical.

After ConText (Harkema et al., J Biomed Inform 2009): triggers from context.yaml have a category
and a direction; a trigger's scope runs to the end of the sentence in its direction and stops at
a terminator ("but", "however", ";", a comma before a new finding). Pseudo-triggers ("no change
in", "not only") are matched too, so that the words inside them trigger nothing. Sentences are
split on line ends before this runs, so scope never crosses a line.

Where a negation and a hedge both reach a finding, the outer one wins: "no suspicious lesion" is
negated, "possible ... no longer seen" is uncertain. A hedge is never read as absent.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import pipeline


@dataclass(frozen=True)
class Cue:
    category: str
    direction: str | None
    start: int  # token indices in the doc
    end: int
    text: str


@dataclass(frozen=True)
class Assertion:
    value: str  # present, negated, uncertain, historical
    hedge: str | None  # the report's own words for an uncertain finding
    hypothetical: bool  # only a question or request ("rule out", "?"), no other hedge


def cues_in(doc, matches: list[tuple[int, int, int]], start: int, end: int) -> list[Cue]:
    """Context triggers within tokens [start, end), longest first where they overlap.

    `matches` are the context matcher's matches over the whole doc.
    """
    triggers = pipeline.matchers().triggers
    inside = [(i, s, e) for i, s, e in matches if s >= start and e <= end]
    chosen = pipeline.longest(inside)
    # ", mostly" ends the scope before it at the comma; the word after is free to trigger
    freed = []
    for i, s, e in list(chosen):
        if triggers[i].category == "terminate" and e - s > 1 and not doc[s].is_alpha:
            freed.extend(
                (j, s2, e2)
                for j, s2, e2 in inside
                if s2 > s and s2 < e and triggers[j].category not in ("terminate", "pseudo")
            )
    chosen += freed
    # a word that is a trigger both ways ("unlikely") keeps both directions
    kept = {(s, e): triggers[i] for i, s, e in chosen}
    chosen += [
        (i, s, e)
        for i, s, e in inside
        if (s, e) in kept
        and triggers[i].category == kept[(s, e)].category
        and triggers[i].direction != kept[(s, e)].direction
    ]
    chosen.sort(key=lambda m: m[1])
    stops = [s for i, s, _e in chosen if triggers[i].category == "terminate"] + [end]
    cues = []
    for index, s, e in chosen:
        trigger = triggers[index]
        direction = trigger.direction
        if doc[s].text == "?" and direction == "forward":
            # "fracture?" asks about what precedes: nothing but punctuation follows in its clause
            clause_end = min(p for p in stops if p >= e)
            if not any(t.is_alpha for t in doc[e:clause_end]):
                direction = "backward"
        cues.append(Cue(trigger.category, direction, s, e, doc[s:e].text))
    return cues


def _blocked(cues: list[Cue], lo: int, hi: int) -> bool:
    return any(c.category == "terminate" and lo <= c.start < hi for c in cues)


def applicable(cues: list[Cue], start: int, end: int, inside: bool = True) -> list[Cue]:
    """The cues whose scope reaches the target at tokens [start, end).

    With `inside`, a trigger among the target's own words counts too ("foramina are not
    narrowed", where the target runs from the structure to the word that describes it).
    """
    out = []
    for cue in cues:
        if cue.category in ("pseudo", "terminate"):
            continue
        if cue.start >= start and cue.end <= end:
            if inside:
                out.append(cue)
        elif cue.direction == "forward" and cue.end <= start:
            if not _blocked(cues, cue.end, start):
                out.append(cue)
        elif cue.direction == "backward" and cue.start >= end:
            if not _blocked(cues, end, cue.start):
                out.append(cue)
    return out


def assert_target(cues: list[Cue], start: int, end: int, inside: bool = True) -> Assertion:
    reach = applicable(cues, start, end, inside)
    negations = [c for c in reach if c.category == "negated"]
    hedges = [c for c in reach if c.category == "uncertain"]
    questions = [c for c in reach if c.category == "hypothetical"]
    history = [c for c in reach if c.category == "historical"]
    doubt = hedges + questions

    def nearest(items: list[Cue]) -> Cue:
        return min(items, key=lambda c: min(abs(c.start - start), abs(c.end - end)))

    if negations and doubt:
        backward_doubt = [c for c in doubt if c.start >= end]
        first_negation = min(c.start for c in negations)
        forward_doubt = [c for c in doubt if c.start < start or (start <= c.start < end)]
        if (
            not backward_doubt
            and forward_doubt
            and first_negation < min(c.start for c in forward_doubt)
        ):
            return Assertion("negated", None, False)
        if not backward_doubt and not forward_doubt:
            return Assertion("negated", None, False)
        cue = nearest(doubt)
        return Assertion("uncertain", cue.text, not hedges)
    if negations:
        return Assertion("negated", None, False)
    if doubt:
        cue = nearest(hedges or questions)
        return Assertion("uncertain", cue.text, not hedges)
    if history:
        return Assertion("historical", None, False)
    return Assertion("present", None, False)
