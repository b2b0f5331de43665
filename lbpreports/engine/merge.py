"""Mentions of one concept at one place, merged into one record; what the writer says of each.

A report names a finding in its findings and again in its impression, sometimes with another
certainty ("L1 fracture" ... "likely osteoporotic fracture"). The patient text says each finding
once, so the writer works on records, not mentions (docs/domain.md, "What every finding keeps"):

- One place: mentions of a concept whose level sets overlap, on sides that do not conflict (a
  left and a right foraminal narrowing at one level are two places). A mention without a level
  joins the concept's levelled mentions when they form one place; beside several places it joins
  none and is kept only when it is more certain than all of them.
- Certainty, strongest first: present, then a benign characterisation (malignancy or infection
  negated with its cue kept in `hedge`), then uncertain, then negated. Historical mentions
  ("previous laminectomy") are merged among themselves only.
- The record keeps the union of levels and sizes, the strongest severity with its word, the side
  (left and right at one place make both sides; none where the side is said of only some of
  several levels), the change, the cause and the effect.
- One disc displaced at one place is one record, named by its most specific word (lay.yaml
  `same_disc`): "herniation ... extruded ... sequestered fragment" at L4-L5 is the sequestration,
  keeping the side, size, severity and effect said of any of them (docs/domain.md section 4.6).
- Tier after cause: a finding pressed by an urgent finding (a tumour, abscess or haematoma on
  the thecal sac) takes the urgent tier; a cause of unstated nature (`unexplained`) counts as
  danger and does the same. A disc keeps its own tier.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from . import knowledge
from .findings import Finding, Size
from .levels import sort_levels

CERTAINTY_ORDER = ("present", "benign", "uncertain", "negated")
BENIGN_CONCEPTS = ("malignancy", "infection")
SEVERITY_ORDER = (
    "minimal",
    "mild",
    "mild-moderate",
    "moderate",
    "moderate-severe",
    "severe",
)
TIER_ORDER = ("minor", "common", "discuss", "urgent")


@dataclass(frozen=True)
class Record:
    """One finding at one place, merged from its mentions."""

    concept: str
    tier: str  # after cause
    emergency: bool
    certainty: str  # present, benign, uncertain, negated, historical
    hedge: str | None  # the cue of the winning certainty ("likely", "not favoured")
    levels: tuple[str, ...]
    side: str | None
    sizes: tuple[Size, ...]
    severity: str | None
    severity_text: str | None
    change: str | None
    cause: str | None
    effect: str | None
    mentions: tuple[Finding, ...]

    @property
    def stated(self) -> bool:
        """Said to the patient as there (or possibly there), not ruled out."""
        return self.certainty in ("present", "uncertain")

    @property
    def start(self) -> int:
        return min(f.start for f in self.mentions)


@dataclass(frozen=True)
class Statement:
    """What the patient text says about one record: the record, the summary section it is in
    (docs/contract.md keys: follow_up, found, ...), and the sentence as written."""

    record: Record
    section: str
    text: str


def certainty_of(finding: Finding) -> str:
    if finding.assertion == "negated" and finding.hedge and finding.concept in BENIGN_CONCEPTS:
        return "benign"
    return finding.assertion


def _rank(certainty: str) -> int:
    return CERTAINTY_ORDER.index(certainty) if certainty in CERTAINTY_ORDER else 0


def _severity_rank(severity: str | None) -> int:
    if severity is None:
        return -1
    if severity in SEVERITY_ORDER:
        return SEVERITY_ORDER.index(severity)
    if severity.startswith("grade-"):
        return 10 + int(severity.removeprefix("grade-") or 0)
    return -1


def _level_span(graded: list[Finding], strongest: Finding) -> tuple[str | None, str | None]:
    """ "mild to moderate at L3-L4, moderate at L4-L5 and L5-S1": one finding at several levels
    graded differently at each is said with the span of its grades ("mild to moderate"), never
    as its strongest grade at every level (round 38's GP); one grade keeps the report's word."""
    per_level = {f.severity for f in graded if f.severity in SEVERITY_ORDER and len(f.levels) == 1}
    if len({lv for f in graded for lv in f.levels}) < 2 or len(per_level) < 2:
        return strongest.severity, strongest.severity_text
    parts = [p for value in per_level for p in value.split("-")]
    ranked = sorted(parts, key=SEVERITY_ORDER.index)
    span = ranked[0] if ranked[0] == ranked[-1] else f"{ranked[0]}-{ranked[-1]}"
    if span not in SEVERITY_ORDER:
        return strongest.severity, strongest.severity_text
    return span, None


def names_abscess(text: str) -> bool:
    """A mention's words name an abscess ("psoas abscess", "abscesses", "absess")."""
    return "absc" in text.lower() or "abses" in text.lower()


def sides_conflict(a: str | None, b: str | None) -> bool:
    return a in ("left", "right") and b in ("left", "right") and a != b


def _tier_after_cause(tier: str, cause: str | None) -> str:
    if cause is None:
        return tier
    if cause == "unexplained":
        cause_tier = "urgent"
    else:
        concept = knowledge.load().concepts.get(cause)
        cause_tier = concept.tier if concept is not None else tier
    if cause_tier == "urgent" and tier != "urgent":
        return "urgent"
    return tier


def _overlap(a: set[str], b: set[str]) -> bool:
    """The same level, or a vertebra and a disc level next to it (T12 and T12-L1); two disc
    levels that share a vertebra (L3-L4, L4-L5) are two places, even through that vertebra
    (L4-L5 and L5 beside L5-S1)."""
    if a & b:
        return True
    discs_a, discs_b = {x for x in a if "-" in x}, {y for y in b if "-" in y}
    if discs_a and discs_b:
        return False  # no disc in common
    for x in a:
        for y in b:
            if ("-" in x) != ("-" in y):
                disc, bone = (x, y) if "-" in x else (y, x)
                if bone in disc.split("-"):
                    return True
    return False


class _Place:
    def __init__(self, finding: Finding) -> None:
        self.mentions: list[Finding] = [finding]
        self.levels: set[str] = set(finding.levels)
        self.sides: set[str] = {finding.side} if finding.side else set()

    def accepts(self, finding: Finding) -> bool:
        if not _overlap(self.levels, set(finding.levels)):
            return False
        return not any(sides_conflict(s, finding.side) for s in self.sides)

    def add(self, finding: Finding) -> None:
        self.mentions.append(finding)
        self.levels |= set(finding.levels)
        if finding.side:
            self.sides.add(finding.side)

    def absorb(self, other: _Place) -> None:
        for f in other.mentions:
            self.add(f)


def _distinct(finding: Finding, place: _Place) -> bool:
    if finding.assertion == "negated":
        # "The small left psoas abscess ... has resolved" beside a healing L3/4 discitis: what
        # has gone is said as gone, not folded into the infection still there (round 38)
        return finding.change == "resolved" and any(
            m.assertion == "present" for m in place.mentions
        )
    # "Chronic L2 compression fracture ... However, a subtle acute fracture cannot be excluded":
    # a red flag the report cannot rule out beside the one it states is another one (round 33)
    if (
        finding.concept in ("fracture", "malignancy")
        and finding.assertion == "uncertain"
        and re.search(r"exclu|ruled?\s+out", finding.hedge or "", re.IGNORECASE)
        and {m.assertion for m in place.mentions} == {"present"}
    ):
        return True
    sized = {s.text for m in place.mentions for s in m.size}
    # the same measure is the same thing, its side said only here ("Small (19 x 11 mm) right
    # psoas abscess" in the impression for "a small ... collection within the right psoas
    # muscle at the L3/4 level, measuring 19 x 11 mm": round 42's GP, two abscesses)
    if finding.size and sized and {s.text for s in finding.size} <= sized and not place.sides:
        return False
    if bool(finding.side) and finding.side not in place.sides:
        return True
    if _change_apart(finding, [place]):
        return True
    # a size where the place has another size is another thing; a size where the place has none
    # is the same thing measured ("L4/5 extrusion ... The extruded material extends 8 mm"), and
    # so is a length beside a share ("40% loss of height" then "a retropulsed fragment ...
    # measuring 4 mm": one fracture, not two)
    # ("3.0 cm" and "3 cm" are one measure: compared by value and unit)
    percent = {finding_size.unit == "%" for finding_size in finding.size}
    measures = {
        (s.value, s.unit) for m in place.mentions for s in m.size if (s.unit == "%") in percent
    }
    own = {(s.value, s.unit) for s in finding.size}
    return bool(finding.size and measures and not own <= measures)


def _change_apart(finding: Finding, places: list[_Place]) -> bool:
    """ "New ... focal myeloma lesions at L3 and S1, on a background of unchanged diffuse
    myelomatous infiltration": a level-less mention whose change differs from that of every
    place that has one is another thing (the background), never "new" and "unchanged" at once."""
    if finding.assertion == "negated" or not finding.change:
        return False
    changed = [{m.change for m in p.mentions if m.change} for p in places]
    return any(changed) and all(finding.change not in c for c in changed if c)


def _split_ranges(mentions: list[Finding]) -> list[Finding]:
    """ "Facet arthropathy L3/4 to L5/S1" beside "mildly hypertrophic facets" at L3/4 and
    "moderate ... facet arthropathy" at L4/5: a bare mention over several disc levels, each
    graded on its own elsewhere with different severities, is said at each level with that
    level's grade, never as the worst grade at all of them."""
    single = [m for m in mentions if len(m.levels) == 1 and m.assertion != "negated"]
    out = []
    for m in mentions:
        discs = [lv for lv in m.levels if "-" in lv]
        # (a side each level's own mention shares is no detail of its own: "Bilateral lateral
        # recess narrowing at L3/4 and L4/5" beside mild at L3/4 and severe at L4/5, round 41)
        sided = m.side and any(o.side not in (None, m.side) for o in single if o.levels[0] in discs)
        bare = not (m.severity or sided or m.size) and m.assertion != "negated"
        graded = {lv: {o.severity for o in single if o.levels == (lv,)} for lv in discs}
        if (
            len(discs) > 1
            and len(discs) == len(m.levels)
            and bare
            and all(graded[lv] for lv in discs)
            and len({frozenset(v) for v in graded.values()}) > 1
        ):
            out.extend(dataclasses.replace(m, levels=(lv,)) for lv in discs)
        else:
            out.append(m)
    return out


# collections and lesions: two sizes at one level are two things ("an epidural abscess ...
# 11 mm thick" and "a 2.6 x 1.8 cm ... psoas abscess at L2-L3")
SIZED_APART = {"infection", "malignancy", "extraspinal_mass", "epidural_haematoma"}


def _measured_apart(finding: Finding, place: _Place) -> bool:
    if finding.concept not in SIZED_APART or not finding.size:
        return False
    # "a 1.8 x 1.1 cm ... collection" and "a 1.8 cm ... abscess": one thing measured twice
    sized = {(s.value, s.unit) for m in place.mentions for s in m.size}
    return bool(sized) and not {(s.value, s.unit) for s in finding.size} & sized


_ROOT = re.compile(r"\b[LS][1-5]\b")


def _another_root(finding: Finding, place: _Place) -> bool:
    """ "compresses the descending left S1 nerve root ...; the exiting left L5 nerve root is
    not compressed": a root ruled out beside another one pressed at that place is another root,
    said apart (round 49's GP: the good news was folded into the pressure)."""
    if finding.concept != "nerve_root_compression":
        return False
    if {finding.assertion, *(m.assertion for m in place.mentions)} != {"present", "negated"}:
        return False
    mine = set(_ROOT.findall(f"{finding.text} {finding.effect or ''}"))
    theirs = {r for m in place.mentions for r in _ROOT.findall(f"{m.text} {m.effect or ''}")}
    return bool(mine and theirs and not mine & theirs)


def _places(mentions: list[Finding]) -> list[_Place]:
    """Levelled mentions grouped by overlapping levels and compatible sides; level-less ones
    join a single place, or stand alone."""
    places: list[_Place] = []
    mentions = _split_ranges(mentions)
    for f in (m for m in mentions if m.levels):
        joined = [
            p
            for p in places
            if p.accepts(f) and not _measured_apart(f, p) and not _another_root(f, p)
        ]
        if not joined:
            places.append(_Place(f))
            continue
        # "Foraminal narrowing is moderate to severe on the left and mild on the right." and an
        # impression's "Bilateral foraminal narrowing, worst on the left at L4/5": the two sides
        # stay two, each with its grade, and the mention of both adds nothing (round 44's GP)
        if (
            f.side == "bilateral"
            and not f.size
            and len(joined) > 1
            and any(
                sides_conflict(a, b) for p in joined[1:] for a in joined[0].sides for b in p.sides
            )
        ):
            continue
        first = joined[0]
        first.add(f)
        if not any("-" in lv for lv in f.levels):
            continue  # a vertebra beside two discs (L5 by L4-L5 and L5-S1) joins them not
        for other in joined[1:]:
            if any(_measured_apart(m, first) for m in other.mentions):
                continue  # two collections measured apart stay two
            # "Moderate right and mild left foraminal narrowing" and an impression's unsided
            # "Foraminal narrowing: L3/4 ...": the two sides stay two, each with its grade
            if not f.side and any(sides_conflict(a, b) for a in first.sides for b in other.sides):
                continue
            first.absorb(other)
            places.remove(other)
    loose = [m for m in mentions if not m.levels]
    if not loose:
        return places
    if len(places) == 1:
        # a level-less mention with detail of its own (a size, or a side the place does not
        # have) is another thing: "a 2 cm left psoas abscess" beside an L2-L3 abscess
        own = [f for f in loose if _distinct(f, places[0])]
        for f in loose:
            if f not in own:
                places[0].add(f)
        if own:
            rest = _Place(own[0])
            for f in own[1:]:
                rest.add(f)
            places.append(rest)
        return places
    if not places:
        # level-less mentions of one concept: one place, unless their sides conflict
        alone: list[_Place] = []
        for f in loose:
            home = next(
                (p for p in alone if not any(sides_conflict(s, f.side) for s in p.sides)), None
            )
            if home is None:
                alone.append(_Place(f))
            else:
                home.add(f)
        return alone
    # several places: a level-less mention with a side joins the one place as certain as it
    # that has no side ("Likely right sacral insufficiency fracture." in the impression, for the
    # likely fracture at S1 beside certain ones at L1 and L3)
    for f in [m for m in loose if m.side and m.assertion != "negated"]:
        same = [
            p
            for p in places
            if {certainty_of(m) for m in p.mentions} == {certainty_of(f)} and not p.sides
        ]
        if len(same) == 1:
            same[0].add(f)
            loose.remove(f)
    apart = [f for f in loose if _change_apart(f, places)]
    if apart:
        rest = _Place(apart[0])
        for f in apart[1:]:
            rest.add(f)
        places.append(rest)
        loose = [f for f in loose if f not in apart]
    best = min(_rank(certainty_of(m)) for p in places for m in p.mentions)
    stronger = [f for f in loose if _rank(certainty_of(f)) < best]
    # "No canal stenosis at L3/4 ... No canal stenosis at any level.": where every place is
    # ruled out, a level-less negation rules it out everywhere, and is kept (round 47's GP: the
    # negative said at two of three levels)
    if best == _rank("negated"):
        stronger += [f for f in loose if f.assertion == "negated" and not f.hedge]
    if stronger:
        rest = _Place(stronger[0])
        for f in stronger[1:]:
            rest.add(f)
        places.append(rest)
    return places


def merge_record(concept: str, mentions: list[Finding]) -> Record:
    """One record of the given mentions of a concept, said now."""
    return _record(concept, mentions, False)


def _hedge_rank(hedge: str) -> int:
    """How far a hedge leans towards the finding, by lay.yaml `certainty` word lists: likely
    first, then very suspicious, suspicious, suggestive, and the rest (a tie keeps the first)."""
    words = knowledge.load().lay["certainty"]
    hedge = hedge.lower()
    for rank, key in enumerate(
        ("likely_words", "very_suspicious_words", "suspicious_words", "suggestive_words")
    ):
        if hedge in words.get(key, ()) or hedge.split(" ")[0] in words.get(key, ()):
            return rank
    return 4


def _record(
    concept: str, mentions: list[Finding], historical: bool, *, own_tier: bool = False
) -> Record:
    mentions = sorted(mentions, key=lambda f: f.start)
    if historical:
        certainty = "historical"
        winners = mentions
    else:
        certainty = min((certainty_of(f) for f in mentions), key=_rank)
        winners = [f for f in mentions if certainty_of(f) == certainty]
    hedges = [f.hedge for f in winners if f.hedge]
    # "a possible fracture line, suspicious for an early insufficiency fracture": the strongest
    # leaning the report gives, never the weakest (round 50's GP: "cannot rule out")
    hedge = min(hedges, key=_hedge_rank) if hedges else None
    stated = [f for f in mentions if certainty_of(f) != "negated"] or mentions
    # "Small bilateral facet joint effusions" beside "facet joint hypertrophy": the amount of
    # fluid is not a grade of the wear
    graded = [f for f in stated if "effusion" not in f.text.lower()] or stated
    strongest = max(graded, key=lambda f: _severity_rank(f.severity))
    severity, severity_text = _level_span(graded, strongest)
    sides = {f.side for f in stated if f.side}
    levels = {lv for f in mentions for lv in f.levels}
    sided_levels = {lv for f in stated if f.side for lv in f.levels}
    if len(levels) > 1 and sided_levels and sided_levels != levels:
        # a side said of one level ("at L2 the metastasis involves the left pedicle") is not
        # the side of metastases at three levels
        sides = set()
    if "bilateral" in sides or {"left", "right"} <= sides:
        side = "bilateral"
    else:
        side = next(iter(sides), None)
    sizes: list[Size] = []
    for f in stated:
        for size in f.size:
            if all(s.text != size.text for s in sizes):
                sizes.append(size)
    # "In the right lateral recess it severely compresses the ... L5 root" and "Large L4-L5
    # extrusion ... severely compressing the traversing right L5 nerve root": the displaced
    # disc the report names as the cause, before the narrowing it causes (syn_473)
    causes = [f.cause for f in stated if f.cause]
    discs = set(knowledge.load().lay["same_disc"])
    cause = next((c for c in causes if c in discs), causes[0] if causes else None)
    # a disc named by its most specific word takes that word's tier (a protrusion said for a
    # "herniation (protrusion)" is common)
    tiered = [f for f in mentions if f.concept == concept] if own_tier else mentions
    tier = max((f.tier for f in tiered or mentions), key=TIER_ORDER.index)
    return Record(
        concept=concept,
        tier=_tier_after_cause(tier, cause),
        emergency=any(f.emergency for f in stated) and certainty in ("present", "uncertain"),
        certainty=certainty,
        hedge=hedge,
        levels=tuple(sort_levels({lv for f in mentions for lv in f.levels})),
        side=side,
        sizes=tuple(sizes),
        severity=severity,
        severity_text=severity_text,
        change=next((f.change for f in stated if f.change), None),
        cause=cause,
        effect=next((f.effect for f in stated if f.effect), None),
        mentions=tuple(mentions),
    )


def _one_disc(a: Record, b: Record) -> bool:
    """Two words for one displaced disc: the same place, the same certainty, sides that agree."""
    if a.certainty != b.certainty or a.certainty == "historical":
        return False
    if sides_conflict(a.side, b.side):
        return False
    if not a.levels and not b.levels:
        return True
    return bool(a.levels and b.levels and _overlap(set(a.levels), set(b.levels)))


def _same_disc(records: list[Record]) -> list[Record]:
    """A disc the report calls herniated, extruded and sequestered at one place is said once,
    by its most specific word (lay.yaml `same_disc`, least specific first)."""
    order = list(knowledge.load().lay.get("same_disc") or ())
    discs = [r for r in records if r.concept in order and r.certainty != "historical"]
    discs.sort(key=lambda r: -order.index(r.concept))
    used: set[int] = set()
    out = [r for r in records if r not in discs]
    for r in discs:
        if id(r) in used:
            continue
        group = [r]
        for other in discs:
            if id(other) in used or other is r or other.concept == r.concept:
                continue
            if all(_one_disc(g, other) for g in group):
                group.append(other)
        used |= {id(g) for g in group}
        if len(group) == 1:
            out.append(r)
            continue
        mentions = [m for g in group for m in g.mentions]
        # "the extrusion has regressed ... now a 3 mm residual protrusion": a disc that has
        # shrunk is said by what it is now, not by the word for what it was
        concept = r.concept
        if r.change == "smaller":
            now = [g for g in group if g is not r and g.change != "smaller"]
            # (both smaller, the one named after it is what it is now: "now a small residual
            # protrusion measuring 3 mm (previously 9 mm)")
            now = now or [g for g in group if g is not r and g.start > r.start]
            if now:
                concept = min(now, key=lambda g: order.index(g.concept)).concept
        out.append(_record(concept, mentions, False, own_tier=True))
    return out


def merge(findings) -> list[Record]:
    """One record per concept per place (one per displaced disc), in the order the report first
    names them."""
    by_concept: dict[tuple[str, bool], list[Finding]] = {}
    for f in findings:
        by_concept.setdefault((f.concept, f.assertion == "historical"), []).append(f)
    records = []
    for (concept, historical), mentions in by_concept.items():
        for place in _places(mentions):
            records.append(_record(concept, place.mentions, historical))
    return sorted(_same_disc(records), key=lambda r: r.start)
