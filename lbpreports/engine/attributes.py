"""What a sentence says about each of its findings: size, change since an earlier study, cause
and effect (rules in `data/attributes.yaml`).

Runs after the findings of one sentence are known, on their token positions: a size belongs to
the finding it measures, a change word to the finding it describes, and a relation ("an
extrusion compressing the left L5 root") gives the pressed finding its `effect` (the structure,
as written) and its `cause` (the concept that presses, or "unexplained" for a mass or collection
of unstated nature). A finding pressed by an urgent cause takes the cause's tier.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from functools import lru_cache

from . import knowledge, pipeline
from .patterns import LEVEL_TOKEN

TIER_RANK = {"minor": 0, "common": 1, "discuss": 2, "urgent": 3}
JOINERS = {
    ",",
    "and",
    "&",
    "with",
    "plus",
    "/",
    "associated",
    "top",
    "superimposed",
    "combined",
    "along",
}
HARD_STOPS = {";", ":", ".", "but", "however", "although", "though", "whereas", "while"}
_LEVEL = re.compile(LEVEL_TOKEN)


@dataclass(frozen=True)
class Placed:
    """A finding of the sentence with its tokens in the doc."""

    finding: object  # findings.Finding (not imported: findings imports this module)
    start: int
    end: int
    cue: tuple[int, int] | None = None  # a relation's words for what happens ("compressing")
    anchor: tuple[int, int] | None = None  # a relation's structure ("S1 root")


@dataclass(frozen=True)
class SizeMention:
    start: int  # characters
    end: int
    value: float
    unit: str
    text: str


# --- sizes ---


def _phrase(words) -> str:
    return "(?:" + "|".join(r"\s+".join(map(re.escape, w.split())) for w in words) + ")"


@lru_cache(maxsize=1)
def _size_patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    rules = knowledge.load().size
    units = sorted(rules.units, key=len, reverse=True)
    unit = _phrase(units)
    approx = _phrase(sorted(rules.approximate, key=len, reverse=True))
    num = r"\d+(?:\.\d+)?"
    sep = r"\s*(?:x|×|\*|by|-|–|to)\s*"
    size = re.compile(
        rf"(?<![\w.])(?:(?P<approx>{approx})\s*)?"
        rf"(?P<body>{num}(?:\s*{unit})?(?:{sep}{num}(?:\s*{unit})?)*)\s*(?P<unit>{unit})"
        r"(?![A-Za-z])",
        re.I,
    )
    setting = re.compile(rf"^\s*(?:[\w-]+\s+)?{_phrase(rules.not_after)}\b", re.I)
    dimension = re.compile(rf"({num})(?:\s*({unit}))?", re.I)
    return size, setting, dimension


def find_sizes(text: str, start: int = 0, end: int | None = None) -> list[SizeMention]:
    """Every size in text[start:end], with the largest number as its value."""
    rules = knowledge.load().size
    size, setting, dimension = _size_patterns()
    end = len(text) if end is None else end
    out = []
    for match in size.finditer(text, start, end):
        if setting.match(text[match.end() : match.end() + 30]):
            continue  # "3 mm slices": how the scan was made
        if re.search(
            # "slices 3 mm", "section thickness of 3 mm"; not "in axial section, extending 8 mm"
            r"(?:slice|section)s?(?:\s+(?:thickness|width|spacing|interval|gap))?\s*(?:of|:|=)?\s*$",
            text[max(0, match.start() - 25) : match.start()],
            re.I,
        ):
            continue
        unit = rules.units[re.sub(r"\s+", " ", match.group("unit").lower())]
        values = []
        for number, own_unit in dimension.findall(match.group("body")):
            value = float(number)
            own = rules.units.get(re.sub(r"\s+", " ", own_unit.lower())) if own_unit else unit
            if own == "mm" and unit == "cm":
                value /= 10
            elif own == "cm" and unit == "mm":
                value *= 10
            values.append(value)
        value = max(values)
        out.append(
            SizeMention(
                match.start(),
                match.end(),
                int(value) if value.is_integer() else value,
                unit,
                match.group(0),
            )
        )
    return out


def _words(doc, lo: int, hi: int) -> list[str]:
    return [t.lower_ for t in doc[lo:hi] if not t.is_space]


def _has(words: list[str], phrases) -> bool:
    joined = " " + " ".join(words) + " "
    return any(" " + phrase.lower() + " " in joined for phrase in phrases)


def _heads(placed: list[Placed], chosen: Placed) -> list[Placed]:
    """The finding a phrase is about, among those naming one mention ("degenerative disc
    bulge" is degeneration and a bulge): the one whose words end last, its head noun."""
    group = [p for p in placed if p.start < chosen.end and chosen.start < p.end]
    last = max(p.end for p in group)
    return [p for p in group if p.end == last]


_MEASURED_STRUCTURES = {"canal_stenosis", "lateral_recess_stenosis", "foraminal_stenosis"}


_DISPLACED = ("disc_extrusion", "disc_herniation", "disc_sequestration", "disc_protrusion")


def _size_targets(
    doc, placed: list[Placed], s: int, e: int, stops: set[int], opening: bool = False
) -> list[Placed]:
    """The findings a size measures. `opening`: the size opens its sentence ("About 4 cm,
    ovarian cyst"), so a comma after it does not part it from its finding."""
    rules = knowledge.load().size
    if s > 0 and doc[s - 1].lower_ in rules.earlier_words:
        return []  # "(previously 9 mm)": the size it had, not the size it has
    # a relation's structure (the sac, a root) is not what a size measures, unless it says
    # by how much ("compressing the thecal sac by about 50%")
    measurable = [
        p
        for p in placed
        if p.anchor is None
        or p.finding.concept in _MEASURED_STRUCTURES
        or (p.end <= s and set(_words(doc, p.end, s)) == {"by"})
    ]
    # "Central disc protrusion with a posterior annular fissure, measuring up to 5 mm": a size
    # is the protrusion's, not the tear's in it
    seldom = set(rules.seldom_measured)
    skipped = any(p.finding.concept not in seldom for p in measurable if p.end <= s)
    if skipped:
        measurable = [p for p in measurable if p.finding.concept not in seldom]
    inside = [p for p in measurable if p.start <= s and e <= p.end]
    if inside:
        return _heads(measurable, inside[0])
    # "with up to 3 mm displacement of the distal fragment": the sentence's break; "with 7 mm of
    # caudal migration": the sentence's displaced disc
    after = [t.lower_ for t in doc[e : min(len(doc), e + 3)]]
    # ("with caudal extension of 8 mm below the disc space": the words before it)
    lead = [t.lower_ for t in doc[max(0, s - 3) : s]]
    for kinds, words in ((("fracture",), rules.fracture_after), (_DISPLACED, rules.disc_after)):
        between = after[:1] and after[0] in rules.after_between
        if (
            any(w in words for w in after[:1] + (after[2:3] if after[:1] == ["of"] else []))
            or (between and after[1:2] and after[1] in words)
            or (lead[-1:] == ["of"] and any(w in words for w in lead[:-1]))
        ):
            owners = [p for p in measurable if p.finding.concept in kinds and p.end <= s]
            if owners:
                return [max(owners, key=lambda p: p.end)]
    # "A sequestered fragment has separated from the extrusion and migrated inferiorly by 16 mm":
    # how far the fragment moved, not the extrusion it left
    if lead[-1:] == ["by"] and any(w.startswith("migrat") for w in lead):
        fragments = [
            p for p in measurable if p.finding.concept == "disc_sequestration" and p.end <= s
        ]
        if fragments:
            return [max(fragments, key=lambda p: p.end)]
    # "measuring 7 mm (approximately 20%)": the bracketed size measures what the one before does
    if s >= 2 and doc[s - 1].text == "(" and doc[s - 2].lower_ in knowledge.load().size.units:
        before_size = [p for p in measurable if p.end <= s - 2]
        if before_size:
            return [max(before_size, key=lambda p: p.end)]
    before = [p for p in measurable if p.end <= s]
    after = [p for p in measurable if p.start >= e]
    previous = max(before, key=lambda p: p.end) if before else None
    following = min(after, key=lambda p: p.start) if after else None
    measured = False
    if previous is not None:
        gap = _words(doc, previous.end, s)
        label = _labelled(gap)
        # "The protrusion has enlarged since the previous study and now measures 7 mm": its
        # measure, however far, with nothing else named between
        # "..., measuring 16 x 10 mm": a participle after a comma measures the sentence's subject
        far_measure = _has(gap[-3:], rules.measure_words) and (
            len(_unbracketed(gap)) <= 2 * rules.after_gap + 4
            or (gap[-2:] == [",", "measuring"] and len(gap) <= 4 * rules.after_gap)
        )
        # "Several simple cysts are present in the right kidney, the largest 1.5 cm": the
        # largest of them
        far_measure = far_measure or (
            [w for w in gap[-3:] if w != "measuring"][-2:]
            in (["the", "largest"], ["the", "biggest"])
            and "," in gap
            and len(gap) <= 4 * rules.after_gap
        )
        # "A new sequestered fragment has ... migrated caudally ...; it measures 9 x 6 mm.": the
        # clause after the semicolon measures what the one before it named
        pronoun = (
            len(gap) >= 3
            and gap[-3] == ";"
            and gap[-2] in ("it", "this")
            and _has(gap[-1:], rules.measure_words)
            and gap.count(";") == 1
            and not any(w in HARD_STOPS for w in gap if w != ";")
        )
        # "Type 1 Modic change (low T1, high STIR signal) involves ... and extends up to 10 mm":
        # what a bracket says about the finding does not part it from its measure
        plain = _unbracketed(gap)
        blocked = (
            (len(plain) > rules.after_gap and not far_measure and not pronoun)
            or any(w in rules.owner_nouns for w in gap)
            or (any(w in HARD_STOPS for w in gap) and not label and not pronoun)
            or (
                "and" in gap
                and not _has(gap[len(gap) - gap[::-1].index("and") :], rules.measure_words)
                # "measuring 15 mm in AP dimension and 19 mm craniocaudally": a second measure
                and not (gap[-1] == "and" and _has(gap, rules.measure_words))
            )
            or any(
                previous.end <= p.start < s
                for p in placed
                if p is not previous and not (skipped and p.finding.concept in seldom)
            )
            or any(
                previous.end <= i < s
                for i in stops
                if doc[i].lower_ not in (",", "(", "which", "that")
                and not (label and doc[i].text == ":")
                and not (pronoun and doc[i].text == ";")
            )
        )
        if blocked:
            previous = None
        else:
            # "Lt foraminal disc protrusion (5 mm) on a background disc bulge": a size in
            # brackets right after a finding is its own (round 48's GP: said of the bulge)
            measured = _has(gap, rules.measure_words) or gap == ["("]
    if following is not None and following.cue is not None and following.cue[0] <= e + 1:
        following = None  # "a fragment of 5 mm narrows the canal": a verb follows, not a noun
    if following is not None:
        gap = _words(doc, e, following.start)
        # "Small (3 mm) central disc protrusion": a size in brackets inside the finding's words
        if s > 0 and doc[s - 1].text == "(" and gap[:1] == [")"]:
            gap = gap[1:]
        # "a 3.2 x 2.8 cm exophytic, heterogeneous, T2 intermediate signal lesion": after "a",
        # the commas part the words that describe the one thing the size measures
        described = s > 0 and doc[s - 1].lower_ in ("a", "an")
        parted = (
            ("(", ")", "and", "with", "in")
            if opening or described
            else (",", "(", ")", "and", "with", "in")
        )
        if (
            len([w for w in gap if not (described and w == ",")]) > rules.before_gap
            or any(w in HARD_STOPS or w in parted for w in gap)
            or any(
                e <= i < following.start
                for i in stops
                if not ((opening or described) and doc[i].text == ",")
            )
        ):
            following = None
    if previous is not None and measured:
        return _heads(measurable, previous)
    if following is not None:
        return _heads(measurable, following)
    if previous is not None:
        return _heads(measurable, previous)
    return []


def _unbracketed(words: list[str]) -> list[str]:
    """The words outside brackets."""
    out, depth = [], 0
    for w in words:
        if w == "(":
            depth += 1
        elif w == ")" and depth:
            depth -= 1
        elif not depth:
            out.append(w)
    return out


def _labelled(gap: list[str]) -> bool:
    """ "Tarlov cysts at S2: left 2.1 x 1.3 cm": a finding and its place as a label, its
    measure after the colon."""
    if gap.count(":") != 1:
        return False
    head, tail = gap[: gap.index(":")], gap[gap.index(":") + 1 :]
    after = set(knowledge.load().size.label_after)
    return all(w == "at" or _LEVEL.match(w) for w in head) and set(tail) <= after


def _earlier(doc, s: int, e: int, s1: int, *, views: bool = True) -> bool:
    """A size the finding had before: after "previously", "was", "from" ("increased from 4 mm"),
    or followed in its brackets by when ("(4mm previously)", "(20% on the January study)").
    `views`: a measure on a bending view counts too (it is not the finding's size either)."""
    rules = knowledge.load().size
    if s > 0 and doc[s - 1].lower_ in rules.earlier_words:
        return True
    # "It increases to 9 mm on flexion": a measure on a bending view, not the finding's size
    if views and any(t.lower_ in rules.dynamic_views for t in doc[e : min(s1, e + 3)]):
        return True
    # "On flexion the listhesis increases to 11 mm, and in extension it reduces to 3 mm"
    before = []
    for t in reversed(doc[max(0, s - 8) : s]):
        if t.text in (".", ";", "\n"):
            break
        before.append(t.lower_)
    if views and any(w in rules.dynamic_views for w in before):
        return True
    # "The anterolisthesis measured 3 mm at that time": a past measure said with when
    if s > 0 and doc[s - 1].lower_ in rules.earlier_past:
        # (or before it: "it has enlarged since 09/14/2023, when it measured 4 mm AP")
        when = [t.lower_ for t in doc[e : min(s1, e + 4)]]
        when += [t.lower_ for t in doc[max(0, s - 4) : s - 1]]
        if set(when) & set(rules.earlier_when) or any(
            re.fullmatch(r"(?:19|20)\d\d", w) for w in when
        ):
            return True
    if s > 0 and doc[s - 1].text == "(":
        inside = []
        for token in doc[e : min(s1, e + 8)]:
            if token.text == ")":
                break
            inside.append(token.lower_)
        else:
            return False
        # its words, or a year ("(7 mm in 2023)")
        return bool(set(inside) & set(rules.earlier_after)) or any(
            re.fullmatch(r"(?:19|20)\d\d", w) for w in inside
        )
    return False


def _structure_measured(doc, placed: list[Placed], s0: int, s: int) -> list[Placed]:
    """ "... severe canal stenosis, with the thecal sac measuring 8 mm in AP diameter": a size
    right after the structure a narrowing of the sentence narrows is that narrowing's."""
    rules = knowledge.load().size
    words = _words(doc, max(s0, s - 5), s)
    for i in range(len(words) - 1, -1, -1):
        concept = rules.structure_of.get(words[i])
        if concept is None:
            if words[i] not in rules.structure_measure_words:
                return []  # "canal stenosis with an unchanged 6 mm slip": not the canal's
            continue
        narrowed = [p for p in placed if p.finding.concept == concept and p.end <= s]
        narrowed = narrowed or [p for p in placed if p.finding.concept == concept]
        return [max(narrowed, key=lambda p: p.end)] if narrowed else []
    return []


def _part_measured(doc, placed: list[Placed], s0: int, s: int) -> list[Placed]:
    """ "maximum posterior displacement of the posterior border by about 6.5 mm" in a sentence
    about a fracture: a size that measures a part of the sentence's one fracture."""
    rules = knowledge.load().size
    words = _words(doc, max(s0, s - rules.after_gap), s)
    if not set(words) & set(rules.part_words):
        return []
    wholes = [p for p in placed if p.finding.concept in rules.part_of and p.end <= s]
    return wholes if len({p.finding.concept for p in wholes}) == 1 else []


_AORTA = re.compile(r"\baort", re.I)


def _listed_measured(doc, placed: list[Placed], s0: int, s: int) -> list[Placed]:
    """ "three focal marrow lesions ..., consistent with metastases: in the T12 vertebral body
    (14 mm), the posterior L2 vertebral body (9 mm) and ...": a bracketed size in a list after a
    colon measures the finding the list is of (round 41), where no other is named in the list."""
    if s < 1 or doc[s - 1].text != "(":
        return []
    colons = [i for i in range(s0, s) if doc[i].text == ":"]
    if not colons:
        # (or a list of places each with its size: "lesions ... in the L1 vertebral body (11
        # mm), the L3 vertebral body (18 mm) and ...", round 45: a level just before the bracket)
        if not any(_LEVEL.match(t.lower_) for t in doc[max(s0, s - 6) : s - 1]):
            return []
        # (a list: three or more; two may be two lesions named apart, as in findings.py)
        ends = min(len(doc), s + 40)
        bracketed = [
            i
            for i in range(s0, ends)
            if doc[i].text == "(" and i + 1 < ends and doc[i + 1].like_num
        ]
        if len(bracketed) < 3:
            return []
        heads = [p for p in placed if p.end <= s - 1 and p.anchor is None]
        if not heads:
            return []
        head = max(heads, key=lambda p: p.end)
        if any(head.end <= p.start < s for p in placed):
            return []
        return [head]
    colon = colons[-1]
    if any(colon < p.start < s for p in placed):
        return []
    heads = [p for p in placed if p.end <= colon and p.anchor is None]
    return [max(heads, key=lambda p: p.end)] if heads else []


def _characterised(doc, placed, s: int, e: int, unexplained, s1: int) -> list[Placed]:
    """ "a 2.5 cm collection ..., consistent with an epidural haematoma": the size of a mass or
    collection belongs to the finding the report then says it is."""
    rules = knowledge.load().size
    measured = set(_words(doc, max(0, s - 4), s)) & set(rules.measured_structures)
    if not measured and not any(abs(us - e) <= 6 or abs(s - ue) <= 6 for us, ue in unexplained):
        return []
    for i in range(e, s1):
        if doc[i].lower_ in HARD_STOPS:
            return []
        rest = _words(doc, i, min(s1, i + 3))
        if any((" ".join(rest) + " ").startswith(w + " ") for w in rules.characterised_by):
            later = [p for p in placed if p.start > i and p.start - i <= 8]
            if later:
                return _heads(placed, min(later, key=lambda p: p.start))
            return []
    return []


def _named_next(doc, placed, s0: int, s1: int) -> Placed | None:
    """ "Appearances are typical of a haemangioma": a sentence that opens by saying what the
    lesion of the sentence before is names the finding its size belongs to."""
    rules = knowledge.load().size
    words = [t.lower_ for t in doc[s0:s1]]
    for i in range(min(len(words), rules.opening_words + 1)):
        rest = " ".join(words[i : i + 3]) + " "
        if any(rest.startswith(w + " ") for w in rules.characterised_by):
            later = [p for p in placed if p.start >= s0 + i and p.start - (s0 + i) <= 8]
            return _heads(placed, min(later, key=lambda p: p.start))[0] if later else None
    return None


# --- change ---


def _change_targets(doc, placed, rule, s: int, e: int, stops: set[int]) -> list[Placed]:
    inside = [p for p in placed if p.start <= s and e <= p.end]
    if inside:  # "the thecal sac is no longer compressed"
        return _heads(placed, inside[0])
    # "now compressing the L3 root": the finding may begin inside the change's words
    forward = [p for p in placed if p.start > s and p.start - e <= 8]
    if forward and rule.direction in ("forward", "both"):
        nearest = min(forward, key=lambda p: p.start)
        gap = _words(doc, e, nearest.start)
        if not any(w in HARD_STOPS or w == "," for w in gap) and not any(
            e <= i < nearest.start for i in stops
        ):
            # "progression of the disc bulge and facet joint hypertrophy": each finding of a
            # list joined by "and" right after the change (syn_601)
            chosen = list(_heads(placed, nearest))
            last = nearest
            for p in sorted(forward, key=lambda p: p.start):
                if p.start < last.end or p in chosen:
                    continue
                if set(_words(doc, last.end, p.start)) - {"and", "the"} or "and" not in _words(
                    doc, last.end, p.start
                ):
                    break
                chosen.append(p)
                last = p
            return chosen
    if rule.direction == "forward":
        return []
    before = [p for p in placed if p.end <= s]
    if not before:
        return []
    nearest = max(before, key=lambda p: p.end)
    # "canal stenosis due to disc bulge and facet arthropathy, unchanged": the stenosis
    by_words = knowledge.load().cause.by_words
    # "... due to grade 1 anterolisthesis (progressed since 2024)": a bracket says it of the cause
    bracketed = doc[nearest.end : s].text.strip() == "("
    for q in sorted(before, key=lambda p: -p.end):
        if bracketed:
            break
        if q.end <= nearest.start and _has(_words(doc, q.end, nearest.start), by_words):
            nearest = q
            break
    if bracketed:
        return _heads(placed, nearest)
    gap = _words(doc, nearest.end, s)
    # "... extrusion at L5-S1 measures 9 mm ...; it has enlarged since 09/14/2023": a pronoun
    # after the semicolon is the clause's finding before it
    if gap[-2:] == [";", "it"] and gap.count(";") == 1:
        return _heads(placed, nearest)
    if _count(gap) > 12 or any(w in HARD_STOPS for w in gap):
        return []
    plural = bool(set(_words(doc, max(nearest.end, s - 2), s)) & {"are", "have", "were", "remain"})
    chosen = [p for p in placed if p.start < nearest.end and nearest.start < p.end]
    for p in sorted(before, key=lambda p: -p.end):
        if p in chosen or p.start >= nearest.end:
            continue
        lo = min(c.start for c in chosen)
        if p.end > lo:
            chosen.append(p)
            continue
        between = _words(doc, p.end, lo)
        if any(w in HARD_STOPS or w == "," for w in between):
            break
        if ("and" in between or "with" in between) and not plural:
            break
        # "facet hypertrophy produce moderate canal stenosis, increased from mild": the change
        # is the stenosis's, not the cause's
        if _has(between, knowledge.load().cause.causal_links):
            break
        chosen.append(p)
    return chosen


# --- cause and effect ---


def _is_verb(token_text: str, endings) -> bool:
    word = token_text.lower()
    return len(word) > 4 and any(word.endswith(ending) for ending in endings)


def _effect_start(doc, p: Placed, lo_limit: int) -> int:
    rules = knowledge.load().cause
    lo, hi = p.anchor
    words = {w for w in rules.effect_words if w != "@level"}
    while lo - 1 >= lo_limit:
        word = doc[lo - 1].lower_
        if word in words or _LEVEL.match(word):
            lo -= 1
        else:
            break
    while lo < hi and doc[lo].lower_ in ("and", "/", "of"):
        lo += 1
    return lo


def _effect_text(doc, p: Placed, lo_limit: int) -> str:
    return doc[_effect_start(doc, p, lo_limit) : p.anchor[1]].text


@dataclass(frozen=True)
class _Option:
    start: int
    end: int
    concept: str
    levels: tuple[str, ...] = ()
    acted_on: bool = False  # "fills the left lateral recess": the object of another's verb


def _chain_back(
    doc, before: list[_Option], first: _Option, narrowings, reach: int = 8
) -> tuple[str, ...]:
    """The findings that act together with the nearest cause: "disc bulge, facet and
    ligamentum flavum hypertrophy compressing ..." names all three ("..., all leading to"
    reaches further)."""
    chain, lo = [first], first.start
    for option in before:
        if option is first or option.start >= lo:
            continue
        if option.end > lo:  # "facet joint and ligamentum flavum hypertrophy": shared words
            chain.append(option)
            lo = option.start
            continue
        gap = _words(doc, option.end, lo)
        if len(gap) > reach or any(w in HARD_STOPS for w in gap):
            break
        # "Moderate left foraminal narrowing, the bulging disc abutting the L4 root": a new
        # subject after the comma acts alone
        if (
            "," in gap
            and gap[-1] in ("the", "this", "a", "an")
            and not {"together", "along"} & set(gap)
        ):
            break  # ("a 4 mm disc protrusion, together with the osteophytes, narrows ...")
        if not JOINERS & set(gap):
            continue  # a word of the same phrase ("postoperative epidural haematoma")
        if first.concept in narrowings and option.concept not in narrowings:
            break  # "a cyst with lateral recess stenosis compressing the root": the stenosis
        if option.levels and first.levels and not set(option.levels) & set(first.levels):
            break
        chain.append(option)
        lo = option.start
    return tuple(dict.fromkeys(o.concept for o in chain))


THESE_ACT = re.compile(
    r"\b(?:together,?\s+)?(?:these|they|both)\s+(?:together\s+)?"
    r"(?:produce|cause|result\s+in|combine|lead\s+to)\b",
    re.IGNORECASE,
)


def _chain_forward(doc, later: list[_Option]) -> tuple[str, ...]:
    """ "due to anterolisthesis, facet arthropathy and ligamentum flavum hypertrophy"."""
    chain, hi = [later[0]], later[0].end
    for option in later[1:]:
        if option.start < hi:
            continue
        gap = _words(doc, hi, option.start)
        # ("due to the slip, an uncovered broad-based disc bulge and foraminal osteophytes");
        # a size between counts for nothing ("facet hypertrophy and a 9 mm left facet cyst")
        sized = {"mm", "cm"} & set(gap)
        if len(gap) > (8 if sized else 5) or any(w in HARD_STOPS for w in gap):
            break
        if not {",", "and", "&", "/", "with", "+"} & set(gap):
            break  # "due to a bulge along with hypertrophy of the facets" names both
        chain.append(option)
        hi = option.end
    return tuple(dict.fromkeys(o.concept for o in chain))


_BEFORE_OBJECT = {"the", "a", "an", "left", "right", "lt", "rt", "both", "bilateral"}


def _object_of_verb(doc, start: int) -> bool:
    """ "fills the left lateral recess": the words before a finding are a verb acting on it."""
    i = start - 1
    while i >= 0 and doc[i].lower_ in _BEFORE_OBJECT:
        i -= 1
    endings = knowledge.load().cause.verb_endings
    return i >= 0 and i < start - 1 and _is_verb(doc[i].text, endings)


def _cause_of(doc, placed, p: Placed, unexplained, spans) -> tuple[str, ...]:
    rules = knowledge.load().cause
    target = min(p.start, p.cue[0] if p.cue else p.start)
    narrowing = p.finding.concept in rules.need_causal_link
    options = [
        _Option(
            q.start,
            q.end,
            q.finding.concept,
            q.finding.levels,
            acted_on=_object_of_verb(doc, q.start),
        )
        for q in placed
        if q is not p
        and q.finding.concept in rules.causes
        and q.finding.assertion != "negated"
        and not (narrowing and q.finding.concept in rules.need_causal_link)
    ]
    options += [
        _Option(s, e, "unexplained")
        for s, e in unexplained
        if not any(a <= s and e <= b for a, b in spans)  # "mass" inside a finding's own words
    ]
    # "compression of the S1 root by a disc fragment": the cause is named after "by"
    after_end = max(p.end, p.anchor[1] if p.anchor else p.end)
    lead = set(rules.by_lead_words)
    while (
        after_end < len(doc)
        and after_end - p.end < 10
        and (
            doc[after_end].lower_ in lead
            or _LEVEL.match(doc[after_end].lower_)
            or doc[after_end].is_digit
        )
    ):
        after_end += 1  # "indented at L5/S1 by a bulge", "... root within the foramen due to"
    tail = _words(doc, after_end, min(len(doc), after_end + 3))
    if tail and any((" ".join(tail) + " ").startswith(w + " ") for w in rules.by_words):
        later = sorted((o for o in options if o.start >= after_end), key=lambda o: o.start)
        if later and later[0].start - after_end <= 8:
            return _chain_forward(doc, later)
    # the relation's word acts on its structure ("compressing the sac", and typed as
    # "compressin the sac" or "compression the sac"; not "compression of the sac")
    direct = (
        p.cue is not None
        and p.anchor is not None
        and p.cue[0] < p.anchor[0]
        and (
            _is_verb(doc[p.cue[1] - 1].text, rules.verb_endings)
            or (not narrowing and "of" not in _words(doc, p.cue[1], p.anchor[0]))
        )
        # "a bulge with narrowed spinal canal": a past form after "with" or an article names
        # the state, not what acts on it
        and not (
            narrowing and p.cue[0] > 0 and doc[p.cue[0] - 1].lower_ in ("with", "a", "an", "the")
        )
    )
    before = sorted((o for o in options if o.end <= target), key=lambda o: (-o.end, -o.start))
    # "A 9 mm synovial cyst arises from ... and projects into the right lateral recess,
    # narrowing the recess and indenting the thecal sac": a participle clause after a comma or
    # "and" says what the sentence's subject does, however long the clause before it
    # ("... compressing the S1 root in the lateral recess and mildly indenting the sac": an
    # adverb between)
    lead_at = p.cue[0] - 1 if p.cue is not None else 0
    if lead_at > 0 and doc[lead_at].lower_.endswith("ly"):
        lead_at -= 1
    participle = (
        direct
        and doc[p.cue[0]].lower_.endswith("ing")
        and p.cue[0] > 0
        and doc[lead_at].lower_ in (",", "and")
    )
    window = 2 * rules.window if participle else rules.window
    for option in before:
        gap = _words(doc, option.end, target)
        if _count(gap) > window or any(w in HARD_STOPS for w in gap):
            break
        # "foraminal narrowing with the exiting L5 root in contact": a narrowing "with" a root
        # states no cause (tests/devset/LABELLING.md); a disc "with compression of" it does
        if (
            gap
            and "with" in (gap[0], gap[-1])
            and (not direct or gap in ([",", "with"], ["with"]))
            and option.concept in rules.need_causal_link
        ):
            break  # ("Moderate foraminal narrowing, with contact on the exiting L4 root")
        # "The extruded disc fills the left lateral recess and compresses the S1 root": what
        # another finding acts on is not the subject of the verb joined to it by "and"
        if option.acted_on and gap and gap[0] == "and":
            continue
        # "osteophytes narrow the foramen": the relation's word right after its subject
        next_to = not gap and p.cue is not None and p.cue[0] == option.end
        if narrowing:
            linked = direct or next_to or _has(gap, rules.causal_links)
        else:
            linked = direct or next_to or _has(gap, rules.links)
        if linked:
            # "..., all leading to", "with secondary canal stenosis": what was described before
            together = {"all", "together"} | set(rules.back_words)
            reach = 30 if together & set(gap) else 8
            if _singular_clause(doc, p, gap):
                return (option.concept,)  # "facet effusions and a synovial cyst, which indents"
            return _chain_back(doc, before, option, rules.need_causal_link, reach)
    return ()


def _singular_clause(doc, p: Placed, gap: list[str]) -> bool:
    """ "..., which indents the sac": a relative clause with a singular verb is about the one
    finding it follows, not the list before it ("..., which compress the sac" is the list's)."""
    if p.cue is None or not gap or not set(gap) <= {",", "which", "that", "also"} or gap[-1] == ",":
        return False
    verb = doc[p.cue[0]].lower_
    return verb.endswith("s") and not verb.endswith("ss") and len(verb) > 3


def _count(words: list[str]) -> int:
    return sum(1 for w in words if any(ch.isalnum() for ch in w))


def _refers_back(doc, s0: int, p: Placed, target: int) -> bool:
    """ "It compresses the thecal sac", "- Mildly compressing the thecal sac ...", "Secondary
    canal stenosis": the subject is in the sentence before."""
    rules = knowledge.load().cause
    words = set(w for w in _words(doc, s0, target) if any(ch.isalnum() for ch in w))
    if words & {"it", "this", "they", "these", "which"} or words & set(rules.back_words):
        return True
    # "Mildly compressing the sac" carries on; "Mild narrowing of the central canal." is a
    # finding of its own
    acting = (
        p.cue is not None
        and p.anchor is not None
        and p.cue[0] < p.anchor[0]
        and "of" not in _words(doc, p.cue[1], p.anchor[0])
    )
    return acting and words <= set(rules.lead_words)


def _sides(doc, dm, placed: list[Placed], s0: int, s1: int, updates: dict) -> None:
    """Sides the nearest-word rule of findings.py cannot see: on a pressed structure only where
    written on it; written after the finding across a comma; before it across modifiers."""
    kb = knowledge.load()
    m = pipeline.matchers()
    written = [
        (m.side_values[k], s, e)
        for k, s, e in pipeline.longest([x for x in dm.side if x[1] >= s0 and x[2] <= s1])
    ]
    structures = kb.cause.side_on_structure

    def side_of(i: int) -> str | None:
        return updates[i].get("side", placed[i].finding.side)

    for i, p in enumerate(placed):
        if p.finding.concept in structures and p.anchor is not None:
            lo_limit = p.cue[1] if p.cue and p.cue[1] <= p.anchor[0] else s0
            lo, hi = _effect_start(doc, p, lo_limit), p.anchor[1]
            # "compressing the thecal sac from the left"
            tail = hi
            while tail < min(s1, hi + 3) and doc[tail].lower_ in ("from", "on", "to", "the"):
                tail += 1
            on = [
                v
                for v, s, e in written
                if v != "none" and (lo <= s and e <= hi or (s == tail and tail > hi))
            ]
            updates[i]["side"] = on[0] if on else None
    after = pipeline.longest([x for x in dm.side_after if x[1] >= s0 and x[2] <= s1])
    for k, s, e in after:
        # "more to Lt the sided the thecal sac": written on the structure that follows
        onto = [
            i
            for i, p in enumerate(placed)
            if p.finding.concept in structures
            and p.anchor is not None
            and e <= p.anchor[0]
            and set(_words(doc, e, p.anchor[0])) <= {"the", "side", "sided"}
        ]
        if onto:
            updates[onto[0]]["side"] = m.side_after_values[k]
            continue
        before = [
            i for i, p in enumerate(placed) if p.end <= s and p.finding.concept not in structures
        ]
        if not before:
            continue
        nearest = max(before, key=lambda i: placed[i].end)
        gap = _words(doc, placed[nearest].end, s)
        if kb.side_focus & set(gap) and any(_LEVEL.match(w) for w in gap):
            # "disc bulges with facet hypertrophy, noticeably at L4-L5 (Lt side)": the subject
            nearest = min(before, key=lambda i: placed[i].start)
        elif placed[nearest].finding.concept in kb.side_after_passes:
            # "disc bulge with annular tear more to the right side": the bulge's side
            held = [
                i
                for i in before
                if placed[i].end <= placed[nearest].start
                and _words(doc, placed[i].end, placed[nearest].start) in (["with"], ["with", "an"])
            ]
            if held:
                nearest = held[-1]
        # words, not tokens: "noted at L5/S1 level, migrated caudally, slightly to right side"
        if _count(gap) > 10 or any(w in HARD_STOPS for w in gap):
            continue
        for head in _heads(placed, placed[nearest]):
            i = placed.index(head)
            if side_of(i) is None:
                updates[i]["side"] = m.side_after_values[k]
    # "Lt paracentral disc protrusion & sequestration": one piece of disc, one side
    shared = kb.side_shared
    for i, p in enumerate(placed):
        if side_of(i) is not None or p.finding.concept not in shared:
            continue
        for j, q in enumerate(placed):
            if q.end <= p.start and q.finding.concept in shared and side_of(j) is not None:
                gap = _words(doc, q.end, p.start)
                if gap and set(gap) <= {"and", "&", "a", "an", "the", "/"}:
                    updates[i]["side"] = side_of(j)
    for i, p in enumerate(placed):
        if side_of(i) is not None or p.finding.concept in structures:
            continue
        for value, _s, e in sorted(written, key=lambda w: -w[2]):
            if e > p.start or p.start - e > 8 or value == "none":
                continue
            between = _words(doc, e, p.start)
            if any(e <= q.start < p.start for q in placed if q is not p):
                break
            if all(w in kb.side_modifiers or _LEVEL.match(w) for w in between):
                updates[i]["side"] = value
            break


def _emergency_cause(text: str, finding, pressed) -> bool:
    """An epidural tumour or abscess: "epidural" written before it, or between it and the sac
    it presses ("deposit ... extending into the epidural space, effacing the thecal sac")."""
    if finding.concept not in ("malignancy", "infection"):
        return False
    ends = [p.start for p in pressed if p.start > finding.start] or [finding.end]
    around = text[max(0, finding.start - 30) : max(finding.end, min(ends))].lower()
    return "epidural" in around or "extradural" in around


def apply(
    doc,
    text: str,
    placed: list[Placed],
    s0: int,
    s1: int,
    stops: set[int],
    dm,
    previous_causes: tuple[str, ...] = (),
    carried: tuple = (),
) -> tuple[list, tuple, tuple]:
    """The sentence's findings with size, change, cause, effect (and raised tiers) filled, the
    sizes that measure a finding of the sentence before ("it measures 9 mm"), and the sizes of
    a lesion this sentence leaves unnamed, for the next sentence to name.

    `previous_causes`: what can press in the sentence before, for "It compresses the sac".
    `carried`: the sizes of an unnamed lesion in the sentence before ("A 12 mm lesion in L4.
    Appearances are typical of a haemangioma.")."""
    kb = knowledge.load()
    m = pipeline.matchers()
    updates: dict[int, dict] = {i: {} for i in range(len(placed))}
    index = {id(p): i for i, p in enumerate(placed)}

    span = doc[s0:s1]
    orphans: list[SizeMention] = []
    unclaimed: list[SizeMention] = []
    unexplained = [(s, e) for _i, s, e in dm.unexplained_cause if s >= s0 and e <= s1]
    named = _named_next(doc, placed, s0, s1) if carried else None
    if named is not None:
        updates[index[id(named)]]["size"] = list(carried)
    last: tuple[int, list] | None = None  # where the last size ended, and what it measured
    earlier: list[tuple[Placed, SizeMention]] = []  # a finding and the size it had before
    reach = knowledge.load().cues["reach"]
    for size in find_sizes(text, span.start_char, span.end_char):
        tokens = doc.char_span(size.start, size.end, alignment_mode="expand")
        if tokens is None:
            continue
        # "measuring 9 mm AP (previously 5 mm) and extending 6 mm caudally": how far the same
        # finding reaches, joined to its size by "and extending"
        if last is not None and reach.match(" ".join(_words(doc, tokens.start - 2, tokens.start))):
            for p in dict.fromkeys(last[1]):
                updates[index[id(p)]].setdefault("size", []).append(size)
            continue
        if _earlier(doc, tokens.start, tokens.end, s1):
            # "(previously 30%)", "(4mm previously)": the size it had, not has; right after
            # the size it has, the change between them ("a 6 mm retrolisthesis of L2 on L3,
            # previously 3 mm": larger, round 50)
            if (
                last is not None
                and tokens.start - last[0] <= 9
                and _earlier(doc, tokens.start, tokens.end, s1, views=False)
            ):
                seldom = set(knowledge.load().size.seldom_measured)
                earlier.extend(
                    (p, size) for p in dict.fromkeys(last[1]) if p.finding.concept not in seldom
                )
            continue
        lead = _words(doc, s0, tokens.start)
        if ":" in lead:  # "NB: About 4 cm, ovarian cyst": a label before the size
            lead = lead[len(lead) - lead[::-1].index(":") :]
        opening = _count(lead) == 0
        targets = _structure_measured(doc, placed, s0, tokens.start)
        if not targets:
            targets = _size_targets(doc, placed, tokens.start, tokens.end, stops, opening)
        if not targets:
            targets = _characterised(doc, placed, tokens.start, tokens.end, unexplained, s1)
        if not targets:
            targets = _part_measured(doc, placed, s0, tokens.start)
        if not targets:
            targets = _listed_measured(doc, placed, s0, tokens.start)
        if _AORTA.search(text[span.start_char : span.end_char]):
            # an aorta's diameter is the aneurysm's, said or ruled out ("not aneurysmal")
            targets += [p for p in placed if p.finding.concept == "aortic_aneurysm"]
        for p in dict.fromkeys(targets):
            found = updates[index[id(p)]].setdefault("size", [])
            found.append(size)
        if targets:
            last = (tokens.end, list(targets))
        if not targets and {"it", "this", "which"} & set(_words(doc, s0, tokens.start)):
            orphans.append(size)  # "where it measures 9 mm": the finding of the sentence before
        elif not targets and any(abs(us - tokens.end) <= 6 for us, _ue in unexplained):
            unclaimed.append(size)  # "a 12 mm lesion": the next sentence may say what it is

    changes = pipeline.longest([x for x in dm.change if x[1] >= s0 and x[2] <= s1])
    for rule_index, s, e in changes:
        rule = m.change_rules[rule_index]
        for p in _change_targets(doc, placed, rule, s, e, stops):
            # "no new fracture" is no change; a lesion read as benign keeps its own
            if rule.value == "none" or (
                p.finding.assertion == "negated"
                and rule.value != "resolved"
                and p.finding.hedge is None
            ):
                continue
            updates[index[id(p)]].setdefault("change", rule.value)
    for p, before in earlier:
        now = [z for z in updates[index[id(p)]].get("size", []) if z.unit == before.unit]
        if now and "change" not in updates[index[id(p)]]:
            value = now[0].value
            updates[index[id(p)]]["change"] = (
                "larger"
                if value > before.value
                else "smaller"
                if value < before.value
                else "unchanged"
            )

    spans = [(p.start, p.end) for p in placed]
    for i, p in enumerate(placed):
        if p.finding.concept not in kb.cause.effects or p.finding.assertion == "negated":
            continue
        cue_first = p.cue is not None and p.anchor is not None and p.cue[0] < p.anchor[0]
        if p.anchor is not None and (
            p.finding.concept not in kb.cause.need_causal_link or cue_first
        ):
            lo_limit = p.cue[1] if p.cue and p.cue[1] <= p.anchor[0] else s0
            updates[i]["effect"] = _effect_text(doc, p, lo_limit)
        causes: tuple[str, ...] = ()
        target = min(p.start, p.cue[0] if p.cue else p.start)
        # "compressing the thecal sac and encroaching the exit canals": both by one cause
        earlier = [j for j in range(len(placed)) if j != i and placed[j].end <= target]
        if earlier:
            j = max(earlier, key=lambda k: placed[k].end)
            gap = _words(doc, placed[j].end, target)
            acting = p.cue is not None and p.anchor is not None and p.cue[0] < p.anchor[0]
            if (
                updates[j].get("causes")
                and acting
                and len(gap) <= 4
                and {"and", ","} & set(gap)
                and "with" not in gap
                and not any(w in HARD_STOPS for w in gap)
            ):
                causes = updates[j]["causes"]
        if not causes:
            causes = _cause_of(doc, placed, p, unexplained, spans)
        # "... is a synovial cyst which has enlarged. The cyst compresses the sac": the
        # sentence opens by naming what the sentence before found
        noun = doc[s0 + 1].lower_ if s0 + 1 < len(doc) else ""
        named_back = (
            doc[s0].lower_ in ("the", "this", "that", "these")
            and any(
                noun.removesuffix("s") in c.split("_") or c in kb.cause.back_nouns.get(noun, ())
                for c in previous_causes
            )
            # "The foraminal stenosis has progressed": the finding itself, not its cause
            and noun.removesuffix("s") not in p.finding.concept.split("_")
        )
        if not causes and previous_causes and (_refers_back(doc, s0, p, target) or named_back):
            causes = tuple(
                c
                for c in previous_causes
                if not (
                    p.finding.concept in kb.cause.need_causal_link
                    and c in kb.cause.need_causal_link
                )
            )
            # "The extrusion ... resulting in severe canal stenosis. It effaces the sac": "it" is
            # the extrusion, not the narrowing it causes
            solid = tuple(c for c in causes if c not in kb.cause.need_causal_link)
            causes = solid or causes
            # "This cyst ... compresses the L5 root": the one the words name
            if doc[s0].lower_ in ("this", "the", "these", "that") and s0 + 1 < len(doc):
                named = tuple(
                    c
                    for c in causes
                    if noun.removesuffix("s") in c.split("_")
                    or c in kb.cause.back_nouns.get(noun, ())
                )
                causes = named or causes
        # "Broad-based disc bulge with a superimposed small central protrusion. Together with
        # bilateral facet arthropathy ..., these produce moderate central canal stenosis": the
        # findings of the sentence before act too
        if causes and previous_causes and THESE_ACT.search(doc[s0:s1].text):
            causes = tuple(
                dict.fromkeys(
                    (*(c for c in previous_causes if c not in kb.cause.need_causal_link), *causes)
                )
            )
        if causes:
            updates[i]["causes"] = causes
            updates[i]["cause"] = causes[0]

    _sides(doc, dm, placed, s0, s1, updates)
    # a change is the finding's own: "an unchanged protrusion abutting the S1 root" says
    # nothing of the contact's change (tests/devset/LABELLING.md: no change is inferred)

    out = []
    for i, p in enumerate(placed):
        finding = p.finding
        fields = updates[i]
        if "size" in fields:
            fields["size"] = tuple(_size_type()(z.value, z.unit, z.text) for z in fields["size"])
        tier = finding.tier
        by_severity = kb.cause.severity_tier.get(finding.concept, {})
        if (
            finding.severity in by_severity
            and TIER_RANK[by_severity[finding.severity]] > TIER_RANK[tier]
        ):
            tier = by_severity[finding.severity]
        if finding.concept in kb.cause.raise_tier and finding.assertion != "negated":
            for cause in fields.get("causes", ()):
                if TIER_RANK[kb.concepts[cause].tier if cause in kb.concepts else "minor"] == 3:
                    tier = "urgent"
                    # the urgent cause first: `urgent` lists it
                    fields["cause"] = cause
                    fields["causes"] = (cause,) + tuple(c for c in fields["causes"] if c != cause)
                    break
        fields["tier"] = tier
        out.append(dataclasses.replace(finding, **fields))
    # an epidural tumour or abscess pressing on the sac, cord or cauda equina is an emergency
    pressed = [
        f
        for f in out
        if f.causes
        and f.concept in ("thecal_sac_indentation", "cauda_equina_compression")
        and f.assertion in ("present", "uncertain")
    ]
    pressing = {c for f in pressed for c in f.causes}
    out = [
        dataclasses.replace(f, emergency=True)
        if f.concept in pressing
        and f.assertion in ("present", "uncertain")
        and _emergency_cause(text, f, pressed)
        else f
        for f in out
    ]
    out += _other_sides(doc, dm, placed, out, s0, s1)
    return (
        out,
        tuple(_size_type()(z.value, z.unit, z.text) for z in orphans),
        tuple(unclaimed),
    )


_GRADING = {"mild", "moderate", "severe", "marked", "minimal", "slight", "significant", "and", "to"}


def _other_sides(doc, dm, placed: list[Placed], out: list, s0: int, s1: int) -> list:
    """ "moderate right and mild left foraminal stenosis": one finding written with two sides is
    two mentions, one a side (docs/domain.md section 4.6)."""
    kb = knowledge.load()
    m = pipeline.matchers()
    written = [
        (m.side_values[k], s, e)
        for k, s, e in pipeline.longest([x for x in dm.side if x[1] >= s0 and x[2] <= s1])
    ]
    words = set(kb.side_modifiers) | _GRADING
    extra = []
    for p, finding in zip(placed, out, strict=True):
        if finding.side not in ("left", "right") or finding.concept in kb.cause.side_on_structure:
            continue
        # "Moderate left and severe right foraminal narrowing, the right L4 nerve root being
        # compressed": a structure's own side word says which one is pressed
        if p.anchor is not None and any(
            p.anchor[0] - 3 <= s < p.anchor[1] and (p.cue is None or s >= p.cue[1])
            for _v, s, _e in written
        ):
            continue
        lo, sides = p.start, []
        for value, s, e in sorted(written, key=lambda w: -w[2]):
            if e > lo:
                continue
            if not all(w in words for w in _words(doc, e, lo)):
                break
            sides.append((value, s))
            lo = s
        others = [(v, s) for v, s in sides if v in ("left", "right") and v != finding.side]
        if others and "and" in _words(doc, lo, p.start):
            side, at = others[0]
            # its own grading word, right before its side ("moderate right")
            graded = [
                (m.severity_values[k], gs, ge)
                for k, gs, ge in pipeline.longest(
                    [x for x in dm.severity if x[1] >= s0 and x[2] <= s1]
                )
                if at - 2 <= ge <= at
            ]
            severity, severity_text = (
                (graded[-1][0], doc[graded[-1][1] : graded[-1][2]].text) if graded else (None, None)
            )
            extra.append(
                dataclasses.replace(
                    finding, side=side, severity=severity, severity_text=severity_text
                )
            )
    return extra


def _size_type():
    from .findings import Size

    return Size
