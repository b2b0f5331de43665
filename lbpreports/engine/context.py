"""Assertion of a finding from the words around it: present, negated, uncertain or historical.

After ConText (Harkema et al., J Biomed Inform 2009): triggers from context.yaml have a category
and a direction; a trigger's scope runs to the end of the sentence in its direction and stops at
a terminator ("but", "however", ";", a comma before a new finding). Pseudo-triggers ("no change
in", "not only") are matched too, so that the words inside them trigger nothing. Sentences are
split on line ends before this runs, so scope never crosses a line.

Where a negation and a hedge both reach a finding, the outer one wins: "no suspicious lesion" is
negated, "possible ... no longer seen" is uncertain. A hedge is never read as absent: a hedge that
opens an item of a negated list of its own is that item's ("No fracture, or possible early
discitis": the discitis is uncertain).

Lists under a negation (context.yaml `lists`): a negation governs every item of a list joined by
commas and or/nor/and, whatever modifiers the items carry, up to the end of the list; an item that
states its own finding ends it. `settle_lists` decides which breaks a negation crosses.

A benign characterisation ("rather than", "unlikely", "not favoured") is a cue of its own
category: `settle` makes it negated, with the cue kept as the hedge, for the concepts that
context.yaml `benign: negates` names, and a hedge (or nothing) for every other concept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import knowledge, pipeline
from .patterns import LEVEL_TOKEN

SCOPED = ("negated", "uncertain", "benign", "historical", "hypothetical")


@dataclass(frozen=True)
class Cue:
    category: str  # a trigger category, or "joiner" (a comma, or, nor, and between list items)
    direction: str | None
    start: int  # token indices in the doc
    end: int
    text: str
    id: str = ""  # the trigger's id
    crossed: bool = False  # a list break that a negation crosses (its list is closed)


@dataclass(frozen=True)
class Assertion:
    value: str  # present, negated, uncertain, historical
    hedge: str | None  # the report's own words for an uncertain finding
    hypothetical: bool  # only a question or request ("rule out", "?"), no other hedge
    benign: str | None = None  # the id of a benign characterisation that reaches the finding


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
            # ", significant" ends a scope at the comma; "significant" may still trigger
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
        cues.append(Cue(trigger.category, direction, s, e, doc[s:e].text, trigger.id))
    return settle_lists(doc, cues, start, end)


def _lists() -> dict:
    return knowledge.load().lists


def settle_lists(doc, cues: list[Cue], start: int, end: int) -> list[Cue]:
    """Mark the list breaks a negation crosses, add the joiners between items, and end a
    negation before a comma item that states its own finding ("No fracture, oedema is noted.").
    """
    lists = _lists()
    item_only = set(lists.get("item_only", ()))
    if not any(c.category == "negated" or c.id in item_only for c in cues):
        return cues  # only a negation (or a cue kept to its item) reads lists
    joiner_words = set(lists.get("joiners", ()))
    closers = set(lists.get("closers", ()))
    crossed_ids = set(lists.get("crossed", ()))
    joiners = [
        Cue("joiner", None, t.i, t.i + 1, t.text)
        for t in doc[start:end]
        if t.lower_ in joiner_words
        and not (t.lower_ == "and" and t.i + 1 < end and _level_follows(doc, t.i + 1, end))
    ]
    hard = sorted(c.start for c in cues if c.category == "terminate" and c.id not in crossed_ids)
    out = []
    for cue in cues:
        if cue.category == "terminate" and cue.id in crossed_ids:
            clause_end = min([p for p in hard if p > cue.start] + [end])
            after = [j for j in joiners if cue.end <= j.start < clause_end]
            words = {j.text.lower() for j in after}
            # "No fracture, large L4/5 extrusion and severe stenosis": an item with a level of
            # its own before a plain "and" states its own finding
            item_end = min([j.start for j in after] + [clause_end])
            own_level = _has_level(doc, cue.start + 1, item_end)
            if words & (closers if own_level else closers | {"and"}):
                cue = Cue(cue.category, None, cue.start, cue.end, cue.text, cue.id, True)
        out.append(cue)
    out.extend(_own_statements(doc, out, joiners, end))
    out.extend(joiners)
    out.sort(key=lambda c: c.start)
    return out


def same_item(doc, lo: int, start: int, end: int, hi: int):
    """The tokens of [lo, hi) in the same list item as the target [start, end): "fracture nor
    disc sequestration" keeps "disc" in an item of its own."""
    joiners = set(_lists().get("joiners", ()))
    for i in range(start - 1, lo - 1, -1):
        if doc[i].lower_ in joiners:
            lo = i + 1
            break
    for i in range(end, hi):
        if doc[i].lower_ in joiners:
            hi = i
            break
    return doc[lo:hi]


def _is_level(token) -> bool:
    return bool(re.match(LEVEL_TOKEN, token.lower_))


def _has_level(doc, lo: int, hi: int) -> bool:
    return any(_is_level(t) for t in doc[lo:hi])


def _level_follows(doc, i: int, end: int) -> bool:
    """ "L4 and L5", "at L4/5 and at L5/S1": an "and" between levels joins places, not items."""
    if doc[i].lower_ == "at" and i + 1 < end:
        i += 1
    return _is_level(doc[i]) or doc[i].like_num


def _own_statements(doc, cues: list[Cue], joiners: list[Cue], end: int) -> list:
    """A break at each comma whose item has a verb or a level of its own and no or/nor/and
    after it: "No fracture, marrow oedema is noted.", "No canal stenosis, left foraminal
    narrowing at L4/5."."""
    stated = [c for c in cues if c.category == "stated"]
    stops = sorted(c.start for c in cues if c.category == "terminate" and not c.crossed)
    out = []
    for comma in (j for j in joiners if j.text == ","):
        clause_end = min([p for p in stops if p > comma.start] + [end])
        if any(c.start == comma.start for c in cues if c.category == "terminate"):
            continue
        after = [j.start for j in joiners if comma.end <= j.start < clause_end]
        if any(doc[i].text != "," for i in after):
            continue  # "No fracture, oedema or lesion is seen": the verb is the whole list's
        item_end = min(after + [clause_end])
        if any(comma.end <= c.start < clause_end for c in stated) or _has_level(
            doc, comma.end, item_end
        ):
            out.append(Cue("terminate", None, comma.start, comma.end, ",", "stated_item"))
    return out


def _blocked(cues: list[Cue], lo: int, hi: int, negation: bool = False, own=None) -> bool:
    """Whether a terminator in [lo, hi) ends the scope; never the break that holds the cue
    itself (", likely benign": the comma ends what comes before, not the cue's own look back),
    nor, for a cue looking back (`own`), a break of context.yaml `lists.backward_crossed` ("an
    underlying metastatic cause for the L1 fracture cannot be excluded": the hedge is the
    metastasis's)."""
    backward = set(_lists().get("backward_crossed", ())) if own is not None else set()
    return any(
        c.category == "terminate"
        and lo <= c.start < hi
        and not (negation and c.crossed)
        and not (own is not None and c.start < own.end and own.start < c.end)
        and c.id not in backward
        for c in cues
    )


def applicable(cues: list[Cue], start: int, end: int, inside: bool = True) -> list[Cue]:
    """The cues whose scope reaches the target at tokens [start, end).

    With `inside`, a trigger among the target's own words counts too ("foramina are not
    narrowed", where the target runs from the structure to the word that describes it).
    """
    item_only = set(_lists().get("item_only", ()))
    out = []
    for cue in cues:
        if cue.category not in SCOPED:
            continue
        negation = cue.category == "negated"
        if cue.start >= start and cue.end <= end:
            if inside:
                out.append(cue)
        elif cue.direction == "forward" and cue.end <= start:
            if _blocked(cues, cue.end, start, negation):
                continue
            if cue.id in item_only and _joined(cues, cue.end, start):
                continue  # "benign haemangioma at L1 and a lytic lesion at L3"
            out.append(cue)
        elif cue.direction == "backward" and cue.start >= end:
            if _blocked(cues, end, cue.start, negation, own=cue):
                continue
            if cue.id in item_only and _joined(cues, end, cue.start - 1):
                continue  # "a metastasis at L4 and a focus at L2 in keeping with a bone island"
            out.append(cue)
    return out


def _joined(cues: list[Cue], lo: int, hi: int) -> bool:
    """Whether a list joiner (or a break) lies in tokens [lo, hi): the two sides are items."""
    return any(c.category in ("joiner", "terminate") and lo <= c.start < hi for c in cues)


def _opens_own_item(cues: list[Cue], negations: list[Cue], hedge: Cue, start: int) -> bool:
    """ "No fracture, or possible early discitis": the hedge opens an item of its own, after a
    joiner that follows the negation, and nothing separates it from the finding."""
    if hedge.end > start or hedge.id in _lists().get("negatable_hedges", ()):
        return False
    before = [n for n in negations if n.end <= hedge.start]
    if not before:
        return False
    negation = max(before, key=lambda n: n.start)
    return _joined(cues, negation.end, hedge.start) and not _joined(cues, hedge.end, start)


def assert_target(cues: list[Cue], start: int, end: int, inside: bool = True) -> Assertion:
    reach = applicable(cues, start, end, inside)
    negations = [c for c in reach if c.category == "negated"]
    hedges = [c for c in reach if c.category == "uncertain"]
    questions = [c for c in reach if c.category == "hypothetical"]
    history = [c for c in reach if c.category == "historical"]
    benign = [c for c in reach if c.category == "benign"]
    kept_open = set(knowledge.load().benign.get("kept_open_by", ()))
    # "rather than discitis, although infection cannot be excluded": it stays open
    still_open = bool(benign) and any(c.id in kept_open for c in cues)
    doubt = hedges + questions + benign

    def nearest(items: list[Cue]) -> Cue:
        return min(items, key=lambda c: min(abs(c.start - start), abs(c.end - end)))

    def doubtful(cue: Cue) -> Assertion:
        if cue.category == "benign" and not still_open:
            return Assertion("uncertain", cue.text, False, cue.id)
        return Assertion("uncertain", cue.text, not (hedges or benign))

    if negations and doubt:
        backward_doubt = [c for c in doubt if c.start >= end]
        first_negation = min(c.start for c in negations)
        forward_doubt = [c for c in doubt if c.start < start or (start <= c.start < end)]
        own = [c for c in forward_doubt if _opens_own_item(cues, negations, c, start)]
        if own:
            return doubtful(nearest(own))
        if (
            not backward_doubt
            and forward_doubt
            and first_negation < min(c.start for c in forward_doubt)
        ):
            return Assertion("negated", None, False)
        if not backward_doubt and not forward_doubt:
            return Assertion("negated", None, False)
        return doubtful(nearest(doubt))
    if negations:
        return Assertion("negated", None, False)
    if doubt:
        return doubtful(nearest(hedges + benign or questions))
    if history:
        return Assertion("historical", None, False)
    return Assertion("present", None, False)


def settle(concept: str, assertion: Assertion) -> Assertion:
    """What a benign characterisation means for this concept: negated with the cue kept as the
    hedge for a malignancy or infection; for any other concept a hedge, or nothing at all for a
    cue such as "of no clinical significance"."""
    if assertion.benign is None:
        return assertion
    rules = knowledge.load().benign
    if concept in rules.get("negates", ()):
        return Assertion("negated", assertion.hedge, False, assertion.benign)
    if assertion.benign in rules.get("no_effect", ()):
        return Assertion("present", None, False)
    return Assertion("uncertain", assertion.hedge, False)
